/**
 * The README promise, end to end: a citizen rates on the demo pages in real Chromium, with
 * the built script-tag bundle, and the reference collector stores exactly what they chose.
 * Keyboard only on the 办件结果 page, real mouse clicks on the script-tag page, 好评 on the
 * page-feedback page. Needs `npm run build` first (dist/haochaping.min.js).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const BUNDLE = fileURLToPath(new URL('../../dist/haochaping.min.js', import.meta.url));

let browser;
let server;
let dir;
const contexts = [];

before(async () => {
  assert.ok(existsSync(BUNDLE), 'dist/haochaping.min.js is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
  server = await startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') });
  browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: join(dir, 'profile'),
    args: chromiumArgs,
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens a demo page in a fresh browser context (its own storage) once the widget has
 * rendered its radio group; `problems` collects script errors and console errors
 * (CSP violations among them: the pages are served with a strict CSP).
 */
async function open(path, viewport = { width: 1000, height: 800 }) {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console.error: ${message.text()}`));
  await page.setViewport(viewport);
  await page.goto(new URL(path, server.url).href);
  await page.waitForFunction(() => document.querySelector('hcp-rating')?.shadowRoot?.querySelector('[role=radiogroup]'), { timeout: 10_000 });
  return { page, problems };
}

/** What has focus inside the widget: role-ish facts and the accessible name, as the helpers compute it. */
function focusInfo(page) {
  return page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    if (!inner) return { host: host?.localName ?? null };
    const name = (inner.labels?.length ? [...inner.labels].map((l) => l.textContent).join(' ') : inner.textContent).trim();
    return { host: host.localName, tag: inner.localName, type: inner.getAttribute('type'), name, checked: inner.checked ?? null };
  });
}

/** Presses Tab until `wanted(focus)` holds; fails naming every stop on the way. */
async function tabUntil(page, wanted, what) {
  const stops = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const info = await focusInfo(page);
    if (wanted(info)) return info;
    stops.push(info.name ?? info.host);
  }
  throw new Error(`Tab never reached ${what}; stops: ${JSON.stringify(stops)}`);
}

async function statusText(page) {
  return page.evaluate(() => document.querySelector('hcp-rating').shadowRoot.querySelector('[role=status]')?.textContent.trim() ?? '');
}

async function waitForSent(page) {
  try {
    await page.waitForFunction(
      () => document.querySelector('hcp-rating').shadowRoot.querySelector('[role=status]')?.textContent.includes('已提交'),
      { timeout: 10_000 },
    );
  } catch {
    throw new Error(`the status never said 已提交; it says "${await statusText(page)}"`);
  }
}

/** A real mouse click in the middle of a control's box inside the widget (a <label for> for the hidden radios and checkboxes). */
async function clickInWidget(page, selector) {
  const handle = await page.evaluateHandle((s) => document.querySelector('hcp-rating').shadowRoot.querySelector(s), selector);
  assert.ok(await handle.evaluate((el) => el !== null), `${selector} is in the widget`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await handle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await handle.dispose();
}

/** What the collector stored from one demo page. */
async function storedFrom(pagePath) {
  const response = await fetch(new URL('/api/evaluations?limit=500', server.url));
  const { evaluations } = await response.json();
  return evaluations.filter((e) => new URL(e.page).pathname === pagePath);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('demo pages, end to end in Chromium', () => {
  it('A: keyboard only on the 办件结果 page — 不满意 with a reason and a comment is stored once, page without query or fragment', async () => {
    const { page, problems } = await open('/service.html?token=secret#x');
    const projectNo = await page.$eval('hcp-rating', (el) => el.getAttribute('project-no'));

    const first = await tabUntil(page, (f) => f.host === 'hcp-rating' && f.type === 'radio', 'a level radio');
    assert.equal(first.name, '非常满意');
    assert.equal(first.checked, false, 'nothing is pre-selected');
    let focus = first;
    for (let i = 0; i < 5 && focus.name !== '不满意'; i++) {
      await page.keyboard.press('ArrowDown');
      focus = await focusInfo(page);
    }
    assert.deepEqual([focus.name, focus.checked], ['不满意', true]);

    const tag = await tabUntil(page, (f) => f.type === 'checkbox', 'the first reason tag');
    assert.equal(tag.name, '服务态度差', 'the first negative tag follows the levels');
    await page.keyboard.press('Space');
    assert.equal((await focusInfo(page)).checked, true);

    await tabUntil(page, (f) => f.tag === 'textarea', 'the comment box');
    const comment = '窗口排队等了一个多小时，工作人员态度冷淡。';
    await page.keyboard.type(comment);

    const submit = await tabUntil(page, (f) => f.tag === 'button', 'the submit button');
    assert.match(submit.name, /提交/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // an impatient second press
    await waitForSent(page);

    let stored = await storedFrom('/service.html');
    assert.equal(stored.length, 1, JSON.stringify(stored));
    const [e] = stored;
    assert.equal(e.level, 2);
    assert.equal(e.verdict, 'bad');
    assert.deepEqual(e.tags, ['N01']);
    assert.equal(e.comment, comment);
    assert.equal(e.projectNo, projectNo);
    assert.equal(e.taskName, '居民身份证换领');
    assert.equal(e.areaCode, '440300');
    assert.equal(e.page, new URL('/service.html', server.url).href);
    assert.ok(!JSON.stringify(e).includes('secret'), 'nothing from the query string travels');

    // Again, after 已提交: Enter on whatever has focus, and a click on any submit button still shown.
    await page.keyboard.press('Enter');
    const again = await page.evaluateHandle(() =>
      [...document.querySelector('hcp-rating').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.includes('提交')) ?? null,
    );
    if (await again.evaluate((b) => b !== null)) await again.click();
    await pause(500);
    stored = await storedFrom('/service.html');
    assert.equal(stored.length, 1, 'still one evaluation');
    assert.deepEqual(problems, []);
  });

  it('B: real mouse clicks on the script-tag page — the stored rating carries the data-* defaults of the script tag', async () => {
    const { page, problems } = await open('/script-tag.html', { width: 360, height: 740 });
    const data = await page.$eval('script[data-endpoint]', (s) => ({ ...s.dataset }));
    assert.equal(await page.$eval('hcp-rating', (el) => el.attributes.length), 0, 'a bare <hcp-rating>');

    await clickInWidget(page, '#choice-4');
    assert.equal(await page.evaluate(() => document.querySelector('hcp-rating').shadowRoot.querySelector('#choice-4').checked), true);
    await clickInWidget(page, '#tag-P01');
    await clickInWidget(page, 'button');
    await waitForSent(page);

    const stored = await storedFrom('/script-tag.html');
    assert.equal(stored.length, 1, JSON.stringify(stored));
    const [e] = stored;
    assert.equal(e.level, 4);
    assert.equal(e.verdict, 'good');
    assert.deepEqual(e.tags, ['P01']);
    assert.equal(e.taskCode, data.taskCode);
    assert.equal(e.taskName, data.taskName);
    assert.equal(e.deptName, data.deptName);
    assert.deepEqual(problems, []);
  });

  it('C: 好评 on the page-feedback page (good-bad) is stored with verdict good and no level', async () => {
    const { page, problems } = await open('/page-feedback.html', { width: 320, height: 640 });
    const taskCode = await page.$eval('hcp-rating', (el) => el.getAttribute('task-code'));

    await clickInWidget(page, '#choice-good');
    await clickInWidget(page, 'button');
    await waitForSent(page);

    const stored = await storedFrom('/page-feedback.html');
    assert.equal(stored.length, 1, JSON.stringify(stored));
    const [e] = stored;
    assert.equal(e.scale, 'good-bad');
    assert.equal(e.verdict, 'good');
    assert.equal('level' in e, false);
    assert.equal(e.taskCode, taskCode);
    assert.deepEqual(problems, []);
  });

  it('D: 一次一评 across phones — the same 办件 rated on a second phone is answered 409 by the collector and shown as 已评价', async () => {
    const projectNo = `E2E-409-${Date.now()}`;
    const rateOnAPhone = async () => {
      const { page, problems } = await open('/service.html');
      // The page sets which 办件 the widget rates (configuration, not a rating).
      await page.$eval('hcp-rating', (el, no) => el.setAttribute('project-no', no), projectNo);
      await page.waitForFunction(() => document.querySelector('hcp-rating').shadowRoot.querySelector('#choice-4'));
      await clickInWidget(page, '#choice-4');
      await page.evaluate(() => {
        window.hcpFailed = new Promise((resolve) => addEventListener('hcp-failed', (e) => resolve(e.detail), { once: true }));
      });
      await clickInWidget(page, 'button.submit');
      return { page, problems };
    };
    const first = await rateOnAPhone();
    await waitForSent(first.page);
    const second = await rateOnAPhone(); // a fresh browser context: nothing remembered locally
    await second.page.waitForFunction(
      () => document.querySelector('hcp-rating').shadowRoot.querySelector('[role=status]')?.textContent.includes('已评价'),
      { timeout: 10_000 },
    ).catch(async () => assert.fail(`the status never said 已评价; it says "${await statusText(second.page)}"`));
    const detail = await second.page.evaluate(() => window.hcpFailed);
    assert.deepEqual({ status: detail.status, code: detail.code }, { status: 409, code: 'already-rated' });
    const stored = (await storedFrom('/service.html')).filter((e) => e.projectNo === projectNo);
    assert.equal(stored.length, 1, 'the collector keeps the first phone’s rating only');
    // Chromium logs every 4xx answer as a failed resource load; that one is expected here.
    const expected = (p) => p.includes('status of 409 (Conflict)');
    assert.deepEqual([...first.problems, ...second.problems.filter((p) => !expected(p))], []);
  });
});
