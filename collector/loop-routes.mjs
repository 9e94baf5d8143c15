/**
 * The loop's HTTP routes (SPEC §7), beside the endpoint of handler.mjs:
 *
 *   GET  <path>/<id>/case                the rater's view: { state, dueDate, reply?, repliedAt? } or 404
 *   GET  /api/cases?state=&dept=&overdue=1&appeal=&from=&to=&limit=&offset=
 *   GET  /api/cases/<id>                 one case and its audit trail
 *   POST /api/cases/<id>/reply  {"text"}                       department
 *   POST /api/cases/<id>/close                                 department
 *   POST /api/cases/<id>/appeal {"reason", "kind"?}            department
 *   POST /api/cases/<id>/review {"decision", "reason"}         reviewer
 *   GET  /api/stats?from=&to=&by=dept|task|channel|month       a token, or none with --public-stats
 *
 * Staff routes need `Authorization: Bearer <token>` (401 without a valid one). A case of
 * another department answers 404, like an unknown id. Bad input: 422 with field errors, and
 * nothing written. Every route shares the endpoint's rate limit and origin allow-list.
 */
import { json, parseJson, readBody } from './http.mjs';
import { clientAddress } from './rate-limit.mjs';
import { LoopError } from './cases.mjs';
import { computeStats } from './stats.mjs';
import { actorFor } from './tokens.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS = new Set(['reply', 'close', 'appeal', 'review']);
const STAFF_BODY_LIMIT = 16 * 1024;

/**
 * Options: `store`, `cases` (cases.mjs), the endpoint's `path`, `cors` and `limiter`,
 * `trustProxy`, `minGroup` (smallest group the statistics show), `publicStats`.
 */
export function createLoopRoutes({ store, cases, path, cors, limiter, trustProxy = 0, minGroup = 5, publicStats = false }) {
  const casePath = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^/]+)/case$`);

  /** CORS and the rate limit; false when the request was answered (refused) already. */
  function admit(req, res, methods, { staff }) {
    if (!cors.apply(req, res, methods)) {
      json(res, 403, { error: 'origin-not-allowed', message: `pages on ${String(req.headers.origin).slice(0, 200)} may not call this route: the collector's allow-list (--origin / HCP_ORIGINS) must name this origin` });
      res.hcpOutcome = 'origin-refused';
      return false;
    }
    if (staff && res.hasHeader('Access-Control-Allow-Origin')) res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return false;
    }
    if (!methods.split(', ').includes(req.method)) {
      json(res, 405, { error: `${req.method} is not allowed here` }, { Allow: methods });
      return false;
    }
    const verdict = limiter?.take(clientAddress(req, trustProxy));
    if (verdict && !verdict.ok) {
      json(res, 429, { error: 'too-many-requests', message: `too many requests from this address: retry in ${verdict.retryAfter} s` }, { 'Retry-After': String(verdict.retryAfter) });
      res.hcpOutcome = 'rate-limited';
      return false;
    }
    return true;
  }

  async function authenticate(req, res) {
    const actor = await actorFor(store, req.headers.authorization);
    if (!actor) {
      json(
        res,
        401,
        { error: 'unauthorized', message: 'this route needs Authorization: Bearer <token>, a live staff token (haochaping-collector token create --role department --dept <deptCode>)' },
        { 'WWW-Authenticate': 'Bearer' },
      );
      res.hcpOutcome = 'unauthorized';
    }
    return actor;
  }

  function fail(res, error) {
    if (!(error instanceof LoopError)) throw error;
    json(res, error.status, { error: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) });
    res.hcpOutcome = error.code;
  }

  async function raterView(req, res, id) {
    if (!admit(req, res, 'GET, OPTIONS', { staff: false })) return;
    const found = UUID.test(id) ? await cases.publicView(id) : null;
    res.hcpOutcome = found ? 'case' : 'not-found';
    if (found) json(res, 200, found);
    else json(res, 404, { error: 'not-found' });
  }

  async function staff(req, res, url, parts) {
    const [, , , id, action, extra] = parts;
    const post = id !== undefined && action !== undefined;
    if (extra !== undefined || (action !== undefined && !ACTIONS.has(action))) {
      json(res, 404, { error: `no route at ${url.pathname.slice(0, 200)}` });
      return;
    }
    if (!admit(req, res, post ? 'POST, OPTIONS' : 'GET, OPTIONS', { staff: true })) return;
    const actor = await authenticate(req, res);
    if (!actor) return;
    try {
      if (!post) {
        if (id === undefined) {
          const q = Object.fromEntries(url.searchParams);
          const list = await cases.list(actor, { ...q, overdue: q.overdue === '1' || q.overdue === 'true' });
          return json(res, 200, { cases: list });
        }
        return json(res, 200, await cases.get(actor, id));
      }
      const text = await readBody(req, res, STAFF_BODY_LIMIT);
      if (text === undefined) return;
      let body = {};
      if (text.trim() !== '') {
        const parsed = parseJson(text, res);
        if (!parsed) return;
        body = parsed.value;
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new LoopError(422, 'invalid', 'the body must be a JSON object', [{ field: '(body)', message: 'the body must be a JSON object' }]);
        }
      }
      const after = await cases[action](actor, id, body);
      res.hcpOutcome = action;
      json(res, 200, after);
    } catch (error) {
      fail(res, error);
    }
  }

  async function stats(req, res, url) {
    if (!admit(req, res, 'GET, OPTIONS', { staff: !publicStats })) return;
    if (!publicStats && !(await authenticate(req, res))) return;
    try {
      const q = Object.fromEntries(url.searchParams);
      const { from, to, by, groups, suppressed } = await computeStats(store, { from: q.from, to: q.to, by: q.by, minGroup });
      json(res, 200, { from, to, by, minGroup, groups, suppressed });
    } catch (error) {
      fail(res, error);
    }
  }

  /** Answers a loop route and returns true; false for any other path. */
  async function handle(req, res, url) {
    const caseOf = casePath.exec(url.pathname);
    if (caseOf) {
      let id = '';
      try {
        id = decodeURIComponent(caseOf[1]);
      } catch {
        // malformed escapes: no such case
      }
      await raterView(req, res, id);
      return true;
    }
    if (url.pathname === '/api/stats') {
      await stats(req, res, url);
      return true;
    }
    const parts = url.pathname.split('/');
    if (parts[1] === 'api' && parts[2] === 'cases' && !parts.slice(3).includes('')) {
      await staff(req, res, url, parts);
      return true;
    }
    return false;
  }

  return { handle };
}
