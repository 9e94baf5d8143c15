/**
 * Server rendering, the way Next.js / Remix (React) and Nuxt (Vue) do it:
 * 1. Importing `haochaping` and `haochaping/react` in Node without a DOM throws nothing and leaves
 *    nothing running (no timer; no open handle, so no outbox and no BroadcastChannel).
 * 2. A page with <hcp-rating> rendered to HTML in Node (react-dom/server renderToString, Vue's
 *    renderToString) and hydrated in real Chromium (hydrateRoot, createSSRApp().mount()) hydrates
 *    without a warning from the framework's development build, gets its properties and
 *    listeners, and a rating made with real clicks reaches the collector and the app.
 * The apps are test/ssr/*-app.mjs: one module imported by the server and bundled for the browser.
 * Needs `npm run build` first (the browser bundle takes the SDK from dist/).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { createCollector } from '../../demo/collector.mjs';
import { STRICT_CSP } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { clickNamed } from '../support/widget-clicks.mjs';
import { run } from '../support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SSR = fileURLToPath(new URL('../ssr/', import.meta.url));

describe('importing the SDK on a server (Node, no DOM)', () => {
  it('throws nothing and leaves nothing running (no timer; no open handle, so no outbox and no channel)', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [join(SSR, 'import-on-server.mjs')], { cwd: ROOT, timeout: 30_000 });
    assert.equal(code, 0, stdout + stderr);
    const report = JSON.parse(stdout);
    assert.ok(report.exports.sdk.includes('HcpRating') && report.exports.react.includes('HcpRating'), stdout);
    assert.deepEqual(report.scheduled, [], 'the import scheduled work');
    assert.deepEqual(report.resources, [], 'the import left handles open (they would keep a server process busy)');
    assert.equal(stderr, '', 'the import printed to stderr');
  });
});

/**
 * The browser bundle of `entry`: the framework's development build (it reports hydration
 * mismatches; the production build stays quiet) and the SDK as an npm user's bundler sees it.
 * Built once per entry (the React bundle serves two pages).
 */
const bundles = new Map();
const clientBundle = (entry) => {
  if (!bundles.has(entry)) bundles.set(entry, buildClient(entry));
  return bundles.get(entry);
};

async function buildClient(entry) {
  const sdk = { haochaping: 'dist/haochaping.js', 'haochaping/react': 'dist/react.js' };
  const bundle = await rollup({
    input: join(SSR, entry),
    onwarn: () => {},
    plugins: [
      { name: 'haochaping-self', resolveId: (id) => (sdk[id] ? join(ROOT, sdk[id]) : null) },
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify('development'),
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
        },
      }),
      nodeResolve({ browser: true }),
      commonjs(),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

const page = (html) => `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8"><title>SSR</title></head>
  <body><div id="app">${html}</div><script type="module" src="/client.js"></script></body>
</html>`;

const FRAMEWORKS = {
  react: {
    projectNo: 'SSR-REACT-0001',
    client: 'react-client.mjs',
    async render({ plain = false } = {}) {
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { App, PlainApp } = await import('../ssr/react-app.mjs');
      return renderToString(createElement(plain ? PlainApp : App));
    },
  },
  vue: {
    projectNo: 'SSR-VUE-0001',
    client: 'vue-client.mjs',
    async render() {
      const { createSSRApp } = await import('vue');
      const { renderToString } = await import('vue/server-renderer');
      const { App } = await import('../ssr/vue-app.mjs');
      return renderToString(createSSRApp(App));
    },
  },
};

let browser;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcp-ssr-'));
  browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, userDataDir: join(dir, 'profile'), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Serves `html` as the page (under the demo's strict CSP), `script` as /client.js and the reference
 * collector at /api/evaluations, each page with a database of its own. Resolves `{ origin, close() }`.
 */
async function servePage(name, html, script) {
  const collector = createCollector({ dbFile: join(dir, `${name}.sqlite`) });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (await collector.handle(req, res, url)) return;
    const body = { '/': page(html), '/client.js': script }[url.pathname];
    if (body === undefined) return res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    const type = url.pathname === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': STRICT_CSP }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      collector.close();
    },
  };
}

/** A fresh browser context on `origin` + `path`, once hydrated and the widget rendered; problems collects errors and warnings. */
async function openHydrated(origin, path = '/') {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  tab.on('console', (message) => ['error', 'warn', 'warning'].includes(message.type()) && problems.push(`console.${message.type()}: ${message.text()}`));
  await tab.setViewport({ width: 1000, height: 900 });
  await tab.goto(`${origin}${path}`);
  await tab.waitForFunction(() => document.documentElement.dataset.hydrated && document.querySelector('#app hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), { timeout: 10_000 });
  return { context, tab, problems };
}

for (const [framework, { projectNo, client, render }] of Object.entries(FRAMEWORKS)) {
  describe(`${framework}: rendered in Node, hydrated in Chromium`, () => {
    let site;
    let serverHtml;

    before(async () => {
      serverHtml = await render();
      site = await servePage(framework, serverHtml, await clientBundle(client));
    });
    after(() => site?.close());

    it('the server HTML carries the element with its attributes (objects and listeners wait for the browser)', () => {
      const [tag] = serverHtml.match(/<hcp-rating[^>]*>/) ?? [];
      assert.ok(tag, serverHtml);
      assert.match(tag, new RegExp(`project-no="${projectNo}"`));
      assert.match(tag, /endpoint="\/api\/evaluations"/);
      assert.doesNotMatch(tag, /headers=|object Object|onhcp|function/i, 'an object or a listener was written as an attribute');
    });

    it('hydrates without a warning, and a rating made with real clicks reaches the collector and the app', async () => {
      const { context, tab, problems } = await openHydrated(site.origin);
      try {
        assert.deepEqual(await tab.evaluate(() => document.querySelector('hcp-rating').headers), { 'X-Demo-Framework': `${framework}-ssr` });
        await clickNamed(tab, '满意');
        await clickNamed(tab, '提交评价');
        await tab.waitForFunction(() => /已提交：/.test(document.querySelector('.app-log').textContent), { timeout: 10_000 });
        const { evaluations } = await (await fetch(`${site.origin}/api/evaluations`)).json();
        const stored = evaluations.filter((e) => e.projectNo === projectNo);
        assert.equal(stored.length, 1, JSON.stringify(evaluations));
        assert.equal(stored[0].level, 4);
        assert.equal(await tab.evaluate(() => document.querySelector('.app-log').textContent), `已提交：${stored[0].id}`, 'the app heard hcp-sent');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  });
}

describe('react: what the README workaround is for', () => {
  it('without the key, React 19 hydrates <hcp-rating> without its properties and listeners (facebook/react#35446)', async () => {
    const site = await servePage('react-plain', await FRAMEWORKS.react.render({ plain: true }), await clientBundle('react-client.mjs'));
    const { context, tab } = await openHydrated(site.origin, '/?plain');
    try {
      // When this fails, React sets them while hydrating: drop the key from test/ssr/react-app.mjs and the README.
      const headers = await tab.evaluate(() => document.querySelector('hcp-rating').headers);
      assert.equal(headers, undefined, 'React set the headers property while hydrating: the workaround is no longer needed');
      await clickNamed(tab, '满意');
      await clickNamed(tab, '提交评价');
      await tab.waitForFunction(() => /已提交/.test(document.querySelector('hcp-rating').shadowRoot.textContent), { timeout: 10_000 });
      assert.equal(await tab.evaluate(() => document.querySelector('.app-log').textContent), '尚未提交', 'the app heard hcp-sent without the workaround');
    } finally {
      await context.close();
      await site.close();
    }
  });
});
