/**
 * The loop of SPEC §7 on the deployable collector, on SQLite and PostgreSQL — the same test
 * bodies on both: cases with working-day due dates on the official calendar, staff tokens and
 * their scope, reply / close / appeal / review, the append-only audit log, the rater's view,
 * and the statistics (and their CSV report). The clock is injected; the calendar is the real
 * chinese-days package unless a test needs a year it does not have yet.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import chineseDays from 'chinese-days';
import { createCalendar, loadCalendar } from '../../collector/calendar.mjs';
import { startCollector } from '../../collector/server.mjs';
import { createToken } from '../../collector/tokens.mjs';
import { collectorDatabases, eachFreshDatabase } from '../support/collector-databases.mjs';
import { evaluationFixture } from '../support/fixtures.mjs';

const CLI = fileURLToPath(new URL('../../collector/cli.mjs', import.meta.url));
const china = (local) => Date.parse(`${local}+08:00`);
let transactions = 0;
/** A 差评 of its own transaction in department D01, unless the test says otherwise. */
const fixture = (overrides = {}) => evaluationFixture({ projectNo: `LOOP-${process.pid}-${++transactions}`, deptCode: 'D01', ...overrides });

describe('the official working-day calendar', () => {
  it('counts 15 working days from 2026-09-28 through the 国庆 holiday and the working Saturday 10-10: due 2026-10-23', async () => {
    const calendar = await loadCalendar();
    const counted = [];
    for (let day = '2026-09-28'; counted.length < 15; ) {
      day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      if (calendar.isWorkday(day)) counted.push(day);
    }
    assert.ok(counted.includes('2026-10-10'), 'Saturday 2026-10-10 is a 调休 working day');
    assert.ok(!counted.some((d) => d >= '2026-10-01' && d <= '2026-10-07'), '国庆 10-01…10-07 are holidays');
    assert.equal(counted.at(-1), '2026-10-23');
    assert.equal(calendar.dueDate(china('2026-09-28T10:00:00'), 15), '2026-10-23');
    // The package's own count agrees.
    assert.equal(chineseDays.findWorkday(15, '2026-09-28'), '2026-10-23');
    // Late in the evening in China is already the next day in China, whatever the server's zone.
    assert.equal(calendar.dueDate(china('2026-09-27T23:30:00'), 1), '2026-09-28');
  });

  it('refuses to count a day in a year it has no data for, naming the fix — never a weekends-only guess', async () => {
    const calendar = await loadCalendar();
    const [, last] = calendar.years;
    assert.throws(() => calendar.isWorkday(`${last + 1}-03-02`), (error) => {
      assert.equal(error.name, 'CalendarError');
      assert.match(error.message, new RegExp(`no data for ${last + 1}`));
      assert.match(error.message, /npm install chinese-days@latest/);
      return true;
    });
    // A due date that runs into the uncovered year is refused too.
    assert.throws(() => calendar.addWorkingDays(`${last}-12-28`, 15), /npm install chinese-days@latest/);
  });
});

for (const database of collectorDatabases()) {
  describe(`the loop on ${database.name}`, () => {
    const cleanups = [];
    let db;
    eachFreshDatabase(database, cleanups, (fresh) => {
      db = fresh;
    });

    /** A collector on this test's database with an injected clock (`clock.now`, ms). */
    async function start(options = {}) {
      const logs = [];
      const clock = { now: china('2026-09-28T10:00:00') };
      const collector = await startCollector({ ...db.options, port: 0, rateLimit: null, now: () => clock.now, log: (e) => logs.push(e), ...options });
      cleanups.push(() => collector.close());
      collector.clock = clock;
      collector.logs = logs;
      return collector;
    }

    const post = (collector, evaluation) =>
      fetch(collector.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': evaluation.id }, body: JSON.stringify(evaluation) });

    /** A staff call: `[status, body]`. */
    async function api(collector, path, { token, body, method = body === undefined ? 'GET' : 'POST', headers = {} } = {}) {
      const response = await fetch(new URL(path, collector.url), {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token.token ?? token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return [response.status, await response.json()];
    }
    const raterView = async (collector, id) => {
      const response = await fetch(`${collector.endpoint}/${id}/case`);
      return [response.status, await response.json()];
    };
    const auditRows = async () => db.query('SELECT * FROM audit_log ORDER BY seq');

    it('a 差评 opens a case in its own transaction, due 15 working days after receipt; a 好评 opens none; a good-bad "bad" does', async () => {
      const collector = await start();
      const bad = fixture();
      const good = fixture({ level: 5, verdict: 'good', tags: ['G01'] });
      const badVerdict = fixture({ scale: 'good-bad', level: undefined, verdict: 'bad' });
      for (const e of [bad, good, badVerdict]) assert.equal((await post(collector, e)).status, 201);
      const cases = await db.query('SELECT evaluation_id, state, due_date FROM cases ORDER BY evaluation_id');
      assert.deepEqual(cases.map((c) => [c.evaluation_id, c.state, c.due_date]), [bad.id, badVerdict.id].sort().map((id) => [id, 'open', '2026-10-23']));
      // The same rating again: stored once, one case.
      assert.equal((await post(collector, bad)).status, 200);
      assert.equal((await db.query('SELECT COUNT(*) AS n FROM cases'))[0].n * 1, 2);
      // --case-days
      const seven = await start({ caseDays: 7 });
      const other = fixture();
      await post(seven, other);
      assert.equal((await db.query('SELECT due_date FROM cases WHERE evaluation_id = $1', [other.id]))[0].due_date, '2026-10-13');
    });

    it('a day the calendar has no data for: the rating is stored, the case waits without a due date (the log names the fix), and gets it at the next start with the working days it was given', async () => {
      const real = await loadCalendar();
      const next = real.years[1] + 1;
      const collector = await start({ caseDays: 10 });
      collector.clock.now = china(`${next}-03-02T09:00:00`);
      const e = fixture();
      assert.equal((await post(collector, e)).status, 201);
      assert.deepEqual(await raterView(collector, e.id), [200, { state: 'open', dueDate: null }]);
      const logged = collector.logs.find((l) => l.msg === 'calendar');
      assert.equal(logged.level, 'error');
      assert.match(logged.error, /npm install chinese-days@latest/);
      await collector.close();
      // The package is updated: a calendar that knows the next year (every weekday works, here).
      const updated = createCalendar(
        {
          getHolidaysInRange: (from) => (Number(from.slice(0, 4)) <= next ? ['x'] : []),
          isWorkday: (date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
        },
        { version: 'next' },
      );
      const restarted = await start({ calendar: updated }); // --case-days back at 15: the case keeps its 10
      assert.ok(restarted.logs.some((l) => l.msg === 'due-dates' && l.set === 1));
      assert.deepEqual(await raterView(restarted, e.id), [200, { state: 'open', dueDate: `${next}-03-16` }]);
    });

    it('staff tokens: printed once, only the hash stored; no token or a revoked one is 401; another department’s case is 404, not 403', async () => {
      const collector = await start();
      const e = fixture();
      await post(collector, e);
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01'] });
      const d02 = await createToken(collector.store, { role: 'department', depts: ['D02'] });
      const [row] = await db.query('SELECT * FROM staff_tokens WHERE id = $1', [d01.id]);
      assert.notEqual(row.hash, d01.token);
      assert.ok(!JSON.stringify(await db.query('SELECT * FROM staff_tokens')).includes(secretOf(d01.token)), 'the secret is nowhere in the database');

      assert.equal((await api(collector, '/api/cases'))[0], 401);
      assert.equal((await api(collector, '/api/cases', { token: 'hcp_00000000_' + 'a'.repeat(43) }))[0], 401);
      const [status, listed] = await api(collector, '/api/cases', { token: d01 });
      assert.equal(status, 200);
      assert.deepEqual(listed.cases.map((c) => c.id), [e.id]);
      const [, mine] = await api(collector, `/api/cases/${e.id}`, { token: d01 });
      assert.equal(mine.comment, e.comment, 'staff see the comment');

      assert.deepEqual((await api(collector, '/api/cases', { token: d02 }))[1], { cases: [] });
      for (const [path, body] of [[`/api/cases/${e.id}`], [`/api/cases/${e.id}/reply`, { text: '已处理' }], [`/api/cases/${e.id}/close`, {}], [`/api/cases/${e.id}/appeal`, { reason: '误评' }]]) {
        // Exactly what an id that does not exist gets: nothing to probe.
        const unknown = '01890000-0000-7000-8000-000000000000';
        const [s, answer] = await api(collector, path, { token: d02, body });
        const [unknownStatus, unknownAnswer] = await api(collector, path.replace(e.id, unknown), { token: d02, body });
        assert.deepEqual([s, answer.error], [404, 'not-found'], path);
        assert.deepEqual([unknownStatus, unknownAnswer.message.replace(unknown, e.id)], [s, answer.message]);
      }
      assert.equal((await db.query('SELECT state FROM cases WHERE evaluation_id = $1', [e.id]))[0].state, 'open', 'nothing changed');

      // Revoked: 401 at once.
      const revoke = await runCli(['token', 'revoke', d01.id], db.env);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal((await api(collector, '/api/cases', { token: d01 }))[0], 401);
    });

    it('reply (checked for personal data), close after the reply; the rater sees state, due date and reply — nothing else', async () => {
      const collector = await start();
      const e = fixture();
      await post(collector, e);
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01'] });
      const reviewer = await createToken(collector.store, { role: 'reviewer' });
      const before = (await auditRows()).length;

      for (const [text, kind] of [['请联系 138 1234 5678', /mobile number 138 \*{4} 5678/], ['身份证 11010519491231002X 已核实', /身份证号/], ['回复至 zhang.san@example.com', /e-mail/]]) {
        const [s, answer] = await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: { text } });
        assert.equal(s, 422);
        assert.equal(answer.errors[0].field, 'text');
        assert.match(answer.errors[0].message, kind);
      }
      assert.equal((await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: { text: '  ' } }))[0], 422);
      assert.equal((await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: '[1]' }))[0], 422);
      assert.equal((await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: '{' }))[0], 400);
      assert.equal((await api(collector, `/api/cases/${e.id}/reply`, { token: reviewer, body: { text: '已处理' } }))[0], 403);
      assert.equal((await api(collector, `/api/cases/${e.id}/close`, { token: d01, body: {} }))[1].error, 'not-replied');
      assert.equal((await auditRows()).length, before, 'refusals write nothing');
      assert.deepEqual(await raterView(collector, e.id), [200, { state: 'open', dueDate: '2026-10-23' }]);

      collector.clock.now = china('2026-10-09T15:00:00');
      const [s, replied] = await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: { text: '已增加窗口人手，排队时间缩短到二十分钟以内。' } });
      assert.equal(s, 200);
      assert.equal(replied.state, 'replied');
      const view = await raterView(collector, e.id);
      assert.deepEqual(view, [200, { state: 'replied', dueDate: '2026-10-23', reply: '已增加窗口人手，排队时间缩短到二十分钟以内。', repliedAt: '2026-10-09T07:00:00.000Z' }]);
      assert.equal((await api(collector, `/api/cases/${e.id}/close`, { token: d01, body: {} }))[1].state, 'closed');
      assert.equal((await raterView(collector, e.id))[1].state, 'closed');
      assert.equal((await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: { text: '再次回复' } }))[1].error, 'case-closed');
      assert.equal((await raterView(collector, '01890000-0000-7000-8000-000000000000'))[0], 404);
      assert.equal((await raterView(collector, 'not-a-uuid'))[0], 404);
    });

    it('the rater’s view shares the endpoint’s rate limit and origin allow-list', async () => {
      const origin = 'https://www.example.gov.cn';
      const collector = await start({ rateLimit: { rate: 0.01, burst: 1 }, origins: [origin] });
      const id = '01890000-0000-7000-8000-000000000000';
      const allowed = await fetch(`${collector.endpoint}/${id}/case`, { headers: { Origin: origin } });
      assert.equal(allowed.status, 404);
      assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
      assert.equal((await fetch(`${collector.endpoint}/${id}/case`, { headers: { Origin: 'https://evil.example' } })).status, 403);
      const limited = await fetch(`${collector.endpoint}/${id}/case`);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    });

    it('overdue: open and replied cases past their due date; a closed case never is', async () => {
      const collector = await start();
      const [open, replied, closed] = [fixture(), fixture(), fixture()];
      for (const e of [open, replied, closed]) await post(collector, e);
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01'] });
      await api(collector, `/api/cases/${replied.id}/reply`, { token: d01, body: { text: '正在整改' } });
      await api(collector, `/api/cases/${closed.id}/reply`, { token: d01, body: { text: '已整改' } });
      await api(collector, `/api/cases/${closed.id}/close`, { token: d01, body: {} });
      collector.clock.now = china('2026-10-23T18:00:00');
      assert.deepEqual((await api(collector, '/api/cases?overdue=1', { token: d01 }))[1].cases, [], 'due today is not overdue yet');
      collector.clock.now = china('2026-10-24T09:00:00');
      const [, { cases }] = await api(collector, '/api/cases?overdue=1', { token: d01 });
      assert.deepEqual(cases.map((c) => c.id).sort(), [open.id, replied.id].sort());
      assert.deepEqual((await api(collector, '/api/cases?state=closed', { token: d01 }))[1].cases.map((c) => c.id), [closed.id]);
      assert.equal((await api(collector, '/api/cases?state=done', { token: d01 }))[1].errors[0].field, 'state');
    });

    it('appeal and review: an overturned rating leaves the statistics, not the database, and is marked in its forward record if it has not left yet', async () => {
      const collector = await start({ queue: true, minGroup: 1 });
      const e = fixture();
      await post(collector, e);
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01'] });
      const reviewer = await createToken(collector.store, { role: 'reviewer' });
      assert.equal((await api(collector, `/api/cases/${e.id}/appeal`, { token: d01, body: {} }))[1].errors[0].field, 'reason');
      assert.equal((await api(collector, `/api/cases/${e.id}/appeal`, { token: d01, body: { reason: 'x', kind: 'spam' } }))[1].errors[0].field, 'kind');
      const [s, appealed] = await api(collector, `/api/cases/${e.id}/appeal`, { token: d01, body: { reason: '办件记录显示当日未办理此业务', kind: 'mistaken' } });
      assert.equal(s, 200);
      assert.equal(appealed.appeal.state, 'pending');
      assert.equal((await api(collector, `/api/cases/${e.id}/appeal`, { token: d01, body: { reason: '再次申诉' } }))[1].error, 'already-appealed');
      assert.equal((await api(collector, `/api/cases/${e.id}/review`, { token: d01, body: { decision: 'overturn', reason: 'x' } }))[0], 403);
      assert.equal((await api(collector, `/api/cases/${e.id}/review`, { token: reviewer, body: { decision: 'maybe', reason: 'x' } }))[1].errors[0].field, 'decision');
      assert.deepEqual((await api(collector, '/api/cases?appeal=pending', { token: reviewer }))[1].cases.map((c) => c.id), [e.id]);

      const stats = async () => (await api(collector, '/api/stats?from=2026-09-01&to=2026-09-30', { token: reviewer }))[1];
      assert.equal((await stats()).groups[0].count, 1);
      const [, reviewed] = await api(collector, `/api/cases/${e.id}/review`, { token: reviewer, body: { decision: 'overturn', reason: '核实为误评' } });
      assert.deepEqual(reviewed.appeal, { state: 'overturned', reason: '办件记录显示当日未办理此业务', kind: 'mistaken', decisionReason: '核实为误评', appealedAt: reviewed.appeal.appealedAt, decidedAt: reviewed.appeal.decidedAt });
      assert.deepEqual((await stats()).groups, [], 'excluded from the statistics');
      assert.equal((await db.query('SELECT COUNT(*) AS n FROM evaluations WHERE id = $1', [e.id]))[0].n * 1, 1, 'never deleted');
      assert.equal((await api(collector, `/api/cases/${e.id}`, { token: d01 }))[1].comment, e.comment, 'still readable');
      assert.equal((await db.query('SELECT appeal FROM forward_queue WHERE evaluation_id = $1', [e.id]))[0].appeal, 'overturned');
      assert.equal((await api(collector, `/api/cases/${e.id}/review`, { token: reviewer, body: { decision: 'uphold', reason: 'x' } }))[1].error, 'no-pending-appeal');

      // Upheld: the rating counts.
      const kept = fixture();
      await post(collector, kept);
      await api(collector, `/api/cases/${kept.id}/appeal`, { token: d01, body: { reason: '恶意差评', kind: 'malicious' } });
      await api(collector, `/api/cases/${kept.id}/review`, { token: reviewer, body: { decision: 'uphold', reason: '评价属实' } });
      assert.equal((await stats()).groups[0].count, 1);
      assert.equal((await db.query('SELECT appeal FROM forward_queue WHERE evaluation_id = $1', [kept.id]))[0].appeal, null);
      // Past the due date, the upheld 差评 is overdue; the overturned one has nothing to rectify.
      collector.clock.now = china('2026-10-24T09:00:00');
      assert.deepEqual((await api(collector, '/api/cases?overdue=1', { token: reviewer }))[1].cases.map((c) => c.id), [kept.id]);
    });

    it('the audit log holds every action — token, time, action, before, after — and the database refuses to change it', async () => {
      const collector = await start();
      const e = fixture();
      await post(collector, e);
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01'] });
      const reviewer = await createToken(collector.store, { role: 'reviewer' });
      await api(collector, `/api/cases/${e.id}/reply`, { token: d01, body: { text: '已整改' } });
      await api(collector, `/api/cases/${e.id}/appeal`, { token: d01, body: { reason: '误评' } });
      await api(collector, `/api/cases/${e.id}/review`, { token: reviewer, body: { decision: 'uphold', reason: '属实' } });
      await api(collector, `/api/cases/${e.id}/close`, { token: d01, body: {} });
      const rows = await auditRows();
      assert.deepEqual(rows.map((r) => [r.actor, r.action]), [
        ['cli', 'token-create'],
        ['cli', 'token-create'],
        [d01.id, 'reply'],
        [d01.id, 'appeal'],
        [reviewer.id, 'review'],
        [d01.id, 'close'],
      ]);
      const reply = rows[2];
      assert.equal(reply.evaluation_id, e.id);
      assert.deepEqual(JSON.parse(reply.before), { state: 'open' });
      assert.deepEqual(JSON.parse(reply.after), { state: 'replied', reply: '已整改' });
      assert.equal(new Date(reply.at).toISOString(), '2026-09-28T02:00:00.000Z');
      assert.ok(!rows.some((r) => `${r.before}${r.after}`.includes(e.comment)), 'the rater’s comment is not copied into the log');
      await assert.rejects(db.query("UPDATE audit_log SET action = 'nothing'"), /append-only/);
      await assert.rejects(db.query('DELETE FROM audit_log'), /append-only/);
      if (database.dialect === 'postgres') await assert.rejects(db.query('TRUNCATE audit_log'), /append-only/);
      assert.equal((await auditRows()).length, 6);
      const [, detail] = await api(collector, `/api/cases/${e.id}`, { token: d01 });
      assert.deepEqual(detail.history.map((h) => h.action), ['reply', 'appeal', 'review', 'close']);
    });

    it('a 追评 (assessNumber 2) links to the case of the rating it follows', async () => {
      const collector = await start();
      const first = fixture();
      await post(collector, first);
      const followUp = fixture({ projectNo: first.projectNo, assessNumber: 2, level: 4, verdict: 'good', tags: ['G01'] });
      assert.equal((await post(collector, followUp)).status, 201);
      const reviewer = await createToken(collector.store, { role: 'reviewer' });
      assert.equal((await api(collector, `/api/cases/${first.id}`, { token: reviewer }))[1].followUp, followUp.id);
    });

    it('statistics by department, task, channel and month: counts, levels, 好评率, cases due and closed on time, top reasons; small groups suppressed', async () => {
      const collector = await start({ minGroup: 3 });
      const d01 = await createToken(collector.store, { role: 'department', depts: ['D01', 'D02'] });
      const add = async (overrides, at) => {
        collector.clock.now = china(at);
        const e = fixture(overrides);
        assert.equal((await post(collector, e)).status, 201);
        return e;
      };
      const good = (level, tags) => ({ level, verdict: 'good', tags });
      // D01: five ratings in September (two 差评), one in October.
      const late = await add({ level: 1, tags: ['N01'] }, '2026-09-28T10:00:00'); // due 2026-10-23
      const onTime = await add({ level: 2, tags: ['N01', 'N08'] }, '2026-09-28T11:00:00'); // due 2026-10-23
      await add({ ...good(5, ['G01']), channel: 'mobile' }, '2026-09-29T09:00:00');
      await add(good(4, ['G01', 'G02']), '2026-09-30T09:00:00');
      await add(good(3, []), '2026-09-30T10:00:00');
      await add(good(5, ['G01']), '2026-10-12T10:00:00');
      // D02: two ratings only — fewer than --min-group.
      await add({ ...good(5, ['G01']), deptCode: 'D02' }, '2026-09-29T10:00:00');
      await add({ deptCode: 'D02' }, '2026-09-29T11:00:00');
      collector.clock.now = china('2026-10-20T10:00:00');
      await api(collector, `/api/cases/${onTime.id}/reply`, { token: d01, body: { text: '已整改' } });
      await api(collector, `/api/cases/${onTime.id}/close`, { token: d01, body: {} });
      collector.clock.now = china('2026-10-26T10:00:00');
      await api(collector, `/api/cases/${late.id}/reply`, { token: d01, body: { text: '已整改' } });
      await api(collector, `/api/cases/${late.id}/close`, { token: d01, body: {} });

      const [s, september] = await api(collector, '/api/stats?from=2026-09-01&to=2026-09-30&by=dept', { token: d01 });
      assert.equal(s, 200);
      assert.deepEqual(september, {
        from: '2026-09-01',
        to: '2026-09-30',
        by: 'dept',
        minGroup: 3,
        groups: [
          {
            key: 'D01',
            count: 5,
            levels: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 },
            good: 3,
            bad: 2,
            goodRate: 0.6,
            casesDue: 0,
            onTime: 0,
            onTimeRate: null,
            topTags: [{ code: 'G01', count: 2 }, { code: 'N01', count: 2 }, { code: 'G02', count: 1 }, { code: 'N08', count: 1 }],
          },
        ],
        suppressed: 1,
      });
      // October: the two D01 cases were due on 10-23; one closed on time, one late; the D02 case is still open.
      const [, october] = await api(collector, '/api/stats?from=2026-10-01&to=2026-10-31&by=dept', { token: d01 });
      // D01 has one October rating and D02 none (only its case, due 10-26): both under the minimum of 3.
      assert.deepEqual([october.groups, october.suppressed], [[], 2]);
      const [, quarter] = await api(collector, '/api/stats?from=2026-09-01&to=2026-12-31&by=dept', { token: d01 });
      const d01Quarter = quarter.groups.find((g) => g.key === 'D01');
      assert.deepEqual([d01Quarter.count, d01Quarter.casesDue, d01Quarter.onTime, d01Quarter.onTimeRate, d01Quarter.goodRate], [6, 2, 1, 0.5, 0.6667]);
      const [, byMonth] = await api(collector, '/api/stats?from=2026-09-01&to=2026-12-31&by=month', { token: d01 });
      assert.deepEqual(byMonth.groups.map((g) => [g.key, g.count, g.casesDue]), [['2026-09', 7, 0]]);
      assert.equal(byMonth.suppressed, 1, 'October: one rating and three cases due, under the minimum');
      const [, byChannel] = await api(collector, '/api/stats?from=2026-09-01&to=2026-12-31&by=channel', { token: d01 });
      assert.deepEqual(byChannel.groups.map((g) => [g.key, g.count]), [['pc', 7]]);
      assert.equal(byChannel.suppressed, 1);
      const [, byTask] = await api(collector, '/api/stats?from=2026-09-01&to=2026-12-31&by=task', { token: d01 });
      assert.deepEqual(byTask.groups.map((g) => [g.key, g.count]), [['TEST-TASK', 8]]);

      // Bad input: 422 with field errors. Without a token: 401, unless the statistics are public.
      const [bad, refused] = await api(collector, '/api/stats?from=2026-9-1&to=2026-02-30&by=year', { token: d01 });
      assert.equal(bad, 422);
      assert.deepEqual(refused.errors.map((e) => e.field), ['from', 'to', 'by']);
      assert.equal((await api(collector, '/api/stats?from=2026-10-01&to=2026-09-01', { token: d01 }))[1].errors[0].field, 'to');
      assert.equal((await api(collector, '/api/stats?from=2026-09-01&to=2026-09-30'))[0], 401);
      const open = await start({ publicStats: true, minGroup: 3 });
      assert.deepEqual((await api(open, '/api/stats?from=2026-09-01&to=2026-09-30'))[1].groups.map((g) => g.key), ['D01']);

      // The same figures from the command line, as CSV for Excel and as JSON.
      const csv = await runCli(['report', '--from', '2026-09-01', '--to', '2026-09-30', '--by', 'dept', '--min-group', '3'], db.env);
      assert.equal(csv.code, 0, csv.stderr);
      assert.ok(csv.stdout.startsWith('\uFEFFkey,count,level1,level2,level3,level4,level5,good,bad,goodRate,casesDue,onTime,onTimeRate,topTags\r\n'));
      assert.match(csv.stdout, /\r\nD01,5,1,1,1,1,1,3,2,0\.6,0,0,,G01:2 N01:2 G02:1 N08:1\r\n/);
      assert.match(csv.stdout, /\(suppressed: groups of fewer than 3 ratings\),1\r\n$/);
      const asJson = await runCli(['report', '--from', '2026-09-01', '--to', '2026-09-30', '--format', 'json', '--min-group', '3'], db.env);
      assert.deepEqual(JSON.parse(asJson.stdout).groups, september.groups);
      const wrong = await runCli(['report', '--from', '2026-09-01'], db.env);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /to is required: a date as YYYY-MM-DD/);
    });

    it('token create prints the token once on stdout; token list never shows it; audit prints the log', async () => {
      const created = await runCli(['token', 'create', '--role', 'department', '--dept', 'D01', '--dept', 'D02', '--label', '市政务服务中心'], db.env);
      assert.equal(created.code, 0, created.stderr);
      const token = created.stdout.trim();
      assert.match(token, /^hcp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      assert.match(created.stderr, /shown only now/);
      const listed = await runCli(['token', 'list', '--json'], db.env);
      assert.ok(!listed.stdout.includes(secretOf(token)));
      assert.deepEqual(JSON.parse(listed.stdout).map((t) => [t.role, t.depts, t.label]), [['department', ['D01', 'D02'], '市政务服务中心']]);
      const missing = await runCli(['token', 'create', '--role', 'department'], db.env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--dept <deptCode>/);
      const audit = await runCli(['audit'], db.env);
      assert.equal(JSON.parse(audit.stdout.trim()).action, 'token-create');
    });
  });
}

/** The secret part of `hcp_<id>_<secret>` (a secret may itself contain '_'). */
const secretOf = (token) => token.slice('hcp_00000000_'.length);

/** Runs the CLI with `env` added; resolves `{ code, stdout, stderr }`. */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
