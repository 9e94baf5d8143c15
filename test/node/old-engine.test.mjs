/**
 * Old Chromium, for real: the strict-CSP script-tag page rated with real key presses in
 * Debian's QtWebEngine, Qt 6.4 (Chromium 102) and Qt 5.15 (Chromium 87), driven by
 * test/old-engine/qt_rate.py. The collector must store the rating the keys chose, with zero CSP
 * violations and no script errors. Chromium 87 is where prefix ranges ending in '\uffff' matched
 * nothing, so a stored rating was never read back and stayed 正在提交… (src/outbox/kv.ts `range`):
 * with that bound restored, the Chromium 87 case here times out. Needs `npm run build` first and
 * the Debian packages python3-pyqt6.qtwebengine and python3-pyqt5.qtwebengine (no X server:
 * the script uses QT_QPA_PLATFORM=offscreen).
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../demo/server.mjs';

const BUNDLE = fileURLToPath(new URL('../../dist/haochaping.min.js', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../old-engine/qt_rate.py', import.meta.url));
// Debian's own Python: the Qt bindings live in its dist-packages, not in a pyenv or venv Python.
const PYTHON = process.env.HCP_QT_PYTHON ?? '/usr/bin/python3';
const INSTALL = 'apt-get install python3-pyqt6.qtwebengine python3-pyqt5.qtwebengine';
const PAGE = '/csp-script.html';
const SENT = '已提交，感谢您的评价！';

const ENGINES = [
  // Each engine chooses another level, each by other keys: ArrowRight from 非常满意 to 满意; Space on 非常满意.
  { qt: '6', module: 'PyQt6', package: 'python3-pyqt6.qtwebengine', chrome: 102, arrows: 1, level: 4 },
  { qt: '5', module: 'PyQt5', package: 'python3-pyqt5.qtwebengine', chrome: 87, arrows: 0, level: 5 },
];

let dir;

before(() => {
  assert.ok(existsSync(BUNDLE), 'dist/haochaping.min.js is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'hcp-old-engine-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fails (never skips) when the engine is not installed, saying what to install. */
function requireQt({ module, package: pkg, chrome }) {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: apt-get install python3, then ${INSTALL}`);
  const probe = spawnSync(PYTHON, ['-c', `import ${module}.QtWebEngineWidgets, ${module}.QtTest`], { encoding: 'utf8' });
  assert.equal(
    probe.status,
    0,
    `${module} QtWebEngine (Chromium ${chrome}) is not installed for ${PYTHON} (package ${pkg}): ${INSTALL}\n${probe.stderr ?? ''}`,
  );
}

/** Runs qt_rate.py; resolves to { code, result (its JSON line), stderr }. */
function rate(qt, url, arrows) {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [SCRIPT, '--qt', qt, '--arrows', String(arrows), '--timeout', '20', url],
      { timeout: 90_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').reverse().find((l) => l.startsWith('{'));
        let result;
        try {
          result = line && JSON.parse(line);
        } catch {
          result = undefined;
        }
        resolve({ code: error ? (error.code ?? error.signal) : 0, result, stdout, stderr });
      },
    );
  });
}

describe('old Chromium (Debian QtWebEngine): a rating by real key presses under a strict CSP is delivered', () => {
  for (const engine of ENGINES) {
    it(`Chromium ${engine.chrome} (Qt ${engine.qt}): keys choose level ${engine.level}, the collector stores it, zero CSP violations`, async () => {
      requireQt(engine);
      // A server and database of its own: "exactly one rating" means this engine's.
      const server = await startServer({ port: 0, dbFile: join(dir, `qt${engine.qt}.sqlite`) });
      try {
        const { code, result, stderr } = await rate(engine.qt, new URL(PAGE, server.url).href, engine.arrows);
        const diagnostics = `\n--- qt_rate.py stderr ---\n${stderr.split('\n').slice(-60).join('\n')}`;
        assert.equal(code, 0, `qt_rate.py exited ${code}${diagnostics}`);
        assert.ok(result, `qt_rate.py printed no JSON result${diagnostics}`);

        // The old engine, not some other Chromium.
        assert.equal(Number.parseInt(result.engine, 10), engine.chrome, `Chrome/${result.engine} is not Chromium ${engine.chrome}`);
        assert.equal(result.status, SENT, 'the widget shows the sent state');
        assert.equal(result.level, engine.level, 'the key presses checked the intended level');
        assert.deepEqual(result.violations, [], 'no securitypolicyviolation events');
        assert.deepEqual(result.cspConsole, [], 'no CSP messages in the console');
        assert.deepEqual(result.errors, [], 'no console errors or uncaught exceptions');
        // The recorder works in this engine: an inline script added afterwards was blocked and reported.
        assert.equal(result.probe.length, 1, `the violation listener reports (probe: ${JSON.stringify(result.probe)})`);
        assert.equal(result.inlineRan, false, 'the strict CSP blocks inline script');

        const response = await fetch(new URL('/api/evaluations?limit=500', server.url));
        assert.equal(response.status, 200);
        const { total, evaluations } = await response.json();
        assert.equal(total, 1, 'the collector stored exactly one rating');
        assert.equal(evaluations.length, 1);
        const [stored] = evaluations;
        assert.equal(new URL(stored.page).pathname, PAGE);
        assert.equal(stored.level, engine.level, 'the stored level is the one the keys chose');
        assert.equal(stored.verdict, 'good');
        assert.equal(stored.scale, 'five-level');
      } finally {
        await server.close();
      }
    });
  }
});
