#!/usr/bin/env node
/**
 * `npm run size:features`: what each optional feature adds to the script-tag bundle and to the
 * npm ESM entry, measured by leaving it out. Both are rebuilt (in memory and in a scratch
 * folder; nothing in dist/ changes) with one feature's module replaced by a do-nothing
 * stand-in, and the brotli difference is that feature's cost. Unlike the per-module estimate
 * of `npm run size -- --report`, this counts what compression really saves, and it answers the
 * question a size budget raises: which features could be dropped, and for how much.
 * The baselines differ from `npm run size` by a few bytes: no source-map comment, and the ESM
 * entry is built alone (without the `schema` and `react` entries that share its chunks).
 *
 * A stand-in that no longer matches its module's exports stops the build (the script-tag
 * config turns a missing export into an error), so this cannot silently measure nothing.
 */
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minifiedEsm, sizes } from './size.mjs';

const source = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** `text.replace`, but a pattern that no longer matches (the module changed) is an error, not a no-op. */
function edit(text, ...edits) {
  for (const [pattern, replacement] of edits) {
    if (!(typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text))) {
      throw new Error(`size:features: ${pattern} no longer matches its module; update scripts/size-features.mjs`);
    }
    text = text.replace(pattern, replacement);
  }
  return text;
}

/** Feature → the modules that become stand-ins (TypeScript, compiled here). */
export function features() {
  const kv = source('src/outbox/kv.ts');
  return {
    // In the script tag and the ES module only: npm apps import languages themselves.
    'zh-TW and en strings (zh-CN only)': {
      'src/i18n/zh-TW.ts': 'export {};',
      'src/i18n/en.ts': 'export {};',
    },
    'floating launcher (data-launcher="floating")': {
      'src/launcher/floating-launcher.ts': 'export const mountFloatingLauncher = () => {};',
    },
    'PII guard': {
      'src/schema/pii.ts': 'export const findPii = (_: string) => []; export const maskPii = (_: unknown) => "";',
    },
    'tags-src loading and offline cache': {
      'src/catalog/load-catalog.ts': 'export const loadCatalog = (_: string) => Promise.reject(new Error("left out"));',
    },
    'level visibility check': {
      'src/rating/integrity.ts': 'export const levelIssues = (..._: unknown[]) => [];',
    },
    'gov-cn body format': {
      'src/schema/gov-cn.ts': 'export const toGovCn = (e: unknown) => e; export const chinaTime = (_: Date) => "";',
    },
    'level face icons': {
      'src/rating/level-icons.ts': 'import { nothing } from "lit"; export const levelIcon = (_: number) => nothing;',
    },
    'localStorage fallback (IndexedDB, else memory)': {
      'src/outbox/kv.ts': edit(kv, [
        /function localStorageKV\(namespace: string\): KV \{[\s\S]*?\n\}\n/,
        'function localStorageKV(namespace: string): KV {\n  throw new Error(namespace);\n}\n',
      ]),
    },
    'kiosk thank-you screen and reset': {
      'src/rating/kiosk.ts':
        'export class KioskController { thanking = false; constructor(host: { addController(c: unknown): void }) { host.addController(this); } cancel() {} }',
    },
  };
}

/** Replaces the listed modules (paths relative to the project) before TypeScript sees them. */
const standIns = (modules) => ({
  name: 'stand-ins',
  transform(_code, id) {
    const path = Object.keys(modules).find((p) => id.replace(/\\/g, '/').endsWith(p));
    if (!path) return null;
    const options = { target: ts.ScriptTarget.ES2021, module: ts.ModuleKind.ES2022, useDefineForClassFields: false };
    return { code: ts.transpileModule(modules[path], { compilerOptions: options }).outputText, map: null };
  },
});

async function scriptTag(config, modules) {
  const bundle = await rollup({ ...config, plugins: [standIns(modules), ...config.plugins] });
  const { output } = await bundle.generate({ ...config.output, sourcemap: 'hidden' });
  await bundle.close();
  return sizes(output[0].code).brotli;
}

/** The npm ESM entry as `npm run size` counts it, built into a scratch folder. */
async function esm(config, modules) {
  const dir = await mkdtemp(join(tmpdir(), 'hcp-size-'));
  try {
    const plugins = config.plugins.filter((p) => p.name !== 'clean-dist' && p.name !== 'typescript');
    const bundle = await rollup({
      ...config,
      input: { haochaping: 'src/index.ts' },
      plugins: [standIns(modules), typescript({ declaration: false, outDir: dir, sourceMap: false }), ...plugins],
    });
    await bundle.write({ dir, format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' });
    await bundle.close();
    return sizes(await minifiedEsm(join(dir, 'haochaping.js'))).brotli;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function main() {
  const { default: configs } = await import(pathToFileURL(`${process.cwd()}/rollup.config.mjs`).href);
  const iife = configs.find((c) => c.output?.format === 'iife');
  const npm = configs.find((c) => c.output?.dir === 'dist');
  const measure = async (modules) => ({ min: await scriptTag(iife, modules), esm: await esm(npm, modules) });
  const fmt = (n) => n.toLocaleString('en-US');
  const whole = await measure({});
  console.log(`Script tag ${fmt(whole.min)} B, npm ESM ${fmt(whole.esm)} B brotli. Each feature left out on its own:\n`);
  console.log('| feature left out | script tag saves | npm ESM saves |');
  console.log('|---|--:|--:|');
  const all = {};
  const row = (name, less) => console.log(`| ${name} | ${fmt(whole.min - less.min)} B | ${fmt(whole.esm - less.esm)} B |`);
  for (const [name, modules] of Object.entries(features())) {
    Object.assign(all, modules);
    row(name, await measure(modules));
  }
  const rest = await measure(all);
  row('all of the above at once', rest);
  console.log(`\nWith all of them left out: script tag ${fmt(rest.min)} B, npm ESM ${fmt(rest.esm)} B brotli.`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
