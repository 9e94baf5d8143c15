/** What an attempt's result means for the rating (SPEC §5). */
export type Outcome =
  | { kind: 'sent'; status: number }
  /** Refused for good (400, 413, 422): set aside as a dead letter. */
  | { kind: 'refused'; status: number; reason: string }
  /** The endpoint is misconfigured (401, 403, 404, 410): keep the rating, pause the endpoint. */
  | { kind: 'paused'; status: number; reason: string }
  /** Worth trying again (network error, timeout, 408, 425, 429, 5xx). */
  | { kind: 'retry'; status?: number; reason: string; retryAfter?: string | null };

const REFUSED = new Set([400, 413, 422]);
const RETRYABLE = new Set([408, 425, 429]);

export function classify(status: number, retryAfter?: string | null): Outcome {
  if (status >= 200 && status < 300) return { kind: 'sent', status };
  if (REFUSED.has(status)) return { kind: 'refused', status, reason: `the endpoint refused the rating (HTTP ${status})` };
  if (RETRYABLE.has(status) || status >= 500 || status < 200) {
    return { kind: 'retry', status, reason: `the endpoint answered HTTP ${status}`, retryAfter };
  }
  // 401, 403, 404, 410 and any other answer a server should not give to a valid rating:
  // a configuration matter, never a reason to throw the rating away.
  return { kind: 'paused', status, reason: `the endpoint answered HTTP ${status}: check endpoint, headers and credentials` };
}
