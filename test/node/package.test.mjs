// The published surface: exports map, manifest and the files a user installs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url)));
const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url)));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating');

const SPEC_ATTRIBUTES = [
  'endpoint', 'scale', 'project-no', 'task-code', 'task-name', 'dept-code', 'dept-name', 'area-code', 'channel',
  'evaluator-token', 'ticket', 'tags', 'tags-src', 'reason-optional', 'allow-follow-up', 'with-credentials',
  'max-comment', 'format', 'mode', 'reset-after', 'elder', 'lang',
];
const SPEC_EVENTS = ['hcp-submit', 'hcp-queued', 'hcp-sent', 'hcp-failed', 'hcp-error'];

test('every exported path exists after the build', async () => {
  for (const target of [pkg.main, pkg.types, pkg.customElements, './dist/haochaping.min.js', pkg.exports['./schema'].default, pkg.exports['./schema'].types]) {
    await stat(new URL(`../../${target}`, import.meta.url));
  }
});

test('custom-elements.json documents <hcp-rating> with every SPEC attribute and event', () => {
  assert.equal(element?.name, 'HcpRating');
  const attributes = element.attributes.map((a) => a.name);
  for (const name of SPEC_ATTRIBUTES) assert.ok(attributes.includes(name), `attribute ${name} missing`);
  const events = element.events.map((e) => e.name);
  for (const name of SPEC_EVENTS) assert.ok(events.includes(name), `event ${name} missing`);
  for (const name of SPEC_ATTRIBUTES.filter((a) => a !== 'lang')) {
    assert.ok(element.attributes.find((a) => a.name === name).description, `attribute ${name} has no description`);
  }
});

test('the ESM entry registers the element, so it is marked as having side effects', () => {
  assert.ok(pkg.sideEffects.includes('./dist/haochaping.js'));
  assert.equal(pkg.exports['.'].default, './dist/haochaping.js');
});

test('the ESM entry imports in Node (Lit server build) without throwing, for SSR and tests', async () => {
  const sdk = await import('haochaping');
  assert.deepEqual(Object.keys(sdk).sort(), ['HcpRating', 'configure', 'flush', 'pending', 'version']);
  assert.equal(sdk.version, pkg.version);
});
