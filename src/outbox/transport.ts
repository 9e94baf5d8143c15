import { classify, type Outcome } from './outcome.js';

/** One HTTP attempt, as the outbox asks for it. */
export interface TransportRequest {
  url: string;
  /** The JSON body, already serialised. */
  body: string;
  /** Includes `Content-Type` and `Idempotency-Key`. */
  headers: Record<string, string>;
  credentials: 'omit' | 'include';
  signal: AbortSignal;
  /**
   * Whether the request must outlive the page: set while the page is hidden or going away.
   * Otherwise left off: Chromium sends keepalive requests ~1.5× slower and caps them in flight.
   */
  keepalive?: boolean;
}

/** What the outbox needs to know of the answer. */
export interface TransportResponse {
  status: number;
  /** The raw `Retry-After` header, if the server sent one. */
  retryAfter?: string | null;
  /** The `Content-Type` of the answer: a `200 text/html` is a captive portal, not the endpoint. */
  contentType?: string | null;
}

/**
 * Sends one attempt. Resolve with the HTTP status, reject on a network failure.
 * A custom transport (the `transport` property) may wrap a native bridge of a 政务 app.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Chromium refuses keepalive bodies above 64 KiB in total; stay well below. */
export const KEEPALIVE_LIMIT = 48 * 1024;

/**
 * Chromium before 81 refuses a keepalive request that needs a CORS preflight, and ours always does
 * (JSON, `Idempotency-Key`), even same-origin. The refusal is a plain "Failed to fetch", like a
 * network failure (seen in real Chromium 69 and 80), so a failed keepalive request is sent again
 * without keepalive; if that one is answered, keepalive was refused, and this page stops asking.
 * A request that dies with the page leaves its record queued, resent (same id) on the next visit.
 */
let keepaliveRefused = false;

/** Whether a request with this body can ask for keepalive here. */
const canKeepAlive = (body: string): boolean => body.length < KEEPALIVE_LIMIT && !keepaliveRefused;

export const fetchTransport: Transport = async (request) => {
  const init: RequestInit = {
    method: 'POST',
    body: request.body,
    headers: request.headers,
    credentials: request.credentials,
    signal: request.signal,
    // The page address may carry personal data in its query; the payload has the clean one.
    referrerPolicy: 'strict-origin',
  };
  // Asked for while the page goes away: lets the request outlive a tab closed right after
  // “提交”. Its answer then reaches nobody, so the record stays queued and is resent (same id)
  // on the next visit.
  const keepalive = Boolean(request.keepalive) && canKeepAlive(request.body);
  let response: Response;
  try {
    response = await fetch(request.url, { ...init, keepalive });
  } catch (error) {
    if (!keepalive || request.signal.aborted) throw error;
    response = await fetch(request.url, { ...init, keepalive: false });
    keepaliveRefused = true;
  }
  const answer = {
    status: response.status,
    retryAfter: response.headers.get('Retry-After'),
    contentType: response.headers.get('Content-Type'),
  };
  // Nobody reads the body. Left unread, a keepalive request stays in Chromium's 64 KiB
  // in-flight budget, and after ~160 ratings every later keepalive send fails (npm run bench).
  await response.body?.cancel().catch(() => undefined);
  return answer;
};

/**
 * One attempt: `request` through `transport`, as an outcome. It ends at `timeoutMs` (and aborts
 * the request) even when a custom transport ignores the signal. A fetch without keepalive hands
 * `onCopy` a function that sends a keepalive copy of it (the page is going away): the first
 * answer of either counts, a failure only once both have failed. No copy where keepalive was
 * refused: it would be the same request again, no likelier to outlive the page.
 */
export async function attempt(
  transport: Transport,
  request: Omit<TransportRequest, 'signal'>,
  timeoutMs: number,
  onCopy?: (copy: () => void) => void,
): Promise<Outcome> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const response = await new Promise<TransportResponse>((resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error('timeout'));
      }, timeoutMs);
      let open = 0;
      const send = (keepalive?: boolean) => {
        open++;
        new Promise<TransportResponse>((done) => done(transport({ ...request, keepalive, signal: controller.signal }))).then(resolve, (error) => --open || reject(error));
      };
      send(request.keepalive);
      if (transport === fetchTransport && !request.keepalive && canKeepAlive(request.body)) onCopy?.(() => send(true));
    });
    return classify(response.status, response.retryAfter, response.contentType);
  } catch (error) {
    return { kind: 'retry', reason: controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : `network error: ${(error as Error)?.message ?? error}` };
  } finally {
    clearTimeout(timer);
  }
}
