/**
 * Load test of the deployable collector (`haochaping-collector serve`, a child process) on
 * SQLite and on PostgreSQL on this machine, with autocannon:
 *
 *   npm run bench:collector                      3 runs per database, medians
 *   node bench/collector-load.mjs --runs 1 --amount 2000 --connections 16 --db sqlite
 *   node bench/collector-load.mjs --compare /tmp/hcp-before   against another checkout, same run
 *
 * `--compare <dir>[,<dir>…]`: checkouts of other commits (e.g. `git worktree add /tmp/hcp-before
 * 931c755`, with node_modules and dist/ linked or copied in). Their collectors (`<dir>/collector/
 * cli.mjs`) and this one are run alternately on fresh databases (ABBA order: before, after,
 * after, before, …), so all see the same noise of a shared machine; the tables give each
 * one's medians and the ratio to the first, per database, of POSTs/s and of the CPU time the
 * collector (and PostgreSQL's processes) spent per 1,000 POSTs: on a busy shared machine the
 * CPU per request is the steadier measure. `--cli <path>` runs another cli.mjs
 * instead of this checkout's. `--cpu-prof <dir>` starts the collectors with Node's
 * --cpu-prof, one .cpuprofile per run in <dir> (for finding where the time goes).
 *
 * The request mix is what a busy endpoint sees: 80 % new ratings, 10 % a repeated id (half of
 * them right behind the original, so the same id is in flight twice at once; the widget's
 * retry after a lost answer) and 10 % a second rating of an already rated transaction under
 * a new id (half of them concurrent with the first; a second device, a double tap). After each
 * run the database is checked: every id stored exactly once, one rating per transaction, and
 * every second evaluation of a transaction answered 409.
 *
 * Durable settings on both: SQLite in WAL mode as the collector opens it; PostgreSQL with
 * fsync and synchronous_commit on (a throwaway cluster from test/support/postgres.mjs).
 * Logs are on (written to a pipe and dropped), the rate limit off (one client address).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../test/support/postgres.mjs';
import { evaluationFixture } from '../test/support/fixtures.mjs';

const HERE = fileURLToPath(new URL('..', import.meta.url));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const RUNS = Number(option('runs', 3));
const AMOUNT = Number(option('amount', 5000));
const CONNECTIONS = Number(option('connections', 16));
const DATABASES = option('db', 'sqlite,postgres').split(',');
const COMPARE = option('compare');
const CPU_PROF = option('cpu-prof');
/**
 * `--levels realistic` (default): levels 5/4/3/2/1 = 72/16/6/3.5/2.5 %, as in
 * bench/collector-stats.mjs — about one rating in sixteen is a 差评 and opens a case.
 * `--levels bad`: every rating a 差评 (level 2), the worst case for the loop's intake.
 */
const LEVELS = option('levels', 'realistic');
if (!['realistic', 'bad'].includes(LEVELS)) throw new Error(`--levels must be realistic or bad (got ${LEVELS})`);
function levelFields() {
  if (LEVELS === 'bad') return {};
  const roll = Math.random();
  const level = roll < 0.72 ? 5 : roll < 0.88 ? 4 : roll < 0.94 ? 3 : roll < 0.975 ? 2 : 1;
  return level >= 3 ? { level, verdict: 'good', tags: ['G01'] } : { level, verdict: 'bad', tags: ['N01', 'N08'] };
}
if (CPU_PROF) mkdirSync(CPU_PROF, { recursive: true });

/** A collector to load: `label` (its commit, and a "+ changes" mark for a dirty tree), `cli`. */
function variant(root, cli = join(root, 'collector', 'cli.mjs')) {
  let label = resolve(root);
  try {
    const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    label = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'collector').length ? ' + changes' : ''}`;
  } catch {
    // not a git checkout: the path names it
  }
  return { label, cli };
}
const THIS = option('cli') ? variant(resolve(option('cli'), '..', '..'), resolve(option('cli'))) : variant(HERE);
/** The collectors of this run: this one, or the other one and this one alternately. */
const VARIANTS = COMPARE ? [...COMPARE.split(',').map((root) => variant(resolve(root))), THIS] : [THIS];
/** Load averages (1 min) seen at the start of each run. */
const loadSamples = [];

/**
 * CPU time (ms, user + system) the processes `pids` have used so far, from /proc (Linux; null
 * elsewhere). Throughput swings with whatever else runs on a shared machine; the CPU a
 * collector spends per request much less so.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuMs(pids) {
  if (!existsSync('/proc/self/stat')) return null;
  const times = new Map();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      times.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS); // utime, stime
    } catch {
      // gone
    }
  }
  return times;
}
/** The CPU used between two cpuMs() maps (processes started in between count from zero). */
const cpuSince = (before, after) => (before && after ? [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0) : null);
/** The postmaster of `dataDir` and its children (the backends, the WAL writer, …). */
function postgresPids(dataDir) {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** The request plan: bodies in the order connections pick them up. */
function plan(amount, runTag) {
  const entries = [];
  const firsts = [];
  let n = 0;
  const fresh = (projectNo = `LOAD-${runTag}-${++n}`) => {
    const evaluation = evaluationFixture({ projectNo, comment: `负载测试 ${n}`, ...levelFields() });
    return { id: evaluation.id, projectNo, text: JSON.stringify(evaluation) };
  };
  for (let i = 0; i < amount; i++) {
    const roll = Math.random();
    const pickEarlier = () => (Math.random() < 0.5 ? firsts[firsts.length - 1] : firsts[Math.floor(Math.random() * firsts.length)]);
    if (roll < 0.1 && firsts.length) {
      entries.push({ ...pickEarlier(), kind: 'repeat-id' });
    } else if (roll < 0.2 && firsts.length) {
      entries.push({ ...fresh(pickEarlier().projectNo), kind: 'repeat-transaction' });
    } else {
      const entry = { ...fresh(), kind: 'new' };
      firsts.push(entry);
      entries.push(entry);
    }
  }
  return entries;
}

function startServer(env, cli) {
  return new Promise((resolve, reject) => {
    const nodeArgs = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : [];
    const child = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--port', '0', '--rate', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let listening = false;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      if (listening) return; // the request log: dropped
      out += d;
      for (const line of out.split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening') {
            listening = true;
            resolve({ child, endpoint: entry.endpoint, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) });
          }
        } catch {
          // a partial line
        }
      }
    });
    child.once('exit', (code) => listening || reject(new Error(`collector exited with ${code}: ${err}`)));
  });
}

async function oneRun(database, run, cli) {
  const entries = plan(AMOUNT, `${database.name}-${run}-${Date.now()}`);
  const { env, rows, close } = await database.fresh(run);
  const server = await startServer(env, cli);
  loadSamples.push(loadavg()[0]);
  const databasePids = () => database.pids?.() ?? [];
  const cpuAtStart = { collector: cpuMs([server.child.pid]), database: cpuMs(databasePids()) };
  const responses = [];
  let next = 0;
  const result = await autocannon({
    url: server.endpoint,
    connections: CONNECTIONS,
    amount: entries.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest(request, context) {
          const entry = entries[next++] ?? entries[0]; // a surplus request repeats the first id: harmless
          context.entry = entry;
          context.sentAt = performance.now();
          return { ...request, headers: { 'content-type': 'application/json', 'idempotency-key': entry.id }, body: entry.text };
        },
        onResponse(status, body, context) {
          responses.push({ entry: context.entry, status, start: context.sentAt, end: performance.now() });
        },
      },
    ],
  });
  // From the first request sent to the last answer: autocannon itself only notices the end
  // of a fixed `amount` at its next one-second tick, which would round the duration up.
  const seconds = (Math.max(...responses.map((r) => r.end)) - Math.min(...responses.map((r) => r.start))) / 1000;
  const cpu = {
    collector: cpuSince(cpuAtStart.collector, cpuMs([server.child.pid])),
    database: cpuSince(cpuAtStart.database, cpuMs(databasePids())),
  };
  await server.stop();
  const verified = await verify(entries, responses, await rows());
  await close();
  return {
    requestsPerSecond: responses.length / seconds,
    // CPU ms per 1,000 POSTs: the collector process, and the PostgreSQL server's processes.
    collectorCpu: cpu.collector === null ? null : (cpu.collector / responses.length) * 1000,
    databaseCpu: cpu.database === null || !database.pids ? null : (cpu.database / responses.length) * 1000,
    storedPerSecond: responses.filter((r) => r.status === 201).length / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: count(responses.map((r) => r.status)),
    errors: result.errors + result.timeouts + result.non2xx - responses.filter((r) => r.status === 409).length,
    verified,
    overlaps: overlaps(responses),
  };
}

/** How many ids, and how many transactions under two ids, were really in flight twice at once. */
function overlaps(responses) {
  const overlap = (a, b) => a.start < b.end && b.start < a.end;
  const groups = (key) => {
    const map = new Map();
    for (const r of responses) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map.values()];
  };
  const anyPair = (group, also) => group.some((a, i) => group.some((b, j) => i < j && also(a, b) && overlap(a, b)));
  return {
    ids: groups((r) => r.entry.id).filter((g) => anyPair(g, () => true)).length,
    transactions: groups((r) => r.entry.projectNo).filter((g) => anyPair(g, (a, b) => a.entry.id !== b.entry.id)).length,
  };
}

function count(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** The checks of the header comment, against the rows actually stored ({ id, project_no }). */
function verify(entries, responses, stored) {
  const problems = [];
  const storedIds = new Map(stored.map((r) => [r.id, r.project_no]));
  if (storedIds.size !== stored.length) problems.push('an id stored twice');
  const holder = new Map();
  for (const r of stored) {
    if (holder.has(r.project_no)) problems.push(`transaction ${r.project_no} stored twice`);
    holder.set(r.project_no, r.id);
  }
  const byId = new Map();
  for (const r of responses) byId.set(r.entry.id, [...(byId.get(r.entry.id) ?? []), r.status]);
  let repeatsAnswered409 = 0;
  for (const [id, statuses] of byId) {
    const sorted = [...statuses].sort();
    if (storedIds.has(id)) {
      if (sorted.filter((s) => s === 201).length !== 1 || !sorted.every((s) => s === 201 || s === 200)) problems.push(`${id}: ${sorted}`);
    } else if (!sorted.every((s) => s === 409)) {
      problems.push(`${id} not stored, answered ${sorted}`);
    } else {
      repeatsAnswered409 += statuses.length;
    }
  }
  // Every rating of a transaction other than the stored one was answered 409.
  for (const r of responses) {
    const winner = holder.get(r.entry.projectNo);
    if (winner === undefined) problems.push(`transaction ${r.entry.projectNo} not stored`);
    else if (r.entry.id !== winner && r.status !== 409) problems.push(`second rating ${r.entry.id} of ${r.entry.projectNo} answered ${r.status}`);
  }
  const sentIds = new Set(responses.map((r) => r.entry.id));
  for (const id of storedIds.keys()) if (!sentIds.has(id)) problems.push(`${id} stored but never answered`);
  return problems.length ? `FAILED: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5})` : ''}` : `ok (${storedIds.size} stored, ${repeatsAnswered409} × 409)`;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function sqliteDatabase(dir) {
  let n = 0;
  return {
    name: 'SQLite',
    async fresh() {
      const file = join(dir, `load-${++n}.sqlite`);
      return {
        env: { HCP_DB: file },
        rows: async () => {
          const db = new Database(file, { readonly: true });
          try {
            return db.prepare('SELECT id, project_no FROM evaluations').all();
          } finally {
            db.close();
          }
        },
        close: async () => {},
      };
    },
    describe() {
      const file = join(dir, 'probe.sqlite');
      const db = new Database(file);
      db.pragma('journal_mode = WAL'); // as the collector opens it
      const version = db.prepare('SELECT sqlite_version() AS v').pluck().get();
      const synchronous = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][db.pragma('synchronous', { simple: true })];
      db.close();
      return `SQLite ${version} (better-sqlite3 12), WAL, synchronous=${synchronous}: every 201 is on disk`;
    },
  };
}

async function postgresDatabase() {
  const server = await startPostgres({ fast: false });
  const admin = new pg.Client(server.adminUrl);
  await admin.connect();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  const settings = (await admin.query("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) AS s FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")).rows[0].s;
  await admin.end();
  let n = 0;
  return {
    name: 'PostgreSQL',
    async fresh() {
      const url = await server.createDatabase(`load${++n}`);
      return {
        env: { DATABASE_URL: url },
        rows: async () => {
          const client = new pg.Client(url);
          await client.connect();
          try {
            return (await client.query('SELECT id, project_no FROM evaluations')).rows;
          } finally {
            await client.end();
          }
        },
        close: async () => {},
      };
    },
    describe: () => `PostgreSQL ${version} (${settings}), pool of 10`,
    pids: () => postgresPids(join(server.dir, 'data')),
    stop: () => server.stop(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hcp-collector-load-'));
const rows = [];
const notes = [];
try {
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  for (const name of DATABASES) {
    const database = name === 'sqlite' ? await sqliteDatabase(dir) : await postgresDatabase();
    notes.push(database.describe());
    const runs = VARIANTS.map(() => []);
    try {
      for (let run = 1; run <= RUNS; run++) {
        // ABBA: the order alternates run by run, so neither collector always goes first.
        const order = VARIANTS.map((_, i) => i);
        if (run % 2 === 0) order.reverse();
        for (const i of order) {
          const result = await oneRun(database, run, VARIANTS[i].cli);
          runs[i].push(result);
          const who = VARIANTS.length > 1 ? ` [${VARIANTS[i].label}]` : '';
          console.error(`${database.name}${who} run ${run}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${JSON.stringify(result.statuses)}, in flight twice at once: ${result.overlaps.ids} ids, ${result.overlaps.transactions} transactions; ${result.verified}; CPU per 1,000 POSTs: collector ${result.collectorCpu?.toFixed(0)} ms${result.databaseCpu === null ? '' : `, PostgreSQL ${result.databaseCpu.toFixed(0)} ms`}; load ${loadSamples.at(-1).toFixed(2)}`);
        }
      }
    } finally {
      await database.stop?.();
    }
    VARIANTS.forEach((v, i) =>
      rows.push({
        database: database.name,
        collector: v.label,
        perSecondRuns: runs[i].map((r) => r.requestsPerSecond),
        requestsPerSecond: median(runs[i].map((r) => r.requestsPerSecond)),
        storedPerSecond: median(runs[i].map((r) => r.storedPerSecond)),
        p50: median(runs[i].map((r) => r.p50)),
        collectorCpu: runs[i][0].collectorCpu === null ? null : median(runs[i].map((r) => r.collectorCpu)),
        databaseCpu: runs[i][0].databaseCpu === null ? null : median(runs[i].map((r) => r.databaseCpu)),
        p99: median(runs[i].map((r) => r.p99)),
        statuses: runs[i].map((r) => r.statuses),
        errors: runs[i].reduce((n, r) => n + r.errors, 0),
        overlaps: runs[i].map((r) => `${r.overlaps.ids} / ${r.overlaps.transactions}`).join('; '),
        verified: runs[i].every((r) => r.verified.startsWith('ok')) ? `ok, ${RUNS}/${RUNS} runs` : runs[i].map((r) => r.verified).join(' | '),
      }),
    );
  }
  const loadAfter = loadavg().map((l) => l.toFixed(2)).join(' ');
  const compared = VARIANTS.length > 1;
  console.log(`\nCollector load test: ${RUNS} run(s) per database${compared ? ' and collector, alternating' : ''}, ${AMOUNT} POSTs per run over ${CONNECTIONS} connections, medians.\n`);
  console.log(`| Database |${compared ? ' Collector | runs (POSTs/s) |' : ''} POSTs/s | new ratings stored/s | CPU per 1,000 POSTs: collector (+ PostgreSQL) | p50 latency | p99 latency | answers per run (201 / 200 / 409) | in flight twice at once per run (same id / same transaction) | errors | checked afterwards |`);
  console.log(`|---|${compared ? '---|---|' : ''}---|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    const answers = r.statuses.map((s) => `${s[201] ?? 0} / ${s[200] ?? 0} / ${s[409] ?? 0}`).join('; ');
    const who = compared ? ` ${r.collector} | ${r.perSecondRuns.map((x) => x.toFixed(0)).join(', ')} |` : '';
    const cpu = r.collectorCpu === null ? 'n/a' : `${r.collectorCpu.toFixed(0)} ms${r.databaseCpu === null ? '' : ` (+ ${r.databaseCpu.toFixed(0)} ms)`}`;
    console.log(`| ${r.database} |${who} ${r.requestsPerSecond.toFixed(0)} | ${r.storedPerSecond.toFixed(0)} | ${cpu} | ${r.p50} ms | ${r.p99} ms | ${answers} | ${r.overlaps} | ${r.errors} | ${r.verified} |`);
  }
  if (compared) {
    const before = VARIANTS[0].label;
    const change = (b, a) => (b === null || a === null ? 'n/a' : `${(a / b).toFixed(3)} (${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %)`);
    console.log(`\n| Database | Collector | POSTs/s ${before} → this | ratio | collector CPU per 1,000 POSTs ${before} → this | ratio | PostgreSQL CPU per 1,000 POSTs | ratio |`);
    console.log('|---|---|---|---|---|---|---|---|');
    for (const name of new Set(rows.map((r) => r.database))) for (const v of VARIANTS.slice(1)) {
      const [b, a] = [VARIANTS[0], v].map((x) => rows.find((r) => r.database === name && r.collector === x.label));
      const f = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} ms`);
      console.log(
        `| ${name} | ${v.label} | ${b.requestsPerSecond.toFixed(0)} → ${a.requestsPerSecond.toFixed(0)} | ${change(b.requestsPerSecond, a.requestsPerSecond)} | ` +
          `${f(b.collectorCpu)} → ${f(a.collectorCpu)} | ${change(b.collectorCpu, a.collectorCpu)} | ${b.databaseCpu === null ? 'n/a' : `${f(b.databaseCpu)} → ${f(a.databaseCpu)}`} | ${b.databaseCpu === null ? 'n/a' : change(b.databaseCpu, a.databaseCpu)} |`,
      );
    }
  }
  const loads = [...loadSamples].sort((a, b) => a - b);
  console.log(`\nMachine: ${availableParallelism()} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore} before, ${loadAfter} after (1-minute load at the runs' starts: ${loads[0].toFixed(2)}–${loads.at(-1).toFixed(2)}, median ${median(loads).toFixed(2)}); Node ${process.version}; the load generator runs on the same machine.`);
  for (const note of notes) console.log(`- ${note}`);
  if (rows.some((r) => !r.verified.startsWith('ok'))) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
