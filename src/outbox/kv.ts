import { promisifyRequest, type UseStore } from 'idb-keyval';
import { root } from '../floor.js';

/**
 * A small key-value store the outbox keeps its records in. Three kinds, best first:
 * IndexedDB (survives the tab, atomic `update` across tabs), localStorage (survives the
 * tab, not atomic across tabs), memory (lost with the page: `durable: false`).
 */
export interface KV {
  readonly kind: 'indexeddb' | 'localstorage' | 'memory';
  /** Whether a committed write survives closing the tab. */
  readonly durable: boolean;
  get(key: string): Promise<unknown>;
  /** Resolves once the write has committed. */
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Reads and writes one key as one step; `updater` is synchronous and returns the new value
   * (`undefined` deletes). With `countPrefix`, it also gets how many keys start with it, counted
   * in the same step. With `drop`, that key is deleted in the same step, first (in IndexedDB, an
   * updater that throws undoes that delete too).
   */
  update(key: string, updater: (old: unknown, count: number) => unknown, countPrefix?: string, drop?: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  entries(prefix: string): Promise<[string, unknown][]>;
  /** How many keys start with `prefix`, without reading their values. */
  count(prefix: string): Promise<number>;
}

const STORE = 'kv';
/**
 * Every key that starts with `prefix`: from `prefix` up to, not including, the prefix with its
 * last character raised by one (`o:` → `o;`). Not `prefix + '\uffff'`: Chromium 87 matched
 * nothing with that bound.
 */
const range = (prefix: string) =>
  IDBKeyRange.bound(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1), false, true);

/**
 * Opens our own database (idb-keyval cannot add a store to somebody else's). The open can
 * throw (no IndexedDB, blocked storage), fail (Firefox private mode before 115) or never
 * call back (Safari 14's first open): all three end within `timeoutMs`.
 */
function openDatabase(name: string, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new Error(`IndexedDB did not open within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      if (!settled) reject(error);
      settled = true;
    };
    try {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        clearTimeout(timer);
        if (settled) return db.close();
        settled = true;
        resolve(db);
      };
      request.onerror = () => fail(request.error);
    } catch (error) {
      fail(error);
    }
  });
}

/**
 * An idb-keyval store that reconnects when the browser closes the connection (Safari does,
 * so does a `deleteDatabase` elsewhere), and commits writes with `durability: 'strict'` so
 * “queued” means on disk.
 */
function useStore(name: string, timeoutMs: number, first: IDBDatabase): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;
  const adopt = (db: IDBDatabase) => {
    db.onclose = () => (dbp = undefined);
    // Another tab (or a test) wants to delete or upgrade the database: let it, reopen later.
    db.onversionchange = () => {
      db.close();
      dbp = undefined;
    };
    return db;
  };
  dbp = Promise.resolve(adopt(first));
  const connect = () =>
    (dbp ??= openDatabase(name, timeoutMs).then(adopt, (error) => {
      dbp = undefined;
      throw error;
    }));
  return async (mode, callback) => {
    let db = await connect();
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode, { durability: 'strict' });
    } catch {
      // “The database connection is closing”: reconnect once.
      dbp = undefined;
      db = await connect();
      tx = db.transaction(STORE, mode, { durability: 'strict' });
    }
    return callback(tx.objectStore(STORE));
  };
}

export async function indexedDbKV(name: string, timeoutMs: number): Promise<KV> {
  if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
  const store = useStore(name, timeoutMs, await openDatabase(name, timeoutMs));
  return {
    kind: 'indexeddb',
    durable: true,
    // idb-keyval's get/set/del, over our store: theirs would also bring in its default
    // database (createStore('keyval-store')), which we never open.
    get: (key) => store('readonly', (s) => promisifyRequest(s.get(key))),
    set: (key, value) =>
      store('readwrite', (s) => {
        s.put(value, key);
        return promisifyRequest(s.transaction);
      }),
    del: (key) =>
      store('readwrite', (s) => {
        s.delete(key);
        return promisifyRequest(s.transaction);
      }),
    update: (key, updater, countPrefix, drop) =>
      store('readwrite', (s) =>
        // One transaction from read to write: two tabs claiming the same record cannot both win.
        new Promise<void>((resolve, reject) => {
          if (drop !== undefined) s.delete(drop);
          const request = s.get(key);
          // Requests in a transaction complete in order: once the count is in, so is the value.
          const counted = countPrefix === undefined ? undefined : s.count(range(countPrefix));
          if (counted) counted.onerror = () => reject(counted.error);
          (counted ?? request).onsuccess = () => {
            try {
              const value = updater(request.result, counted?.result ?? 0);
              if (value === undefined) s.delete(key);
              else s.put(value, key);
              resolve(promisifyRequest(s.transaction).then(() => undefined));
            } catch (error) {
              s.transaction.abort();
              reject(error);
            }
          };
          request.onerror = () => reject(request.error);
        }),
      ),
    entries: (prefix) =>
      store('readonly', async (s) => {
        const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range(prefix))), promisifyRequest(s.getAll(range(prefix)))]);
        return keys.map((key, i) => [String(key), values[i]] as [string, unknown]);
      }),
    count: (prefix) => store('readonly', (s) => promisifyRequest(s.count(range(prefix)))),
  };
}

/** localStorage under `<namespace>:`; throws at once when the page may not use it. */
function localStorageKV(namespace: string): KV {
  const storage = root.localStorage;
  const probe = `${namespace}:probe`;
  storage.setItem(probe, '1');
  storage.removeItem(probe);
  const full = (key: string) => `${namespace}:${key}`;
  const read = (key: string): unknown => {
    const text = storage.getItem(full(key));
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text; // unreadable: the outbox sets it aside
    }
  };
  const write = (key: string, value: unknown) =>
    value === undefined ? storage.removeItem(full(key)) : storage.setItem(full(key), JSON.stringify(value));
  const keys = (prefix: string) => {
    const found: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(full(prefix))) found.push(key.slice(namespace.length + 1));
    }
    return found;
  };
  return {
    kind: 'localstorage',
    durable: true,
    get: async (key) => read(key),
    set: async (key, value) => write(key, value),
    del: async (key) => storage.removeItem(full(key)),
    // Synchronous read and write: atomic within this page, best effort across tabs.
    update: async (key, updater, countPrefix, drop) => {
      if (drop !== undefined) storage.removeItem(full(drop));
      write(key, updater(read(key), countPrefix === undefined ? 0 : keys(countPrefix).length));
    },
    entries: async (prefix) => keys(prefix).sort().map((key) => [key, read(key)] as [string, unknown]),
    count: async (prefix) => keys(prefix).length,
  };
}

function memoryKV(): KV {
  const map = new Map<string, unknown>();
  // Copies on the way in and out, as the durable stores do, so callers never share objects.
  // Records are plain JSON, so where structuredClone is missing (Chrome < 98, Safari < 15.4) a
  // JSON round trip copies them the same.
  const clone = <T>(value: T): T =>
    value === undefined ? value : typeof structuredClone === 'function' ? structuredClone(value) : JSON.parse(JSON.stringify(value));
  const countOf = (prefix: string) => [...map.keys()].filter((key) => key.startsWith(prefix)).length;
  return {
    kind: 'memory',
    durable: false,
    get: async (key) => clone(map.get(key)),
    set: async (key, value) => void map.set(key, clone(value)),
    del: async (key) => void map.delete(key),
    update: async (key, updater, countPrefix, drop) => {
      if (drop !== undefined) map.delete(drop);
      const value = updater(clone(map.get(key)), countPrefix === undefined ? 0 : countOf(countPrefix));
      if (value === undefined) map.delete(key);
      else map.set(key, clone(value));
    },
    entries: async (prefix) =>
      [...map.entries()].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, clone(v)]),
    count: async (prefix) => countOf(prefix),
  };
}

/**
 * The stores available to this page, best first, always ending with memory. A rating goes
 * to the first that takes it; a failed write (quota, a closing connection) moves on to the
 * next. Each unavailable store is logged once so a site can see why ratings are not durable.
 */
export async function openStores(name: string, openTimeoutMs: number): Promise<KV[]> {
  const stores: KV[] = [];
  try {
    stores.push(await indexedDbKV(name, openTimeoutMs));
  } catch (error) {
    console.warn(`haochaping: IndexedDB unavailable (${(error as Error)?.message ?? error}); trying localStorage.`);
  }
  try {
    stores.push(localStorageKV(`haochaping:${name}`));
  } catch (error) {
    if (!stores.length) console.warn(`haochaping: localStorage unavailable (${(error as Error)?.message ?? error}); ratings are kept in memory only.`);
  }
  stores.push(memoryKV());
  return stores;
}
