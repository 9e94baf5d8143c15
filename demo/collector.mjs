/**
 * The demo's collector: the deployable collector's request handler (collector/handler.mjs)
 * on its SQLite store, plus what only the demo needs — a listing of the stored bodies, the
 * dashboard's statistics, the reason-tag catalog and a switch that simulates an outage.
 * Any page origin may post (the demo is localhost only); no rate limit.
 *
 *   POST   /api/evaluations          store one evaluation (201 new, 200 duplicate id, 409 transaction already rated)
 *   GET    /api/evaluations?limit=N  the latest N stored bodies (default 50, at most 500)
 *   GET    /api/stats                counts per level, per verdict, most chosen reasons
 *   GET    /api/catalog              the default reason-tag catalog (labels for the dashboard)
 *   GET|POST|DELETE /api/fault       show, set or clear a simulated outage
 */
import Database from 'better-sqlite3';
import { defaultCatalog } from 'haochaping/schema';
import { createHandler, corsPolicy } from '../collector/handler.mjs';
import { BODY_LIMIT, json, parseJson, readBody } from '../collector/http.mjs';
import { openSqliteStore } from '../collector/store-sqlite.mjs';

export { BODY_LIMIT, json };

const LEVEL_LABELS = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
const VERDICT_LABELS = { good: '好评', bad: '差评' };
const DEFAULT_TAG_LABELS = new Map(defaultCatalog.tags.map((t) => [t.code, t.label['zh-CN']]));

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
 * Opens (or creates, with its folder) the SQLite database `dbFile`, applies the collector's
 * migrations and returns the API as a request handler (`fault`: see parseFault):
 * `handle(req, res, url)` answers every `/api/…` request and returns false for other paths.
 * Synchronous: better-sqlite3 is.
 */
export function createCollector({ dbFile, fault } = {}) {
  // Before the database is opened: a bad fault must not leave it open.
  let currentFault = fault == null ? null : parseFault(fault);
  const store = openSqliteStore(Database, dbFile);
  const { db } = store;

  const sql = {
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
  function answerFault(req, res) {
    if (!currentFault) return false;
    const { status, retryAfter } = currentFault;
    if (--currentFault.remaining <= 0) currentFault = null;
    const headers = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    json(res, status, { error: `simulated fault: this server answers ${status} (POST /api/fault to change)` }, headers);
    return true;
  }

  // The collector's own handler: validation, 201/200/409/422/413/400, CORS — any origin here.
  const evaluations = createHandler({
    store,
    path: '/api/evaluations',
    origins: ['*'],
    rateLimit: null,
    health: false,
    intercept: answerFault,
    list: (req, res, url) => {
      const limit = Math.min(500, Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '', 10) || 50));
      json(res, 200, { total: sql.total.get(), evaluations: sql.latest.all(limit).map((b) => JSON.parse(b)) });
    },
  });
  const cors = corsPolicy(['*']);

  async function setFault(req, res) {
    const text = await readBody(req, res);
    const body = text === undefined ? undefined : parseJson(text, res);
    if (!body) return; // 413 or 400 answered
    const checked = checkFault(body.value);
    if (typeof checked === 'string') return json(res, 422, { errors: [{ field: '(body)', message: checked }] });
    currentFault = checked;
    return json(res, 200, { fault: currentFault });
  }

  /** The demo's other API paths and their methods, in the order `Allow` and `Access-Control-Allow-Methods` list them (OPTIONS last). */
  const routes = {
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
    if (await evaluations.handle(req, res, url)) return true;
    const methods = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    const allowed = methods ? [...Object.keys(methods), 'OPTIONS'].join(', ') : undefined;
    cors.apply(req, res, allowed);
    if (!methods) {
      json(res, 404, { error: `no API at ${url.pathname}` });
      return true;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
    } else if (Object.hasOwn(methods, req.method)) {
      await methods[req.method](req, res, url);
    } else {
      json(res, 405, { error: `${req.method} is not allowed on ${url.pathname}` }, { Allow: allowed });
    }
    return true;
  }

  return { handle, stats, store, close: () => store.close() };
}
