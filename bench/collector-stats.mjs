/**
 * The statistics of the loop (SPEC §7, `GET /api/stats`, collector/stats.mjs computeStats) over
 * a year of ratings, on SQLite and on PostgreSQL:
 *
 *   node bench/collector-stats.mjs                       1,000,000 ratings, both databases
 *   node bench/collector-stats.mjs --rows 200000 --runs 5 --db sqlite --indexes baseline
 *
 * Load: the ratings are made up (deterministic, `--seed`) and written straight into the tables
 * the collector's migrations create (the store is opened with `openStore` first), not over
 * HTTP: on SQLite with one prepared statement in transactions of 100,000 rows; on PostgreSQL
 * with multi-row `INSERT … SELECT FROM unnest($1::text[], …)` of 5,000 rows a statement. The
 * year 2025 (China time), mostly on working days and office hours; 50 departments and 500 task
 * codes (each task belongs to one department; both skewed: a few departments and services get
 * most ratings); 5 channels; levels 5/4/3/2/1 = 72/16/6/3.5/2.5 % (the five-level scale), 0–3
 * reason tags each (G01–G08 on a 好评, N01–N10 on a 差评); a body as the widget sends it (a
 * comment on a third of them). Every 差评 has its case, due 15 working days after receipt on
 * the official calendar (chinese-days, as the collector counts it); cases received more than a
 * month before the year's end are 88 % closed (90 % of those on time), 7 % replied, 5 % open;
 * 2 % of the 差评 were overturned on appeal (`excluded`).
 *
 * Measure: `computeStats(store, { from, to, by })` with the store the collector uses
 * (`openStore({ dbFile })` / `openStore({ databaseUrl })`), for `by` = dept, task, channel,
 * month, over one month (June) and over the whole year: one warm-up, then `--runs` timed calls;
 * the p50 (and the p50 of each of its three queries, timed where the store runs them; on
 * PostgreSQL they run at the same time on the pool). Then the query plans (EXPLAIN QUERY PLAN
 * / EXPLAIN (ANALYZE, BUFFERS)) of by=dept over both periods.
 *
 * Index variants (`--indexes baseline,cases-covering,analyze`): `baseline` is the schema as migrated;
 * every other variant adds its DDL (INDEXES below) to the same database and measures again.
 *
 * SQLite: WAL as the collector opens it, no ANALYZE (the collector never runs it), the load
 * itself with synchronous=OFF. PostgreSQL: the throwaway cluster of test/support/postgres.mjs
 * with its test settings (fsync off: a read benchmark), VACUUM ANALYZE after the load (what
 * autovacuum would have done by then). Everything lives in temporary directories, removed at
 * the end.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { addDays, chinaDate, loadCalendar } from '../collector/calendar.mjs';
import { computeStats } from '../collector/stats.mjs';
import { positional } from '../collector/store-common.mjs';
import { openStore } from '../collector/store.mjs';
import { startPostgres } from '../test/support/postgres.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const ROWS = Number(option('rows', 1_000_000));
const RUNS = Number(option('runs', 7));
const SEED = Number(option('seed', 20250101));
const DATABASES = option('db', 'sqlite,postgres').split(',');
const VARIANT_NAMES = option('indexes', 'baseline').split(',');
/** `--keep`: leave the SQLite file in its temporary directory (its path is printed) to explore. */
const KEEP = process.argv.includes('--keep');

/** Indexes to try, added one variant after the other (each variant keeps the ones before). */
export const INDEXES = {
  // As migrated: since migration 4 that includes evaluations_stats, the index covering everything
  // the three rating queries read, in received_at order (measured here against the index on
  // received_at alone: year p50 −15 to −41 % on SQLite, −21 to −31 % on PostgreSQL), and the
  // statistics run without JIT on PostgreSQL (store.analytic).
  baseline: { sqlite: [], postgres: [] },
  // The cases query: the due-date range and what it reads of the case, without the case rows.
  'cases-covering': {
    sqlite: ['CREATE INDEX cases_due_stats ON cases (due_date, state, closed_on, evaluation_id)'],
    postgres: ['CREATE INDEX cases_due_stats ON cases (due_date) INCLUDE (state, closed_on, evaluation_id)'],
  },
  // What the collector does not do today: statistics for SQLite's query planner.
  analyze: { sqlite: ['ANALYZE'], postgres: ['ANALYZE'] },
};

const YEAR = 2025;
const PERIODS = [
  { name: 'month', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
  { name: 'year', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
];
const GROUPINGS = ['dept', 'task', 'channel', 'month'];

// ---------------------------------------------------------------- the made-up ratings

/** mulberry32: a small deterministic PRNG, [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler over `weights` (cumulative, binary search). */
function weighted(weights, random) {
  const cumulative = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const zipf = (n, s) => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
const pad = (n, width) => String(n).padStart(width, '0');
const DEPTS = Array.from({ length: 50 }, (_, i) => `11440300MB2C${pad(i + 1, 5)}`);
const TASKS = Array.from({ length: 500 }, (_, j) => ({ code: `440300${pad(j + 1, 4)}XK${pad((j * 7919) % 100000, 5)}`, dept: (j * 37) % 50 }));
const CHANNELS = ['pc', 'mobile', 'qrcode', 'hall-pad', 'hall-terminal'];
const GOOD_TAGS = Array.from({ length: 8 }, (_, i) => `G0${i + 1}`);
const BAD_TAGS = Array.from({ length: 10 }, (_, i) => `N${pad(i + 1, 2)}`);
const COMMENTS = ['办事很顺利，工作人员态度好。', '窗口排队等了一个多小时，希望增加窗口。', '材料要求没有一次性告知，跑了两趟。', '线上提交很方便。', '系统经常卡顿，提交失败了两次。', '工作人员耐心解答，点赞。'];

/**
 * The ratings in receipt order, in batches of `size`: `{ id, receivedMs, receivedAt, level,
 * verdict, tags, body, projectNo, taskCode, serviceNumber, deptCode, channel, excluded, case }`
 * where `case` is null or `{ dueDate, state, closedOn, closedAt, repliedAt, reply }`.
 */
function* ratings(rows, size, calendar) {
  const random = prng(SEED);
  const start = Date.parse(`${YEAR}-01-01T00:00:00+08:00`);
  const days = Math.round((Date.parse(`${YEAR + 1}-01-01T00:00:00+08:00`) - start) / 86_400_000);
  // Receipt times: working days ×1, other days ×0.25; hours 8–20, peaking 9–11 and 14–16.
  const dayWeights = Array.from({ length: days }, (_, d) => (calendar.isWorkday(addDays(`${YEAR}-01-01`, d)) ? 1 : 0.25));
  const pickDay = weighted(dayWeights, random);
  const pickHour = weighted([0, 0, 0, 0, 0, 0, 0, 1, 4, 9, 10, 8, 3, 4, 9, 10, 8, 5, 3, 2, 1, 1, 0, 0], random);
  const times = new Float64Array(rows);
  for (let i = 0; i < rows; i++) times[i] = start + pickDay() * 86_400_000 + pickHour() * 3_600_000 + Math.floor(random() * 3_600_000);
  times.sort();
  const pickTask = weighted(zipf(TASKS.length, 0.9), random);
  const pickChannel = weighted([30, 40, 12, 13, 5], random);
  const pickLevel = weighted([2.5, 3.5, 6, 16, 72], random); // levels 1..5
  const pickTagCount = weighted([35, 35, 20, 10], random);
  const pickGood = weighted(zipf(GOOD_TAGS.length, 0.7), random);
  const pickBad = weighted(zipf(BAD_TAGS.length, 0.7), random);
  const lastMonth = Date.parse(`${YEAR}-12-01T00:00:00+08:00`);
  const workingDaysLater = new Map();
  const later = (date, n) => {
    const key = `${date}|${n}`;
    if (!workingDaysLater.has(key)) workingDaysLater.set(key, calendar.addWorkingDays(date, n));
    return workingDaysLater.get(key);
  };
  let batch = [];
  for (let i = 0; i < rows; i++) {
    const ms = times[i];
    const receivedAt = new Date(ms).toISOString();
    const level = pickLevel() + 1;
    const bad = level <= 2;
    const tags = new Set();
    for (let t = pickTagCount(); t > 0; t--) tags.add(bad ? BAD_TAGS[pickBad()] : GOOD_TAGS[pickGood()]);
    const task = TASKS[pickTask()];
    const channel = CHANNELS[pickChannel()];
    const deptCode = DEPTS[task.dept];
    // A uuidv7 of the receipt time (ids sort as they were received, as the widget makes them).
    const hex = Math.floor(ms).toString(16).padStart(12, '0') + pad(i.toString(16), 20);
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
    const projectNo = `SL${YEAR}${pad(i + 1, 9)}`;
    const serviceNumber = `BJ${pad((i * 104729) % 1e9, 9)}`;
    const comment = random() < (bad ? 0.8 : 0.3) ? COMMENTS[Math.floor(random() * COMMENTS.length)] : undefined;
    const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23);
    const body = JSON.stringify({
      schema: 'haochaping.evaluation/1',
      id,
      createdAt: `${local}+08:00`,
      sentAt: `${local}+08:00`,
      attempt: 1,
      scale: 'five-level',
      level,
      verdict: bad ? 'bad' : 'good',
      tags: [...tags],
      tagVersion: 'default-1',
      ...(comment ? { comment } : {}),
      projectNo,
      taskCode: task.code,
      taskName: `政务服务事项 ${task.code.slice(-5)}`,
      serviceNumber,
      deptCode,
      areaCode: '440300',
      channel,
      assessNumber: 1,
      page: `https://www.example.gov.cn/bs/${task.code}.html`,
      locale: 'zh-CN',
      dwellMs: 1000 + Math.floor(random() * 60_000),
      sdkVersion: '0.1.0',
    });
    let kase = null;
    if (bad) {
      const date = chinaDate(ms);
      const dueDate = later(date, 15);
      const roll = random();
      const settled = ms < lastMonth;
      const state = settled ? (roll < 0.88 ? 'closed' : roll < 0.95 ? 'replied' : 'open') : roll < 0.3 ? 'closed' : roll < 0.6 ? 'replied' : 'open';
      let closedOn = null;
      let closedAt = null;
      let repliedAt = null;
      if (state !== 'open') {
        const onTime = random() < 0.9;
        const replyDay = later(date, 1 + Math.floor(random() * (onTime ? 12 : 20)));
        repliedAt = `${replyDay}T02:00:00.000Z`;
        if (state === 'closed') {
          closedOn = onTime ? later(date, 1 + Math.floor(random() * 15)) : later(date, 16 + Math.floor(random() * 10));
          if (closedOn < replyDay) closedOn = replyDay;
          closedAt = `${closedOn}T08:00:00.000Z`;
        }
      }
      kase = { dueDate, state, closedOn, closedAt, repliedAt, reply: state === 'open' ? null : '已核实情况并整改，感谢您的监督。' };
    }
    batch.push({ id, receivedMs: ms, receivedAt, level, verdict: bad ? 'bad' : 'good', tags: JSON.stringify([...tags]), body, projectNo, taskCode: task.code, serviceNumber, deptCode, channel, excluded: bad && random() < 0.02 ? 1 : 0, case: kase });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

// ---------------------------------------------------------------- the databases

async function sqliteBench(dir, calendar) {
  const file = join(dir, 'stats.sqlite');
  (await openStore({ dbFile: file })).close(); // the collector's schema, migrated
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insert = db.prepare(`
    INSERT INTO evaluations (id, received_at, scale, level, verdict, tags, tag_version, body, project_no, task_code, assess_number, service_number, dept_code, channel, excluded)
    VALUES (@id, @receivedAt, 'five-level', @level, @verdict, @tags, 'default-1', @body, @projectNo, @taskCode, 1, @serviceNumber, @deptCode, @channel, @excluded)`);
  const openCase = db.prepare(`
    INSERT INTO cases (evaluation_id, state, due_date, reply, replied_at, closed_at, closed_on)
    VALUES (@id, @state, @dueDate, @reply, @repliedAt, @closedAt, @closedOn)`);
  const write = db.transaction((batch) => {
    for (const r of batch) {
      insert.run(r);
      if (r.case) openCase.run({ id: r.id, ...r.case });
    }
  });
  for (const batch of ratings(ROWS, 100_000, calendar)) write(batch);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const loadSeconds = (performance.now() - started) / 1000;
  const store = await openStore({ dbFile: file });
  return {
    name: 'SQLite',
    store,
    loadSeconds,
    size: () => `${(statSync(file).size / 2 ** 20).toFixed(0)} MiB file`,
    describe: `SQLite ${store.db.prepare('SELECT sqlite_version()').pluck().get()} (better-sqlite3), WAL, opened by openStore as the collector does`,
    exec: async (sql) => store.db.exec(sql),
    async explain(text, params) {
      const [sql, values] = positional(text, params);
      const rows = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values);
      const depth = new Map([[0, 0]]);
      return rows.map((r) => {
        depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
        return `${'  '.repeat(depth.get(r.id) - 1)}${r.detail}`;
      });
    },
    close: () => store.close(),
  };
}

async function postgresBench(calendar) {
  const server = await startPostgres({ settings: { shared_buffers: '1GB', work_mem: '64MB', maintenance_work_mem: '512MB', max_wal_size: '4GB' } });
  try {
    const store = await openStore({ databaseUrl: server.url }); // the collector's schema, migrated
    const started = performance.now();
    const client = new pg.Client(server.url);
    await client.connect();
    const evaluations = `
      INSERT INTO evaluations (id, received_at, scale, level, verdict, tags, tag_version, body, project_no, task_code, assess_number, service_number, dept_code, channel, excluded)
      SELECT id, received_at, 'five-level', level, verdict, tags, 'default-1', body, project_no, task_code, 1, service_number, dept_code, channel, excluded
        FROM unnest($1::text[], $2::timestamptz[], $3::smallint[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::smallint[])
          AS t(id, received_at, level, verdict, tags, body, project_no, task_code, service_number, dept_code, channel, excluded)`;
    const cases = `
      INSERT INTO cases (evaluation_id, state, due_date, reply, replied_at, closed_at, closed_on)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])`;
    const column = (batch, key) => batch.map((r) => r[key]);
    for (const batch of ratings(ROWS, 5_000, calendar)) {
      await client.query('BEGIN');
      await client.query(evaluations, ['id', 'receivedAt', 'level', 'verdict', 'tags', 'body', 'projectNo', 'taskCode', 'serviceNumber', 'deptCode', 'channel', 'excluded'].map((k) => column(batch, k)));
      const opened = batch.filter((r) => r.case);
      if (opened.length) {
        await client.query(cases, [column(opened, 'id'), ...['state', 'dueDate', 'reply', 'repliedAt', 'closedAt', 'closedOn'].map((k) => opened.map((r) => r.case[k]))]);
      }
      await client.query('COMMIT');
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const vacuumStarted = performance.now();
    await client.query('VACUUM ANALYZE evaluations');
    await client.query('VACUUM ANALYZE cases');
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const version = (await client.query('SHOW server_version')).rows[0].server_version;
    return {
      name: 'PostgreSQL',
      store,
      loadSeconds,
      extra: `VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s`,
      size: async () => {
        const { rows } = await client.query("SELECT pg_size_pretty(pg_total_relation_size('evaluations')) AS e, pg_size_pretty(pg_total_relation_size('cases')) AS c");
        return `evaluations ${rows[0].e}, cases ${rows[0].c} (with indexes)`;
      },
      describe: `PostgreSQL ${version} (throwaway cluster, fsync off, shared_buffers 1GB, work_mem 64MB), store pool of 10`,
      exec: async (sql) => {
        await client.query(sql);
        if (/^CREATE INDEX/i.test(sql)) for (const table of ['evaluations', 'cases']) await client.query(`VACUUM ANALYZE ${table}`);
      },
      async explain(text, params) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        return rows.map((r) => r['QUERY PLAN']);
      },
      async close() {
        await client.end();
        await store.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

// ---------------------------------------------------------------- measuring

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * The store with each query timed: `calls` collects `{ kind, ms, text, params }`. SQLite runs a
 * query synchronously inside store.query() (computeStats' Promise.all runs the three one after
 * the other): timed until the call returns. PostgreSQL's run at once on the pool: timed until
 * each one's rows arrive, so they overlap.
 */
function timed(store, calls) {
  return {
    dialect: store.dialect,
    query: (text, params) => time('query', text, params),
    analytic: (text, params) => time('analytic', text, params),
  };
  async function time(method, text, params) {
    {
      const started = performance.now();
      const pending = store[method](text, params);
      const returned = performance.now();
      const rows = await pending;
      const ended = store.dialect === 'sqlite' ? returned : performance.now();
      const kind = /FROM cases/.test(text) ? 'cases' : /json_each|jsonb_array_elements_text/.test(text) ? 'tags' : 'ratings';
      calls.push({ kind, ms: ended - started, text, params });
      return rows;
    }
  }
}

async function measure(bench) {
  const results = [];
  for (const period of PERIODS) {
    for (const by of GROUPINGS) {
      const calls = [];
      const store = timed(bench.store, calls);
      const result = await computeStats(store, { from: period.from, to: period.to, by }); // warm-up
      calls.length = 0;
      const totals = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await computeStats(store, { from: period.from, to: period.to, by });
        totals.push(performance.now() - started);
      }
      const part = (kind) => median(calls.filter((c) => c.kind === kind).map((c) => c.ms));
      results.push({
        period: period.name,
        by,
        p50: median(totals),
        min: Math.min(...totals),
        max: Math.max(...totals),
        ratings: part('ratings'),
        cases: part('cases'),
        tags: part('tags'),
        groups: result.groups.length,
        suppressed: result.suppressed,
        count: result.groups.reduce((n, g) => n + g.count, 0),
        queries: [...new Map(calls.map((c) => [c.kind, c])).values()],
      });
      loads.push(loadavg()[0]); // also here: SQLite's synchronous work starves the interval sampler
      console.error(`  ${bench.name} ${period.name} by ${by}: p50 ${ms(median(totals))} ms`);
    }
  }
  return results;
}

// ---------------------------------------------------------------- main

const dir = mkdtempSync(join(tmpdir(), 'hcp-collector-stats-'));
const calendar = await loadCalendar();
const out = [];
const loads = [];
const sampler = setInterval(() => loads.push(loadavg()[0]), 5000);
const wallStarted = performance.now();
try {
  for (const name of DATABASES) {
    const dbStarted = performance.now();
    console.error(`${name}: loading ${ROWS.toLocaleString('en')} ratings…`);
    const bench = name === 'sqlite' ? await sqliteBench(dir, calendar) : await postgresBench(calendar);
    try {
      const counts = await bench.store.query("SELECT (SELECT COUNT(*) FROM evaluations) AS e, (SELECT COUNT(*) FROM cases) AS c, (SELECT COUNT(*) FROM cases WHERE state = 'closed') AS closed");
      out.push(`\n### ${bench.name}: ${Number(counts[0].e).toLocaleString('en')} ratings, ${Number(counts[0].c).toLocaleString('en')} cases (${Number(counts[0].closed).toLocaleString('en')} closed) loaded in ${bench.loadSeconds.toFixed(1)} s${bench.extra ? `, ${bench.extra}` : ''}; ${await bench.size()}`);
      out.push(`${bench.describe}\n`);
      const byVariant = [];
      for (const variant of VARIANT_NAMES) {
        const ddl = INDEXES[variant]?.[bench.store.dialect];
        if (!ddl) throw new Error(`unknown index variant ${variant} (known: ${Object.keys(INDEXES).join(', ')})`);
        let ddlSeconds = 0;
        for (const statement of ddl) {
          const started = performance.now();
          await bench.exec(statement);
          ddlSeconds += (performance.now() - started) / 1000;
        }
        console.error(` ${bench.name} variant ${variant}${ddl.length ? ` (${ddlSeconds.toFixed(1)} s to build)` : ''}`);
        const results = await measure(bench);
        // The plans of by=dept with this variant's indexes (the other groupings differ only in the key).
        const plans = [];
        for (const period of PERIODS) {
          for (const q of results.find((x) => x.period === period.name && x.by === 'dept').queries) {
            plans.push(`  [${period.name}, ${q.kind}]`, ...(await bench.explain(q.text, q.params)).map((line) => `    ${line}`));
          }
        }
        byVariant.push({ variant, ddl, ddlSeconds, results, plans, size: await bench.size() });
      }
      out.push(`computeStats p50 of ${RUNS} runs (after one warm-up), ms; in brackets the p50 of its three queries: ratings / cases / tags. Each variant adds its indexes to those before it.\n`);
      out.push(`| period | by | groups (suppressed) | ${byVariant.map((v) => v.variant).join(' | ')} |`);
      out.push(`|---|---|---|${byVariant.map(() => '---|').join('')}`);
      for (const [i, r] of byVariant[0].results.entries()) {
        const cells = byVariant.map((v) => {
          const x = v.results[i];
          return `**${ms(x.p50)}** (${ms(x.ratings)} / ${ms(x.cases)} / ${ms(x.tags)})`;
        });
        out.push(`| ${r.period} | ${r.by} | ${r.groups} (${r.suppressed}) | ${cells.join(' | ')} |`);
      }
      for (const v of byVariant.slice(1)) out.push(`- ${v.variant}: ${v.ddl.join('; ')} (built in ${v.ddlSeconds.toFixed(1)} s; then ${v.size})`);
      for (const v of byVariant) out.push(`\nPlans, ${v.variant}, by=dept:`, ...v.plans);
    } finally {
      await bench.close();
      out.push(`\n${bench.name}: ${((performance.now() - dbStarted) / 1000).toFixed(0)} s wall time in all`);
    }
  }
} finally {
  clearInterval(sampler);
  if (KEEP) console.error(`kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
console.log(`# Collector statistics over ${ROWS.toLocaleString('en')} ratings (${YEAR}); month = ${PERIODS[0].from}..${PERIODS[0].to}, year = ${PERIODS[1].from}..${PERIODS[1].to}`);
for (const line of out) console.log(line);
const sorted = [...loads].sort((a, b) => a - b);
console.log(`\nMachine: ${availableParallelism()} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), 1-minute load average during the run ${sorted.length ? `${sorted[0].toFixed(2)}–${sorted.at(-1).toFixed(2)} (median ${median(sorted).toFixed(2)}, p90 ${percentile(sorted, 90).toFixed(2)})` : 'n/a'}; Node ${process.version}; ${((performance.now() - wallStarted) / 1000).toFixed(0)} s in all.`);
