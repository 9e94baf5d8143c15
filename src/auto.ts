/**
 * Entry of the script-tag bundle (`dist/haochaping.min.js`, global `Haochaping`):
 * registers `<hcp-rating>` and turns the script tag's `data-*` attributes into page defaults,
 * e.g. `<script src="haochaping.min.js" data-endpoint="/api/evaluations" data-task-code="…">`.
 */
import { configure } from './index.js';
import { mountFloatingLauncher } from './launcher/floating-launcher.js';
import type { RawConfig } from './schema/config.js';

export * from './index.js';

// `document.currentScript` is only set while the script first runs (also with defer/async).
const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const { launcher, ...defaults } = script.dataset;
  if (Object.keys(defaults).length) configure(defaults as RawConfig);
  if (launcher === 'floating') mountFloatingLauncher();
  else if (launcher) console.warn(`haochaping: data-launcher="${launcher}" is not supported; use "floating".`);
}
