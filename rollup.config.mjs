import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';
import MagicString from 'magic-string';
import { transform } from 'esbuild';
import { promiseOf } from './scripts/promise.mjs';

/** A fresh dist/ every build: stale hashed chunks must not ship. A hook, so importing this file (scripts/size-report.mjs) deletes nothing. */
const clean = () => ({ name: 'clean-dist', buildStart: () => rmSync('dist', { recursive: true, force: true }) });

/** npm users bring their own lit, idb-keyval, zod, @lit/react and React, deduplicated by their bundler. */
const external = (id) => /^(lit|@lit|idb-keyval|zod|react)(\/|$)/.test(id);

/**
 * zod's sources (haochaping/schema) carry annotations and a cycle rollup reports but handles; keep
 * our own warnings. An import of a name a module does not export stops the build: it would fail
 * in a browser (and scripts/size-features.mjs relies on it to notice a stand-in that lost one).
 */
const onwarn = (warning, warn) => {
  if (warning.code === 'MISSING_EXPORT') throw new Error(warning.message);
  if (warning.id?.includes('node_modules') || warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
};

/**
 * Our css`…` styles without comments and indentation (terser leaves template text alone): about
 * 700–800 B brotli less in each bundle, the same rules (test/node/css-minify.test.mjs compares
 * the parsed sheets in Chromium). Runs on TypeScript's output (that plugin reads the .ts files itself), our
 * sources only, css literals without `${}` only.
 * Whitespace runs become one space, dropped only around { } ; and after a declaration's colon.
 */
export const minifyCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
const cssLiterals = () => ({
  name: 'minify-css-literals',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id)) return null;
    const out = new MagicString(code);
    // TypeScript prints the tag as `css \``.
    for (const match of code.matchAll(/\bcss ?`([^`$\\]*)`/g)) {
      if (!match[1]) continue;
      const start = match.index + match[0].length - match[1].length - 1;
      out.overwrite(start, start + match[1].length, minifyCss(match[1]));
    }
    if (!out.hasChanged()) return null;
    return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
  },
});

/**
 * The self-contained bundles run as they are, in the oldest engine of the promise (package.json
 * `browserslist`: Chromium 69, the U4 kernel of Alipay and DingTalk): esbuild lowers the syntax
 * newer than it (`??`, `?.`, `??=`, class fields — Lit's as well as ours) to those targets, and
 * Lit's one global is defined before any module runs. src/ itself stays within the floor
 * (src/floor.ts); npm users lower and define it in their own build (README, “Browser support”).
 */
const GLOBAL_THIS = 'typeof globalThis=="undefined"&&(self.globalThis=self);';
const lowerToFloor = () => ({
  name: 'lower-to-floor',
  async renderChunk(code) {
    const out = await transform(code, { target: promiseOf().esbuild, sourcemap: true, sourcefile: 'bundle.js', charset: 'utf8' });
    return { code: out.code, map: out.map };
  },
});

export default [
  {
    // ESM for npm: `haochaping` (registers the element, zh-CN), `haochaping/schema` (DOM-free),
    // `haochaping/react`, `/react-component`, `/vue`, `/svelte`, `/preact` and the other languages.
    input: {
      haochaping: 'src/index.ts',
      schema: 'src/schema/index.ts',
      react: 'src/react.ts',
      // React 18 and 19: <HcpRating> made with @lit/react (properties and hcp-* listeners set by it).
      'react-component': 'src/react-component.ts',
      // The same registration, typed for Vue 3 and Svelte 5 templates and Preact's JSX.
      vue: 'src/vue.ts',
      svelte: 'src/svelte.ts',
      preact: 'src/preact.ts',
      // Languages besides zh-CN, imported on their own: `import 'haochaping/locales/en'`.
      'locales/zh-TW': 'src/i18n/zh-TW.ts',
      'locales/en': 'src/i18n/en.ts',
    },
    external,
    onwarn,
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    // inlineSources: the maps carry the TypeScript sources, which are not in the package.
    plugins: [
      clean(),
      typescript({ declaration: true, declarationDir: 'dist/types', outDir: 'dist', inlineSources: true }),
      cssLiterals(),
    ],
  },
  {
    // One self-contained file for a <script> tag: global `Haochaping`.
    input: 'src/auto.ts',
    onwarn,
    output: { file: 'dist/haochaping.min.js', format: 'iife', name: 'Haochaping', sourcemap: true, intro: GLOBAL_THIS },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ declaration: false, outDir: 'dist', inlineSources: true }),
      cssLiterals(),
      lowerToFloor(),
      // Also shortens our `_private` members (≈350 B brotli): in this self-contained bundle nothing
      // outside reads them, and src/ never names one in a string (Lit's own `_$…` are left alone).
      terser({ format: { comments: false }, compress: { passes: 2 }, mangle: { properties: { regex: /^_[a-zA-Z]/ } } }),
    ],
  },
  {
    // One self-contained ES module for `<script type="module">` without a bundler or an
    // import map (strict-CSP pages cannot have the inline import map bare `lit` would need).
    input: 'src/standalone.ts',
    onwarn,
    output: { file: 'dist/haochaping.esm.min.js', format: 'es', sourcemap: true, intro: GLOBAL_THIS },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ declaration: false, outDir: 'dist', inlineSources: true }),
      cssLiterals(),
      lowerToFloor(),
      // `_private` members shortened as in the script tag: this module is self-contained too.
      terser({ format: { comments: false }, compress: { passes: 2 }, mangle: { properties: { regex: /^_[a-zA-Z]/ } } }),
    ],
  },
];
