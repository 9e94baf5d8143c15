/**
 * The part of `zod/mini` that the browser needs (config and catalog validation), in about a
 * tenth of the bytes. Only the script-tag bundle uses it: rollup.config.mjs aliases `zod/mini`
 * to this file there, while the npm ESM build, the `haochaping/schema` entry for servers, the
 * type checker and the tests keep the real zod. test/node/zod-lite.test.mjs parses the same
 * inputs with both and requires identical results, so behaviour does not drift; a zod function
 * used in the browser code but missing here fails the build (rollup's MISSING_EXPORT).
 *
 * Semantics copied from zod 4: issues carry `code`, `path` and `message` ("Invalid input" unless
 * the schema or check gives an `error`); type errors abort the checks of the enclosing schemas,
 * check failures do not; objects drop unknown keys; a union whose options all fail reports the
 * one option that failed only in its checks, if there is exactly one.
 */

type ErrorParam = string | ((issue: Issue) => string | undefined);

interface Params {
  error?: ErrorParam;
  path?: PropertyKey[];
}

export interface Issue {
  code: string;
  path: PropertyKey[];
  message?: string;
  input?: unknown;
  /** false: a type error, later checks of enclosing schemas are skipped (zod's "aborted"). */
  continue?: boolean;
  error?: ErrorParam;
}

interface Payload {
  value: unknown;
  issues: Issue[];
}

/** A check; length checks (`max`/`min` set) run even after a type error, like zod's `when`. */
interface Check {
  (payload: Payload): void;
  lengthCheck?: boolean;
  max?: number;
}

export interface Schema {
  run(payload: Payload): Payload;
  check(...checks: Check[]): Schema;
  safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };
}

/** zod's own sentinel for "no value" returned by a failing transform. */
export const NEVER = Object.freeze({ status: 'aborted' });

const aborted = (payload: Payload, from = 0) => payload.issues.slice(from).some((i) => i.continue !== true);
const explicitlyAborted = (payload: Payload) => payload.issues.some((i) => i.continue === false);
const hasLength = (v: unknown) => v != null && (v as { length?: unknown }).length !== undefined;

function schema(parse: (payload: Payload) => Payload, checks: Check[] = []): Schema {
  return {
    run(payload) {
      // zod measures an over-long array before parsing its items and reports only that.
      if (Array.isArray(payload.value)) {
        for (const c of checks) {
          if (!c.lengthCheck) break;
          if (c.max !== undefined && payload.value.length > c.max) {
            c(payload);
            payload.issues[payload.issues.length - 1].continue = false;
            return payload;
          }
        }
      }
      const result = parse(payload);
      let stop = aborted(result);
      for (const c of checks) {
        if (c.lengthCheck ? explicitlyAborted(result) || !hasLength(result.value) : stop) continue;
        const before = result.issues.length;
        c(result);
        stop ||= aborted(result, before);
      }
      return result;
    },
    check: (...more) => schema(parse, [...checks, ...more]),
    safeParse(input) {
      const { value, issues } = this.run({ value: input, issues: [] });
      if (!issues.length) return { success: true, data: value };
      return {
        success: false,
        error: {
          issues: issues.map(({ code, path, message, error, ...issue }) => ({
            ...issue,
            code,
            path: path ?? [],
            message: message ?? (typeof error === 'function' ? error({ code, path, ...issue }) : error) ?? 'Invalid input',
          })),
        },
      };
    },
  };
}

/** A schema that only checks the type (`is`), raising `code` with `params.error` otherwise. */
const typed = (is: (v: unknown) => boolean, params?: Params | string, code = 'invalid_type') =>
  schema((p) => {
    if (!is(p.value)) p.issues.push({ code, path: [], input: p.value, error: errorOf(params) });
    return p;
  });

const errorOf = (params?: Params | string) => (typeof params === 'string' ? params : params?.error);

export const string = (params?: Params | string) => typed((v) => typeof v === 'string', params);
export const number = (params?: Params | string) => typed((v) => typeof v === 'number' && Number.isFinite(v), params);
export const boolean = (params?: Params | string) => typed((v) => typeof v === 'boolean', params);

export const _enum = (values: readonly string[], params?: Params | string) =>
  typed((v) => values.includes(v as string), params, 'invalid_value');
export { _enum as enum };

export const custom = (is: (v: unknown) => boolean, params?: Params | string) =>
  schema((p) => {
    if (!is(p.value)) p.issues.push({ code: 'custom', path: [], input: p.value, continue: true, error: errorOf(params) });
    return p;
  });

export const optional = (inner: Schema) => schema((p) => (p.value === undefined ? p : inner.run(p)));

/** Runs `inner` on one member and files its issues under `key`. */
function member(inner: Schema, value: unknown, key: PropertyKey, into: Payload): unknown {
  const result = inner.run({ value, issues: [] });
  for (const issue of result.issues) into.issues.push({ ...issue, path: [key, ...(issue.path ?? [])] });
  return result.value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

export const object = (shape: Record<string, Schema>, params?: Params | string) =>
  schema((p) => {
    const input = p.value as Record<string, unknown>;
    // Like zod: any non-array object is accepted here; records want plain objects.
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return typed(() => false, params).run(p);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(shape)) {
      const value = member(inner, input[key], key, p);
      if (key in input || value !== undefined) out[key] = value;
    }
    p.value = out;
    return p;
  });

export const record = (_key: Schema, inner: Schema, params?: Params | string) =>
  schema((p) => {
    const input = p.value;
    if (!isPlainObject(input)) return typed(() => false, params).run(p);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) out[key] = member(inner, input[key], key, p);
    p.value = out;
    return p;
  });

export const array = (inner: Schema, params?: Params | string) =>
  schema((p) => {
    if (!Array.isArray(p.value)) return typed(() => false, params).run(p);
    p.value = p.value.map((v, i) => member(inner, v, i, p));
    return p;
  });

export const union = (options: Schema[], params?: Params | string) =>
  schema((p) => {
    const results = options.map((o) => o.run({ value: p.value, issues: [] }));
    const ok = results.find((r) => !r.issues.length);
    const nonAborted = results.filter((r) => !aborted(r));
    const pick = ok ?? (nonAborted.length === 1 ? nonAborted[0] : undefined);
    if (pick) {
      p.value = pick.value;
      p.issues.push(...pick.issues);
    } else {
      p.issues.push({ code: 'invalid_union', path: [], input: p.value, error: errorOf(params) });
    }
    return p;
  });

export const pipe = (first: Schema, second: Schema) =>
  schema((p) => {
    const result = first.run(p);
    return result.issues.length ? result : second.run(result);
  });

export const transform = (fn: (value: unknown, payload: Payload) => unknown) =>
  schema((p) => {
    p.value = fn(p.value, p);
    return p;
  });

/** A check that raises `code` with `params` when `ok` is false; check failures never abort. */
const failing = (code: string, ok: (v: never) => boolean, params?: Params | string): Check => (p) => {
  if (!ok(p.value as never)) {
    const extra = typeof params === 'object' ? params : undefined;
    p.issues.push({ code, path: extra?.path ?? [], input: p.value, continue: true, error: errorOf(params) });
  }
};

/** Strings count code points (an emoji is one character), as in zod. */
const lengthOf = (v: string | unknown[]) => (typeof v === 'string' ? [...v].length : v.length);

const lengthCheck = (check: Check, max?: number) => Object.assign(check, { lengthCheck: true, max });

export const minLength = (min: number, params?: Params | string) =>
  lengthCheck(failing('too_small', (v: string) => lengthOf(v) >= min, params));
export const maxLength = (max: number, params?: Params | string) =>
  lengthCheck(failing('too_big', (v: string) => lengthOf(v) <= max, params), max);
export const regex = (pattern: RegExp, params?: Params | string) =>
  failing('invalid_format', (v: string) => pattern.test(v), params);
export const refine = (fn: (v: never) => unknown, params?: Params | string) =>
  failing('custom', (v) => Boolean(fn(v)), params);

export const superRefine =
  (fn: (value: never, ctx: { issues: Issue[]; value: unknown }) => void): Check =>
  (p) => {
    const issues: Issue[] = [];
    fn(p.value as never, { issues, value: p.value });
    // Pushed as given, like zod: without `continue: true` such an issue stops later checks.
    p.issues.push(...issues);
  };

export const trim = (): Check => (p) => {
  p.value = (p.value as string).trim();
};
