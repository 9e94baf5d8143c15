/**
 * The demo web server: the demo pages, the built SDK under /dist/ and the reference
 * collector under /api/ (collector.mjs: the deployable collector's request handler from
 * collector/, on SQLite, plus the demo's listing, statistics and fault switch), on one
 * origin. Localhost only, no network. For production, see `npx haochaping-collector`.
 *
 *   npm start                      build, then serve on http://localhost:8000/
 *   PORT=8001 node demo/server.mjs another port
 *   HCP_DB=/tmp/e.sqlite           another database file (default demo/data/evaluations.sqlite)
 *   HCP_FAULT=503x3                start with a simulated outage: 503 for the next 3 POSTs
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCollector, json } from './collector.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The SDK promises to work under a strict CSP (SPEC §6), so the demo pages are served with
 * one: no inline script or style, Trusted Types enforced.
 */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

/**
 * The CSPs of SPEC §6 exactly as integrators write them, for the CSP demo pages (one per way
 * of loading the SDK): `csp-*.html` get the strict policy, `tt-*.html` also enforce Trusted Types.
 */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'`;

/**
 * For the nonce demo pages (`csp-nonce-*.html`): the strict policy plus a style nonce, fresh for
 * every response, as browsers without constructable stylesheets (Safari < 16.4) need it.
 */
export const nonceCsp = (nonce) => `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; connect-src 'self'`;

/**
 * The uni-app (Vue 3) and Taro (React 18) H5 apps of demo/stacks/, each built into its own folder
 * by its own toolchain (test/node/demo-stacks.test.mjs installs and builds them) and served under
 * `/uni-app/` and `/taro/` with the demo's strict CSP.
 */
export const STACK_BUILDS = { 'uni-app': 'demo/stacks/uni-app/dist/build/h5', taro: 'demo/stacks/taro/dist' };

/**
 * The stack apps' policy: the demo's, without `require-trusted-types-for`. Their frameworks assign
 * `innerHTML` themselves without a Trusted Types policy (Vue 3.4 in uni-app clears the mount
 * point with it, Taro's router writes its navigation bar icons), so no page built with them can
 * require Trusted Types; the widget itself needs none of it.
 */
export const STACK_CSP = PAGE_CSP.replace("; require-trusted-types-for 'script'", '');

/**
 * The `<style>` elements Taro 4.1.11's H5 runtime inserts (its components' and its router's
 * styles, and an empty one before each is filled), allowed by hash: inline styles stay
 * forbidden. test/node/demo-stacks.test.mjs fails on any CSP violation, naming the hash a new
 * Taro version would need.
 */
export const TARO_STYLE_HASHES = [
  'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', // empty
  'sha256-onwLcReXXMpC8t/AVZyvAM4lZOtUIsaFsJ1K/gtLIhc=', // .taro-app-wrap{…} (@tarojs/components)
  'sha256-ChCglxBdvn1YI8cpS+zDIrDUXfFGsucCHWyhToGUApI=', // html,body{…}
  'sha256-yCqwyMlIf3qkEG6t6LIN2Ze9BI07FPHrNuP4Oy136vg=', // taro-view-core{display:block}
  'sha256-AXkFQlrY0FJ04c0InLDfnZ6JTsYUBXPLfLwn0Vkzgb8=', // taro-text-core{…}
  'sha256-88Kw+/7jiG2LwY+vjdqcTPwiqRqq4tiuZDv1qF17IH4=', // .taro_router{…} (@tarojs/router)
];
// Taro's components also load their icon font from a data: URL.
const TARO_CSP = `${STACK_CSP.replace("style-src 'self'", `style-src 'self' ${TARO_STYLE_HASHES.map((h) => `'${h}'`).join(' ')}`)}; font-src data:`;

function cspFor(pathname) {
  const stack = /^\/([\w-]+)\//.exec(pathname)?.[1];
  if (stack === 'taro') return TARO_CSP;
  if (Object.hasOwn(STACK_BUILDS, stack)) return STACK_CSP;
  if (/^\/csp-[\w-]+\.html$/.test(pathname)) return STRICT_CSP;
  if (/^\/tt-[\w-]+\.html$/.test(pathname)) return TRUSTED_TYPES_CSP;
  return PAGE_CSP;
}

/**
 * The file a path names, or `undefined`: `/` and `/name.html|css|js` come from demo/ (so
 * the server's own .mjs files and demo/data/ are never served), `/dist/…` from dist/.
 * Every segment must be a plain name (no `..`, no hidden files, no encoded slashes).
 */
function fileFor(pathname, root) {
  if (pathname === '/') return join(root, 'demo', 'index.html');
  if (/^\/[a-z0-9][\w-]*\.(html|css|js)$/i.test(pathname)) return join(root, 'demo', pathname.slice(1));
  const stack = /^\/([\w-]+)\//.exec(pathname)?.[1];
  if (Object.hasOwn(STACK_BUILDS, stack)) {
    if (pathname === `/${stack}/`) return join(root, STACK_BUILDS[stack], 'index.html');
    return below(join(root, STACK_BUILDS[stack]), pathname.slice(stack.length + 2));
  }
  if (!pathname.startsWith('/dist/')) return undefined;
  return below(join(root, 'dist'), pathname.slice('/dist/'.length));
}

/** `dir` joined with the URL path `rest`, or `undefined` unless every segment is a plain name. */
function below(dir, rest) {
  let segments;
  try {
    segments = rest.split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (!segments.every((s) => /^[\w-][\w.-]*$/.test(s))) return undefined;
  return join(dir, ...segments);
}

async function serveStatic(req, res, url, root) {
  const file = fileFor(url.pathname, root);
  const type = file && TYPES[extname(file)];
  const info = type && (await stat(file).catch(() => undefined));
  if (!info?.isFile()) return notFound(res, url);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('405 Method Not Allowed\n');
    return;
  }
  let body = await readFile(file);
  let csp = cspFor(url.pathname);
  if (/^\/csp-nonce-[\w-]+\.html$/.test(url.pathname)) {
    const nonce = randomBytes(16).toString('base64');
    body = Buffer.from(body.toString('utf8').replaceAll('__STYLE_NONCE__', nonce));
    csp = nonceCsp(nonce);
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'X-Content-Type-Options': 'nosniff',
    // A demo: always show the latest build.
    'Cache-Control': 'no-cache',
    ...(type.startsWith('text/html') ? { 'Content-Security-Policy': csp } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(res, url) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`404 Not Found: ${url.pathname}\n`);
}

/**
 * Starts the demo server. `port: 0` picks a free port; `dbFile` is the SQLite file
 * (created with its folder); `root` is the repository (holding demo/ and dist/);
 * `fault` starts with a simulated outage (`"503x3"` or `{ status, count, retryAfter }`).
 * Resolves to `{ url, close() }`.
 */
export async function startServer({
  port = 8000,
  host = '127.0.0.1',
  root = REPO_ROOT,
  dbFile = join(root, 'demo', 'data', 'evaluations.sqlite'),
  fault,
} = {}) {
  const collector = createCollector({ dbFile, fault });
  const server = createServer(async (req, res) => {
    try {
      let url;
      try {
        url = new URL(req.url, 'http://localhost');
      } catch {
        return json(res, 400, { error: 'malformed request target' });
      }
      if (!(await collector.handle(req, res, url))) await serveStatic(req, res, url, root);
    } catch (error) {
      console.error(`${req.method} ${req.url}:`, error);
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    collector.close();
    throw error;
  }
  const address = server.address();
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostname}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          collector.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (runDirectly) {
  if (!existsSync(join(REPO_ROOT, 'dist', 'haochaping.min.js'))) {
    console.warn('dist/haochaping.min.js is missing: run `npm run build` first (or use `npm start`, which builds).');
  }
  const port = Number(process.env.PORT ?? 8000);
  try {
    const server = await startServer({
      port,
      host: '127.0.0.1',
      ...(process.env.HCP_DB ? { dbFile: process.env.HCP_DB } : {}),
      ...(process.env.HCP_FAULT ? { fault: process.env.HCP_FAULT } : {}),
    });
    console.log(`haochaping demo: http://localhost:${server.port}/`);
    if (process.env.HCP_FAULT) console.log(`simulated fault: ${process.env.HCP_FAULT} (DELETE /api/fault or the button on the start page clears it)`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error.code === 'EADDRINUSE' ? `port ${port} is in use: try PORT=${port + 1} npm start` : error.message);
    process.exit(1);
  }
}
