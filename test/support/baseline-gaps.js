/**
 * What the oldest engines of the promise (package.json `browserslist`: Chromium 69, Edge 79,
 * Firefox 115 ESR, Safari/iOS 15.0) lack of what the SDK uses, and how the SDK copes. Written
 * once, read twice:
 *
 * - the static gate (scripts/compat.mjs) lets exactly these features through (`compat`, `css`,
 *   from `origins` only where given): every other feature an engine of the promise lacks fails
 *   `npm test`, and a name here that lets nothing through is reported as stale;
 * - the baseline profile (test/support/baseline-profile.js) removes each `remove` path, and
 *   applies each `emulate` rewrite to our styles, before the SDK loads, and the core browser
 *   suites run again in today's Chromium without them (web-test-runner.config.mjs, group
 *   `baseline`): that is how the Safari 15.0 paths run, since no old Safari exists here.
 *
 * What Chromium 69 and 80 lack is also run for real (test/node/old-chromium.test.mjs), so the
 * Chromium-only CSS gaps below have no `emulate`. An entry is allowed because the code (ours or
 * Lit's) feature-detects it, or because the bundles provide it; `fallback` says how, truthfully.
 * Plain JavaScript (no TypeScript), so that Node and the browser import the same file.
 */

/**
 * @typedef {object} Gap
 * @property {string} feature  What it is, in words.
 * @property {string} lacks    The engines of the promise without it.
 * @property {string} fallback What the SDK does without it.
 * @property {string[]} [remove]  Global paths the baseline profile deletes (`a.b.c`: property `c` of `a.b`).
 * @property {string[]} [compat]  BCD ids the gate reports it under (`structuredClone`, `Navigator.locks`; an interface alone covers its members).
 * @property {string[]} [css]     doiuse feature ids.
 * @property {string[]} [origins] Allowed only in these files (path prefixes: `src/floor.ts`, `node_modules/lit-html/`), by the bundles' source maps.
 * @property {[string, string][]} [emulate] Text rewrites the profile applies to our styles (CSS cannot be deleted).
 */

/** @type {Gap[]} */
export const gaps = [
  {
    feature: 'globalThis',
    lacks: 'Chromium < 71',
    fallback:
      "the self-contained bundles define it (globalThis = self) before any module runs (rollup.config.mjs `intro`), for Lit, which reads it; src/ reads `root` (src/floor.ts), which is `self` in a browser and reaches globalThis only where there is no self (Node, server rendering); npm users' bundlers define it (README)",
    compat: ['globalThis'],
    origins: ['node_modules/lit-html/', 'node_modules/lit-element/', 'node_modules/@lit/reactive-element/', 'node_modules/lit/', 'src/floor.ts'],
  },
  {
    feature: 'Constructable stylesheets (adoptedStyleSheets)',
    lacks: 'Chromium < 73, Safari < 16.4',
    fallback: "Lit tests for them ('adoptedStyleSheets' in Document.prototype) and writes <style> elements instead, carrying window.litNonce, set from data-style-nonce before any element upgrades",
    remove: ['Document.prototype.adoptedStyleSheets', 'ShadowRoot.prototype.adoptedStyleSheets', 'CSSStyleSheet.prototype.replace', 'CSSStyleSheet.prototype.replaceSync'],
    compat: ['CSSStyleSheet.CSSStyleSheet', 'CSSStyleSheet.replaceSync'],
    origins: ['node_modules/@lit/reactive-element/'],
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
    lacks: 'Chromium < 98, Safari < 15.4',
    fallback: 'the memory store copies records through JSON (they are plain JSON)',
    remove: ['structuredClone'],
    compat: ['structuredClone'],
  },
  {
    feature: 'Web Locks (navigator.locks)',
    lacks: 'Safari < 15.4; refused where cookies are blocked or the origin is opaque (Chromium has it from 69)',
    fallback: 'one flusher per origin through a lease in the store',
    remove: ['Navigator.prototype.locks', 'LockManager'],
    compat: ['Navigator.locks', 'LockManager'],
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
    lacks: 'Chromium < 105, Safari < 17.4',
    fallback: 'the level-visibility check reads layout boxes (getClientRects) and computed visibility and opacity',
    remove: ['Element.prototype.checkVisibility'],
    compat: ['Element.checkVisibility'],
  },
  {
    feature: 'navigator.userAgentData',
    lacks: 'Chromium < 90, Firefox (all), Safari (all)',
    fallback: 'the default channel (pc or mobile) is read from navigator.userAgent',
    remove: ['Navigator.prototype.userAgentData'],
    compat: ['Navigator.userAgentData'],
  },
  {
    feature: ':focus-visible',
    lacks: 'Chromium < 86, Safari < 15.4',
    fallback: 'the ring is drawn on :focus; the rule that takes it off again where :focus-visible says it is not needed (input:focus:not(:focus-visible)) is dropped whole by these engines, so the ring shows on every focus',
    css: ['css-focus-visible'],
    emulate: [[':focus-visible', ':-hcp-no-focus-visible']],
  },
  {
    feature: 'Container queries (@container, container-type)',
    lacks: 'Chromium < 105, Firefox < 110, Safari < 16',
    fallback: 'an @supports not (container-type: inline-size) block switches to the row layout by viewport width',
    css: ['css-container-queries'],
    emulate: [
      ['container-type', '-hcp-no-container-type'],
      ['@container', '@-hcp-no-container'],
    ],
  },
  {
    feature: 'appearance: none (unprefixed)',
    lacks: 'Chromium < 84, Safari < 15.4',
    fallback: '-webkit-appearance: none beside it, which every WebKit and Chromium reads',
    css: ['css-appearance'],
    emulate: [
      [' appearance:', ' -hcp-no-appearance:'],
      [';appearance:', ';-hcp-no-appearance:'],
    ],
  },
  {
    feature: 'min() and max() (the floating launcher)',
    lacks: 'Chromium < 79',
    fallback:
      'an @supports not (width: min(1px, 2px)) block places the button 16px from the corner (no safe-area insets) and gives the dialog a fixed 42em width, a max-width and 1em padding (run for real in Chromium 69)',
    css: ['css-math-functions'],
  },
  {
    feature: 'prefers-color-scheme (the dark theme)',
    lacks: 'Chromium < 76',
    fallback: 'the light palette; 长辈模式 and kiosk keep their higher-contrast colours, declared outside any prefers-color-scheme query (run for real in Chromium 69)',
    css: ['prefers-color-scheme'],
  },
  {
    feature: 'prefers-reduced-motion',
    lacks: 'Chromium < 74',
    fallback: 'none needed: those engines have no reduced-motion setting to honour, and the tiles keep their short transition',
    css: ['prefers-reduced-motion'],
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
