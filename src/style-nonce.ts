import { root } from './floor.js';

/**
 * Strict-CSP pages in browsers without constructable stylesheets: Lit then writes the
 * widget's styles into `<style>` elements, which `style-src 'self'` blocks unless they carry
 * the page's nonce. Lit takes that nonce from `window.litNonce`; `Haochaping.configure({
 * styleNonce })` (or `data-style-nonce` on the script tag) sets it without replacing one the
 * page already set for its own Lit components.
 */
export function applyStyleNonce(nonce: unknown): void {
  if (typeof nonce !== 'string' || !/^[A-Za-z0-9+/_=-]{1,256}$/.test(nonce)) {
    console.error('haochaping: styleNonce must be the nonce of the page\'s style-src (base64 characters), e.g. configure({ styleNonce: "r4nd0m" }); ignored.');
    return;
  }
  const global = root as { litNonce?: string };
  if (global.litNonce === undefined) global.litNonce = nonce;
  else if (global.litNonce !== nonce) console.warn('haochaping: window.litNonce is already set; keeping it and ignoring styleNonce.');
}

/**
 * The nonce of a `<meta property="csp-nonce" nonce="…">` (the convention of Vite's
 * `html.cspNonce`), applied before `<hcp-rating>` is defined, so that an ES module import needs
 * no code of the page's: an element already in the page upgrades during `define` and writes
 * its `<style>` then. `nonce` is read as the property: browsers hide the attribute's value.
 */
export function adoptMetaNonce(): void {
  if (typeof document === 'undefined' || (root as { litNonce?: string }).litNonce !== undefined) return;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta && (meta.nonce || meta.getAttribute('nonce'));
  if (nonce) applyStyleNonce(nonce);
}
