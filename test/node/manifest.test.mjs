// custom-elements.json is the API reference editors, frameworks and the README tables read:
// every SPEC §3 attribute, property and event must be there, and everything there described.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url)));
const manifest = JSON.parse(await readFile(new URL(`../../${pkg.customElements}`, import.meta.url)));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating');

/** SPEC §3, in full. */
const SPEC_ATTRIBUTES = [
  'endpoint', 'scale', 'project-no', 'service-number', 'task-code', 'task-name', 'dept-code', 'dept-name', 'area-code', 'channel',
  'evaluator-token', 'ticket', 'tags', 'tags-src', 'reason-optional', 'allow-follow-up', 'with-credentials',
  'max-comment', 'format', 'mode', 'reset-after', 'elder', 'lang',
];
const SPEC_PROPERTY_ONLY = ['headers', 'messages', 'transport'];
const SPEC_EVENTS = ['hcp-submit', 'hcp-queued', 'hcp-sent', 'hcp-failed', 'hcp-error'];
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const described = (item) => typeof item?.description === 'string' && item.description.trim().length >= 10;

test('the manifest declares <hcp-rating> as HcpRating, exported from the package entry', () => {
  assert.equal(element?.name, 'HcpRating');
  const exported = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
  assert.ok(exported.some((e) => e.name === 'hcp-rating'), 'no custom-element-definition for hcp-rating');
});

test('every SPEC attribute is in the manifest with a description', () => {
  for (const name of SPEC_ATTRIBUTES) {
    const attribute = element.attributes.find((a) => a.name === name);
    assert.ok(attribute, `attribute ${name} missing`);
    assert.ok(described(attribute), `attribute ${name} has no description`);
  }
});

test('every SPEC attribute but lang has its camelCase property, and the property-only ones exist without an attribute', () => {
  const fields = new Map(element.members.filter((m) => m.kind === 'field' && m.privacy === undefined).map((m) => [m.name, m]));
  for (const name of SPEC_ATTRIBUTES.filter((a) => a !== 'lang')) {
    const field = fields.get(camel(name));
    assert.ok(field, `property ${camel(name)} missing`);
    assert.equal(field.attribute, name, `property ${camel(name)} is not linked to attribute ${name}`);
    assert.ok(described(field), `property ${camel(name)} has no description`);
  }
  for (const name of SPEC_PROPERTY_ONLY) {
    const field = fields.get(name);
    assert.ok(field, `property ${name} missing`);
    assert.equal(field.attribute, undefined, `${name} must be property-only`);
    assert.ok(described(field), `property ${name} has no description`);
  }
});

test('every SPEC event is in the manifest with a description', () => {
  for (const name of SPEC_EVENTS) {
    const event = element.events.find((e) => e.name === name);
    assert.ok(event, `event ${name} missing`);
    assert.ok(described(event), `event ${name} has no description`);
  }
});

test('every attribute, public property, event, part, CSS custom property and slot is described', () => {
  const publicFields = element.members.filter((m) => m.kind === 'field' && m.privacy === undefined && !m.static);
  const groups = {
    attribute: element.attributes,
    property: publicFields,
    event: element.events,
    part: element.cssParts ?? [],
    'CSS custom property': element.cssProperties ?? [],
    slot: element.slots ?? [],
  };
  for (const [kind, items] of Object.entries(groups)) {
    for (const item of items) assert.ok(described(item), `${kind} "${item.name}" has no description`);
  }
  assert.ok(groups.part.length >= 5, 'the parts are documented');
  assert.ok(groups['CSS custom property'].length >= 5, 'the CSS custom properties are documented');
  for (const prop of groups['CSS custom property']) {
    assert.match(prop.name, /^--hcp-/, `${prop.name} is not namespaced --hcp-`);
    assert.ok(prop.default, `${prop.name} has no default`);
  }
});
