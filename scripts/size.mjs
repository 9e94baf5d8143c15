#!/usr/bin/env node
/**
 * `npm run size`: the size budget `npm test` enforces, in bytes over the wire.
 *
 *   script tag  dist/haochaping.min.js  ≤ 20,480 B brotli (self-contained: lit, zod/mini, idb-keyval inside)
 *   npm (ESM)   dist/haochaping.js      ≤ 12,288 B brotli, counted as what an npm user's bundler
 *               ships of ours: the entry plus the local chunks it imports, minified, with lit,
 *               zod and idb-keyval left out (the user's bundle has them once, shared).
 *
 * Options (for tests and experiments): `--min <file>`, `--esm <file>`, `--min-budget <bytes>`,
 * `--esm-budget <bytes>`; `--report` adds what each module costs (scripts/size-report.mjs).
 * Exit code 1 when a file is over its budget, with the file, its size, the budget and the excess.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

export const BUDGETS = { min: 20_480, esm: 12_288 };

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

/** The ESM entry as an npm user's bundler would emit it: our modules only, minified. */
export async function minifiedEsm(file) {
  const [{ rollup }, { default: terser }] = await Promise.all([import('rollup'), import('@rollup/plugin-terser')]);
  const bundle = await rollup({
    input: file,
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && id !== file,
    plugins: [terser({ ecma: 2020, module: true, format: { comments: false }, compress: { passes: 2 } })],
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
      'min-budget': { type: 'string', default: String(BUDGETS.min) },
      'esm-budget': { type: 'string', default: String(BUDGETS.esm) },
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

  const minFile = resolve(values.min);
  check('script tag (min.js)', values.min, sizes(await readFile(minFile)), Number(values['min-budget']));
  const esmFile = resolve(values.esm);
  const esmRaw = sizes(await readFile(esmFile));
  rows.push({ label: 'npm ESM entry, as shipped', file: values.esm, ...esmRaw, budget: undefined });
  check('npm ESM entry + chunks, minified', values.esm, sizes(await minifiedEsm(esmFile)), Number(values['esm-budget']));

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
