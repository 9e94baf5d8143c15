// The shipped TypeScript declarations, seen from consumer code: a Node server importing
// haochaping/schema, a page listening to hcp-* events, a React 19 app writing <hcp-rating> in JSX,
// a React 18 or 19 app using <HcpRating> from haochaping/react-component,
// a Preact app's JSX, a Vue 3 app's templates (vue-tsc) and a Svelte 5 app's markup (svelte-check).
// test/types/** resolve `haochaping` by package name, i.e. through "exports" to dist/types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { run } from '../support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const bin = (path) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
const TSC = bin('typescript/bin/tsc');
const VUE_TSC = bin('vue-tsc/bin/vue-tsc.js');
const SVELTE_CHECK = bin('svelte-check/bin/svelte-check');
const options = { cwd: ROOT, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 };

const vueTsc = (dir) => run(process.execPath, [VUE_TSC, '-p', `test/types/${dir}/tsconfig.json`], options);
const svelteCheck = (dir) =>
  run(process.execPath, [SVELTE_CHECK, '--workspace', `test/types/${dir}`, '--tsconfig', './tsconfig.json', '--output', 'machine', '--fail-on-warnings'], options);

/**
 * The mistakes in test/types/{vue,svelte}-wrong, one per <hcp-rating>: the text that marks its
 * line, and what the checker's message must say.
 */
const MISTAKES = [
  ['scale="stars"', /"stars"' is not assignable to type '"five-level" \| "good-bad"/],
  ['mode="popup"', /"popup"' is not assignable to type '"inline" \| "kiosk"/],
  ["'X-App-Id': 1", /Type 'number' is not assignable to type 'string'/],
  ['e.detail.reason', /Property 'reason' does not exist on type 'HcpSentDetail'/],
  ['project-no', /Type 'number' is not assignable to type 'string'/],
];

/** `[line, message]` of each error, from vue-tsc's (tsc's) or svelte-check's machine output. */
const errorsOf = (output) => [
  ...[...output.matchAll(/\((\d+),\d+\): error TS\d+: (.*)/g)].map((m) => [Number(m[1]), m[2]]),
  ...[...output.matchAll(/ ERROR "[^"]+" (\d+):\d+ "(.*)"$/gm)].map((m) => [Number(m[1]), JSON.parse(`"${m[2]}"`)]),
];

/** Every mistake of `file` is reported on its line with its message, and nothing else is. */
async function assertMistakes(file, { code, stdout, stderr }) {
  assert.notEqual(code, 0, `the checker accepted ${file}:\n${stdout}${stderr}`);
  const lines = (await readFile(ROOT + file, 'utf8')).split('\n');
  const errors = errorsOf(stdout + stderr);
  const expected = MISTAKES.map(([marker, message]) => {
    const line = lines.findIndex((l) => l.includes('<hcp-rating') && l.includes(marker)) + 1;
    assert.ok(line > 0, `${file} has no <hcp-rating> line with ${marker}`);
    const reported = errors.filter(([l]) => l === line);
    assert.equal(reported.length, 1, `${file}:${line} (${marker}): one error expected, got ${JSON.stringify(reported)}\n${stdout}${stderr}`);
    assert.match(reported[0][1], message, `${file}:${line}`);
    return line;
  });
  assert.deepEqual(errors.map(([l]) => l).sort((a, b) => a - b), expected.sort((a, b) => a - b), `only the mistakes are errors:\n${stdout}`);
}

test('consumer code type-checks against the built declarations (and the @ts-expect-error lines are errors)', async () => {
  const { code, stdout, stderr } = await run(process.execPath, [TSC, '-p', 'test/types/tsconfig.json'], options);
  assert.equal(code, 0, stdout + stderr);
});

test('Preact: JSX with <hcp-rating> type-checks (and its @ts-expect-error lines are errors)', async () => {
  const { code, stdout, stderr } = await run(process.execPath, [TSC, '-p', 'test/types/preact/tsconfig.json'], options);
  assert.equal(code, 0, stdout + stderr);
});

test('Vue 3: a component using <hcp-rating> passes vue-tsc (strictTemplates; its @vue-expect-error lines are errors)', async () => {
  const { code, stdout, stderr } = await vueTsc('vue');
  assert.equal(code, 0, stdout + stderr);
});

test('Vue 3: vue-tsc reports each wrong attribute value, property and listener of test/types/vue-wrong', async () => {
  await assertMistakes('test/types/vue-wrong/Wrong.vue', await vueTsc('vue-wrong'));
});

test('Svelte 5: components using <hcp-rating> (runes and legacy mode) pass svelte-check', async () => {
  const { code, stdout, stderr } = await svelteCheck('svelte');
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
});

test('Svelte 5: svelte-check reports each wrong attribute value, property and listener of test/types/svelte-wrong', async () => {
  await assertMistakes('test/types/svelte-wrong/Wrong.svelte', await svelteCheck('svelte-wrong'));
});
