/**
 * The collector's forwarder (collector/forwarder.mjs) with the example target
 * (collector/targets/gov-cn-json.mjs), against a simulated provincial endpoint that fails the
 * way real ones do — 503 with Retry-After, hangs, connection resets, HTTP 200 with an error
 * code in the body, refusals — on SQLite and on PostgreSQL, the same test bodies on both.
 * The kill-between-send-and-mark case runs real processes: collector-cli.test.mjs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGovCn } from 'haochaping/schema';
import { createForwarder } from '../../collector/forwarder.mjs';
import { startCollector } from '../../collector/server.mjs';
import { openStore } from '../../collector/store.mjs';
import { collectorDatabases, eachFreshDatabase } from '../support/collector-databases.mjs';
import { evaluationFixture } from '../support/fixtures.mjs';
import { gateway } from '../support/provincial-gateway.mjs';

let transactions = 0;
const fixture = (overrides = {}) => evaluationFixture({ projectNo: `FWD-${process.pid}-${++transactions}`, ...overrides });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy (resolved), or fails after `ms`. */
async function waitFor(check, what, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
}

/** Fast settings: the real ones wait seconds to minutes. */
const FAST = { pollMs: 50, baseMs: 50, maxMs: 200, sendTimeoutMs: 400, leaseMs: 1000 };

let imports = 0;
/** The example target, loaded for this gateway (it reads HCP_FORWARD_URL when loaded). */
async function govCnTarget(url) {
  process.env.HCP_FORWARD_URL = url;
  try {
    return await import(`../../collector/targets/gov-cn-json.mjs?load=${++imports}`);
  } finally {
    delete process.env.HCP_FORWARD_URL;
  }
}

describe('the example target gov-cn-json', () => {
  it('refuses to load without HCP_FORWARD_URL, naming it', async () => {
    delete process.env.HCP_FORWARD_URL;
    await assert.rejects(import(`../../collector/targets/gov-cn-json.mjs?load=${++imports}`), /set HCP_FORWARD_URL/);
  });

  it('reads a gateway business code in an HTTP 200 body: 2xx-like codes succeed, 4xx-like codes are refusals, others retried', async () => {
    const { verdictOf } = await govCnTarget('http://127.0.0.1:9/');
    assert.deepEqual(verdictOf(200, '{"code":"200","msg":"成功"}'), { status: 200 });
    assert.deepEqual(verdictOf(200, '{"code":0}'), { status: 200 });
    assert.deepEqual(verdictOf(201, 'stored'), { status: 201 }, 'not JSON: the HTTP status decides');
    assert.deepEqual(verdictOf(200, '{"id":"x"}'), { status: 200 }, 'no code: the HTTP status decides');
    assert.equal(verdictOf(200, '{"code":"500","msg":"系统繁忙"}').status, 502);
    assert.match(verdictOf(200, '{"code":"500","msg":"系统繁忙"}').error, /code 500: 系统繁忙/);
    assert.equal(verdictOf(200, '{"code":"400","msg":"参数错误"}').status, 422);
    assert.equal(verdictOf(200, '{"code":"429"}').status, 502, 'busy is retried');
    assert.equal(verdictOf(200, '{"success":false}').status, 502);
  });
});

for (const database of collectorDatabases()) {
  describe(`forwarding on ${database.name}`, () => {
    let db;
    const cleanups = [];
    eachFreshDatabase(database, cleanups, (fresh) => (db = fresh));

    async function setUp(behave, { forward = {}, ...options } = {}) {
      const remote = await gateway(behave);
      cleanups.push(remote.close);
      const logs = [];
      const collector = await startCollector({
        ...db.options,
        port: 0,
        rateLimit: null,
        log: (entry) => logs.push(entry),
        target: await govCnTarget(remote.url),
        forward: { ...FAST, ...forward },
        ...options,
      });
      cleanups.push(() => collector.close());
      return { remote, collector, logs };
    }

    const post = (collector, evaluation) =>
      fetch(collector.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': evaluation.id }, body: JSON.stringify(evaluation) });
    const queued = async (id) => (await db.query('SELECT * FROM forward_queue WHERE evaluation_id = $1', [id]))[0];
    const stateOf = async (id) => (await queued(id))?.state;

    it('forwards a stored rating once, in gov-cn field names, with Idempotency-Key = evaluationId', async () => {
      const { remote, collector, logs } = await setUp();
      const evaluation = fixture();
      assert.equal((await post(collector, evaluation)).status, 201);
      await waitFor(async () => (await stateOf(evaluation.id)) === 'sent', 'sent');
      assert.equal(remote.received.length, 1);
      const [got] = remote.received;
      assert.deepEqual(got.body, toGovCn(evaluation));
      assert.equal(got.body.evaluationId, evaluation.id);
      assert.equal(got.key, evaluation.id);
      assert.equal(got.type, 'application/json');
      const row = await queued(evaluation.id);
      assert.equal(Number(row.attempts), 1);
      assert.equal(Number(row.last_status), 200);
      assert.equal(row.lease_owner, null);
      assert.ok(logs.some((l) => l.msg === 'forwarded' && l.id === evaluation.id && l.status === 200));
      // Nothing is forwarded twice after a 2xx: not on a retry of the POST, not later.
      assert.equal((await post(collector, evaluation)).status, 200);
      await pause(300);
      assert.equal(remote.received.length, 1);
    });

    it('with --queue and no target: each new rating is queued in its own transaction, a duplicate or a 409 queues nothing', async () => {
      const collector = await startCollector({ ...db.options, port: 0, rateLimit: null, queue: true });
      cleanups.push(() => collector.close());
      const evaluation = fixture();
      assert.equal((await post(collector, evaluation)).status, 201);
      assert.equal((await post(collector, evaluation)).status, 200);
      assert.equal((await post(collector, fixture({ projectNo: evaluation.projectNo }))).status, 409);
      const rows = await db.query('SELECT evaluation_id, state, attempts FROM forward_queue');
      assert.deepEqual(rows.map((r) => [r.evaluation_id, r.state, Number(r.attempts)]), [[evaluation.id, 'pending', 0]]);
      const plain = await startCollector({ ...db.options, port: 0, rateLimit: null });
      cleanups.push(() => plain.close());
      assert.equal((await post(plain, fixture())).status, 201);
      assert.equal((await db.query('SELECT COUNT(*) AS n FROM forward_queue'))[0].n, database.dialect === 'sqlite' ? 1 : '1', 'no forwarding configured: nothing queued');
    });

    it('retries what real gateways do — 503 with Retry-After, a hang, a reset, HTTP 200 with code 500 — with the same evaluationId, then stops at 2xx', async () => {
      const script = [
        { status: 503, headers: { 'Retry-After': '1' }, body: { error: 'busy' } },
        'hang',
        'reset',
        { status: 200, body: { code: '500', msg: '系统繁忙，请稍后重试' } },
      ];
      const { remote, collector, logs } = await setUp((n) => script[n - 1]);
      const evaluation = fixture();
      assert.equal((await post(collector, evaluation)).status, 201);
      await waitFor(async () => (await stateOf(evaluation.id)) === 'sent', 'sent after five attempts');
      assert.equal(remote.received.length, 5);
      assert.ok(remote.received.every((r) => r.key === evaluation.id && r.body.evaluationId === evaluation.id), 'the same id every time');
      const waited = remote.received[1].at - remote.received[0].at;
      assert.ok(waited >= 1000, `Retry-After: 1 honoured (waited ${waited} ms)`);
      const retries = logs.filter((l) => l.msg === 'forward-retry' && l.id === evaluation.id);
      assert.equal(retries.length, 4);
      assert.deepEqual(retries.map((l) => l.status), [503, undefined, undefined, 502]);
      assert.match(retries[1].error, /timeout/);
      assert.match(retries[3].error, /code 500: 系统繁忙/);
      const row = await queued(evaluation.id);
      assert.equal(Number(row.attempts), 5);
      await pause(300);
      assert.equal(remote.received.length, 5, 'nothing after the 2xx');
    });

    it('dead-letters refusals — 409 from the target, HTTP 200 with code 400, a mapping error — and sends them after repush', async () => {
      let refuse = true;
      const refused = fixture();
      const invalid = fixture();
      const feedback = fixture({ projectNo: undefined, scale: 'good-bad', level: undefined, verdict: 'bad', tags: ['N01'] }); // no satisfaction level: gov-cn cannot carry it
      const { remote, collector, logs } = await setUp((n, body) => {
        if (!refuse) return undefined;
        if (body.evaluationId === refused.id) return { status: 409, body: { error: '重复评价' } };
        if (body.evaluationId === invalid.id) return { status: 200, body: { code: '400', msg: '参数错误: deptCode' } };
        return undefined;
      });
      for (const e of [refused, invalid, feedback]) assert.equal((await post(collector, e)).status, 201);
      await waitFor(async () => (await collector.store.deadLetters()).length === 3, 'three dead letters');
      const dead = await collector.store.deadLetters();
      const byId = Object.fromEntries(dead.map((d) => [d.id, d]));
      assert.equal(byId[refused.id].lastStatus, 409);
      assert.equal(byId[refused.id].projectNo, refused.projectNo);
      assert.equal(byId[invalid.id].lastStatus, 422);
      assert.match(byId[invalid.id].lastError, /code 400: 参数错误/);
      assert.equal(byId[feedback.id].lastStatus, null);
      assert.match(byId[feedback.id].lastError, /^mapping error: gov-cn needs a five-level evaluation/);
      assert.equal(remote.received.length, 2, 'the mapping error never reached the gateway');
      assert.equal(logs.filter((l) => l.msg === 'dead-letter').length, 3);
      await pause(200);
      assert.equal(remote.received.length, 2, 'dead letters are not retried');

      refuse = false;
      assert.deepEqual(await collector.store.repush([refused.id, fixture().id]), [refused.id], 'only dead letters are repushed');
      collector.forwarder.wake();
      await waitFor(async () => (await stateOf(refused.id)) === 'sent', 'the repushed rating sent');
      assert.deepEqual((await collector.store.repush('all')).sort(), [invalid.id, feedback.id].sort());
      await waitFor(async () => (await stateOf(invalid.id)) === 'sent', 'the second repushed rating sent');
      await waitFor(async () => (await stateOf(feedback.id)) === 'dead', 'the unmappable rating dead again');
      assert.equal(remote.received.length, 4);
      assert.deepEqual(await collector.store.queueCounts(), { pending: 0, sent: 2, dead: 1 });
    });

    it('retries 401/403/404 (a configuration problem: nothing is dropped for it) and gives up after --max-attempts', async () => {
      const statuses = { 1: 401, 2: 403 };
      const { remote, collector, logs } = await setUp((n, body) => (body.taskName === 'give-up' ? { status: 503 } : statuses[n] ? { status: statuses[n] } : undefined), {
        forward: { maxAttempts: 3 },
      });
      const paused = fixture();
      assert.equal((await post(collector, paused)).status, 201);
      await waitFor(async () => (await stateOf(paused.id)) === 'sent', 'sent after the configuration was fixed');
      assert.equal(logs.filter((l) => l.msg === 'forward-paused').length, 2);
      const hopeless = fixture({ taskName: 'give-up' });
      assert.equal((await post(collector, hopeless)).status, 201);
      await waitFor(async () => (await stateOf(hopeless.id)) === 'dead', 'dead after three attempts');
      assert.match((await queued(hopeless.id)).last_error, /^gave up after 3 attempts/);
      assert.equal(remote.received.filter((r) => r.body.evaluationId === hopeless.id).length, 3);
    });

    it('a lease left by a dead worker expires, and the rating is sent by another (attempts counted)', async () => {
      const remote = await gateway();
      cleanups.push(remote.close);
      const store = await openStore(db.options);
      cleanups.push(() => store.close());
      const evaluation = fixture();
      assert.equal((await store.insert(evaluation, JSON.stringify(evaluation), { enqueue: true })).outcome, 'stored');
      const [claimed] = await store.claim({ owner: 'worker-that-died', limit: 5, leaseMs: 600 });
      assert.equal(claimed.id, evaluation.id);
      assert.equal(claimed.attempts, 1);
      const forwarder = createForwarder({ store, target: await govCnTarget(remote.url), toGovCn, ...FAST });
      cleanups.push(() => forwarder.stop());
      const started = Date.now();
      forwarder.start();
      await waitFor(async () => (await stateOf(evaluation.id)) === 'sent', 'sent after the lease');
      assert.ok(Date.now() - started >= 500, 'not before the lease expired');
      assert.equal(remote.received.length, 1);
      assert.equal(Number((await queued(evaluation.id)).attempts), 2);
    });

    it('two forwarders on one database send each rating exactly once', async () => {
      const remote = await gateway(async () => {
        await pause(5);
        return undefined;
      });
      cleanups.push(remote.close);
      const store = await openStore(db.options);
      cleanups.push(() => store.close());
      const ratings = Array.from({ length: 30 }, () => fixture());
      for (const e of ratings) await store.insert(e, JSON.stringify(e), { enqueue: true });
      const target = await govCnTarget(remote.url);
      const forwarders = [];
      for (let i = 0; i < 2; i++) {
        const own = await openStore(db.options);
        cleanups.push(() => own.close());
        const forwarder = createForwarder({ store: own, target, toGovCn, ...FAST, concurrency: 3 });
        cleanups.push(() => forwarder.stop());
        forwarders.push(forwarder);
      }
      for (const f of forwarders) f.start();
      await waitFor(async () => (await store.queueCounts()).sent === 30, 'all sent');
      const ids = remote.received.map((r) => r.body.evaluationId);
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      assert.ok(forwarders.every((f) => f.counts.sent > 0), `both forwarders worked: ${forwarders.map((f) => f.counts.sent)}`);
    });

    it('graceful shutdown waits for the send in flight and marks it before the database closes', async () => {
      let answered = 0;
      const { remote, collector } = await setUp(async () => {
        await pause(300);
        answered = Date.now();
        return undefined;
      });
      const evaluation = fixture();
      assert.equal((await post(collector, evaluation)).status, 201);
      await waitFor(() => remote.received.length === 1, 'the send started');
      await collector.close();
      assert.ok(answered > 0 && Date.now() >= answered, 'close() resolved after the gateway answered');
      assert.equal(await stateOf(evaluation.id), 'sent');
    });
  });
}
