/**
 * Entry of the script-tag bundle (`dist/haochaping.min.js`, global `Haochaping`):
 * registers `<hcp-rating>` and turns the script tag's `data-*` attributes into page defaults,
 * e.g. `<script src="haochaping.min.js" data-endpoint="/api/evaluations" data-task-code="…">`.
 */
// First: the script tag's settings (and its style nonce) before index.js defines the element.
import { defaults, script } from './script-tag.js';
import './i18n/zh-TW.js';
import './i18n/en.js';
import { configure, HcpRating } from './index.js';
import { mountFloatingLauncher } from './launcher/floating-launcher.js';

export * from './index.js';

// Loaded twice: the first copy registered the element and stays the page's `Haochaping`;
// this bundle's own `var Haochaping = …` assignment runs after this module, hence the microtask.
const first = (window as { Haochaping?: { HcpRating?: unknown } }).Haochaping;
if (first?.HcpRating && first.HcpRating !== HcpRating && customElements.get('hcp-rating') === first.HcpRating) {
  void Promise.resolve().then(() => ((window as { Haochaping?: unknown }).Haochaping = first));
}

if (script) {
  const { launcher } = script.dataset;
  if (Object.keys(defaults).length) configure(defaults);
  if (launcher === 'floating') mountFloatingLauncher();
  else if (launcher) console.warn(`haochaping: data-launcher="${launcher}" is not supported; use "floating".`);
}
