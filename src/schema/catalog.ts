import * as z from 'zod/mini';
import { VERDICTS } from './domain.js';

const nonEmpty = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A tag label: one string, or one string per locale (`{ "zh-CN": "…", "en": "…" }`). */
const labelSchema = z.union([
  nonEmpty(100),
  z.record(z.string(), nonEmpty(100)).check(
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
