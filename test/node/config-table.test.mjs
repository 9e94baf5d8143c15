// src/config/options.ts is the one list of configuration keys. Each surface derived from it is
// checked against it here: the element's reactive properties, custom-elements.json (and through
// it the README tables, test/node/docs.test.mjs) and the script tag's data-* settings. The
// typings derive from it by type (test/types type-check consumer code against them).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { importTs } from '../../scripts/import-ts.mjs';

let table;
let scriptConfig;
before(async () => {
  table = await importTs('src/config/options.ts');
  scriptConfig = await importTs('src/script-config.ts');
});

const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating');

test('the table has every key once, each with a check, and a doc line for people', () => {
  const keys = Object.keys(table.OPTIONS);
  assert.deepEqual(table.CONFIG_KEYS, keys);
  assert.deepEqual(Object.keys(table.DOCS), keys, 'DOCS covers exactly the keys, in order');
  for (const key of keys) {
    assert.ok(table.DOCS[key].length >= 10, `${key} has no description`);
    assert.ok(['url', 'oneOf', 'text', 'flag', 'whole', 'catalog', 'headers', 'messages', 'transport'].includes(table.OPTIONS[key].check), key);
  }
  assert.deepEqual(table.ATTRIBUTE_KEYS, keys.filter((k) => !['headers', 'messages', 'transport'].includes(k)));
});

test("the element's reactive properties are the table's keys, with their attributes and converters", async () => {
  const { HcpRating } = await import('haochaping');
  const declared = HcpRating.properties;
  for (const key of table.CONFIG_KEYS) {
    const option = table.OPTIONS[key];
    assert.ok(declared[key], `${key} is not a reactive property`);
    assert.equal(declared[key].attribute, option.propertyOnly ? false : table.kebab(key), `${key}'s attribute`);
    if (option.check === 'flag') assert.equal(declared[key].type, Boolean, `${key} is a boolean attribute`);
  }
  const publicOnes = Object.keys(declared).filter((k) => !k.startsWith('_'));
  assert.deepEqual(publicOnes, table.CONFIG_KEYS, 'no public property outside the table');
});

test('custom-elements.json lists the table: each key a field with its doc, each attribute linked to it', () => {
  const fields = element.members.filter((m) => m.kind === 'field' && m.privacy === undefined && !m.static);
  for (const key of table.CONFIG_KEYS) {
    const option = table.OPTIONS[key];
    const field = fields.find((f) => f.name === key);
    assert.ok(field, `field ${key}`);
    assert.equal(field.description, table.DOCS[key]);
    assert.equal(field.type.text, `${table.typeText(option)} | undefined`);
    assert.equal(field.attribute, option.propertyOnly ? undefined : table.kebab(key));
  }
  assert.deepEqual(
    element.attributes.map((a) => a.name),
    ['lang', ...table.ATTRIBUTE_KEYS.map(table.kebab)],
    'the attributes: lang, then the table order',
  );
  for (const attribute of element.attributes.slice(1)) assert.equal(attribute.description, table.DOCS[attribute.fieldName]);
});

test("the script tag's data-* settings are the table's attributes, plus lang and style-nonce; property-only keys are refused", (t) => {
  const warnings = [];
  t.mock.method(console, 'warn', (message) => warnings.push(message));
  const dataset = Object.fromEntries(table.ATTRIBUTE_KEYS.map((key) => [key, 'x']));
  const defaults = scriptConfig.scriptDefaults({ dataset: { ...dataset, lang: 'en', styleNonce: 'n', launcher: 'floating' } });
  assert.deepEqual(Object.keys(defaults), [...table.ATTRIBUTE_KEYS, 'lang', 'styleNonce']);
  assert.deepEqual(warnings, [], 'every setting is known');
  const refused = scriptConfig.scriptDefaults({ dataset: { headers: '{}', taskcode: 'x' } });
  assert.deepEqual(refused, {});
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^haochaping: data-headers, data-taskcode on the script tag are not a setting and are ignored\. Settings: data-endpoint, data-scale, data-project-no,/);
});
