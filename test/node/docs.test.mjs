// The README's API tables are generated from custom-elements.json, its CDN snippets from
// dist/integrity.json (scripts/docs.mjs): a new attribute, event or part, or any change to the
// bundles, without `npm run docs` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { apiMarkdown, readBlock, replaceBlock, sriMarkdown } from '../../scripts/docs.mjs';
import { run } from '../support/run.mjs';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

test('README.md API tables match custom-elements.json (run `npm run build && npm run docs`)', async () => {
  assert.equal(replaceBlock(readme, 'api', await apiMarkdown()), readme);
});

test('README.md CDN snippets carry the integrity of the bundles just built (run `npm run build && npm run docs`)', async () => {
  const { files } = JSON.parse(await readFile(new URL('../../dist/integrity.json', import.meta.url), 'utf8'));
  const block = readBlock(readme, 'sri');
  for (const [file, { integrity }] of Object.entries(files)) {
    assert.ok(
      block.includes(`integrity="${integrity}"`),
      `The README's snippet for dist/${file} does not have this build's integrity ${integrity}: the bundle changed, and a page using the old value would refuse it. Run \`npm run build && npm run docs\` and commit README.md.`,
    );
  }
  assert.equal(block, await sriMarkdown(), 'README.md CDN snippets are stale: run `npm run build && npm run docs` and commit README.md.');
});

test('README.zh-CN.md CDN snippets carry the same integrity (run `npm run build && npm run docs`)', async () => {
  const zh = await readFile(new URL('../../README.zh-CN.md', import.meta.url), 'utf8');
  assert.equal(readBlock(zh, 'sri'), await sriMarkdown('zh-CN'), 'README.zh-CN.md CDN snippets are stale: run `npm run build && npm run docs` and commit README.zh-CN.md.');
});

test('the generated tables name every attribute, event, part and CSS custom property', async () => {
  const md = await apiMarkdown();
  for (const name of ['`tags-src`', '`evaluator-token`', '`lang`', '`headers`', '`transport`', '`hcp-sent`', '`hcp-error`', '`submit`', '`--hcp-accent`']) {
    assert.ok(md.includes(name), `${name} missing from the generated tables`);
  }
});

test('README.md links the Chinese README, and the Chinese README links back', async () => {
  assert.match(readme, /\]\(README\.zh-CN\.md\)/);
  const zh = await readFile(new URL('../../README.zh-CN.md', import.meta.url), 'utf8');
  assert.match(zh, /\]\(README\.md\)/);
});

test('the README’s minimal server passes haochaping-check', async () => {
  const block = /<!-- server-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- server-example:end -->/.exec(readme);
  assert.ok(block, 'README.md has no server example block');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const port = 20000 + Math.floor(Math.random() * 20000);
  // Evaluated from the repository root, so `haochaping/schema` resolves to this package as it would once installed.
  const server = spawn(process.execPath, ['--input-type=module', '-e', block[1]], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: 'pipe' });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 50; i++) {
      if (await fetch(url, { method: 'OPTIONS' }).then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = await run(process.execPath, ['bin/haochaping-check.mjs', url], { cwd: root });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /7 passed, 0 failed, 1 not verifiable/);
  } finally {
    server.kill();
  }
});
