/**
 * What the oldest engine of the floor lacks, written once. Chromium 69 (the UC U4 kernel of
 * Alipay and DingTalk on Android) has no `globalThis` (Chrome 71), `Object.fromEntries` or
 * `String.prototype.matchAll` (73): src/ uses these instead. The self-contained bundles also
 * define `globalThis` before Lit runs (rollup.config.mjs), since Lit reads it.
 */

/** The global object: `self` in browsers (Chromium 69 included), `globalThis` in Node (server rendering). */
export const root: typeof globalThis = typeof self === 'object' ? self : globalThis;

/** `Object.fromEntries`. */
export function fromEntries<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const object: Record<string, V> = {};
  for (const [key, value] of entries) object[key] = value;
  return object;
}

/** `text.matchAll(pattern)` for a global pattern: every match, with its index. */
export function matchAll(text: string, pattern: RegExp): RegExpExecArray[] {
  const re = new RegExp(pattern.source, pattern.flags);
  const matches: RegExpExecArray[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    matches.push(m);
    if (!m[0]) re.lastIndex++;
  }
  return matches;
}
