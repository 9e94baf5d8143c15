import type { RawConfig } from './config/options.js';
import { applyStyleNonce } from './style-nonce.js';
import { root } from './floor.js';

/**
 * Page-wide defaults from `Haochaping.configure()` and the script tag's `data-*`
 * attributes (plus `lang`, the default language). An element's own attributes and
 * properties win over them.
 */
export type PageDefaults = RawConfig & { lang?: unknown };

interface Shared {
  current: PageDefaults;
  changes: EventTarget;
}

// One store per page, whichever copy of the SDK (script tag, npm bundle, loaded twice) calls
// configure(): the element that is registered must see every copy's defaults.
const KEY = Symbol.for('haochaping.defaults');
const shared: Shared = ((root as { [KEY]?: Shared })[KEY] ??= { current: {}, changes: new EventTarget() });

export function pageDefaults(): PageDefaults {
  return shared.current;
}

/** Merges `defaults` into the page defaults; every mounted widget picks them up at once. */
export function configure(defaults: PageDefaults & { styleNonce?: string }): void {
  // Page-wide, not a widget setting: it goes to Lit, never into the configuration.
  const { styleNonce, ...rest } = defaults;
  if (styleNonce !== undefined) applyStyleNonce(styleNonce);
  shared.current = { ...shared.current, ...rest };
  shared.changes.dispatchEvent(new Event('change'));
}

export function onDefaultsChange(listener: () => void): () => void {
  shared.changes.addEventListener('change', listener);
  return () => shared.changes.removeEventListener('change', listener);
}
