/**
 * Editor data from custom-elements.json (the last step of `npm run build`), for every element in
 * the manifest (`<hcp-rating>`, `<hcp-launcher>`):
 *
 *   dist/vscode.html-custom-data.json   VS Code's HTML custom data (format 1.1): tags, attributes
 *                                       with their values, descriptions; events, slots, parts and
 *                                       CSS properties in the tag's description (the format has no
 *                                       field for them)
 *   dist/vscode.css-custom-data.json    VS Code's CSS custom data: the --hcp-* properties and ::part()s
 *   dist/web-types.json                 JetBrains web-types (package.json "web-types"): elements,
 *                                       attributes with values, slots, js events and properties, CSS
 *
 * The manifest's attribute types come from the configuration table (src/config/options.ts, through
 * custom-elements-manifest.config.mjs): a union of string literals (`oneOf`) becomes the attribute's
 * values, `boolean` (`flag`) an attribute that needs no value. Nothing here is typed by hand.
 * Written by hand rather than with custom-element-vs-code-integration / -jet-brains-integration:
 * those offer `Catalog` (a type name) as a value of `tags` and ask a value of boolean attributes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8'));
const manifest = JSON.parse(await readFile(new URL(pkg.customElements, ROOT), 'utf8'));

export const FILES = {
  vscodeHtml: 'dist/vscode.html-custom-data.json',
  vscodeCss: 'dist/vscode.css-custom-data.json',
  webTypes: 'dist/web-types.json',
};

/** `'five-level' | 'good-bad' | undefined` → the parts a value can be, without `undefined`. */
const parts = (type) => (type?.text ?? 'string').split('|').map((t) => t.trim()).filter((t) => t && t !== 'undefined');

/** What an attribute's type says about its value: a list of literal values, a flag, or free text. */
export function attributeValue(attribute) {
  const types = parts(attribute.type);
  if (types.length === 1 && types[0] === 'boolean') return { flag: true };
  if (types.every((t) => /^'[^']*'$|^"[^"]*"$/.test(t))) return { values: types.map((t) => t.slice(1, -1)) };
  return { type: types.join(' | ') };
}

const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
const publicFields = (el) => (el.members ?? []).filter((m) => m.kind === 'field' && m.privacy === undefined && !m.static);
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
/** `{ description }`, left out when the manifest has none. */
const described = (text) => (oneLine(text) ? { description: oneLine(text) } : {});

/** The element's summary and description, then what the format cannot hold as data, in Markdown. */
function elementDoc(el, { withAll }) {
  const list = (title, items, name = (i) => `\`${i.name}\``) =>
    items?.length ? [`**${title}**`, '', ...items.map((i) => `- ${name(i)}: ${oneLine(i.description)}`), ''] : [];
  return [
    ...(el.summary ? [el.summary, ''] : []),
    ...(el.description ? [oneLine(el.description), ''] : []),
    ...(withAll
      ? [
          ...list('Events', el.events),
          ...list('Slots', el.slots, (s) => (s.name ? `\`${s.name}\`` : '(default)')),
          ...list('CSS parts', el.cssParts),
          ...list('CSS custom properties', el.cssProperties, (p) => `\`${p.name}\`${p.default ? ` (default \`${p.default}\`)` : ''}`),
        ]
      : []),
  ]
    .join('\n')
    .trim();
}

export function vscodeHtml() {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tagName,
      description: { kind: 'markdown', value: elementDoc(el, { withAll: true }) },
      attributes: (el.attributes ?? []).map((a) => {
        const value = attributeValue(a);
        return {
          name: a.name,
          description: { kind: 'markdown', value: oneLine(a.description) },
          // "v": VS Code's value set of attributes written without a value (like `disabled`).
          ...(value.flag && { valueSet: 'v' }),
          ...(value.values && { values: value.values.map((name) => ({ name })) }),
        };
      }),
    })),
  };
}

export function vscodeCss() {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-css-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    properties: elements.flatMap((el) =>
      (el.cssProperties ?? []).map((p) => ({ name: p.name, description: `${oneLine(p.description)}${p.default ? ` Default: ${p.default}` : ''}` })),
    ),
    pseudoElements: elements.flatMap((el) =>
      (el.cssParts ?? []).map((p) => ({ name: `::part(${p.name})`, description: `<${el.tagName}>: ${oneLine(p.description)}` })),
    ),
  };
}

export function webTypes() {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'js-types-syntax': 'typescript',
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tagName,
          description: elementDoc(el, { withAll: false }),
          attributes: (el.attributes ?? []).map((a) => {
            const value = attributeValue(a);
            return {
              name: a.name,
              ...described(a.description),
              value: value.flag
                ? { kind: 'plain', type: 'boolean', required: false }
                : value.values
                  ? { kind: 'plain', type: 'enum', required: true }
                  : { kind: 'plain', type: value.type, required: true },
              ...(value.values && { values: value.values.map((name) => ({ name })) }),
            };
          }),
          ...(el.slots?.length && { slots: el.slots.map((s) => ({ name: s.name, ...described(s.description) })) }),
          js: {
            properties: publicFields(el).map((f) => ({
              name: f.name,
              ...described(f.description),
              ...(f.type && { type: f.type.text }),
              ...(f.readonly && { 'read-only': true }),
            })),
            events: (el.events ?? []).map((e) => ({ name: e.name, ...described(e.description) })),
          },
          css: {
            properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, ...described(p.description) })),
            parts: (el.cssParts ?? []).map((p) => ({ name: p.name, ...described(p.description) })),
          },
        })),
      },
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await mkdir(new URL('dist/', ROOT), { recursive: true });
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(new URL(FILES.vscodeHtml, ROOT), json(vscodeHtml()));
  await writeFile(new URL(FILES.vscodeCss, ROOT), json(vscodeCss()));
  await writeFile(new URL(FILES.webTypes, ROOT), json(webTypes()));
  console.log(`editor data for ${elements.map((e) => `<${e.tagName}>`).join(', ')}: ${Object.values(FILES).join(', ')}`);
}
