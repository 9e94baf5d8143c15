/**
 * SPEC §6: pages where storage and Web Locks are denied still deliver, and say truthfully
 * that a rating would not survive a closed tab. Two real hostile environments in Chromium
 * (playwright-core), with the built script-tag bundle:
 *
 * - a profile with “Block all cookies” (`default_content_setting_values.cookies: 2`), on the
 *   demo's 办件结果 page (/service.html, posting to the reference collector on its own origin);
 * - an opaque origin: a page served with `Content-Security-Policy: sandbox allow-scripts` by a
 *   small server of this test, posting cross-origin (`Origin: null`) to the reference
 *   collector through a recording proxy.
 *
 * Each environment is first proven hostile (localStorage throws, IndexedDB does not open,
 * `navigator.locks.request` rejects), so the test fails if the browser stops enforcing it
 * rather than passing on a friendly page. Then a citizen rates with real clicks and key
 * presses, the POST is held until the status has been read while it is in flight (it must be
 * the unsaved text: nothing durable exists there), and the rating must end delivered: 已提交,
 * one `hcp-sent`, the collector storing it once. Before the fix of `_asFlusher` (a refused
 * lock request falls back to a lease) these pages said 正在提交 forever and made no POST.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const BUNDLE = fileURLToPath(new URL('../../dist/haochaping.min.js', import.meta.url));

// The widget's zh-CN texts (src/i18n/messages.ts): `sendingUnsaved` while a rating kept in
// memory only is on its way (never `sending`, 正在提交…, which durable stores get), `sent` after the 2xx.
const SENDING_UNSAVED = '正在提交，请勿关闭页面…';
const SENT = '已提交，感谢您的评价！';

let server;
let dir;
const cleanups = [];

before(async () => {
  assert.ok(existsSync(BUNDLE), 'dist/haochaping.min.js is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'hcp-hostile-'));
  server = await startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the page may use, tried the way the SDK tries it. Runs in the page. */
async function probeStorage() {
  const outcome = async (fn) => {
    try {
      await fn();
      return 'ok';
    } catch (error) {
      return `${error?.name}: ${error?.message}`;
    }
  };
  return {
    origin: self.origin,
    localStorage: await outcome(() => localStorage.length),
    locks: await outcome(() => navigator.locks.request('hcp-probe', () => 1)),
    broadcastChannel: await outcome(() => new BroadcastChannel('hcp-probe').close()),
    indexedDB: await new Promise((resolve) => {
      try {
        const request = indexedDB.open('hcp-probe', 1);
        request.onsuccess = () => {
          request.result.close();
          resolve('ok');
        };
        request.onerror = () => resolve(`error event: ${request.error?.name}: ${request.error?.message}`);
        setTimeout(() => resolve('no answer within 3 s'), 3000);
      } catch (error) {
        resolve(`throws ${error?.name}: ${error?.message}`);
      }
    }),
  };
}

/** Records the widget's events on `window` (they bubble, composed) and the page's warnings. */
async function instrument(context, page) {
  // Injected by the browser before any page script (not subject to the page's CSP or sandbox).
  await context.addInitScript(() => {
    window.__hcp = [];
    for (const type of ['hcp-queued', 'hcp-sent', 'hcp-failed']) {
      addEventListener(type, (e) => window.__hcp.push({ type, detail: { ...e.detail } }));
    }
  });
  const warnings = [];
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { warnings, problems };
}

/** A gate for the rating's POST: `arrived` once it is in flight, held until `release()`. */
function gate() {
  let arrive;
  let release;
  const arrived = new Promise((resolve) => (arrive = resolve));
  const released = new Promise((resolve) => (release = resolve));
  return { arrived, released, arrive: () => arrive(), release: () => release() };
}

/** `promise`, or a failure naming `what` after `ms`. */
async function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A citizen rates 不满意 with the reason 等待时间长 and a typed comment (real mouse clicks and
 * key presses), and presses 提交评价. While the held POST is in flight the status must read
 * `sendingText`; then the gate opens and the widget must say 已提交 within 10 s of 提交.
 */
async function rateThroughHeldPost(page, held, { comment, sendingText }) {
  const widget = page.locator('hcp-rating').first();
  // Real clicks on the controls by role and name (each radio and checkbox lies over its tile).
  await widget.getByRole('radio', { name: '不满意', exact: true }).click();
  await widget.getByRole('checkbox', { name: '等待时间长' }).click();
  await widget.getByRole('textbox').click();
  await page.keyboard.type(comment);
  const started = Date.now();
  await widget.getByRole('button', { name: '提交评价' }).click();
  await within(held.arrived, 10_000, 'the rating’s POST (none was made: delivery is stuck)');
  const status = widget.getByRole('status');
  assert.equal(await status.textContent(), sendingText, 'the status while the rating is on its way');
  held.release();
  await status.filter({ hasText: SENT }).waitFor({ timeout: Math.max(1, 10_000 - (Date.now() - started)) });
  return Date.now() - started;
}

async function stored(pagePath) {
  const { evaluations } = await (await fetch(new URL('/api/evaluations?limit=500', server.url))).json();
  return evaluations.filter((e) => new URL(e.page).pathname === pagePath);
}

/** The events the page heard, its warnings and errors: one honest queue, one delivery, no loop. */
async function assertDeliveredOnce(page, { warnings, problems }, row) {
  const events = await page.evaluate(() => window.__hcp);
  assert.deepEqual(
    events.map((e) => e.type),
    ['hcp-queued', 'hcp-sent'],
    'one hcp-queued, then one hcp-sent, no hcp-failed',
  );
  const [queued, sent] = events;
  assert.deepEqual(queued.detail, { id: row.id, durable: false }, 'hcp-queued says the rating is not durable: nothing here survives a closed tab');
  assert.deepEqual(sent.detail, { id: row.id, status: 201 });
  assert.ok(warnings.some((w) => /Web Locks refused/.test(w)), `the SDK says it gave up on Web Locks (warnings: ${JSON.stringify(warnings)})`);
  assert.deepEqual(warnings.filter((w) => /delivery pass failed/.test(w)), [], 'no failing delivery passes');
  assert.deepEqual(problems, [], 'no script errors or console errors');
}

describe('hostile environments, end to end in Chromium: the rating is delivered and the widget is honest', () => {
  it('“Block all cookies”: no localStorage, no IndexedDB, Web Locks refused — delivered once, said to be unsaved while sending', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'hcp-cookies-blocked-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    mkdirSync(join(profile, 'Default'));
    // Chromium's “Block all cookies” (chrome://settings/cookies), as the profile stores it.
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1000, height: 900 },
    });
    cleanups.push(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    const log = await instrument(context, page);
    const held = gate();
    await page.route('**/api/evaluations', async (route) => {
      if (route.request().method() === 'POST') {
        held.arrive();
        await held.released;
      }
      await route.continue();
    });

    await page.goto(new URL('/service.html', server.url).href);
    await page.locator('main hcp-rating [role=radiogroup]').waitFor({ timeout: 10_000 });

    const env = await page.evaluate(probeStorage);
    assert.match(env.localStorage, /^SecurityError/, `localStorage must throw in this profile (${env.localStorage})`);
    assert.match(env.locks, /^SecurityError/, `navigator.locks.request must reject in this profile (${env.locks})`);
    // Seen with Chromium 14x: the open fails with an error event (UnknownError: “The user
    // denied permission to access the database.”). So the rating can only be kept in memory.
    assert.notEqual(env.indexedDB, 'ok', 'IndexedDB must not open in this profile');
    assert.equal(env.origin, new URL(server.url).origin, 'a normal origin: only the cookie setting is hostile');

    const ms = await rateThroughHeldPost(page, held, { comment: '禁用 Cookie 测试', sendingText: SENDING_UNSAVED });
    const rows = await stored('/service.html');
    assert.equal(rows.length, 1, 'the collector stored the rating exactly once');
    assert.equal(rows[0].level, 2);
    assert.deepEqual(rows[0].tags, ['N08']);
    assert.equal(rows[0].comment, '禁用 Cookie 测试');
    await assertDeliveredOnce(page, log, rows[0]);
    assert.ok(ms < 10_000, `delivered ${ms} ms after 提交`);
  });

  it('an opaque origin (CSP sandbox allow-scripts): storage and Web Locks denied, Origin: null — delivered once, said to be unsaved while sending', async () => {
    const bundle = readFileSync(BUNDLE);
    const collector = new URL('/api/evaluations', server.url);
    const requests = [];
    const held = gate();
    // The page's own server: the sandboxed page, the bundle, and a recording proxy to the
    // reference collector, so the collector's own CORS answer to `Origin: null` is what the
    // browser sees, and this test sees every request the page made.
    const site = createServer(async (req, res) => {
      const path = new URL(req.url, 'http://localhost').pathname;
      if (path === '/sandboxed.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': 'sandbox allow-scripts' });
        res.end(sandboxedPage(new URL('/api/evaluations', siteUrl).href));
      } else if (path === '/dist/haochaping.min.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(bundle);
      } else if (path === '/api/evaluations') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const body = Buffer.concat(chunks);
        requests.push({ method: req.method, headers: req.headers, body: body.toString('utf8') });
        if (req.method === 'POST') {
          held.arrive();
          await held.released;
        }
        proxy(req, body, collector, res);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => (site.close(resolve), site.closeAllConnections())));
    // The config rules allow http only on localhost / 127.0.0.1: this endpoint qualifies.
    const siteUrl = `http://127.0.0.1:${site.address().port}/`;

    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const log = await instrument(context, page);
    const response = await page.goto(new URL('/sandboxed.html', siteUrl).href);
    assert.equal(response.headers()['content-security-policy'], 'sandbox allow-scripts');
    await page.locator('hcp-rating [role=radiogroup]').waitFor({ timeout: 10_000 });

    const env = await page.evaluate(probeStorage);
    assert.equal(env.origin, 'null', 'the sandboxed page has an opaque origin');
    assert.match(env.localStorage, /^SecurityError/, `localStorage must throw on an opaque origin (${env.localStorage})`);
    assert.match(env.locks, /^SecurityError/, `navigator.locks.request must reject on an opaque origin (${env.locks})`);
    assert.match(env.indexedDB, /^throws SecurityError/, `indexedDB.open must throw on an opaque origin (${env.indexedDB})`);

    await rateThroughHeldPost(page, held, { comment: '沙箱页面测试', sendingText: SENDING_UNSAVED });
    const rows = await stored('/sandboxed.html');
    assert.equal(rows.length, 1, 'the collector stored the rating exactly once');
    assert.deepEqual([rows[0].level, rows[0].tags, rows[0].comment], [2, ['N08'], '沙箱页面测试']);

    const posts = requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1, 'exactly one POST');
    assert.equal(posts[0].headers['idempotency-key'], rows[0].id, 'the POST carries the rating id as Idempotency-Key');
    assert.equal(JSON.parse(posts[0].body).id, rows[0].id);
    assert.equal(posts[0].headers.origin, 'null', 'an opaque origin sends Origin: null');
    assert.match(posts[0].headers['content-type'], /^application\/json/);
    assert.equal(posts[0].headers.cookie, undefined, 'no cookies');
    // Cross-origin with non-simple headers: the browser asked first, and the collector allowed it.
    const preflight = requests.find((r) => r.method === 'OPTIONS');
    assert.ok(preflight, 'a CORS preflight preceded the POST');
    assert.match(preflight.headers['access-control-request-headers'], /idempotency-key/);
    await assertDeliveredOnce(page, log, rows[0]);
  });
});

/** A page that loads the script-tag bundle under the sandbox CSP, with one widget posting to `endpoint`. */
function sandboxedPage(endpoint) {
  return `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>沙箱页面（不透明源）</title></head>
  <body>
    <main>
      <h1>沙箱页面</h1>
      <hcp-rating endpoint="${endpoint}" task-code="11440300MB2D00000X4440111003000" task-name="港澳通行证签注"></hcp-rating>
    </main>
    <script src="/dist/haochaping.min.js"></script>
  </body>
</html>`;
}

/** Forwards a request (method, the headers that matter for CORS and the contract, body) and relays the answer. */
function proxy(req, body, target, res) {
  const headers = {};
  for (const name of ['origin', 'content-type', 'idempotency-key', 'access-control-request-method', 'access-control-request-headers']) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  const forward = httpRequest(target, { method: req.method, headers: { ...headers, 'content-length': body.length } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.writeHead(502).end());
  forward.end(body);
}
