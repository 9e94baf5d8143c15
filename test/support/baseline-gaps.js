/**
 * What the oldest engines of the promise (package.json `browserslist`: Chrome/WebView 90,
 * Firefox 115 ESR, Safari/iOS 15.0) lack of what the SDK uses, and how the SDK copes. Written
 * once, read twice:
 *
 * - the static gate (scripts/compat.mjs) lets exactly these features through: every other
 *   feature an engine of the promise lacks fails `npm test`;
 * - the baseline profile (test/support/baseline-profile.js) removes each `remove` path, and
 *   applies each `emulate` rewrite to our styles, before the SDK loads, and the core browser
 *   suites run again in Chromium without them (web-test-runner.config.mjs, group `baseline`).
 *
 * An entry is allowed only because the code feature-detects it and the profile run proves the
 * fallback. Plain JavaScript (no TypeScript), so that Node and the browser import the same file.
 */

/**
 * @typedef {object} Gap
 * @property {string} feature  What it is, in words.
 * @property {string} lacks    The engines of the promise without it.
 * @property {string} fallback What the SDK does without it.
 * @property {string[]} [remove]  Global paths the baseline profile deletes (`a.b.c`: property `c` of `a.b`).
 * @property {string[]} [compat]  Names eslint-plugin-compat reports it under (its `polyfills` setting).
 * @property {string[]} [css]     doiuse feature ids.
 * @property {[string, string][]} [emulate] Text rewrites the profile applies to our styles (CSS cannot be deleted).
 */

/** @type {Gap[]} */
export const gaps = [
  {
    feature: 'Constructable stylesheets (adoptedStyleSheets)',
    lacks: 'Safari < 16.4',
    fallback: "Lit writes <style> elements carrying window.litNonce, set from data-style-nonce before any element upgrades",
    remove: ['Document.prototype.adoptedStyleSheets', 'ShadowRoot.prototype.adoptedStyleSheets', 'CSSStyleSheet.prototype.replace', 'CSSStyleSheet.prototype.replaceSync'],
    compat: ['Document.adoptedStyleSheets', 'document.adoptedStyleSheets', 'ShadowRoot.adoptedStyleSheets', 'CSSStyleSheet.replace', 'CSSStyleSheet.replaceSync'],
  },
  {
    feature: '<dialog> showModal() and close()',
    lacks: 'Safari < 15.4',
    fallback: 'the launcher opens the dialog itself: a fixed box over a backdrop, aria-modal, focus kept inside, Escape closes, focus returns',
    remove: ['HTMLDialogElement.prototype.showModal', 'HTMLDialogElement.prototype.close'],
    compat: ['HTMLDialogElement.showModal', 'HTMLDialogElement.close'],
  },
  {
    feature: 'structuredClone()',
    lacks: 'Chrome < 98, Safari < 15.4',
    fallback: 'the memory store copies records through JSON (they are plain JSON)',
    remove: ['structuredClone'],
    compat: ['structuredClone'],
  },
  {
    feature: 'Web Locks (navigator.locks)',
    lacks: 'Safari < 15.4; refused where cookies are blocked or the origin is opaque',
    fallback: 'one flusher per origin through a lease in the store',
    remove: ['Navigator.prototype.locks', 'LockManager'],
    compat: ['navigator.locks', 'LockManager', 'Navigator.locks'],
  },
  {
    feature: 'BroadcastChannel',
    lacks: 'Safari < 15.4; can throw in a cookie-blocked frame',
    fallback: 'each page announces its own outcomes on window; other tabs see them in the shared store',
    remove: ['BroadcastChannel'],
    compat: ['BroadcastChannel'],
  },
  {
    feature: 'Element.checkVisibility()',
    lacks: 'Chrome < 105, Safari < 17.4',
    fallback: 'the level-visibility check reads layout boxes and computed visibility and opacity',
    remove: ['Element.prototype.checkVisibility'],
    compat: ['Element.checkVisibility'],
  },
  {
    feature: ':focus-visible',
    lacks: 'Safari < 15.4',
    fallback: 'an @supports not selector(:focus-visible) rule draws the same ring on :focus',
    css: ['css-focus-visible'],
    emulate: [[':focus-visible', ':-hcp-no-focus-visible']],
  },
  {
    feature: 'Container queries (@container, container-type)',
    lacks: 'Chrome < 105, Firefox < 110, Safari < 16',
    fallback: 'an @supports not (container-type: inline-size) block switches to the row layout by viewport width',
    css: ['css-container-queries', 'css-container-queries-style', 'css-container-query-units'],
    emulate: [
      ['container-type', '-hcp-no-container-type'],
      ['@container', '@-hcp-no-container'],
    ],
  },
  {
    feature: 'navigator.userAgentData',
    lacks: 'Firefox (all), Safari (all)',
    fallback: 'the default channel (pc or mobile) is read from navigator.userAgent',
    remove: ['Navigator.prototype.userAgentData'],
    compat: ['navigator.userAgentData'],
  },
  {
    feature: 'Error.captureStackTrace (inside zod, npm and ES module builds)',
    lacks: 'Firefox 115, Safari < 17.4',
    fallback: "zod tests for it ('captureStackTrace' in Error) and builds its errors without it",
    remove: ['Error.captureStackTrace'],
    compat: ['Error.captureStackTrace'],
  },
  {
    feature: 'appearance: none (unprefixed)',
    lacks: 'Safari < 15.4',
    fallback: '-webkit-appearance: none beside it, which every WebKit and Chromium reads',
    css: ['css-appearance'],
    emulate: [
      [' appearance:', ' -hcp-no-appearance:'],
      [';appearance:', ';-hcp-no-appearance:'],
    ],
  },
  {
    feature: 'CSS resize (the comment box)',
    lacks: 'iOS Safari (all)',
    fallback: 'none needed: the comment box keeps its size and scrolls',
    css: ['css-resize'],
  },
  {
    feature: 'overscroll-behavior',
    lacks: 'Safari < 16',
    fallback: 'none needed: the page behind the launcher dialog may scroll along, nothing breaks',
    css: ['css-overscroll-behavior'],
  },
];

/** Every path the baseline profile removes, in one list. */
export const removedApis = gaps.flatMap((gap) => gap.remove ?? []);
