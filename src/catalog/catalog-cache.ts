import { createStore, get, set, type UseStore } from 'idb-keyval';
import { readCatalog, type Catalog } from '../schema/catalog.js';

/**
 * The last good catalog of each `tags-src` URL, kept with its version so a widget opened
 * offline (a service-hall tablet whose Wi-Fi dropped, a page from the browser cache) shows
 * the reasons it showed before, and the payload's `tagVersion` names that catalog.
 * Its own database: the outbox's storage is a separate concern with its own lifecycle.
 */
export interface CachedCatalog {
  url: string;
  version: string;
  catalog: Catalog;
  savedAt: string;
}

let store: UseStore | undefined;
/** Opened on first use only: importing the SDK in Node or a page without IndexedDB stays harmless. */
const catalogStore = (): UseStore => (store ??= createStore('haochaping-catalog', 'catalogs'));

/** Remembers `catalog` as the last good one for `url`. Never throws: the cache is a bonus. */
export async function saveCatalog(url: string, catalog: Catalog): Promise<void> {
  try {
    const entry: CachedCatalog = { url, version: catalog.version, catalog, savedAt: new Date().toISOString() };
    await set(url, entry, catalogStore());
  } catch {
    // No IndexedDB (private mode, blocked storage, quota): the widget still works online.
  }
}

/** The last good catalog for `url`, re-validated (storage is not trusted blindly), or `undefined`. */
export async function cachedCatalog(url: string): Promise<CachedCatalog | undefined> {
  try {
    const entry = await get<CachedCatalog>(url, catalogStore());
    const read = readCatalog(entry?.catalog);
    if (!entry || !read.ok) return undefined;
    return { ...entry, version: read.catalog.version, catalog: read.catalog };
  } catch {
    return undefined;
  }
}
