// The shipped TypeScript declarations, seen from consumer code: a Node server importing
// haochaping/schema, a page listening to hcp-* events, a React 19 app writing <hcp-rating> in JSX.
// test/types/*.ts(x) resolve `haochaping` by package name, i.e. through "exports" to dist/types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { run } from '../support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

test('consumer code type-checks against the built declarations (and the @ts-expect-error lines are errors)', async () => {
  const { code, stdout, stderr } = await run(process.execPath, [TSC, '-p', 'test/types/tsconfig.json'], { cwd: ROOT, timeout: 120_000 });
  assert.equal(code, 0, stdout + stderr);
});
