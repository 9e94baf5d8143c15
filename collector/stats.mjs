/**
 * Statistics for 公开 and 绩效 (SPEC §7): per department, service (task), channel or month of
 * a period — how many ratings, per level, 好评 (levels 3–5, or `good`) and 差评, the 好评率;
 * the cases due in the period, how many were closed on time, the 按期整改率; the most frequent
 * reason tags. Overturned ratings are left out. A group with fewer ratings than the minimum is
 * not shown, only counted in `suppressed`, so that no single rater can be singled out.
 */
import { addDays } from './calendar.mjs';
import { checkDate, chinaDayStart, LoopError } from './cases.mjs';

export const GROUPINGS = ['dept', 'task', 'channel', 'month'];
export const TOP_TAGS = 5;

/** The SQL that differs between the dialects. */
const DIALECT = {
  sqlite: {
    month: (column) => `strftime('%Y-%m', ${column}, '+8 hours')`,
    tags: 'json_each(e.tags) AS t',
    tag: 't.value',
  },
  postgres: {
    month: (column) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
    tags: 'jsonb_array_elements_text(e.tags) AS t(tag)',
    tag: 't.tag',
  },
};

const KEYS = {
  dept: { rating: () => 'e.dept_code', due: 'e.dept_code' },
  task: { rating: () => 'e.task_code', due: 'e.task_code' },
  channel: { rating: () => 'e.channel', due: 'e.channel' },
  // A rating counts in the month it was received; a case in the month it was due.
  month: { rating: (d) => d.month('e.received_at'), due: 'substr(c.due_date, 1, 7)' },
};

const rate = (part, whole) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Checks `{ from, to, by }` (query values) and returns them; a LoopError with field errors otherwise. */
export function statsQuery({ from, to, by = 'dept' }) {
  const errors = [];
  for (const [field, value] of [['from', from], ['to', to]]) {
    try {
      checkDate(value, field);
    } catch (error) {
      errors.push(...error.errors);
    }
  }
  if (!GROUPINGS.includes(by)) errors.push({ field: 'by', message: `by must be one of ${GROUPINGS.join(', ')} (got "${String(by).slice(0, 40)}")` });
  if (!errors.length && from > to) errors.push({ field: 'to', message: `to (${to}) is before from (${from})` });
  if (errors.length) throw new LoopError(422, 'invalid', errors.map((e) => e.message).join('; '), errors);
  return { from, to, by };
}

/** `{ from, to, by, minGroup, groups: [...], suppressed }` for the period `from`–`to` (China dates, inclusive). */
export async function computeStats(store, { from, to, by = 'dept', minGroup = 5 }) {
  ({ from, to, by } = statsQuery({ from, to, by }));
  const d = DIALECT[store.dialect];
  const key = KEYS[by];
  const start = chinaDayStart(from);
  const end = chinaDayStart(addDays(to, 1));
  const good = "(e.level >= 3 OR (e.level IS NULL AND e.verdict = 'good'))";
  const levels = [1, 2, 3, 4, 5].map((n) => `SUM(CASE WHEN e.level = ${n} THEN 1 ELSE 0 END) AS l${n}`).join(', ');
  const [ratings, due, tags] = await Promise.all([
    store.analytic(
      `SELECT ${key.rating(d)} AS k, COUNT(*) AS n, ${levels}, SUM(CASE WHEN ${good} THEN 1 ELSE 0 END) AS good
         FROM evaluations AS e
        WHERE e.received_at >= $1 AND e.received_at < $2 AND e.excluded = 0
        GROUP BY 1`,
      [start, end],
    ),
    store.analytic(
      `SELECT ${key.due} AS k, COUNT(*) AS due, SUM(CASE WHEN c.state = 'closed' AND c.closed_on <= c.due_date THEN 1 ELSE 0 END) AS on_time
         FROM cases AS c JOIN evaluations AS e ON e.id = c.evaluation_id
        WHERE c.due_date >= $1 AND c.due_date <= $2 AND e.excluded = 0
        GROUP BY 1`,
      [from, to],
    ),
    store.analytic(
      `SELECT ${key.rating(d)} AS k, ${d.tag} AS tag, COUNT(*) AS n
         FROM evaluations AS e, ${d.tags}
        WHERE e.received_at >= $1 AND e.received_at < $2 AND e.excluded = 0
        GROUP BY 1, 2`,
      [start, end],
    ),
  ]);

  const groups = new Map();
  const group = (k) => {
    if (!groups.has(k)) groups.set(k, { key: k, count: 0, levels: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, good: 0, bad: 0, casesDue: 0, onTime: 0, tags: [] });
    return groups.get(k);
  };
  for (const r of ratings) {
    const g = group(r.k ?? '');
    g.count = Number(r.n);
    for (const n of [1, 2, 3, 4, 5]) g.levels[n] = Number(r[`l${n}`] ?? 0);
    g.good = Number(r.good ?? 0);
    g.bad = g.count - g.good;
  }
  for (const r of due) {
    const g = group(r.k ?? '');
    g.casesDue = Number(r.due);
    g.onTime = Number(r.on_time ?? 0);
  }
  for (const r of tags) group(r.k ?? '').tags.push({ code: r.tag, count: Number(r.n) });

  let suppressed = 0;
  const shown = [];
  for (const g of [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (g.count < minGroup) {
      suppressed++;
      continue;
    }
    const { tags: all, ...figures } = g;
    shown.push({
      ...figures,
      goodRate: rate(g.good, g.count),
      onTimeRate: rate(g.onTime, g.casesDue),
      topTags: all.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)).slice(0, TOP_TAGS),
    });
  }
  return { from, to, by, minGroup, groups: shown, suppressed };
}

const CSV_COLUMNS = ['key', 'count', 'level1', 'level2', 'level3', 'level4', 'level5', 'good', 'bad', 'goodRate', 'casesDue', 'onTime', 'onTimeRate', 'topTags'];

function cell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The statistics as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF
 * line ends, one row per group, then a row counting the suppressed groups. A text starting
 * with = + - @ gets a leading ', so a spreadsheet never runs it as a formula.
 */
export function statsCsv(result) {
  const rows = [CSV_COLUMNS];
  for (const g of result.groups) {
    rows.push([
      g.key,
      g.count,
      ...[1, 2, 3, 4, 5].map((n) => g.levels[n]),
      g.good,
      g.bad,
      g.goodRate,
      g.casesDue,
      g.onTime,
      g.onTimeRate,
      g.topTags.map((t) => `${t.code}:${t.count}`).join(' '),
    ]);
  }
  rows.push([`(suppressed: groups of fewer than ${result.minGroup} rating${result.minGroup === 1 ? '' : 's'})`, result.suppressed]);
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
