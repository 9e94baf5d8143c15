/**
 * `haochaping-collector` (collector/cli.mjs) run as a deployer runs it: child processes, real
 * signals, on SQLite and on PostgreSQL. --help, exit codes, missing drivers, serve with JSON
 * logs and a graceful SIGTERM, haochaping-check against it, dead-letters / repush / forward
 * --once / migrate, and a process killed between the remote's answer and the mark.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCollector } from '../../collector/server.mjs';
import { gateway } from '../support/provincial-gateway.mjs';
import { collectorDatabases, eachFreshDatabase } from '../support/collector-databases.mjs';
import { evaluationFixture } from '../support/fixtures.mjs';
import { run } from '../support/run.mjs';

const CLI = fileURLToPath(new URL('../../collector/cli.mjs', import.meta.url));
const CHECKER = fileURLToPath(new URL('../../bin/haochaping-check.mjs', import.meta.url));
const EXAMPLE_TARGET = fileURLToPath(new URL('../../collector/targets/gov-cn-json.mjs', import.meta.url));
const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
const ORIGIN = 'https://www.example.gov.cn';

let transactions = 0;
const fixture = (overrides = {}) => evaluationFixture({ projectNo: `CLI-${process.pid}-${++transactions}`, ...overrides });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let scratch;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'hcp-collector-cli-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment without this machine's collector settings, plus `env`. */
function cleanEnv(env = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HCP_') && k !== 'DATABASE_URL' && k !== 'PORT'));
  return { ...base, ...env };
}

/** Runs the CLI to completion: { code, stdout, stderr }. */
const cli = (args, env = {}) => run(process.execPath, [CLI, ...args], { cwd: scratch, env: cleanEnv(env), timeout: 30_000 });

/** Starts a long-running CLI command; `line(pred)` resolves the first JSON log line matching. */
function spawnCli(args, env = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let stderr = '';
  let buffered = '';
  const waiters = [];
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      lines.push(text);
      for (const w of [...waiters]) w();
    }
  });
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    line(predicate, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const text of lines) {
            let entry;
            try {
              entry = JSON.parse(text);
            } catch {
              continue;
            }
            if (predicate(entry)) {
              waiters.splice(waiters.indexOf(check), 1);
              clearTimeout(timer);
              resolve(entry);
              return;
            }
          }
        };
        const timer = setTimeout(() => reject(new Error(`no matching log line within ${ms} ms:\n${lines.join('\n')}\n${stderr}`)), ms);
        waiters.push(check);
        exited.then((code) => setTimeout(() => reject(new Error(`exited with ${code} first:\n${lines.join('\n')}\n${stderr}`)), 50));
        check();
      });
    },
  };
}


const post = (endpoint, evaluation, headers = {}) =>
  fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': evaluation.id, ...headers }, body: JSON.stringify(evaluation) });

describe('haochaping-collector: usage', () => {
  it('--help explains the commands, the database choice, CORS, limits and forwarding, and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const text of ['Usage: haochaping-collector', 'serve', 'forward', 'dead-letters', 'repush <id>... | --all', 'migrate', 'DATABASE_URL', 'better-sqlite3@12', '--origin', 'same-origin', '--rate', '429', '--trust-proxy', '--target', 'Exit codes']) {
      assert.ok(stdout.includes(text), `--help mentions ${text}`);
    }
    assert.equal((await cli(['serve', '-h'])).code, 0);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await cli(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), VERSION);
  });

  it('exits 2 for usage errors, saying what is wrong', async () => {
    for (const [args, message, env] of [
      [['--bogus'], /unknown option --bogus/],
      [['--origin', 'https://www.example.gov.cn/path'], /--origin takes an origin/],
      [['--origin', 'www.example.gov.cn'], /--origin must be an origin/],
      [['--port', 'eighty'], /--port must be a whole number/],
      [['--lease', '1', '--send-timeout', '5'], /--lease .* at least 1.5 × --send-timeout/],
      [['forward'], /forward needs --target/],
      [['repush'], /repush takes dead-letter ids, or --all/],
      [['serve', 'extra'], /unexpected argument "extra"/],
      [['migrate'], /DATABASE_URL must be a PostgreSQL connection URL/, { DATABASE_URL: 'mysql://localhost/db' }],
    ]) {
      const { code, stderr } = await cli(args, env);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
  });

  it('exits 1 naming the npm command when the database driver is missing', async () => {
    const sqlite = await cli(['migrate'], { HCP_DB: join(scratch, 'never.sqlite'), HCP_SQLITE_MODULE: '/nonexistent/better-sqlite3/index.js' });
    assert.equal(sqlite.code, 1);
    assert.match(sqlite.stderr, /the SQLite driver "better-sqlite3" is not installed/);
    assert.match(sqlite.stderr, /npm install better-sqlite3@12/);
    assert.match(sqlite.stderr, /DATABASE_URL/);
    assert.doesNotMatch(sqlite.stderr, /at .*\.mjs:\d+/, 'a message, not a stack trace');
    const postgres = await cli(['migrate'], { DATABASE_URL: 'postgres://127.0.0.1:1/x', HCP_PG_MODULE: '/nonexistent/pg/index.js' });
    assert.equal(postgres.code, 1);
    assert.match(postgres.stderr, /the PostgreSQL driver \(node-postgres\) "pg" is not installed/);
    assert.match(postgres.stderr, /npm install pg/);
  });

  it('exits 1 when PostgreSQL is unreachable, without printing the password', async () => {
    const port = await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    const { code, stderr } = await cli(['migrate'], { DATABASE_URL: `postgres://hcp:hunter2@127.0.0.1:${port}/ratings` });
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`cannot open the PostgreSQL database at 127.0.0.1:${port}/ratings`));
    assert.doesNotMatch(stderr, /hunter2/);
  });

  it('exits 1 for a target module that does not load or exports no send()', async () => {
    const none = await cli(['serve', '--port', '0', '--target', './no-such-target.mjs'], { HCP_DB: join(scratch, 't.sqlite') });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /cannot load the forward target \.\/no-such-target\.mjs/);
    writeFileSync(join(scratch, 'no-send.mjs'), 'export const post = () => {};\n');
    const noSend = await cli(['forward', '--once', '--target', './no-send.mjs'], { HCP_DB: join(scratch, 't.sqlite') });
    assert.equal(noSend.code, 1);
    assert.match(noSend.stderr, /must export async function send\(evaluation, helpers\)/);
  });
});

for (const database of collectorDatabases()) {
  describe(`haochaping-collector on ${database.name}`, () => {
    let db;
    const cleanups = [];
    eachFreshDatabase(database, cleanups, (fresh) => (db = fresh));

    function serve(args = [], env = {}) {
      const proc = spawnCli(['serve', '--port', '0', ...args], { ...db.env, ...env });
      cleanups.push(async () => {
        if (proc.child.exitCode === null && proc.child.signalCode === null) {
          proc.child.kill('SIGKILL');
          await proc.exited;
        }
      });
      return proc;
    }

    it('serve: JSON logs without content, /healthz, and SIGTERM finishes the request in flight before exiting 0', async () => {
      const proc = serve(['--origin', ORIGIN]);
      const listening = await proc.line((l) => l.msg === 'listening');
      assert.equal(listening.database.startsWith(database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'), true);
      assert.deepEqual(listening.migrated, [1, 2, 3, 4]);
      assert.deepEqual(listening.origins, [ORIGIN]);
      const { endpoint, url } = listening;

      const secret = fixture({ comment: '办事大厅空调太冷 SECRET-4711', evaluatorToken: 'SECRET-TOKEN-99' });
      const stored = await post(endpoint, secret, { Origin: ORIGIN });
      assert.equal(stored.status, 201);
      assert.equal(stored.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await post(endpoint, fixture({ projectNo: secret.projectNo }))).status, 409);
      assert.equal((await fetch(new URL('/healthz', url))).status, 200);

      // A request in flight when SIGTERM arrives.
      const late = fixture();
      const text = JSON.stringify(late);
      const { hostname, port } = new URL(url);
      const req = request({ hostname, port, path: '/api/evaluations', method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } });
      const answer = new Promise((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
      });
      req.write(text.slice(0, 50));
      await pause(200);
      proc.child.kill('SIGTERM');
      await proc.line((l) => l.msg === 'stopping' && l.signal === 'SIGTERM');
      req.end(text.slice(50));
      assert.equal(await answer, 201);
      assert.equal(await proc.exited, 0, proc.stderr());
      assert.ok(proc.lines.some((l) => JSON.parse(l).msg === 'stopped'));

      const requests = proc.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
      assert.deepEqual(requests.map((l) => [l.method, l.path, l.status]), [
        ['POST', '/api/evaluations', 201],
        ['POST', '/api/evaluations', 409],
        ['GET', '/healthz', 200],
        ['POST', '/api/evaluations', 201],
      ]);
      for (const l of requests) {
        assert.equal(typeof l.ms, 'number');
        assert.ok(!Number.isNaN(Date.parse(l.time)));
      }
      assert.equal(requests[0].id, secret.id);
      assert.doesNotMatch(proc.lines.join('\n'), /SECRET|空调/, 'no comment text, no token in the logs');
      const ids = (await db.query('SELECT id FROM evaluations ORDER BY id')).map((r) => r.id).sort();
      assert.deepEqual(ids, [secret.id, late.id].sort());
    });

    it('serve passes haochaping-check (endpoint contract, stored once via GET ?id=, CORS)', async () => {
      const proc = serve(['--origin', ORIGIN]);
      const { endpoint } = await proc.line((l) => l.msg === 'listening');
      const { code, stdout } = await run(process.execPath, [CHECKER, endpoint, '--origin', ORIGIN], { timeout: 60_000 });
      assert.equal(code, 0, stdout);
      assert.match(stdout, /8 passed, 0 failed\./);
    });

    it('backfill queues the ratings stored while forwarding was off, once; forward --once then sends them', async () => {
      const remote = await gateway(() => undefined);
      cleanups.push(remote.close);
      // serve without --target or --queue: ratings are stored, nothing is queued.
      const collector = await startCollector({ ...db.options, port: 0, rateLimit: null });
      const ratings = [fixture(), fixture()];
      for (const rating of ratings) assert.equal((await post(collector.endpoint, rating)).status, 201);
      await collector.close();
      const none = await cli(['forward', '--once', '--target', EXAMPLE_TARGET], { ...db.env, HCP_FORWARD_URL: remote.url });
      assert.equal(none.code, 0, none.stderr);
      assert.equal(remote.received.length, 0, 'not queued, so not forwarded');

      const filled = await cli(['backfill'], db.env);
      assert.equal(filled.code, 0, filled.stderr);
      assert.match(filled.stdout, /Queued for forwarding: 2 rating\(s\)/);
      assert.match((await cli(['backfill'], db.env)).stdout, /Queued for forwarding: 0 rating\(s\)/, 'never twice');
      const sent = await cli(['forward', '--once', '--target', EXAMPLE_TARGET], { ...db.env, HCP_FORWARD_URL: remote.url });
      assert.equal(sent.code, 0, sent.stderr);
      assert.deepEqual(remote.received.map((r) => r.body.evaluationId).sort(), ratings.map((r) => r.id).sort());
    });

    it('migrate applies the migrations once; dead-letters lists refusals; repush and forward --once send them', async () => {
      const first = await cli(['migrate'], db.env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /applied migration\(s\) 1, 2, 3/);
      assert.match((await cli(['migrate'], db.env)).stdout, /up to date/);

      let refuse = true;
      const remote = await gateway(() => (refuse ? { status: 409, body: { error: '重复评价' } } : undefined));
      cleanups.push(remote.close);
      process.env.HCP_FORWARD_URL = remote.url;
      const target = await import(`${pathToFileURL(EXAMPLE_TARGET).href}?cli=${database.dialect}`);
      delete process.env.HCP_FORWARD_URL;
      const collector = await startCollector({ ...db.options, port: 0, rateLimit: null, target, forward: { pollMs: 50, baseMs: 50, sendTimeoutMs: 400, leaseMs: 1000 } });
      const evaluation = fixture();
      assert.equal((await post(collector.endpoint, evaluation)).status, 201);
      for (let i = 0; i < 200 && !(await collector.store.deadLetters()).length; i++) await pause(25);
      await collector.close();

      const listed = await cli(['dead-letters'], db.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /^1 dead letter\(s\)/);
      assert.match(listed.stdout, new RegExp(`${evaluation.id} .* attempts 1  HTTP 409  \\(projectNo ${evaluation.projectNo}, taskCode TEST-TASK, assessNumber 1\\)`));
      const asJson = JSON.parse((await cli(['dead-letters', '--json'], db.env)).stdout);
      assert.deepEqual(asJson.map((d) => [d.id, d.lastStatus]), [[evaluation.id, 409]]);

      const repushed = await cli(['repush', evaluation.id], db.env);
      assert.equal(repushed.code, 0, repushed.stderr);
      assert.match(repushed.stdout, /Queued again: 1 rating/);
      const again = await cli(['repush', evaluation.id], db.env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /is not a dead letter/);

      refuse = false;
      const once = await cli(['forward', '--once', '--target', EXAMPLE_TARGET], { ...db.env, HCP_FORWARD_URL: remote.url });
      assert.equal(once.code, 0, once.stderr);
      const summary = once.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.msg === 'forwarded once');
      assert.equal(summary.sent, 1);
      assert.deepEqual(summary.queue, { pending: 0, sent: 1, dead: 0 });
      assert.equal(remote.received.length, 2);
      assert.match((await cli(['dead-letters'], db.env)).stdout, /No dead letters/);
      assert.match((await cli(['repush', '--all'], db.env)).stdout, /Queued again: 0/);
    });

    it('a process killed between the remote answer and the mark re-sends exactly once, with the same evaluationId', async () => {
      const remote = await gateway();
      cleanups.push(remote.close);
      const marker = join(scratch, `crashed-${database.dialect}`);
      const crashTarget = join(scratch, `crash-target-${database.dialect}.mjs`);
      // The example target, then — the first time only — the process dies after the gateway
      // answered 200 and before the forwarder could mark the rating sent.
      writeFileSync(
        crashTarget,
        `import { existsSync, writeFileSync } from 'node:fs';
import { send as post } from ${JSON.stringify(pathToFileURL(EXAMPLE_TARGET).href)};
export async function send(evaluation, helpers) {
  const result = await post(evaluation, helpers);
  if (!existsSync(process.env.CRASH_MARKER)) {
    writeFileSync(process.env.CRASH_MARKER, evaluation.id);
    process.exit(70);
  }
  return result;
}
`,
      );
      const env = { HCP_FORWARD_URL: remote.url, CRASH_MARKER: marker };
      const timing = ['--lease', '1', '--send-timeout', '0.5', '--poll', '0.1'];
      const first = serve(['--target', crashTarget, ...timing], env);
      const { endpoint } = await first.line((l) => l.msg === 'listening');
      const evaluation = fixture();
      assert.equal((await post(endpoint, evaluation)).status, 201);
      assert.equal(await first.exited, 70, 'killed after the send');
      assert.equal(remote.received.length, 1);
      const [row] = await db.query('SELECT state, attempts, lease_owner FROM forward_queue WHERE evaluation_id = $1', [evaluation.id]);
      assert.equal(row.state, 'pending', 'not marked: the crash came first');
      assert.notEqual(row.lease_owner, null);

      const second = spawnCli(['forward', '--target', crashTarget, ...timing], { ...db.env, ...env });
      cleanups.push(async () => {
        if (second.child.exitCode === null) second.child.kill('SIGKILL');
      });
      await second.line((l) => l.msg === 'forwarded' && l.id === evaluation.id);
      await pause(500);
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.stderr());
      assert.equal(remote.received.length, 2, 'sent once more, and only once');
      assert.ok(remote.received.every((r) => r.key === evaluation.id && r.body.evaluationId === evaluation.id));
      const [after] = await db.query('SELECT state, attempts FROM forward_queue WHERE evaluation_id = $1', [evaluation.id]);
      assert.deepEqual([after.state, Number(after.attempts)], ['sent', 2]);
    });
  });
}
