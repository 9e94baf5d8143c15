/**
 * Writes the generated blocks of README.md, so the README cannot drift from the build:
 *   - the API reference tables (between `<!-- api:start -->` and `<!-- api:end -->`) from
 *     custom-elements.json (the JSDoc);
 *   - the CDN snippets with Subresource Integrity (between `<!-- sri:start -->` and
 *     `<!-- sri:end -->`) from dist/integrity.json, which changes whenever the bundle does.
 *
 *   npm run docs              rewrite the blocks (after `npm run build`)
 *
 * test/node/docs.test.mjs fails when README.md is stale: it compares each block with a fresh rendering.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../', import.meta.url);

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

/** The sentence introducing the ES-module snippet, per README. */
const ESM_INTRO = {
  en: [
    'The self-contained ES module (`haochaping.esm.min.js`: the npm entry with all three languages,',
    'for `<script type="module">` without a bundler; settings as element attributes or `configure()`):',
  ],
  'zh-CN': [
    '自包含的 ES 模块（`haochaping.esm.min.js`：npm 入口加三种语言，供不用打包工具的',
    '`<script type="module">` 使用；设置写作元素属性或调用 `configure()`）：',
  ],
};

/** The CDN snippets, with this build's integrity values (dist/integrity.json, written by scripts/integrity.mjs); `lang` picks the README. */
export async function sriMarkdown(lang = 'en') {
  const { version, files } = JSON.parse(await readFile(new URL('dist/integrity.json', ROOT), 'utf8'));
  const cdn = `https://cdn.example.gov.cn/haochaping/${version}`;
  return [
    '<!-- Generated from dist/integrity.json by `npm run docs` (after `npm run build`): the values change with every change to the bundles. -->',
    '',
    '```html',
    '<script',
    `  src="${cdn}/haochaping.min.js"`,
    `  integrity="${files['haochaping.min.js'].integrity}"`,
    '  crossorigin="anonymous"',
    '  defer',
    '  data-endpoint="https://zwfw.example.gov.cn/api/evaluations"',
    '  data-area-code="440300"></script>',
    '```',
    '',
    ...ESM_INTRO[lang],
    '',
    '```html',
    `<script type="module" src="${cdn}/haochaping.esm.min.js"`,
    `  integrity="${files['haochaping.esm.min.js'].integrity}" crossorigin="anonymous"></script>`,
    '```',
  ].join('\n');
}

/** README text with the block between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
export function replaceBlock(readme, name, content) {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}

/** The text between the markers of a block (without the newlines replaceBlock adds). */
export function readBlock(readme, name) {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}`);
  return readme.slice(from + start.length + 1, to - 1);
}

/** README.md text with every generated block replaced. */
export async function renderReadme(readme) {
  return replaceBlock(replaceBlock(readme, 'api', await apiMarkdown()), 'sri', await sriMarkdown());
}

/** README.zh-CN.md text with its generated block (the CDN snippets) replaced. */
export async function renderChineseReadme(readme) {
  return replaceBlock(readme, 'sri', await sriMarkdown('zh-CN'));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  for (const [name, render] of [['README.md', renderReadme], ['README.zh-CN.md', renderChineseReadme]]) {
    const file = new URL(name, ROOT);
    const readme = await readFile(file, 'utf8');
    const fresh = await render(readme);
    if (fresh !== readme) await writeFile(file, fresh);
    console.log(`${name}: generated blocks ${fresh !== readme ? 'updated' : 'up to date'}.`);
  }
}
