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
