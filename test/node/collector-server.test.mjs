/**
 * The deployable collector (collector/server.mjs, behind `npx haochaping-collector`), in
 * process, on SQLite and on PostgreSQL — the same test bodies on both: the HTTP contract
 * (201 / 200 duplicate / 409 already rated / 422 / 413 / 400 / 403 origin / 429 Retry-After),
 * CORS with an allow-list, /healthz, migrations, graceful shutdown, logs without content, and
 * concurrency (the same id, or the same transaction, twice at once).
 * The forwarder: collector-forward.test.mjs; the command line: collector-cli.test.mjs.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { parseEvaluation } from 'haochaping/schema';
import { startCollector } from '../../collector/server.mjs';
import { MIGRATIONS } from '../../collector/migrations.mjs';
import { collectorDatabases } from '../support/collector-databases.mjs';
import { evaluationFixture, uuidv7 } from '../support/fixtures.mjs';

let transactions = 0;
/** A rating of its own transaction (projectNo), unless the test says otherwise. */
const fixture = (overrides = {}) => evaluationFixture({ projectNo: `SRV-${process.pid}-${++transactions}`, ...overrides });

const ORIGIN = 'https://www.example.gov.cn';

for (const database of collectorDatabases()) {
  describe(`the collector on ${database.name}`, () => {
    let db;
    const running = [];

    before(() => database.start());
    after(() => database.stop());
    beforeEach(async () => {
      db = await database.fresh();
    });
    afterEach(async () => {
      for (const collector of running.splice(0)) await collector.close().catch(() => {});
      await db.close();
    });

    /** A collector on this test's database, on a free port, logging into `collector.logs`. */
    async function start(options = {}) {
      const logs = [];
      const collector = await startCollector({ ...db.options, port: 0, rateLimit: null, log: (entry) => logs.push(entry), ...options });
      collector.logs = logs;
      running.push(collector);
      return collector;
    }

    function post(collector, evaluation, { key = evaluation?.id, headers = {}, body = JSON.stringify(evaluation) } = {}) {
      return fetch(collector.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }), ...headers },
        body,
      });
    }

    const count = async (where = '', params = []) => Number((await db.query(`SELECT COUNT(*) AS n FROM evaluations ${where}`, params))[0].n);

    describe('POST: the HTTP contract', () => {
      it('stores a valid rating: 201 { id, stored: true }, the body as received and its transaction columns', async () => {
        const collector = await start();
        const evaluation = fixture({ serviceNumber: 'FW-2025-0001' });
        const response = await post(collector, evaluation);
        assert.equal(response.status, 201);
        assert.match(response.headers.get('content-type'), /^application\/json; charset=utf-8/);
        assert.deepEqual(await response.json(), { id: evaluation.id, stored: true });
        const [row] = await db.query('SELECT * FROM evaluations WHERE id = $1', [evaluation.id]);
        assert.deepEqual(JSON.parse(row.body), evaluation);
        assert.equal(row.project_no, evaluation.projectNo);
        assert.equal(row.task_code, evaluation.taskCode);
        assert.equal(Number(row.assess_number), 1);
        assert.equal(Number(row.level), 2);
        // serviceNumber: stored when the payload schema knows it (SPEC §4), NULL before that.
        const kept = parseEvaluation(evaluation).evaluation.serviceNumber;
        assert.equal(row.service_number, kept ?? null);
        assert.equal(await count(), 1);
      });

      it('answers 200 { stored: false } to the same id again and stores it once (the first delivery is kept)', async () => {
        const collector = await start();
        const evaluation = fixture();
        assert.equal((await post(collector, evaluation)).status, 201);
        const again = await post(collector, { ...evaluation, attempt: 2, sentAt: '2025-11-04T15:31:00.000+08:00' });
        assert.equal(again.status, 200);
        assert.deepEqual(await again.json(), { id: evaluation.id, stored: false });
        const [row] = await db.query('SELECT body FROM evaluations WHERE id = $1', [evaluation.id]);
        assert.equal(JSON.parse(row.body).attempt, 1);
        assert.equal(await count(), 1);
      });

      it('answers 409 already-rated (without the stored rating’s id) to a second rating of the transaction under another id (一次一评)', async () => {
        const collector = await start();
        const first = fixture();
        assert.equal((await post(collector, first)).status, 201);
        const second = fixture({ projectNo: first.projectNo, level: 5, verdict: 'good', tags: ['P01'], comment: undefined });
        const response = await post(collector, second);
        assert.equal(response.status, 409);
        assert.match(response.headers.get('content-type'), /^application\/json/);
        const answer = await response.json();
        assert.equal(answer.error, 'already-rated');
        assert.equal('id' in answer, false, 'the other rating’s id is not handed to this client');
        assert.match(answer.message, /^本次服务已存在评价，请勿重复评价 \(projectNo SRV-[\d-]+, taskCode TEST-TASK, assessNumber 1\)$/);
        assert.equal(await count(), 1);
        // The first rating posted again is still a 200 (a retry), not a 409.
        assert.equal((await post(collector, first)).status, 200);
      });

      it('treats a 追评 (assessNumber 2), another task code and page feedback (no projectNo) as other transactions', async () => {
        const collector = await start();
        const first = fixture();
        assert.equal((await post(collector, first)).status, 201);
        assert.equal((await post(collector, fixture({ projectNo: first.projectNo, assessNumber: 2 }))).status, 201, '追评');
        assert.equal((await post(collector, fixture({ projectNo: first.projectNo, assessNumber: 2 }))).status, 409, 'one 追评');
        assert.equal((await post(collector, fixture({ projectNo: first.projectNo, taskCode: 'OTHER-TASK' }))).status, 201, 'another task');
        assert.equal((await post(collector, fixture({ projectNo: first.projectNo, taskCode: undefined }))).status, 201, 'no task code');
        assert.equal((await post(collector, fixture({ projectNo: first.projectNo, taskCode: undefined }))).status, 409, 'no task code, again');
        const feedback = () => fixture({ projectNo: undefined, scale: 'good-bad', level: undefined, verdict: 'good', tags: [], comment: undefined });
        assert.equal((await post(collector, feedback())).status, 201);
        assert.equal((await post(collector, feedback())).status, 201, 'page feedback is never 409');
        assert.equal(await count(), 6);
      });

      it('refuses an invalid rating with 422 naming each field, and an Idempotency-Key that differs from the id', async () => {
        const collector = await start();
        const invalid = await post(collector, fixture({ level: 7, verdict: 'meh' }));
        assert.equal(invalid.status, 422);
        assert.deepEqual((await invalid.json()).errors.map((e) => e.field).sort(), ['level', 'verdict']);
        const key = await post(collector, fixture(), { key: uuidv7() });
        assert.equal(key.status, 422);
        assert.deepEqual((await key.json()).errors.map((e) => e.field), ['Idempotency-Key']);
        assert.equal(await count(), 0);
      });

      it('answers 400 to a body that is not JSON', async () => {
        const collector = await start();
        const response = await post(collector, undefined, { key: uuidv7(), body: '{"level": 2,' });
        assert.equal(response.status, 400);
        assert.match((await response.json()).error, /not valid JSON/);
      });

      it('answers 413 over the body limit, announced by Content-Length or found in chunks', async () => {
        const collector = await start({ bodyLimit: 4096 });
        const big = fixture({ comment: 'x'.repeat(5000) });
        const announced = await post(collector, big);
        assert.equal(announced.status, 413);
        assert.match((await announced.json()).error, /larger than 4096 bytes/);
        const text = JSON.stringify(big);
        const chunked = await fetch(collector.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: new ReadableStream({
            start(controller) {
              for (let i = 0; i < text.length; i += 1000) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 1000)));
              controller.close();
            },
          }),
          duplex: 'half',
        });
        assert.equal(chunked.status, 413);
        assert.equal((await post(collector, fixture({ comment: 'x'.repeat(3000) }))).status, 201, 'below the limit');
        assert.equal(await count(), 1);
      });

      it('answers GET ?id= with the stored rating (200) or 404, 400 without an id; 405 for other methods; 404 elsewhere', async () => {
        const collector = await start();
        const evaluation = fixture();
        await post(collector, evaluation);
        const found = await fetch(`${collector.endpoint}?id=${evaluation.id}`);
        assert.equal(found.status, 200);
        const body = await found.json();
        assert.equal(body.id, evaluation.id);
        assert.ok(!Number.isNaN(Date.parse(body.receivedAt)));
        assert.equal(JSON.stringify(body).includes(evaluation.comment), false, 'no content is listed');
        assert.equal((await fetch(`${collector.endpoint}?id=${uuidv7()}`)).status, 404);
        assert.equal((await fetch(collector.endpoint)).status, 400);
        const put = await fetch(collector.endpoint, { method: 'PUT' });
        assert.equal(put.status, 405);
        assert.equal(put.headers.get('allow'), 'POST, GET, OPTIONS');
        assert.equal((await fetch(new URL('/nope', collector.url))).status, 404);
      });

      it('serves the endpoint on another --path', async () => {
        const collector = await start({ path: '/hcp/v1/evaluations' });
        assert.match(collector.endpoint, /\/hcp\/v1\/evaluations$/);
        assert.equal((await post(collector, fixture())).status, 201);
        assert.equal((await fetch(new URL('/api/evaluations', collector.url), { method: 'POST', body: '{}' })).status, 404);
      });
    });

    describe('CORS', () => {
      it('with an allow-list: a preflight and POST from a listed origin pass; any other origin gets 403 and nothing is stored', async () => {
        const collector = await start({ origins: [ORIGIN, 'https://zwfw.example.gov.cn'] });
        const preflight = await fetch(collector.endpoint, {
          method: 'OPTIONS',
          headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
        });
        assert.equal(preflight.status, 204);
        const h = preflight.headers;
        assert.equal(h.get('access-control-allow-origin'), ORIGIN);
        assert.equal(h.get('access-control-allow-methods'), 'POST, GET, OPTIONS');
        assert.equal(h.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
        assert.equal(h.get('access-control-expose-headers'), 'Retry-After');
        assert.match(h.get('vary'), /Origin/);
        assert.equal(h.get('access-control-allow-credentials'), null);

        const allowed = await post(collector, fixture(), { headers: { Origin: 'https://zwfw.example.gov.cn' } });
        assert.equal(allowed.status, 201);
        assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://zwfw.example.gov.cn');
        assert.equal(allowed.headers.get('access-control-expose-headers'), 'Retry-After');

        const evil = 'https://evil.example.com';
        const refusedPreflight = await fetch(collector.endpoint, { method: 'OPTIONS', headers: { Origin: evil, 'Access-Control-Request-Method': 'POST' } });
        assert.equal(refusedPreflight.status, 403);
        assert.equal(refusedPreflight.headers.get('access-control-allow-origin'), null);
        const refused = await post(collector, fixture(), { headers: { Origin: evil } });
        assert.equal(refused.status, 403);
        assert.equal(refused.headers.get('access-control-allow-origin'), null);
        assert.equal((await refused.json()).error, 'origin-not-allowed');
        assert.equal(await count(), 1);
      });

      it('without an allow-list: same-origin pages and clients without Origin only', async () => {
        const collector = await start();
        const own = new URL(collector.url).origin;
        const same = await post(collector, fixture(), { headers: { Origin: own } });
        assert.equal(same.status, 201);
        assert.equal(same.headers.get('access-control-allow-origin'), null, 'same origin needs no CORS headers');
        assert.equal((await post(collector, fixture())).status, 201, 'no Origin (a server, curl)');
        assert.equal((await post(collector, fixture(), { headers: { Origin: ORIGIN } })).status, 403);
        assert.equal((await fetch(collector.endpoint, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } })).status, 403);
        assert.equal(await count(), 2);
      });

      it('with "*": any origin, echoed (also the opaque origin "null" of sandboxed pages)', async () => {
        const collector = await start({ origins: ['*'] });
        for (const origin of ['https://any.example.org', 'null']) {
          const response = await post(collector, fixture(), { headers: { Origin: origin } });
          assert.equal(response.status, 201, origin);
          assert.equal(response.headers.get('access-control-allow-origin'), origin);
        }
      });
    });

    describe('rate limit', () => {
      it('answers 429 with Retry-After (and CORS headers) beyond the burst, per client address', async () => {
        const collector = await start({ rateLimit: { rate: 1, burst: 2 }, origins: [ORIGIN] });
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await post(collector, fixture(), { headers: { Origin: ORIGIN } })).status);
        assert.deepEqual(statuses, [201, 201, 429]);
        const limited = await post(collector, fixture(), { headers: { Origin: ORIGIN } });
        assert.equal(limited.status, 429);
        assert.equal(limited.headers.get('retry-after'), '1');
        assert.equal(limited.headers.get('access-control-allow-origin'), ORIGIN, 'the page can read Retry-After');
        assert.equal((await limited.json()).error, 'too-many-requests');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.equal((await post(collector, fixture())).status, 201, 'a token again after a second');
        assert.equal(await count(), 3);
      });

      it('with --trust-proxy, one bucket per X-Forwarded-For client (the address the proxy appended)', async () => {
        const collector = await start({ rateLimit: { rate: 0.1, burst: 1 }, trustProxy: 1 });
        const from = (xff) => post(collector, fixture(), { headers: { 'X-Forwarded-For': xff } });
        assert.equal((await from('203.0.113.7')).status, 201);
        assert.equal((await from('203.0.113.7')).status, 429);
        assert.equal((await from('198.51.100.9')).status, 201, 'another client');
        assert.equal((await from('198.51.100.77, 203.0.113.7')).status, 429, 'a spoofed first entry changes nothing');
        const direct = await start({ rateLimit: { rate: 0.1, burst: 1 } });
        assert.equal((await post(direct, fixture(), { headers: { 'X-Forwarded-For': '192.0.2.1' } })).status, 201);
        assert.equal((await post(direct, fixture(), { headers: { 'X-Forwarded-For': '192.0.2.2' } })).status, 429, 'without --trust-proxy the header is ignored');
      });
    });

    describe('/healthz', () => {
      it('answers 200 while the database answers, 503 when it does not', async () => {
        const collector = await start();
        const ok = await fetch(new URL('/healthz', collector.url));
        assert.equal(ok.status, 200);
        assert.deepEqual(await ok.json(), { status: 'ok', database: database.dialect });
        const restore = await db.outage(collector);
        try {
          const down = await fetch(new URL('/healthz', collector.url));
          assert.equal(down.status, 503);
          assert.equal((await down.json()).status, 'unavailable');
        } finally {
          await restore();
        }
      });
    });

    describe('migrations', () => {
      it('are applied at first start, recorded in schema_migrations, and not again at restart (data kept)', async () => {
        const first = await start();
        assert.deepEqual(first.store.migrated, MIGRATIONS.map((m) => m.version));
        const evaluation = fixture();
        assert.equal((await post(first, evaluation)).status, 201);
        await first.close();
        const second = await start();
        assert.deepEqual(second.store.migrated, []);
        const recorded = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
        assert.deepEqual(recorded.map((r) => Number(r.version)), MIGRATIONS.map((m) => m.version));
        assert.equal((await post(second, evaluation)).status, 200, 'still stored');
        assert.equal((await post(second, fixture({ projectNo: evaluation.projectNo }))).status, 409);
      });

      it('adopt ratings stored before 一次一评: the first of a transaction keeps it, later duplicates stay stored', async () => {
        const a = fixture();
        const duplicate = fixture({ projectNo: a.projectNo });
        const feedback = fixture({ projectNo: undefined });
        if (database.dialect === 'sqlite') {
          // The demo collector's database before migrations existed: no schema_migrations at all.
          await db.query(`CREATE TABLE evaluations (id TEXT PRIMARY KEY, received_at TEXT NOT NULL, scale TEXT NOT NULL, level INTEGER,
            verdict TEXT NOT NULL, tags TEXT NOT NULL, tag_version TEXT NOT NULL, body TEXT NOT NULL)`);
          await db.query('CREATE INDEX evaluations_received_at ON evaluations (received_at)');
        } else {
          // A database at schema version 1.
          const [table, index] = MIGRATIONS[0].postgres.split(';');
          await db.query(table);
          await db.query(index);
          await db.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
          await db.query("INSERT INTO schema_migrations VALUES (1, 'evaluations', now())");
        }
        const times = ['2025-11-04T07:30:02.000Z', '2025-11-04T07:30:01.000Z', '2025-11-04T07:30:03.000Z'];
        for (const [i, e] of [duplicate, a, feedback].entries()) {
          await db.query(
            'INSERT INTO evaluations (id, received_at, scale, level, verdict, tags, tag_version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [e.id, times[i], e.scale, e.level, e.verdict, JSON.stringify(e.tags), e.tagVersion, JSON.stringify(e)],
          );
        }
        const collector = await start();
        assert.deepEqual(collector.store.migrated, database.dialect === 'sqlite' ? [1, 2, 3, 4] : [2, 3, 4]);
        // Migration 4 opens a case for each stored 差评; the start gives each its due date:
        // 15 working days after 2025-11-04 (China), on the official calendar.
        const cases = await db.query('SELECT evaluation_id, state, due_date FROM cases ORDER BY evaluation_id');
        assert.deepEqual(
          cases.map((c) => [c.evaluation_id, c.state, c.due_date]),
          [a, duplicate, feedback].map((e) => [e.id, 'open', '2025-11-25']).sort(),
        );
        const again = await post(collector, fixture({ projectNo: a.projectNo }));
        assert.equal(again.status, 409);
        assert.equal(await count('WHERE project_no = $1 AND id = $2', [a.projectNo, a.id]), 1, 'the earliest rating holds the transaction');
        assert.equal((await post(collector, duplicate)).status, 200, 'the legacy duplicate is still stored under its id');
        assert.equal(await count(), 3);
      });
    });

    describe('graceful shutdown', () => {
      it('stops accepting connections, finishes the request in flight (Connection: close), then closes the database', async () => {
        const collector = await start();
        const evaluation = fixture();
        const text = JSON.stringify(evaluation);
        const { hostname, port } = new URL(collector.url);
        const req = request({
          hostname,
          port,
          path: '/api/evaluations',
          method: 'POST',
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Idempotency-Key': evaluation.id },
        });
        const answer = new Promise((resolve, reject) => {
          req.on('response', (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
          });
          req.on('error', reject);
        });
        const arrived = once(collector.server, 'request');
        req.write(text.slice(0, 40));
        await arrived;
        const closing = collector.close();
        await assert.rejects(fetch(collector.endpoint, { method: 'POST', body: text }), 'no new connections');
        req.end(text.slice(40));
        const { status, headers, body } = await answer;
        assert.equal(status, 201, body);
        assert.equal(headers.connection, 'close');
        await closing;
        assert.equal(await count('WHERE id = $1', [evaluation.id]), 1);
      });
    });

    describe('logs', () => {
      it('one JSON-ready line per request — id, status, ms, path — and never the comment, the token or the ticket', async () => {
        const collector = await start();
        const secret = { comment: '窗口人员态度差 SECRET-COMMENT-4711', evaluatorToken: 'SECRET-TOKEN-0815', ticket: 'SECRET-TICKET-42' };
        const evaluation = fixture(secret);
        await post(collector, evaluation);
        await post(collector, evaluation);
        await post(collector, fixture({ ...secret, projectNo: evaluation.projectNo }));
        await post(collector, fixture({ ...secret, level: 9 }));
        await post(collector, undefined, { body: `{"comment": "${secret.comment}"` });
        await fetch(`${collector.endpoint}?id=${evaluation.id}&token=${secret.evaluatorToken}`);
        await new Promise((resolve) => setImmediate(resolve));
        const requests = collector.logs.filter((l) => l.msg === 'request');
        assert.equal(requests.length, 6);
        assert.deepEqual(requests.map((l) => l.status), [201, 200, 409, 422, 400, 200]);
        assert.deepEqual(requests.map((l) => l.outcome), ['stored', 'duplicate', 'already-rated', 'invalid', 'not-json', 'found']);
        for (const line of requests) {
          assert.equal(line.path, '/api/evaluations');
          assert.equal(typeof line.ms, 'number');
          assert.match(line.reqId, /^[0-9a-f]{8}$/);
        }
        assert.equal(requests[0].id, evaluation.id);
        const text = collector.logs.map((l) => JSON.stringify(l)).join('\n');
        assert.doesNotMatch(text, /SECRET|态度差/);
      });
    });

    describe('concurrency', () => {
      it('the same id in flight twice at once: one 201, one 200, stored once', async () => {
        const collector = await start();
        for (let round = 0; round < 10; round++) {
          const evaluation = fixture();
          const statuses = (await Promise.all([post(collector, evaluation), post(collector, evaluation)])).map((r) => r.status);
          assert.deepEqual(statuses.sort(), [200, 201], `round ${round}`);
          assert.equal(await count('WHERE id = $1', [evaluation.id]), 1);
        }
        assert.equal(await count(), 10);
      });

      it('the same transaction under two ids at once: one 201, one 409, and the 201 is the one stored', async () => {
        const collector = await start();
        for (let round = 0; round < 10; round++) {
          const one = fixture();
          const other = fixture({ projectNo: one.projectNo });
          const responses = await Promise.all([post(collector, one), post(collector, other)]);
          const answers = await Promise.all(responses.map((r) => r.json()));
          assert.deepEqual(responses.map((r) => r.status).sort(), [201, 409], `round ${round}`);
          assert.equal(answers.find((answer) => answer.error === 'already-rated')?.error, 'already-rated');
          const winner = responses[0].status === 201 ? one : other;
          assert.equal(await count('WHERE project_no = $1', [one.projectNo]), 1);
          assert.equal(await count('WHERE project_no = $1 AND id = $2', [one.projectNo, winner.id]), 1, 'the 201 is the one stored');
        }
      });

      it('a burst: 40 ratings, each posted three times at once, and 20 second ratings of their transactions', async () => {
        const collector = await start();
        const firsts = Array.from({ length: 40 }, () => fixture());
        const seconds = firsts.slice(0, 20).map((e) => fixture({ projectNo: e.projectNo }));
        const jobs = [...firsts.flatMap((e) => [e, e, e]), ...seconds].sort(() => Math.random() - 0.5);
        const results = await Promise.all(jobs.map(async (e) => ({ e, status: (await post(collector, e)).status })));
        assert.equal(await count(), 40, 'one rating per transaction');
        for (const e of firsts.slice(20)) {
          assert.deepEqual(results.filter((r) => r.e === e).map((r) => r.status).sort(), [200, 200, 201]);
        }
        for (const [i, second] of seconds.entries()) {
          // Either the first or the second rating of the transaction won; the loser got only 409s.
          const stored = await db.query('SELECT id FROM evaluations WHERE project_no = $1', [second.projectNo]);
          const winner = stored[0].id;
          const loser = winner === second.id ? firsts[i] : second;
          assert.ok(results.filter((r) => r.e === loser).every((r) => r.status === 409), `transaction ${i}`);
          assert.equal(results.filter((r) => r.e.id === winner && r.status === 201).length, 1);
        }
      });
    });
  });
}
