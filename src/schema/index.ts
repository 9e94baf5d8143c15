/**
 * `haochaping/schema`: the DOM-free part of the SDK, for servers and build tools.
 * Everything here runs in Node 20 without a browser.
 */
export * from './domain.js';
export * from './catalog.js';
export * from './catalog-schema.js';
export * from './payload.js';
export * from './gov-cn.js';
export * from './gov-cn-schema.js';
export { defaultCatalog } from './default-catalog.js';
// The personal-data check of the widget's comment box, for servers that publish text (the collector's case replies).
export { findPii, maskPii } from './pii.js';
export type { PiiFinding, PiiKind } from './pii.js';
