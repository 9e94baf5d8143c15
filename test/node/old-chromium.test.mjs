/**
 * The floor, for real: the script-tag bundle in real headless Chromium 69 (the UC U4 kernel of
 * Alipay and DingTalk reads `Chrome/69`) and 80 (a domestic/信创 browser core), fetched from npm
 * (test/support/old-chromium.mjs), driven over the DevTools protocol with trusted input — a
 * rating by mouse, by keyboard, by touch on a phone; a 差评 with a reason tag and a typed
 * comment; the endpoint down, then delivered on the next visit; the tab closed right after 提交;
 * the floating launcher; 长辈模式; axe in each state. Below the floor (Chromium 64): the fallback
 * content inside <hcp-rating> shows and works, and no half-rendered widget.
 *
 * Needs `npm run build` first. The first run fetches the engines (31–43 MB each) with `npm pack`.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createCollector } from '../../demo/collector.mjs';
import { launch, until } from '../support/old-chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HELPERS = readFileSync(join(ROOT, 'test/old-engine/page-helpers.js'), 'utf8');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const BUNDLE = join(ROOT, 'dist/haochaping.min.js');

const SENT = '已提交，感谢您的评价！';
const QUEUED = '已保存，网络恢复后将自动提交。';

/** The page: a 政务 service-completion page as a city site writes it, with a fallback link inside the element. */
function page({ attrs = '', script = '', csp = false, nonce = '' } = {}) {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>办件评价</title></head>
<body>
<h1>港澳通行证签注 · 办结</h1>
<hcp-rating task-name="港澳通行证签注" ${attrs}><a id="fallback" href="/fallback.html">去评价本次服务</a></hcp-rating>
<script src="/dist/haochaping.min.js" data-endpoint="/api/evaluations"${nonce ? ` data-style-nonce="${nonce}"` : ''} ${script}></script>
</body>
</html>`;
}

/**
 * One origin for pages, the built bundle and the reference collector (demo/collector.mjs).
 * `down`: POSTs to the endpoint fail at the network level (the socket is destroyed); `slowMs`:
 * POSTs are answered that much later (a tab can close mid-request).
 */
async function startSite(dir) {
  const collector = createCollector({ dbFile: join(dir, 'collector.sqlite') });
  const site = { down: false, slowMs: 0, posts: [], pages: new Map(), scripts: new Map() };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/api/evaluations' && req.method === 'POST') {
      site.posts.push(req.headers['idempotency-key']);
      if (site.down) return req.socket.destroy();
      if (site.slowMs) await new Promise((r) => setTimeout(r, site.slowMs));
    }
    if (await collector.handle(req, res, url)) return;
    if (url.pathname.startsWith('/dist/') && /^[\w.-]+$/.test(url.pathname.slice(6))) {
      const file = join(ROOT, 'dist', url.pathname.slice(6));
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/json' });
        return res.end(body);
      } catch {
        /* 404 below */
      }
    }
    if (site.scripts.has(url.pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      return res.end(site.scripts.get(url.pathname));
    }
    const make = site.pages.get(url.pathname);
    if (make) {
      const { html, csp } = make();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(csp ? { 'Content-Security-Policy': csp } : {}) });
      return res.end(html);
    }
    if (url.pathname === '/fallback.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><meta charset="utf-8"><title>评价</title><h1>服务评价</h1>');
    }
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  site.url = `http://127.0.0.1:${server.address().port}`;
  /** The stored evaluations of one task code (each test has its own). */
  site.stored = async (taskCode) => {
    const { evaluations } = await (await fetch(`${site.url}/api/evaluations?limit=500`)).json();
    return evaluations.filter((e) => e.taskCode === taskCode);
  };
  site.close = () =>
    new Promise((ok) => {
      server.close(() => {
        collector.close();
        ok();
      });
      server.closeAllConnections();
    });
  return site;
}

/** Registers a page under `path`; a strict CSP with a fresh style nonce when `csp` (Chromium 69 has no constructable stylesheets). */
function addPage(site, path, options = {}) {
  site.pages.set(path, () => {
    if (!options.csp) return { html: page(options) };
    const nonce = Math.random().toString(36).slice(2);
    return {
      html: page({ ...options, nonce }),
      csp: `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; connect-src 'self'`,
    };
  });
  return `${site.url}${path}`;
}

const helpers = (page) => page.addInitScript(HELPERS);

/** The control named `name` with `role`: its centre (scrolled into view), or a failure naming what is there. */
async function locate(page, role, name) {
  const box = await until(async () => {
    const b = await page.evaluate(`__hcp.find(${JSON.stringify(role)}, ${JSON.stringify(name)})`);
    return b && !b.error ? b : undefined;
  }, `a visible ${role} named ${name}`, { timeout: 5000 }).catch(async (error) => {
    const there = await page.evaluate(`__hcp.names(${JSON.stringify(role)})`);
    throw new Error(`${error.message}; ${role}s there: ${JSON.stringify(there)}`);
  });
  return box;
}

async function clickNamed(page, role, name) {
  const { x, y } = await locate(page, role, name);
  await page.click(x, y);
}

async function tapNamed(page, role, name) {
  const { x, y } = await locate(page, role, name);
  await page.tap(x, y);
}

/** The stored evaluations of `taskCode`, once there are any. */
const storedSoon = (site, taskCode, what, timeout) =>
  until(async () => {
    const stored = await site.stored(taskCode);
    return stored.length ? stored : undefined;
  }, what, { timeout });

const status = (page) => page.evaluate('__hcp.status()');
const waitStatus = (page, text, timeout = 10_000) =>
  until(async () => (await status(page)).includes(text), `the status "${text}"`, { timeout }).catch(async (e) => {
    throw new Error(`${e.message}; it says "${await status(page)}"; errors: ${JSON.stringify(page.errors)}`);
  });

/** axe-core over the widget (and the launcher with its dialog), not the test page: violations as `id: help (n nodes)`. */
async function axeViolations(page) {
  if (!(await page.evaluate('typeof axe'))?.startsWith('object')) await page.evaluate(AXE);
  return page.evaluate(`axe.run({ include: [['hcp-rating'], ['hcp-launcher']].filter(function (s) { return document.querySelector(s[0]); }) }, { resultTypes: ['violations'] }).then(function (r) {
    return r.violations.map(function (v) { return v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes)'; });
  })`);
}

/**
 * test/old-engine/npm-app — an app that installs haochaping from npm — bundled by esbuild for
 * Chromium 69 as the README says (`target: 'chrome69'`), `haochaping` resolved through its
 * package.json `exports` from the app's node_modules. `withGlobal: false` leaves out the app's
 * first import, the one global (`globalThis`).
 */
async function bundleNpmApp(withGlobal) {
  const app = mkdtempSync(join(dir, 'npm-app-'));
  cpSync(join(ROOT, 'test/old-engine/npm-app'), app, { recursive: true });
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(ROOT, join(app, 'node_modules', 'haochaping'), 'dir');
  const result = await build({
    entryPoints: [join(app, 'main.js')],
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    target: 'chrome69',
    absWorkingDir: app,
    logLevel: 'silent',
    ...(withGlobal ? {} : { plugins: [{ name: 'no-global', setup: (b) => b.onLoad({ filter: /global-this\.js$/ }, () => ({ contents: '' })) }] }),
  });
  return result.outputFiles[0].text;
}

/**
 * Spacing as drawn (no flex `gap` before Chromium 84, no `padding-inline` before 87): the space
 * between the first level's face and its name (below it in tiles, beside it in rows), that
 * tile's left padding, and the space between the first two reason tags when they share a row.
 */
const LAYOUT = `(function () {
  var root = document.querySelector('hcp-rating').shadowRoot;
  var tile = root.querySelector('label.choice');
  var face = tile.querySelector('.icon').getBoundingClientRect();
  var name = tile.querySelector('span').getBoundingClientRect();
  var tags = root.querySelectorAll('label.tag');
  var a = tags[0] && tags[0].getBoundingClientRect(), b = tags[1] && tags[1].getBoundingClientRect();
  return {
    below: name.top - face.bottom,
    beside: name.left - face.right,
    padding: parseFloat(getComputedStyle(tile).paddingLeft),
    tagGap: a && b && Math.abs(a.top - b.top) < 1 ? b.left - a.right : null
  };
})()`;

/** Tabs until the focused control is `role` `name` (at most `max` presses); fails with what had focus. */
async function tabTo(page, role, name, max = 20) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.press('Tab');
    const f = await page.evaluate('__hcp.focused()');
    seen.push(f && `${f.role}:${f.name}`);
    if (f && f.role === role && f.name === name) return;
  }
  throw new Error(`Tab never reached ${role} ${name}; focus went: ${seen.join(' → ')}`);
}

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcp-old-chromium-'));
  assert.ok(existsSync(BUNDLE), 'dist/haochaping.min.js is missing: run `npm run build` first');
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

/** `HCP_OLD_CHROMIUM=69` runs one engine (while working on it); `npm test` runs both. */
const MAJORS = (process.env.HCP_OLD_CHROMIUM ?? '69,80').split(',').map(Number);

for (const major of MAJORS) {
  describe(`Chromium ${major}, for real: the script-tag bundle`, () => {
    let browser;
    let site;
    before(async () => {
      [browser, site] = await Promise.all([launch(major), startSite(mkdtempSync(join(dir, `c${major}-`)))]);
      assert.equal(Number.parseInt(browser.version, 10), major, `launched Chromium ${browser.version}, not ${major}`);
    });
    after(async () => {
      await browser?.close();
      await site?.close();
    });

    it('a rating by mouse under a strict CSP is delivered once; axe finds nothing before and after', async () => {
      const url = addPage(site, `/mouse-${major}.html`, { csp: true, attrs: `task-code="MOUSE${major}"` });
      const p = await browser.newPage(url, helpers);
      assert.equal(await p.evaluate(`!!customElements.get('hcp-rating')`), true, `the element is defined (errors: ${p.errors})`);
      assert.deepEqual(await p.evaluate(`__hcp.names('radio')`), ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
      assert.deepEqual(await axeViolations(p), [], 'axe, nothing chosen');
      await clickNamed(p, 'radio', '满意');
      assert.deepEqual(await p.evaluate(`__hcp.checked('radio')`), ['满意']);
      assert.deepEqual(await axeViolations(p), [], 'axe, a level chosen (positive tags showing)');
      const layout = await p.evaluate(LAYOUT);
      assert.ok(layout.below >= 3.5, `a tile's face and name do not touch (${layout.below} px apart; 0.25em)`);
      assert.ok(layout.tagGap >= 7.5, `reason tags do not touch (${layout.tagGap} px apart; 0.5em)`);
      await clickNamed(p, 'button', '提交评价');
      await waitStatus(p, SENT);
      assert.deepEqual(await axeViolations(p), [], 'axe, sent');
      const stored = await site.stored(`MOUSE${major}`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 4);
      assert.equal(stored[0].verdict, 'good');
      assert.deepEqual(
        (await p.evaluate('__hcp.events')).filter((e) => e.type === 'hcp-sent').map((e) => e.detail.id),
        [stored[0].id],
        'one hcp-sent on window, for the stored id',
      );
      assert.deepEqual(p.errors, [], 'no uncaught errors');
      assert.deepEqual(p.console.filter((c) => c.type === 'error'), [], 'no console errors (a CSP violation would be one)');
      await p.close();
    });

    it('a rating by keyboard: Tab to the levels, Space, ArrowRight, Tab to 提交评价, Enter; the focus ring shows', async () => {
      const url = addPage(site, `/keys-${major}.html`, { attrs: `task-code="KEYS${major}"` });
      const p = await browser.newPage(url, helpers);
      await tabTo(p, 'radio', '非常满意');
      const ring = await p.evaluate(`(function () {
        var root = document.querySelector('hcp-rating').shadowRoot;
        var tile = root.activeElement.nextElementSibling;
        var s = getComputedStyle(tile);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      })()`);
      assert.notEqual(ring.style, 'none', 'the focused level has a visible outline');
      assert.ok(ring.width >= 2, `the outline is at least 2 px (${ring.width})`);
      await p.press('Space');
      assert.deepEqual(await p.evaluate(`__hcp.checked('radio')`), ['非常满意'], 'Space chose the focused level');
      await p.press('ArrowRight');
      assert.deepEqual(await p.evaluate(`__hcp.checked('radio')`), ['满意'], 'ArrowRight moved the choice');
      await tabTo(p, 'button', '提交评价');
      await p.press('Enter');
      await waitStatus(p, SENT);
      const stored = await site.stored(`KEYS${major}`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 4);
      await p.close();
    });

    it('a rating by touch on a phone (mobile emulation): channel mobile, one row per level', async () => {
      const url = addPage(site, `/touch-${major}.html`, { attrs: `task-code="TOUCH${major}"` });
      const p = await browser.newPage(url, async (pg) => {
        await helpers(pg);
        await pg.emulatePhone();
      });
      const [first, second] = await Promise.all([locate(p, 'radio', '非常满意'), locate(p, 'radio', '满意')]);
      assert.ok(second.top >= first.top + first.height, 'narrow: the levels are stacked, one per row');
      assert.ok(first.height >= 44 && first.width >= 44, `touch targets are at least 44×44 (${first.width}×${first.height})`);
      const layout = await p.evaluate(LAYOUT);
      assert.ok(layout.beside >= 11.5, `in a row, the face and the name do not touch (${layout.beside} px apart; 0.75em)`);
      assert.ok(layout.padding >= 11.5, `the row keeps its left padding (${layout.padding} px; 0.75em)`);
      await tapNamed(p, 'radio', '非常满意');
      assert.deepEqual(await p.evaluate(`__hcp.checked('radio')`), ['非常满意']);
      await tapNamed(p, 'button', '提交评价');
      await waitStatus(p, SENT);
      const stored = await site.stored(`TOUCH${major}`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 5);
      assert.equal(stored[0].channel, 'mobile');
      await p.close();
    });

    it('a 差评 needs a reason; with a reason tag and a typed comment it is delivered as typed', async () => {
      const url = addPage(site, `/bad-${major}.html`, { attrs: `task-code="BAD${major}"` });
      const p = await browser.newPage(url, helpers);
      await clickNamed(p, 'radio', '不满意');
      await clickNamed(p, 'button', '提交评价');
      await until(async () => (await p.evaluate('__hcp.alerts()')).some((a) => a.includes('请选择至少一项原因')), 'the reason alert');
      assert.deepEqual(await site.stored(`BAD${major}`), [], 'nothing sent without a reason');
      assert.deepEqual(await axeViolations(p), [], 'axe, the reason error showing');
      await clickNamed(p, 'checkbox', '等待时间长');
      const comment = '窗口排队一个多小时，叫号屏不显示。';
      await clickNamed(p, 'textbox', '意见和建议（选填）');
      await p.type(comment);
      await clickNamed(p, 'button', '提交评价');
      await waitStatus(p, SENT);
      const stored = await site.stored(`BAD${major}`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 2);
      assert.equal(stored[0].verdict, 'bad');
      assert.deepEqual(stored[0].tags, ['N08']);
      assert.equal(stored[0].comment, comment);
      await p.close();
    });

    it('endpoint down: the rating is kept (and the widget says so), and delivered once on the next visit', async () => {
      const url = addPage(site, `/down-${major}.html`, { attrs: `task-code="DOWN${major}" project-no="DOWN-${major}-1"` });
      site.down = true;
      try {
        const p = await browser.newPage(url, helpers);
        await clickNamed(p, 'radio', '基本满意');
        await clickNamed(p, 'button', '提交评价');
        await waitStatus(p, QUEUED);
        assert.ok(site.posts.length > 0, 'it tried');
        await p.close();
      } finally {
        site.down = false;
      }
      assert.deepEqual(await site.stored(`DOWN${major}`), []);
      const next = await browser.newPage(url, helpers);
      // An attempt under way when the tab closed holds its claim until the lease lapses (20 s).
      const stored = await storedSoon(site, `DOWN${major}`, 'the queued rating delivered on the next visit', 45_000);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 3);
      const sent = await until(async () => {
        const events = (await next.evaluate('__hcp.events')).filter((e) => e.type === 'hcp-sent');
        return events.length ? events : undefined;
      }, 'hcp-sent on the next visit');
      assert.deepEqual(sent.map((e) => e.detail.id), [stored[0].id], 'one hcp-sent, for the stored id');
      assert.match(await status(next), /已评价/, 'the transaction shows as rated (一次一评)');
      await next.close();
    });

    it('the tab closed right after 提交 (mid-request): stored exactly once, on the next visit at the latest', async () => {
      const url = addPage(site, `/close-${major}.html`, { attrs: `task-code="CLOSE${major}"` });
      site.slowMs = 1500;
      let id;
      try {
        const p = await browser.newPage(url, helpers);
        // What src/outbox/transport.ts copes with: this engine rejects keepalive on a request that
        // needs a preflight, and answers the same request without it (probes to a path that stores nothing).
        const probe = (keepalive) =>
          p.evaluate(`fetch('/keepalive-probe', { method: 'POST', keepalive: ${keepalive}, headers: { 'Content-Type': 'application/json' }, body: '{}' })
            .then(function (r) { return r.status; }, function (e) { return e.message; })`);
        assert.equal(await probe(true), 'Failed to fetch', 'keepalive with a preflight is refused');
        assert.equal(await probe(false), 404, 'the same request without keepalive is answered');
        await clickNamed(p, 'radio', '非常不满意');
        await clickNamed(p, 'checkbox', '服务态度差');
        const { x, y } = await locate(p, 'button', '提交评价');
        const posted = site.posts.length;
        await p.click(x, y);
        await until(
          async () => site.posts.length > posted && (await p.evaluate(`__hcp.events.some(function (e) { return e.type === 'hcp-queued'; })`)),
          'the rating queued and its POST under way',
        );
        const said = await status(p);
        id = (await p.evaluate('__hcp.events')).find((e) => e.type === 'hcp-queued').detail.id;
        await p.close();
        assert.ok(!said.includes(SENT), `the widget did not claim 已提交 before an answer (it said "${said}")`);
      } finally {
        site.slowMs = 0;
      }
      const next = await browser.newPage(url, helpers);
      // The dead tab's claim on the record lapses first (its lease: the 15 s attempt timeout + 5 s).
      const stored = await storedSoon(site, `CLOSE${major}`, 'the rating stored', 45_000);
      // Whatever reached the server first, the next visit settles the queue: wait for it, then count.
      await until(async () => (await next.evaluate(`Haochaping.pending()`)) === 0, 'an empty queue on the next visit', { timeout: 45_000 });
      const again = await site.stored(`CLOSE${major}`);
      assert.equal(again.length, 1, 'stored once');
      assert.equal(again[0].id, id, 'the id queued before the tab closed');
      assert.equal(stored[0].level, 1);
      assert.deepEqual(stored[0].tags, ['N01']);
      await next.close();
    });

    it('the floating launcher sits in the bottom-right corner, opens a dialog with the widget, Escape closes it and focus returns', async () => {
      site.pages.set(`/launcher-${major}.html`, () => ({
        html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>办事指南</title></head><body><h1>办事指南</h1><p style="height:2000px">正文</p>
<script src="/dist/haochaping.min.js" data-endpoint="/api/evaluations" data-task-code="LAUNCH${major}" data-launcher="floating"></script></body></html>`,
      }));
      const p = await browser.newPage(`${site.url}/launcher-${major}.html`, async (pg) => {
        await helpers(pg);
        await pg.viewport(800, 600);
      });
      const button = await locate(p, 'button', '评价');
      // The launcher (评价 and its × to dismiss it) in the corner, fixed: 16 px from the right and bottom edges.
      const corner = await p.evaluate(`(function () {
        var r = document.querySelector('hcp-launcher').getBoundingClientRect();
        return { right: r.right, bottom: r.bottom, scrolled: (scrollTo(0, 400), document.querySelector('hcp-launcher').getBoundingClientRect().bottom) };
      })()`);
      assert.equal(corner.right, 800 - 16, 'the launcher sits 16 px from the right edge');
      assert.equal(corner.bottom, 600 - 16, 'and 16 px from the bottom');
      assert.equal(corner.scrolled, 600 - 16, 'and stays there when the page scrolls');
      assert.ok(button.top >= 600 - 16 - 60 && button.left >= 800 / 2, `评价 is in that corner (${button.left}, ${button.top})`);
      await p.click(button.x, button.y);
      await until(async () => (await p.evaluate('__hcp.focused()'))?.role === 'radio', 'focus moved into the dialog');
      assert.deepEqual(await axeViolations(p), [], 'axe, dialog open');
      await p.press('Escape');
      await until(async () => (await p.evaluate('__hcp.focused()'))?.name === '评价', 'focus back on the launcher button');
      assert.deepEqual(await p.evaluate(`__hcp.names('radio')`), [], 'the dialog is closed');
      await p.close();
    });

    it('the self-contained ES module (<script type="module">) rates and delivers', async () => {
      site.pages.set(`/esm-${major}.html`, () => ({
        html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>办件评价</title></head><body>
<hcp-rating endpoint="/api/evaluations" task-code="ESM${major}"><a href="/fallback.html">去评价</a></hcp-rating>
<script type="module" src="/dist/haochaping.esm.min.js"></script></body></html>`,
      }));
      const p = await browser.newPage(`${site.url}/esm-${major}.html`, helpers);
      await clickNamed(p, 'radio', '不满意');
      await clickNamed(p, 'checkbox', '办事效率低');
      await clickNamed(p, 'button', '提交评价');
      await waitStatus(p, SENT);
      const stored = await site.stored(`ESM${major}`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].level, 2);
      assert.deepEqual(stored[0].tags, ['N02']);
      assert.deepEqual(p.errors, []);
      await p.close();
    });

    if (major === 69) {
      it("an npm app bundled for Chromium 69 (esbuild target chrome69 and the one global) rates and delivers; without the global it cannot start", async () => {
        site.scripts.set('/npm-app.js', await bundleNpmApp(true));
        site.scripts.set('/npm-app-no-global.js', await bundleNpmApp(false));
        const html = (src) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>H5</title></head><body><hcp-rating task-code="NPM69"><a href="/fallback.html">去评价</a></hcp-rating><script src="${src}"></script></body></html>`;
        site.pages.set('/npm-app.html', () => ({ html: html('/npm-app.js') }));
        site.pages.set('/npm-app-no-global.html', () => ({ html: html('/npm-app-no-global.js') }));

        const bare = await browser.newPage(`${site.url}/npm-app-no-global.html`, helpers);
        assert.equal(await bare.evaluate(`!!customElements.get('hcp-rating')`), false, 'without globalThis, Lit cannot start');
        assert.match(bare.errors.join('\n'), /globalThis is not defined/);
        await bare.close();

        const p = await browser.newPage(`${site.url}/npm-app.html`, helpers);
        await clickNamed(p, 'radio', '满意');
        await clickNamed(p, 'button', '提交评价');
        await waitStatus(p, SENT);
        const stored = await site.stored('NPM69');
        assert.equal(stored.length, 1);
        assert.equal(stored[0].level, 4);
        assert.deepEqual(p.errors, []);
        await p.close();
      });
    }

    for (const [look, attr] of [['长辈模式', 'elder'], ['kiosk mode', 'mode="kiosk"']]) {
      it(`${look}: the 7:1 palette without prefers-color-scheme, 60 px targets, larger text`, async () => {
        const url = addPage(site, `/big-${attr.length}-${major}.html`, { attrs: `task-code="BIG${major}" ${attr}` });
        const p = await browser.newPage(url, helpers);
        const base = await locate(p, 'radio', '满意');
        assert.ok(base.height >= 60, `level targets are at least 60 px high (${base.height})`);
        const drawn = await p.evaluate(`(function () {
          var root = document.querySelector('hcp-rating').shadowRoot;
          var submit = root.querySelector('button.submit');
          var legend = root.querySelector('.legend');
          return { accent: getComputedStyle(submit).backgroundColor, submitHeight: submit.getBoundingClientRect().height,
            legendSize: parseFloat(getComputedStyle(legend).fontSize) };
        })()`);
        assert.equal(drawn.accent, 'rgb(8, 66, 160)', `the ${look} accent #0842a0 (7:1 on white)`);
        assert.ok(drawn.submitHeight >= 60, `提交评价 is at least 60 px high (${drawn.submitHeight})`);
        assert.ok(drawn.legendSize >= 1.25 * 16, `the question is at least 1.25× the browser's text size (${drawn.legendSize} px)`);
        assert.deepEqual(await axeViolations(p), [], `axe, ${look}`);
        await p.close();
      });
    }
  });
}

describe('Chromium 64, below the floor', () => {
  let browser;
  let site;
  before(async () => {
    [browser, site] = await Promise.all([launch(64), startSite(mkdtempSync(join(dir, 'c64-')))]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the fallback content inside <hcp-rating>, which works; no half-rendered widget, no launcher', async () => {
    const url = addPage(site, '/old.html', { script: 'data-launcher="floating"' });
    const p = await browser.newPage(url, helpers);
    assert.equal(Number.parseInt(browser.version, 10), 64);
    const state = await p.evaluate(`({
      defined: !!(window.customElements && customElements.get('hcp-rating')),
      shadow: !!document.querySelector('hcp-rating').shadowRoot,
      launcher: document.body.children.length
    })`);
    assert.equal(state.defined, false, 'the element is not defined');
    assert.equal(state.shadow, false, 'no shadow root: nothing half-rendered');
    assert.equal(state.launcher, 3, 'nothing added to the page (h1, hcp-rating, script)');
    const link = await locate(p, 'link', '去评价本次服务');
    assert.ok(link.width > 0 && link.height > 0, 'the fallback link is visible');
    await p.click(link.x, link.y);
    await until(async () => (await p.evaluate('location.pathname').catch(() => '')) === '/fallback.html', 'the fallback link followed');
    await p.close();
  });
});
