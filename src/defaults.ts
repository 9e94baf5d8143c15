import type { RawConfig } from './schema/config.js';
import { applyStyleNonce } from './style-nonce.js';

/**
 * Page-wide defaults from `Haochaping.configure()` and the script tag's `data-*`
 * attributes. An element's own attributes and properties win over them.
 */
let current: RawConfig = {};
const changes = new EventTarget();

export function pageDefaults(): RawConfig {
  return current;
}

/** Merges `defaults` into the page defaults; every mounted widget picks them up at once. */
export function configure(defaults: RawConfig & { styleNonce?: string }): void {
  // Page-wide, not a widget setting: it goes to Lit, never into the configuration.
  const { styleNonce, ...rest } = defaults;
  if (styleNonce !== undefined) applyStyleNonce(styleNonce);
  current = { ...current, ...rest };
  changes.dispatchEvent(new Event('change'));
}

export function onDefaultsChange(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}
