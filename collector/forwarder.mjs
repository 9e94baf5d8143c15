/**
 * The forwarder: hands each stored rating to the deployer's target (a provincial 好差评
 * gateway, a message queue, …) from the durable queue in the collector's own database.
 *
 * - A rating is claimed with a lease (owner, until) and `attempts + 1`, then `send()` runs.
 * - 2xx: sent, never forwarded again.
 * - 400, 409, 422 from the target, a mapping error, or `helpers.refuse()`: dead letter (kept,
 *   listed by `haochaping-collector dead-letters`, sent again after `repush`).
 * - Anything else — network error, timeout, 408, 429, 5xx, also 401/403/404 (a configuration
 *   problem; nothing is dropped for it): retried with exponential backoff and jitter, or after
 *   the target's Retry-After when it gave one.
 * - A crash between the remote's answer and the mark leaves the lease to expire; the rating
 *   is then sent once more, with the same evaluationId (the target dedupes on it).
 *
 * The target module exports `async function send(evaluation, helpers)` and returns
 * `{ status, retryAfter?, error? }` or a fetch Response. helpers: `toGovCn` (mapping errors
 * become dead letters), `fetch`, `signal` (aborted at the send timeout), `idempotencyKey`
 * (= evaluation.id), `attempt`, `refuse(message)`, `log(entry)`, and `appeal` — `'overturned'`
 * when a reviewer overturned the department's appeal before the rating left (SPEC §7: it is
 * excluded from our statistics; the target decides what its own system does with it).
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { retryAfterSeconds } from './http.mjs';
import { CollectorError } from './store.mjs';

/** Statuses a target answers for a rating it will never accept as it is. */
export const REFUSED = new Set([400, 409, 422]);

/** An error that makes a dead letter at once (a refusal, a mapping error), not a retry. */
export class PermanentError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'PermanentError';
    this.permanent = true;
  }
}

/** Imports the target module (a path, relative to `cwd`, or a package name) and checks it exports send(). */
export async function loadTarget(spec, cwd = process.cwd()) {
  const local = spec.startsWith('.') || isAbsolute(spec);
  const url = local ? pathToFileURL(resolve(cwd, spec)).href : spec;
  let mod;
  try {
    mod = await import(url);
  } catch (error) {
    throw new CollectorError(`cannot load the forward target ${spec}: ${error.message}`, { cause: error });
  }
  if (typeof mod.send !== 'function') {
    throw new CollectorError(`the forward target ${spec} must export async function send(evaluation, helpers) (see collector/targets/gov-cn-json.mjs)`);
  }
  return mod;
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(attempt−1), capped. */
export function backoffMs(attempt, { baseMs = 1000, maxMs = 10 * 60_000, random = Math.random } = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const short = (text) => String(text ?? '').replace(/\s+/g, ' ').slice(0, 300);

/**
 * Options: `store`; `target` (the loaded module); `toGovCn` (from haochaping/schema);
 * `concurrency` sends at once; `leaseMs`; `sendTimeoutMs`; `pollMs`; `baseMs`/`maxMs`
 * (backoff); `maxAttempts` (0: retry for ever); `log`.
 */
export function createForwarder({
  store,
  target,
  toGovCn,
  concurrency = 4,
  sendTimeoutMs = 15_000,
  leaseMs = Math.max(60_000, 2 * sendTimeoutMs),
  pollMs = 1000,
  baseMs = 1000,
  maxMs = 10 * 60_000,
  maxAttempts = 0,
  log = () => {},
  random = Math.random,
  owner = `${process.pid}-${randomUUID().slice(0, 8)}`,
}) {
  if (leaseMs < sendTimeoutMs * 1.5) throw new RangeError(`the lease (${leaseMs} ms) must outlast a send (timeout ${sendTimeoutMs} ms) by half again`);
  const inFlight = new Set();
  let stopped = true;
  let draining = false;
  let timer = null;
  let ticking = null;
  let again = false;
  const counts = { sent: 0, retried: 0, dead: 0 };

  const mapGovCn = (evaluation) => {
    try {
      return toGovCn(evaluation);
    } catch (error) {
      throw new PermanentError(`mapping error: ${error.message}`, { cause: error });
    }
  };

  /** `{ status, retryAfter, error }` from what send() returned. */
  async function outcomeOf(result) {
    if (result && typeof result === 'object' && typeof result.status === 'number' && typeof result.headers?.get === 'function') {
      // A fetch Response: the status and Retry-After decide; the body is not needed.
      await result.body?.cancel?.().catch?.(() => {});
      return { status: result.status, retryAfter: retryAfterSeconds(result.headers.get('retry-after')), error: result.ok ? undefined : `HTTP ${result.status}` };
    }
    if (!result || typeof result !== 'object' || !Number.isInteger(result.status)) {
      return { error: 'the target returned no { status }' };
    }
    return { status: result.status, retryAfter: retryAfterSeconds(result.retryAfter), error: result.error === undefined ? undefined : short(result.error) };
  }

  async function deliver(row) {
    const started = Date.now();
    let evaluation;
    try {
      evaluation = JSON.parse(row.body);
    } catch (error) {
      await store.markDead(row.id, owner, { error: `the stored body is not JSON: ${error.message}` });
      counts.dead++;
      return;
    }
    const controller = new AbortController();
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no answer within ${sendTimeoutMs / 1000} s`);
        error.name = 'TimeoutError';
        controller.abort(error);
        reject(error);
      }, sendTimeoutMs);
    });
    const helpers = {
      toGovCn: mapGovCn,
      fetch: globalThis.fetch,
      signal: controller.signal,
      idempotencyKey: evaluation.id,
      attempt: row.attempts,
      appeal: row.appeal ?? undefined,
      refuse: (message) => {
        throw new PermanentError(String(message));
      },
      log: (entry) => log({ level: 'info', msg: 'target', id: row.id, ...entry }),
    };
    let outcome;
    try {
      const sending = Promise.resolve().then(() => target.send(evaluation, helpers));
      sending.catch(() => {}); // after a timeout, its late failure is nobody's business
      outcome = await outcomeOf(await Promise.race([sending, timeout]));
    } catch (error) {
      outcome = { error: short(error.permanent ? error.message : `${error.name === 'TimeoutError' ? 'timeout' : error.name}: ${error.cause?.code ?? error.cause?.message ?? error.message}`), permanent: error.permanent === true };
    } finally {
      clearTimeout(timer);
    }
    const ms = Date.now() - started;
    const { status, retryAfter, error } = outcome;
    const entry = { id: row.id, attempt: row.attempts, ...(status === undefined ? {} : { status }), ms };
    if (status !== undefined && status >= 200 && status < 300 && !outcome.permanent) {
      await store.markSent(row.id, { status });
      counts.sent++;
      log({ level: 'info', msg: 'forwarded', ...entry });
      return;
    }
    const gaveUp = maxAttempts > 0 && row.attempts >= maxAttempts;
    if (outcome.permanent || REFUSED.has(status) || gaveUp) {
      const reason = gaveUp && !outcome.permanent && !REFUSED.has(status) ? `gave up after ${row.attempts} attempts: ${error ?? `HTTP ${status}`}` : (error ?? `refused: HTTP ${status}`);
      await store.markDead(row.id, owner, { status, error: reason });
      counts.dead++;
      log({ level: 'warn', msg: 'dead-letter', ...entry, error: reason });
      return;
    }
    // Retry-After: exactly as asked, plus a little jitter (up to 10 %, at most 1 s) so that a
    // queue full of ratings does not return to the gateway in the same millisecond.
    const asked = retryAfter === undefined ? undefined : Math.min(retryAfter, 86_400) * 1000;
    const delay = asked !== undefined ? asked + Math.round(random() * Math.min(1000, Math.max(100, asked * 0.1))) : backoffMs(row.attempts, { baseMs, maxMs, random });
    await store.markRetry(row.id, owner, { status, error: error ?? `HTTP ${status}`, nextAt: Date.now() + delay });
    counts.retried++;
    const configuration = [401, 403, 404, 410].includes(status);
    log({ level: 'warn', msg: configuration ? 'forward-paused' : 'forward-retry', ...entry, error: error ?? `HTTP ${status}`, retryInMs: delay, ...(configuration ? { hint: 'the target refuses our credentials or address: check its configuration' } : {}) });
  }

  /** Claims what is due, up to the free slots, until nothing is due or every slot is busy. */
  async function tick() {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = (async () => {
      do {
        again = false;
        while (!stopped || draining) {
          const free = concurrency - inFlight.size;
          if (free <= 0) break;
          let rows;
          try {
            rows = await store.claim({ owner, limit: free, leaseMs });
          } catch (error) {
            log({ level: 'error', msg: 'forward-claim-failed', error: short(error.message) });
            break;
          }
          if (!rows.length) break;
          for (const row of rows) {
            const job = deliver(row)
              .catch((error) => log({ level: 'error', msg: 'forward-mark-failed', id: row.id, error: short(error.message) }))
              .finally(() => {
                inFlight.delete(job);
                if (!stopped || draining) tick();
              });
            inFlight.add(job);
          }
        }
      } while (again && (!stopped || draining));
    })().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      await tick();
      schedule();
    }, pollMs);
  }

  return {
    owner,
    counts,
    /** Starts polling (and forwards what is due now). */
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
      schedule();
    },
    /** A new rating was queued: look now instead of at the next poll. */
    wake() {
      if (!stopped) tick();
    },
    /** Forwards everything due now (and what becomes due while doing so), then resolves the counts. */
    async drain() {
      draining = true;
      try {
        do {
          await tick();
          while (inFlight.size) await Promise.race(inFlight);
        } while (ticking || inFlight.size);
      } finally {
        draining = false;
      }
      return { ...counts };
    },
    /** Stops claiming; resolves when the sends in flight have finished and been marked. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (ticking) await ticking;
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
