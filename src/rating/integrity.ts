import { ConfigError } from '../config/parse.js';

/**
 * No coercion (SECURITY.md): a rating widget whose 不满意 button a page can hide collects
 * praise, not ratings. A page can style `::part(level)` or reach into the open shadow root, so before a rating is accepted
 * the widget checks that every level it offered is still rendered, visible and about as
 * large as the others. A rating given while a level was hidden is not a free choice.
 */

/** A tile smaller than this share of the largest one counts as shrunk. */
const MIN_AREA_RATIO = 0.5;
/** A tile fainter than this share of the most opaque one counts as hidden. */
const MIN_OPACITY_RATIO = 0.5;

/** The tile the citizen sees and clicks for `radio`: the `part="level"` element (or its label). */
function tileOf(radio: HTMLInputElement): HTMLElement | null {
  const label = radio.labels?.[0];
  return radio.closest<HTMLElement>('[part~="level"]') ?? label?.closest<HTMLElement>('[part~="level"]') ?? label ?? null;
}

function visible(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') {
    return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  }
  // Older engines: no box means display:none somewhere up the tree.
  const style = getComputedStyle(el);
  return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
}

/** Why `tile` is not shown, or `undefined` when it is rendered and visible on its own terms. */
function hiddenBecause(tile: HTMLElement): string | undefined {
  if (!tile.isConnected) return 'is not in the page';
  if (!visible(tile)) return 'is hidden (display, visibility or opacity)';
  const rect = tile.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return 'has no size';
  const style = getComputedStyle(tile);
  if (style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '')) return 'is clipped';
  return undefined;
}

/**
 * Problems with the level options, shaped like configuration issues so that `hcp-error`
 * keeps one detail shape. `labels` are the levels the widget rendered, in order; `radios`
 * the radio inputs now in its shadow root. Empty when every level is fair.
 */
export function levelIssues(labels: readonly string[], radios: readonly HTMLInputElement[]): ConfigError[] {
  const issues: ConfigError[] = [];
  const problem = (message: string) => issues.push(new ConfigError('part(level)', 'levels-hidden', message));
  const issue = (label: string, why: string) =>
    problem(
      `the level "${label}" ${why}: every level must stay visible at a comparable size (check the page's ::part(level) styles and any script that touches the widget); the rating was not submitted`,
    );
  if (radios.length !== labels.length) {
    problem(`${labels.length} levels were rendered but ${radios.length} remain: a script removed or added level options; the rating was not submitted`);
    return issues;
  }
  const measured: { label: string; area: number; opacity: number }[] = [];
  labels.forEach((label, i) => {
    const input = radios[i];
    const tile = tileOf(input);
    if (!tile) return issue(label, 'has no visible tile');
    if (input.disabled) return issue(label, 'was disabled');
    const why = hiddenBecause(tile);
    if (why) return issue(label, why);
    const rect = tile.getBoundingClientRect();
    measured.push({ label, area: rect.width * rect.height, opacity: Number(getComputedStyle(tile).opacity) });
  });
  const largest = Math.max(0, ...measured.map((m) => m.area));
  const clearest = Math.max(0, ...measured.map((m) => m.opacity));
  for (const { label, area, opacity } of measured) {
    if (area < largest * MIN_AREA_RATIO) issue(label, `is shrunk to ${Math.round((100 * area) / largest)} % of the largest level`);
    else if (opacity < clearest * MIN_OPACITY_RATIO) issue(label, `is faded to opacity ${opacity}`);
  }
  return issues;
}
