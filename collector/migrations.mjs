/**
 * The collector's schema, as numbered migrations: one list, SQL per dialect where the
 * dialects differ. Each store applies the missing ones at start, in order, in one transaction,
 * and records each in `schema_migrations` (version, name, applied_at). Never edit a released
 * migration: add the next number.
 *
 * Times: `evaluations.received_at` is ISO 8601 text on SQLite and timestamptz on PostgreSQL;
 * the forward queue's times are milliseconds since the epoch (INTEGER / BIGINT) on both.
 */
export const MIGRATIONS = [
  {
    version: 1,
    name: 'evaluations',
    // SQLite: exactly the table the demo collector created before migrations existed, so an
    // existing demo/data/evaluations.sqlite is adopted as version 1.
    sqlite: `
      CREATE TABLE IF NOT EXISTS evaluations (
        id          TEXT PRIMARY KEY,      -- the evaluation id, also its Idempotency-Key
        received_at TEXT NOT NULL,         -- ISO 8601 (UTC), when this server first stored it
        scale       TEXT NOT NULL,
        level       INTEGER,               -- 5..1; NULL on the good-bad scale
        verdict     TEXT NOT NULL,         -- good | bad
        tags        TEXT NOT NULL,         -- JSON array of tag codes
        tag_version TEXT NOT NULL,
        body        TEXT NOT NULL          -- the body exactly as received (JSON)
      );
      CREATE INDEX IF NOT EXISTS evaluations_received_at ON evaluations (received_at);`,
    postgres: `
      CREATE TABLE evaluations (
        id          TEXT PRIMARY KEY,
        received_at TIMESTAMPTZ NOT NULL,
        scale       TEXT NOT NULL,
        level       SMALLINT,
        verdict     TEXT NOT NULL,
        tags        JSONB NOT NULL,
        tag_version TEXT NOT NULL,
        body        TEXT NOT NULL
      );
      CREATE INDEX evaluations_received_at ON evaluations (received_at);`,
  },
  {
    version: 2,
    name: 'transaction key (一次一评) and service number',
    // The transaction is (project_no, task_code, assess_number); task_code '' when absent (the
    // schema never sends empty strings). Page feedback has no project_no: NULL never conflicts.
    // Rows stored before this migration: the first rating of each transaction keeps the key,
    // later ones (accepted before the server enforced 一次一评) keep none.
    sqlite: `
      ALTER TABLE evaluations ADD COLUMN project_no TEXT;
      ALTER TABLE evaluations ADD COLUMN task_code TEXT NOT NULL DEFAULT '';
      ALTER TABLE evaluations ADD COLUMN assess_number INTEGER;
      ALTER TABLE evaluations ADD COLUMN service_number TEXT;
      UPDATE evaluations SET service_number = json_extract(body, '$.serviceNumber');
      UPDATE evaluations
         SET project_no = json_extract(body, '$.projectNo'),
             task_code = COALESCE(json_extract(body, '$.taskCode'), ''),
             assess_number = json_extract(body, '$.assessNumber')
       WHERE rowid IN (
         SELECT rowid FROM (
           SELECT rowid, ROW_NUMBER() OVER (
             PARTITION BY json_extract(body, '$.projectNo'), COALESCE(json_extract(body, '$.taskCode'), ''), json_extract(body, '$.assessNumber')
             ORDER BY received_at, rowid) AS n
           FROM evaluations WHERE json_extract(body, '$.projectNo') IS NOT NULL)
         WHERE n = 1);
      CREATE UNIQUE INDEX evaluations_transaction ON evaluations (project_no, task_code, assess_number);`,
    postgres: `
      ALTER TABLE evaluations
        ADD COLUMN project_no TEXT,
        ADD COLUMN task_code TEXT NOT NULL DEFAULT '',
        ADD COLUMN assess_number SMALLINT,
        ADD COLUMN service_number TEXT;
      UPDATE evaluations SET service_number = body::jsonb->>'serviceNumber';
      WITH keyed AS (
        SELECT id, body::jsonb->>'projectNo' AS p, COALESCE(body::jsonb->>'taskCode', '') AS t, (body::jsonb->>'assessNumber')::smallint AS a,
               ROW_NUMBER() OVER (
                 PARTITION BY body::jsonb->>'projectNo', COALESCE(body::jsonb->>'taskCode', ''), body::jsonb->>'assessNumber'
                 ORDER BY received_at, id) AS n
        FROM evaluations WHERE body::jsonb->>'projectNo' IS NOT NULL)
      UPDATE evaluations AS e SET project_no = k.p, task_code = k.t, assess_number = k.a
        FROM keyed AS k WHERE e.id = k.id AND k.n = 1;
      CREATE UNIQUE INDEX evaluations_transaction ON evaluations (project_no, task_code, assess_number);`,
  },
  {
    version: 3,
    name: 'forward queue',
    // One row per rating to forward, written in the rating's own transaction. A row is claimed
    // by setting a lease (owner, until); a worker that dies leaves the lease to expire.
    sqlite: `
      CREATE TABLE forward_queue (
        evaluation_id TEXT PRIMARY KEY REFERENCES evaluations (id),
        state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        attempts      INTEGER NOT NULL DEFAULT 0,   -- sends started (counted when claimed)
        next_at       INTEGER NOT NULL,             -- ms since epoch: not before
        lease_owner   TEXT,
        lease_until   INTEGER,                      -- ms since epoch: claimed until
        last_status   INTEGER,                      -- the target's last HTTP status, if any
        last_error    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        sent_at       INTEGER
      );
      CREATE INDEX forward_queue_due ON forward_queue (state, next_at);`,
    postgres: `
      CREATE TABLE forward_queue (
        evaluation_id TEXT PRIMARY KEY REFERENCES evaluations (id),
        state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_at       BIGINT NOT NULL,
        lease_owner   TEXT,
        lease_until   BIGINT,
        last_status   INTEGER,
        last_error    TEXT,
        created_at    BIGINT NOT NULL,
        updated_at    BIGINT NOT NULL,
        sent_at       BIGINT
      );
      CREATE INDEX forward_queue_due ON forward_queue (state, next_at);`,
  },
  {
    version: 4,
    name: 'the loop: cases, staff tokens, appeals, audit log',
    // SPEC §7. Every 差评 (level 1–2, or verdict bad) has a case keyed by the rating's id;
    // ratings stored before this migration get theirs here, due dates are counted at the next
    // start (the working-day calendar is JavaScript). dept_code and channel are copied out of
    // the body for the staff filters and the statistics; `excluded` is set by an overturned
    // appeal (the rating stays, the statistics leave it out). The audit log refuses UPDATE and
    // DELETE in the database itself. The statistics read one index that covers their columns
    // (bench/collector-stats.mjs); it replaces the index on received_at alone, so that a rating
    // costs no more index writes than before.
    // cases (due_date) serves the statistics' cases due in a period and the overdue filter; no
    // index on evaluations (dept_code): each index is written on every rating.
    sqlite: `
      ALTER TABLE evaluations ADD COLUMN dept_code TEXT NOT NULL DEFAULT '';
      ALTER TABLE evaluations ADD COLUMN channel TEXT NOT NULL DEFAULT '';
      ALTER TABLE evaluations ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
      UPDATE evaluations SET dept_code = COALESCE(json_extract(body, '$.deptCode'), ''), channel = COALESCE(json_extract(body, '$.channel'), '');
      DROP INDEX IF EXISTS evaluations_received_at;
      CREATE INDEX evaluations_stats ON evaluations (received_at, excluded, level, verdict, dept_code, task_code, channel, tags);
      CREATE TABLE cases (
        evaluation_id   TEXT PRIMARY KEY REFERENCES evaluations (id),
        state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replied', 'closed')),
        due_date        TEXT,              -- YYYY-MM-DD (China); NULL until the calendar covers it
        due_days        INTEGER,           -- the working days it was given (--case-days at receipt)
        reply           TEXT,
        replied_at      TEXT,
        closed_at       TEXT,
        closed_on       TEXT,              -- YYYY-MM-DD (China): on time when closed_on <= due_date
        follow_up_id    TEXT,              -- the 追评 (assessNumber 2) of the same transaction
        appeal_state    TEXT CHECK (appeal_state IN ('pending', 'upheld', 'overturned')),
        appeal_kind     TEXT,
        appeal_reason   TEXT,
        appeal_decision TEXT,
        appealed_at     TEXT,
        decided_at      TEXT
      ) WITHOUT ROWID;
      CREATE INDEX cases_due ON cases (due_date);
      INSERT INTO cases (evaluation_id) SELECT id FROM evaluations WHERE level <= 2 OR (level IS NULL AND verdict = 'bad');
      CREATE TABLE staff_tokens (
        id          TEXT PRIMARY KEY,      -- public id, shown by token list and in the audit log
        hash        TEXT NOT NULL UNIQUE,  -- SHA-256 of the token; the token itself is never stored
        role        TEXT NOT NULL CHECK (role IN ('department', 'reviewer')),
        depts       TEXT NOT NULL,         -- JSON array of department codes
        label       TEXT,
        created_at  TEXT NOT NULL,
        revoked_at  TEXT
      );
      CREATE TABLE audit_log (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        actor         TEXT NOT NULL,       -- a token id, or "cli"
        action        TEXT NOT NULL,
        evaluation_id TEXT,
        before        TEXT,                -- JSON
        after         TEXT                 -- JSON
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      ALTER TABLE forward_queue ADD COLUMN appeal TEXT;`,
    postgres: `
      ALTER TABLE evaluations
        ADD COLUMN dept_code TEXT NOT NULL DEFAULT '',
        ADD COLUMN channel TEXT NOT NULL DEFAULT '',
        ADD COLUMN excluded SMALLINT NOT NULL DEFAULT 0;
      UPDATE evaluations SET dept_code = COALESCE(body::jsonb->>'deptCode', ''), channel = COALESCE(body::jsonb->>'channel', '');
      DROP INDEX IF EXISTS evaluations_received_at;
      CREATE INDEX evaluations_stats ON evaluations (received_at) INCLUDE (excluded, level, verdict, dept_code, task_code, channel, tags);
      CREATE TABLE cases (
        evaluation_id   TEXT PRIMARY KEY REFERENCES evaluations (id),
        state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replied', 'closed')),
        due_date        TEXT,
        due_days        SMALLINT,
        reply           TEXT,
        replied_at      TIMESTAMPTZ,
        closed_at       TIMESTAMPTZ,
        closed_on       TEXT,
        follow_up_id    TEXT,
        appeal_state    TEXT CHECK (appeal_state IN ('pending', 'upheld', 'overturned')),
        appeal_kind     TEXT,
        appeal_reason   TEXT,
        appeal_decision TEXT,
        appealed_at     TIMESTAMPTZ,
        decided_at      TIMESTAMPTZ
      );
      CREATE INDEX cases_due ON cases (due_date);
      INSERT INTO cases (evaluation_id) SELECT id FROM evaluations WHERE level <= 2 OR (level IS NULL AND verdict = 'bad');
      CREATE TABLE staff_tokens (
        id          TEXT PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,
        role        TEXT NOT NULL CHECK (role IN ('department', 'reviewer')),
        depts       TEXT NOT NULL,
        label       TEXT,
        created_at  TIMESTAMPTZ NOT NULL,
        revoked_at  TIMESTAMPTZ
      );
      CREATE TABLE audit_log (
        seq           BIGSERIAL PRIMARY KEY,
        at            TIMESTAMPTZ NOT NULL,
        actor         TEXT NOT NULL,
        action        TEXT NOT NULL,
        evaluation_id TEXT,
        before        TEXT,
        after         TEXT
      );
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
      ALTER TABLE forward_queue ADD COLUMN appeal TEXT;`,
  },
];

export const SCHEMA_MIGRATIONS_DDL = {
  sqlite: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  postgres: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
};

/** The migrations `applied` (a list of versions) lacks, in order; throws when the database is newer than this code. */
export function pendingMigrations(applied) {
  const known = Math.max(...MIGRATIONS.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`the database is at schema version ${newest}, newer than this collector knows (${known}): upgrade haochaping`);
  }
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
