/**
 * The two databases the deployable collector runs on, for suites that run the same test
 * bodies on both (test/node/collector-*.test.mjs):
 *
 *   for (const database of collectorDatabases()) {
 *     describe(`on ${database.name}`, () => {
 *       before(() => database.start());
 *       after(() => database.stop());
 *       it('…', async () => {
 *         const db = await database.fresh();  // an empty database of its own
 *         startCollector({ ...db.options, … }); spawn(cli, { env: { ...process.env, ...db.env } });
 *         await db.query('SELECT COUNT(*) AS n FROM evaluations WHERE id = $1', [id]);
 *       });
 *     });
 *   }
 *
 * `query` takes PostgreSQL-style `$1` parameters on both (rewritten to `?` for SQLite, in order).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { after, afterEach, before, beforeEach } from 'node:test';
import { startPostgres } from './postgres.mjs';

function sqlite() {
  let dir;
  let n = 0;
  return {
    name: 'SQLite',
    dialect: 'sqlite',
    async start() {
      dir = mkdtempSync(join(tmpdir(), 'hcp-collector-sqlite-'));
    },
    async stop() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    async fresh() {
      const folder = join(dir, `db${++n}`);
      mkdirSync(join(folder, 'data'), { recursive: true });
      const file = join(folder, 'data', 'evaluations.sqlite');
      return {
        options: { dbFile: file },
        env: { HCP_DB: file },
        folder,
        file,
        async query(sql, params = []) {
          const db = new Database(file, { timeout: 5000 });
          try {
            const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
            return statement.reader ? statement.all(...params) : statement.run(...params);
          } finally {
            db.close();
          }
        },
        /** Makes the database unreachable for `collector`; resolves a function that undoes it, where possible. */
        async outage(collector) {
          collector.store.db.close();
          return async () => {};
        },
        async close() {},
      };
    },
  };
}

function postgres() {
  let server;
  let admin;
  let n = 0;
  return {
    name: 'PostgreSQL',
    dialect: 'postgres',
    async start() {
      server = await startPostgres();
      admin = new pg.Pool({ connectionString: server.adminUrl, max: 2 });
    },
    async stop() {
      await admin?.end();
      await server?.stop();
    },
    async fresh() {
      const name = `t${++n}`;
      const url = await server.createDatabase(name);
      const pool = new pg.Pool({ connectionString: url, max: 3 });
      pool.on('error', () => {});
      return {
        options: { databaseUrl: url },
        env: { DATABASE_URL: url },
        url,
        async query(sql, params = []) {
          return (await pool.query(sql, params)).rows;
        },
        async outage() {
          await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
          return async () => {
            await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
          };
        },
        async close() {
          await pool.end().catch(() => {});
        },
      };
    },
  };
}

/** Both databases, SQLite first. Each `start()`s in a `before` hook and `stop()`s in an `after`. */
export function collectorDatabases() {
  return [sqlite(), postgres()];
}

/**
 * Inside a suite's `describe`: starts `database` for the suite, hands each test a fresh one
 * (`use(db)`), and after each test runs the cleanups it pushed (last first), then closes it.
 */
export function eachFreshDatabase(database, cleanups, use) {
  let db;
  before(() => database.start());
  after(() => database.stop());
  beforeEach(async () => use((db = await database.fresh())));
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
    await db.close();
  });
}
