import * as z from 'zod/mini';
import { VERDICTS } from './domain.js';

const nonEmpty = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Labels longer than this are a wrong file or an attack, not a reason a citizen reads. */
export const LABEL_MAX = 100;
/** Bidirectional overrides and isolates: they can make a label read as something else. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Characters that show nothing: a label made only of them would be an invisible tag. */
const INVISIBLE = /^[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u206F\u3164\uFEFF]*$/;

const label = z.string().check(
  z.trim(),
  z.maxLength(LABEL_MAX, { error: `a tag label is at most ${LABEL_MAX} characters` }),
  z.refine((v) => !INVISIBLE.test(v), { error: 'a tag label needs visible text' }),
  z.refine((v) => !BIDI_CONTROL.test(v), { error: 'a tag label may not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069)' }),
);

/** A tag label: one string, or one string per locale (`{ "zh-CN": "…", "en": "…" }`). */
const labelSchema = z.union([
  label,
  z.record(z.string(), label).check(
    z.refine((labels) => Object.keys(labels).length > 0, {
      error: 'a label object needs at least one locale, e.g. { "zh-CN": "办事效率高" }',
    }),
  ),
]);

export const tagSchema = z.object({
  code: z.string().check(
    z.regex(/^[A-Za-z0-9_-]{1,32}$/, {
      error: 'a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")',
    }),
  ),
  label: labelSchema,
  verdict: z.enum(VERDICTS, { error: 'a tag verdict is "good" or "bad"' }),
});

/**
 * A versioned reason-tag catalog. Tags are nationally unified and versioned, so the
 * payload carries the codes and the catalog version.
 */
export const catalogSchema = z
  .object({
    version: nonEmpty(64),
    tags: z.array(tagSchema).check(z.minLength(1), z.maxLength(100)),
  })
  .check(
    z.refine((c) => new Set(c.tags.map((t) => t.code)).size === c.tags.length, {
      error: 'tag codes must be unique within a catalog',
      path: ['tags'],
    }),
  );

export type Tag = z.infer<typeof tagSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
