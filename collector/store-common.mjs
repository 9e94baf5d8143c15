/** What both stores share: the row stored for an evaluation, and how a unique-key conflict is resolved. */

/**
 * The transaction a rating belongs to (一次一评: one rating per transaction and assessNumber),
 * or `null` for page feedback, which has no `projectNo`.
 */
export function transactionOf(evaluation) {
  if (evaluation.projectNo === undefined || evaluation.projectNo === null) return null;
  return { projectNo: evaluation.projectNo, taskCode: evaluation.taskCode ?? '', assessNumber: evaluation.assessNumber };
}

/** The column values for one parsed evaluation and its body as received. */
export function rowFor(evaluation, body, receivedAt) {
  const transaction = transactionOf(evaluation);
  return {
    id: evaluation.id,
    receivedAt,
    scale: evaluation.scale,
    level: evaluation.level ?? null,
    verdict: evaluation.verdict,
    tags: JSON.stringify(evaluation.tags),
    tagVersion: evaluation.tagVersion,
    body,
    projectNo: transaction?.projectNo ?? null,
    // '' for "no task code": part of the unique key, where NULLs would never collide.
    taskCode: transaction?.taskCode ?? '',
    assessNumber: transaction ? transaction.assessNumber : null,
    // Added to the payload schema with SPEC §4's service-number; absent from older bodies.
    serviceNumber: typeof evaluation.serviceNumber === 'string' ? evaluation.serviceNumber : null,
    // For the staff filters and the statistics (SPEC §7); '' when the page gave none.
    deptCode: typeof evaluation.deptCode === 'string' ? evaluation.deptCode : '',
    channel: typeof evaluation.channel === 'string' ? evaluation.channel : '',
  };
}

/** A 差评 (level 1–2 on the five-level scale, `bad` on the good-bad scale): it opens a case (SPEC §7). */
export function isBad(evaluation) {
  return typeof evaluation.level === 'number' ? evaluation.level <= 2 : evaluation.verdict === 'bad';
}

/**
 * A 追评 (assessNumber 2 of a transaction) links to the case of the rating it follows
 * (assessNumber 1): that rating's transaction, or `null`.
 */
export function followedTransaction(row) {
  return row.projectNo !== null && row.assessNumber === 2 ? { projectNo: row.projectNo, taskCode: row.taskCode, assessNumber: 1 } : null;
}

/**
 * `$1`-style SQL and its parameters → `?`-style SQL and positional parameters, in order of
 * appearance (SQLite's driver binds positionally; a `$n` used twice is bound twice).
 */
export function positional(sql, params = []) {
  const values = [];
  const text = sql.replace(/\$(\d+)/g, (_, n) => {
    values.push(params[Number(n) - 1]);
    return '?';
  });
  return [text, values];
}

/**
 * After a unique violation: `holders` are the ids stored under this row's id or its
 * transaction. Our own id among them: a retry (or the same rating in flight twice) — stored
 * once, 200. Another id: the transaction was already rated — 409 (without that id: it is
 * somebody else's rating).
 */
export function resolveConflict(row, holders, error) {
  if (holders.includes(row.id)) return { outcome: 'duplicate', id: row.id };
  if (holders.length > 0) {
    return {
      outcome: 'already-rated',
      id: row.id,
      transaction: { projectNo: row.projectNo, taskCode: row.taskCode, assessNumber: row.assessNumber },
    };
  }
  throw error;
}
