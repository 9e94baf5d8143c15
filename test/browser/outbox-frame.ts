/**
 * A page of its own (one frame = one tab or one visit) for the outbox tests. Query:
 * `widget` mounts `<hcp-rating>` with `endpoint` (and `project-no`, `allow-follow-up`, `mode`,
 * `reset-after`);
 * `noStorage` makes IndexedDB and localStorage unusable before the SDK loads; `own=<json>`
 * stops the page's outbox and runs one with those options instead (short leases in tests).
 * Exposes `window.hcp` once ready.
 */
export {};
const params = new URLSearchParams(location.search);
if (params.has('noStorage')) {
  indexedDB.open = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  Storage.prototype.setItem = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  console.warn = () => {};
}
const events: { type: string; id: string; status: number }[] = [];
for (const type of ['hcp-sent', 'hcp-failed', 'hcp-queued']) {
  addEventListener(type, (e) => events.push({ type, ...(e as CustomEvent).detail }));
}
const sdk = await import('../../src/index.js');
const { Outbox, outbox } = await import('../../src/outbox/outbox.js');
let active = outbox;
const own = params.get('own');
if (own) {
  outbox.stop();
  active = new Outbox(JSON.parse(own));
  active.start();
}
const endpoint = params.get('endpoint');
if (params.has('widget') && endpoint) {
  const el = document.createElement('hcp-rating');
  el.setAttribute('endpoint', endpoint);
  if (params.get('projectNo')) el.setAttribute('project-no', params.get('projectNo')!);
  if (params.has('followUp')) el.setAttribute('allow-follow-up', '');
  if (params.get('mode')) el.setAttribute('mode', params.get('mode')!);
  if (params.get('resetAfter')) el.setAttribute('reset-after', params.get('resetAfter')!);
  document.body.append(el);
  await el.updateComplete;
}
Object.assign(window, { hcp: { sdk, outbox: active, events, ready: true } });
