import * as z from 'zod/mini';
import { CHANNEL_CODES, COMMENT_CEILING, CONTEXT_LIMITS, type Channel, type ContextField } from './domain.js';
import type { Evaluation, FieldError } from './payload.js';

/** An evaluation in the field names of provincial 好差评 systems (`format="gov-cn"`). */
export interface GovCnEvaluation {
  evaluationId: string;
  projectNo?: string;
  taskCode?: string;
  taskName?: string;
  deptCode?: string;
  deptName?: string;
  areaCode?: string;
  pf: number;
  satisfaction: number;
  evalDetail: string;
  tagVersion: string;
  writingEvaluation?: string;
  assessNumber: 1 | 2;
  assessTime: string;
  evaluatorToken?: string;
  ticket?: string;
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time, whatever the device's time zone. */
export function chinaTime(date: Date): string {
  const d = new Date(date.getTime() + CST_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Maps a five-level canonical evaluation to the gov-cn field names; absent values stay absent. */
export function toGovCn(e: Evaluation): GovCnEvaluation {
  if (e.level === undefined) throw new TypeError('gov-cn needs a five-level evaluation (satisfaction 1–5)');
  const optional = <K extends keyof GovCnEvaluation>(key: K, value: GovCnEvaluation[K] | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    evaluationId: e.id,
    ...optional('projectNo', e.projectNo),
    ...optional('taskCode', e.taskCode),
    ...optional('taskName', e.taskName),
    ...optional('deptCode', e.deptCode),
    ...optional('deptName', e.deptName),
    ...optional('areaCode', e.areaCode),
    pf: CHANNEL_CODES[e.channel as Channel],
    satisfaction: e.level,
    evalDetail: e.tags.join(','),
    tagVersion: e.tagVersion,
    ...optional('writingEvaluation', e.comment),
    assessNumber: e.assessNumber,
    assessTime: chinaTime(new Date(e.createdAt)),
    ...optional('evaluatorToken', e.evaluatorToken),
    ...optional('ticket', e.ticket),
  };
}

const optionalText = (max: number) => z.optional(z.string().check(z.minLength(1), z.maxLength(max)));
const govContext = Object.fromEntries(
  Object.entries(CONTEXT_LIMITS).map(([field, max]) => [field, optionalText(max)]),
) as { [K in ContextField]: ReturnType<typeof optionalText> };

/** The gov-cn body (SPEC §4) as POSTed with `format="gov-cn"`, for servers that receive it. */
export const govCnEvaluationSchema = z.object({
  evaluationId: z.string().check(
    z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, { error: 'evaluationId must be a UUID' }),
  ),
  ...govContext,
  pf: z.int().check(z.gte(1), z.lte(6)),
  satisfaction: z.int().check(z.gte(1), z.lte(5)),
  evalDetail: z.string().check(z.regex(/^([A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32})*)?$/, { error: 'evalDetail is comma-joined tag codes, e.g. "N01,N08"' })),
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
