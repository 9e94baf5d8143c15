/**
 * An `hcp-*` event as every one of them is built: bubbling and composed (it crosses shadow
 * roots), so a listener on the element, the document or `window` hears it. The element
 * dispatches through `emit` (src/events.ts, typed by the event map); the outbox's `window`
 * fallback through `pageEvent` (src/outbox/outcome.ts).
 */
export const hcpEvent = <T>(name: string, detail: T, cancelable = false): CustomEvent<T> =>
  new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
