/**
 * The national 好差评 vocabulary (国办发〔2019〕51号, GB/T 39734-2020): rating levels,
 * verdicts and channels. DOM-free, shared by the element, the payload schema and servers.
 */

/** The `schema` field of every canonical evaluation. */
export const PAYLOAD_SCHEMA = 'haochaping.evaluation/1';

/** Five-level codes: 5 非常满意 … 1 非常不满意 (the majority mapping of provincial systems). */
export const LEVELS = [5, 4, 3, 2, 1] as const;
export type Level = (typeof LEVELS)[number];

export const SCALES = ['five-level', 'good-bad'] as const;
export type Scale = (typeof SCALES)[number];

/** Body field names: the canonical payload, or the names provincial systems store (`gov-cn`). */
export const FORMATS = ['canonical', 'gov-cn'] as const;
export type Format = (typeof FORMATS)[number];

/** `inline` on a page, or `kiosk` on a service-hall evaluator tablet. */
export const MODES = ['inline', 'kiosk'] as const;
export type Mode = (typeof MODES)[number];

export const VERDICTS = ['good', 'bad'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Channels with their national `pf` code. 7 (系统默认评价) is a server matter and never produced here. */
export const CHANNEL_CODES = {
  pc: 1,
  mobile: 2,
  qrcode: 3,
  'hall-pad': 4,
  'hall-terminal': 5,
  sms: 6,
} as const;
export type Channel = keyof typeof CHANNEL_CODES;
export const CHANNELS = Object.keys(CHANNEL_CODES) as Channel[];

/** 差评 is 不满意 or 非常不满意; 基本满意 and above count as 好评. */
export function verdictOf(level: Level): Verdict {
  return level <= 2 ? 'bad' : 'good';
}

/** The verdict of a choice on either scale: a level (five-level) or 好评/差评 itself (good-bad). */
export function verdictOfChoice(choice: Level | Verdict): Verdict {
  return typeof choice === 'number' ? verdictOf(choice) : choice;
}

/**
 * Which reason tags a choice shows: positive tags for 满意/非常满意 (and 好评),
 * negative ones for 基本满意 and below (and 差评) — 基本满意 still invites a reason to improve.
 */
export function tagVerdictOf(choice: Level | Verdict): Verdict {
  if (typeof choice === 'string') return choice;
  return choice >= 4 ? 'good' : 'bad';
}

/** A rating's id (`id`, gov-cn `evaluationId`): a UUID of versions 1–8, any case. No `i` flag: the JSON Schemas carry the pattern as it is. */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** A reason tag's code: nationally unified, such as `N01`. Catalogs, payloads and gov-cn bodies share it. */
export const TAG_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Upper bounds of the context fields, in characters; the element validates the same limits. */
export const CONTEXT_LIMITS = {
  projectNo: 64,
  serviceNumber: 64,
  taskCode: 64,
  taskName: 200,
  deptCode: 64,
  deptName: 200,
  areaCode: 32,
  evaluatorToken: 2048,
  ticket: 2048,
} as const;
export type ContextField = keyof typeof CONTEXT_LIMITS;

/** The hard ceiling for `max-comment`: a server can rely on comments never being longer. */
export const COMMENT_CEILING = 5000;
