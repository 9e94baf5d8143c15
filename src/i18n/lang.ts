import { pageDefaults } from '../defaults.js';
import { resolveLocale, type Locale } from './messages.js';

/**
 * The language a widget (the element or the launcher) speaks, first found of: its own `lang`
 * attribute; the page default (`data-lang` on the script tag, `Haochaping.configure({ lang })`),
 * which an integrator sets on purpose; the nearest ancestor's `lang` (the page's language);
 * zh-CN. Written once, so that both always agree.
 */
export function localeOf(el: Element): Locale {
  const pageLang = pageDefaults().lang;
  return resolveLocale(el.getAttribute('lang') || (typeof pageLang === 'string' && pageLang) || inheritedLang(el));
}

/**
 * The language an element is in: its own `lang`, else the nearest ancestor's, looking through
 * shadow roots to their hosts (a widget inside another component's shadow DOM still follows
 * the page), else `undefined`.
 */
export function inheritedLang(el: Element): string | undefined {
  for (let node: Element | null = el; node; ) {
    const found = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? undefined;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` whenever any `lang` attribute in the document changes (a page switching
 * language without reloading). One observer serves every widget; it stops with the last one.
 */
export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer && typeof MutationObserver === 'function') {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
