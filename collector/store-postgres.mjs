/**
 * The PostgreSQL store (node-postgres `pg`): the same tables, columns and behaviour as the
 * SQLite store. Portable SQL on purpose (no ON CONFLICT, no advisory locks), so that servers
 * speaking the PostgreSQL protocol with their own dialect — openGauss, KingbaseES — have as
 * little to differ on as possible: a duplicate is a unique violation, resolved by looking up
 * who holds the key. Claims use FOR UPDATE SKIP LOCKED.
 */
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migrations.mjs';
import { followedTransaction, isBad, resolveConflict, rowFor, transactionOf } from './store-common.mjs';

const UNIQUE_VIOLATION = '23505';

/** `postgres://user:secret@host/db` → `PostgreSQL host/db` (never the password). */
function describe(url) {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * Connects a pool (`pg` is the node-postgres module), applies the missing migrations and
 * returns the store. `poolSize` connections at most.
 */
export async function openPostgresStore(pg, url, { poolSize = 10, statementTimeoutMs = 10_000, applicationName = 'haochaping-collector' } = {}) {
  const Pool = pg.Pool ?? pg.default?.Pool;
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    application_name: applicationName,
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  let migrated;
  let jit = false;
  try {
    migrated = await migrate(pool);
    // PostgreSQL 11+ compiles a query whose estimate is large; the statistics' tag unnest is
    // estimated at 100 rows per rating, and compiling then costs seconds (bench/collector-stats.mjs).
    // Servers without the setting (openGauss, KingbaseES) have nothing to turn off.
    jit = Number((await pool.query("SELECT COUNT(*) AS n FROM pg_settings WHERE name = 'jit'")).rows[0].n) > 0;
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const columns = 'id, received_at, scale, level, verdict, tags, tag_version, body, project_no, task_code, assess_number, service_number, dept_code, channel';
  const values = '$1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14';
  const params = (r) => [r.id, r.receivedAt, r.scale, r.level, r.verdict, r.tags, r.tagVersion, r.body, r.projectNo, r.taskCode, r.assessNumber, r.serviceNumber, r.deptCode, r.channel];
  /**
   * The rating, its forward-queue row, its case (a 差评) and the link from the case a 追评
   * follows: one statement, so one round trip and atomic.
   */
  function insertStatement(row, { enqueueAt, opensCase, dueDate, dueDays }) {
    const values_ = params(row);
    const steps = [`stored AS (INSERT INTO evaluations (${columns}) VALUES (${values}) RETURNING id)`];
    if (enqueueAt !== undefined) {
      values_.push(enqueueAt);
      steps.push(`queued AS (INSERT INTO forward_queue (evaluation_id, state, attempts, next_at, created_at, updated_at)
        SELECT id, 'pending', 0, $${values_.length}, $${values_.length}, $${values_.length} FROM stored)`);
    }
    if (opensCase) {
      values_.push(dueDate ?? null, dueDays ?? null);
      steps.push(`opened AS (INSERT INTO cases (evaluation_id, due_date, due_days) SELECT id, $${values_.length - 1}::text, $${values_.length}::smallint FROM stored)`);
    }
    if (followedTransaction(row)) {
      steps.push(`linked AS (UPDATE cases SET follow_up_id = $1 WHERE EXISTS (SELECT 1 FROM stored) AND evaluation_id IN (
        SELECT id FROM evaluations WHERE project_no = $9 AND task_code = $10 AND assess_number = 1))`);
    }
    // A rating with nothing else to write (a 好评, not queued): the plain INSERT, planned faster.
    if (steps.length === 1) return [`INSERT INTO evaluations (${columns}) VALUES (${values})`, values_];
    return [`WITH ${steps.join(',\n')} SELECT id FROM stored`, values_];
  }
  let closed = false;
  const query = (text, values) => pool.query(text, values);
  const counted = (rows) => rows.map((r) => ({ ...r, attempts: Number(r.attempts), updatedAt: Number(r.updatedAt) }));

  return {
    dialect: 'postgres',
    description: describe(url),
    migrated,
    pool,

    /**
     * `dueDate`: of the case a 差评 opens ('YYYY-MM-DD'; absent: set when the calendar covers it),
     * `dueDays` working days after receipt.
     */
    async insert(evaluation, body, { enqueue = false, now = Date.now(), dueDate, dueDays } = {}) {
      const row = rowFor(evaluation, body, new Date(now).toISOString());
      const statement = insertStatement(row, { enqueueAt: enqueue ? now : undefined, opensCase: isBad(evaluation), dueDate, dueDays });
      for (let attempt = 1; ; attempt++) {
        try {
          await query(...statement);
          return { outcome: 'stored', id: row.id };
        } catch (error) {
          if (error.code !== UNIQUE_VIOLATION) throw error;
          // evaluations_pkey (the id) or evaluations_transaction (一次一评) hit; the statement
          // waited for the other writer, so the holder is committed and visible now.
          const { rows } = await query(
            'SELECT id FROM evaluations WHERE id = $1 OR (project_no = $2 AND task_code = $3 AND assess_number = $4)',
            [row.id, row.projectNo, row.taskCode, row.assessNumber],
          );
          try {
            return resolveConflict(row, rows.map((r) => r.id), error);
          } catch (unresolved) {
            if (attempt >= 3) throw unresolved; // the holder vanished: try the insert again
          }
        }
      }
    },

    /** Runs `sql` ($1-style parameters) and resolves its rows. */
    async query(text, params) {
      return (await query(text, params)).rows;
    },

    /** A read for the statistics: as query(), without JIT compilation. */
    async analytic(text, params) {
      if (!jit) return (await query(text, params)).rows;
      return this.transaction(async (q) => {
        await q('SET LOCAL jit = off');
        return q(text, params);
      });
    },

    /** Runs `fn(query)` in one transaction on one connection (committed when it resolves, rolled back when it throws). */
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },

    async find(id) {
      const { rows } = await query(
        `SELECT e.id, e.received_at AS "receivedAt", q.state, q.attempts
         FROM evaluations AS e LEFT JOIN forward_queue AS q ON q.evaluation_id = e.id WHERE e.id = $1`,
        [id],
      );
      const [row] = rows;
      return row ? { id: row.id, receivedAt: row.receivedAt.toISOString(), ...(row.state ? { forward: { state: row.state, attempts: row.attempts } } : {}) } : null;
    },

    async health() {
      const { rows } = await query('SELECT 1 AS ok');
      return rows[0].ok === 1;
    },

    async claim({ owner, limit, leaseMs, now = Date.now() }) {
      const { rows } = await query(
        `UPDATE forward_queue AS q
            SET lease_owner = $1, lease_until = $2, attempts = q.attempts + 1, updated_at = $3
           FROM evaluations AS e
          WHERE e.id = q.evaluation_id AND q.evaluation_id IN (
                SELECT evaluation_id FROM forward_queue
                 WHERE state = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
                 ORDER BY next_at LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING q.evaluation_id AS id, q.attempts, q.appeal, e.body`,
        [owner, now + leaseMs, now, limit],
      );
      return rows.map((r) => ({ id: r.id, body: r.body, appeal: r.appeal, attempts: Number(r.attempts) }));
    },
    async markSent(id, { status, now = Date.now() }) {
      const { rowCount } = await query(
        `UPDATE forward_queue SET state = 'sent', sent_at = $2, updated_at = $2, last_status = $3, last_error = NULL, lease_owner = NULL, lease_until = NULL
          WHERE evaluation_id = $1 AND state = 'pending'`,
        [id, now, status ?? null],
      );
      return rowCount === 1;
    },
    async markRetry(id, owner, { status, error, nextAt, now = Date.now() }) {
      const { rowCount } = await query(
        `UPDATE forward_queue SET next_at = $3, updated_at = $4, last_status = $5, last_error = $6, lease_owner = NULL, lease_until = NULL
          WHERE evaluation_id = $1 AND state = 'pending' AND lease_owner = $2`,
        [id, owner, nextAt, now, status ?? null, error ?? null],
      );
      return rowCount === 1;
    },
    async markDead(id, owner, { status, error, now = Date.now() }) {
      const { rowCount } = await query(
        `UPDATE forward_queue SET state = 'dead', updated_at = $3, last_status = $4, last_error = $5, lease_owner = NULL, lease_until = NULL
          WHERE evaluation_id = $1 AND state = 'pending' AND lease_owner = $2`,
        [id, owner, now, status ?? null, error ?? null],
      );
      return rowCount === 1;
    },
    async deadLetters({ limit = 1000 } = {}) {
      const { rows } = await query(
        `SELECT q.evaluation_id AS id, q.attempts, q.last_status AS "lastStatus", q.last_error AS "lastError", q.updated_at AS "updatedAt",
                e.project_no AS "projectNo", e.task_code AS "taskCode", e.assess_number AS "assessNumber"
           FROM forward_queue AS q JOIN evaluations AS e ON e.id = q.evaluation_id
          WHERE q.state = 'dead' ORDER BY q.updated_at, q.evaluation_id LIMIT $1`,
        [limit],
      );
      return counted(rows);
    },
    async repush(ids, { now = Date.now() } = {}) {
      const set = `SET state = 'pending', attempts = 0, next_at = $1, updated_at = $1, lease_owner = NULL, lease_until = NULL`;
      const { rows } =
        ids === 'all'
          ? await query(`UPDATE forward_queue ${set} WHERE state = 'dead' RETURNING evaluation_id AS id`, [now])
          : await query(`UPDATE forward_queue ${set} WHERE state = 'dead' AND evaluation_id = ANY($2::text[]) RETURNING evaluation_id AS id`, [now, ids]);
      const done = new Set(rows.map((r) => r.id));
      return ids === 'all' ? [...done] : ids.filter((id) => done.has(id));
    },
    /** Queues every stored rating that has no forward-queue row (stored while forwarding was off); returns how many. */
    async backfill({ now = Date.now() } = {}) {
      const { rowCount } = await query(
        `INSERT INTO forward_queue (evaluation_id, state, attempts, next_at, created_at, updated_at)
         SELECT e.id, 'pending', 0, $1::bigint, $1::bigint, $1::bigint FROM evaluations AS e
          WHERE NOT EXISTS (SELECT 1 FROM forward_queue AS q WHERE q.evaluation_id = e.id)`,
        [now],
      );
      return rowCount;
    },
    async queueCounts() {
      const counts = { pending: 0, sent: 0, dead: 0 };
      for (const { state, n } of (await query('SELECT state, COUNT(*) AS n FROM forward_queue GROUP BY state')).rows) counts[state] = Number(n);
      return counts;
    },
    async queueRow(id) {
      const { rows } = await query('SELECT * FROM forward_queue WHERE evaluation_id = $1', [id]);
      if (!rows[0]) return null;
      const r = rows[0];
      for (const k of ['next_at', 'lease_until', 'created_at', 'updated_at', 'sent_at']) if (r[k] !== null) r[k] = Number(r[k]);
      return r;
    },
    transactionOf,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Applies the missing migrations in one transaction, holding an exclusive lock on
 * schema_migrations: two collectors starting at once migrate once. Returns the versions applied now.
 */
async function migrate(pool) {
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query(SCHEMA_MIGRATIONS_DDL.postgres);
      break;
    } catch (error) {
      // Two first starts at once: CREATE TABLE IF NOT EXISTS can still collide on the catalog.
      if (attempt >= 3 || !['23505', '42P07'].includes(error.code)) throw error;
    }
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    const pending = pendingMigrations(rows.map((r) => r.version));
    for (const migration of pending) {
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export { MIGRATIONS };
