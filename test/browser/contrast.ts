/** WCAG 2.x contrast of computed colours, for tests. */

type RGBA = [number, number, number, number];

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

/** Any CSS colour the browser computes (rgb(), color(srgb …), system colours), as 0–255 RGBA. */
export function parseColor(css: string): RGBA {
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#000';
  ctx.fillStyle = css;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

function over([r, g, b, a]: RGBA, [br, bg, bb]: RGBA): RGBA {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: RGBA, b: RGBA): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** The background actually painted behind `el`: the nearest opaque ancestor's, across shadow roots. */
export function backgroundOf(el: Element): RGBA {
  const layers: RGBA[] = [];
  for (let node: Element | null = el; node; ) {
    const color = parseColor(getComputedStyle(node).backgroundColor);
    if (color[3] > 0) layers.push(color);
    if (color[3] === 1) break;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return layers.reduceRight<RGBA>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

/** Contrast of `el`'s text colour against what is painted behind it. */
export function textContrast(el: Element): number {
  const bg = backgroundOf(el);
  return contrast(over(parseColor(getComputedStyle(el).color), bg), bg);
}

/** Contrast of a colour property of `el` (a border, the outline) against the background behind `behind`. */
export function colorContrast(el: Element, property: 'outlineColor' | 'borderTopColor', behind: Element): number {
  const bg = backgroundOf(behind);
  return contrast(over(parseColor(getComputedStyle(el)[property]), bg), bg);
}
