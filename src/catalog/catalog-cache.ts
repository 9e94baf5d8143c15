import { indexedDbKV, type KV } from '../outbox/kv.js';
import { readCatalog, type Catalog } from '../schema/catalog.js';

/**
 * The last good catalog of each `tags-src` URL, kept with its version so a widget opened
 * offline (a service-hall tablet whose Wi-Fi dropped, a page from the browser cache) shows
 * the reasons it showed before, and the payload's `tagVersion` names that catalog.
 * Its own database (the outbox's storage is a separate concern with its own lifecycle), opened
 * the outbox's way (src/outbox/kv.ts): with a timeout, and reconnecting when the browser closes it.
 */
export interface CachedCatalog {
  url: string;
  version: string;
  catalog: Catalog;
  savedAt: string;
}

export const CATALOG_DB = 'haochaping-catalogs';
const OPEN_TIMEOUT_MS = 3000;
let store: Promise<KV> | undefined;
/** Opened on first use only: importing the SDK in Node or a page without IndexedDB stays harmless. */
const catalogStore = (): Promise<KV> =>
  (store ??= indexedDbKV(CATALOG_DB, OPEN_TIMEOUT_MS).catch((error) => {
    store = undefined; // blocked now, perhaps not on the next widget
    throw error;
  }));

/** Remembers `catalog` as the last good one for `url`. Never throws: the cache is a bonus. */
export async function saveCatalog(url: string, catalog: Catalog): Promise<void> {
  try {
    const entry: CachedCatalog = { url, version: catalog.version, catalog, savedAt: new Date().toISOString() };
    await (await catalogStore()).set(url, entry);
  } catch {
    // No IndexedDB (private mode, blocked storage, quota): the widget still works online.
  }
}

/** The last good catalog for `url`, re-validated (storage is not trusted blindly), or `undefined`. */
export async function cachedCatalog(url: string): Promise<CachedCatalog | undefined> {
  try {
    const entry = (await (await catalogStore()).get(url)) as CachedCatalog | undefined;
    const read = readCatalog(entry?.catalog);
    if (!entry || !read.ok) return undefined;
    return { ...entry, version: read.catalog.version, catalog: read.catalog };
  } catch {
    return undefined;
  }
}
