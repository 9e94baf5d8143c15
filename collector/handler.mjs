/**
 * The collector's request handler: the HTTP contract of SPEC §5 over a store (store.mjs).
 *
 *   POST    <path>           store one evaluation: 201 new, 200 the same id again (stored once),
 *                            409 its transaction already rated under another id (一次一评),
 *                            400 not JSON, 413 too large, 422 invalid, 429 too many (Retry-After),
 *                            403 a page origin not on the allow-list
 *   GET     <path>?id=<id>   200 { id, receivedAt, forward? } when stored, 404 when not
 *   OPTIONS <path>           CORS preflight (204 for an allowed origin, 403 otherwise)
 *   GET     /healthz         200 when the database answers, 503 when not (or while stopping)
 *
 * The demo server uses the same handler with its own listing and fault switch (demo/collector.mjs).
 */
import { randomUUID } from 'node:crypto';
import { parseEvaluation } from 'haochaping/schema';
import { BODY_LIMIT, json, parseJson, readBody } from './http.mjs';
import { createLoopRoutes } from './loop-routes.mjs';
import { clientAddress, createRateLimiter } from './rate-limit.mjs';
import { isBad } from './store-common.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CORS_HEADERS = {
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

/**
 * The CORS policy for an allow-list of page origins (`*` = any origin). Without one, only
 * same-origin pages (Origin's host = the Host header) and clients that send no Origin at all
 * (servers, curl) are served.
 */
export function corsPolicy(origins = []) {
  const list = [...new Set(origins.map((o) => (o === '*' || o === 'null' ? o : new URL(o).origin)))];
  const any = list.includes('*');
  const allowed = new Set(list);
  return {
    origins: list,
    /**
     * Sets the CORS headers for `req` on `res` (methods: the path's, for preflights) and
     * returns true, or returns false when the origin is not allowed.
     */
    apply(req, res, methods) {
      res.setHeader('Vary', 'Origin');
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      if (any || allowed.has(origin)) {
        // Echoed rather than `*`: the same answer works for `Origin: null` (sandboxed pages) too.
        res.setHeader('Access-Control-Allow-Origin', origin);
        for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
        if (methods) res.setHeader('Access-Control-Allow-Methods', methods);
        return true;
      }
      try {
        if (new URL(origin).host === req.headers.host) return true; // same origin: no CORS needed
      } catch {
        // "null" or garbage: not same-origin
      }
      return false;
    },
  };
}

/**
 * Options: `store`; `path` of the endpoint (default /api/evaluations); `origins` (see
 * corsPolicy); `bodyLimit` bytes; `rateLimit` `{ rate, burst }` per client or null for none;
 * `trustProxy` hops of X-Forwarded-For to trust; `enqueue` (write a forward-queue row with
 * each new rating); `onStored(id)` (wakes the forwarder); `health` (serve /healthz);
 * `isStopping()`; the loop (SPEC §7, loop-routes.mjs): `cases` (cases.mjs; without it no case
 * gets a due date and the loop's routes are not served), `minGroup`, `publicStats`; `now()`
 * (ms; tests); demo hooks: `intercept(req, res)` (answers instead, after the body is read)
 * and `list(req, res, url)` (answers GET <path> instead of the id lookup).
 */
export function createHandler({
  store,
  path = '/api/evaluations',
  origins = [],
  bodyLimit = BODY_LIMIT,
  rateLimit = { rate: 5, burst: 20 },
  trustProxy = 0,
  enqueue = false,
  onStored = () => {},
  health = true,
  isStopping = () => false,
  cases,
  minGroup,
  publicStats,
  now = () => Date.now(),
  intercept,
  list,
}) {
  const cors = corsPolicy(origins);
  const limiter = rateLimit ? createRateLimiter(rateLimit) : null;
  const methods = 'POST, GET, OPTIONS';
  const loop = cases ? createLoopRoutes({ store, cases, path, cors, limiter, trustProxy, minGroup, publicStats }) : null;

  async function post(req, res) {
    const text = await readBody(req, res, bodyLimit);
    if (text === undefined) return note(res, 'too-large');
    if (intercept?.(req, res)) return note(res, 'intercepted');
    const body = parseJson(text, res);
    if (!body) return note(res, 'not-json');
    const parsed = body.value;
    const result = parseEvaluation(parsed);
    const errors = result.ok ? [] : [...result.errors];
    const key = req.headers['idempotency-key'];
    const id = parsed?.id;
    if (key !== undefined && key !== id) {
      errors.push({ field: 'Idempotency-Key', message: `the Idempotency-Key header (${String(key).slice(0, 64)}) must equal the body's id (${String(id).slice(0, 64)})` });
    }
    if (errors.length) {
      json(res, 422, { errors });
      return note(res, 'invalid');
    }
    const evaluation = result.evaluation;
    const receivedAt = now();
    // A 差评 opens a case in the same transaction, due N working days later (SPEC §7).
    const dueDate = cases && isBad(evaluation) ? cases.dueDateFor(receivedAt) : undefined;
    const stored = await store.insert(evaluation, text, { enqueue, now: receivedAt, dueDate, dueDays: cases?.caseDays });
    note(res, stored.outcome, evaluation.id);
    if (stored.outcome === 'stored') {
      json(res, 201, { id: evaluation.id, stored: true });
      onStored(evaluation.id);
    } else if (stored.outcome === 'duplicate') {
      json(res, 200, { id: evaluation.id, stored: false });
    } else {
      const { projectNo, taskCode, assessNumber } = stored.transaction;
      // Not the stored rating's id: it is somebody else's (another phone, perhaps another person).
      json(res, 409, {
        error: 'already-rated',
        message: `本次服务已存在评价，请勿重复评价 (projectNo ${projectNo}${taskCode ? `, taskCode ${taskCode}` : ''}, assessNumber ${assessNumber})`,
      });
    }
  }

  async function get(req, res, url) {
    if (list) return list(req, res, url);
    const id = url.searchParams.get('id');
    if (!id || !UUID.test(id)) return json(res, 400, { error: 'GET needs ?id=<evaluation id> (a UUID); stored evaluations are not listed here' });
    const found = await store.find(id);
    note(res, found ? 'found' : 'not-found', id);
    if (found) json(res, 200, found);
    else json(res, 404, { error: 'not-found', id });
  }

  async function healthz(req, res) {
    if (isStopping()) return json(res, 503, { status: 'stopping' });
    try {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the database did not answer within 2 s')), 2000);
      });
      await Promise.race([store.health(), timeout]).finally(() => clearTimeout(timer));
      json(res, 200, { status: 'ok', database: store.dialect });
    } catch (error) {
      json(res, 503, { status: 'unavailable', database: store.dialect, error: error.message });
    }
  }

  /** Answers a request for the endpoint or /healthz and returns true; false for any other path. */
  async function handle(req, res, url) {
    if (health && url.pathname === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') json(res, 405, { error: `${req.method} is not allowed on /healthz` }, { Allow: 'GET, HEAD' });
      else await healthz(req, res);
      return true;
    }
    if (url.pathname !== path) return loop ? loop.handle(req, res, url) : false;
    if (!cors.apply(req, res, methods)) {
      json(res, 403, {
        error: 'origin-not-allowed',
        message: `pages on ${String(req.headers.origin).slice(0, 200)} may not post here: the collector's allow-list (--origin / HCP_ORIGINS) must name this origin`,
      });
      note(res, 'origin-refused');
      return true;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return true;
    }
    if (req.method !== 'POST' && req.method !== 'GET') {
      json(res, 405, { error: `${req.method} is not allowed on ${path}` }, { Allow: methods });
      return true;
    }
    if (limiter) {
      const verdict = limiter.take(clientAddress(req, trustProxy));
      if (!verdict.ok) {
        json(res, 429, { error: 'too-many-requests', message: `too many requests from this address: retry in ${verdict.retryAfter} s` }, { 'Retry-After': String(verdict.retryAfter) });
        note(res, 'rate-limited');
        return true;
      }
    }
    if (req.method === 'POST') await post(req, res);
    else await get(req, res, url);
    return true;
  }

  return { handle, cors, path };
}

/** What the request log may say about a request: the outcome and the evaluation id, never content. */
function note(res, outcome, id) {
  res.hcpOutcome = outcome;
  if (id !== undefined && UUID.test(id)) res.hcpId = id;
}

/** A short random request id for the log. */
export const requestId = () => randomUUID().slice(0, 8);
