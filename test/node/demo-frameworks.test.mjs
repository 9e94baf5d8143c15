/**
 * The React 19, Vue 3, Angular 21 and Svelte 5 demo pages (demo/react.html, demo/vue.html,
 * demo/angular.html, demo/svelte.html) in real Chromium, served
 * with the demo's strict CSP (no inline script, no eval, Trusted Types): the app renders the
 * element, a citizen rates with real clicks, the app's hcp-* listeners run, the collector stores it.
 * Needs `npm run build` first; writes demo/vendor-*.js and demo/*-app.js as `npm start` does
 * (the Angular and Svelte apps are compiled there, ahead of time).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server.mjs';
import { writeVendorModules } from '../../demo/vendor.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { clickNamed } from '../support/widget-clicks.mjs';

let browser;
let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcp-frameworks-'));
  // The app builds (seconds: ngc type-checks the Angular app) while Chromium starts.
  const results = await Promise.allSettled([
    writeVendorModules(),
    startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') }),
    puppeteer.launch({ executablePath: chromiumPath, headless: true, userDataDir: join(dir, 'profile'), args: chromiumArgs }),
  ]);
  [, server, browser] = results.map((result) => result.value); // after() closes what started
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits for `predicate` in the page; on timeout, fails saying what was awaited and what the page reported. */
async function waitFor(page, predicate, what, problems) {
  try {
    await page.waitForFunction(predicate, { timeout: 10_000 });
  } catch (error) {
    assert.fail(`${what}: ${error.message}${problems.length ? `; the page reported ${problems.join(' | ')}` : ''}`);
  }
}

// Each app passes project-no, task-code and task-name as attributes; Angular's task-name is an
// [attr.task-name] binding and Svelte's an expression.
const DEMOS = [
  ['react', { projectNo: 'DEMO-REACT-0001', taskCode: '11440300MB2C92055T4440111001000', taskName: '不动产登记资料查询' }],
  ['vue', { projectNo: 'DEMO-VUE-0001', taskCode: '11440300MB2C92055T4440111002000', taskName: '个体工商户设立登记' }],
  ['angular', { projectNo: 'DEMO-ANGULAR-0001', taskCode: '11440300MB2C92055T4440111003000', taskName: '往来港澳通行证签注' }],
  ['svelte', { projectNo: 'DEMO-SVELTE-0001', taskCode: '11440300MB2C92055T4440111004000', taskName: '机动车驾驶证换证' }],
];

for (const [framework, { projectNo, taskCode, taskName }] of DEMOS) {
  describe(`demo/${framework}.html`, () => {
    it('renders the element from the app under the strict CSP, and a rating made with real clicks reaches the collector and the app', async () => {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on('console', (message) => message.type() === 'error' && problems.push(`console.error: ${message.text()}`));
        await page.setViewport({ width: 1000, height: 900 });
        const response = await page.goto(new URL(`/${framework}.html`, server.url).href);
        const csp = response.headers()['content-security-policy'];
        assert.match(csp, /script-src 'self'; /);
        assert.match(csp, /require-trusted-types-for 'script'/);
        await waitFor(page, () => document.querySelector('#app hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), 'the app rendered no <hcp-rating>', problems);
        assert.deepEqual(
          await page.evaluate(() => document.querySelector('hcp-rating').headers),
          { 'X-Demo-Framework': framework },
          'headers reached the element as a property',
        );
        await clickNamed(page, '不满意');
        await clickNamed(page, '等待时间长');
        await clickNamed(page, '提交评价'); // the messages property renamed the button
        await waitFor(page, () => /已提交（HTTP 201）/.test(document.querySelector('.event-log')?.textContent ?? ''), "the app's hcp-sent listener never wrote to its event log", problems);
        const { evaluations } = await (await fetch(new URL('/api/evaluations', server.url))).json();
        const stored = evaluations.find((e) => e.projectNo === projectNo);
        assert.ok(stored, `no stored evaluation for ${projectNo}`);
        assert.equal(stored.level, 2);
        assert.equal(stored.taskCode, taskCode);
        assert.equal(stored.taskName, taskName);
        assert.deepEqual(stored.tags, ['N08']);
        const log = await page.evaluate(() => document.querySelector('.event-log').textContent);
        assert.ok(log.includes(stored.id), 'the app heard hcp-sent with the stored id');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  });
}
