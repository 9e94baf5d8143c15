/**
 * The browser promise, written once: package.json `browserslist` resolved to the oldest version
 * of each engine, as BCD browsers (scripts/compat.mjs) and as esbuild targets (rollup.config.mjs
 * lowers the self-contained bundles to them).
 */
import browserslist from 'browserslist';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('../package.json', import.meta.url));

/** browserslist name: [BCD browser, esbuild engine, display name]. */
const ENGINES = {
  chrome: ['chrome', 'chrome', 'Chrome'],
  edge: ['edge', 'edge', 'Edge'],
  firefox: ['firefox', 'firefox', 'Firefox'],
  safari: ['safari', 'safari', 'Safari'],
  ios_saf: ['safari_ios', 'ios', 'iOS Safari'],
  android: ['webview_android', 'chrome', 'Android WebView'],
  and_chr: ['chrome_android', 'chrome', 'Chrome Android'],
  and_ff: ['firefox_android', 'firefox', 'Firefox Android'],
  samsung: ['samsunginternet_android', null, 'Samsung Internet'],
  opera: ['opera', 'opera', 'Opera'],
};

export function compareVersions(a, b) {
  const pa = String(a).split('.').map(Number);
  const pb = String(b).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

/**
 * The promise, from a browserslist query (default: package.json): its oldest version of each
 * browser, as BCD browsers and as esbuild targets.
 */
export function promiseOf(query) {
  if (!query) query = JSON.parse(readFileSync(PACKAGE, 'utf8')).browserslist;
  const oldest = {};
  for (const entry of browserslist(query)) {
    const [name, range] = entry.split(' ');
    const version = range.split('-')[0];
    if (!ENGINES[name]) throw new Error(`no engine mapping for browserslist "${entry}" (scripts/promise.mjs)`);
    if (!oldest[name] || compareVersions(version, oldest[name]) < 0) oldest[name] = version;
  }
  const engines = Object.entries(oldest).map(([name, version]) => ({
    name,
    version,
    bcd: ENGINES[name][0],
    esbuild: ENGINES[name][1] && `${ENGINES[name][1]}${version}`,
    label: `${ENGINES[name][2]} ${version}`,
  }));
  const esbuild = [...new Set(engines.map((e) => e.esbuild).filter(Boolean))];
  return { query, engines, esbuild };
}
