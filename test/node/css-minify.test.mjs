// The build strips comments and indentation from our css`…` styles (rollup.config.mjs,
// minifyCss). Chromium must parse the minified text into exactly the same rules as the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { minifyCss } from '../../rollup.config.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const SOURCES = ['src/rating/hcp-rating.styles.ts', 'src/launcher/floating-launcher.ts'];

test('minified styles parse to the same CSS rules as the source, and are smaller', async () => {
  const sheets = [];
  for (const file of SOURCES) {
    const code = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
    for (const [, text] of code.matchAll(/\bcss`([^`$\\]*)`/g)) sheets.push({ file, text });
  }
  assert.equal(sheets.length, SOURCES.length, 'one css literal per source file');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const parse = (text) =>
      page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        // Chromium keeps a value with env() as written, line breaks included: compare tokens.
        return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' '));
      }, text);
    for (const { file, text } of sheets) {
      const minified = minifyCss(text);
      assert.ok(minified.length < text.length * 0.8, `${file}: minified to ${minified.length} of ${text.length} characters`);
      const [before, after] = [await parse(text), await parse(minified)];
      assert.ok(before.length > 10, `${file}: the source parses to rules`);
      assert.deepEqual(after, before, `${file}: same rules after minifying`);
    }
  } finally {
    await browser.close();
  }
});
