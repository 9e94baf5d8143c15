/**
 * The reference collector: the evaluation endpoint a backend team would write, in plain
 * `node:http` and SQLite. It validates with `haochaping/schema` — the published schema of the
 * widget's payload — and follows the HTTP contract of SPEC §5: 2xx also for a duplicate
 * id, 400/413/422 for what it refuses, `Retry-After` with 503, CORS for other origins.
 *
 *   POST   /api/evaluations          store one evaluation (201 new, 200 duplicate)
 *   GET    /api/evaluations?limit=N  the latest N stored bodies (default 50, at most 500)
 *   GET    /api/stats                counts per level, per verdict, most chosen reasons
 *   GET    /api/catalog              the default reason-tag catalog (labels for the dashboard)
 *   GET|POST|DELETE /api/fault       show, set or clear a simulated outage
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { defaultCatalog, parseEvaluation } from 'haochaping/schema';

/** Larger bodies are refused with 413; the widget keeps comments far below (5000 characters at most). */
export const BODY_LIMIT = 64 * 1024;

const LEVEL_LABELS = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
const VERDICT_LABELS = { good: '好评', bad: '差评' };
const DEFAULT_TAG_LABELS = new Map(defaultCatalog.tags.map((t) => [t.code, t.label['zh-CN']]));

const CORS_HEADERS = {
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

/**
 * A simulated outage from `HCP_FAULT`-style text — `503x3` answers 503 to the next 3 POSTs,
 * `503x3r5` adds `Retry-After: 5` — or from `{ status, count, retryAfter }`.
 * Throws on anything else, so a typo is not silently ignored.
 */
function parseFault(spec) {
  let input = spec;
  if (typeof spec === 'string') {
    const match = /^(\d{3})x(\d+)(?:r(\d+))?$/.exec(spec.trim());
    if (!match) throw new Error(`HCP_FAULT must look like 503x3 (status x count) or 503x3r5 (with Retry-After: 5), got "${spec}"`);
    input = { status: Number(match[1]), count: Number(match[2]), ...(match[3] ? { retryAfter: Number(match[3]) } : {}) };
  }
  const fault = checkFault(input);
  if (typeof fault === 'string') throw new Error(`fault: ${fault}`);
  return fault;
}

/** A fault as `{ status, remaining, retryAfter? }`, or a message saying what is wrong with it. */
function checkFault(input) {
  if (input === null || typeof input !== 'object') return 'send {"status":503,"count":3,"retryAfter":5}';
  const { status, count = 1, retryAfter } = input;
  if (!Number.isInteger(status) || status < 400 || status > 599) return 'status must be an HTTP error status from 400 to 599';
  if (!Number.isInteger(count) || count < 1 || count > 1000) return 'count must be a whole number from 1 to 1000';
  if (retryAfter !== undefined && retryAfter !== null && retryAfter !== '' && (!Number.isInteger(retryAfter) || retryAfter < 0 || retryAfter > 86400)) {
    return 'retryAfter must be a whole number of seconds from 0 to 86400';
  }
  return { status, remaining: count, ...(Number.isInteger(retryAfter) ? { retryAfter } : {}) };
}

/**
 * Opens (or creates) the database and returns the API as a request handler
 * (`fault`: see parseFault): `handle(req, res, url)` answers every `/api/…` request and returns false for other paths.
 */
export function createCollector({ dbFile, fault } = {}) {
  // Before the database is opened: a bad fault must not leave it open.
  let currentFault = fault == null ? null : parseFault(fault);
  if (dbFile !== ':memory:') mkdirSync(dirname(dbFile), { recursive: true });
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS evaluations (
      id          TEXT PRIMARY KEY,      -- the evaluation id, also its Idempotency-Key
      received_at TEXT NOT NULL,         -- ISO 8601 (UTC), when this server first stored it
      scale       TEXT NOT NULL,
      level       INTEGER,               -- 5..1; NULL on the good-bad scale
      verdict     TEXT NOT NULL,         -- good | bad
      tags        TEXT NOT NULL,         -- JSON array of tag codes
      tag_version TEXT NOT NULL,
      body        TEXT NOT NULL          -- the body exactly as received (JSON)
    );
    CREATE INDEX IF NOT EXISTS evaluations_received_at ON evaluations (received_at);
  `);

  const sql = {
    // A retried or replayed evaluation must not count twice: the id decides.
    insert: db.prepare(`
      INSERT INTO evaluations (id, received_at, scale, level, verdict, tags, tag_version, body)
      VALUES (@id, @receivedAt, @scale, @level, @verdict, @tags, @tagVersion, @body)
      ON CONFLICT (id) DO NOTHING`),
    total: db.prepare('SELECT COUNT(*) AS n FROM evaluations').pluck(),
    latest: db.prepare('SELECT body FROM evaluations ORDER BY received_at DESC, rowid DESC LIMIT ?').pluck(),
    levels: db.prepare('SELECT level, COUNT(*) AS count FROM evaluations WHERE level IS NOT NULL GROUP BY level'),
    verdicts: db.prepare('SELECT verdict, COUNT(*) AS count FROM evaluations GROUP BY verdict'),
    tags: db.prepare(`
      SELECT t.value AS code, e.tag_version AS tagVersion, COUNT(*) AS count
      FROM evaluations AS e, json_each(e.tags) AS t
      GROUP BY t.value, e.tag_version
      ORDER BY count DESC, code
      LIMIT 20`),
  };

  function store(evaluation, rawBody) {
    const { changes } = sql.insert.run({
      id: evaluation.id,
      receivedAt: new Date().toISOString(),
      scale: evaluation.scale,
      level: evaluation.level ?? null,
      verdict: evaluation.verdict,
      tags: JSON.stringify(evaluation.tags),
      tagVersion: evaluation.tagVersion,
      body: rawBody,
    });
    return changes === 1;
  }

  function stats() {
    const levels = new Map(sql.levels.all().map((r) => [r.level, r.count]));
    const verdicts = new Map(sql.verdicts.all().map((r) => [r.verdict, r.count]));
    return {
      total: sql.total.get(),
      // An array, not an object keyed 5..1: JSON objects would list integer keys 1..5.
      levels: [5, 4, 3, 2, 1].map((level) => ({ level, label: LEVEL_LABELS[level], count: levels.get(level) ?? 0 })),
      verdicts: ['good', 'bad'].map((verdict) => ({ verdict, label: VERDICT_LABELS[verdict], count: verdicts.get(verdict) ?? 0 })),
      tags: sql.tags.all().map(({ code, tagVersion, count }) => ({
        code,
        // Codes are only meaningful within their catalog version.
        ...(tagVersion === defaultCatalog.version && DEFAULT_TAG_LABELS.has(code) ? { label: DEFAULT_TAG_LABELS.get(code) } : {}),
        tagVersion,
        count,
      })),
    };
  }

  /** While a fault is set, answers with it (whatever the body) and returns true. */
  function answerFault(res) {
    if (!currentFault) return false;
    const { status, retryAfter } = currentFault;
    if (--currentFault.remaining <= 0) currentFault = null;
    const headers = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    json(res, status, { error: `simulated fault: this server answers ${status} (POST /api/fault to change)` }, headers);
    return true;
  }

  async function postEvaluation(req, res) {
    const text = await readBody(req, res);
    if (text === undefined || answerFault(res)) return; // 413 answered, or a simulated fault
    const body = parseJson(text, res);
    if (!body) return; // 400 answered
    const parsed = body.value;
    const result = parseEvaluation(parsed);
    const errors = result.ok ? [] : [...result.errors];
    const key = req.headers['idempotency-key'];
    const id = parsed?.id;
    if (key !== undefined && key !== id) {
      errors.push({ field: 'Idempotency-Key', message: `the Idempotency-Key header (${key.slice(0, 64)}) must equal the body's id (${String(id).slice(0, 64)})` });
    }
    if (errors.length) return json(res, 422, { errors });
    const stored = store(result.evaluation, text);
    return json(res, stored ? 201 : 200, { id: result.evaluation.id, stored });
  }

  async function setFault(req, res) {
    const text = await readBody(req, res);
    const body = text === undefined ? undefined : parseJson(text, res);
    if (!body) return; // 413 or 400 answered
    const checked = checkFault(body.value);
    if (typeof checked === 'string') return json(res, 422, { errors: [{ field: '(body)', message: checked }] });
    currentFault = checked;
    return json(res, 200, { fault: currentFault });
  }

  /** Every API path and its methods, in the order `Allow` and `Access-Control-Allow-Methods` list them (OPTIONS last). */
  const routes = {
    '/api/evaluations': {
      POST: postEvaluation,
      GET: (req, res, url) => {
        const limit = Math.min(500, Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '', 10) || 50));
        json(res, 200, { total: sql.total.get(), evaluations: sql.latest.all(limit).map((b) => JSON.parse(b)) });
      },
    },
    '/api/stats': { GET: (req, res) => json(res, 200, stats()) },
    '/api/catalog': { GET: (req, res) => json(res, 200, defaultCatalog) },
    '/api/fault': {
      GET: (req, res) => json(res, 200, { fault: currentFault }),
      POST: setFault,
      DELETE: (req, res) => {
        currentFault = null;
        json(res, 200, { fault: null });
      },
    },
  };

  async function handle(req, res, url) {
    if (!url.pathname.startsWith('/api/')) return false;
    res.setHeader('Vary', 'Origin');
    // Any origin may post ratings (a widget runs on many sites); no cookies, so no credentials.
    if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    const methods = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!methods) {
      json(res, 404, { error: `no API at ${url.pathname}` });
      return true;
    }
    const allowed = [...Object.keys(methods), 'OPTIONS'].join(', ');
    res.setHeader('Access-Control-Allow-Methods', allowed);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
    } else if (Object.hasOwn(methods, req.method)) {
      await methods[req.method](req, res, url);
    } else {
      json(res, 405, { error: `${req.method} is not allowed on ${url.pathname}` }, { Allow: allowed });
    }
    return true;
  }

  return { handle, stats, close: () => db.close() };
}

/** Sends `value` as JSON. */
export function json(res, status, value, headers = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** `{ value }`, the parsed JSON, or `undefined` after answering 400 when `text` is not JSON. */
function parseJson(text, res) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    json(res, 400, { error: `the body is not valid JSON: ${error.message}` });
    return undefined;
  }
}

/**
 * The request body as text, or `undefined` after answering 413 when it exceeds BODY_LIMIT
 * (announced by Content-Length or found while reading).
 */
function readBody(req, res) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      json(res, 413, { error: `the body is larger than ${BODY_LIMIT} bytes` }, { Connection: 'close' });
      resolve(undefined);
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      // After a 413, keep reading (and dropping) what the client still sends, so it gets to
      // read the answer instead of a connection reset; give up on clients that keep sending.
      if (refused) {
        if (size > 16 * BODY_LIMIT) req.destroy();
      } else if (size > BODY_LIMIT) {
        refuse();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => refused || resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => refused || reject(error));
    if (Number(req.headers['content-length']) > BODY_LIMIT) refuse();
  });
}
