// haochaping/schema as a backend team uses it: the BUILT package imported by name (package.json
// "exports" → dist/schema.js), in Node without a DOM, for both body formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as schema from 'haochaping/schema';
import { evaluationFixture } from '../support/fixtures.mjs';

const { evaluationSchema, govCnEvaluationSchema, parseEvaluation, parseGovCnEvaluation, toGovCn, PAYLOAD_SCHEMA } = schema;

test('resolves to the built dist/schema.js', () => {
  assert.match(import.meta.resolve('haochaping/schema'), /\/dist\/schema\.js$/);
});

test('exports the schemas, the parsers, the gov-cn mapping and the vocabulary', () => {
  for (const name of ['evaluationSchema', 'govCnEvaluationSchema', 'catalogSchema', 'parseEvaluation', 'parseGovCnEvaluation', 'toGovCn', 'chinaTime', 'verdictOf', 'defaultCatalog', 'CHANNEL_CODES', 'LEVELS', 'PAYLOAD_SCHEMA']) {
    assert.ok(name in schema, `${name} is not exported`);
  }
  assert.equal(PAYLOAD_SCHEMA, 'haochaping.evaluation/1');
  assert.equal(evaluationSchema.safeParse(evaluationFixture()).success, true);
});

test('loads no DOM code: neither lit nor the element is in its module graph', async () => {
  const seen = new Set();
  const visit = async (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = await readFile(url, 'utf8');
    for (const [, spec] of code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)) {
      if (!spec) continue;
      assert.ok(!/^(lit|@lit)/.test(spec), `${url.pathname} imports ${spec}`);
      if (spec.startsWith('.')) await visit(new URL(spec, url));
    }
    assert.ok(!/customElements|HTMLElement|document\./.test(code), `${url.pathname} touches the DOM`);
  };
  await visit(new URL(import.meta.resolve('haochaping/schema')));
});

test('parseEvaluation returns typed data for a valid body and keeps unknown fields out', () => {
  const body = { ...evaluationFixture(), extra: 'dropped' };
  const result = parseEvaluation(body);
  assert.equal(result.ok, true);
  assert.equal(result.evaluation.id, body.id);
  assert.equal('extra' in result.evaluation, false);
});

test('parseEvaluation names missing fields and fields of the wrong type', () => {
  const { tagVersion, locale, ...missing } = evaluationFixture();
  assert.ok(tagVersion && locale);
  const result = parseEvaluation({ ...missing, dwellMs: '5s', tags: 'N01' });
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((e) => e.field).sort(), ['dwellMs', 'locale', 'tagVersion', 'tags']);
  for (const e of result.errors) assert.match(e.message, /^[A-Z]/, 'English, readable message');
  assert.deepEqual(parseEvaluation('not an object').errors.map((e) => e.field), ['(body)']);
});

test('parseGovCnEvaluation accepts what toGovCn produces, and names bad fields', () => {
  const gov = toGovCn(evaluationFixture({ createdAt: '2026-11-27T01:30:00.000Z' }));
  const ok = parseGovCnEvaluation(gov);
  assert.equal(ok.ok, true);
  assert.equal(ok.evaluation.assessTime, '2026-11-27 09:30:00');
  assert.equal(govCnEvaluationSchema.safeParse(gov).success, true);
  const bad = parseGovCnEvaluation({ ...gov, satisfaction: 6, pf: 7, assessTime: '2026-11-27T09:30:00+08:00', evalDetail: 'N01, N08' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['assessTime', 'evalDetail', 'pf', 'satisfaction']);
  assert.match(bad.errors.find((e) => e.field === 'assessTime').message, /China Standard Time/);
  const { evaluationId, ...noId } = gov;
  assert.ok(evaluationId);
  assert.deepEqual(parseGovCnEvaluation(noId).errors.map((e) => e.field), ['evaluationId']);
});

test('a canonical body is not a gov-cn body and vice versa', () => {
  const canonical = evaluationFixture();
  assert.equal(parseGovCnEvaluation(canonical).ok, false);
  assert.equal(parseEvaluation(toGovCn(canonical)).ok, false);
});
