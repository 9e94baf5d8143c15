import type { Evaluation } from '../schema/payload.js';
import { isoWithOffset } from '../payload/time.js';
import { toGovCn } from '../schema/gov-cn.js';
import type { Format } from '../schema/config.js';
import { classify, type Outcome } from './outcome.js';
import { fetchTransport, type Transport } from './transport.js';

/** Where and how a rating is delivered. */
export interface Target {
  /** Absolute URL. */
  endpoint: string;
  headers: Record<string, string>;
  withCredentials: boolean;
  /** The body's field names: canonical, or those of provincial systems. */
  format: Format;
  transport?: Transport;
}

export interface Enqueued {
  id: string;
  /** Whether the rating survives a closed tab. */
  durable: boolean;
}

export interface FlushResult {
  sent: number;
  pending: number;
  failed: number;
}

/** Dispatched once a rating is accepted, before any attempt to deliver it. */
export type QueuedEvent = CustomEvent<Enqueued>;
/** Dispatched for each attempt's result. */
export type OutcomeEvent = CustomEvent<{ id: string; outcome: Outcome }>;

interface OutboxRecord {
  payload: Evaluation;
  target: Target;
  attempts: number;
}

const TIMEOUT_MS = 15_000;

/**
 * Holds accepted ratings until an endpoint has stored them. Announces each accepted rating
 * with a `queued` event, then every attempt's result with an `outcome` event. This first
 * version keeps records in memory only (`durable: false`); the element depends on nothing
 * more than this interface.
 */
export class Outbox extends EventTarget {
  private _records = new Map<string, OutboxRecord>();
  private _failed = 0;
  private _flushing?: Promise<FlushResult>;

  /** Accepts a rating. Enqueuing the same id twice keeps one record. */
  async enqueue(payload: Evaluation, target: Target): Promise<Enqueued> {
    const queued: Enqueued = { id: payload.id, durable: false };
    if (this._records.has(payload.id)) return queued;
    this._records.set(payload.id, { payload, target, attempts: 0 });
    // Synchronous, so listeners hear of the rating before any delivery can settle it.
    this.dispatchEvent(new CustomEvent('queued', { detail: queued }));
    void this.flush();
    return queued;
  }

  /** Tries every pending rating once; concurrent calls share one pass. */
  flush(): Promise<FlushResult> {
    this._flushing ??= this._deliverAll().finally(() => (this._flushing = undefined));
    return this._flushing;
  }

  async pending(): Promise<number> {
    return this._records.size;
  }

  private async _deliverAll(): Promise<FlushResult> {
    let sent = 0;
    const tried = new Set<string>();
    // Records enqueued while a pass runs join that pass.
    for (let entry = this._untried(tried); entry; entry = this._untried(tried)) {
      const [id, record] = entry;
      tried.add(id);
      const outcome = await this._attempt(record);
      if (outcome.kind === 'sent' || outcome.kind === 'refused') this._records.delete(id);
      if (outcome.kind === 'sent') sent++;
      if (outcome.kind === 'refused') this._failed++;
      this.dispatchEvent(new CustomEvent('outcome', { detail: { id, outcome } }));
    }
    return { sent, pending: this._records.size, failed: this._failed };
  }

  private _untried(tried: Set<string>): [string, OutboxRecord] | undefined {
    for (const entry of this._records) if (!tried.has(entry[0])) return entry;
    return undefined;
  }

  private async _attempt(record: OutboxRecord): Promise<Outcome> {
    record.attempts++;
    const { payload, target } = record;
    const stamped = { ...payload, sentAt: isoWithOffset(new Date()), attempt: record.attempts };
    const body = JSON.stringify(target.format === 'gov-cn' ? toGovCn(stamped) : stamped);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await (target.transport ?? fetchTransport)({
        url: target.endpoint,
        body,
        headers: { ...extraHeaders(target.headers), 'Content-Type': 'application/json', 'Idempotency-Key': payload.id },
        credentials: target.withCredentials ? 'include' : 'omit',
        signal: controller.signal,
      });
      return classify(response.status, response.retryAfter);
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : `network error: ${(error as Error)?.message ?? error}`;
      return { kind: 'retry', reason };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The page's own headers, minus any that would change the contract's `Content-Type` or `Idempotency-Key`. */
function extraHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !/^(content-type|idempotency-key)$/i.test(name)),
  );
}

/** The page's one outbox: every widget on the page shares it. */
export const outbox = new Outbox();
