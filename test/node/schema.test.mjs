// `haochaping/schema` as a Node server uses it: imported by package name, with no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHANNEL_CODES,
  chinaTime,
  defaultCatalog,
  parseEvaluation,
  toGovCn,
  verdictOf,
} from 'haochaping/schema';
import { evaluationFixture } from '../support/fixtures.mjs';

// A hand-built fixture, not a rating: it checks the server-side validator only.
const fixture = evaluationFixture({
  id: '0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b',
  createdAt: '2026-11-27T09:30:00.000+08:00',
  comment: '排队时间太长',
  projectNo: 'SZ2026112700123',
  serviceNumber: 'FW2026112700456',
  taskCode: undefined,
  taskName: undefined,
  areaCode: undefined,
  channel: 'hall-pad',
});

test('runs without a DOM', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.customElements, 'undefined');
});

test('parseEvaluation accepts a canonical evaluation', () => {
  const result = parseEvaluation(fixture);
  assert.equal(result.ok, true);
  assert.equal(result.evaluation.level, 2);
});

test('parseEvaluation names every bad field', () => {
  const result = parseEvaluation({ ...fixture, level: 7, verdict: 'meh', id: 'not-a-uuid', channel: 'fax' });
  assert.equal(result.ok, false);
  const fields = result.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['channel', 'id', 'level', 'verdict']);
  for (const error of result.errors) assert.ok(error.message.length > 5, error.message);
});

test('parseEvaluation rejects a verdict that contradicts the level', () => {
  const result = parseEvaluation({ ...fixture, level: 5, verdict: 'bad' });
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((e) => e.field), ['verdict']);
});

test('parseEvaluation rejects a level on the good-bad scale, and a missing one on five-level', () => {
  assert.equal(parseEvaluation({ ...fixture, scale: 'good-bad' }).ok, false);
  const { level, ...withoutLevel } = fixture;
  assert.equal(level, 2);
  assert.equal(parseEvaluation(withoutLevel).ok, false);
});

test('差评 is levels 1–2', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(verdictOf), ['bad', 'bad', 'good', 'good', 'good']);
});

test('the default catalog has the fixed codes and zh-CN labels', () => {
  const codes = defaultCatalog.tags.map((t) => `${t.code} ${t.label['zh-CN']}`);
  assert.deepEqual(codes, [
    'P01 办事效率高', 'P02 服务态度热情', 'P03 办事指南清晰准确', 'P04 一次办好无需跑动', 'P05 网上办理便捷', 'P06 业务熟练专业',
    'N01 服务态度差', 'N02 办事效率低', 'N03 办事指南不清晰或不准确', 'N04 多次跑动/来回跑', 'N05 要求提供指南以外的材料',
    'N06 未在承诺时限内办结', 'N07 系统操作不便', 'N08 等待时间长', 'N99 其他',
  ]);
});

// In whatever zone this process runs; gov-cn-timezone.test.mjs runs a child process outside UTC+8.
test('toGovCn maps to the provincial field names, with assessTime in China Standard Time', () => {
  const gov = toGovCn(fixture); // createdAt 2026-11-27T09:30:00.000+08:00
  assert.deepEqual(gov, {
    evaluationId: fixture.id,
    projectNo: 'SZ2026112700123',
    serviceNumber: 'FW2026112700456',
    pf: 4,
    satisfaction: 2,
    evalDetail: 'N01,N08',
    tagVersion: 'default-1',
    writingEvaluation: '排队时间太长',
    assessNumber: 1,
    assessTime: '2026-11-27 09:30:00',
  });
  assert.equal(chinaTime(new Date('2026-12-31T16:00:00Z')), '2027-01-01 00:00:00');
  assert.deepEqual(CHANNEL_CODES, { pc: 1, mobile: 2, qrcode: 3, 'hall-pad': 4, 'hall-terminal': 5, sms: 6 });
});
