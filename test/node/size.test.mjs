// The size budget in `npm test` must actually fail the run when a bundle grows past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { features } from '../../scripts/size-features.mjs';
import { run } from '../support/run.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = join(root, 'scripts', 'size.mjs');

const runSize = (args) => run(process.execPath, [script, ...args]);

async function fixtures(t) {
  const dir = await mkdtemp(join(tmpdir(), 'hcp-size-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Random bytes do not compress: 3,000 of them stay about 3,000 bytes in brotli.
  const big = join(dir, 'big.js');
  await writeFile(big, `export const x=${JSON.stringify(randomBytes(3000).toString('base64'))};`);
  const small = join(dir, 'small.js');
  await writeFile(small, 'export const answer = 42;\n');
  return { big, small };
}

test('fails with the file, its size, the budget and the excess when the script-tag bundle is over budget', async (t) => {
  const { big, small } = await fixtures(t);
  const { code, stderr } = await runSize(['--min', big, '--min-budget', '1000', '--esm', small, '--standalone', small]);
  assert.equal(code, 1);
  const match = stderr.match(/big\.js is ([\d,]+) B brotli, over its budget of 1,000 B by ([\d,]+) B/);
  assert.ok(match, stderr);
  const size = Number(match[1].replaceAll(',', ''));
  assert.ok(size > 3000, `random data should not compress, got ${size}`);
  assert.equal(Number(match[2].replaceAll(',', '')), size - 1000);
});

test('fails when the ESM entry is over its budget, even if the script-tag bundle fits', async (t) => {
  const { big, small } = await fixtures(t);
  const { code, stderr } = await runSize(['--min', small, '--esm', big, '--esm-budget', '2048', '--standalone', small]);
  assert.equal(code, 1);
  assert.match(stderr, /big\.js is [\d,]+ B brotli, over its budget of 2,048 B/);
  assert.doesNotMatch(stderr, /small\.js/);
});

test('fails when the self-contained ES module is over its budget, even if the others fit', async (t) => {
  const { big, small } = await fixtures(t);
  const { code, stderr } = await runSize(['--min', small, '--esm', small, '--standalone', big, '--standalone-budget', '2048']);
  assert.equal(code, 1);
  assert.match(stderr, /big\.js is [\d,]+ B brotli, over its budget of 2,048 B/);
  assert.doesNotMatch(stderr, /small\.js/);
});

test('passes and prints raw, gzip and brotli bytes when all three fit', async (t) => {
  const { small } = await fixtures(t);
  const { code, stdout, stderr } = await runSize(['--min', small, '--esm', small, '--standalone', small]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /\| raw \| gzip \| brotli \|/);
  assert.match(stdout, /script tag \(min\.js\) \| .*small\.js \| 26 \| \d+ \| \d+ \| 22,528 \(/);
  assert.match(stdout, /ES module \(esm\.min\.js\) \| .*small\.js \| 26 \| \d+ \| \d+ \| 22,528 \(/);
  assert.match(stdout, /npm import .*small\.js \| \d+ \| \d+ \| \d+ \| 16,384 \(/);
});

// What this does not check: that a stand-in still has every export its importers use. It need
// not: a missing export stops the real `npm run size:features` build (the script-tag config
// turns rollup's MISSING_EXPORT into an error).
test('size:features: every edit still matches its module (features() throws otherwise), and each stand-in differs from and is smaller than its module', async () => {
  // features() throws when one of its edits no longer matches the module it edits.
  for (const [name, modules] of Object.entries(features())) {
    for (const [path, standIn] of Object.entries(modules)) {
      const original = await readFile(join(root, path), 'utf8');
      assert.notEqual(standIn, original, `${name}: the stand-in for ${path} is its unchanged source`);
      assert.ok(standIn.length < original.length, `${name}: the stand-in for ${path} is not smaller than the module`);
    }
  }
});
