/**
 * The script tag that loaded the script-tag bundle, read before anything else of the bundle
 * runs: `auto.ts` imports this module first. The style nonce in particular must be in force
 * before `<hcp-rating>` is defined, because elements already in the page upgrade — and write
 * their `<style>` where constructable stylesheets are missing — during `customElements.define`.
 */
import type { PageDefaults } from './defaults.js';
import { findScript, scriptDefaults } from './script-config.js';
import { applyStyleNonce } from './style-nonce.js';

export const script = findScript();
const { styleNonce, ...settings } = (script ? scriptDefaults(script) : {}) as PageDefaults & { styleNonce?: string };
if (styleNonce !== undefined) applyStyleNonce(styleNonce);
/** The page defaults the script tag's `data-*` attributes set. */
export const defaults: PageDefaults = settings;
