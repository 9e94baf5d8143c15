import { hostileRoutes } from './hostile-endpoint.mjs';

/**
 * A real HTTP endpoint inside the test server, so browser tests see what an evaluation
 * endpoint receives: `POST /test-endpoint/<bin>?status=503` records the request and answers
 * with that status (default 201), or `?failFirst=2&status=503` answers 503 twice, then 201;
 * `GET /test-endpoint/<bin>` returns what was recorded.
 */
export function testEndpoint() {
  const bins = new Map();
  return async (ctx, next) => {
    if (ctx.path.startsWith('/hostile/')) return hostileRoutes(ctx, next);
    const match = /^\/test-endpoint\/([\w-]+)$/.exec(ctx.path);
    if (!match) return next();
    const bin = match[1];
    if (ctx.method === 'POST') {
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      const received = bins.get(bin) ?? [];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: ctx.req.headers,
        url: ctx.url,
      });
      bins.set(bin, received);
      const failing = ctx.query.failFirst === undefined || received.length <= Number(ctx.query.failFirst);
      ctx.status = failing ? Number(ctx.query.status ?? 201) : 201;
      if (ctx.query.retryAfter) ctx.set('Retry-After', String(ctx.query.retryAfter));
      ctx.body = ctx.status >= 400 ? { error: 'test endpoint answered ' + ctx.status } : { ok: true };
      return;
    }
    ctx.body = bins.get(bin) ?? [];
  };
}
