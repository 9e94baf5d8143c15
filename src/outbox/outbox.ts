import type { Evaluation } from '../schema/payload.js';
import type { Format } from '../schema/domain.js';
import { requestBody } from '../payload/body.js';
import { openStores, type KV } from './kv.js';
import type { Outcome } from './outcome.js';
import { Tabs } from './tabs.js';
import {
  claim,
  expired,
  expiredReason,
  HOUR,
  leaseHeld,
  markerStale,
  newRecord,
  nextWake,
  readRecord,
  retryWait,
  SECOND,
  sendable,
  type EndpointState,
  type OutboxRecord,
} from './policy.js';
import { attempt, fetchTransport, type Transport } from './transport.js';

export type { OutboxRecord } from './policy.js';

/** Where and how a rating is delivered. */
export interface Target {
  /** Absolute URL. */
  endpoint: string;
  headers: Record<string, string>;
  withCredentials: boolean;
  /** The body's field names: canonical, or those of provincial systems. */
  format: Format;
  /** A page-supplied send function. It cannot be stored: its records wait for a page that supplies it again. */
  transport?: Transport;
}

export interface Enqueued {
  id: string;
  /** Whether the rating survives a closed tab (IndexedDB or localStorage). */
  durable: boolean;
}

export interface FlushResult {
  /** Delivered while this call ran. */
  sent: number;
  /** Still queued when it returned. */
  pending: number;
  /** Set aside (refused, expired, unreadable) while it ran. */
  failed: number;
}

/** Dispatched once a rating is stored, before any attempt to deliver it. */
export type QueuedEvent = CustomEvent<Enqueued>;
/**
 * Dispatched for each attempt's result, also for attempts made by another tab or frame.
 * Cancelable: a live widget that shows this rating calls `preventDefault()` and announces
 * the result itself; otherwise the outbox announces a delivery or refusal on `window`.
 */
export type OutcomeEvent = CustomEvent<{ id: string; outcome: Outcome }>;

/** The queue refuses a new rating rather than ever dropping an old one. */
export class OutboxFullError extends Error {
  constructor(readonly limit: number) {
    super(`haochaping: ${limit} ratings are already waiting for delivery; this rating was not queued.`);
    this.name = 'OutboxFullError';
  }
}

export interface OutboxOptions {
  /** IndexedDB database (and localStorage namespace, lock name) of this outbox. */
  name?: string;
  /** Per attempt (15 s: README, “Delivery guarantees”). */
  timeoutMs?: number;
  /** How long a claimed record stays another tab's before it may be resent. */
  leaseMs?: number;
  /** First backoff step and its cap (full jitter between them). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  ttlMs?: number;
  maxRecords?: number;
  openTimeoutMs?: number;
  /** `null` forces the lease fallback; default `navigator.locks`. */
  locks?: LockManager | null;
  /** How long a delivery waits for another tab's widget to claim it before `window` hears of it. */
  claimWaitMs?: number;
}

const DEFAULTS = {
  name: 'haochaping',
  timeoutMs: 15 * SECOND,
  baseDelayMs: SECOND,
  maxDelayMs: 5 * 60 * SECOND,
  ttlMs: 7 * 24 * HOUR,
  maxRecords: 500,
  openTimeoutMs: 3 * SECOND,
  claimWaitMs: 250,
};
/** Records and dead letters live under these key prefixes, next to the 一次一评 memory (`r:`). */
const QUEUED = 'o:';
const DEAD = 'd:';
const MEMORY = 'r:';
/** Without BroadcastChannel: a delivery's status, left by the tab that made it for the tab that queued it. */
const SENT = 's:';
const DEAD_LETTERS_KEPT = 100;

interface Located {
  kv: KV;
  key: string;
  record: OutboxRecord;
}

/** A record the endpoint has stored, to delete and announce. */
interface Delivered extends Located {
  outcome: Outcome & { kind: 'sent' };
}

type Trigger = 'due' | 'wake' | 'flush';
const strongest = (a: Trigger | undefined, b: Trigger): Trigger => (a === 'flush' || b === 'flush' ? 'flush' : a === 'wake' ? a : b);

/**
 * Holds accepted ratings until their endpoint has stored them (README, “Delivery guarantees”): in IndexedDB
 * (else localStorage, else memory, and says which), one flusher per origin (Web Locks,
 * else a lease), one attempt at a time per record, backoff with full jitter, Retry-After,
 * dead letters for refused ratings, pauses for misconfigured endpoints.
 */
export class Outbox extends EventTarget {
  private readonly _o: Required<Omit<OutboxOptions, 'locks' | 'leaseMs'>> & { leaseMs: number };
  /** The origin's lock manager, until it refuses a request (then `null`: a lease in the store). */
  private _locks: LockManager | null;
  private _stores?: Promise<KV[]>;
  /** Index of the store new records go to; moves down after a failed write. */
  private _active = 0;
  private readonly _transports = new Map<string, Transport>();
  private readonly _paused = new Set<string>();
  /** Per endpoint: when its `Retry-After` ends (honoured even by `flush()`), and its backoff. */
  private readonly _retryAfterUntil = new Map<string, number>();
  private readonly _backoffUntil = new Map<string, number>();
  private readonly _me = Math.random().toString(36).slice(2);
  private _timer?: ReturnType<typeof setTimeout>;
  private _running?: Promise<void>;
  private _again?: Trigger;
  /** The origin's other tabs (tabs.ts): who shows which outcome. */
  private readonly _tabs: Tabs;
  private _counts = { sent: 0, failed: 0 };
  private _started = false;
  /** Since `pagehide` or the page turning hidden, until it is shown again. */
  private _hidden = false;
  /** Attempts in flight without keepalive: each sends its keepalive copy when called. */
  private readonly _inFlight = new Map<string, () => void>();
  private _stopped = false;
  // A clock that page-time jumps cannot move: wall time at start plus monotonic time since.
  private readonly _wall = Date.now();
  private readonly _mono = performance.now();

  constructor(options: OutboxOptions = {}) {
    super();
    const o = { ...DEFAULTS, ...options };
    const nav = typeof navigator === 'undefined' ? undefined : navigator;
    const { locks, ...rest } = o;
    this._o = { ...rest, leaseMs: options.leaseMs ?? o.timeoutMs + 5 * SECOND };
    this._locks = locks === undefined ? nav?.locks ?? null : locks;
    this._tabs = new Tabs({
      offer: (id, outcome) => this._offer(id, outcome),
      due: () => this._due(),
      whereIs: (id) => this._whereIs(id),
      claimWaitMs: this._o.claimWaitMs,
    });
  }

  /** Milliseconds on a clock anchored when this outbox started. */
  now(): number {
    return this._wall + (performance.now() - this._mono);
  }

  /** Whether new ratings are kept across a closed tab, once storage has been probed. */
  async durable(): Promise<boolean> {
    const stores = await this._storesReady();
    return stores[this._active].durable;
  }

  /**
   * Starts delivering: now (ratings from earlier visits), and again when the network
   * returns, the page becomes visible or is restored from the back/forward cache.
   * `navigator.onLine` is only a hint: an attempt is cheap, a wrong “offline” loses nothing.
   */
  start(): void {
    if (this._started || this._stopped) return;
    this._started = true;
    // Without a channel (Safari < 15.4, a cookie-blocked frame) this page works alone; other tabs
    // learn of its deliveries when they next look at the shared store.
    const joined = this._tabs.open(this._o.name);
    addEventListener('online', this._wake);
    addEventListener('pageshow', this._onPage);
    addEventListener('pagehide', this._onPage);
    document.addEventListener('visibilitychange', this._onPage);
    if (!joined) void this._dropOldMarkers();
    this._due();
  }

  /** Delivery markers no tab came for (a tab closed before it looked): gone after an hour. Once, at start. */
  private async _dropOldMarkers(): Promise<void> {
    const now = this.now();
    for (const kv of await this._storesReady().catch(() => [])) {
      for (const [key, value] of await kv.entries(SENT).catch(() => [])) {
        if (markerStale(value, now)) await kv.del(key).catch(() => undefined);
      }
    }
  }

  /** Stops timers and listeners (a frame going away, tests). Stored records stay. */
  stop(): void {
    this._stopped = true;
    clearTimeout(this._timer);
    removeEventListener('online', this._wake);
    removeEventListener('pageshow', this._onPage);
    removeEventListener('pagehide', this._onPage);
    document.removeEventListener('visibilitychange', this._onPage);
    this._tabs.close();
  }

  private _wake = (): void => void this._run('wake');
  private _due = (): void => void this._run('due');
  /**
   * The page is shown (restored, visible again), hidden or going away (`pagehide`; hidden is the
   * last event a mobile browser reliably fires before it discards a tab). Shown or not, every
   * queued rating gets a pass now, as on a wake-up (when going away, this may be the page's last
   * chance to send one waiting out a backoff); `Retry-After` still holds. While hidden, attempts
   * use keepalive so they outlive the page. On `pagehide` (the page is unloading: a tab closed
   * right after 提交), an attempt already in flight without keepalive gets a keepalive copy (the
   * same body and `Idempotency-Key`: one rating to the endpoint, the first answer counts). Merely
   * hidden (a tab switch), it is left alone: it goes on, and if the browser discards the page
   * later the rating is still queued and resent on the next visit.
   */
  private _onPage = (event: Event): void => {
    this._hidden = event.type === 'pagehide' || document.visibilityState === 'hidden';
    if (event.type === 'pagehide') {
      for (const copy of this._inFlight.values()) copy();
      this._inFlight.clear();
    }
    this._wake();
  };

  /**
   * Supplies the send function for `endpoint`'s ratings queued with a custom transport
   * (a function cannot be stored: those ratings wait for a page that supplies it again).
   */
  useTransport(endpoint: string, transport: Transport): void {
    if (this._transports.get(endpoint) === transport) return;
    this._transports.set(endpoint, transport);
    this._due();
  }

  /**
   * Stores a rating, then announces it with a `queued` event and starts delivering it.
   * Resolves only after the write has committed. Enqueuing an id twice keeps one record.
   * Rejects with `OutboxFullError` when `maxRecords` ratings already wait.
   */
  async enqueue(payload: Evaluation, target: Target): Promise<Enqueued> {
    if (target.transport) this._transports.set(target.endpoint, target.transport);
    const stores = await this._storesReady();
    const { id } = payload;
    const key = QUEUED + id;
    const record = newRecord(payload, { ...target, custom: Boolean(target.transport) }, this.now());
    let kv: KV | undefined;
    for (; this._active < stores.length; this._active++) {
      const active = stores[this._active];
      // What the other stores hold (a fallback's records, or the database's after it failed a write).
      let elsewhere = 0;
      for (const other of stores) {
        if (other === active) continue;
        if (readRecord(await other.get(key).catch(() => undefined))) return { id, durable: other.durable };
        elsewhere += await other.count(QUEUED).catch(() => 0);
      }
      // The lookup (a double click is one rating), the cap and the write: one transaction.
      let verdict = 'stored' as 'stored' | 'exists' | 'full';
      try {
        await active.update(
          key,
          (old, waiting) => {
            if (readRecord(old)) verdict = 'exists';
            else if (elsewhere + waiting >= this._o.maxRecords) verdict = 'full';
            return verdict === 'stored' ? record : old;
          },
          QUEUED,
        );
      } catch (error) {
        console.warn(`haochaping: could not store the rating in ${active.kind} (${(error as Error)?.message ?? error}); trying the next store.`);
        continue;
      }
      if (verdict === 'full') throw new OutboxFullError(this._o.maxRecords);
      if (verdict === 'exists') return { id, durable: active.durable };
      kv = active;
      break;
    }
    if (!kv) {
      // Not even memory took it (a value that cannot be cloned): the caller must not think it queued.
      this._active = stores.length - 1;
      throw new Error('the rating could not be stored in any store');
    }
    const queued: Enqueued = { id, durable: kv.durable };
    // A new rating is a reason to try a paused endpoint again.
    this._paused.delete(target.endpoint);
    // Synchronous, so listeners hear of the rating before any delivery can settle it.
    this.dispatchEvent(new CustomEvent('queued', { detail: queued }));
    this._tabs.queued(id);
    void this._run('due');
    return queued;
  }

  /**
   * Tries every queued rating now, also paused endpoints and ratings waiting for their
   * backoff (not those a `Retry-After` holds back). Waits for another tab's flush to end.
   */
  async flush(): Promise<FlushResult> {
    const before = { ...this._counts };
    this._paused.clear();
    await this._storesReady();
    await this._run('flush');
    // Resolve after the events for what this flush delivered.
    await Promise.all(this._tabs.announcing);
    return {
      sent: this._counts.sent - before.sent,
      failed: this._counts.failed - before.failed,
      pending: await this.pending(),
    };
  }

  /** Ratings waiting for delivery, from this page or earlier visits, for every endpoint. */
  async pending(): Promise<number> {
    await this._storesReady();
    return (await this._queued()).length;
  }

  /** The page's stores, opened on first use. */
  private _storesReady(): Promise<KV[]> {
    return (this._stores ??= openStores(this._o.name, this._o.openTimeoutMs));
  }

  /**
   * The 一次一评 memory (rated.ts), kept in this outbox's best store next to the queue, under
   * keys of its own (`r:`): it can neither read nor overwrite a queued rating.
   */
  readonly memory = {
    get: async (key: string): Promise<unknown> => (await this._storesReady())[0].get(MEMORY + key),
    /** Reads and writes `key` as one step; `updater` returns the new value (`undefined` deletes). */
    update: async (key: string, updater: (old: unknown) => unknown): Promise<void> =>
      (await this._storesReady())[0].update(MEMORY + key, (old) => updater(old)),
  };

  /**
   * A pass: as the one flusher of the origin, send what is due, then set a timer for the next.
   * `due`: timers, start-up, a new rating. `wake`: the network is back, the page is visible or
   * restored: also records waiting out a backoff. `flush`: as `wake`, and waits for another
   * tab's pass to end. `Retry-After` holds for all three.
   */
  private _run(trigger: Trigger): Promise<void> {
    if (this._stopped) return Promise.resolve();
    if (this._running) {
      // Whatever happened meanwhile (a new rating, a flush()) gets a pass of its own after this one.
      this._again = strongest(this._again, trigger);
      return this._running.then(() => (trigger === 'flush' ? this._run('flush') : undefined));
    }
    this._running = (async () => {
      try {
        for (let next: Trigger | undefined = trigger; next && !this._stopped; next = this._again) {
          this._again = undefined;
          const ran = await this._asFlusher(next === 'flush', () => this._pass(next !== 'due'));
          // Another tab is flushing; it will likely send ours too. Look again soon, as strongly:
          // a wake-up (the network is back) must not become a plain timer that waits out a backoff.
          if (!ran) this._schedule(this.now() + Math.min(this._o.leaseMs, SECOND), next);
          else await this._scheduleNext();
        }
      } catch (error) {
        console.warn(`haochaping: delivery pass failed (${(error as Error)?.message ?? error}); retrying later.`);
        this._schedule(this.now() + this._o.baseDelayMs);
      } finally {
        this._running = undefined;
      }
    })();
    return this._running;
  }

  /**
   * Runs `work` as the origin's only flusher: Web Locks where they exist and are allowed, else
   * a lease in the first store that can write it (memory always can: then this page is alone).
   * A lock manager that refuses (cookies blocked, an opaque origin) is given up for good, so
   * delivery never stalls on it.
   */
  private async _asFlusher(wait: boolean, work: () => Promise<void>): Promise<boolean> {
    let entered = false;
    const run = async () => {
      entered = true;
      await work();
      return true;
    };
    if (this._locks) {
      try {
        return await this._locks.request(`haochaping-outbox:${this._o.name}`, wait ? {} : { ifAvailable: true }, (lock) => (lock ? run() : false));
      } catch (error) {
        if (entered) throw error;
        console.warn(`haochaping: Web Locks refused (${(error as Error)?.message ?? error}); coordinating tabs through storage instead.`);
        this._locks = null;
      }
    }
    for (const kv of await this._storesReady()) {
      try {
        return await this._leased(kv, wait, run);
      } catch (error) {
        // Only a store that can no longer write (storage full) hands the lease to the next one:
        // a passing error must not let two tabs flush at once; the pass is retried instead.
        if (entered || (error as DOMException)?.name !== 'QuotaExceededError') throw error;
      }
    }
    return false;
  }

  /** Runs `run` while holding the flusher lease in `kv`; false when another tab holds it past the wait. */
  private async _leased(kv: KV, wait: boolean, run: () => Promise<boolean>): Promise<boolean> {
    const key = 'l:flusher';
    const deadline = this.now() + (wait ? this._o.leaseMs : 0);
    for (;;) {
      let mine = false;
      const now = this.now();
      await kv.update(key, (old) => {
        if (leaseHeld(old, this._me, now, this._o.leaseMs)) return old;
        mine = true;
        return { owner: this._me, until: now + this._o.leaseMs };
      });
      if (mine) break;
      if (this.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    const renew = setInterval(() => void kv.set(key, { owner: this._me, until: this.now() + this._o.leaseMs }).catch(() => undefined), this._o.leaseMs / 3);
    try {
      return await run();
    } finally {
      clearInterval(renew);
      await kv.update(key, (old) => ((old as { owner?: string } | undefined)?.owner === this._me ? undefined : old)).catch(() => undefined);
    }
  }

  private async _pass(ignoreBackoff: boolean): Promise<void> {
    const tried = new Set<string>();
    // An endpoint that failed once in this pass is not asked again in it.
    const failing = new Set<string>();
    // A delivered record not yet deleted: its delete rides on the next claim in the same store,
    // one transaction instead of two. Never across an attempt: that claim comes right after the
    // 2xx, and everything else (another store, a re-read, the pass ending) deletes it first.
    let delivered: Delivered | undefined;
    const finish = async (deleted = false) => {
      const done = delivered;
      delivered = undefined;
      if (done) await this._delivered(done, deleted);
    };
    try {
      // Read the queue once, and again only when that list is used up (to pick up new ratings).
      let list = await this._queued();
      let fresh = true;
      for (;;) {
        if (this._stopped) return;
        const now = this.now();
        let next: Located | undefined;
        for (const located of list) {
          const { record } = located;
          if (tried.has(record.id)) continue;
          if (expired(record, now, this._o.ttlMs, this._o.leaseMs)) {
            tried.add(record.id);
            await this._setAside(located, 'expired', { kind: 'refused', status: record.lastStatus ?? 0, reason: expiredReason(this._o.ttlMs), code: 'expired' });
            continue;
          }
          if (failing.has(record.endpoint) || !sendable(record, now, this._o.leaseMs, this._endpoint(record), ignoreBackoff)) continue;
          next = located;
          break;
        }
        if (!next) {
          if (fresh) return;
          await finish();
          list = await this._queued();
          fresh = true;
          continue;
        }
        fresh = false;
        tried.add(next.record.id);
        if (delivered?.kv !== next.kv) await finish();
        // A store that can no longer write (quota exhausted) keeps the record for a later pass.
        let claimed: OutboxRecord | undefined;
        try {
          claimed = await this._claim(next, delivered?.key);
          // Committed: the delivered record's delete with it.
          await finish(true);
        } catch (error) {
          console.warn(`haochaping: could not claim a queued rating (${(error as Error)?.message ?? error}); it stays queued.`);
        }
        // Not committed (an aborted transaction undoes the delete too): delete on its own.
        await finish();
        if (!claimed) continue;
        const outcome = await this._attempt(claimed);
        if (outcome.kind === 'retry' || outcome.kind === 'paused') failing.add(claimed.endpoint);
        if (outcome.kind === 'sent') delivered = await this._sent(next, claimed, outcome);
        else await this._settle(next, claimed, outcome);
      }
    } finally {
      await finish();
    }
  }

  /** What this page knows of a record's endpoint, for the policy. */
  private _endpoint(record: OutboxRecord): EndpointState {
    const { endpoint } = record;
    return {
      paused: this._paused.has(endpoint),
      transport: this._transports.has(endpoint),
      retryAfterUntil: this._retryAfterUntil.get(endpoint),
      backoffUntil: this._backoffUntil.get(endpoint),
    };
  }

  /** Takes the record for one attempt, atomically: of two tabs, one wins. Deletes `drop` in the same step. */
  private async _claim({ kv, key }: Located, drop?: string): Promise<OutboxRecord | undefined> {
    let claimed: OutboxRecord | undefined;
    const now = this.now();
    await kv.update(key, (old) => (claimed = claim(old, now, this._o.leaseMs)) ?? old, undefined, drop);
    return claimed;
  }

  private async _attempt(record: OutboxRecord): Promise<Outcome> {
    const { payload } = record;
    const body = requestBody(payload, record.format, record.attempts, new Date());
    try {
      return await attempt(
        record.custom ? this._transports.get(record.endpoint)! : fetchTransport,
        {
          url: record.endpoint,
          body,
          headers: { ...record.headers, 'Content-Type': 'application/json', 'Idempotency-Key': payload.id },
          credentials: record.withCredentials ? 'include' : 'omit',
          // keepalive (slower in Chromium, and capped in flight) only while the page is hidden or going away.
          keepalive: this._hidden || document.visibilityState === 'hidden',
        },
        this._o.timeoutMs,
        // Should the page start to go away while it is in flight, `_onPage` sends a keepalive copy.
        (copy) => this._inFlight.set(record.id, copy),
      );
    } finally {
      this._inFlight.delete(record.id);
    }
  }

  /** A 2xx: the record is deleted (`_delivered`) with the next claim, or on its own. */
  private async _sent(located: Located, record: OutboxRecord, outcome: Outcome & { kind: 'sent' }): Promise<Delivered> {
    // Without a channel, the tab that queued it learns of the delivery from the store.
    if (this._tabs.needsMarker(record.id)) await located.kv.set(SENT + record.id, { status: outcome.status, at: this.now() }).catch(() => undefined);
    return { ...located, record, outcome };
  }

  /**
   * Deletes a delivered record (unless its delete already committed with a claim), then
   * announces it. Deleted only after the 2xx: a tab closed before leaves the record for a resend
   * (same id) once its lease has expired.
   */
  private async _delivered({ kv, key, record, outcome }: Delivered, deleted: boolean): Promise<void> {
    if (!deleted) await kv.del(key);
    this._counts.sent++;
    this._tabs.announce(record.id, outcome, true);
  }

  private async _settle(located: Located, record: OutboxRecord, outcome: Outcome & { kind: 'refused' | 'retry' | 'paused' }): Promise<void> {
    const { kv, key } = located;
    const now = this.now();
    const lastError = 'reason' in outcome ? outcome.reason : undefined;
    if (outcome.kind === 'refused') return this._setAside({ ...located, record }, 'refused', outcome);
    let nextAt = now;
    if (outcome.kind === 'paused') this._paused.add(record.endpoint);
    else {
      const [wait, server] = retryWait(outcome.retryAfter, record.attempts, Date.now(), this._o, Math.random);
      nextAt += server ? this._retryAfterWait(wait) : wait;
      // The endpoint is failing or asked for quiet: the records behind this one wait too.
      (server ? this._retryAfterUntil : this._backoffUntil).set(record.endpoint, nextAt);
    }
    await kv.update(key, (old) => (readRecord(old) ? { ...record, nextAt, leaseUntil: 0, lastError, lastStatus: outcome.status } : old));
    this._tabs.announce(record.id, outcome, false);
  }

  /**
   * How long this outbox waits for a `Retry-After` of `ms` (already clamped to 1 s–1 h). Not an
   * option: the one place a test shortens the server's wait, by overriding it in a subclass.
   */
  protected _retryAfterWait(ms: number): number {
    return ms;
  }

  /** Moves a record to the dead letters (kept, capped) and announces it as failed. */
  private async _setAside(located: Located, state: OutboxRecord['state'], outcome: Outcome & { kind: 'refused' }): Promise<void> {
    const { kv, key, record } = located;
    await kv.set(DEAD + (record?.id ?? key.slice(QUEUED.length)), { ...record, state, leaseUntil: 0, lastError: outcome.reason, lastStatus: outcome.status });
    await kv.del(key);
    this._counts.failed++;
    const dead = await kv.entries(DEAD);
    for (const [oldKey] of dead.slice(0, Math.max(0, dead.length - DEAD_LETTERS_KEPT))) await kv.del(oldKey);
    if (record?.id) this._tabs.announce(record.id, outcome, true);
  }

  /** Every queued record in every store, oldest first; unreadable ones are set aside on the way. */
  private async _queued(): Promise<Located[]> {
    const found: Located[] = [];
    for (const kv of await this._storesReady()) {
      let entries: [string, unknown][];
      try {
        entries = await kv.entries(QUEUED);
      } catch {
        continue;
      }
      for (const [key, value] of entries) {
        const record = readRecord(value);
        if (record) {
          found.push({ kv, key, record });
          continue;
        }
        const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
        console.warn(`haochaping: set aside an unreadable queued record (${key}).`);
        await kv.set(DEAD + key.slice(QUEUED.length), { raw: value, state: 'unreadable' });
        await kv.del(key);
        this._counts.failed++;
        if (id) this._tabs.announce(id, { kind: 'refused', status: 0, reason: 'the stored record was unreadable (corrupted or from an unknown SDK version); set aside', code: 'unreadable' }, true);
      }
    }
    return found.sort((a, b) => a.record.createdAt - b.record.createdAt || (a.key < b.key ? -1 : 1));
  }

  /** A timer for the earliest record that is waiting (backoff, Retry-After, another tab's lease). */
  private async _scheduleNext(): Promise<void> {
    const records = (await this._queued()).map((located) => located.record);
    const at = nextWake(records, this.now(), (record) => this._endpoint(record));
    if (at !== undefined) this._schedule(at);
  }

  private _schedule(at: number, trigger: Trigger = 'due'): void {
    if (this._stopped) return;
    clearTimeout(this._timer);
    this._timer = setTimeout(trigger === 'due' ? this._due : () => void this._run(trigger), Math.max(0, at - this.now()));
  }

  /** A rating's state as the stores tell it: still queued, delivered (with the status the sender left) or set aside. */
  private async _whereIs(id: string): Promise<'queued' | Outcome> {
    let sent: Outcome | undefined;
    let dead: Outcome | undefined;
    for (const kv of await this._storesReady()) {
      if (readRecord(await kv.get(QUEUED + id))) return 'queued';
      const marker = (await kv.get(SENT + id)) as { status: number } | undefined;
      if (marker) {
        await kv.del(SENT + id);
        sent = { kind: 'sent', status: marker.status };
      }
      const letter = (await kv.get(DEAD + id)) as Partial<OutboxRecord> | undefined;
      if (letter) dead = { kind: 'refused', status: letter.lastStatus ?? 0, reason: letter.lastError ?? 'set aside', code: letter.state === 'expired' ? 'expired' : letter.lastStatus === 409 ? 'already-rated' : 'refused' };
    }
    // Gone without a trace (storage cleared, or a sender that kept no status): nothing certain to say.
    return sent ?? dead ?? 'queued';
  }

  /** Offers an outcome to this page's widgets; true when one of them claimed it. */
  private _offer(id: string, outcome: Outcome): boolean {
    const event = new CustomEvent('outcome', { detail: { id, outcome }, cancelable: true });
    this.dispatchEvent(event);
    return event.defaultPrevented;
  }
}

/** The page's one outbox: every widget on the page shares it. The SDK copy that registers `<hcp-rating>` starts it. */
export const outbox = new Outbox();
