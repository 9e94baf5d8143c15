import { CHANNELS, COMMENT_CEILING, CONTEXT_LIMITS, FORMATS, MODES, SCALES, type ContextField } from '../schema/domain.js';
import type { Catalog } from '../schema/catalog.js';
import type { Messages } from '../i18n/messages.js';
import type { Transport } from '../outbox/transport.js';

/**
 * The configuration of `<hcp-rating>`, once. Every key here is a property of the element; unless
 * it is `propertyOnly`, also an attribute (its kebab-case spelling), a `data-*` setting of the
 * script tag and a key of `Haochaping.configure()`. The element's reactive properties, the
 * `RawConfig`/`Config` types, the script tag's settings, the React typings and the README's
 * attribute table (through custom-elements.json, from DOCS below) are all derived from this table;
 * test/node/config-table.test.mjs checks each of them against it.
 *
 * `check` says how a value is read (src/config/parse.ts): `url`, `oneOf`, `text` (at most
 * `max` characters), `flag`, `whole` (a whole number from `min` to `max`), `catalog`,
 * `headers`, `messages`, `transport`. The order is the order problems are reported in.
 */
export const OPTIONS = {
  endpoint: { check: 'url', required: true },
  scale: { check: 'oneOf', values: SCALES, default: 'five-level' },
  projectNo: { check: 'text', max: CONTEXT_LIMITS.projectNo },
  serviceNumber: { check: 'text', max: CONTEXT_LIMITS.serviceNumber },
  taskCode: { check: 'text', max: CONTEXT_LIMITS.taskCode },
  taskName: { check: 'text', max: CONTEXT_LIMITS.taskName },
  deptCode: { check: 'text', max: CONTEXT_LIMITS.deptCode },
  deptName: { check: 'text', max: CONTEXT_LIMITS.deptName },
  areaCode: { check: 'text', max: CONTEXT_LIMITS.areaCode },
  channel: { check: 'oneOf', values: CHANNELS, hint: '; leave it out to detect pc or mobile from the device' },
  evaluatorToken: { check: 'text', max: CONTEXT_LIMITS.evaluatorToken },
  ticket: { check: 'text', max: CONTEXT_LIMITS.ticket },
  tags: { check: 'catalog' },
  tagsSrc: { check: 'url' },
  reasonOptional: { check: 'flag', default: false },
  allowFollowUp: { check: 'flag', default: false },
  withCredentials: { check: 'flag', default: false },
  maxComment: { check: 'whole', min: 1, max: COMMENT_CEILING, unit: 'characters', default: 500 },
  format: { check: 'oneOf', values: FORMATS, default: 'canonical' },
  mode: { check: 'oneOf', values: MODES, default: 'inline' },
  resetAfter: { check: 'whole', min: 1, max: 3600, unit: 'seconds', default: 8 },
  elder: { check: 'flag', default: false },
  headers: { check: 'headers', propertyOnly: true, default: {} },
  messages: { check: 'messages', propertyOnly: true },
  transport: { check: 'transport', propertyOnly: true },
} as const satisfies Record<string, Option>;

/**
 * One line per key for people: custom-elements.json, the README's tables and editors show it.
 * Kept beside OPTIONS rather than in it so that the bundles, which never show it, do not carry it.
 */
export const DOCS: Record<ConfigKey, string> = {
  endpoint: 'URL that receives ratings: https://, a same-origin path, or http:// on localhost only.',
  scale: '`five-level` (default, 非常满意 … 非常不满意) or `good-bad` (好评/差评).',
  projectNo: '办件编号 of the transaction being rated.',
  serviceNumber: 'Number of the service record the rating belongs to (`serviceNumber` in provincial systems).',
  taskCode: '事项编码 of the service item.',
  taskName: '事项名称 of the service item.',
  deptCode: 'Code of the responsible department (e.g. its 统一社会信用代码).',
  deptName: 'Name of the responsible department.',
  areaCode: '行政区划代码 of the service.',
  channel: '`pc`, `mobile`, `qrcode`, `hall-pad`, `hall-terminal` or `sms`; default detected from the device.',
  evaluatorToken: 'Opaque token the server resolves to the evaluator; never a name, ID or phone number.',
  ticket: 'Opaque server-issued token, passed through unchanged.',
  tags: 'Inline reason-tag catalog: JSON `{ version, tags: [{ code, label, verdict }] }`, or the object as a property.',
  tagsSrc: 'URL of a reason-tag catalog (same rules as `endpoint`); inline `tags` win over it.',
  reasonOptional: 'Lets a 差评 be submitted without a reason tag or comment.',
  allowFollowUp: 'Offers one 追评 for an already-rated `project-no`.',
  withCredentials: 'Sends cookies with the rating (off by default).',
  maxComment: `Longest comment, in characters (default 500, at most ${COMMENT_CEILING}).`,
  format: 'Body field names: `canonical` (default) or `gov-cn` (provincial systems; five-level only).',
  mode: '`inline` (default) or `kiosk` (service-hall evaluator tablet).',
  resetAfter: 'Kiosk: seconds before the thank-you screen gives way to a fresh form (default 8).',
  elder: '长辈模式: larger text and targets.',
  headers: 'Extra request headers, e.g. an API key the gateway needs.',
  messages: 'Overrides for any displayed string.',
  transport: 'Custom send function (for instance a native bridge in a 政务 app); defaults to `fetch`.',
};

export interface Option {
  check: 'url' | 'oneOf' | 'text' | 'flag' | 'whole' | 'catalog' | 'headers' | 'messages' | 'transport';
  values?: readonly string[];
  hint?: string;
  min?: number;
  max?: number;
  unit?: string;
  default?: unknown;
  required?: true;
  propertyOnly?: true;
}

type Options = typeof OPTIONS;
export type ConfigKey = keyof Options;

/** `taskCode` → `task-code`: messages name what the integrator typed. */
export const kebab = (property: string): string => property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The same, for types: `Kebab<'taskCode'>` is `'task-code'`. */
export type Kebab<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${Kebab<T>}` : S;

export const CONFIG_KEYS = Object.keys(OPTIONS) as ConfigKey[];
/** Keys that are attributes and `data-*` settings too (objects and functions are properties only). */
export const ATTRIBUTE_KEYS = CONFIG_KEYS.filter((key) => !('propertyOnly' in OPTIONS[key]));
export type AttributeKey = { [K in ConfigKey]: Options[K] extends { propertyOnly: true } ? never : K }[ConfigKey];

/** How the element's property holds a key's value, as an integrator sets it. */
type PropertyOf<O> = O extends { check: 'oneOf'; values: readonly (infer V)[] }
  ? V
  : O extends { check: 'flag' }
    ? boolean
    : O extends { check: 'whole' }
      ? number | string
      : O extends { check: 'catalog' }
        ? string | Catalog
        : O extends { check: 'headers' }
          ? Record<string, string>
          : O extends { check: 'messages' }
            ? Partial<Messages>
            : O extends { check: 'transport' }
              ? Transport
              : string;

/** The element's configuration properties (`el.taskCode = '…'`). */
export type ConfigProperties = { -readonly [K in ConfigKey]?: PropertyOf<Options[K]> };
/** The attributes in their HTML spelling, as a template writes them (`task-code="…"`). */
export type ConfigAttributes = { [K in AttributeKey as Kebab<K>]?: PropertyOf<Options[K]> };
/** Configuration as an integrator writes it: attribute strings, property values or `data-*` defaults. */
export type RawConfig = { [K in ConfigKey]?: unknown };

/** A key's value once read: numbers as numbers, catalogs parsed. */
type ValueOf<O> = O extends { check: 'whole' } ? number : O extends { check: 'catalog' } ? Catalog : PropertyOf<O>;
type Settled = { [K in ConfigKey as Options[K] extends { default: unknown } | { required: true } ? K : never]: ValueOf<Options[K]> };
type Unsettled = { [K in ConfigKey as Options[K] extends { default: unknown } | { required: true } ? never : K]?: ValueOf<Options[K]> };

/** Validated configuration: defaults filled in, the transaction's fields gathered in `context`. */
export type Config = Omit<Settled & Unsettled, ContextField | 'tags'> & {
  context: Partial<Record<ContextField, string>>;
  /** The inline `tags` catalog. */
  catalog?: Catalog;
};

/** The TypeScript type of a key's property, as text (for custom-elements.json and editors). */
export function typeText(option: Option): string {
  switch (option.check) {
    case 'oneOf':
      return option.values!.map((v) => `'${v}'`).join(' | ');
    case 'flag':
      return 'boolean';
    case 'whole':
      return 'number | string';
    case 'catalog':
      return 'string | Catalog';
    case 'headers':
      return 'Record<string, string>';
    case 'messages':
      return 'Partial<Messages>';
    case 'transport':
      return 'Transport';
    default:
      return 'string';
  }
}
