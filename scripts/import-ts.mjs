// Node 20 cannot import TypeScript. The DOM-free modules under src/ (configuration, policies, the
// rating's state machine) are bundled by esbuild in memory and imported from a data: URL, so
// their unit tests (and custom-elements-manifest.config.mjs) run in Node without a browser or a build.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The module at `path` (relative to the repository, e.g. 'src/config/parse.ts') bundled with its imports, as ES module text. */
export async function bundleTs(path) {
  const { outputFiles } = await build({
    entryPoints: [ROOT + path],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  return outputFiles[0].text;
}

/** The module at `path`, imported (bundled by `bundleTs`). */
export async function importTs(path) {
  return import(`data:text/javascript;base64,${Buffer.from(await bundleTs(path)).toString('base64')}`);
}
