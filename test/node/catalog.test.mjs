// Reason-tag catalogs: the rules in src/schema/catalog.ts, which the browser runs as they are and
// servers get as a zod schema (`catalogSchema` of haochaping/schema): the same verdicts from both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { catalogSchema, defaultCatalog, readCatalog } from 'haochaping/schema';

const fixture = async (name) => JSON.parse(await readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const tag = (fields) => ({ code: 'N01', label: '差', verdict: 'bad', ...fields });
const catalog = (...tags) => ({ version: 'v1', tags });
const problems = (value) => {
  const result = readCatalog(value);
  assert.equal(result.ok, false, `expected problems with ${JSON.stringify(value)}`);
  return result.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
};

test('the national default and a provincial catalog are valid, unchanged', async () => {
  assert.deepEqual(readCatalog(defaultCatalog), { ok: true, catalog: defaultCatalog });
  const guangdong = await fixture('catalog-guangdong.json');
  assert.deepEqual(readCatalog(guangdong), { ok: true, catalog: guangdong });
});

test('version and labels are trimmed, unknown fields dropped, locale labels kept', () => {
  const read = readCatalog({ version: ' v1 ', more: 1, tags: [tag({ label: '  服务态度差  ', extra: true }), tag({ code: 'G1', verdict: 'good', label: { 'zh-CN': ' 好 ', en: 'Good' } })] });
  assert.deepEqual(read, {
    ok: true,
    catalog: { version: 'v1', tags: [{ code: 'N01', label: '服务态度差', verdict: 'bad' }, { code: 'G1', label: { 'zh-CN': '好', en: 'Good' }, verdict: 'good' }] },
  });
});

test('each rule names the field and the fix', () => {
  const cases = [
    [null, ': a catalog is an object { "version": "…", "tags": [{ "code", "label", "verdict" }] }'],
    [[], ': a catalog is an object { "version": "…", "tags": [{ "code", "label", "verdict" }] }'],
    [{ tags: [tag()] }, 'version: a catalog version is text of 1–64 characters, e.g. "gd-2024-1"'],
    [{ version: 'x'.repeat(65), tags: [tag()] }, 'version: a catalog version is text of 1–64 characters, e.g. "gd-2024-1"'],
    [catalog(), 'tags: tags is a list of 1–100 tags'],
    [{ version: 'v1', tags: 'none' }, 'tags: tags is a list of 1–100 tags'],
    [catalog(...Array.from({ length: 101 }, (_, i) => tag({ code: `C${i}` }))), 'tags: tags is a list of 1–100 tags'],
    [catalog('N01'), 'tags.0: a tag is an object { "code": "N01", "label": "…", "verdict": "bad" }'],
    [catalog(tag({ code: 'bad code!' })), 'tags.0.code: a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")'],
    [catalog(tag({ code: 'x'.repeat(33) })), 'tags.0.code: a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")'],
    [catalog(tag({ verdict: 'meh' })), 'tags.0.verdict: a tag verdict is "good" or "bad"'],
    [catalog(tag({ label: 5 })), 'tags.0.label: a tag label is text, or an object of text per locale'],
    [catalog(tag({ label: '' })), 'tags.0.label: a tag label needs visible text'],
    [catalog(tag({ label: '\u200B\u3164 ' })), 'tags.0.label: a tag label needs visible text'],
    [catalog(tag({ label: 'x'.repeat(101) })), 'tags.0.label: a tag label is at most 100 characters'],
    [catalog(tag({ label: '好\u202E评' })), 'tags.0.label: a tag label may not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069)'],
    [catalog(tag({ label: {} })), 'tags.0.label: a label object needs at least one locale, e.g. { "zh-CN": "办事效率高" }'],
    [catalog(tag({ label: { en: '' } })), 'tags.0.label.en: a tag label needs visible text'],
    [catalog(tag(), tag({ label: 'again' })), 'tags: tag codes must be unique within a catalog'],
  ];
  for (const [value, says] of cases) assert.deepEqual(problems(value), [says], JSON.stringify(value)?.slice(0, 80));
  assert.ok(readCatalog(catalog(tag({ label: 'x'.repeat(100) }))).ok, '100 characters is allowed');
});

test('every problem is reported, in document order', async () => {
  assert.deepEqual(problems(await fixture('catalog-invalid.json')), [
    'tags.0.code: a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")',
    'tags.0.verdict: a tag verdict is "good" or "bad"',
    'tags.0.label: a tag label needs visible text',
  ]);
});

test('catalogSchema (zod, for servers) accepts and rejects exactly as readCatalog, with the same paths and messages', async () => {
  const values = [defaultCatalog, await fixture('catalog-guangdong.json'), await fixture('catalog-invalid.json'), null, 'x', catalog(), catalog(tag({ verdict: 'meh' }), tag()), catalog(tag({ label: ' 好 ' }))];
  for (const value of values) {
    const read = readCatalog(value);
    const parsed = catalogSchema.safeParse(value);
    assert.equal(parsed.success, read.ok, JSON.stringify(value));
    if (read.ok) assert.deepEqual(parsed.data, read.catalog);
    else assert.deepEqual(parsed.error.issues.map(({ path, message }) => ({ path, message })), read.issues);
  }
});
