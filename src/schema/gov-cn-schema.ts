import * as z from 'zod/mini';
import { COMMENT_CEILING, CONTEXT_LIMITS, TAG_CODE, UUID, type ContextField } from './domain.js';
import type { GovCnEvaluation } from './gov-cn.js';
import type { FieldError } from './payload.js';
import { fromEntries } from '../floor.js';

// Server-side only: the browser bundles map to gov-cn (gov-cn.ts) but never validate it.

/** `evalDetail`: tag codes joined by commas, or empty. */
const code = TAG_CODE.source.slice(1, -1);
const TAG_CODES = new RegExp(`^(${code}(,${code})*)?$`);

const optionalText = (max: number) => z.optional(z.string().check(z.minLength(1), z.maxLength(max)));
const govContext = fromEntries(
  Object.entries(CONTEXT_LIMITS).map(([field, max]) => [field, optionalText(max)]),
) as { [K in ContextField]: ReturnType<typeof optionalText> };

/** The gov-cn body as POSTed with `format="gov-cn"` (README, “gov-cn mapping”), for servers that receive it. */
export const govCnEvaluationSchema = z.object({
  evaluationId: z.string().check(z.regex(UUID, { error: 'evaluationId must be a UUID' })),
  ...govContext,
  pf: z.int().check(z.gte(1), z.lte(6)),
  satisfaction: z.int().check(z.gte(1), z.lte(5)),
  evalDetail: z.string().check(z.regex(TAG_CODES, { error: 'evalDetail is comma-joined tag codes, e.g. "N01,N08"' })),
  tagVersion: z.string().check(z.minLength(1), z.maxLength(64)),
  writingEvaluation: optionalText(COMMENT_CEILING),
  assessNumber: z.union([z.literal(1), z.literal(2)]),
  assessTime: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, { error: 'assessTime is "yyyy-MM-dd HH:mm:ss" in China Standard Time' })),
});

// Readable messages for server logs and 422 bodies, without changing zod's global config.
const englishErrors = z.locales.en().localeError;

export type GovCnParseResult = { ok: true; evaluation: GovCnEvaluation } | { ok: false; errors: FieldError[] };

/** Like parseEvaluation(), for a body in the gov-cn field names: typed data, or errors naming each field. */
export function parseGovCnEvaluation(body: unknown): GovCnParseResult {
  const result = govCnEvaluationSchema.safeParse(body, { error: englishErrors });
  if (result.success) return { ok: true, evaluation: result.data as GovCnEvaluation };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message })),
  };
}
