// The build squeezes the whitespace inside the tags of our html`…` templates (rollup.config.mjs,
// tagWhitespace). Chromium must parse every squeezed template into exactly the same DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { tagWhitespace } from '../../rollup.config.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const SOURCES = ['src/rating/views.ts', 'src/rating/hcp-rating.ts', 'src/rating/level-icons.ts', 'src/launcher/floating-launcher.ts'];

const squeeze = (code) => {
  const { edits } = tagWhitespace(code);
  let out = '';
  let last = 0;
  for (const [start, end, text] of [...edits].sort((a, b) => a[0] - b[0])) {
    out += code.slice(last, start) + text;
    last = end;
  }
  return out + code.slice(last);
};

test('squeezed html templates parse to the same DOM as the source, and are smaller', async () => {
  const pairs = [];
  let saved = 0;
  for (const file of SOURCES) {
    const code = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
    const squeezed = squeeze(code);
    saved += code.length - squeezed.length;
    assert.equal(squeezed.replace(/\s+/g, ''), code.replace(/\s+/g, ''), `${file}: only whitespace changes`);
    const before = tagWhitespace(code).templates;
    const after = tagWhitespace(squeezed).templates;
    assert.ok(before.length > 0, `${file}: its templates are found`);
    assert.equal(after.length, before.length, file);
    before.forEach((parts, i) => pairs.push({ file, before: parts.join('lit$0$'), after: after[i].join('lit$0$') }));
  }
  assert.ok(saved > 300, `saves ${saved} characters`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const parse = (html) =>
      page.evaluate((text) => {
        const template = document.createElement('template');
        template.innerHTML = text;
        return template.innerHTML;
      }, html);
    for (const { file, before, after } of pairs) assert.equal(await parse(after), await parse(before), `${file}: ${before.slice(0, 60)}`);
  } finally {
    await browser.close();
  }
});
