import { expect } from '@open-wc/testing';
import { storedRecordProblem } from '../../src/schema/stored-record.js';

const payload = {
  schema: 'haochaping.evaluation/1',
  id: '019ac0de-0000-7000-8000-000000000001',
  createdAt: '2026-11-27T18:00:00.000+08:00',
  scale: 'five-level',
  level: 2,
  verdict: 'bad',
  tags: ['N01'],
  tagVersion: 'default-1',
  channel: 'pc',
  assessNumber: 1,
  locale: 'zh-CN',
  dwellMs: 5000,
  sdkVersion: '0.1.0',
};
const target = { endpoint: 'https://zwfw.example.gov.cn/api/evaluations', headers: {}, withCredentials: false, format: 'canonical' };

describe('storedRecordProblem: outbox records read back from storage', () => {
  it('accepts a record that holds a valid payload and its target', () => {
    expect(storedRecordProblem({ payload, target, attempts: 0 })).to.equal(undefined);
    expect(storedRecordProblem({ payload, target: { endpoint: 'http://localhost:8000/api/evaluations' } })).to.equal(undefined);
  });

  it('sets aside records that were tampered with or hold more than the payload', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      [{ payload, target, password: 'x' }, /unexpected fields password/],
      [{ payload: { ...payload, level: 5 }, target }, /payload is not a valid evaluation \(verdict/],
      [{ payload: { ...payload, id: 'not-a-uuid' }, target }, /payload is not a valid evaluation \(id/],
      [{ payload, target: { ...target, endpoint: 'javascript:alert(1)' } }, /absolute http\(s\) URL/],
      [{ payload, target: { ...target, endpoint: 'http://evil.example/collect' } }, /http:\/\/ on "evil.example"/],
      [{ payload, target: { ...target, cookie: 'SESSION=1' } }, /unexpected target fields cookie/],
      [{ payload, target: { ...target, headers: { 'X-Key': 1 } } }, /headers must map/],
      [{ payload, target, attempts: -1 }, /attempts/],
    ];
    for (const [record, why] of cases) expect(storedRecordProblem(record), JSON.stringify(record)?.slice(0, 60)).to.match(why);
  });
});
