/**
 * The static compat gate (scripts/compat.mjs): what ships uses nothing the oldest engines of
 * the promise (package.json `browserslist`) lack, except what test/support/baseline-gaps.js
 * allows. And the gate itself works: it catches known-bad input with an empty allow-list.
 * The bundle check needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  checkAll,
  checkCss,
  checkSyntax,
  checkTypedMembers,
  cssTemplates,
  formatReport,
  lintJs,
  loadAllowList,
  unknownAllowNames,
} from '../../scripts/compat.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const NONE = { compat: [], css: [] };
const features = (result) => (result.problems ?? result).map((p) => p.feature);

describe('the built bundles and src/', () => {
  it('use nothing outside test/support/baseline-gaps.js', async () => {
    for (const file of ['haochaping.min.js', 'haochaping.esm.min.js', 'haochaping.js']) {
      assert.ok(existsSync(join(DIST, file)), `dist/${file} is missing: run \`npm run build\` first`);
    }
    const result = await checkAll();
    assert.ok(result.checked.some((c) => c.startsWith('dist/haochaping.min.js')), result.checked.join('; '));
    assert.deepEqual(result.problems, [], `\n${formatReport(result)}`);
  });

  it('baseline-gaps.js names only things the checks know', async () => {
    assert.deepEqual(unknownAllowNames(await loadAllowList()), { compat: [], css: [] });
  });

  it('has css`…` templates the CSS check reads', () => {
    const templates = cssTemplates();
    assert.ok(templates.length >= 2, `found ${templates.length}`);
    assert.ok(templates.every((t) => t.text.includes('{')));
  });
});

describe('the gate catches, with an empty allow-list', () => {
  it('a regex lookbehind, literal or in RegExp()', async () => {
    const { problems } = await lintJs('export const a = /(?<!x)y/;\nexport const b = new RegExp("(?<=x)y", "g");', { allow: NONE });
    const lookbehind = problems.filter((p) => /lookbehind/i.test(p.feature));
    assert.deepEqual(lookbehind.map((p) => p.line), [1, 2], features(problems).join(', '));
    assert.ok(lookbehind.every((p) => p.engines.includes('Safari 15')));
  });

  it('the v flag, but not named groups or \\p{…} (Safari 11.1)', async () => {
    const ok = await lintJs('export const a = /(?<y>\\d{4})\\k<y>/u, b = /\\p{L}/u, c = /a/d;', { allow: NONE });
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(features(await lintJs('export const v = /[\\p{L}--[a-z]]/v;', { allow: NONE })), ['RegExp flag v (unicodeSets)']);
  });

  it('structuredClone, guarded or not, unless allow-listed', async () => {
    const code = 'export const copy = (v) => typeof structuredClone === "function" ? structuredClone(v) : JSON.parse(JSON.stringify(v));';
    const { problems } = await lintJs(code, { allow: NONE });
    assert.ok(features(problems).includes('structuredClone'), features(problems).join(', '));
    assert.ok(problems.find((p) => p.feature === 'structuredClone').engines.includes('Chrome 90'));
    const allowed = await lintJs(code, { allow: { compat: ['structuredClone'], css: [] } });
    assert.deepEqual(allowed.problems, []);
    assert.equal(allowed.allowed.length, problems.length);
  });

  it('Object.hasOwn, even where the file also has `const {…} = Object` (eslint-plugin-compat misses it there)', async () => {
    const { problems } = await lintJs('const { keys } = Object;\nexport const own = (o, k) => Object.hasOwn(o, k) && keys(o);', { allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.feature]), [[2, 'Object.hasOwn']]);
    const local = await lintJs('const Object = { hasOwn: () => true };\nexport const own = Object.hasOwn();', { allow: NONE });
    assert.deepEqual(local.problems, []);
  });

  it('a class static block (syntax)', async () => {
    const problems = await checkSyntax('export class A {\n  static {\n    this.x = 1;\n  }\n}', { format: 'esm' });
    assert.deepEqual(features(problems), ['syntax: class-static-blocks']);
    assert.ok(problems[0].engines.includes('Safari 15') && problems[0].engines.includes('Chrome 90'), problems[0].engines.join(', '));
  });

  it('`??=` for an older promise, not for ours (Chrome 85, Safari 14)', async () => {
    const code = 'let a;\na ??= 1;\nexport { a };';
    assert.deepEqual(await checkSyntax(code, { format: 'esm' }), []);
    assert.deepEqual(features(await checkSyntax(code, { format: 'esm', targets: ['safari13'] })), ['syntax: logical-assignment']);
  });

  it('top-level await for an engine without it', async () => {
    const problems = await checkSyntax('await Promise.resolve();\nexport {};', { format: 'esm', targets: ['chrome88', 'safari15'] });
    assert.equal(problems.length, 1);
    assert.match(problems[0].feature, /Top-level await/);
    assert.deepEqual(problems[0].engines, ['chrome88']);
  });

  it('an optional call with a spread before another argument (throws in Chrome 90)', async () => {
    const { problems } = await lintJs('export const f = (o, a) => o?.m(...a, 1);\nexport const g = (o, a) => o?.m(...a);', { allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.engines.join(', ')]), [[1, 'Chrome 90, Edge 90']]);
  });

  it('instance methods, through TypeScript types (dialog.showModal(), [].at())', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'hcp-compat-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'probe.ts');
    writeFileSync(file, "const d = document.createElement('dialog');\nd.showModal();\nexport const last = [1, 2].at(-1);\nexport const own = Object.hasOwn(d, 'open');\n");
    const { problems } = checkTypedMembers({ files: [file], allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.feature]), [[2, 'HTMLDialogElement.showModal'], [3, 'Array.at'], [4, 'Object.hasOwn']]);
    const allowed = checkTypedMembers({ files: [file], allow: { compat: ['HTMLDialogElement'], css: [] } });
    assert.deepEqual(features(allowed), ['Array.at', 'Object.hasOwn']);
  });

  it(':focus-visible unless allow-listed', async () => {
    const css = ':host { display: block }\nbutton:focus-visible { outline: 2px solid }';
    const { problems } = await checkCss(css, { file: 'probe.css', allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.id]), [[2, 'css-focus-visible']]);
    assert.ok(problems[0].engines.some((e) => e.startsWith('Safari 15')), problems[0].engines.join('; '));
    assert.deepEqual((await checkCss(css, { allow: { compat: [], css: ['css-focus-visible'] } })).problems, []);
  });

  it('partial CSS support only when the value used is the unsupported part', async () => {
    assert.deepEqual((await checkCss('p { overflow: hidden; text-indent: 0 }', { allow: NONE })).problems, []);
    const { problems } = await checkCss('p { overflow: clip }', { allow: NONE });
    assert.deepEqual(problems.map((p) => p.id), ['css-overflow']);
  });
});
