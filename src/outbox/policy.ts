/**
 * The outbox's decisions, apart from its machinery: what a stored record is, whether it may be
 * sent now, how long a failing endpoint waits, when a record expires and when to look again.
 * Pure: no DOM, no storage, no clock and no randomness of its own (`now` and `random` are
 * passed in), so every rule can be tested with a fake clock (test/node/outbox-policy.test.mjs).
 */
import type { Evaluation } from '../schema/payload.js';
import { PAYLOAD_SCHEMA } from '../schema/domain.js';
import type { Format } from '../schema/domain.js';
import { retryAfterMs } from './outcome.js';
import { fromEntries } from '../floor.js';

export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;

/** A queued rating as stored. Version 1; anything else is set aside, never guessed at. */
export interface OutboxRecord {
  v: 1;
  id: string;
  payload: Evaluation;
  endpoint: string;
  format: Format;
  withCredentials: boolean;
  headers: Record<string, string>;
  /** Sent through a page-supplied transport, not fetch. */
  custom: boolean;
  /** Milliseconds, on the outbox's clock. */
  createdAt: number;
  attempts: number;
  nextAt: number;
  state: 'pending' | 'refused' | 'expired' | 'unreadable';
  /** While in the future, some tab is sending this record. */
  leaseUntil: number;
  lastError?: string;
  lastStatus?: number;
}

/** The timings the rules use (the outbox's options). */
export interface Timings {
  /** How long a claimed record stays another tab's before it may be resent. */
  leaseMs: number;
  /** First backoff step and its cap (full jitter between them). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Age after which a record is set aside as expired. */
  ttlMs: number;
}

/** What this page knows of one endpoint (none of it is stored). */
export interface EndpointState {
  /** Paused after a 401/403/404/410, until a new rating or `flush()`. */
  paused?: boolean;
  /** The record needs a page-supplied transport: whether this page supplied it. */
  transport?: boolean;
  /** When the endpoint's `Retry-After` ends (honoured even by `flush()`). */
  retryAfterUntil?: number;
  /** When the endpoint's backoff ends (skipped by a wake-up or `flush()`). */
  backoffUntil?: number;
}

/** A time further ahead than this is a clock that jumped back: stale, treated as now. */
const WAIT_HORIZON = 2 * HOUR;

/** `t` lies ahead of `now`, but no further than `horizon`: beyond that the clock jumped back and `t` is stale. */
export function isFuture(t: number, now: number, horizon: number): boolean {
  return t > now && t - now <= horizon;
}

export const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));

/** Some tab holds the record for an attempt (a lease more than two lease-lengths ahead is stale). */
export function leased(record: OutboxRecord, now: number, leaseMs: number): boolean {
  return isFuture(record.leaseUntil, now, leaseMs * 2);
}

/** Due, not leased by another tab, its endpoint neither paused nor told to wait, and sendable from this page. */
export function sendable(record: OutboxRecord, now: number, leaseMs: number, endpoint: EndpointState, ignoreBackoff: boolean): boolean {
  if (endpoint.paused) return false;
  if (record.custom && !endpoint.transport) return false;
  if (leased(record, now, leaseMs)) return false;
  if (isFuture(endpoint.retryAfterUntil ?? 0, now, WAIT_HORIZON)) return false;
  if (ignoreBackoff) return true;
  return !isFuture(record.nextAt, now, WAIT_HORIZON) && !isFuture(endpoint.backoffUntil ?? 0, now, WAIT_HORIZON);
}

/** Older than the time to live, and not in another tab's hands: set aside as expired. */
export function expired(record: OutboxRecord, now: number, ttlMs: number, leaseMs: number): boolean {
  return now - record.createdAt > ttlMs && !leased(record, now, leaseMs);
}

/** The dead letter's reason for an expired record. */
export const expiredReason = (ttlMs: number): string => `expired: not delivered within ${+(ttlMs / DAY).toPrecision(2)} days; set aside`;

/**
 * The claimed copy of a stored value for one attempt (attempt counted, lease taken), or
 * `undefined` when it is not a pending record or another tab holds it.
 */
export function claim(stored: unknown, now: number, leaseMs: number): OutboxRecord | undefined {
  const record = readRecord(stored);
  if (!record || record.state !== 'pending' || leased(record, now, leaseMs)) return undefined;
  return { ...record, attempts: record.attempts + 1, leaseUntil: now + leaseMs };
}

/** Exponential backoff with full jitter: a random wait up to base·2^(n−1), at least base, at most max. */
export function backoff(attempts: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, attempts - 1));
  return baseDelayMs + random() * (ceiling - baseDelayMs);
}

/**
 * A `Retry-After` (seconds or an HTTP date, read against the wall clock `wallNow`) as a wait
 * of one second to one hour; `undefined` when absent or unreadable (then: backoff).
 */
export function retryAfterWait(header: string | null | undefined, wallNow: number): number | undefined {
  const server = retryAfterMs(header, wallNow);
  return server === undefined ? undefined : clamp(server, SECOND, HOUR);
}

/**
 * How long to wait after an attempt worth retrying (`attempts` counts it): the server's
 * `Retry-After`, clamped (then `server` is true: the whole endpoint waits, even on `flush()`),
 * else the jittered backoff of that attempt. `wallNow` is the wall clock (for an HTTP date).
 */
export function retryWait(
  retryAfter: string | null | undefined,
  attempts: number,
  wallNow: number,
  timings: Pick<Timings, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): [wait: number, server: boolean] {
  const server = retryAfterWait(retryAfter, wallNow);
  return server === undefined ? [backoff(attempts, timings.baseDelayMs, timings.maxDelayMs, random), false] : [server, true];
}

/**
 * When to look at the queue again: the earliest time one of `records` stops waiting (backoff,
 * `Retry-After`, another tab's lease), `now` for one that waits for nothing, `undefined` when
 * none can be sent from this page (paused, or its transport missing) or there are none.
 */
export function nextWake(records: readonly OutboxRecord[], now: number, endpoint: (record: OutboxRecord) => EndpointState): number | undefined {
  let earliest = Infinity;
  for (const record of records) {
    const state = endpoint(record);
    if (state.paused || (record.custom && !state.transport)) continue;
    const candidates = [record.nextAt, record.leaseUntil, state.retryAfterUntil ?? 0, state.backoffUntil ?? 0];
    earliest = Math.min(earliest, Math.max(...candidates.map((t) => (isFuture(t, now, WAIT_HORIZON) ? t : now))));
  }
  return earliest < Infinity ? earliest : undefined;
}

/** A stored value as a version-1 pending record, or `undefined` when it is anything else. */
export function readRecord(value: unknown): OutboxRecord | undefined {
  const r = value as Partial<OutboxRecord> | null | undefined;
  if (!r || typeof r !== 'object' || r.v !== 1 || r.state !== 'pending') return undefined;
  const numbers = [r.createdAt, r.attempts, r.nextAt, r.leaseUntil];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if (typeof r.id !== 'string' || !r.payload || r.payload.id !== r.id || r.payload.schema !== PAYLOAD_SCHEMA) return undefined;
  // Only ever an absolute http(s) address: storage is not trusted to name where ratings go.
  if (typeof r.endpoint !== 'string' || !/^https?:\/\//i.test(r.endpoint)) return undefined;
  if (typeof r.headers !== 'object' || r.headers === null) return undefined;
  return r as OutboxRecord;
}

/** Where and how a new record is delivered (the parts of a `Target` that can be stored). */
export interface StoredTarget {
  endpoint: string;
  headers: Record<string, string>;
  withCredentials: boolean;
  format: Format;
  custom: boolean;
}

/** A new record for `payload`, due at once. */
export function newRecord(payload: Evaluation, target: StoredTarget, now: number): OutboxRecord {
  return {
    v: 1,
    id: payload.id,
    payload,
    endpoint: target.endpoint,
    format: target.format,
    withCredentials: target.withCredentials,
    headers: extraHeaders(target.headers),
    custom: target.custom,
    createdAt: now,
    attempts: 0,
    nextAt: now,
    state: 'pending',
    leaseUntil: 0,
  };
}

/** The page's own headers, minus any that would change the contract's `Content-Type` or `Idempotency-Key`. */
export function extraHeaders(headers: Record<string, string>): Record<string, string> {
  return fromEntries(Object.entries(headers).filter(([name]) => !/^(content-type|idempotency-key)$/i.test(name)));
}

/** The flusher lease as stored (`l:flusher`). */
export interface Lease {
  owner?: string;
  until?: number;
}

/** Another flusher (not `me`) holds the lease; one far in the future is a clock that jumped back, not a live flusher. */
export function leaseHeld(stored: unknown, me: string, now: number, leaseMs: number): boolean {
  const lease = stored as Lease | undefined;
  return lease?.owner !== me && typeof lease?.until === 'number' && lease.until > now && lease.until < now + 2 * leaseMs;
}

/** A delivery marker (`s:`) no tab came for is dropped after an hour. */
export function markerStale(stored: unknown, now: number): boolean {
  return !((stored as { at?: number } | undefined)?.at! > now - HOUR);
}
