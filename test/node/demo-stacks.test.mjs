/**
 * The stacks 政务 H5 teams build with, for real: a uni-app (Vue 3) and a Taro 4 (React 18) H5 app
 * (demo/stacks/), each installed from its own lockfile (only here, cached outside the checkout: demo/stacks/build.mjs),
 * given this checkout's haochaping as `npm pack` makes it, built with its own toolchain, and
 * driven in Chromium under the demo's strict CSP (no inline script or style, no eval, nothing
 * from another host): a citizen rates with real clicks, the request carries the app's headers,
 * the app's own hcp-sent listener runs and the collector stores the rating. The Taro app uses
 * haochaping/react-component; its second page writes <hcp-rating> as React 19 apps do, and the
 * test shows what React 18 makes of that: the header is lost and the listener never runs.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { STACKS, prepareStacks } from '../../demo/stacks/build.mjs';
import { startServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { clickNamed } from '../support/widget-clicks.mjs';

let browser;
let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcp-stacks-'));
  const started = Date.now();
  const prepared = await prepareStacks();
  const timings = Object.entries(prepared).map(
    ([name, { install, build }]) =>
      `${name}: ${install.packages} packages, ${install.mb} MB, ${install.installed ? `npm ci ${(install.ms / 1000).toFixed(0)} s` : 'cached'}, build ${(build.ms / 1000).toFixed(0)} s`,
  );
  console.log(`demo/stacks ready in ${((Date.now() - started) / 1000).toFixed(0)} s (${timings.join('; ')})`);
  server = await startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') });
  browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, userDataDir: join(dir, 'profile'), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens `path` in a fresh context and records what the page reports: errors, CSP violations
 * (also as `securitypolicyviolation` events), requests to any other origin, and the rating
 * POSTs with their headers as Chromium sent them.
 */
async function open(path) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  const posts = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => ['error', 'warn'].includes(message.type()) && problems.push(`console.${message.type()}: ${message.text().slice(0, 300)}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== new URL(server.url).origin) problems.push(`request to another host: ${request.url()}`);
    if (request.method() === 'POST' && url.pathname === '/api/evaluations') posts.push(request.headers());
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.setViewport({ width: 420, height: 900, isMobile: true, hasTouch: false });
  const response = await page.goto(new URL(path, server.url).href);
  return { context, page, problems, posts, csp: response.headers()['content-security-policy'], loadedAt: Date.now() };
}

/** Waits for `predicate` in the page; on timeout, fails saying what was awaited and what the page reported. */
async function waitFor(page, predicate, what, problems) {
  try {
    await page.waitForFunction(predicate, { timeout: 15_000 });
  } catch (error) {
    assert.fail(`${what}: ${error.message}${problems.length ? `; the page reported ${problems.join(' | ')}` : ''}`);
  }
}

/** 不满意 with 等待时间长, then the submit button named `submit`, by mouse. */
async function rateByClicks(page, submit) {
  await clickNamed(page, '不满意');
  await clickNamed(page, '等待时间长');
  await clickNamed(page, submit);
}

async function stored(projectNo) {
  const { evaluations } = await (await fetch(new URL('/api/evaluations', server.url))).json();
  return evaluations.filter((e) => e.projectNo === projectNo);
}

/** uni-app's CSS starts loading a DCloud image 3 s after load: stay past that before judging the page. */
const settle = async (loadedAt) => new Promise((r) => setTimeout(r, Math.max(0, loadedAt + 3_500 - Date.now())));

const APPS = [
  {
    name: 'uni-app (Vue 3): <hcp-rating> in a page template with :headers and @hcp-sent',
    path: '/uni-app/',
    projectNo: 'DEMO-UNI-0001',
    taskCode: '11440300MB2C92055T4440111005000',
    header: 'uni-app',
  },
  {
    name: 'Taro 4 (React 18): <HcpRating> from haochaping/react-component with headers and onHcpSent',
    path: '/taro/pages/index/index.html',
    projectNo: 'DEMO-TARO-0001',
    taskCode: '11440300MB2C92055T4440111006000',
    header: 'taro',
  },
];

describe('demo/stacks: H5 apps built with uni-app and Taro', () => {
  it('the Taro app runs React 18 and the uni-app app Vue 3 (the premise of these tests)', () => {
    const version = (stack, pkg) => JSON.parse(readFileSync(join(STACKS[stack].dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    assert.match(version('taro', 'react'), /^18\./);
    assert.match(version('taro', 'react-dom'), /^18\./);
    assert.match(version('taro', '@tarojs/taro'), /^4\./);
    assert.match(version('uni-app', 'vue'), /^3\./);
    // What the apps import is this checkout, packed.
    const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const stack of Object.keys(STACKS)) assert.equal(version(stack, 'haochaping'), root.version, stack);
  });

  for (const app of APPS) {
    it(`${app.name}: a rating by real clicks under the strict CSP reaches the collector with the app's header, and the app hears hcp-sent`, async () => {
      const { context, page, problems, posts, csp, loadedAt } = await open(app.path);
      try {
        assert.match(csp, /script-src 'self';/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        await waitFor(page, () => document.querySelector('hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), 'the app rendered no <hcp-rating>', problems);
        assert.deepEqual(await page.evaluate(() => document.querySelector('hcp-rating').headers), { 'X-Demo-Framework': app.header }, 'headers reached the element as a property');
        assert.equal(await page.evaluate(() => document.querySelector('hcp-rating').hasAttribute('headers')), false);
        await rateByClicks(page, '提交本次评价'); // the app's messages property renamed the button
        await waitFor(page, () => /已提交（HTTP 201）/.test(document.querySelector('.event-log')?.textContent ?? ''), "the app's hcp-sent listener never wrote to its event log", problems);
        const [evaluation, ...more] = await stored(app.projectNo);
        assert.ok(evaluation, `no stored evaluation for ${app.projectNo}`);
        assert.deepEqual(more, []);
        assert.equal(evaluation.level, 2);
        assert.equal(evaluation.taskCode, app.taskCode);
        assert.deepEqual(evaluation.tags, ['N08']);
        assert.equal(posts.length, 1);
        assert.equal(posts[0]['x-demo-framework'], app.header, "the app's header was sent");
        assert.equal(posts[0]['idempotency-key'], evaluation.id);
        assert.ok((await page.evaluate(() => document.querySelector('.event-log').textContent)).includes(evaluation.id), 'the app heard hcp-sent with the stored id');
        await settle(loadedAt);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  it('Taro 4 (React 18): <hcp-rating headers={…} onhcp-sent={…}> written as for React 19 loses the header and the listener (why haochaping/react-component exists)', async () => {
    const { context, page, problems, posts } = await open('/taro/pages/plain/index.html');
    try {
      await waitFor(page, () => document.querySelector('hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), 'the app rendered no <hcp-rating>', problems);
      // The page listens on window itself, to know when the rating was delivered.
      await page.evaluate(() => addEventListener('hcp-sent', (e) => (window.__sent = e.detail.id)));
      assert.equal(await page.evaluate(() => document.querySelector('hcp-rating').getAttribute('headers')), '[object Object]', 'React 18 wrote the object as an attribute');
      assert.equal(await page.evaluate(() => document.querySelector('hcp-rating').headers), undefined, 'the headers property was never set');
      await rateByClicks(page, '提交评价');
      await waitFor(page, () => window.__sent, 'the rating was not delivered', problems);
      const [evaluation] = await stored('DEMO-TARO-PLAIN-0001');
      assert.ok(evaluation, 'the rating itself still arrives, which is why nobody notices');
      assert.equal(posts.length, 1);
      assert.equal(posts[0]['x-demo-framework'], undefined, 'the header is lost');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await page.evaluate(() => document.querySelector('.event-log').textContent), '', 'onhcp-sent never ran under React 18');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
