/**
 * README “Testing a page that embeds the widget”: the Playwright example runs exactly as printed,
 * with @playwright/test against the demo (Debian's Chromium, the demo server on a free port).
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so that the spec's `import '@playwright/test'` resolves from node_modules.
const DIR = join(ROOT, 'node_modules', '.cache', 'hcp-testing-guide');

let server;
let dataDir;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'haochaping.min.js')), 'dist/haochaping.min.js is missing: run `npm run build` first');
  dataDir = join(tmpdir(), `hcp-guide-${process.pid}`);
  server = await startServer({ port: 0, dbFile: join(dataDir, 'evaluations.sqlite') });
});

after(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(DIR, { recursive: true, force: true });
});

function example() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- playwright-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- playwright-example:end -->/.exec(readme);
  assert.ok(block, 'README.md has no playwright-example block');
  return block[1];
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the README’s Playwright example rates /service.html by role and name, and passes', async () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'rating.spec.mjs'), example());
  writeFileSync(
    join(DIR, 'playwright.config.mjs'),
    `export default ${JSON.stringify({
      testDir: DIR,
      testMatch: 'rating.spec.mjs',
      workers: 1,
      retries: 0,
      reporter: 'line',
      timeout: 30_000,
      outputDir: join(DIR, 'results'),
      use: { baseURL: server.url, browserName: 'chromium', headless: true, launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
    })};\n`,
  );
  const cli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
  const { code, output } = await run(process.execPath, [cli, 'test', '-c', join(DIR, 'playwright.config.mjs')], { cwd: ROOT });
  assert.equal(code, 0, `playwright test failed:\n${output}`);
  assert.match(output, /1 passed/, output);
});
