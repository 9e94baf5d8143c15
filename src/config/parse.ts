import { CONTEXT_LIMITS, type ContextField } from '../schema/domain.js';
import { readCatalog } from '../schema/catalog.js';
import { CONFIG_KEYS, kebab, OPTIONS, type Config, type ConfigKey, type Option, type RawConfig } from './options.js';

/** What kind of problem a configuration value has, for code that reacts to it. */
export type ConfigErrorCode =
  | 'missing' // a required key is absent
  | 'type' // the wrong kind of value (a number for text, an array for headers)
  | 'not-allowed' // a value outside the allowed ones (an unknown scale, http:// off localhost)
  | 'too-long' // longer than the key allows
  | 'out-of-range' // a number outside its range
  | 'invalid-json' // `tags` is not JSON
  | 'invalid-catalog' // `tags` is JSON but not a catalog
  | 'conflict' // two keys that cannot go together
  | 'levels-hidden'; // the page hid or shrank a level the widget offered (see integrity.ts)

/**
 * One configuration problem: the attribute (or `… property`) at fault and a message that says
 * how to fix it. The `hcp-error` event lists them; `JSON.stringify` keeps all three fields.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly attribute: string,
    readonly code: ConfigErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { attribute: string; code: ConfigErrorCode; message: string } {
    return { attribute: this.attribute, code: this.code, message: this.message };
  }
}

/** Kept for code written against the earlier name: each issue is a `ConfigError`. */
export type ConfigIssue = ConfigError;

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: ConfigError[] };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a URL may not receive ratings or serve catalogs, or `undefined` when it may:
 * https, a same-origin path, or http on localhost only.
 */
function urlProblem(attribute: string, value: string): string | undefined {
  const example = attribute === 'endpoint' ? '/api/evaluations' : '/hcp/tags.json';
  if (value.startsWith('//')) return `${attribute} "${value}" has no scheme: write it out as https://…`;
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

/** A displayed string the page supplies: a sentence or two, never a whole page of text. */
const MESSAGE_MAX = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value read, or why not. `name` is how the integrator spells the key (`max-comment`, `headers property`). */
type Read = { value: unknown } | { code: ConfigErrorCode; message: string };
type Reader = (value: unknown, name: string, option: Option) => Read;

const READERS: Record<Option['check'], Reader> = {
  url: (v, name) => {
    if (typeof v !== 'string') return { code: 'type', message: `${name} must be text: an https:// URL or a same-origin path` };
    const problem = urlProblem(name, v);
    return problem ? { code: 'not-allowed', message: problem } : { value: v };
  },
  oneOf: (v, name, { values, hint = '' }) =>
    values!.includes(v as string)
      ? { value: v }
      : { code: 'not-allowed', message: `${name} must be one of ${values!.map((x) => `"${x}"`).join(', ')} (got "${String(v)}")${hint}` },
  text: (v, name, { max }) =>
    typeof v !== 'string'
      ? { code: 'type', message: `${name} must be text` }
      : v.length > max!
        ? { code: 'too-long', message: `${name} is longer than ${max} characters: pass the code, not a description` }
        : { value: v },
  flag: (v, name) =>
    typeof v === 'boolean' || typeof v === 'string'
      ? { value: v === true || v === '' || v === 'true' }
      : { code: 'type', message: `${name} is true or false (got "${String(v)}")` },
  whole: (v, name, { min, max, unit }) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= min! && n <= max!
      ? { value: n }
      : { code: 'out-of-range', message: `${name} must be a whole number of ${unit} from ${min} to ${max} (got "${String(v)}")` };
  },
  catalog: (v, name) => {
    let value = v;
    if (typeof v === 'string') {
      try {
        value = JSON.parse(v);
      } catch (error) {
        return {
          code: 'invalid-json',
          message: `${name} is not valid JSON (${(error as Error).message}): give a catalog such as {"version":"my-1","tags":[{"code":"N01","label":"服务态度差","verdict":"bad"}]}`,
        };
      }
    }
    const result = readCatalog(value);
    if (result.ok) return { value: result.catalog };
    const problems = result.issues.map(({ path, message }) => `${name}${path.length ? ` (at ${path.join('.')})` : ''}: ${message}`);
    return { code: 'invalid-catalog', message: problems.join('; ') };
  },
  headers: (v, name) => {
    if (!isObject(v)) return { code: 'type', message: `${name} must be an object of header names to string values, e.g. { "X-App-Id": "…" }` };
    const wrong = Object.keys(v).find((key) => typeof v[key] !== 'string');
    return wrong === undefined ? { value: v } : { code: 'type', message: `${name} (at ${wrong}): a header value must be text` };
  },
  messages: (v, name) => {
    if (!isObject(v)) return { code: 'type', message: `${name} must map message names to text, e.g. { submit: "提交" }` };
    for (const [key, text] of Object.entries(v)) {
      const texts = isObject(text) ? Object.entries(text).map(([locale, t]) => [`${key}.${locale}`, t] as const) : [[key, text] as const];
      for (const [at, t] of texts) {
        if (typeof t !== 'string') return { code: 'type', message: `${name} (at ${at}): a message is text, or an object of text per language` };
        if (t.length > MESSAGE_MAX) return { code: 'too-long', message: `${name} (at ${at}): a message is at most ${MESSAGE_MAX} characters` };
      }
    }
    return { value: v };
  },
  transport: (v) =>
    typeof v === 'function'
      ? { value: v }
      : { code: 'type', message: 'transport must be a function: (request) => Promise<{ status, retryAfter? }>' },
};

/** How an integrator spells `key` in messages: its attribute, or `headers property`. */
const spelling = (key: ConfigKey): string => ('propertyOnly' in OPTIONS[key] ? `${key} property` : kebab(key));

/**
 * Validates configuration from attributes, properties and page defaults, by the table in
 * options.ts. Empty strings count as absent (except for flags, where an empty attribute is on);
 * every problem is reported at once, each naming its attribute.
 */
export function parseConfig(raw: RawConfig): ConfigResult {
  const issues: ConfigError[] = [];
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const option: Option = OPTIONS[key];
    const flag = option.check === 'flag';
    let value = raw[key];
    if (typeof value === 'string' && !flag) value = value.trim();
    const name = spelling(key);
    if (value === undefined || value === null || (value === '' && !flag)) {
      if (option.required) {
        issues.push(
          new ConfigError(
            name,
            'missing',
            `${name} is missing: set ${name}="https://…/api/evaluations" on <hcp-rating>, data-${name} on the script tag, or Haochaping.configure({ ${key} })`,
          ),
        );
      }
      if ('default' in option) values[key] = option.default;
      continue;
    }
    const read = READERS[option.check](value, name, option);
    if ('value' in read) values[key] = read.value;
    else issues.push(new ConfigError(name, read.code, read.message));
  }
  if (values.format === 'gov-cn' && values.scale === 'good-bad') {
    issues.push(
      new ConfigError(
        'format',
        'conflict',
        'format="gov-cn" needs the five-level scale (provincial systems store satisfaction 1–5): remove scale="good-bad" or use format="canonical"',
      ),
    );
  }
  if (issues.length) return { ok: false, issues };
  const context: Config['context'] = {};
  for (const field of Object.keys(CONTEXT_LIMITS) as ContextField[]) {
    if (values[field]) context[field] = values[field] as string;
    delete values[field];
  }
  const { tags, ...rest } = values;
  return { ok: true, config: { ...rest, context, ...(tags !== undefined && { catalog: tags }) } as Config };
}
