import { Readable } from 'node:stream';

/** The hostile HTML a server error body might carry; the widget must never render it. */
const HOSTILE_HTML = '<img src=x onerror="window.__hcpPwned=\'error body\'"><script>window.__hcpPwned="error body"</script>';

/**
 * Hostile answers for the security tests, generated on the fly (nothing large is committed):
 *
 * - `GET /hostile/catalog?json=<url-encoded JSON>` serves that JSON as a catalog;
 * - `GET /hostile/catalog-5mb` a valid-looking 5 MB catalog; `?chunked` without Content-Length;
 * - `GET /hostile/catalog-cookie` a catalog whose version says whether cookies or a full referrer came;
 * - `GET /hostile/catalog-nested` JSON nested 100,000 levels deep;
 * - `GET /hostile/catalog-slow` answers after 15 s (longer than the widget waits);
 * - `POST /hostile/refuse` answers 422 with an HTML body full of script.
 */
export async function hostileRoutes(ctx, next) {
  switch (ctx.path) {
    case '/hostile/catalog':
      ctx.type = 'application/json';
      ctx.body = String(ctx.query.json ?? '{}');
      return;
    case '/hostile/catalog-cookie': {
      // The catalog version tells the test whether the request carried cookies or a full referrer.
      const referrer = new URL(ctx.get('Referer') || 'http://x/');
      const full = /[?#]|\/\w/.test(referrer.pathname + referrer.search);
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({
        version: `${ctx.get('Cookie') ? 'cookie' : 'no-cookie'}.${full ? 'full-referrer' : 'origin-referrer'}`,
        tags: [{ code: 'B1', label: '饼干', verdict: 'bad' }],
      });
      return;
    }
    case '/hostile/catalog-5mb': {
      const body = JSON.stringify({
        version: 'huge-1',
        tags: [{ code: 'N01', label: '服'.repeat((5 * 1024 * 1024) / 3), verdict: 'bad' }],
      });
      ctx.type = 'application/json';
      ctx.body = ctx.query.chunked !== undefined ? Readable.from(chunksOf(body, 64 * 1024)) : body;
      return;
    }
    case '/hostile/catalog-nested':
      ctx.type = 'application/json';
      ctx.body = `{"version":"deep","tags":[{"code":"N01","verdict":"bad","label":${'{"a":'.repeat(100_000)}"x"${'}'.repeat(100_000)}}]}`;
      return;
    case '/hostile/catalog-slow':
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      ctx.type = 'application/json';
      ctx.body = '{"version":"slow-1","tags":[{"code":"B1","label":"太慢","verdict":"bad"}]}';
      return;
    case '/hostile/refuse':
      for await (const _ of ctx.req); // drain the request
      ctx.status = 422;
      ctx.type = 'text/html';
      ctx.body = HOSTILE_HTML;
      return;
    default:
      return next();
  }
}

function* chunksOf(text, size) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
