/**
 * The static compat gate (scripts/compat.mjs): what ships uses nothing the oldest engines of
 * the promise (package.json `browserslist`) lack, except what test/support/baseline-gaps.js
 * allows. And the gate itself works: each check catches known-bad input with an empty
 * allow-list. The first part needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import MagicString, { Bundle } from 'magic-string';
import { apiUses, checkAll, checkCss, cssTemplates, formatReport, judge, loadAllowList, placed, promiseOf, unusedNames } from '../../scripts/compat.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NONE = [];
/** Chrome 63: no globalThis (71), Array.prototype.flat (69), EventTarget constructor (64). */
const CHROME_63 = promiseOf(['chrome >= 63']);
const found = (result) => result.problems.map((p) => [p.origin ?? `${p.file}:${p.line}`, p.id]);

/** Writes `files` ({ name: text }) to a temporary directory; returns their paths. */
function probe(t, files) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-compat-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

describe('the built bundles and src/', () => {
  let result;
  before(async () => {
    for (const file of ['haochaping.min.js', 'haochaping.esm.min.js']) {
      assert.ok(existsSync(join(ROOT, 'dist', file)), `dist/${file} is missing: run \`npm run build\` first`);
    }
    result = await checkAll();
  });

  it('use nothing outside test/support/baseline-gaps.js', () => {
    assert.ok(result.checked.includes('dist/haochaping.min.js') && result.checked.includes('dist/haochaping.esm.min.js'), result.checked.join('; '));
    assert.deepEqual(result.problems, [], `\n${formatReport(result)}`);
  });

  it('baseline-gaps.js names only what the gate lets through (no stale or misspelt entries)', () => {
    assert.deepEqual(result.unused, []);
  });

  it('Lit reads globalThis in the bundles, allowed for Lit only', () => {
    const lit = result.allowed.filter((a) => a.id === 'globalThis' && a.origin?.startsWith('node_modules/'));
    assert.ok(lit.length >= 2, `Lit's globalThis reads: ${lit.length}`);
  });

  it('has css`…` templates the CSS check reads', () => {
    const templates = cssTemplates();
    assert.ok(templates.length >= 2, `found ${templates.length}`);
    assert.ok(templates.every((t) => t.text.includes('{')));
  });
});

describe('the gate catches, with an empty allow-list', () => {
  it('globalThis, [].flat() and new EventTarget() in a bundle, placed in src/ by its source map; Lit may read globalThis', async (t) => {
    // A bundle of two modules, with a source map naming them as rollup's would.
    const ours = 'export const g = globalThis;\nexport const t = new EventTarget();\nexport const f = [1, [2]].flat();\n';
    const lits = 'export const global = globalThis;\n';
    const [file] = probe(t, { 'bundle.js': '' });
    const bundle = new Bundle({ separator: '\n' });
    bundle.addSource({ filename: join(ROOT, 'src/probe.ts'), content: new MagicString(ours) });
    bundle.addSource({ filename: join(ROOT, 'node_modules/lit-html/probe.js'), content: new MagicString(lits) });
    writeFileSync(file, `${bundle.toString()}\n//# sourceMappingURL=bundle.js.map\n`);
    writeFileSync(`${file}.map`, bundle.generateMap({ file, hires: true }).toString());
    const uses = placed(apiUses([file], {}));

    assert.deepEqual(found(judge(uses, { allow: NONE, promise: CHROME_63 })), [
      ['src/probe.ts:1:18', 'globalThis'],
      ['src/probe.ts:2:22', 'EventTarget.EventTarget'],
      ['src/probe.ts:3:27', 'Array.flat'],
      ['node_modules/lit-html/probe.js:1:23', 'globalThis'],
    ]);
    const allow = await loadAllowList();
    const judged = judge(uses, { allow, promise: promiseOf() });
    assert.deepEqual(found(judged), [['src/probe.ts:1:18', 'globalThis']], 'globalThis in our own code, not Lit’s');
    assert.deepEqual(judged.allowed.map((a) => [a.origin, a.id]), [['node_modules/lit-html/probe.js:1:23', 'globalThis']]);
  });

  it('members through TypeScript types: dialog.showModal(), [].at(), Object.hasOwn, a destructured Object.fromEntries', (t) => {
    const [file] = probe(t, {
      'probe.ts':
        "const d = document.createElement('dialog');\nd.showModal();\nexport const last = [1, 2].at(-1);\nexport const own = Object.hasOwn(d, 'open');\nconst { fromEntries } = Object;\nexport const o = fromEntries([]);\n",
    });
    const uses = apiUses([file], { strict: true });
    const ids = (result) => result.problems.map((p) => [p.line, p.id]);
    assert.deepEqual(ids(judge(uses, { allow: NONE })), [[2, 'HTMLDialogElement.showModal'], [3, 'Array.at'], [4, 'Object.hasOwn'], [5, 'Object.fromEntries']]);
    assert.deepEqual(ids(judge(uses, { allow: [{ compat: ['HTMLDialogElement'], css: [] }] })), [[3, 'Array.at'], [4, 'Object.hasOwn'], [5, 'Object.fromEntries']]);
  });

  it('a use, not a test: typeof is no use, a local of the same name is not the global', (t) => {
    const [file] = probe(t, {
      'probe.js': 'export const copy = (v) => typeof structuredClone === "function" ? structuredClone(v) : JSON.parse(JSON.stringify(v));\nexport function f(queueMicrotask) { return queueMicrotask; }\n',
    });
    const uses = apiUses([file], {});
    assert.deepEqual(found(judge(uses, { allow: NONE })).map(([at, id]) => [at.replace(/.*probe\.js/, 'probe.js'), id]), [['probe.js:1', 'structuredClone']]);
    assert.deepEqual(judge(uses, { allow: [{ compat: ['structuredClone'], css: [] }] }).problems, []);
  });

  it('a regex lookbehind, literal or in RegExp(), the v and d flags; not named groups or \\p{…} (Chrome 64, Safari 11.1)', (t) => {
    const [file] = probe(t, {
      'probe.js': 'export const a = /(?<!x)y/;\nexport const b = new RegExp("(?<=x)y", "g");\nexport const c = /(?<y>\\d{4})\\k<y>/u, d = /\\p{L}/u;\nexport const v = /[\\p{L}--[a-z]]/v, i = /a/d;\n',
    });
    const problems = judge(apiUses([file], {}), { allow: NONE }).problems;
    assert.deepEqual(problems.map((p) => [p.line, p.id]), [
      [1, 'regular_expressions.lookbehind_assertion'],
      [2, 'regular_expressions.lookbehind_assertion'],
      [4, 'RegExp.unicodeSets'],
      [4, 'RegExp.hasIndices'],
    ]);
    assert.ok(problems[0].engines.includes('Safari 15'), problems[0].engines.join(', '));
  });

  it('a file that does not parse', (t) => {
    const [file] = probe(t, { 'probe.js': 'export const a = {;\n' });
    assert.deepEqual(judge(apiUses([file], {})).problems.map((p) => p.feature), ['does not parse']);
  });

  it(':focus-visible unless allow-listed', async () => {
    const css = ':host { display: block }\nbutton:focus:not(:focus-visible) { outline: none }';
    const { problems } = await checkCss(css, { allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.id]), [[2, 'css-focus-visible']]);
    assert.ok(problems[0].engines.some((e) => e.startsWith('Chrome 69')), problems[0].engines.join('; '));
    assert.deepEqual((await checkCss(css, { allow: [{ compat: [], css: ['css-focus-visible'] }] })).problems, []);
  });

  it('max() (Chromium < 79), but not grid minmax()', async () => {
    const { problems } = await checkCss('p { grid-template-columns: repeat(2, minmax(0, 1fr)) }\np { right: max(16px, env(safe-area-inset-right)) }', { allow: NONE });
    assert.deepEqual(problems.map((p) => [p.line, p.id]), [[2, 'css-math-functions']]);
  });

  it('partial CSS support only when the value used is the unsupported part', async () => {
    assert.deepEqual((await checkCss('p { overflow: hidden; text-indent: 0 }', { allow: NONE })).problems, []);
    const { problems } = await checkCss('p { overflow: clip }', { allow: NONE });
    assert.deepEqual(problems.map((p) => p.id), ['css-overflow']);
  });

  it('allow-list names that let nothing through', () => {
    const allow = [{ compat: ['structuredClone', 'Nothing.here'], css: ['css-resize'] }];
    assert.deepEqual(unusedNames(allow, [{ allowedBy: 'compat:structuredClone' }]), ['compat:Nothing.here', 'css:css-resize']);
  });
});
