import { hostileRoutes } from './hostile-endpoint.mjs';

/**
 * A real HTTP endpoint inside the test server, so browser tests see what an evaluation
 * endpoint receives.
 *
 * - `POST /test-endpoint/<bin>` records the request and answers 201, or:
 *   `?status=503` always that status; `?failFirst=2&status=503` that status twice, then 201;
 *   `?retryAfter=5` adds `Retry-After`.
 * - `PUT /test-endpoint/<bin>/script` with `{ answers: [answer…], then?: answer }` scripts the
 *   bin's next answers, one per POST in arrival order, then `then` (default 201). An answer is
 *   `{ status, retryAfter?: "5" | string, retryAfterDate?: seconds from now (HTTP date),
 *   contentType?, body?, hangMs? }` (`hangMs`: answer that much later, to test timeouts).
 * - `GET /test-endpoint/<bin>` returns the recorded requests; `GET …/<bin>/counts` returns
 *   `{ requests, stored, ids: { <Idempotency-Key>: { requests, stored } } }` where `stored`
 *   counts 2xx answers (a server that honours Idempotency-Key stores an id once however often
 *   it answers 2xx).
 */
export function testEndpoint() {
  const bins = new Map();
  const bin = (name) => {
    if (!bins.has(name)) bins.set(name, { received: [], ids: new Map(), script: undefined });
    return bins.get(name);
  };
  return async (ctx, next) => {
    if (ctx.path.startsWith('/hostile/')) return hostileRoutes(ctx, next);
    const match = /^\/test-endpoint\/([\w-]+)(?:\/(script|counts))?$/.exec(ctx.path);
    if (!match) return next();
    const [, name, sub] = match;
    const state = bin(name);
    if (sub === 'script' && ctx.method === 'PUT') {
      state.script = JSON.parse(await readBody(ctx.req));
      state.script.answers ??= [];
      ctx.body = { ok: true };
      return;
    }
    if (sub === 'counts') {
      const ids = Object.fromEntries(state.ids);
      ctx.body = {
        requests: state.received.length,
        stored: Object.values(ids).filter((c) => c.stored > 0).length,
        ids,
      };
      return;
    }
    if (ctx.method === 'POST') {
      const body = await readBody(ctx.req);
      state.received.push({ body, headers: ctx.req.headers, url: ctx.url, at: Date.now() });
      const id = String(ctx.req.headers['idempotency-key'] ?? '');
      const count = state.ids.get(id) ?? { requests: 0, stored: 0 };
      count.requests++;
      state.ids.set(id, count);
      const answer = state.script ? state.script.answers.shift() ?? state.script.then ?? { status: 201 } : fromQuery(ctx.query, state.received.length);
      if (answer.hangMs) await new Promise((resolve) => setTimeout(resolve, answer.hangMs));
      ctx.status = answer.status ?? 201;
      if (ctx.status >= 200 && ctx.status < 300 && !/text\/html/.test(answer.contentType ?? '')) count.stored++;
      if (answer.retryAfter !== undefined) ctx.set('Retry-After', String(answer.retryAfter));
      if (answer.retryAfterDate !== undefined) ctx.set('Retry-After', new Date(Date.now() + answer.retryAfterDate * 1000).toUTCString());
      if (answer.contentType) {
        ctx.type = answer.contentType;
        ctx.body = answer.body ?? '';
      } else {
        ctx.body = ctx.status >= 400 ? { error: 'test endpoint answered ' + ctx.status } : { ok: true };
      }
      return;
    }
    ctx.body = state.received;
  };
}

function fromQuery(query, n) {
  const failing = query.failFirst === undefined || n <= Number(query.failFirst);
  return { status: failing ? Number(query.status ?? 201) : 201, retryAfter: query.retryAfter };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
