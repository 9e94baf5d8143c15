/**
 * The `hcp-*` events (README, “Events”) as types: `el.addEventListener('hcp-sent', (e) => e.detail.id)`
 * is typed once `haochaping` is imported. All bubble and are composed.
 */
import type { ConfigIssue } from './config/parse.js';
import type { Evaluation } from './schema/payload.js';
import type { HcpFailedDetail, HcpSentDetail } from './outbox/outcome.js';
import { hcpEvent } from './page-event.js';
import type { Enqueued } from './outbox/outbox.js';

// The details the outbox produces are defined where it produces them (src/outbox/).
export type { FailureCode, HcpFailedDetail, HcpSentDetail } from './outbox/outcome.js';

/** `hcp-queued`: the outbox accepted the rating; `durable` when it survives a closed tab. */
export type HcpQueuedDetail = Enqueued;

/** `hcp-error`: configuration problems, each naming the attribute. */
export interface HcpErrorDetail {
  issues: ConfigIssue[];
}

/** Cancelable, before queueing; `detail` is the frozen canonical payload. */
export type HcpSubmitEvent = CustomEvent<Readonly<Evaluation>>;
export type HcpQueuedEvent = CustomEvent<HcpQueuedDetail>;
export type HcpSentEvent = CustomEvent<HcpSentDetail>;
export type HcpFailedEvent = CustomEvent<HcpFailedDetail>;
export type HcpErrorEvent = CustomEvent<HcpErrorDetail>;

/** Event names to event types, for typed listeners in frameworks. */
export interface HcpRatingEventMap {
  'hcp-submit': HcpSubmitEvent;
  'hcp-queued': HcpQueuedEvent;
  'hcp-sent': HcpSentEvent;
  'hcp-failed': HcpFailedEvent;
  'hcp-error': HcpErrorEvent;
}

/** `hcp-sent` → `hcpSent`: the camelCase form frameworks derive their listener props from. */
export type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/**
 * Dispatches `name` on `target` with its typed `detail`, bubbling and composed as every `hcp-*`
 * event; `false` when a listener cancelled it (only `hcp-submit` is `cancelable`).
 */
export function emit<K extends keyof HcpRatingEventMap>(
  target: EventTarget,
  name: K,
  detail: HcpRatingEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(hcpEvent(name, detail, cancelable));
}

declare global {
  // Events bubble, so listeners on any element, the document or window see them typed.
  interface HTMLElementEventMap extends HcpRatingEventMap {}
  interface WindowEventMap extends HcpRatingEventMap {}
  interface DocumentEventMap extends HcpRatingEventMap {}
}
