// dist/integrity.json (scripts/integrity.mjs) gives the Subresource Integrity of the files a page
// loads from a CDN, and the README's snippets carry it (scripts/docs.mjs; docs.test.mjs keeps
// them current). Here: the manifest is the files' real hash, and Chromium runs the README's
// snippets from another origin with this build's files, and refuses a file changed by one byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { readBlock } from '../../scripts/docs.mjs';
import { SELF_CONTAINED } from '../../scripts/integrity.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const ROOT = new URL('../../', import.meta.url);
const manifest = JSON.parse(await readFile(new URL('dist/integrity.json', ROOT), 'utf8'));
const pkg = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8'));

test('dist/integrity.json has the sha384 and size of each self-contained file, for this version', async () => {
  assert.equal(manifest.version, pkg.version);
  assert.deepEqual(Object.keys(manifest.files), ['haochaping.min.js', 'haochaping.esm.min.js']);
  assert.deepEqual(SELF_CONTAINED, Object.keys(manifest.files));
  for (const [file, { integrity, bytes }] of Object.entries(manifest.files)) {
    const content = await readFile(new URL(`dist/${file}`, ROOT));
    assert.equal(integrity, `sha384-${createHash('sha384').update(content).digest('base64')}`, `${file} (run \`npm run build\`)`);
    assert.equal(bytes, content.length, file);
  }
});

test('the README’s CDN snippets run in Chromium from another origin, and a changed file is refused', async () => {
  const snippets = [...readBlock(await readFile(new URL('README.md', ROOT), 'utf8'), 'sri').matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(snippets.length, 2, 'a classic and a module snippet');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    for (const tamper of [false, true]) {
      for (const snippet of snippets) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          if (url.origin === 'https://www.example.gov.cn') {
            return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="zh-CN"><head>${snippet}</head><body><hcp-rating project-no="P-1"></hcp-rating></body></html>` });
          }
          const file = /^\/haochaping\/([^/]+)\/([^/]+)$/.exec(url.pathname);
          if (url.origin === 'https://cdn.example.gov.cn' && file?.[1] === pkg.version && SELF_CONTAINED.includes(file[2])) {
            let body = await readFile(new URL(`dist/${file[2]}`, ROOT));
            if (tamper) body = Buffer.concat([body, Buffer.from('\n')]);
            return route.fulfill({ contentType: 'text/javascript', body, headers: { 'Access-Control-Allow-Origin': '*' } });
          }
          return route.abort();
        });
        await page.goto('https://www.example.gov.cn/');
        const kind = snippet.includes('type="module"') ? 'module' : 'classic';
        const defined = await page.waitForFunction(() => customElements.get('hcp-rating') !== undefined, null, { timeout: tamper ? 1500 : 10000 }).then(() => true, () => false);
        if (tamper) {
          assert.equal(defined, false, `${kind}: a file changed by one byte must not run`);
          assert.ok(errors.some((e) => /integrity/i.test(e)), `${kind}: Chromium reports the integrity failure: ${errors.join(' | ')}`);
        } else {
          assert.equal(defined, true, `${kind}: the snippet registers <hcp-rating>: ${errors.join(' | ')}`);
          assert.ok(await page.evaluate(() => document.querySelector('hcp-rating').shadowRoot?.childElementCount > 0), `${kind}: the widget renders`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
});
