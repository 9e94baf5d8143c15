/**
 * SPEC §6: the widget works under a strict Content-Security-Policy, with and without Trusted
 * Types, loaded by script tag and as an ES module. Each CSP demo page is rated with real mouse
 * clicks and key presses in Chromium (playwright-core) while every `securitypolicyviolation`
 * event and every CSP console message is counted; there must be none, and the collector must
 * have stored the rating. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { STRICT_CSP, TRUSTED_TYPES_CSP, nonceCsp, startServer } from '../../demo/server.mjs';
import { baselineProfileScript } from '../support/baseline-profile.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

let browser;
let server;
let dir;
const contexts = [];

before(async () => {
  for (const file of ['haochaping.min.js', 'haochaping.esm.min.js']) {
    assert.ok(existsSync(join(DIST, file)), `dist/${file} is missing: run \`npm run build\` first`);
  }
  dir = mkdtempSync(join(tmpdir(), 'hcp-csp-'));
  server = await startServer({ port: 0, dbFile: join(dir, 'evaluations.sqlite') });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
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
 * Opens `path` in a fresh context that records CSP violations from the first script on;
 * `baseline`: in the baseline profile (test/support/baseline-profile.js), as the oldest engines
 * of the promise, without constructable stylesheets among the rest.
 */
async function open(path, { baseline = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  if (baseline) await context.addInitScript({ content: baselineProfileScript });
  // Injected by the browser before any page script, so it is not subject to the page's CSP.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sample})`),
      true,
    );
  });
  const page = await context.newPage();
  const consoleProblems = [];
  const warnings = [];
  page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The pages have no favicon: a data: icon would itself break `default-src 'self'`.
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (message.type() === 'error' || /Content Security Policy|Trusted Type/i.test(message.text())) consoleProblems.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const response = await page.goto(new URL(path, server.url).href);
  await page.locator('main hcp-rating [role=radiogroup]').waitFor({ timeout: 10_000 });
  return { page, response, consoleProblems, warnings };
}

async function stored(pagePath) {
  const { evaluations } = await (await fetch(new URL('/api/evaluations?limit=500', server.url))).json();
  return evaluations.filter((e) => new URL(e.page).pathname === pagePath);
}

/** Rates the page's own widget by mouse and keyboard and checks the collector stored it once. */
async function rateAndCheck(page, path) {
  // The page's own widget (a script-tag page also has the launcher's, in its closed dialog).
  const widget = page.locator('main hcp-rating');
  // Real mouse clicks on 不满意 and a reason tag, by role and name (playwright looks inside the shadow root).
  await widget.getByRole('radio', { name: '不满意', exact: true }).click();
  await widget.getByRole('checkbox', { name: '等待时间长' }).click();
  // Real key presses into the comment, then Tab-free keyboard submission: focus by click, Enter on the button.
  await widget.getByRole('textbox', { name: '意见和建议（选填）' }).click();
  await page.keyboard.type('严格 CSP 页面测试');
  await widget.getByRole('button', { name: '提交评价' }).focus();
  await page.keyboard.press('Enter');
  await widget.getByText('已提交，感谢您的评价！').waitFor({ timeout: 10_000 });

  const rows = await stored(path);
  assert.equal(rows.length, 1, 'the collector stored the rating once');
  assert.equal(rows[0].level, 2);
  assert.deepEqual(rows[0].tags, ['N08']);
  assert.equal(rows[0].comment, '严格 CSP 页面测试');
}

const PAGES = [
  { path: '/csp-script.html', csp: STRICT_CSP, how: 'script tag (with data-launcher="floating")' },
  { path: '/csp-esm.html', csp: STRICT_CSP, how: 'ES module' },
  { path: '/tt-script.html', csp: TRUSTED_TYPES_CSP, how: 'script tag, Trusted Types enforced' },
  { path: '/tt-esm.html', csp: TRUSTED_TYPES_CSP, how: 'ES module, Trusted Types enforced' },
];

describe('strict CSP and Trusted Types pages, end to end in Chromium', () => {
  it('serves each page with its policy exactly (SPEC §6 as integrators write it), with nothing unsafe-', async () => {
    // The policies as SPEC §6 and the README state them, not as demo/server.mjs builds them.
    assert.equal(STRICT_CSP, "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'");
    assert.equal(TRUSTED_TYPES_CSP, "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'");
    for (const { path, csp } of PAGES) {
      const response = await fetch(new URL(path, server.url));
      assert.equal(response.status, 200, path);
      await response.arrayBuffer();
      const served = response.headers.get('content-security-policy');
      assert.equal(served, csp, `${path}: the served Content-Security-Policy`);
      assert.doesNotMatch(served, /unsafe-/, `${path}: no 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes'…`);
    }
  });

  for (const { path, csp, how } of PAGES) {
    it(`${path} (${how}): a rating by mouse and keyboard is stored, with zero CSP violations`, async () => {
      const { page, response, consoleProblems, warnings } = await open(path);
      assert.equal(response.headers()['content-security-policy'], csp);

      await rateAndCheck(page, path);

      const violations = await page.evaluate(() => window.__violations);
      assert.deepEqual(violations, [], 'no securitypolicyviolation events');
      assert.deepEqual(consoleProblems, [], 'no CSP or script errors in the console');
      if (path.includes('-script')) {
        // The floating launcher (data-launcher="floating") opens its dialog under the same policy.
        await page.getByRole('button', { name: '评价', exact: true }).click();
        await page.getByRole('dialog').getByRole('radiogroup').waitFor({ timeout: 5_000 });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 5_000 });
        assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no violations from the launcher either');
        assert.deepEqual(warnings.filter((w) => w.includes('launcher')), [], 'the launcher is supported, not warned about');
      }
    });
  }

  for (const path of ['/csp-nonce-script.html', '/csp-nonce-esm.html']) {
    it(`${path} in the baseline profile (no constructable stylesheets): the widget before the script is styled through nonced <style>, a rating is stored, zero violations`, async () => {
      const { page, response, consoleProblems } = await open(path, { baseline: true });
      const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'])?.[1];
      assert.ok(nonce, 'the page is served with a style nonce');
      assert.equal(response.headers()['content-security-policy'], nonceCsp(nonce));
      const styles = await page.locator('main hcp-rating').evaluate((el) => ({
        adopted: 'adoptedStyleSheets' in Document.prototype,
        nonces: [...el.shadowRoot.querySelectorAll('style')].map((style) => style.nonce),
        submitHeight: getComputedStyle(el.shadowRoot.querySelector('.submit')).minHeight,
      }));
      assert.equal(styles.adopted, false, 'the profile removed constructable stylesheets');
      assert.ok(styles.nonces.length > 0, 'Lit wrote <style> elements');
      assert.deepEqual(styles.nonces, styles.nonces.map(() => nonce), 'every <style> carries the page nonce');
      assert.equal(styles.submitHeight, '44px', 'the styles apply');
      await rateAndCheck(page, path);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no securitypolicyviolation events');
      assert.deepEqual(consoleProblems, [], 'no CSP or script errors in the console');
    });
  }

  it('the violation listener works: an inline script on a strict page is reported', async () => {
    const { page } = await open('/csp-script.html');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
    }).catch(() => {});
    await page.waitForFunction(() => window.__violations.length > 0, null, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => window.__ran), undefined);
  });
});
