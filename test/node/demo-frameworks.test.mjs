/**
 * The React 19 and Vue 3 demo pages (demo/react.html, demo/vue.html) in real Chromium, served
 * with the demo's strict CSP (no inline script, no eval, Trusted Types): the app renders the
 * element, a citizen rates with real clicks, the app's hcp-* listeners run, the collector stores it.
 * Needs `npm run build` first; writes demo/vendor-*.js as `npm start` does.
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

let browser;
let server;
let dir;

before(async () => {
  await writeVendorModules();
  dir = mkdtempSync(join(tmpdir(), 'hcp-frameworks-'));
  server = await startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') });
  browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, userDataDir: join(dir, 'profile'), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A real click on the visible control named `name` inside the widget (a radio's or checkbox's label, or a button). */
async function clickNamed(page, name) {
  const handle = await page.evaluateHandle((wanted) => {
    const root = document.querySelector('hcp-rating').shadowRoot;
    const inputs = [...root.querySelectorAll('input')].filter((i) => i.labels?.[0]?.textContent.trim() === wanted);
    if (inputs.length) return inputs[0].labels[0];
    return [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === wanted) ?? null;
  }, name);
  assert.ok(await handle.evaluate((el) => el !== null), `no control named ${name}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await handle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

for (const [framework, projectNo] of [['react', 'DEMO-REACT-0001'], ['vue', 'DEMO-VUE-0001']]) {
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
        assert.match(response.headers()['content-security-policy'], /script-src 'self'; /);
        await page.waitForFunction(() => document.querySelector('#app hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), { timeout: 10_000 });
        assert.deepEqual(
          await page.evaluate(() => document.querySelector('hcp-rating').headers),
          { 'X-Demo-Framework': framework },
          'headers reached the element as a property',
        );
        await clickNamed(page, '不满意');
        await clickNamed(page, '等待时间长');
        await clickNamed(page, '提交评价'); // the messages property renamed the button
        await page.waitForFunction(() => /已提交（HTTP 201）/.test(document.querySelector('.event-log')?.textContent ?? ''), { timeout: 10_000 });
        const { evaluations } = await (await fetch(new URL('/api/evaluations', server.url))).json();
        const stored = evaluations.find((e) => e.projectNo === projectNo);
        assert.ok(stored, `no stored evaluation for ${projectNo}`);
        assert.equal(stored.level, 2);
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
