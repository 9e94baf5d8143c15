/**
 * The SQLite store (better-sqlite3): embedded, zero set-up, one file. Synchronous underneath;
 * the store's methods return promises so the handler and the forwarder treat both databases
 * alike. WAL mode: readers never wait for the writer; several processes (serve + forward) may
 * share the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migrations.mjs';
import { followedTransaction, isBad, positional, resolveConflict, rowFor, transactionOf } from './store-common.mjs';

/**
 * Opens (creating with its folder) the SQLite database `file` with the better-sqlite3
 * constructor `Database`, applies the missing migrations and returns the store.
 * `store.db` is the better-sqlite3 handle (the demo reads its dashboard statistics from it).
 */
export function openSqliteStore(Database, file, { busyTimeoutMs = 5000 } = {}) {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  let migrated;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrated = migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = {
    insert: db.prepare(`
      INSERT INTO evaluations (id, received_at, scale, level, verdict, tags, tag_version, body, project_no, task_code, assess_number, service_number, dept_code, channel)
      VALUES (@id, @receivedAt, @scale, @level, @verdict, @tags, @tagVersion, @body, @projectNo, @taskCode, @assessNumber, @serviceNumber, @deptCode, @channel)
      ON CONFLICT (id) DO NOTHING`),
    openCase: db.prepare('INSERT INTO cases (evaluation_id, due_date, due_days) VALUES (?, ?, ?)'),
    linkFollowUp: db.prepare(`
      UPDATE cases SET follow_up_id = @id
      WHERE evaluation_id IN (SELECT id FROM evaluations WHERE project_no = @projectNo AND task_code = @taskCode AND assess_number = 1)`),
    enqueue: db.prepare(`INSERT INTO forward_queue (evaluation_id, state, attempts, next_at, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?, ?)`),
    backfill: db.prepare(`
      INSERT INTO forward_queue (evaluation_id, state, attempts, next_at, created_at, updated_at)
      SELECT e.id, 'pending', 0, @now, @now, @now FROM evaluations AS e
      WHERE NOT EXISTS (SELECT 1 FROM forward_queue AS q WHERE q.evaluation_id = e.id)`),
    holders: db.prepare('SELECT id FROM evaluations WHERE id = ? OR (project_no = ? AND task_code = ? AND assess_number = ?)').pluck(),
    find: db.prepare(`
      SELECT e.id, e.received_at AS receivedAt, q.state, q.attempts
      FROM evaluations AS e LEFT JOIN forward_queue AS q ON q.evaluation_id = e.id WHERE e.id = ?`),
    health: db.prepare('SELECT 1').pluck(),
    due: db.prepare(`
      SELECT q.evaluation_id AS id, e.body, q.appeal FROM forward_queue AS q JOIN evaluations AS e ON e.id = q.evaluation_id
      WHERE q.state = 'pending' AND q.next_at <= @now AND (q.lease_until IS NULL OR q.lease_until <= @now)
      ORDER BY q.next_at LIMIT @limit`),
    lease: db.prepare(`
      UPDATE forward_queue SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @now
      WHERE evaluation_id = @id RETURNING attempts`).pluck(),
    sent: db.prepare(`
      UPDATE forward_queue SET state = 'sent', sent_at = @now, updated_at = @now, last_status = @status, last_error = NULL, lease_owner = NULL, lease_until = NULL
      WHERE evaluation_id = @id AND state = 'pending'`),
    retry: db.prepare(`
      UPDATE forward_queue SET next_at = @nextAt, updated_at = @now, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL
      WHERE evaluation_id = @id AND state = 'pending' AND lease_owner = @owner`),
    dead: db.prepare(`
      UPDATE forward_queue SET state = 'dead', updated_at = @now, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL
      WHERE evaluation_id = @id AND state = 'pending' AND lease_owner = @owner`),
    deadLetters: db.prepare(`
      SELECT q.evaluation_id AS id, q.attempts, q.last_status AS lastStatus, q.last_error AS lastError, q.updated_at AS updatedAt,
             e.project_no AS projectNo, e.task_code AS taskCode, e.assess_number AS assessNumber
      FROM forward_queue AS q JOIN evaluations AS e ON e.id = q.evaluation_id
      WHERE q.state = 'dead' ORDER BY q.updated_at, q.evaluation_id LIMIT ?`),
    repushOne: db.prepare(`
      UPDATE forward_queue SET state = 'pending', attempts = 0, next_at = @now, updated_at = @now, lease_owner = NULL, lease_until = NULL
      WHERE evaluation_id = @id AND state = 'dead' RETURNING evaluation_id`).pluck(),
    repushAll: db.prepare(`
      UPDATE forward_queue SET state = 'pending', attempts = 0, next_at = @now, updated_at = @now, lease_owner = NULL, lease_until = NULL
      WHERE state = 'dead' RETURNING evaluation_id`).pluck(),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM forward_queue GROUP BY state'),
    queueRow: db.prepare('SELECT * FROM forward_queue WHERE evaluation_id = ?'),
  };

  // The rating, its forward-queue row, its case (a 差评) and the link from the case a 追评
  // follows: one transaction.
  const store = db.transaction((row, enqueueAt, opensCase, dueDate, dueDays) => {
    const { changes } = sql.insert.run(row);
    if (changes !== 1) return false;
    if (enqueueAt !== undefined) sql.enqueue.run(row.id, enqueueAt, enqueueAt, enqueueAt);
    if (opensCase) sql.openCase.run(row.id, dueDate ?? null, dueDays ?? null);
    const followed = followedTransaction(row);
    if (followed) sql.linkFollowUp.run({ id: row.id, projectNo: followed.projectNo, taskCode: followed.taskCode });
    return true;
  });

  const claim = db.transaction(({ owner, limit, leaseMs, now }) =>
    sql.due.all({ now, limit }).map(({ id, body, appeal }) => ({ id, body, appeal, attempts: sql.lease.get({ owner, until: now + leaseMs, now, id }) })),
  );

  /**
   * better-sqlite3 is synchronous, but a transaction of the loop (cases.mjs) awaits between its
   * statements: every write waits its turn here, so nothing runs inside another's transaction.
   */
  let turn = Promise.resolve();
  const serial = (fn) => {
    const result = turn.then(fn);
    turn = result.catch(() => {});
    return result;
  };
  const prepared = new Map();
  /** `$1`-style SQL → its rows (a read) or `{ changes }`. */
  const run = (text, params) => {
    const [sqliteText, values] = positional(text, params);
    let statement = prepared.get(sqliteText);
    if (!statement) prepared.set(sqliteText, (statement = db.prepare(sqliteText)));
    return statement.reader ? statement.all(...values) : statement.run(...values);
  };

  let closed = false;
  return {
    dialect: 'sqlite',
    description: file === ':memory:' ? 'SQLite (in memory)' : `SQLite ${resolve(file)}`,
    migrated,
    db,

    /**
     * `dueDate`: of the case a 差评 opens ('YYYY-MM-DD'; absent: set when the calendar covers it),
     * `dueDays` working days after receipt.
     */
    insert(evaluation, body, { enqueue = false, now = Date.now(), dueDate, dueDays } = {}) {
      const row = rowFor(evaluation, body, new Date(now).toISOString());
      return serial(() => {
        try {
          // IMMEDIATE: take the write lock first, so two processes on one file serialise cleanly.
          return store.immediate(row, enqueue ? now : undefined, isBad(evaluation), dueDate, dueDays)
            ? { outcome: 'stored', id: row.id }
            : { outcome: 'duplicate', id: row.id };
        } catch (error) {
          if (!String(error.code).startsWith('SQLITE_CONSTRAINT')) throw error;
          // The transaction index (evaluations.project_no, …) hit: who holds the transaction?
          return resolveConflict(row, sql.holders.all(row.id, row.projectNo, row.taskCode, row.assessNumber), error);
        }
      });
    },

    /** Runs `sql` ($1-style parameters) and resolves its rows (a read) or `{ changes }` (a write, in its turn). */
    async query(text, params) {
      return /^\s*(SELECT|WITH)\b/i.test(text) ? run(text, params) : serial(() => run(text, params));
    },

    /** A read for the statistics (the same as query() here). */
    async analytic(text, params) {
      return run(text, params);
    },

    /** Runs `fn(query)` in one IMMEDIATE transaction (committed when it resolves, rolled back when it throws). */
    transaction(fn) {
      return serial(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(async (text, params) => run(text, params));
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },

    async find(id) {
      const row = sql.find.get(id);
      return row ? { id: row.id, receivedAt: row.receivedAt, ...(row.state ? { forward: { state: row.state, attempts: row.attempts } } : {}) } : null;
    },

    async health() {
      return sql.health.get() === 1;
    },

    claim({ owner, limit, leaseMs, now = Date.now() }) {
      return serial(() => claim.immediate({ owner, limit, leaseMs, now }));
    },
    markSent(id, { status, now = Date.now() }) {
      return serial(() => sql.sent.run({ id, status: status ?? null, now }).changes === 1);
    },
    markRetry(id, owner, { status, error, nextAt, now = Date.now() }) {
      return serial(() => sql.retry.run({ id, owner, status: status ?? null, error: error ?? null, nextAt, now }).changes === 1);
    },
    markDead(id, owner, { status, error, now = Date.now() }) {
      return serial(() => sql.dead.run({ id, owner, status: status ?? null, error: error ?? null, now }).changes === 1);
    },
    async deadLetters({ limit = 1000 } = {}) {
      return sql.deadLetters.all(limit);
    },
    repush(ids, { now = Date.now() } = {}) {
      if (ids === 'all') return serial(() => sql.repushAll.all({ now }));
      return serial(() => db.transaction(() => ids.filter((id) => sql.repushOne.get({ id, now }) !== undefined))());
    },
    /** Queues every stored rating that has no forward-queue row (stored while forwarding was off); returns how many. */
    backfill({ now = Date.now() } = {}) {
      return serial(() => sql.backfill.run({ now }).changes);
    },
    async queueCounts() {
      const counts = { pending: 0, sent: 0, dead: 0 };
      for (const { state, n } of sql.counts.all()) counts[state] = n;
      return counts;
    },
    async queueRow(id) {
      return sql.queueRow.get(id) ?? null;
    },
    transactionOf,
    async close() {
      if (closed) return;
      closed = true;
      await turn;
      db.close();
    },
  };
}

/** Applies the missing migrations in one IMMEDIATE transaction; returns the versions applied now. */
function migrate(db) {
  db.exec(SCHEMA_MIGRATIONS_DDL.sqlite);
  return db.transaction(() => {
    const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    const pending = pendingMigrations(applied);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    return pending.map((m) => m.version);
  }).immediate();
}

export { MIGRATIONS };
