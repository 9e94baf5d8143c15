/** Types of baseline-gaps.js (plain JavaScript, so Node and the browser import the same file). */
export interface Gap {
  feature: string;
  lacks: string;
  fallback: string;
  remove?: string[];
  compat?: string[];
  css?: string[];
  origins?: string[];
  emulate?: [string, string][];
}
export const gaps: Gap[];
export const removedApis: string[];
