#!/usr/bin/env node
/**
 * `npm run size -- --report` (or `node scripts/size-report.mjs`): what each dependency and each of
 * our modules costs in the script-tag bundle after minification. It rebuilds the bundle in memory
 * with the same rollup options (nothing in dist/ changes) and lets rollup-plugin-visualizer map
 * every minified byte back to its source through the final source map.
 *
 * Brotli per module is an estimate (the module's share of minified bytes × the bundle's brotli
 * size): compression works across module boundaries, so no per-module figure is exact.
 */
import { rollup } from 'rollup';
import { visualizer } from 'rollup-plugin-visualizer';
import { pathToFileURL } from 'node:url';
import { sizes } from './size.mjs';

/** Groups node_modules files by package (lit's four packages count as one: "lit"). */
function ownerOf(id) {
  const path = id.replace(/\\/g, '/');
  const inModules = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (!inModules) return { group: 'ours', name: path.replace(/^.*?\/src\//, 'src/') };
  const pkg = inModules[1];
  const group = /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg) ? 'lit' : pkg;
  return { group, name: `${pkg}/${inModules[2]}` };
}

export async function analyse() {
  const { default: configs } = await import(pathToFileURL(`${process.cwd()}/rollup.config.mjs`).href);
  const config = configs.find((c) => c.output?.format === 'iife');
  let raw;
  const capture = {
    name: 'capture-visualizer-data',
    generateBundle(_options, bundle) {
      const asset = bundle['size-report.json'];
      raw = JSON.parse(asset.source);
      delete bundle['size-report.json'];
    },
  };
  const bundle = await rollup({
    ...config,
    onwarn: () => {},
    plugins: [...config.plugins, visualizer({ template: 'raw-data', sourcemap: true, emitFile: true, filename: 'size-report.json' }), capture],
  });
  const { output } = await bundle.generate({ ...config.output, sourcemap: true });
  await bundle.close();
  const total = sizes(output.find((o) => o.type === 'chunk').code);

  const modules = [];
  for (const meta of Object.values(raw.nodeMetas)) {
    const partUid = Object.values(meta.moduleParts)[0];
    const length = partUid ? raw.nodeParts[partUid].renderedLength : 0;
    if (length > 0) modules.push({ ...ownerOf(meta.id), minified: length });
  }
  modules.sort((a, b) => b.minified - a.minified);
  const mapped = modules.reduce((sum, m) => sum + m.minified, 0);
  const groups = new Map();
  for (const m of modules) groups.set(m.group, (groups.get(m.group) ?? 0) + m.minified);
  return { total, mapped, modules, groups: [...groups].sort((a, b) => b[1] - a[1]) };
}

export async function report() {
  const { total, mapped, modules, groups } = await analyse();
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const brotliOf = (n) => (n / mapped) * total.brotli;
  const share = (n) => `${((n / mapped) * 100).toFixed(1)} %`;
  console.log(`\nScript-tag bundle by package (minified ${fmt(total.raw)} B, brotli ${fmt(total.brotli)} B):\n`);
  console.log('| package | minified | share | ≈ brotli |');
  console.log('|---|--:|--:|--:|');
  for (const [group, n] of groups) console.log(`| ${group} | ${fmt(n)} | ${share(n)} | ${fmt(brotliOf(n))} |`);
  console.log('\nBy module (≥ 300 B minified):\n');
  console.log('| module | minified | ≈ brotli |');
  console.log('|---|--:|--:|');
  for (const m of modules.filter((m) => m.minified >= 300)) console.log(`| ${m.name} | ${fmt(m.minified)} | ${fmt(brotliOf(m.minified))} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await report();
