// Node 20 cannot import TypeScript. The DOM-free modules under src/ (configuration, policies, the
// rating's state machine) are bundled by esbuild in memory and imported from a data: URL, so
// their unit tests run in Node without a browser and without a build.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The module at `path` (relative to the repository, e.g. 'src/config/parse.ts'), with its imports bundled. */
export async function importTs(path) {
  const { outputFiles } = await build({
    entryPoints: [ROOT + path],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}
