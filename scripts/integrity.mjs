/**
 * Writes dist/integrity.json: the Subresource Integrity (sha384) and size of each self-contained
 * file, for pages that load them from a CDN. `npm run docs` copies the values into the README's
 * script-tag snippet; test/node/integrity.test.mjs checks them against the files.
 *
 *   node scripts/integrity.mjs      (the last step of `npm run build`)
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../', import.meta.url);

/** The files a page can load on its own with one tag, relative to dist/. */
export const SELF_CONTAINED = ['haochaping.min.js', 'haochaping.esm.min.js'];

/** `sha384-<base64>` of some bytes, the form the `integrity` attribute takes. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The manifest for the files in dist/ now. */
export async function integrityManifest() {
  const { version } = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8'));
  const files = {};
  for (const file of SELF_CONTAINED) {
    const bytes = await readFile(new URL(`dist/${file}`, ROOT));
    files[file] = { integrity: sri(bytes), bytes: bytes.length };
  }
  return { version, files };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const manifest = await integrityManifest();
  await writeFile(new URL('dist/integrity.json', ROOT), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, { integrity }] of Object.entries(manifest.files)) console.log(`dist/integrity.json: ${file} ${integrity}`);
}
