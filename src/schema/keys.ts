import type { RawConfig } from './config.js';

/**
 * Every configuration key, in property form. Each is an attribute of `<hcp-rating>` in its
 * kebab-case spelling and a `data-*` setting of the script tag, except the property-only ones.
 * Internal: `haochaping/schema` does not export it.
 */
export const CONFIG_KEYS = [
  'endpoint', 'scale', 'projectNo', 'serviceNumber', 'taskCode', 'taskName', 'deptCode', 'deptName', 'areaCode',
  'channel', 'evaluatorToken', 'ticket', 'tags', 'tagsSrc', 'reasonOptional', 'allowFollowUp',
  'withCredentials', 'maxComment', 'format', 'mode', 'resetAfter', 'elder', 'headers', 'messages', 'transport',
] as const satisfies readonly (keyof RawConfig)[];

/** Objects and functions: set as properties only, never as attributes or `data-*`. */
export const PROPERTY_ONLY: ReadonlySet<string> = new Set(['headers', 'messages', 'transport']);

/** `taskCode` → `task-code`: messages name what the integrator typed. */
export const kebab = (property: string): string => property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
