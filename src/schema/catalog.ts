import { TAG_CODE, VERDICTS, type Verdict } from './domain.js';
import { fromEntries } from '../floor.js';

/**
 * Reason-tag catalogs: what a valid one is, read without a schema library so the browser
 * bundles carry only these rules (servers get them as a zod schema: catalog-schema.ts).
 * Tags are nationally unified and versioned, so the payload carries the codes and the version.
 */
export interface Tag {
  code: string;
  /** One string, or one string per locale (`{ "zh-CN": "…", "en": "…" }`). */
  label: string | Record<string, string>;
  verdict: Verdict;
}

export interface Catalog {
  version: string;
  tags: Tag[];
}

/** A problem in a catalog: where (`['tags', 0, 'verdict']`) and what to do about it. */
export interface CatalogIssue {
  path: (string | number)[];
  message: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

/** Labels longer than this are a wrong file or an attack, not a reason a citizen reads. */
export const LABEL_MAX = 100;
export const VERSION_MAX = 64;
export const TAGS_MAX = 100;
/** Bidirectional overrides and isolates: they can make a label read as something else. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Characters that show nothing: a label made only of them would be an invisible tag. */
const INVISIBLE = /^[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u206F\u3164\uFEFF]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `value` as a catalog: labels and version trimmed, unknown fields dropped. Reports every
 * problem at once, each with its path.
 */
export function readCatalog(value: unknown): CatalogResult {
  const issues: CatalogIssue[] = [];
  const problem = (path: CatalogIssue['path'], message: string) => void issues.push({ path, message });
  if (!isObject(value)) {
    problem([], 'a catalog is an object { "version": "…", "tags": [{ "code", "label", "verdict" }] }');
    return { ok: false, issues };
  }
  const version = typeof value.version === 'string' ? value.version.trim() : '';
  if (!version || version.length > VERSION_MAX) problem(['version'], `a catalog version is text of 1–${VERSION_MAX} characters, e.g. "gd-2024-1"`);
  const tags: Tag[] = [];
  if (!Array.isArray(value.tags) || !value.tags.length || value.tags.length > TAGS_MAX) {
    problem(['tags'], `tags is a list of 1–${TAGS_MAX} tags`);
  } else {
    value.tags.forEach((tag: unknown, i) => {
      const read = readTag(tag, (at, message) => problem(['tags', i, ...at], message));
      if (read) tags.push(read);
    });
    if (!issues.length && new Set(tags.map((t) => t.code)).size !== tags.length) problem(['tags'], 'tag codes must be unique within a catalog');
  }
  return issues.length ? { ok: false, issues } : { ok: true, catalog: { version, tags } };
}

function readTag(tag: unknown, problem: (path: (string | number)[], message: string) => void): Tag | undefined {
  if (!isObject(tag)) {
    problem([], 'a tag is an object { "code": "N01", "label": "…", "verdict": "bad" }');
    return undefined;
  }
  let ok = true;
  const fail = (path: (string | number)[], message: string) => {
    ok = false;
    problem(path, message);
  };
  const { code, verdict } = tag;
  if (typeof code !== 'string' || !TAG_CODE.test(code)) fail(['code'], 'a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")');
  if (!VERDICTS.includes(verdict as Verdict)) fail(['verdict'], 'a tag verdict is "good" or "bad"');
  let label: Tag['label'] | undefined;
  if (isObject(tag.label)) {
    const entries = Object.entries(tag.label).map(([locale, text]) => [locale, readLabel(text, (m) => fail(['label', locale], m))] as const);
    if (!entries.length) fail(['label'], 'a label object needs at least one locale, e.g. { "zh-CN": "办事效率高" }');
    label = fromEntries(entries) as Record<string, string>;
  } else {
    label = readLabel(tag.label, (m) => fail(['label'], m));
  }
  return ok ? { code: code as string, label: label!, verdict: verdict as Verdict } : undefined;
}

function readLabel(value: unknown, fail: (message: string) => void): string | undefined {
  if (typeof value !== 'string') {
    fail('a tag label is text, or an object of text per locale');
    return undefined;
  }
  const text = value.trim();
  if (text.length > LABEL_MAX) fail(`a tag label is at most ${LABEL_MAX} characters`);
  else if (INVISIBLE.test(text)) fail('a tag label needs visible text');
  else if (BIDI_CONTROL.test(text)) fail('a tag label may not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069)');
  else return text;
  return undefined;
}
