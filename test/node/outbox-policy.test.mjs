// The outbox's rules (src/outbox/policy.ts) on a fake clock and a scripted random source: no
// browser, no storage, no waiting. Node cannot import .ts: the modules are bundled with esbuild
// first (scripts/import-ts.mjs). The body format (src/payload/body.ts) is tested here too.
import { test, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from '../../scripts/import-ts.mjs';

/** @type {typeof import('../../src/outbox/policy.ts') & typeof import('../../src/payload/body.ts')} */
let P;

before(async () => {
  P = { ...(await importTs('src/outbox/policy.ts')), ...(await importTs('src/payload/body.ts')) };
});

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** A fixed instant on the outbox clock: every test reads time from here, never from Date.now(). */
const NOW = 1_800_000_000_000;
const LEASE = 20 * SECOND;

const payload = (id = 'a3f1c2d4-0000-4000-8000-000000000001') => ({
  schema: 'haochaping.evaluation/1',
  id,
  level: 4,
  tags: ['A01', 'A02'],
  tagVersion: 'v1',
  channel: 'pc',
  assessNumber: 1,
  createdAt: '2026-12-01T08:00:00.000Z',
  projectNo: 'P-1',
});

const record = (over = {}) => ({
  v: 1,
  id: payload().id,
  payload: payload(),
  endpoint: 'https://zwfw.example.gov.cn/api/evaluations',
  format: 'canonical',
  withCredentials: false,
  headers: {},
  custom: false,
  createdAt: NOW - 10 * SECOND,
  attempts: 0,
  nextAt: NOW,
  state: 'pending',
  leaseUntil: 0,
  ...over,
});

/** A random source that returns `values` in turn (then the last one again). */
const scripted = (...values) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)];
};

describe('sendable', () => {
  test('a due, unleased record of a healthy endpoint is sendable', () => {
    assert.equal(P.sendable(record(), NOW, LEASE, {}, false), true);
  });

  test('not before its nextAt, unless the backoff is ignored (wake-up, flush)', () => {
    const waiting = record({ nextAt: NOW + 5 * SECOND });
    assert.equal(P.sendable(waiting, NOW, LEASE, {}, false), false);
    assert.equal(P.sendable(waiting, NOW + 5 * SECOND, LEASE, {}, false), true, 'due once nextAt is reached');
    assert.equal(P.sendable(waiting, NOW, LEASE, {}, true), true);
  });

  test('a nextAt more than two hours ahead is a clock that jumped back: due now', () => {
    assert.equal(P.sendable(record({ nextAt: NOW + 2 * HOUR + 1 }), NOW, LEASE, {}, false), true);
    assert.equal(P.sendable(record({ nextAt: NOW + 2 * HOUR }), NOW, LEASE, {}, false), false);
  });

  test('not while another tab holds its lease; a lease beyond two lease-lengths is stale', () => {
    assert.equal(P.sendable(record({ leaseUntil: NOW + 1 }), NOW, LEASE, {}, true), false, 'even on flush');
    assert.equal(P.sendable(record({ leaseUntil: NOW + 2 * LEASE }), NOW, LEASE, {}, true), false);
    assert.equal(P.sendable(record({ leaseUntil: NOW + 2 * LEASE + 1 }), NOW, LEASE, {}, true), true);
    assert.equal(P.sendable(record({ leaseUntil: NOW }), NOW, LEASE, {}, false), true, 'a lease that ends now has ended');
  });

  test('not while the endpoint is paused, even on flush', () => {
    assert.equal(P.sendable(record(), NOW, LEASE, { paused: true }, true), false);
  });

  test('not while the endpoint’s Retry-After runs, even on flush; a Retry-After beyond two hours is stale', () => {
    assert.equal(P.sendable(record(), NOW, LEASE, { retryAfterUntil: NOW + 30 * SECOND }, true), false);
    assert.equal(P.sendable(record(), NOW + 30 * SECOND, LEASE, { retryAfterUntil: NOW + 30 * SECOND }, true), true);
    assert.equal(P.sendable(record(), NOW, LEASE, { retryAfterUntil: NOW + 2 * HOUR + 1 }, false), true);
  });

  test('not while the endpoint backs off, unless the backoff is ignored', () => {
    assert.equal(P.sendable(record(), NOW, LEASE, { backoffUntil: NOW + SECOND }, false), false);
    assert.equal(P.sendable(record(), NOW, LEASE, { backoffUntil: NOW + SECOND }, true), true);
    assert.equal(P.sendable(record(), NOW, LEASE, { backoffUntil: NOW - 1 }, false), true);
  });

  test('a custom-transport record only where this page supplied that transport', () => {
    assert.equal(P.sendable(record({ custom: true }), NOW, LEASE, {}, true), false);
    assert.equal(P.sendable(record({ custom: true }), NOW, LEASE, { transport: true }, true), true);
    assert.equal(P.sendable(record({ custom: false }), NOW, LEASE, { transport: false }, false), true, 'fetch needs no supplied transport');
  });
});

describe('claim', () => {
  test('counts the attempt and takes a lease of leaseMs', () => {
    const claimed = P.claim(record({ attempts: 2 }), NOW, LEASE);
    assert.equal(claimed.attempts, 3);
    assert.equal(claimed.leaseUntil, NOW + LEASE);
    assert.equal(claimed.id, record().id);
  });

  test('refuses a record another tab holds, and anything that is not a pending record', () => {
    assert.equal(P.claim(record({ leaseUntil: NOW + SECOND }), NOW, LEASE), undefined);
    assert.equal(P.claim(undefined, NOW, LEASE), undefined, 'deleted meanwhile (delivered by another tab)');
    assert.equal(P.claim(record({ state: 'refused' }), NOW, LEASE), undefined);
    assert.ok(P.claim(record({ leaseUntil: NOW + 3 * LEASE }), NOW, LEASE), 'a stale lease is taken over');
  });
});

describe('backoff (full jitter)', () => {
  const BASE = 1000;
  const MAX = 5 * 60 * SECOND;

  test('at least the base: random() = 0 waits exactly the base, at every attempt', () => {
    for (const attempts of [1, 2, 5, 40]) assert.equal(P.backoff(attempts, BASE, MAX, () => 0), BASE);
  });

  test('grows as base·2^(n−1): random() = 1 waits the ceiling itself', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => P.backoff(n, BASE, MAX, () => 1)), [1000, 2000, 4000, 8000, 16000]);
  });

  test('capped at max, also for huge attempt counts (no Infinity, no NaN)', () => {
    assert.equal(P.backoff(10, BASE, MAX, () => 1), MAX);
    assert.equal(P.backoff(1e6, BASE, MAX, () => 1), MAX);
    assert.equal(P.backoff(1e6, BASE, MAX, () => 0.5), BASE + 0.5 * (MAX - BASE));
  });

  test('uniform between base and the ceiling, from the injected random source', () => {
    assert.equal(P.backoff(3, BASE, MAX, () => 0.25), BASE + 0.25 * (4000 - BASE));
    const random = scripted(0.1, 0.9);
    assert.equal(P.backoff(4, BASE, MAX, random), BASE + 0.1 * 7000);
    assert.equal(P.backoff(4, BASE, MAX, random), BASE + 0.9 * 7000);
  });
});

describe('Retry-After', () => {
  const WALL = Date.UTC(2026, 11, 1, 8, 0, 0);

  test('seconds, in milliseconds', () => {
    assert.equal(P.retryAfterWait('120', WALL), 120 * SECOND);
    assert.equal(P.retryAfterWait(' 7 ', WALL), 7 * SECOND);
  });

  test('an HTTP date, read against the wall clock passed in', () => {
    const date = new Date(WALL + 90 * SECOND).toUTCString();
    assert.equal(P.retryAfterWait(date, WALL), 90 * SECOND);
    assert.equal(P.retryAfterWait(date, WALL + 30 * SECOND), 60 * SECOND);
  });

  test('clamped to at least a second and at most an hour', () => {
    assert.equal(P.retryAfterWait('0', WALL), SECOND);
    assert.equal(P.retryAfterWait(String(365 * 24 * 3600), WALL), HOUR);
    assert.equal(P.retryAfterWait(new Date(WALL - DAY).toUTCString(), WALL), SECOND, 'a date in the past');
    assert.equal(P.retryAfterWait(new Date(WALL + DAY).toUTCString(), WALL), HOUR);
  });

  test('absent or unreadable: no wait of its own (the backoff applies)', () => {
    for (const value of [undefined, null, '', 'soon, maybe', 'Retry later']) assert.equal(P.retryAfterWait(value, WALL), undefined, String(value));
  });
});

describe('retryWait (how long after an attempt worth retrying)', () => {
  const timings = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  const WALL = Date.UTC(2026, 11, 1, 8, 0, 0);

  test('without Retry-After: the jittered backoff step of that attempt, not the server’s', () => {
    assert.deepEqual(P.retryWait(undefined, 3, WALL, timings, () => 1), [4000, false]);
    assert.deepEqual(P.retryWait(null, 1, WALL, timings, () => 0), [1000, false]);
    assert.deepEqual(P.retryWait('soon', 7, WALL, timings, () => 1), [60_000, false], 'unreadable: backoff, capped');
  });

  test('with Retry-After: the server’s wait, clamped, whatever the attempt count or the random source', () => {
    assert.deepEqual(P.retryWait('100', 1, WALL, timings, () => 1), [100 * SECOND, true]);
    assert.deepEqual(P.retryWait('100', 9, WALL, timings, () => 0), [100 * SECOND, true]);
    assert.deepEqual(P.retryWait('999999', 1, WALL, timings, () => 1), [HOUR, true]);
    assert.deepEqual(P.retryWait('0', 1, WALL, timings, () => 1), [SECOND, true]);
    assert.deepEqual(P.retryWait(new Date(WALL + 30 * SECOND).toUTCString(), 1, WALL, timings, () => 1), [30 * SECOND, true]);
  });
});

describe('expiry', () => {
  const TTL = 7 * DAY;

  test('a record older than the time to live expires; one of exactly that age does not', () => {
    assert.equal(P.expired(record({ createdAt: NOW - TTL - 1 }), NOW, TTL, LEASE), true);
    assert.equal(P.expired(record({ createdAt: NOW - TTL }), NOW, TTL, LEASE), false);
    assert.equal(P.expired(record({ createdAt: NOW - 6 * DAY }), NOW, TTL, LEASE), false);
  });

  test('not while another tab is sending it (its answer may still be a delivery)', () => {
    assert.equal(P.expired(record({ createdAt: NOW - 8 * DAY, leaseUntil: NOW + SECOND }), NOW, TTL, LEASE), false);
    assert.equal(P.expired(record({ createdAt: NOW - 8 * DAY, leaseUntil: NOW + 3 * LEASE }), NOW, TTL, LEASE), true, 'a stale lease does not keep it');
  });

  test('the dead letter names the time to live in days', () => {
    assert.equal(P.expiredReason(TTL), 'expired: not delivered within 7 days; set aside');
    assert.equal(P.expiredReason(400), 'expired: not delivered within 0.0000046 days; set aside');
  });
});

describe('readRecord (stored values are not trusted)', () => {
  test('a well-formed version-1 pending record is read as it is', () => {
    const r = record();
    assert.equal(P.readRecord(r), r);
  });

  const malformed = {
    'nothing': undefined,
    'null': null,
    'a string': 'o:abc',
    'a number': 42,
    'another version': record({ v: 2 }),
    'no version': record({ v: undefined }),
    'a dead letter': record({ state: 'refused' }),
    'an unknown state': record({ state: 'sending' }),
    'createdAt not a number': record({ createdAt: '2026-12-01' }),
    'attempts NaN': record({ attempts: NaN }),
    'nextAt Infinity': record({ nextAt: Infinity }),
    'leaseUntil missing': record({ leaseUntil: undefined }),
    'id not a string': record({ id: 7 }),
    'no payload': record({ payload: undefined }),
    'payload of another id': record({ payload: payload('a3f1c2d4-0000-4000-8000-000000000002') }),
    'payload of another schema': record({ payload: { ...payload(), schema: 'haochaping.evaluation/2' } }),
    'a relative endpoint': record({ endpoint: '/api/evaluations' }),
    'a javascript: endpoint': record({ endpoint: 'javascript:alert(1)' }),
    'a protocol-relative endpoint': record({ endpoint: '//evil.example/api' }),
    'an https: endpoint without //': record({ endpoint: 'https:evil.example/api' }),
    'a data: endpoint': record({ endpoint: 'data:text/plain,x' }),
    'endpoint not a string': record({ endpoint: 5 }),
    'headers null': record({ headers: null }),
    'headers a string': record({ headers: 'Authorization: x' }),
  };
  for (const [name, value] of Object.entries(malformed)) {
    test(`rejects ${name}`, () => assert.equal(P.readRecord(value), undefined));
  }

  test('an http endpoint is accepted, in any case', () => {
    assert.ok(P.readRecord(record({ endpoint: 'HTTP://localhost:8080/x' })));
  });
});

describe('nextWake', () => {
  const healthy = () => ({});

  test('nothing queued: no wake-up', () => {
    assert.equal(P.nextWake([], NOW, healthy), undefined);
  });

  test('the earliest time one record stops waiting', () => {
    const records = [record({ nextAt: NOW + 5000 }), record({ nextAt: NOW + 3000 }), record({ nextAt: NOW + 9000 })];
    assert.equal(P.nextWake(records, NOW, healthy), NOW + 3000);
  });

  test('a record waits for the latest of its nextAt, its lease and its endpoint’s Retry-After and backoff', () => {
    assert.equal(P.nextWake([record({ nextAt: NOW + 1000, leaseUntil: NOW + 4000 })], NOW, healthy), NOW + 4000);
    assert.equal(P.nextWake([record({ nextAt: NOW + 1000 })], NOW, () => ({ retryAfterUntil: NOW + 7000 })), NOW + 7000);
    assert.equal(P.nextWake([record({ nextAt: NOW + 1000 })], NOW, () => ({ backoffUntil: NOW + 2000 })), NOW + 2000);
  });

  test('a record that waits for nothing (or for a stale time) wakes now', () => {
    assert.equal(P.nextWake([record({ nextAt: NOW - 1000 })], NOW, healthy), NOW);
    assert.equal(P.nextWake([record({ nextAt: NOW + 3 * HOUR })], NOW, healthy), NOW, 'beyond two hours: the clock jumped back');
  });

  test('paused endpoints and missing transports need no wake-up', () => {
    assert.equal(P.nextWake([record({ nextAt: NOW + 1000 })], NOW, () => ({ paused: true })), undefined);
    assert.equal(P.nextWake([record({ custom: true, nextAt: NOW + 1000 })], NOW, healthy), undefined);
    assert.equal(P.nextWake([record({ custom: true, nextAt: NOW + 1000 })], NOW, () => ({ transport: true })), NOW + 1000);
    const mixed = [record({ nextAt: NOW + 1000, endpoint: 'https://a.example/x' }), record({ nextAt: NOW + 5000, endpoint: 'https://b.example/x' })];
    assert.equal(P.nextWake(mixed, NOW, (r) => ({ paused: r.endpoint.startsWith('https://a.') })), NOW + 5000);
  });
});

describe('new records, headers and leases', () => {
  test('a new record is pending, unattempted, due now, and keeps no contract headers of the page', () => {
    const target = { endpoint: 'https://x.example/api', headers: { 'content-type': 'text/plain', 'Idempotency-Key': 'k', 'X-Site': 's' }, withCredentials: true, format: 'gov-cn', custom: false };
    const r = P.newRecord(payload(), target, NOW);
    assert.deepEqual(r, { v: 1, id: payload().id, payload: payload(), endpoint: target.endpoint, format: 'gov-cn', withCredentials: true, headers: { 'X-Site': 's' }, custom: false, createdAt: NOW, attempts: 0, nextAt: NOW, state: 'pending', leaseUntil: 0 });
    assert.equal(P.readRecord(r), r, 'and reads back as a record');
  });

  test('the flusher lease: held by another owner until it ends; a far-future lease is stale; our own is not held', () => {
    assert.equal(P.leaseHeld({ owner: 'b', until: NOW + 1000 }, 'a', NOW, LEASE), true);
    assert.equal(P.leaseHeld({ owner: 'a', until: NOW + 1000 }, 'a', NOW, LEASE), false);
    assert.equal(P.leaseHeld({ owner: 'b', until: NOW }, 'a', NOW, LEASE), false);
    assert.equal(P.leaseHeld({ owner: 'b', until: NOW + 2 * LEASE }, 'a', NOW, LEASE), false);
    assert.equal(P.leaseHeld(undefined, 'a', NOW, LEASE), false);
  });

  test('a delivery marker is stale after an hour, or when unreadable', () => {
    assert.equal(P.markerStale({ status: 201, at: NOW - HOUR + 1 }, NOW), false);
    assert.equal(P.markerStale({ status: 201, at: NOW - HOUR }, NOW), true);
    assert.equal(P.markerStale(null, NOW), true);
    assert.equal(P.markerStale({ status: 201 }, NOW), true);
  });
});

describe('requestBody (payload layer)', () => {
  const sentAt = new Date(Date.UTC(2026, 11, 1, 8, 30, 0));

  test('canonical: the payload, stamped with the attempt and when it was sent', () => {
    const body = JSON.parse(P.requestBody(payload(), 'canonical', 2, sentAt));
    assert.deepEqual({ ...body, sentAt: undefined }, { ...payload(), attempt: 2, sentAt: undefined });
    assert.equal(new Date(body.sentAt).getTime(), sentAt.getTime());
  });

  test('gov-cn: the provincial field names', () => {
    const body = JSON.parse(P.requestBody(payload(), 'gov-cn', 1, sentAt));
    assert.equal(body.evaluationId, payload().id);
    assert.equal(body.satisfaction, 4);
    assert.equal(body.evalDetail, 'A01,A02');
    assert.equal(body.id, undefined);
  });
});
