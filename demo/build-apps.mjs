/**
 * The Angular and Svelte demo apps (demo/angular.html, demo/svelte.html), compiled ahead of time
 * into one ES module each, so that they run under the demo's strict CSP (no eval):
 *
 * - Angular (demo/angular/): ngc (@angular/compiler-cli, AOT, strict templates, in memory) turns
 *   the standalone component into Ivy instructions; esbuild bundles it with @angular/* whose
 *   partially compiled declarations the Angular linker (a Babel plugin) finishes, as the Angular
 *   CLI does. Without the linker, Angular would need its JIT compiler in the browser, which
 *   needs eval (without @angular/compiler bundled, the page fails with “JIT compiler unavailable”).
 * - Svelte 5 (demo/svelte/): svelte/compiler through a small esbuild plugin. Svelte fills its
 *   templates through innerHTML with a Trusted Types policy of its own (`svelte-trusted-html`),
 *   so it runs where Trusted Types are required; a CSP that lists allowed policies
 *   (`trusted-types …`) must name it.
 *
 * demo/vendor.mjs calls these and writes demo/angular-app.js and demo/svelte-app.js (git-ignored).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

// The compilers load when a build starts (about a second for ngc and TypeScript), not on import.

const DEMO = dirname(fileURLToPath(import.meta.url));

/** Shared esbuild settings: one minified ES module, nothing written to disk. */
const bundleOptions = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'silent',
};

/** Compiles demo/angular/ with ngc in memory: the emitted JavaScript by absolute path. */
async function ngc() {
  const { createCompilerHost, formatDiagnostics, performCompilation, readConfiguration } = await import('@angular/compiler-cli');
  const config = readConfiguration(resolve(DEMO, 'angular', 'tsconfig.json'));
  if (config.errors.length) throw new Error(formatDiagnostics(config.errors));
  const host = createCompilerHost({ options: config.options });
  const emitted = new Map();
  host.writeFile = (fileName, text) => emitted.set(resolve(fileName), text);
  const { diagnostics } = performCompilation({ rootNames: config.rootNames, options: config.options, host });
  const errors = diagnostics.filter((d) => d.category === 1); // ts.DiagnosticCategory.Error
  if (errors.length) throw new Error(`demo/angular: ngc failed\n${formatDiagnostics(errors)}`);
  return { emitted, outDir: resolve(config.options.outDir), rootDir: resolve(config.options.rootDir) };
}

/** The Angular demo app as one ES module. */
export async function angularApp() {
  const { emitted, outDir, rootDir } = await ngc();
  const { default: linkerPlugin } = await import('@angular/compiler-cli/linker/babel');
  const { transformAsync } = await import('@babel/core');
  const compiled = (path) => emitted.get(resolve(outDir, path.slice(rootDir.length + 1)).replace(/\.ts$/, '.js'));
  const result = await esbuild.build({
    ...bundleOptions,
    entryPoints: [resolve(rootDir, 'main.ts')],
    // What the Angular CLI defines for production builds: drops development checks and the JIT paths.
    define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
    plugins: [
      {
        name: 'angular-aot',
        setup(build) {
          // The app's own .ts files: ngc's output instead of esbuild's TypeScript stripping.
          build.onLoad({ filter: /\.ts$/ }, ({ path }) => {
            if (!path.startsWith(rootDir)) return undefined;
            const code = compiled(path);
            if (code === undefined) throw new Error(`ngc did not emit ${path}`);
            return { contents: code, loader: 'js', resolveDir: dirname(path) };
          });
          // @angular/* in node_modules: finish the partial declarations (ɵɵngDeclare*) ahead of time.
          build.onLoad({ filter: /[\\/]node_modules[\\/]@angular[\\/].*\.m?js$/ }, async ({ path }) => {
            const source = await readFile(path, 'utf8');
            if (!source.includes('ɵɵngDeclare')) return { contents: source, loader: 'js' };
            const linked = await transformAsync(source, {
              filename: path,
              babelrc: false,
              configFile: false,
              compact: false,
              sourceMaps: false,
              plugins: [linkerPlugin],
            });
            return { contents: linked.code, loader: 'js' };
          });
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

/** The Svelte demo app as one ES module. */
export async function svelteApp() {
  const { compile: compileSvelte } = await import('svelte/compiler');
  const result = await esbuild.build({
    ...bundleOptions,
    entryPoints: [resolve(DEMO, 'svelte', 'main.js')],
    conditions: ['svelte', 'browser', 'production'],
    plugins: [
      {
        name: 'svelte',
        setup(build) {
          build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
            const { js, warnings } = compileSvelte(await readFile(path, 'utf8'), {
              filename: path,
              generate: 'client',
              css: 'external',
              dev: false,
            });
            if (warnings.length) throw new Error(`${path}: ${warnings.map((w) => w.message).join('; ')}`);
            return { contents: js.code, loader: 'js' };
          });
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}
