import * as z from 'zod/mini';
import { CHANNELS, COMMENT_CEILING, CONTEXT_LIMITS, PAYLOAD_SCHEMA, SCALES, TAG_CODE, UUID, VERDICTS, verdictOf, type ContextField, type Level } from './domain.js';
import { fromEntries } from '../floor.js';

const text = (max: number) => z.optional(z.string().check(z.minLength(1), z.maxLength(max)));
const isoWithOffset = z.iso.datetime({ offset: true });

const context = fromEntries(
  Object.entries(CONTEXT_LIMITS).map(([field, max]) => [field, text(max)]),
) as { [K in ContextField]: ReturnType<typeof text> };

/** The canonical evaluation payload, as POSTed to the endpoint (README, “For backend teams”). */
export const evaluationSchema = z
  .object({
    schema: z.literal(PAYLOAD_SCHEMA),
    id: z.string().check(z.regex(UUID, { error: 'id must be a UUID' })),
    createdAt: isoWithOffset,
    sentAt: z.optional(isoWithOffset),
    attempt: z.optional(z.int().check(z.positive())),
    scale: z.enum(SCALES),
    level: z.optional(z.int().check(z.gte(1), z.lte(5))),
    verdict: z.enum(VERDICTS),
    tags: z.array(z.string().check(z.regex(TAG_CODE))).check(z.maxLength(100)),
    tagVersion: z.string().check(z.minLength(1), z.maxLength(64)),
    comment: text(COMMENT_CEILING),
    ...context,
    channel: z.enum(CHANNELS as [string, ...string[]]),
    assessNumber: z.union([z.literal(1), z.literal(2)]),
    page: z.optional(z.url({ protocol: /^https?$/ })),
    locale: z.string().check(z.minLength(2), z.maxLength(35)),
    dwellMs: z.int().check(z.nonnegative()),
    sdkVersion: z.string().check(z.minLength(1), z.maxLength(32)),
  })
  .check(
    z.refine((e) => (e.scale === 'five-level') === (e.level !== undefined), {
      error: 'level is required on the five-level scale and absent on good-bad',
      path: ['level'],
    }),
    z.refine((e) => e.level === undefined || verdictOf(e.level as Level) === e.verdict, {
      error: 'verdict must be "bad" for levels 1–2 and "good" for 3–5',
      path: ['verdict'],
    }),
  );

export type Evaluation = z.infer<typeof evaluationSchema>;

// Readable messages for server logs and 422 bodies, without changing zod's global config.
const englishErrors = z.locales.en().localeError;

/** One problem with a received evaluation, naming the field. */
export interface FieldError {
  field: string;
  message: string;
}

export type ParseResult = { ok: true; evaluation: Evaluation } | { ok: false; errors: FieldError[] };

/**
 * Validates what an endpoint received (parsed JSON). For servers: typed data, or errors
 * that name each bad field — suitable for a 422 response body.
 */
export function parseEvaluation(body: unknown): ParseResult {
  const result = evaluationSchema.safeParse(body, { error: englishErrors });
  if (result.success) return { ok: true, evaluation: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  };
}
