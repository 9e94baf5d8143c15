#!/usr/bin/env node
/**
 * `npm run size`: the size budgets, in bytes over the wire (brotli, quality 11).
 *
 *   script tag   dist/haochaping.min.js      ≤ 22,528 B: self-contained (lit, idb-keyval, all three languages)
 *   ES module    dist/haochaping.esm.min.js  ≤ 22,528 B: the same, for <script type="module">
 *   npm import   dist/haochaping.js          ≤ 16,384 B: what `import 'haochaping'` adds to an app's
 *                bundle besides lit: the entry, its local chunks and every other dependency
 *                (idb-keyval), minified, zh-CN only (other languages are imports of their own).
 *
 * Options (for tests and experiments): `--min <file>`, `--esm <file>`, `--standalone <file>`,
 * `--min-budget <bytes>`, `--esm-budget <bytes>`, `--standalone-budget <bytes>`; `--report` adds
 * what each module costs (scripts/size-report.mjs).
 * Exit code 1 when a file is over its budget, with the file, its size, the budget and the excess.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

export const BUDGETS = { min: 22_528, standalone: 22_528, esm: 16_384 };

/** Same compressors a CDN uses at its best settings. */
export function sizes(code) {
  const buffer = Buffer.from(code);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
    }).length,
  };
}

/** Lit is the one dependency an app is expected to have anyway (every Lit component shares it). */
const isLit = (id) => /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(id);

/** The ESM entry as an npm user's bundler would emit it: ours and idb-keyval, minified; lit left out. */
export async function minifiedEsm(file) {
  const [{ rollup }, { default: terser }, { nodeResolve }] = await Promise.all([
    import('rollup'),
    import('@rollup/plugin-terser'),
    import('@rollup/plugin-node-resolve'),
  ]);
  const bundle = await rollup({
    input: file,
    external: isLit,
    plugins: [nodeResolve({ browser: true }), terser({ ecma: 2020, module: true, format: { comments: false }, compress: { passes: 2 } })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output[0].code;
}

const fmt = (n) => n.toLocaleString('en-US');

export async function main(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      min: { type: 'string', default: 'dist/haochaping.min.js' },
      esm: { type: 'string', default: 'dist/haochaping.js' },
      standalone: { type: 'string', default: 'dist/haochaping.esm.min.js' },
      'min-budget': { type: 'string', default: String(BUDGETS.min) },
      'esm-budget': { type: 'string', default: String(BUDGETS.esm) },
      'standalone-budget': { type: 'string', default: String(BUDGETS.standalone) },
      report: { type: 'boolean', default: false },
    },
  });
  const rows = [];
  const failures = [];
  const check = (label, file, measured, budget) => {
    rows.push({ label, file, ...measured, budget });
    if (measured.brotli > budget) {
      failures.push(
        `${file} is ${fmt(measured.brotli)} B brotli, over its budget of ${fmt(budget)} B by ${fmt(measured.brotli - budget)} B`,
      );
    }
  };

  check('script tag (min.js)', values.min, sizes(await readFile(resolve(values.min))), Number(values['min-budget']));
  check('ES module (esm.min.js)', values.standalone, sizes(await readFile(resolve(values.standalone))), Number(values['standalone-budget']));
  const esmFile = resolve(values.esm);
  rows.push({ label: 'npm entry, as shipped', file: values.esm, ...sizes(await readFile(esmFile)), budget: undefined });
  check('npm import (ours + idb-keyval, minified)', values.esm, sizes(await minifiedEsm(esmFile)), Number(values['esm-budget']));

  console.log('| bundle | file | raw | gzip | brotli | budget (brotli) |');
  console.log('|---|---|--:|--:|--:|--:|');
  for (const r of rows) {
    const budget = r.budget === undefined ? '—' : `${fmt(r.budget)} (${r.brotli <= r.budget ? `${fmt(r.budget - r.brotli)} left` : 'OVER'})`;
    console.log(`| ${r.label} | ${r.file} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${fmt(r.brotli)} | ${budget} |`);
  }
  if (values.report) {
    // Its own process: two rollup + terser worker pools in one process do not settle reliably.
    spawnSync(process.execPath, [fileURLToPath(new URL('./size-report.mjs', import.meta.url))], { stdio: 'inherit' });
  }
  if (failures.length) {
    for (const f of failures) console.error(`size budget exceeded: ${f}`);
    console.error('Run `npm run size -- --report` to see what each module costs.');
    return 1;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
