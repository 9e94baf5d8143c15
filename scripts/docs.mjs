/**
 * Writes the API reference tables of README.md (between `<!-- api:start -->` and
 * `<!-- api:end -->`) from custom-elements.json, so the README cannot drift from the JSDoc.
 *
 *   npm run docs              rewrite the block (after `npm run build`)
 *
 * test/node/docs.test.mjs fails when README.md is stale: it compares renderReadme(README.md) with README.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';

const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
// Escaped once, by table(); attributes without a declared type (lang) are strings.
const type = (t) => `\`${(t?.text ?? 'string').replace(/\s*\|\s*undefined\b/g, '')}\``;
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/** The generated Markdown for the element's API. */
export async function apiMarkdown() {
  const manifest = JSON.parse(await readFile(new URL('custom-elements.json', ROOT), 'utf8'));
  const el = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating');
  const fields = el.members.filter((m) => m.kind === 'field' && m.privacy === undefined && !m.static);
  const byAttribute = new Map(fields.filter((f) => f.attribute).map((f) => [f.attribute, f]));
  const sections = [
    '<!-- Generated from custom-elements.json by `npm run docs`: edit src/config/options.ts (attributes, properties) or the JSDoc in src/rating/hcp-rating.ts, not this block. -->',
    '',
    '### Attributes',
    '',
    'Each attribute is also a property (camelCase), a page default through `data-*` on the script tag, and a key of `Haochaping.configure()`. Element attributes and properties win over page defaults.',
    '',
    table(
      ['Attribute', 'Property', 'Type', 'Description'],
      el.attributes.map((a) => {
        const field = byAttribute.get(a.name);
        return [`\`${a.name}\``, field ? `\`${field.name}\`` : '—', type(field?.type ?? a.type), a.description ?? field?.description];
      }),
    ),
    '',
    '### Properties without an attribute',
    '',
    table(
      ['Property', 'Type', 'Description'],
      fields.filter((f) => !f.attribute).map((f) => [`\`${f.name}\``, type(f.type), f.description]),
    ),
    '',
    '### Events',
    '',
    'All bubble and are composed (they cross the shadow boundary), so a listener on `window` hears them. Typed in `HTMLElementEventMap`.',
    '',
    table(['Event', 'Description'], el.events.map((e) => [`\`${e.name}\``, e.description])),
    '',
    '### Slots',
    '',
    table(['Slot', 'Description'], (el.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description])),
    '',
    '### CSS parts',
    '',
    'Style the inside of the widget with `hcp-rating::part(name)`.',
    '',
    table(['Part', 'Description'], (el.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description])),
    '',
    '### CSS custom properties',
    '',
    table(['Property', 'Default', 'Description'], (el.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.default ? `\`${p.default}\`` : '', p.description])),
  ];
  return sections.join('\n');
}

/** README text with the block replaced. */
export async function renderReadme(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${await apiMarkdown()}\n${readme.slice(end)}`;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const file = new URL('README.md', ROOT);
  const readme = await readFile(file, 'utf8');
  const fresh = await renderReadme(readme);
  if (fresh !== readme) {
    await writeFile(file, fresh);
    console.log('README.md API tables updated.');
  } else {
    console.log('README.md API tables are up to date.');
  }
}
