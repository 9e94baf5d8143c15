// haochaping/schema's gov-cn mapping on a server outside China: a child Node process runs
// with TZ=America/New_York, so the process-wide zone is really not UTC+8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { run } from '../support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CHILD = `
import { toGovCn, chinaTime } from 'haochaping/schema';
import { evaluationFixture } from './test/support/fixtures.mjs';
const cases = {
  // New York summer time (UTC-4): 23:30 on 1 July is 11:30 on 2 July in Beijing.
  summer: toGovCn(evaluationFixture({ createdAt: '2026-07-01T23:30:00.000-04:00' })).assessTime,
  // New York winter time (UTC-5), across a year boundary.
  winter: toGovCn(evaluationFixture({ createdAt: '2026-12-31T12:00:05.000-05:00' })).assessTime,
  // The widget's own createdAt format: local time with the local offset.
  localNow: chinaTime(new Date(Date.UTC(2026, 10, 27, 1, 2, 3))),
};
console.log(JSON.stringify({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  offset: new Date('2026-07-01T12:00:00Z').getTimezoneOffset(),
  cases,
}));
`;

test('assessTime is China Standard Time in a Node process running in America/New_York', async () => {
  const { code, stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: ROOT, env: { ...process.env, TZ: 'America/New_York' } });
  assert.equal(code, 0, stderr);
  const { zone, offset, cases } = JSON.parse(stdout);
  assert.equal(zone, 'America/New_York', 'the premise: the child runs outside UTC+8');
  assert.equal(offset, 240);
  assert.deepEqual(cases, {
    summer: '2026-07-02 11:30:00',
    winter: '2027-01-01 01:00:05',
    localNow: '2026-11-27 09:02:03',
  });
});
