import type { PageDefaults } from './defaults.js';
import { ATTRIBUTE_KEYS, kebab } from './config/options.js';

/** `data-*` names on the script tag that become page defaults: the element's attributes, in dataset form. */
const SETTINGS = new Set<string>([...ATTRIBUTE_KEYS, 'lang', 'styleNonce']);

/** Read by other parts of the script-tag entry (e.g. the launcher), not page defaults. */
const OWN = new Set(['launcher']);

/**
 * The script tag that loaded the bundle. `document.currentScript` is set while a classic
 * script first runs (also with `defer`/`async` and when inserted by code), but is null in a
 * shadow tree or when a loader evaluates the file: then the last haochaping script tag.
 */
export function findScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const tags = document.querySelectorAll<HTMLScriptElement>('script[src*="haochaping"]');
  return tags[tags.length - 1];
}

/**
 * Page defaults from the script tag's `data-*` attributes (`data-task-code` → `taskCode`).
 * An unknown name is most likely a typo: it is reported, not silently ignored.
 */
export function scriptDefaults(script: HTMLScriptElement): PageDefaults {
  const defaults: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(script.dataset)) {
    if (SETTINGS.has(key)) defaults[key] = value ?? '';
    else if (!OWN.has(key)) unknown.push(`data-${kebab(key)}`);
  }
  if (unknown.length) {
    console.warn(
      `haochaping: ${unknown.join(', ')} on the script tag ${unknown.length > 1 ? 'are' : 'is'} not a setting and ${unknown.length > 1 ? 'are' : 'is'} ignored. ` +
        `Settings: ${[...SETTINGS].map((k) => `data-${kebab(k)}`).join(', ')}.`,
    );
  }
  return defaults;
}
