/**
 * The baseline profile: makes today's Chromium lack, before the SDK loads, what the oldest
 * engines of the promise lack (Safari/iOS 15.0, Chromium 69: the one list in baseline-gaps.js),
 * so the fallbacks run — for Safari 15.0 the only run they get, as no old Safari exists here
 * (Chromium 69 and 80 also run for real: test/node/old-chromium.test.mjs). Each `remove` path
 * is deleted (and checked to be gone: a profile that silently kept an API would prove nothing), and each
 * `emulate` rewrite is applied to every `<style>` a shadow root receives — with constructable
 * stylesheets removed, that is how Lit writes our styles — so a CSS feature the old engines
 * lack is dropped as they drop it.
 *
 * `applyBaselineProfile` is self-contained (no closure over this module), so it can also be
 * injected as a string, e.g. playwright's `addInitScript`.
 */
import { gaps, removedApis } from './baseline-gaps.js';

/**
 * @param {string[]} remove global paths such as `HTMLDialogElement.prototype.showModal`
 * @param {[string, string][]} rewrites CSS text replacements
 */
export function applyBaselineProfile(remove, rewrites) {
  for (const path of remove) {
    const parts = path.split('.');
    const name = parts.pop();
    let owner = globalThis;
    for (const part of parts) owner = owner == null ? undefined : owner[part];
    if (owner == null) throw new Error(`baseline profile: ${parts.join('.')} does not exist here, so ${path} cannot be removed`);
    // Walk up the prototype chain: the property may be inherited (Navigator.prototype.locks).
    for (let o = owner; o && name in o; o = Object.getPrototypeOf(o)) {
      if (Object.prototype.hasOwnProperty.call(o, name)) delete o[name];
    }
    if (name in owner) throw new Error(`baseline profile: could not remove ${path}`);
  }
  const rewrite = (text) => rewrites.reduce((t, [from, to]) => t.split(from).join(to), text);
  for (const method of ['appendChild', 'insertBefore']) {
    const original = Node.prototype[method];
    Node.prototype[method] = function (node, ...rest) {
      if (node instanceof HTMLStyleElement && node.textContent) node.textContent = rewrite(node.textContent);
      return original.call(this, node, ...rest);
    };
  }
}

/** The rewrites of every gap, in one list. */
export const emulatedCss = gaps.flatMap((gap) => gap.emulate ?? []);

/** The profile as a classic script, for `addInitScript` and the like. */
export const baselineProfileScript = `(${applyBaselineProfile})(${JSON.stringify(removedApis)}, ${JSON.stringify(emulatedCss)});`;

if (typeof window !== 'undefined' && new URL(import.meta.url).searchParams.has('apply')) {
  // The test runner's own socket code calls structuredClone (see baselineRunnerPlugin).
  window.__hcpRunnerStructuredClone = window.structuredClone;
  applyBaselineProfile(removedApis, emulatedCss);
  window.__hcpBaselineProfile = true;
}

/**
 * web-test-runner plugin for the baseline group: web-dev-server's socket module (which reports
 * results) calls `structuredClone`; it gets the copy the profile kept, so the runner keeps
 * working while the SDK sees no structuredClone.
 */
export function baselineRunnerPlugin() {
  return {
    name: 'hcp-baseline-runner',
    transform(context) {
      if (context.path !== '/__web-dev-server__web-socket.js') return undefined;
      return { body: String(context.body).replace(/\bstructuredClone\(/g, '(globalThis.__hcpRunnerStructuredClone ?? structuredClone)(') };
    },
  };
}
