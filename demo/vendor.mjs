/**
 * Browser-ready ES modules for the framework demos (demo/react.html, demo/vue.html,
 * demo/angular.html, demo/svelte.html) and their tests. React ships CommonJS, so it is bundled
 * with rollup; Vue ships a browser build (runtime only: no template compiler, no eval, so it
 * runs under the demo's strict CSP). The Angular and Svelte apps are compiled ahead of time,
 * framework included, by demo/build-apps.mjs.
 *
 *   node demo/vendor.mjs     writes demo/vendor-react.js, demo/vendor-vue.js, demo/angular-app.js
 *                            and demo/svelte-app.js (git-ignored; `npm start` runs it), served
 *                            under the same names
 */
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { rollup } from 'rollup';
import { angularApp, svelteApp } from './build-apps.mjs';

const require = createRequire(import.meta.url);
const ENTRY = '\0vendor-react-entry';

// Named exports through the default export: works with React's production and development builds alike.
const REACT_ENTRY = `
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
// forwardRef and useLayoutEffect: what @lit/react's createComponent uses (haochaping/react-component).
export const { createElement, Fragment, StrictMode, forwardRef, useEffect, useLayoutEffect, useRef, useState, useCallback } = React;
export const { flushSync } = ReactDOM;
export const { createRoot } = ReactDOMClient;
`;

/** React + ReactDOM as one ES module (production build). */
export async function reactModule() {
  const bundle = await rollup({
    input: ENTRY,
    onwarn: () => {},
    plugins: [
      { name: 'vendor-entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? REACT_ENTRY : null) },
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true }),
      commonjs(),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

/** Vue's runtime-only browser build (render functions with h(), no template compilation). */
export function vueModule() {
  return readFile(require.resolve('vue/dist/vue.runtime.esm-browser.prod.js'), 'utf8');
}

const OUTPUTS = {
  'vendor-react.js': reactModule,
  'vendor-vue.js': vueModule,
  'angular-app.js': angularApp,
  'svelte-app.js': svelteApp,
};

/** Writes demo/vendor-react.js, demo/vendor-vue.js, demo/angular-app.js and demo/svelte-app.js, which the demo server serves under the same names. */
export async function writeVendorModules() {
  await Promise.all(
    Object.entries(OUTPUTS).map(async ([name, build]) => writeFile(new URL(`./${name}`, import.meta.url), await build())),
  );
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (runDirectly) {
  await writeVendorModules();
  console.log(`${Object.keys(OUTPUTS).map((name) => `demo/${name}`).join(', ')} written`);
}
