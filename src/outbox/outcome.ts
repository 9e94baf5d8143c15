import { hcpEvent } from '../page-event.js';

/**
 * Why a rating was set aside, as `hcp-failed`'s `code`: refused by the endpoint (400, 413,
 * 422), its transaction already rated there (409, server-side 一次一评), expired, not queued
 * because the queue is full or no store took it, or a stored record that could not be read.
 */
export type FailureCode = 'refused' | 'already-rated' | 'expired' | 'full' | 'unstorable' | 'unreadable';

/** `hcp-sent`: the endpoint answered 2xx. */
export interface HcpSentDetail {
  id: string;
  status: number;
}

/**
 * `hcp-failed`: the rating was set aside. `code` says why, so a page can tell a refusal from an
 * expiry or a full queue without parsing `reason` (which is for people and logs).
 */
export interface HcpFailedDetail {
  id: string;
  /** The endpoint's HTTP status; 0 when it never answered (expired, full, unstorable, unreadable). */
  status: number;
  reason: string;
  code: FailureCode;
}

/** What an attempt's result means for the rating (README, “Delivery guarantees”). */
export type Outcome =
  | { kind: 'sent'; status: number }
  /** Set aside as a dead letter: refused for good, already rated, expired or unreadable. */
  | { kind: 'refused'; status: number; reason: string; code: FailureCode }
  /** The endpoint is misconfigured (401, 403, 404, 410): keep the rating, pause the endpoint. */
  | { kind: 'paused'; status: number; reason: string }
  /** Worth trying again (network error, timeout, 408, 425, 429, 5xx, a captive portal's page). */
  | { kind: 'retry'; status?: number; reason: string; retryAfter?: string | null };

/**
 * How the page hears of a final outcome: `hcp-sent` for a delivery, `hcp-failed` for a
 * refusal (bubbling, composed); `undefined` for outcomes that leave the rating queued.
 * One definition for the widget that shows the rating and for the outbox's `window` fallback.
 */
export function pageEvent(id: string, outcome: Outcome): CustomEvent<HcpSentDetail> | CustomEvent<HcpFailedDetail> | undefined {
  if (outcome.kind === 'sent') return hcpEvent<HcpSentDetail>('hcp-sent', { id, status: outcome.status });
  if (outcome.kind === 'refused') {
    const { status, reason, code } = outcome;
    return hcpEvent<HcpFailedDetail>('hcp-failed', { id, status, reason, code });
  }
  return undefined;
}

const REFUSED = new Set([400, 413, 422]);
const RETRYABLE = new Set([408, 425, 429]);

/**
 * `contentType` matters for one case: a hotel or hall Wi-Fi login page (captive portal)
 * answers any request with `200 text/html`. An evaluation endpoint never does, so that
 * answer means the rating did not reach it: retry, never count it as delivered.
 */
export function classify(status: number, retryAfter?: string | null, contentType?: string | null): Outcome {
  if (status === 200 && /^\s*text\/html/i.test(contentType ?? '')) {
    return { kind: 'retry', status, reason: 'the answer was a web page (HTTP 200 text/html), as from a Wi-Fi login portal, not the endpoint' };
  }
  if (status >= 200 && status < 300) return { kind: 'sent', status };
  if (REFUSED.has(status)) return { kind: 'refused', status, reason: `the endpoint refused the rating (HTTP ${status})`, code: 'refused' };
  if (status === 409) {
    return { kind: 'refused', status, reason: 'the endpoint already holds a rating of this transaction (HTTP 409: 一次一评)', code: 'already-rated' };
  }
  if (RETRYABLE.has(status) || status >= 500 || status < 200) {
    return { kind: 'retry', status, reason: `the endpoint answered HTTP ${status}`, retryAfter };
  }
  // 401, 403, 404, 410 and any other answer a server should not give to a valid rating:
  // a configuration matter, never a reason to throw the rating away.
  return { kind: 'paused', status, reason: `the endpoint answered HTTP ${status}: check endpoint, headers and credentials` };
}

/**
 * `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; `undefined`
 * when absent or unreadable (also when a cross-origin server did not expose it).
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date - now;
}
