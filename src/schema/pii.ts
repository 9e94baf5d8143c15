/**
 * Finds what looks like personal data in a comment, so the citizen can be warned before a
 * rating carries it to a server (README, “Security and privacy”). Pure and DOM-free: it only reports; the
 * caller decides, and the comment is never rewritten.
 */

import { matchAll } from '../floor.js';

/** `idCard`: a 居民身份证号码 (18 characters, or the 15-digit legacy form); `mobile`: a mainland mobile number. */
export type PiiKind = 'idCard' | 'mobile' | 'email';

/** One match: `start`/`end` are UTF-16 offsets into the original text (usable with `setSelectionRange`). */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  /** The matched part of the original text, as typed (full-width digits stay full-width). */
  text: string;
}

/**
 * Full-width digits, letters and the symbols an address or number uses are folded to ASCII
 * for matching. Every fold maps one UTF-16 unit to one, so offsets stay those of the original.
 */
function fold(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** GB 11643-1999: weights 2^(17-i) mod 11, ISO 7064 MOD 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function idCardCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function plausibleDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 18 characters: 6-digit area (not starting with 0 or 9), birth date YYYYMMDD, sequence, check character. */
function isIdCard18(s: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/i.test(s)) return false;
  const year = Number(s.slice(6, 10));
  if (year < 1900 || year > 2100) return false;
  if (!plausibleDate(year, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  return idCardCheckDigit(s) === s[17].toUpperCase();
}

/** 15 digits (issued before 1999): area, birth date YYMMDD (19YY), sequence; no check digit, so the date must hold. */
function isIdCard15(s: string): boolean {
  if (!/^[1-8]\d{14}$/.test(s)) return false;
  return plausibleDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

/*
 * Digit boundaries on both sides: a number inside a longer run of digits (an 办件编号, an
 * amount, a 统一社会信用代码's digits) is not taken for an ID or a phone number. The left
 * boundary is a captured group (the start, or one character that may not precede), not a
 * lookbehind: Safari before 16.4 cannot even parse a lookbehind, so the whole bundle would fail.
 * Group 1 is that boundary, group 2 the finding.
 */
const ID_CARD = /(^|[^\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
/** 1[3-9]x xxxx xxxx, optionally after +86 / 86, with the usual space or hyphen grouping (3-4-4). */
const MOBILE = /(^|[^\d+])((?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)/g;
const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/**
 * Every part of `text` that looks like a 身份证号, a mainland mobile number or an e-mail
 * address, in order of position. A part inside a longer finding (the phone number that is
 * the local part of `13812345678@qq.com`) is reported once, as the longer finding.
 */
export function findPii(text: string): PiiFinding[] {
  const folded = fold(text);
  const found: PiiFinding[] = [];
  const add = (kind: PiiKind, start: number, end: number) => found.push({ kind, start, end, text: text.slice(start, end) });
  for (const m of matchAll(folded, ID_CARD)) {
    const [, before, s] = m;
    const start = m.index + before.length;
    if (s.length === 18 ? isIdCard18(s) : isIdCard15(s)) add('idCard', start, start + s.length);
  }
  for (const m of matchAll(folded, MOBILE)) {
    const start = m.index + m[1].length;
    add('mobile', start, start + m[2].length);
  }
  for (const m of matchAll(folded, EMAIL)) add('email', m.index, m.index + m[0].length);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let reached = 0;
  return found.filter((f) => {
    if (f.start < reached) return false;
    reached = f.end;
    return true;
  });
}

/**
 * The finding with its middle hidden, so a warning shows the citizen which part is meant
 * without displaying the whole number again: `1101**********4514`, `138****5678`, `z***@example.com`.
 */
export function maskPii(finding: PiiFinding): string {
  const chars = [...finding.text];
  if (finding.kind === 'email') {
    const at = chars.findIndex((c) => c === '@' || c === '＠');
    return chars[0] + '*'.repeat(Math.max(0, at - 1)) + chars.slice(at).join('');
  }
  const digit = /[\d０-９Xx]/;
  const total = chars.filter((c) => digit.test(c)).length;
  // ID: keep the first and last four; mobile: keep the first three and last four of its 11 digits.
  const [head, tail] = finding.kind === 'idCard' ? [4, 4] : [total - 8, 4];
  let seen = 0;
  return chars
    .map((c) => {
      if (!digit.test(c)) return c;
      const i = seen++;
      return i < head || i >= total - tail ? c : '*';
    })
    .join('');
}
