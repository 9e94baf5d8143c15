#!/usr/bin/env node
/**
 * `npm run bench` (`-- --quick` for a fast, smaller run): haochaping against Sentry's user-feedback
 * widget and against the floor (a bare Lit element, raw idb-keyval, raw fetch), all in one run of
 * headless Chromium (playwright-core, /usr/bin/chromium). Prints a table and writes
 * bench/results.json. Needs `npm run build` first (it measures dist/haochaping.min.js).
 *
 *   bytes       brotli (quality 11) of each bundle as served
 *   render      script start → first render complete, fresh context per load
 *   enqueue     trusted click on 提交 → `hcp-queued`, vs `idb-keyval.set` of the same payload, and
 *               vs a trusted click on a bare button whose handler makes that same set
 *   delivery    N ratings queued by real clicks while the network hangs, then `Haochaping.flush()`
 *               to the reference collector (SQLite), vs sequential `fetch` of the same bodies
 *   fifty       50 widgets mounted on one page: time and JS heap, vs 50 bare Lit elements
 */
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCollector } from '../demo/collector.mjs';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { sizes } from '../scripts/size.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD = join(ROOT, 'bench', '.build');

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    loads: { type: 'string' },
    ratings: { type: 'string' },
    out: { type: 'string' },
    serve: { type: 'boolean', default: false },
  },
});
const N = {
  loads: Number(opts.loads ?? (opts.quick ? 5 : 20)),
  ratings: Number(opts.ratings ?? (opts.quick ? 60 : 1000)),
  fiftyLoads: opts.quick ? 3 : 10,
};
const OUT = opts.out ?? join(ROOT, 'bench', opts.quick ? 'results-quick.tmp.json' : 'results.json');

// ---------------------------------------------------------------- bundles

async function bundle(entry, file) {
  const build = await rollup({
    input: join(ROOT, 'bench', 'fixtures', entry),
    onwarn: () => {},
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true }),
      commonjs(),
      terser({ format: { comments: false }, compress: { passes: 2 } }),
    ],
  });
  await build.write({ file: join(BUILD, file), format: 'iife' });
  await build.close();
}

async function buildAll() {
  await stat(join(ROOT, 'dist', 'haochaping.min.js')).catch(() => {
    throw new Error('dist/haochaping.min.js is missing: run `npm run build` first');
  });
  await mkdir(BUILD, { recursive: true });
  await Promise.all([
    bundle('lit-floor.js', 'lit-floor.js'),
    bundle('sentry-feedback.js', 'sentry-feedback.js'),
    bundle('idb-floor.js', 'idb-floor.js'),
  ]);
}

// ---------------------------------------------------------------- server

const SCRIPTS = {
  ours: '/dist/haochaping.min.js',
  sentry: '/bench/.build/sentry-feedback.js',
  floor: '/bench/.build/lit-floor.js',
};

/**
 * Pages. The clock starts when the bundle's last byte has arrived (its resource timing
 * `responseEnd`), so it covers parsing, evaluation and the first render, not the localhost fetch.
 */
function page(kind, port) {
  const done = `window.__t1 = performance.now();
    window.__t0 = performance.getEntriesByType('resource').find((e) => e.name.endsWith(${JSON.stringify(SCRIPTS[kind] ?? '')})).responseEnd;`;
  const render = {
    ours: `const el = document.createElement('hcp-rating'); el.setAttribute('endpoint', '/api/evaluations');
           document.body.append(el); el.updateComplete.then(() => { ${done} });`,
    floor: `const el = document.createElement('floor-element'); document.body.append(el);
            el.updateComplete.then(() => { ${done} });`,
    sentry: `window.benchSentry('http://public@127.0.0.1:${port}/1').then(function poll() {
               const root = document.querySelector('#sentry-feedback')?.shadowRoot;
               if (root?.querySelector('form')) { ${done} } else requestAnimationFrame(poll);
             });`,
    blank: '',
  }[kind];
  const bundleTag = kind === 'blank' ? '<script src="/bench/.build/idb-floor.js"></script>' : `<script src="${SCRIPTS[kind]}"></script>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench ${kind}</title>${bundleTag}</head>
<body><main id="root"></main><script>${render}</script></body></html>`;
}

/** Served from memory after the first read: the disk must not add noise to load timings. */
const FILES = new Map();
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

async function startBenchServer(dbFile) {
  const collector = createCollector({ dbFile });
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (await collector.handle(req, res, url)) return;
      const pageMatch = url.pathname.match(/^\/page\/(ours|sentry|floor|blank)$/);
      if (pageMatch) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return res.end(page(pageMatch[1], server.address().port));
      }
      // Only our bundle and the bench's own builds; each URL path is the file's path in the repository.
      if (url.pathname !== SCRIPTS.ours && !/^\/bench\/\.build\/[\w-]+\.js$/.test(url.pathname)) {
        res.writeHead(404).end();
        return;
      }
      const file = join(ROOT, url.pathname.slice(1));
      const body = FILES.get(file) ?? (await readFile(file));
      FILES.set(file, body);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)], 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    collector,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => { collector.close(); resolve(); }); }),
  };
}

// ---------------------------------------------------------------- statistics

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

// ---------------------------------------------------------------- measurements

async function measureRender(browser, origin, kind) {
  const samples = [];
  for (let i = 0; i < N.loads; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${origin}/page/${kind}`);
    await p.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 20_000 });
    samples.push(await p.evaluate(() => window.__t1 - window.__t0));
    await context.close();
  }
  return stats(samples);
}

/**
 * Queues N ratings by real clicks while every POST hangs (a dead network that neither answers
 * nor fails), then releases the network and times `Haochaping.flush()` until nothing is pending.
 */
async function measureEnqueueAndDelivery(browser, server) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const held = [];
  let holding = true;
  const hang = (route) => (holding ? held.push(route) : route.continue().catch(() => {}));
  await p.route('**/api/evaluations', hang);
  await p.goto(`${server.origin}/page/blank`);
  await p.addScriptTag({ url: SCRIPTS.ours });
  await p.evaluate(() => {
    window.__queued = [];
    window.__floor = [];
    document.addEventListener('click', () => { window.__clickAt = performance.now(); }, true);
    document.addEventListener('hcp-submit', (e) => { window.__payload = e.detail; });
    document.addEventListener('hcp-queued', (e) => {
      window.__queued.push({ ms: performance.now() - window.__clickAt, durable: e.detail.durable, id: e.detail.id });
      window.__onQueued?.();
    });
    window.__mount = async () => {
      const el = document.createElement('hcp-rating');
      el.setAttribute('endpoint', '/api/evaluations');
      el.setAttribute('task-code', 'BENCH-001');
      document.querySelector('main').replaceChildren(el);
      await el.updateComplete;
    };
    window.__armQueued = () => {
      const before = window.__queued.length;
      window.__next = new Promise((resolve) => {
        window.__onQueued = () => window.__queued.length > before && resolve();
      });
    };
    // A second floor: the same kind of trusted click, on a bare button whose handler makes that
    // write. After a click Chromium renders a frame before it runs IndexedDB's callbacks, so
    // click → committed costs a frame whatever the write; this floor pays it too.
    window.__clickFloor = [];
    const button = document.createElement('button');
    button.id = 'click-floor';
    button.textContent = 'floor';
    document.body.append(button);
    button.addEventListener('click', () => {
      const at = window.__clickAt;
      window.__clickFloorDone = window
        .idbSet(`bench-click-${window.__payload.id}`, window.__payload)
        .then(() => window.__clickFloor.push(performance.now() - at));
    });
    /** The floor for the rating just queued: one idb-keyval write of the same payload. */
    window.__floorWrite = async () => {
      await window.__next;
      const t = performance.now();
      await window.idbSet(`bench-${window.__payload.id}`, window.__payload);
      window.__floor.push(performance.now() - t);
    };
  });
  const levels = [5, 4, 3];
  // The outbox holds at most 500 waiting ratings (it refuses the 501st rather than drop one),
  // so N ratings are queued and flushed in batches of up to 500.
  const BATCH = 500;
  const delivery = { ms: 0, firstPassMs: 0, stored: 0, pending: 0, stalled: false };
  for (let done = 0; done < N.ratings; done += BATCH) {
    const n = Math.min(BATCH, N.ratings - done);
    if (done > 0) {
      holding = true;
      await p.route('**/api/evaluations', hang);
    }
    const before = server.collector.stats().total;
    for (let i = 0; i < n; i++) {
      await p.evaluate(() => window.__mount());
      await p.locator(`hcp-rating #choice-${levels[i % levels.length]}`).click();
      await p.evaluate(() => window.__armQueued());
      await p.locator('hcp-rating button.submit').click();
      await p.evaluate(() => window.__floorWrite());
      await p.locator('#click-floor').click();
      await p.evaluate(() => window.__clickFloorDone);
    }
    const { count, pending } = await p.evaluate(async () => ({ count: window.__queued.length, pending: await window.Haochaping.pending() }));
    if (count !== done + n) throw new Error(`expected ${done + n} hcp-queued events, got ${count}`);
    if (pending !== n) throw new Error(`expected ${n} pending ratings before delivery, got ${pending}`);

    // The network comes back: interception ends (it would slow every request), requests still
    // hanging go through, and the page flushes.
    holding = false;
    await p.unroute('**/api/evaluations', hang);
    const flushing = p.evaluate(async () => {
      const start = performance.now();
      let result = await window.Haochaping.flush();
      const firstPassMs = performance.now() - start;
      // Later passes pick up a rating whose held request had timed out; stop when one changes nothing.
      for (let round = 0; round < 10 && result.pending > 0; round++) {
        const before = result.pending;
        result = await window.Haochaping.flush();
        if (result.pending === before) break;
      }
      return { ms: performance.now() - start, firstPassMs, result };
    });
    for (const route of held.splice(0)) route.continue().catch(() => {});
    const delivered = await flushing;
    const stored = server.collector.stats().total - before;
    delivery.ms += delivered.ms;
    delivery.firstPassMs += delivered.firstPassMs;
    delivery.stored += stored;
    delivery.pending += delivered.result.pending;
    if (delivered.result.pending !== 0 || stored !== n) {
      delivery.stalled = true;
      console.error(`delivery stalled: ${stored} of ${n} stored, outbox says ${JSON.stringify(delivered.result)}`);
      break;
    }
  }
  const { queued, floor, clickFloor } = await p.evaluate(() => ({ queued: window.__queued, floor: window.__floor, clickFloor: window.__clickFloor }));
  await context.close();
  return {
    enqueue: stats(queued.map((q) => q.ms)),
    durable: queued.every((q) => q.durable),
    floor: stats(floor),
    clickFloor: stats(clickFloor),
    // When delivery stalls, the rate is that of the ratings delivered during the first pass.
    delivery: delivery.stalled
      ? { ratings: N.ratings, delivered: delivery.stored, stalled: true, pending: delivery.pending, ms: delivery.firstPassMs, perSecond: (delivery.stored / delivery.firstPassMs) * 1000 }
      : { ratings: N.ratings, delivered: delivery.stored, ms: delivery.ms, perSecond: (N.ratings / delivery.ms) * 1000 },
    ids: queued.map((q) => q.id),
  };
}

/** The floor for delivery: the same bodies (fresh ids), one plain `fetch` after another. */
async function measureRawFetch(browser, server, dbFile, ids) {
  const db = new Database(dbFile, { readonly: true });
  const get = db.prepare('SELECT body FROM evaluations WHERE id = ?').pluck();
  const bodies = ids.map((id) => get.get(id)).filter(Boolean);
  db.close();
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(`${server.origin}/page/blank`);
  const before = server.collector.stats().total;
  const ms = await p.evaluate(async (bodies) => {
    // New ids so the collector stores each one instead of answering "duplicate".
    const fresh = bodies.map((b) => {
      const body = JSON.parse(b);
      body.id = crypto.randomUUID();
      return [body.id, JSON.stringify(body)];
    });
    const start = performance.now();
    for (const [id, body] of fresh) {
      const response = await fetch('/api/evaluations', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
      });
      if (!response.ok) throw new Error(`raw fetch got ${response.status}`);
    }
    return performance.now() - start;
  }, bodies);
  const stored = server.collector.stats().total - before;
  if (stored !== bodies.length) throw new Error(`raw fetch stored ${stored} of ${bodies.length}`);
  await context.close();
  return { ratings: bodies.length, ms, perSecond: (bodies.length / ms) * 1000 };
}

async function measureFifty(browser, origin, kind) {
  const times = [];
  const heaps = [];
  for (let i = 0; i < N.fiftyLoads; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${origin}/page/blank`);
    await p.addScriptTag({ url: SCRIPTS[kind] });
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    };
    const h0 = await heap();
    const ms = await p.evaluate(async (tag) => {
      const start = performance.now();
      const els = [];
      for (let n = 0; n < 50; n++) {
        const el = document.createElement(tag);
        if (tag === 'hcp-rating') el.setAttribute('endpoint', '/api/evaluations');
        els.push(el);
      }
      document.querySelector('main').append(...els);
      await Promise.all(els.map((el) => el.updateComplete));
      return performance.now() - start;
    }, kind === 'ours' ? 'hcp-rating' : 'floor-element');
    const h1 = await heap();
    times.push(ms);
    heaps.push(h1 - h0);
    await context.close();
  }
  return { mount: stats(times), heap: stats(heaps) };
}

// ---------------------------------------------------------------- machine

function machine(browserVersion) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {}
  // Other work on the machine shows up as spread (min–max): record how busy it was.
  return { nproc, cpu: model, chromium: browserVersion, node: process.version, loadAverage1m: loadavg()[0], date: new Date().toISOString() };
}

// ---------------------------------------------------------------- report

const f = (n, digits = 1) => (n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const range = (s, unit = 'ms', d = 1) => `${f(s.median, d)} ${unit} (${f(s.min, d)}–${f(s.max, d)})`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

function table(r) {
  const rows = [
    ['bytes over the wire (brotli)', `${r.bytes.ours.toLocaleString('en-US')} B`, `${r.bytes.sentry.toLocaleString('en-US')} B`, `${r.bytes.floor.toLocaleString('en-US')} B (bare Lit element)`, ratio(r.bytes.ours, r.bytes.floor)],
    [`script eval + first render, median (min–max), ${r.render.ours.n} loads`, range(r.render.ours), range(r.render.sentry), `${range(r.render.floor)} (bare Lit element)`, ratio(r.render.ours.median, r.render.floor.median)],
    [`enqueue: click on 提交 → hcp-queued, p50 / p95 (min–max), ${r.enqueue.ours.n} ratings, durable: ${r.enqueue.durable}`, `${f(r.enqueue.ours.median, 2)} / ${f(r.enqueue.ours.p95, 2)} ms (${f(r.enqueue.ours.min, 2)}–${f(r.enqueue.ours.max, 2)})`, '—', `${f(r.enqueue.floor.median, 2)} / ${f(r.enqueue.floor.p95, 2)} ms (${f(r.enqueue.floor.min, 2)}–${f(r.enqueue.floor.max, 2)}) (idb-keyval set)`, ratio(r.enqueue.ours.median, r.enqueue.floor.median)],
    [`enqueue, floor with a click: click on a bare button → the same idb-keyval set, p50 / p95 (min–max)`, '—', '—', `${f(r.enqueue.clickFloor.median, 2)} / ${f(r.enqueue.clickFloor.p95, 2)} ms (${f(r.enqueue.clickFloor.min, 2)}–${f(r.enqueue.clickFloor.max, 2)})`, `${ratio(r.enqueue.ours.median, r.enqueue.clickFloor.median)} (ours ÷ this floor)`],
    [`delivery: ${r.delivery.ours.ratings} queued ratings → collector`, r.delivery.ours.stalled ? `**stalled after ${r.delivery.ours.delivered}**; ${f(r.delivery.ours.perSecond, 0)} ratings/s until then` : `${f(r.delivery.ours.perSecond, 0)} ratings/s (${f(r.delivery.ours.ms / 1000, 2)} s)`, '—', `${f(r.delivery.floor.perSecond, 0)} ratings/s (${r.delivery.floor.ratings} in ${f(r.delivery.floor.ms / 1000, 2)} s) (sequential fetch)`, ratio(r.delivery.floor.perSecond, r.delivery.ours.perSecond) + ' slower'],
    [`50 widgets: mount, median (min–max), ${r.fifty.ours.mount.n} pages`, range(r.fifty.ours.mount), '—', `${range(r.fifty.floor.mount)} (50 bare Lit elements)`, ratio(r.fifty.ours.mount.median, r.fifty.floor.mount.median)],
    ['50 widgets: JS heap growth, median (min–max)', range(scale(r.fifty.ours.heap, 1 / 1024), 'KiB', 0), '—', `${range(scale(r.fifty.floor.heap, 1 / 1024), 'KiB', 0)} (50 bare Lit elements)`, ratio(r.fifty.ours.heap.median, r.fifty.floor.heap.median)],
  ];
  return ['| measure | haochaping | Sentry feedback | floor | ours ÷ floor |', '|---|--:|--:|--:|--:|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function scale(s, k) {
  return Object.fromEntries(Object.entries(s).map(([key, v]) => [key, key === 'n' ? v : v * k]));
}

// ---------------------------------------------------------------- main

await buildAll();
const dir = await mkdtemp(join(tmpdir(), 'hcp-bench-'));
const dbFile = join(dir, 'bench.sqlite');
const server = await startBenchServer(dbFile);
if (opts.serve) {
  // `--serve`: only the pages (/page/ours, /page/sentry, /page/floor), to look at them by hand.
  console.log(server.origin);
  await new Promise((resolve) => process.once('SIGINT', resolve));
}
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const bytes = {};
  for (const [kind, path] of Object.entries(SCRIPTS)) bytes[kind] = sizes(await readFile(join(ROOT, path.slice(1)))).brotli;
  console.error(`bench: ${N.loads} loads, ${N.ratings} ratings, ${N.fiftyLoads} × 50 widgets`);
  const render = {};
  for (const kind of ['ours', 'sentry', 'floor']) {
    render[kind] = await measureRender(browser, server.origin, kind);
    console.error(`render ${kind}: ${range(render[kind])}`);
  }
  const queued = await measureEnqueueAndDelivery(browser, server);
  console.error(`enqueue: ${range(queued.enqueue, 'ms', 2)}, delivery ${f(queued.delivery.perSecond, 0)}/s`);
  const rawFetch = await measureRawFetch(browser, server, dbFile, queued.ids);
  const fifty = { ours: await measureFifty(browser, server.origin, 'ours'), floor: await measureFifty(browser, server.origin, 'floor') };
  const results = {
    machine: machine(browser.version()),
    command: `npm run bench${opts.quick ? ' -- --quick' : ''}`,
    bytes,
    render,
    enqueue: { ours: queued.enqueue, floor: queued.floor, clickFloor: queued.clickFloor, durable: queued.durable },
    delivery: { ours: queued.delivery, floor: rawFetch },
    fifty,
  };
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine;
  console.log(table(results));
  console.log(`\n${m.nproc} × ${m.cpu}, Chromium ${m.chromium}, Node ${m.node}, load average ${m.loadAverage1m.toFixed(1)}; written to ${OUT.replace(ROOT, '')}`);
} finally {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
