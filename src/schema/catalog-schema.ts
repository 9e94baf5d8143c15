import * as z from 'zod/mini';
import { readCatalog, type Catalog } from './catalog.js';

// Server-side only: the browser reads catalogs with readCatalog itself, without zod.

/**
 * A versioned reason-tag catalog, as a zod schema for servers and build tools: the rules of
 * `readCatalog`, with each problem as an issue at its path.
 */
export const catalogSchema = z.pipe(
  z.unknown(),
  z.transform((value, ctx): Catalog => {
    const result = readCatalog(value);
    if (result.ok) return result.catalog;
    for (const { path, message } of result.issues) ctx.issues.push({ code: 'custom', input: value, path, message });
    return z.NEVER;
  }),
);
