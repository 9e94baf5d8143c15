#!/usr/bin/env node
/**
 * haochaping-collector: the deployable evaluation endpoint for <hcp-rating> (SPEC §5), with
 * server-side 一次一评 and a durable forward queue. See --help and collector/README.md.
 */
import { readFileSync } from 'node:fs';

const HELP = `Usage: haochaping-collector [command] [options]

The evaluation endpoint for <hcp-rating>: validates each rating with haochaping/schema,
stores it once (SQLite, or PostgreSQL with DATABASE_URL), answers the widget's HTTP contract,
and optionally forwards every stored rating to your target (e.g. the provincial 好差评 system).

Commands:
  serve                 run the HTTP endpoint (the default command)
  forward               run only the forwarder (needs --target)
  dead-letters          list ratings the target refused (add --json for JSON)
  repush <id>... | --all
                        queue dead letters again (after fixing the cause)
  backfill              queue every stored rating that was never queued (stored while neither
                        --target nor --queue was set), for the next forward
  migrate               apply database migrations and exit (serve and forward also do it at start)

The loop (差评整改, 申诉复核, 公开 — SPEC §7):
  token create --role department --dept <deptCode>... [--label <text>]
  token create --role reviewer [--label <text>]
                        print a staff token for the API (Authorization: Bearer <token>), once:
                        only its hash is stored. A department token sees and acts on its
                        departments' cases; a reviewer decides appeals
  token list            the tokens (never their secret); add --json for JSON
  token revoke <id>     the token stops working at once
  cases                 list cases: --state open|replied|closed, --dept <code>, --overdue,
                        --from/--to <YYYY-MM-DD>; add --json for JSON
  report --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--by dept|task|channel|month] [--format csv|json]
                        the statistics of /api/stats on stdout (CSV: UTF-8 with a BOM, for Excel)
  audit [--id <rating id>]
                        the append-only audit log as JSON lines

Database:
  DATABASE_URL=postgres://user:pass@host:5432/db   PostgreSQL (npm install pg)
  --db <file>            SQLite file, created with its folder (HCP_DB; default ./data/evaluations.sqlite;
                         npm install better-sqlite3@12)

HTTP (serve):
  --port <n>             port (PORT or HCP_PORT; default 8080; 0 = any free port)
  --host <addr>          address to listen on (HCP_HOST; default 127.0.0.1 — behind nginx;
                         0.0.0.0 in a container)
  --path <path>          the endpoint's path (HCP_PATH; default /api/evaluations)
  --origin <origin>      a page origin allowed to post from another origin, repeatable
                         (HCP_ORIGINS, comma-separated). "*" allows any origin. Without any,
                         only same-origin pages (and clients that send no Origin) are served.
  --body-limit <bytes>   larger bodies get 413 (HCP_BODY_LIMIT; default 65536)
  --rate <n>             requests per second per client address, sustained (HCP_RATE; default 5;
                         0 = no limit); beyond it: 429 with Retry-After
  --burst <n>            requests a client may make at once (HCP_BURST; default 20)
  --trust-proxy[=<hops>] take the client address from X-Forwarded-For, trusting that many
                         proxies in front (HCP_TRUST_PROXY; --trust-proxy alone = 1, e.g. nginx)
  --shutdown-timeout <s> on SIGTERM/SIGINT, wait this long for requests in flight
                         (HCP_SHUTDOWN_TIMEOUT; default 10)

The loop (serve):
  --case-days <n>        working days a 差评's case is due after receipt, on the official calendar
                         (HCP_CASE_DAYS; default 15; chinese-days: npm install chinese-days)
  --min-group <n>        statistics show groups of at least n ratings; smaller ones are only
                         counted as suppressed (HCP_MIN_GROUP; default 5; also for report)
  --public-stats         serve GET /api/stats without a token (HCP_PUBLIC_STATS=1), for 公开

Forwarding (serve with --target, or forward):
  --target <module>      your target module: exports async send(evaluation, helpers)
                         (HCP_TARGET; example: collector/targets/gov-cn-json.mjs)
  --queue                serve only: queue every new rating for a separate \`forward\` process
                         (HCP_QUEUE=1; implied by --target)
  --concurrency <n>      sends at once (HCP_FORWARD_CONCURRENCY; default 4)
  --send-timeout <s>     a send without an answer by then is retried (HCP_SEND_TIMEOUT; default 15)
  --lease <s>            a claimed rating is reclaimed after this, if its worker died
                         (HCP_LEASE; default 60, at least 1.5 × the send timeout)
  --retry-max <s>        the longest backoff between attempts (HCP_RETRY_MAX; default 600)
  --max-attempts <n>     dead-letter after n failed attempts (HCP_MAX_ATTEMPTS; default 0 = never)
  --poll <s>             how often to look for due ratings (HCP_POLL; default 1)
  --once                 forward only: send what is due now, then exit

Other:
  --json                 dead-letters: print JSON
  --quiet                no JSON logs on stdout
  -h, --help             this text
  --version              the haochaping version

Logs: one JSON object per line on stdout (request: reqId, method, path, status, ms,
evaluation id, outcome — never a comment, a token or any body content).
Exit codes: 0 success; 1 failure (database unreachable, driver missing, unknown dead letter);
2 usage error.`;

const COMMANDS = new Set(['serve', 'forward', 'dead-letters', 'repush', 'backfill', 'migrate', 'token', 'cases', 'report', 'audit']);
const VALUE_OPTIONS = new Set([
  '--port', '--host', '--db', '--path', '--origin', '--body-limit', '--rate', '--burst', '--target', '--concurrency',
  '--send-timeout', '--lease', '--retry-max', '--max-attempts', '--poll', '--shutdown-timeout',
  '--case-days', '--min-group', '--role', '--dept', '--label', '--state', '--from', '--to', '--by', '--format', '--id',
]);
const FLAG_OPTIONS = new Set(['--queue', '--once', '--json', '--all', '--quiet', '--help', '-h', '--version', '--trust-proxy', '--public-stats', '--overdue']);

class UsageError extends Error {}

/** argv → { command, args: positional, options: Map<name, value[]> } */
function parseArgv(argv) {
  const options = new Map();
  const positional = [];
  let command;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      let value;
      if (VALUE_OPTIONS.has(name)) {
        if (eq > 0) value = arg.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else throw new UsageError(`${name} needs a value`);
      } else if (FLAG_OPTIONS.has(name)) {
        value = eq > 0 ? arg.slice(eq + 1) : true;
        if (eq > 0 && name !== '--trust-proxy') throw new UsageError(`${name} takes no value`);
      } else {
        throw new UsageError(`unknown option ${name} (see --help)`);
      }
      options.set(name, [...(options.get(name) ?? []), value]);
    } else if (command === undefined && positional.length === 0 && COMMANDS.has(arg)) {
      command = arg;
    } else {
      positional.push(arg);
    }
  }
  return { command: command ?? 'serve', positional, options };
}

/** The last value of an option, else the first set environment variable, else undefined. */
function pick(options, name, ...envNames) {
  const values = options.get(name);
  if (values?.length) return values[values.length - 1];
  for (const env of envNames) if (process.env[env] !== undefined && process.env[env] !== '') return process.env[env];
  return undefined;
}

function number(value, name, { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {}) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function origins(options) {
  const list = [...(options.get('--origin') ?? [])];
  if (!list.length && process.env.HCP_ORIGINS) list.push(...process.env.HCP_ORIGINS.split(/[\s,]+/).filter(Boolean));
  return list.map((origin) => {
    if (origin === '*' || origin === 'null') return origin;
    let url;
    try {
      url = new URL(origin);
    } catch {
      throw new UsageError(`--origin must be an origin such as https://www.example.gov.cn, or "*" (got "${origin}")`);
    }
    if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || origin.endsWith('/')) {
      throw new UsageError(`--origin takes an origin — scheme, host and port, no path or trailing slash — e.g. https://www.example.gov.cn (got "${origin}")`);
    }
    return url.origin;
  });
}

function trustProxy(options) {
  const value = pick(options, '--trust-proxy', 'HCP_TRUST_PROXY');
  if (value === undefined || value === 'false' || value === '0') return 0;
  if (value === true || value === 'true') return 1;
  return number(value, '--trust-proxy', { min: 0, max: 10, integer: true });
}

/** Everything every command needs to open the database. */
function databaseOptions(options) {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dbFile: pick(options, '--db', 'HCP_DB') ?? 'data/evaluations.sqlite',
    sqliteModule: process.env.HCP_SQLITE_MODULE || undefined,
    pgModule: process.env.HCP_PG_MODULE || undefined,
  };
}

function forwardOptions(options) {
  const seconds = (name, env, fallback, min = 0.01) => {
    const v = number(pick(options, name, env), name, { min, max: 86_400 });
    return v === undefined ? fallback : v * 1000;
  };
  const sendTimeoutMs = seconds('--send-timeout', 'HCP_SEND_TIMEOUT', 15_000);
  const leaseMs = seconds('--lease', 'HCP_LEASE', Math.max(60_000, 2 * sendTimeoutMs));
  if (leaseMs < sendTimeoutMs * 1.5) throw new UsageError(`--lease (${leaseMs / 1000} s) must be at least 1.5 × --send-timeout (${sendTimeoutMs / 1000} s)`);
  return {
    concurrency: number(pick(options, '--concurrency', 'HCP_FORWARD_CONCURRENCY'), '--concurrency', { min: 1, max: 256, integer: true }) ?? 4,
    sendTimeoutMs,
    leaseMs,
    maxMs: seconds('--retry-max', 'HCP_RETRY_MAX', 600_000, 1),
    maxAttempts: number(pick(options, '--max-attempts', 'HCP_MAX_ATTEMPTS'), '--max-attempts', { min: 0, max: 1_000_000, integer: true }) ?? 0,
    pollMs: seconds('--poll', 'HCP_POLL', 1000),
  };
}

function version() {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Imports a collector module; a missing dist/schema.js (haochaping/schema) is explained. */
async function load(spec) {
  try {
    return await import(spec);
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND' && /schema|dist/.test(error.message)) {
      const e = new Error(`haochaping/schema is missing (${error.message.split('\n')[0]}). In a checkout of the repository, build it first: npm run build`);
      e.exitCode = 1;
      throw e;
    }
    throw error;
  }
}

/** Resolves when SIGTERM or SIGINT arrives; a second signal exits at once. */
function untilSignal(log) {
  return new Promise((resolve) => {
    const on = (signal) => {
      log({ msg: 'stopping', signal });
      process.once(signal === 'SIGTERM' ? 'SIGINT' : 'SIGTERM', () => process.exit(1));
      process.once(signal, () => process.exit(1));
      resolve(signal);
    };
    process.once('SIGTERM', () => on('SIGTERM'));
    process.once('SIGINT', () => on('SIGINT'));
  });
}

async function serve(options, log) {
  const { startCollector } = await load('./server.mjs');
  const { loadTarget } = await load('./forwarder.mjs');
  const targetSpec = pick(options, '--target', 'HCP_TARGET');
  const rate = number(pick(options, '--rate', 'HCP_RATE'), '--rate', { min: 0, max: 1_000_000 }) ?? 5;
  const burst = number(pick(options, '--burst', 'HCP_BURST'), '--burst', { min: 1, max: 1_000_000, integer: true }) ?? 20;
  const config = {
    ...databaseOptions(options),
    port: number(pick(options, '--port', 'PORT', 'HCP_PORT'), '--port', { min: 0, max: 65535, integer: true }) ?? 8080,
    host: pick(options, '--host', 'HCP_HOST') ?? '127.0.0.1',
    path: pick(options, '--path', 'HCP_PATH') ?? '/api/evaluations',
    origins: origins(options),
    bodyLimit: number(pick(options, '--body-limit', 'HCP_BODY_LIMIT'), '--body-limit', { min: 1024, max: 16 * 1024 * 1024, integer: true }) ?? 64 * 1024,
    rateLimit: rate > 0 ? { rate, burst } : null,
    trustProxy: trustProxy(options),
    queue: ![undefined, '0', 'false', 'no', 'off'].includes(pick(options, '--queue', 'HCP_QUEUE')),
    caseDays: number(pick(options, '--case-days', 'HCP_CASE_DAYS'), '--case-days', { min: 1, max: 365, integer: true }) ?? 15,
    minGroup: minGroup(options),
    publicStats: ![undefined, '0', 'false', 'no', 'off'].includes(pick(options, '--public-stats', 'HCP_PUBLIC_STATS')),
    forward: forwardOptions(options),
    shutdownTimeoutMs: (number(pick(options, '--shutdown-timeout', 'HCP_SHUTDOWN_TIMEOUT'), '--shutdown-timeout', { min: 0, max: 3600 }) ?? 10) * 1000,
    log,
  };
  if (!config.path.startsWith('/')) throw new UsageError(`--path must start with / (got "${config.path}")`);
  const target = targetSpec ? await loadTarget(targetSpec) : undefined;
  const signal = untilSignal(log);
  const collector = await startCollector({ ...config, target });
  log({
    msg: 'listening',
    url: collector.url,
    endpoint: collector.endpoint,
    database: collector.store.description,
    migrated: collector.store.migrated,
    origins: collector.origins.length ? collector.origins : 'same-origin only',
    rateLimit: config.rateLimit ?? 'off',
    trustProxy: config.trustProxy,
    cases: { dueAfterWorkingDays: config.caseDays, calendar: `chinese-days ${collector.cases.calendar.version} (${collector.cases.calendar.years.join('–')})` },
    stats: config.publicStats ? 'public' : 'staff tokens only',
    forwarding: target ? `in this process to ${targetSpec}` : config.queue ? 'queued for a separate forward process' : 'off',
  });
  await signal;
  await collector.close();
  log({ msg: 'stopped' });
  return 0;
}

async function forward(options, log) {
  const { openStore } = await load('./store.mjs');
  const { createForwarder, loadTarget } = await load('./forwarder.mjs');
  const { toGovCn } = await load('haochaping/schema');
  const targetSpec = pick(options, '--target', 'HCP_TARGET');
  if (!targetSpec) throw new UsageError('forward needs --target <module> (or HCP_TARGET)');
  const settings = forwardOptions(options);
  const target = await loadTarget(targetSpec);
  const store = await openStore(databaseOptions(options));
  const forwarder = createForwarder({ store, target, toGovCn, log, ...settings });
  try {
    if (options.has('--once')) {
      const counts = await forwarder.drain();
      log({ msg: 'forwarded once', ...counts, queue: await store.queueCounts() });
      return 0;
    }
    const signal = untilSignal(log);
    forwarder.start();
    log({ msg: 'forwarding', database: store.description, target: targetSpec, owner: forwarder.owner, migrated: store.migrated });
    await signal;
    await forwarder.stop();
    log({ msg: 'stopped', ...forwarder.counts });
    return 0;
  } finally {
    await store.close();
  }
}

async function deadLetters(options) {
  const { openStore } = await load('./store.mjs');
  const store = await openStore(databaseOptions(options));
  try {
    const rows = await store.deadLetters();
    if (options.has('--json')) {
      console.log(JSON.stringify(rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })), null, 2));
      return 0;
    }
    if (!rows.length) {
      console.log('No dead letters.');
      return 0;
    }
    console.log(`${rows.length} dead letter(s) — fix the cause, then: haochaping-collector repush <id> | --all\n`);
    for (const r of rows) {
      const transaction = r.projectNo ? `projectNo ${r.projectNo}${r.taskCode ? `, taskCode ${r.taskCode}` : ''}, assessNumber ${r.assessNumber}` : 'no transaction';
      console.log(`${r.id}  ${new Date(r.updatedAt).toISOString()}  attempts ${r.attempts}  ${r.lastStatus ? `HTTP ${r.lastStatus}` : 'no status'}  (${transaction})`);
      console.log(`    ${r.lastError ?? ''}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function repush(options, positional) {
  const all = options.has('--all');
  if (all === positional.length > 0) throw new UsageError('repush takes dead-letter ids, or --all (not both)');
  const { openStore } = await load('./store.mjs');
  const store = await openStore(databaseOptions(options));
  try {
    const done = await store.repush(all ? 'all' : positional);
    console.log(`Queued again: ${done.length} rating(s)${done.length ? `\n${done.join('\n')}` : ''}`);
    const missing = all ? [] : positional.filter((id) => !done.includes(id));
    for (const id of missing) console.error(`haochaping-collector: ${id} is not a dead letter (unknown, pending or sent)`);
    return missing.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function backfill(options) {
  const { openStore } = await load('./store.mjs');
  const store = await openStore(databaseOptions(options));
  try {
    const queued = await store.backfill();
    console.log(`Queued for forwarding: ${queued} rating(s) that were stored without a forward-queue entry`);
    return 0;
  } finally {
    await store.close();
  }
}

async function migrate(options) {
  const { openStore } = await load('./store.mjs');
  const store = await openStore(databaseOptions(options));
  try {
    console.log(`${store.description}: ${store.migrated.length ? `applied migration(s) ${store.migrated.join(', ')}` : 'up to date'}`);
    return 0;
  } finally {
    await store.close();
  }
}

function minGroup(options) {
  return number(pick(options, '--min-group', 'HCP_MIN_GROUP'), '--min-group', { min: 1, max: 1_000_000, integer: true }) ?? 5;
}

/** Opens the store, runs `fn(store)`, closes the store. */
async function withStore(options, fn) {
  const { openStore } = await load('./store.mjs');
  const store = await openStore(databaseOptions(options));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A LoopError (bad filter, bad date) as a usage error, with its field messages. */
async function usageOnLoopError(fn) {
  const { LoopError } = await load('./cases.mjs');
  try {
    return await fn();
  } catch (error) {
    if (error instanceof LoopError) throw new UsageError(error.message);
    throw error;
  }
}

async function token(options, positional) {
  const [action, ...rest] = positional;
  const tokens = await load('./tokens.mjs');
  if (action === 'create') {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}" (see --help)`);
    return withStore(options, async (store) => {
      let created;
      try {
        created = await tokens.createToken(store, { role: pick(options, '--role'), depts: options.get('--dept') ?? [], label: pick(options, '--label') });
      } catch (error) {
        if (error instanceof TypeError) throw new UsageError(error.message);
        throw error;
      }
      console.log(created.token);
      console.error(`haochaping-collector: token ${created.id} created. It is shown only now: keep it secret (Authorization: Bearer <token>); revoke it with: haochaping-collector token revoke ${created.id}`);
      return 0;
    });
  }
  if (action === 'list') {
    return withStore(options, async (store) => {
      const list = await tokens.listTokens(store);
      if (options.has('--json')) console.log(JSON.stringify(list, null, 2));
      else if (!list.length) console.log('No tokens. Create one: haochaping-collector token create --role department --dept <deptCode>');
      else for (const t of list) console.log(`${t.id}  ${t.role.padEnd(10)}  ${t.depts.join(',') || '(all departments)'}  created ${t.createdAt}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}${t.label ? `  ${t.label}` : ''}`);
      return 0;
    });
  }
  if (action === 'revoke') {
    if (rest.length !== 1) throw new UsageError('token revoke takes one token id (see token list)');
    return withStore(options, async (store) => {
      if (await tokens.revokeToken(store, rest[0])) {
        console.log(`Revoked: ${rest[0]}`);
        return 0;
      }
      console.error(`haochaping-collector: ${rest[0]} is not a live token (unknown or already revoked; see token list)`);
      return 1;
    });
  }
  throw new UsageError('token takes create, list or revoke (see --help)');
}

async function cases(options) {
  const { createCases, CLI } = await load('./cases.mjs');
  return withStore(options, (store) =>
    usageOnLoopError(async () => {
      const loop = createCases({ store, calendar: null });
      const list = await loop.list(CLI, {
        state: pick(options, '--state'),
        dept: pick(options, '--dept'),
        overdue: options.has('--overdue'),
        from: pick(options, '--from'),
        to: pick(options, '--to'),
        limit: 1000,
      });
      if (options.has('--json')) console.log(JSON.stringify(list, null, 2));
      else if (!list.length) console.log('No cases.');
      else for (const c of list) console.log(`${c.id}  ${c.state.padEnd(7)}  due ${c.dueDate ?? '(calendar pending)'}  ${c.deptCode ?? '-'}  level ${c.level ?? c.verdict}${c.appeal ? `  appeal ${c.appeal.state}` : ''}`);
      return 0;
    }),
  );
}

async function report(options) {
  const { computeStats, statsCsv } = await load('./stats.mjs');
  const format = pick(options, '--format') ?? 'csv';
  if (!['csv', 'json'].includes(format)) throw new UsageError(`--format must be csv or json (got "${format}")`);
  return withStore(options, (store) =>
    usageOnLoopError(async () => {
      const result = await computeStats(store, { from: pick(options, '--from'), to: pick(options, '--to'), by: pick(options, '--by') ?? 'dept', minGroup: minGroup(options) });
      process.stdout.write(format === 'csv' ? statsCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }),
  );
}

async function auditLog(options) {
  const { createCases } = await load('./cases.mjs');
  return withStore(options, async (store) => {
    for (const entry of await createCases({ store, calendar: null }).auditLog({ id: pick(options, '--id'), limit: 1_000_000 })) console.log(JSON.stringify(entry));
    return 0;
  });
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgv(argv);
  } catch (error) {
    console.error(`haochaping-collector: ${error.message}`);
    return 2;
  }
  const { command, positional, options } = parsed;
  if (options.has('--help') || options.has('-h')) {
    console.log(HELP);
    return 0;
  }
  if (options.has('--version')) {
    console.log(version());
    return 0;
  }
  const { createLogger } = await import('./log.mjs');
  const log = createLogger({ enabled: !options.has('--quiet') });
  try {
    if (command !== 'repush' && command !== 'token' && positional.length) throw new UsageError(`unexpected argument "${positional[0]}" (see --help)`);
    switch (command) {
      case 'serve':
        return await serve(options, log);
      case 'forward':
        return await forward(options, log);
      case 'dead-letters':
        return await deadLetters(options);
      case 'repush':
        return await repush(options, positional);
      case 'backfill':
        return await backfill(options);
      case 'migrate':
        return await migrate(options);
      case 'token':
        return await token(options, positional);
      case 'cases':
        return await cases(options);
      case 'report':
        return await report(options);
      case 'audit':
        return await auditLog(options);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`haochaping-collector: ${error.message}`);
      return 2;
    }
    if (error.name === 'CollectorError' || error.exitCode) {
      console.error(`haochaping-collector: ${error.message}`);
      return error.exitCode ?? 1;
    }
    console.error('haochaping-collector: unexpected error:', error);
    return 1;
  }
  return 0;
}

// Exit even if a driver or a target keeps a handle open (the store is closed by then).
// stdout and stderr are synchronous on Linux pipes and files: nothing written is lost.
process.exit(await main(process.argv.slice(2)));
