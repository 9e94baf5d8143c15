import * as z from 'zod/mini';
import { CHANNELS, COMMENT_CEILING, CONTEXT_LIMITS, SCALES, type Channel, type ContextField, type Scale } from './domain.js';
import { catalogSchema, type Catalog } from './catalog.js';
import { kebab, PROPERTY_ONLY } from './keys.js';
import type { Messages } from '../i18n/messages.js';
import type { Transport } from '../outbox/transport.js';

export const FORMATS = ['canonical', 'gov-cn'] as const;
export type Format = (typeof FORMATS)[number];
export const MODES = ['inline', 'kiosk'] as const;
export type Mode = (typeof MODES)[number];

/** One configuration problem: the attribute (or property) at fault and how to fix it. */
export interface ConfigIssue {
  attribute: string;
  message: string;
}

/** Configuration as an integrator writes it: attribute strings, property values or `data-*` defaults. */
export interface RawConfig {
  endpoint?: unknown;
  scale?: unknown;
  projectNo?: unknown;
  serviceNumber?: unknown;
  taskCode?: unknown;
  taskName?: unknown;
  deptCode?: unknown;
  deptName?: unknown;
  areaCode?: unknown;
  channel?: unknown;
  evaluatorToken?: unknown;
  ticket?: unknown;
  tags?: unknown;
  tagsSrc?: unknown;
  reasonOptional?: unknown;
  allowFollowUp?: unknown;
  withCredentials?: unknown;
  maxComment?: unknown;
  format?: unknown;
  mode?: unknown;
  resetAfter?: unknown;
  elder?: unknown;
  headers?: unknown;
  messages?: unknown;
  transport?: unknown;
}

/** Validated, normalised configuration. */
export interface Config {
  endpoint: string;
  scale: Scale;
  format: Format;
  mode: Mode;
  channel?: Channel;
  context: Partial<Record<ContextField, string>>;
  catalog?: Catalog;
  tagsSrc?: string;
  maxComment: number;
  resetAfter: number;
  reasonOptional: boolean;
  allowFollowUp: boolean;
  withCredentials: boolean;
  elder: boolean;
  headers: Record<string, string>;
  messages?: Partial<Messages>;
  transport?: Transport;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a URL may not receive ratings or serve catalogs, or `undefined` when it may:
 * https, a same-origin path, or http on localhost only.
 */
export function urlProblem(attribute: string, value: string): string | undefined {
  const example = attribute === 'endpoint' ? '/api/evaluations' : '/hcp/tags.json';
  if (value.startsWith('//')) {
    return `${attribute} "${value}" has no scheme: write it out as https://…`;
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return undefined; // same-origin path
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${attribute} "${value}" is not a valid URL: use https://… or a same-origin path such as "${example}"`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return LOCAL_HOSTS.has(url.hostname)
      ? undefined
      : `${attribute} uses http:// on "${url.hostname}": ratings must travel over https:// (http:// is allowed only for localhost and 127.0.0.1)`;
  }
  return `${attribute} must be an https:// URL or a same-origin path such as "${example}" (got "${value.slice(0, 80)}")`;
}

const oneOf = <T extends readonly [string, ...string[]]>(attribute: string, values: T, hint = '') =>
  z.optional(
    z.enum(values, {
      error: (iss) =>
        `${attribute} must be one of ${values.map((v) => `"${v}"`).join(', ')} (got "${String(iss.input)}")${hint}`,
    }),
  );

const url = (attribute: string) =>
  z.string().check(
    z.superRefine((value, ctx) => {
      const problem = urlProblem(attribute, value);
      if (problem) ctx.issues.push({ code: 'custom', input: value, message: problem });
    }),
  );

const wholeNumber = (attribute: string, min: number, max: number, unit: string) =>
  z.optional(
    z.pipe(
      z.union([z.number(), z.string()]),
      z.transform((v, ctx) => {
        const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
        if (Number.isInteger(n) && n >= min && n <= max) return n;
        ctx.issues.push({
          code: 'custom',
          input: v,
          message: `${attribute} must be a whole number of ${unit} from ${min} to ${max} (got "${String(v)}")`,
        });
        return z.NEVER;
      }),
    ),
  );

/** A displayed string the page supplies: a sentence or two, never a whole page of text. */
export const MESSAGE_MAX = 1000;
const shownText = z.string().check(
  z.maxLength(MESSAGE_MAX, { error: `a message is at most ${MESSAGE_MAX} characters` }),
);

const flag = z.optional(
  z.pipe(
    z.union([z.boolean(), z.string()]),
    z.transform((v) => v === true || v === '' || v === 'true'),
  ),
);

const contextShape = Object.fromEntries(
  Object.entries(CONTEXT_LIMITS).map(([field, max]) => {
    const attribute = kebab(field);
    return [
      field,
      z.optional(
        z.string({ error: `${attribute} must be text` }).check(
          z.maxLength(max, { error: `${attribute} is longer than ${max} characters: pass the code, not a description` }),
        ),
      ),
    ];
  }),
) as Record<ContextField, z.ZodMiniOptional<z.ZodMiniString>>;

const configSchema = z
  .object({
    endpoint: url('endpoint'),
    scale: oneOf('scale', SCALES),
    format: oneOf('format', FORMATS),
    mode: oneOf('mode', MODES),
    channel: oneOf(
      'channel',
      CHANNELS as [Channel, ...Channel[]],
      '; leave it out to detect pc or mobile from the device',
    ),
    ...contextShape,
    tags: z.optional(catalogSchema),
    tagsSrc: z.optional(url('tags-src')),
    maxComment: wholeNumber('max-comment', 1, COMMENT_CEILING, 'characters'),
    resetAfter: wholeNumber('reset-after', 1, 3600, 'seconds'),
    reasonOptional: flag,
    allowFollowUp: flag,
    withCredentials: flag,
    elder: flag,
    headers: z.optional(
      z.record(z.string(), z.string(), {
        error: 'headers must be an object of header names to string values, e.g. { "X-App-Id": "…" }',
      }),
    ),
    messages: z.optional(
      z.record(z.string(), z.union([shownText, z.record(z.string(), shownText)]), {
        error: 'messages must map message names to text, e.g. { submit: "提交" }',
      }),
    ),
    transport: z.optional(
      z.custom<Transport>((v) => typeof v === 'function', {
        error: 'transport must be a function: (request) => Promise<{ status, retryAfter? }>',
      }),
    ),
  })
  .check(
    z.refine((c) => !(c.format === 'gov-cn' && c.scale === 'good-bad'), {
      error:
        'format="gov-cn" needs the five-level scale (provincial systems store satisfaction 1–5): remove scale="good-bad" or use format="canonical"',
      path: ['format'],
    }),
  );

const FLAGS = new Set(['reasonOptional', 'allowFollowUp', 'withCredentials', 'elder']);

/**
 * Validates configuration from attributes, properties and page defaults. Empty strings
 * count as absent; every problem is reported at once, each naming its attribute.
 */
export function parseConfig(raw: RawConfig): ConfigResult {
  const input: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const v = typeof value === 'string' && !FLAGS.has(key) ? value.trim() : value;
    if (v !== undefined && v !== null && (v !== '' || FLAGS.has(key))) input[key] = v;
  }
  if (input.endpoint === undefined) {
    issues.push({
      attribute: 'endpoint',
      message:
        'endpoint is missing: set endpoint="https://…/api/evaluations" on <hcp-rating>, data-endpoint on the script tag, or Haochaping.configure({ endpoint })',
    });
  }
  if (typeof input.tags === 'string') {
    try {
      input.tags = JSON.parse(input.tags);
    } catch (error) {
      issues.push({
        attribute: 'tags',
        message: `tags is not valid JSON (${(error as Error).message}): give a catalog such as {"version":"my-1","tags":[{"code":"N01","label":"服务态度差","verdict":"bad"}]}`,
      });
      delete input.tags;
    }
  }
  const result = configSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      if (key === 'endpoint' && input.endpoint === undefined) continue; // reported above
      const attribute = PROPERTY_ONLY.has(key) ? `${key} property` : kebab(key);
      const at = issue.path.length > 1 ? ` (at ${issue.path.slice(1).join('.')})` : '';
      const message = issue.message.startsWith(attribute) || issue.message.startsWith(`${key} `) ? issue.message : `${attribute}${at}: ${issue.message}`;
      issues.push({ attribute, message });
    }
  }
  if (!result.success || issues.length) return { ok: false, issues };
  const c = result.data;
  const context: Config['context'] = {};
  for (const field of Object.keys(CONTEXT_LIMITS) as ContextField[]) {
    if (c[field]) context[field] = c[field];
  }
  return {
    ok: true,
    config: {
      endpoint: c.endpoint,
      scale: c.scale ?? 'five-level',
      format: c.format ?? 'canonical',
      mode: c.mode ?? 'inline',
      channel: c.channel,
      context,
      catalog: c.tags,
      tagsSrc: c.tagsSrc,
      maxComment: c.maxComment ?? 500,
      resetAfter: c.resetAfter ?? 8,
      reasonOptional: c.reasonOptional ?? false,
      allowFollowUp: c.allowFollowUp ?? false,
      withCredentials: c.withCredentials ?? false,
      elder: c.elder ?? false,
      headers: c.headers ?? {},
      messages: c.messages as Partial<Messages> | undefined,
      transport: c.transport,
    },
  };
}
