/**
 * The loop (SPEC §7): every 差评 is a case — `open` (待处理) → `replied` (已回复) → `closed`
 * (已办结) — due N working days after receipt; a department may appeal it (误评, 恶意差评) and a
 * reviewer upholds or overturns the appeal. Each action checks who may take it, changes the
 * case and appends an audit row in one transaction; bad input changes nothing.
 *
 * Who acts is an `actor`: `{ id, role: 'department' | 'reviewer', depts }` from a staff token
 * (tokens.mjs), or `CLI` (the operator on the server). A department sees its departments'
 * cases only: another department's case is "not found", exactly like an unknown id.
 */
import { findPii, maskPii } from 'haochaping/schema';
import { CalendarError, addDays, chinaDate } from './calendar.mjs';

export const CASE_STATES = ['open', 'replied', 'closed'];
export const APPEAL_KINDS = { mistaken: '误评', malicious: '恶意差评' };
export const DECISIONS = { uphold: 'upheld', overturn: 'overturned' };
/** The operator at the command line: every department, every action. */
export const CLI = { id: 'cli', role: 'operator', depts: null };

export const REPLY_MAX = 2000;
export const REASON_MAX = 2000;

/** A refusal of the loop: an HTTP status, a code, and field errors for bad input. */
export class LoopError extends Error {
  constructor(status, code, message, errors) {
    super(message);
    this.name = 'LoopError';
    this.status = status;
    this.code = code;
    if (errors) this.errors = errors;
  }
}

const fieldError = (field, message) => new LoopError(422, 'invalid', message, [{ field, message }]);
const notFound = (id) => new LoopError(404, 'not-found', `no case ${String(id).slice(0, 64)}`);
const iso = (value) => (value === null || value === undefined ? undefined : value instanceof Date ? value.toISOString() : String(value));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' that is a real calendar date, or a field error naming `field`. */
export function checkDate(value, field) {
  if (value === undefined || value === null || value === '') throw fieldError(field, `${field} is required: a date as YYYY-MM-DD`);
  const time = typeof value === 'string' && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw fieldError(field, `${field} must be a date as YYYY-MM-DD (got "${String(value).slice(0, 40)}")`);
  }
  return value;
}

/** The instant a China calendar day starts, as ISO 8601 UTC. */
export const chinaDayStart = (date) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** SQL that differs between the dialects: a JSON array parameter as a set. */
const inJsonArray = {
  sqlite: (param) => `(SELECT value FROM json_each(${param}))`,
  postgres: (param) => `(SELECT jsonb_array_elements_text(${param}::jsonb))`,
};

function text(value, field, max, { required = true } = {}) {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (!required) return undefined;
    throw fieldError(field, `${field} is required: a non-empty text`);
  }
  if (typeof value !== 'string') throw fieldError(field, `${field} must be a text (got ${typeof value})`);
  const trimmed = value.trim();
  if ([...trimmed].length > max) throw fieldError(field, `${field} is longer than ${max} characters (${[...trimmed].length})`);
  return trimmed;
}

const PII_NAMES = { idCard: '身份证号 (ID card number)', mobile: 'mobile number', email: 'e-mail address' };

/** A reply is published to the rater: nobody's personal data may be in it (the comment box's rules). */
function checkReply(value) {
  const reply = text(value, 'text', REPLY_MAX);
  const found = findPii(reply);
  if (found.length) {
    const list = found.map((f) => `${PII_NAMES[f.kind]} ${maskPii(f)}`).join(', ');
    throw fieldError('text', `the reply contains personal data — ${list}: the rater sees the reply, so remove it (the department contacts the citizen by other means)`);
  }
  return reply;
}

/** The case as staff see it (SPEC §7), from a joined row. */
function staffCase(row) {
  let comment;
  try {
    comment = JSON.parse(row.body).comment;
  } catch {
    comment = undefined;
  }
  const tags = typeof row.tags === 'string' ? JSON.parse(row.tags) : row.tags;
  return {
    id: row.id,
    deptCode: row.dept_code || undefined,
    taskCode: row.task_code || undefined,
    projectNo: row.project_no ?? undefined,
    level: row.level === null ? undefined : Number(row.level),
    verdict: row.verdict,
    tags,
    comment,
    receivedAt: iso(row.received_at),
    dueDate: row.due_date ?? null,
    state: row.state,
    reply: row.reply ?? undefined,
    repliedAt: iso(row.replied_at),
    closedAt: iso(row.closed_at),
    followUp: row.follow_up_id ?? undefined,
    appeal: row.appeal_state
      ? {
          state: row.appeal_state,
          reason: row.appeal_reason,
          ...(row.appeal_kind ? { kind: row.appeal_kind } : {}),
          ...(row.appeal_decision ? { decisionReason: row.appeal_decision } : {}),
          appealedAt: iso(row.appealed_at),
          ...(row.decided_at ? { decidedAt: iso(row.decided_at) } : {}),
        }
      : undefined,
  };
}

/** What the audit log keeps of a case before and after an action (no comment: it is the rater's). */
const auditView = (c) => ({
  state: c.state,
  ...(c.reply !== undefined ? { reply: c.reply } : {}),
  ...(c.appeal ? { appeal: { state: c.appeal.state, reason: c.appeal.reason, ...(c.appeal.kind ? { kind: c.appeal.kind } : {}), ...(c.appeal.decisionReason ? { decisionReason: c.appeal.decisionReason } : {}) } } : {}),
});

const SELECT_CASE = `
  SELECT e.id, e.dept_code, e.task_code, e.project_no, e.level, e.verdict, e.tags, e.body, e.received_at,
         c.state, c.due_date, c.reply, c.replied_at, c.closed_at, c.follow_up_id,
         c.appeal_state, c.appeal_kind, c.appeal_reason, c.appeal_decision, c.appealed_at, c.decided_at
    FROM cases AS c JOIN evaluations AS e ON e.id = c.evaluation_id`;

/** Appends one audit row (inside the action's transaction). */
export async function audit(q, { actor, action, id = null, before = null, after = null, at }) {
  await q('INSERT INTO audit_log (at, actor, action, evaluation_id, before, after) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq', [
    at,
    actor.id,
    action,
    id,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
  ]);
}

/**
 * The loop over a store. Options: `calendar` (calendar.mjs), `caseDays` (working days to
 * reply, default 15), `now()` (ms; tests inject a clock), `log`.
 */
export function createCases({ store, calendar, caseDays = 15, now = () => Date.now(), log = () => {} }) {
  const json = inJsonArray[store.dialect];
  let calendarWarned = false;

  /** The due date of a case opened at `receivedAt`, `days` working days later, or null (logged) when the calendar cannot count it yet. */
  function dueDateFor(receivedAt, days = caseDays) {
    try {
      return calendar.dueDate(receivedAt, days);
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      if (!calendarWarned) log({ level: 'error', msg: 'calendar', error: error.message });
      calendarWarned = true;
      return null;
    }
  }

  /**
   * Gives every case still without a due date one, where the calendar now counts it, with the
   * working days it was given at receipt (cases opened by the upgrade: today's). Returns `{ set, waiting }`.
   */
  async function fillDueDates() {
    const rows = await store.query(
      'SELECT c.evaluation_id AS id, c.due_days, e.received_at FROM cases AS c JOIN evaluations AS e ON e.id = c.evaluation_id WHERE c.due_date IS NULL',
    );
    let set = 0;
    for (const row of rows) {
      const days = row.due_days === null ? caseDays : Number(row.due_days);
      const due = dueDateFor(iso(row.received_at), days);
      if (due === null) continue;
      await store.query('UPDATE cases SET due_date = $1, due_days = $2 WHERE evaluation_id = $3 AND due_date IS NULL RETURNING evaluation_id', [due, days, row.id]);
      set++;
    }
    return { set, waiting: rows.length - set };
  }

  /** The case `id` as `actor` may see it, read with `q`; LoopError 404 otherwise. */
  async function load(q, actor, id) {
    if (typeof id !== 'string' || id.length > 64) throw notFound(id);
    const [row] = await q(`${SELECT_CASE} WHERE c.evaluation_id = $1`, [id]);
    if (!row || (actor.role === 'department' && !actor.depts.includes(row.dept_code))) throw notFound(id);
    return staffCase(row);
  }

  function allow(actor, ...roles) {
    if (actor !== CLI && !roles.includes(actor.role)) {
      throw new LoopError(403, 'forbidden', `a ${actor.role} token cannot do this: it needs a ${roles.join(' or ')} token (haochaping-collector token create --role ${roles[0]})`);
    }
  }

  /** Loads, checks, changes and audits one case in one transaction; resolves the case after. */
  function act(actor, id, action, change) {
    return store.transaction(async (q) => {
      const before = await load(q, actor, id);
      const at = new Date(now()).toISOString();
      await change(q, before, at);
      const after = await load(q, CLI, id);
      await audit(q, { actor, action, id, before: auditView(before), after: auditView(after), at });
      return after;
    });
  }

  return {
    calendar,
    caseDays,
    dueDateFor,
    fillDueDates,

    /**
     * Cases `actor` may see: filters `state`, `dept`, `overdue` (not closed, past the due date,
     * not overturned on appeal), `appeal` (its state), `from`/`to` (receipt, China dates), `limit`, `offset`.
     */
    async list(actor, filters = {}) {
      const where = [];
      const params = [];
      const add = (sql, value) => {
        params.push(value);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (filters.state !== undefined) {
        if (!CASE_STATES.includes(filters.state)) throw fieldError('state', `state must be one of ${CASE_STATES.join(', ')} (got "${String(filters.state).slice(0, 40)}")`);
        add('c.state = ?', filters.state);
      }
      if (filters.dept !== undefined) add('e.dept_code = ?', String(filters.dept));
      if (actor.role === 'department') add(`e.dept_code IN ${json('?')}`, JSON.stringify(actor.depts));
      // An overturned rating was a 误评 or 恶意差评: nothing to rectify, so never overdue.
      if (filters.overdue) add("c.state <> 'closed' AND c.due_date < ? AND (c.appeal_state IS NULL OR c.appeal_state <> 'overturned')", chinaDate(now()));
      if (filters.appeal !== undefined) {
        const states = ['pending', 'upheld', 'overturned'];
        if (!states.includes(filters.appeal)) throw fieldError('appeal', `appeal must be one of ${states.join(', ')}`);
        add('c.appeal_state = ?', filters.appeal);
      }
      if (filters.from !== undefined) add('e.received_at >= ?', chinaDayStart(checkDate(filters.from, 'from')));
      if (filters.to !== undefined) add('e.received_at < ?', chinaDayStart(addDays(checkDate(filters.to, 'to'), 1)));
      const limit = filters.limit === undefined ? 100 : Number(filters.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw fieldError('limit', 'limit must be a whole number from 1 to 1000');
      const offset = filters.offset === undefined ? 0 : Number(filters.offset);
      if (!Number.isInteger(offset) || offset < 0) throw fieldError('offset', 'offset must be a whole number, 0 or more');
      const rows = await store.query(
        `${SELECT_CASE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.received_at, e.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return rows.map(staffCase);
    },

    /** One case with its audit trail. */
    async get(actor, id) {
      const found = await load(store.query, actor, id);
      const history = await store.query('SELECT seq, at, actor, action FROM audit_log WHERE evaluation_id = $1 ORDER BY seq', [id]);
      return { ...found, history: history.map((h) => ({ at: iso(h.at), actor: h.actor, action: h.action })) };
    },

    /** The department's answer, which the rater will see: open or replied → replied. */
    reply(actor, id, body) {
      allow(actor, 'department');
      const reply = checkReply(body?.text);
      return act(actor, id, 'reply', async (q, before, at) => {
        if (before.state === 'closed') throw new LoopError(409, 'case-closed', 'the case is closed (已办结): its reply can no longer change');
        await q("UPDATE cases SET state = 'replied', reply = $1, replied_at = $2 WHERE evaluation_id = $3 RETURNING evaluation_id", [reply, at, id]);
      });
    },

    /** Rectified and answered: replied → closed (closed on a China date, on time when ≤ the due date). */
    close(actor, id) {
      allow(actor, 'department');
      return act(actor, id, 'close', async (q, before, at) => {
        if (before.state === 'open') throw new LoopError(409, 'not-replied', 'reply first: the rater is told the outcome before the case is closed');
        if (before.state === 'closed') throw new LoopError(409, 'case-closed', 'the case is already closed');
        await q("UPDATE cases SET state = 'closed', closed_at = $1, closed_on = $2 WHERE evaluation_id = $3 RETURNING evaluation_id", [at, chinaDate(at), id]);
      });
    },

    /** A department contests the rating as 误评 or 恶意差评: one appeal per case. */
    appeal(actor, id, body) {
      allow(actor, 'department');
      const reason = text(body?.reason, 'reason', REASON_MAX);
      const kind = body?.kind;
      if (kind !== undefined && !(kind in APPEAL_KINDS)) throw fieldError('kind', `kind must be "mistaken" (误评) or "malicious" (恶意差评), or left out (got "${String(kind).slice(0, 40)}")`);
      return act(actor, id, 'appeal', async (q, before, at) => {
        if (before.appeal) throw new LoopError(409, 'already-appealed', `this rating was already appealed (${before.appeal.state}): one appeal per case`);
        await q("UPDATE cases SET appeal_state = 'pending', appeal_kind = $1, appeal_reason = $2, appealed_at = $3 WHERE evaluation_id = $4 RETURNING evaluation_id", [
          kind ?? null,
          reason,
          at,
          id,
        ]);
      });
    },

    /**
     * A reviewer decides a pending appeal. Overturn: the rating leaves the statistics (never the
     * database), and if it has not been forwarded yet its forward record is marked.
     */
    review(actor, id, body) {
      allow(actor, 'reviewer');
      const decision = body?.decision;
      if (!(decision in DECISIONS)) throw fieldError('decision', `decision must be "uphold" (the rating counts) or "overturn" (excluded from the statistics) (got "${String(decision).slice(0, 40)}")`);
      const reason = text(body?.reason, 'reason', REASON_MAX);
      return act(actor, id, 'review', async (q, before, at) => {
        if (before.appeal?.state !== 'pending') throw new LoopError(409, 'no-pending-appeal', before.appeal ? `the appeal was already decided (${before.appeal.state})` : 'there is no appeal to review');
        await q('UPDATE cases SET appeal_state = $1, appeal_decision = $2, decided_at = $3 WHERE evaluation_id = $4 RETURNING evaluation_id', [DECISIONS[decision], reason, at, id]);
        if (decision === 'overturn') {
          await q('UPDATE evaluations SET excluded = 1 WHERE id = $1 RETURNING id', [id]);
          await q("UPDATE forward_queue SET appeal = 'overturned' WHERE evaluation_id = $1 AND state <> 'sent' RETURNING evaluation_id", [id]);
        }
      });
    },

    /** The rater's view (SPEC §7): state, due date, reply and its time — nothing else. `null`: no such case. */
    async publicView(id) {
      const [row] = await store.query('SELECT state, due_date, reply, replied_at FROM cases WHERE evaluation_id = $1', [id]);
      if (!row) return null;
      return {
        state: row.state,
        dueDate: row.due_date ?? null,
        ...(row.reply === null || row.reply === undefined ? {} : { reply: row.reply, repliedAt: iso(row.replied_at) }),
      };
    },

    /** The audit log, oldest first (`id`: of one case). */
    async auditLog({ id, limit = 1000 } = {}) {
      const rows = id
        ? await store.query('SELECT * FROM audit_log WHERE evaluation_id = $1 ORDER BY seq LIMIT $2', [id, limit])
        : await store.query('SELECT * FROM audit_log ORDER BY seq LIMIT $1', [limit]);
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: iso(r.at),
        actor: r.actor,
        action: r.action,
        ...(r.evaluation_id ? { id: r.evaluation_id } : {}),
        ...(r.before ? { before: JSON.parse(r.before) } : {}),
        ...(r.after ? { after: JSON.parse(r.after) } : {}),
      }));
    },
  };
}

