import { readCatalog, type Catalog } from '../schema/catalog.js';
import { cachedCatalog, saveCatalog } from './catalog-cache.js';

/** A catalog is a few kilobytes; anything far larger is a wrong URL or an attack. */
const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 10_000;

const loads = new Map<string, Promise<Catalog>>();

/**
 * Fetches and validates the catalog at `url` (absolute), once per page however many widgets
 * name it. Rejects with a message that says what is wrong and where.
 */
export function loadCatalog(url: string): Promise<Catalog> {
  let load = loads.get(url);
  if (!load) {
    load = fetchCatalog(url).then(
      (catalog) => {
        void saveCatalog(url, catalog);
        return catalog;
      },
      (error: Error) => fromCache(url, error),
    );
    loads.set(url, load);
    // A failed load may succeed later (another widget, a new page state): do not cache it.
    load.catch(() => loads.delete(url));
  }
  return load;
}

/**
 * Offline, or the server sends something unusable: the last good catalog of this URL, with a
 * warning; the fetch is tried again by the next widget. Rejects with the fetch error when
 * nothing is cached (the element then shows the default catalog).
 */
async function fromCache(url: string, error: Error): Promise<Catalog> {
  const cached = await cachedCatalog(url);
  if (!cached) throw error;
  loads.delete(url);
  console.warn(`<hcp-rating> ${error.message}; showing the catalog saved on ${cached.savedAt} (${cached.version}) instead.`);
  return cached.catalog;
}

async function fetchCatalog(url: string): Promise<Catalog> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal, referrerPolicy: 'strict-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await readCapped(response);
    const result = readCatalog(JSON.parse(text));
    if (!result.ok) {
      const issue = result.issues[0];
      throw new Error(`not a catalog (at ${issue.path.join('.') || 'top level'}: ${issue.message})`);
    }
    return result.catalog;
  } catch (error) {
    const reason = controller.signal.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : (error as Error).message;
    throw new Error(`tags-src "${url}" could not be used: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, refusing (and no longer downloading) anything over `MAX_BYTES`. */
async function readCapped(response: Response): Promise<string> {
  const tooLarge = () => new Error(`larger than ${MAX_BYTES / 1024} KiB`);
  if (Number(response.headers.get('Content-Length')) > MAX_BYTES) {
    void response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
