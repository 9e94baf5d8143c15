// Run by test/node/ssr.test.mjs in a Node process of its own (no DOM, no window): imports the SDK
// the way a server renderer does and prints what the import left running.
const scheduled = [];
for (const name of ['setTimeout', 'setInterval', 'setImmediate']) {
  const original = globalThis[name];
  globalThis[name] = function (...args) {
    scheduled.push(`${name} from ${new Error().stack.split('\n')[2]?.trim()}`);
    return original.apply(this, args);
  };
}
const before = process.getActiveResourcesInfo();
const sdk = await import('haochaping');
const react = await import('haochaping/react');
await new Promise((resolve) => process.nextTick(resolve));
console.log(
  JSON.stringify({
    exports: { sdk: Object.keys(sdk).sort(), react: Object.keys(react).sort() },
    defined: typeof customElements !== 'undefined' && Boolean(customElements.get('hcp-rating')),
    scheduled,
    resources: process.getActiveResourcesInfo().filter((r) => !before.includes(r)),
  }),
);
