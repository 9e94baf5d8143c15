// The editor data `npm run build` writes from custom-elements.json (scripts/editor-data.mjs):
// VS Code's HTML and CSS custom data and JetBrains web-types. Every attribute and event of every
// element in the manifest (<hcp-rating>, <hcp-launcher>) must be in each, with the configuration
// table's values for attributes that have a choice; VS Code's own HTML language service must
// complete them, and web-types must satisfy JetBrains' schema (test/fixtures/web-types.schema.json,
// copied from github.com/JetBrains/web-types, schema/web-types.json, Apache-2.0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Validator } from 'jsonschema';
import htmlService from 'vscode-html-languageservice';
import { importTs } from '../../scripts/import-ts.mjs';

const { getLanguageService, newHTMLDataProvider, TextDocument } = htmlService; // CommonJS
const ROOT = new URL('../../', import.meta.url);
const read = async (path) => JSON.parse(await readFile(new URL(path, ROOT), 'utf8'));
const pkg = await read('package.json');
const manifest = await read(pkg.customElements);
const vscodeHtml = await read('dist/vscode.html-custom-data.json');
const vscodeCss = await read('dist/vscode.css-custom-data.json');
const webTypes = await read(pkg['web-types']);
const { OPTIONS, kebab } = await importTs('src/config/options.ts');

const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
const text = (d) => (typeof d === 'string' ? d : d?.value ?? '');
/** Attribute name → its values, from the table itself (oneOf), and the flags. */
const ENUMS = Object.fromEntries(Object.entries(OPTIONS).filter(([, o]) => o.check === 'oneOf').map(([k, o]) => [kebab(k), [...o.values]]));
const FLAGS = Object.entries(OPTIONS).filter(([, o]) => o.check === 'flag').map(([k]) => kebab(k));

test('the manifest has both elements, and the table has attributes with a choice and flags', () => {
  assert.deepEqual(elements.map((e) => e.tagName).sort(), ['hcp-launcher', 'hcp-rating']);
  assert.deepEqual(Object.keys(ENUMS).sort(), ['channel', 'format', 'mode', 'scale']);
  assert.ok(FLAGS.includes('reason-optional') && FLAGS.length >= 4);
});

test('VS Code HTML custom data: every element, attribute (with its values) and event', () => {
  assert.equal(vscodeHtml.version, 1.1);
  for (const el of elements) {
    const tag = vscodeHtml.tags.find((t) => t.name === el.tagName);
    assert.ok(tag, `<${el.tagName}> missing`);
    assert.ok(text(tag.description).length > 20, `<${el.tagName}> has no description`);
    assert.deepEqual(tag.attributes.map((a) => a.name), (el.attributes ?? []).map((a) => a.name), `<${el.tagName}> attributes`);
    for (const a of tag.attributes) {
      assert.ok(text(a.description).length >= 10, `${el.tagName} ${a.name} has no description`);
      assert.deepEqual(a.values?.map((v) => v.name), ENUMS[a.name], `${el.tagName} ${a.name} values`);
      assert.equal(a.valueSet, FLAGS.includes(a.name) ? 'v' : undefined, `${el.tagName} ${a.name} is a flag (no value) or not`);
    }
    // The format has no events: they are listed in the tag's description, with theirs.
    for (const event of el.events ?? []) {
      assert.ok(text(tag.description).includes(`\`${event.name}\`: ${event.description.replace(/\s*\n\s*/g, ' ').trim()}`), `event ${event.name} of <${el.tagName}>`);
    }
  }
});

test("VS Code's HTML language service completes the tags, attributes and values from the data", () => {
  const service = getLanguageService({ customDataProviders: [newHTMLDataProvider('haochaping', vscodeHtml)] });
  const complete = (html) => {
    const offset = html.indexOf('|');
    const doc = TextDocument.create('file:///page.html', 'html', 1, html.replace('|', ''));
    return service.doComplete(doc, doc.positionAt(offset), service.parseHTMLDocument(doc)).items;
  };
  const tags = complete('<hcp|').map((i) => i.label);
  for (const el of elements) assert.ok(tags.includes(el.tagName), `<${el.tagName}> is offered`);
  const attributes = complete('<hcp-rating |></hcp-rating>');
  const rating = elements.find((e) => e.tagName === 'hcp-rating');
  for (const a of rating.attributes) assert.ok(attributes.some((i) => i.label === a.name), `${a.name} is offered`);
  // A flag is inserted without `=""`, an attribute with a choice with it.
  assert.equal(attributes.find((i) => i.label === 'reason-optional').textEdit.newText, 'reason-optional');
  assert.match(attributes.find((i) => i.label === 'scale').textEdit.newText, /^scale="/);
  for (const [name, values] of Object.entries(ENUMS)) {
    assert.deepEqual(complete(`<hcp-rating ${name}="|"></hcp-rating>`).map((i) => i.label).sort(), [...values].sort(), `values of ${name}`);
  }
});

test('VS Code CSS custom data: every --hcp-* property and ::part()', () => {
  for (const el of elements) {
    for (const p of el.cssProperties ?? []) assert.ok(vscodeCss.properties.some((q) => q.name === p.name && q.description), p.name);
    for (const p of el.cssParts ?? []) assert.ok(vscodeCss.pseudoElements.some((q) => q.name === `::part(${p.name})`), `::part(${p.name})`);
  }
});

test('web-types: every element, attribute (with its values), event and property; package.json points to it', () => {
  assert.equal(pkg['web-types'], './dist/web-types.json');
  assert.equal(webTypes.name, pkg.name);
  assert.equal(webTypes.version, pkg.version);
  for (const el of elements) {
    const wt = webTypes.contributions.html.elements.find((e) => e.name === el.tagName);
    assert.ok(wt, `<${el.tagName}> missing`);
    assert.deepEqual(wt.attributes.map((a) => a.name), (el.attributes ?? []).map((a) => a.name), `<${el.tagName}> attributes`);
    for (const a of wt.attributes) {
      assert.ok(a.description?.length >= 10, `${el.tagName} ${a.name} has no description`);
      assert.deepEqual(a.values?.map((v) => v.name), ENUMS[a.name], `${el.tagName} ${a.name} values`);
      assert.equal(a.value.type, ENUMS[a.name] ? 'enum' : FLAGS.includes(a.name) ? 'boolean' : a.value.type);
      if (FLAGS.includes(a.name)) assert.equal(a.value.required, false, `${a.name} needs no value`);
    }
    assert.deepEqual(wt.js.events.map((e) => [e.name, e.description]), (el.events ?? []).map((e) => [e.name, e.description]), `<${el.tagName}> events`);
    const fields = (el.members ?? []).filter((m) => m.kind === 'field' && m.privacy === undefined && !m.static);
    assert.deepEqual(wt.js.properties.map((p) => p.name), fields.map((f) => f.name), `<${el.tagName}> properties`);
    assert.deepEqual(wt.css.parts.map((p) => p.name), (el.cssParts ?? []).map((p) => p.name), `<${el.tagName}> parts`);
  }
  const rating = webTypes.contributions.html.elements.find((e) => e.name === 'hcp-rating');
  assert.equal(rating.js.properties.find((p) => p.name === 'headers').type, 'Record<string, string> | undefined');
});

test("web-types satisfies JetBrains' schema", async () => {
  const schema = await read('test/fixtures/web-types.schema.json');
  const result = new Validator().validate(webTypes, schema, { nestedErrors: true });
  assert.deepEqual(result.errors.map((e) => `${e.property} ${e.message}`), []);
  // The schema does catch a wrong value description (html-attribute-value has no other fields).
  const wrong = structuredClone(webTypes);
  wrong.contributions.html.elements[0].attributes[0].value = { kind: 'plain', values: ['x'] };
  assert.notEqual(new Validator().validate(wrong, schema).errors.length, 0);
});
