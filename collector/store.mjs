/**
 * Opens the collector's database: PostgreSQL when a `databaseUrl` (DATABASE_URL) is given,
 * else SQLite in `dbFile`. The drivers are optional peer dependencies of haochaping — a
 * browser install never pulls them in — so each is imported only when needed, and a missing
 * one is an error that names the fix.
 */

/** An error meant for the operator: the CLI prints its message alone, without a stack. */
export class CollectorError extends Error {
  constructor(message, { cause, exitCode = 1 } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'CollectorError';
    this.exitCode = exitCode;
  }
}

const DRIVERS = {
  sqlite: { module: 'better-sqlite3', install: 'npm install better-sqlite3@12', what: 'the SQLite driver', env: 'HCP_SQLITE_MODULE' },
  postgres: { module: 'pg', install: 'npm install pg', what: 'the PostgreSQL driver (node-postgres)', env: 'HCP_PG_MODULE' },
};

/** Imports a database driver, or throws a CollectorError naming the npm command that installs it. */
export async function loadDriver(kind, specifier = DRIVERS[kind].module) {
  const driver = DRIVERS[kind];
  try {
    const mod = await import(specifier);
    return mod.default ?? mod;
  } catch (error) {
    const other = kind === 'sqlite' ? ' (or set DATABASE_URL to use PostgreSQL, with `npm install pg`)' : '';
    if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') {
      throw new CollectorError(
        `${driver.what} "${driver.module}" is not installed${specifier === driver.module ? '' : ` (looked for ${specifier})`}. ` +
          `haochaping declares it as an optional peer dependency; install it next to haochaping:\n\n  ${driver.install}\n${other ? `\n${other.trim()}` : ''}`,
        { cause: error },
      );
    }
    throw new CollectorError(`${driver.what} "${driver.module}" is installed but failed to load: ${error.message}\nReinstall it: ${driver.install}`, { cause: error });
  }
}

/**
 * The store for `options`: `{ databaseUrl }` → PostgreSQL, else `{ dbFile }` → SQLite.
 * `sqliteModule` / `pgModule` replace the driver's module specifier (tests, vendored builds).
 */
export async function openStore({ databaseUrl, dbFile = 'data/evaluations.sqlite', sqliteModule, pgModule, poolSize } = {}) {
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
      throw new CollectorError('DATABASE_URL must be a PostgreSQL connection URL: postgres://user:password@host:5432/database', { exitCode: 2 });
    }
    const pg = await loadDriver('postgres', pgModule);
    const { openPostgresStore } = await import('./store-postgres.mjs');
    try {
      return await openPostgresStore(pg, databaseUrl, { poolSize });
    } catch (error) {
      if (error instanceof CollectorError) throw error;
      const where = (() => {
        try {
          const u = new URL(databaseUrl);
          return `${u.hostname}:${u.port || 5432}${u.pathname}`;
        } catch {
          return 'DATABASE_URL';
        }
      })();
      throw new CollectorError(`cannot open the PostgreSQL database at ${where}: ${error.message}`, { cause: error });
    }
  }
  const Database = await loadDriver('sqlite', sqliteModule);
  const { openSqliteStore } = await import('./store-sqlite.mjs');
  try {
    return openSqliteStore(Database, dbFile);
  } catch (error) {
    if (/NODE_MODULE_VERSION|bindings|\.node\b|ERR_DLOPEN_FAILED/.test(`${error.code} ${error.message}`)) {
      throw new CollectorError(
        `better-sqlite3's native module does not load in this Node (${process.version}): ${error.message}\n` +
          `Reinstall it for this Node: ${DRIVERS.sqlite.install} (12.x supports Node 20; 13.x needs Node 22)`,
        { cause: error },
      );
    }
    throw new CollectorError(`cannot open the SQLite database ${dbFile}: ${error.message}`, { cause: error });
  }
}

export { DRIVERS };
