/**
 * `haochaping`: importing this module registers `<hcp-rating>` (once per page, however
 * many copies of the SDK the page loads) and exposes the page-wide API.
 */
import { HcpRating } from './rating/hcp-rating.js';
import { outbox, type FlushResult } from './outbox/outbox.js';
import { version } from './version.js';
import { adoptMetaNonce } from './style-nonce.js';
import { root } from './floor.js';

export { HcpRating, version };
export { configure } from './defaults.js';
export type { Messages, Locale } from './i18n/messages.js';
export type { Transport, TransportRequest, TransportResponse } from './outbox/transport.js';
export type { FlushResult } from './outbox/outbox.js';
export type { Evaluation } from './schema/payload.js';
export type { Catalog, Tag } from './schema/catalog.js';
export { ConfigError } from './config/parse.js';
export type { ConfigErrorCode, ConfigIssue } from './config/parse.js';
export type { RawConfig, ConfigProperties, ConfigAttributes } from './config/options.js';
export type * from './events.js';

// The copy that registered <hcp-rating> owns the page's outbox; other copies forward to it.
const ACTIVE = Symbol.for('haochaping.outbox');
type OutboxApi = Pick<typeof outbox, 'flush' | 'pending'>;
const activeOutbox = (): OutboxApi => (root as { [ACTIVE]?: OutboxApi })[ACTIVE] ?? outbox;

/** Tries to deliver every queued rating now. */
export function flush(): Promise<FlushResult> {
  return activeOutbox().flush();
}

/** How many ratings wait for delivery. */
export function pending(): Promise<number> {
  return activeOutbox().pending();
}

const existing = customElements.get('hcp-rating');
if (!existing) {
  // Before define: elements already in the page upgrade (and write their styles) right here.
  adoptMetaNonce();
  customElements.define('hcp-rating', HcpRating);
  (root as { [ACTIVE]?: OutboxApi })[ACTIVE] = outbox;
  // Once the page's scripts have run: ratings from earlier visits go out. An inactive copy's
  // outbox never starts, so a page that loads the SDK twice has one sender, not two.
  // Not on a server (Lit's SSR build defines customElements): nothing to deliver there, and its
  // BroadcastChannel would keep the process alive.
  if (typeof window !== 'undefined') setTimeout(() => outbox.start(), 0);
} else if (existing !== HcpRating) {
  // Two copies (say the script tag and an npm bundle): the first one stays in charge.
  console.warn(
    `haochaping ${version}: <hcp-rating> is already registered by another copy of the SDK; this copy stays inactive. Load haochaping once per page.`,
  );
}
