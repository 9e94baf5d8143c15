/**
 * Working days on the official calendar, for a case's due date (SPEC §7): the public holidays
 * and the 调休 working weekends of the State Council's yearly notice, as the maintained
 * `chinese-days` package carries them. No date is ever guessed from weekends alone: a day in
 * a year the package has no data for is a CalendarError that names the fix (update it).
 *
 * Dates are calendar days in China (UTC+8 all year, no daylight saving), as 'YYYY-MM-DD'.
 */
import { CollectorError } from './store.mjs';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The China calendar date of an instant (ms since the epoch, a Date or an ISO string). */
export function chinaDate(instant) {
  return new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` ('YYYY-MM-DD') plus `days` calendar days. */
export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A day the calendar cannot answer for; the rating is kept, its case waits for a due date. */
export class CalendarError extends CollectorError {
  constructor(message) {
    super(message);
    this.name = 'CalendarError';
  }
}

/**
 * The calendar over a `chinese-days` module (its default export: isWorkday,
 * getHolidaysInRange). Resolves `{ version, years: [first, last], isWorkday(date),
 * addWorkingDays(date, n), dueDate(receivedAt, n) }`.
 */
export function createCalendar(chineseDays, { version = 'unknown' } = {}) {
  const covered = new Map();
  // A year is covered when the package lists its holidays (every year has 元旦 and 春节).
  const covers = (year) => {
    if (!covered.has(year)) covered.set(year, chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0);
    return covered.get(year);
  };
  let last = new Date().getUTCFullYear() + 1;
  while (last > 2000 && !covers(last)) last--;
  let first = last;
  while (covers(first - 1)) first--;

  function isWorkday(date) {
    const year = Number(date.slice(0, 4));
    if (!covers(year)) {
      throw new CalendarError(
        `the official working-day calendar (chinese-days ${version}) has no data for ${year} (it covers ${first}–${last}), so ${date} cannot be counted. ` +
          'Update it once the State Council has published that year\'s holiday notice: npm install chinese-days@latest, then restart the collector ' +
          '(cases waiting for a due date get one at start).',
      );
    }
    return chineseDays.isWorkday(date);
  }

  /** The `n`th working day after `date` (`date` itself does not count). */
  function addWorkingDays(date, n) {
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = addDays(day, 1);
      if (isWorkday(day)) counted++;
    }
    return day;
  }

  // One count per China date and length (a busy day's ratings share it); a refusal is kept too.
  const dueDates = new Map();
  return {
    version,
    years: [first, last],
    isWorkday,
    addWorkingDays,
    /** The due date of a case opened at `receivedAt`: `days` working days after its China date. */
    dueDate(receivedAt, days) {
      const key = `${chinaDate(receivedAt)}|${days}`;
      if (!dueDates.has(key)) {
        try {
          dueDates.set(key, { due: addWorkingDays(key.slice(0, 10), days) });
        } catch (error) {
          if (!(error instanceof CalendarError)) throw error;
          dueDates.set(key, { error });
        }
        if (dueDates.size > 1000) dueDates.delete(dueDates.keys().next().value);
      }
      const { due, error } = dueDates.get(key);
      if (error) throw error;
      return due;
    },
  };
}

/**
 * Loads `chinese-days` (an optional peer dependency of haochaping, like the database drivers)
 * and returns its calendar, or throws a CollectorError naming the npm command that installs it.
 */
export async function loadCalendar(specifier = process.env.HCP_CALENDAR_MODULE || 'chinese-days') {
  let mod;
  try {
    mod = await import(specifier);
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') {
      throw new CollectorError(
        `the official working-day calendar "chinese-days" is not installed${specifier === 'chinese-days' ? '' : ` (looked for ${specifier})`}: ` +
          'every 差评 opens a case due N working days later, counted on it. Install it next to haochaping:\n\n  npm install chinese-days\n',
        { cause: error },
      );
    }
    throw new CollectorError(`chinese-days is installed but failed to load: ${error.message}\nReinstall it: npm install chinese-days`, { cause: error });
  }
  const chineseDays = mod.default ?? mod;
  return createCalendar(chineseDays, { version: await versionOf(specifier) });
}

async function versionOf(specifier) {
  try {
    const { createRequire } = await import('node:module');
    return createRequire(import.meta.url)(`${specifier}/package.json`).version;
  } catch {
    return 'unknown';
  }
}
