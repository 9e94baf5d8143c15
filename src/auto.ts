/**
 * Entry of the script-tag bundle (`dist/haochaping.min.js`, global `Haochaping`):
 * registers `<hcp-rating>` and turns the script tag's `data-*` attributes into page defaults,
 * e.g. `<script src="haochaping.min.js" data-endpoint="/api/evaluations" data-task-code="…">`.
 */
import { configure } from './index.js';
import type { RawConfig } from './schema/config.js';

export * from './index.js';

// `document.currentScript` is only set while the script first runs (also with defer/async).
const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const { launcher, ...defaults } = script.dataset;
  if (launcher) console.warn(`haochaping: data-launcher="${launcher}" is not supported by this version yet.`);
  if (Object.keys(defaults).length) configure(defaults as RawConfig);
}
