// The script-tag bundle swaps zod/mini for src/schema/zod-lite.ts (rollup.config.mjs). Both
// builds of the browser's validation code must give identical results for the same inputs:
// config errors (wording, attribute, order), normalised configs, and catalog issues and data.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
let zod;
let lite;

async function bundle(dir, name, alias) {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    stdin: {
      contents: "export { parseConfig } from './src/schema/config.ts'; export { catalogSchema } from './src/schema/catalog.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
    plugins: alias
      ? [{ name: 'zod-lite', setup: (b) => b.onResolve({ filter: /^zod\/mini$/ }, () => ({ path: join(root, 'src/schema/zod-lite.ts') })) }]
      : // zod stays an import, as the absolute URL Node resolves it to from here: the bundle then
        // runs from a temporary folder, outside the repository and its node_modules.
        [{ name: 'external-zod', setup: (b) => b.onResolve({ filter: /^zod/ }, (a) => ({ path: import.meta.resolve(a.path), external: true })) }],
  });
  return import(pathToFileURL(outfile).href);
}

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hcp-zod-lite-'));
  try {
    zod = await bundle(dir, 'zod', false);
    lite = await bundle(dir, 'lite', true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const transport = async () => ({ status: 200 });
const guangdong = JSON.parse(await readFile(join(root, 'test/fixtures/catalog-guangdong.json'), 'utf8'));
const invalid = JSON.parse(await readFile(join(root, 'test/fixtures/catalog-invalid.json'), 'utf8'));

const CATALOGS = [
  guangdong,
  invalid,
  { version: 'v1', tags: [{ code: 'N01', label: '差', verdict: 'meh' }] },
  { version: ' v1 ', tags: [{ code: 'N01', label: '  服务态度差  ', verdict: 'bad', extra: 1 }], more: true },
  { version: 'v1', tags: [{ code: 'N01', label: { 'zh-CN': '差', en: 'Bad' }, verdict: 'bad' }] },
  { version: 'v1', tags: [{ code: 'N01', label: {}, verdict: 'bad' }] },
  { version: 'v1', tags: [{ code: 'N01', label: '', verdict: 'bad' }] },
  { version: 'v1', tags: [{ code: 'N01', label: 5, verdict: 'bad' }] },
  { version: 'v1', tags: [{ code: 'N01', label: { en: '' }, verdict: 'bad' }] },
  { version: 'v1', tags: [{ code: 'bad code!', label: 'x', verdict: 'good' }, { code: 'bad code!', label: 'y', verdict: 'good' }] },
  { version: 'v1', tags: [{ code: 'A', label: 'x', verdict: 'good' }, { code: 'A', label: 'y', verdict: 'good' }] },
  { version: 'v1', tags: [] },
  { version: '', tags: [{ code: 'A', label: 'x', verdict: 'good' }] },
  { version: 'x'.repeat(65), tags: Array.from({ length: 101 }, (_, i) => ({ code: `C${i}`, label: 'l'.repeat(i), verdict: 'good' })) },
  { tags: 'none' },
  [],
  null,
  'catalog',
  42,
  new Date(0),
];

const FIELDS = {
  endpoint: [undefined, '/api', 'https://zwfw.example.gov.cn/api', 'http://localhost:8080/x', 'http://example.gov.cn/api', '//example.gov.cn', 'javascript:alert(1)', 'data:text/plain,x', 'https://', 'ht tp://x', 42, ''],
  scale: [undefined, 'five-level', 'good-bad', 'stars', 3, ''],
  format: [undefined, 'canonical', 'gov-cn', 'xml'],
  mode: [undefined, 'inline', 'kiosk', 'popup'],
  channel: [undefined, 'pc', 'hall-pad', 'wechat', 1],
  projectNo: [undefined, 'BJ-2024-1', '9'.repeat(65), 12, '  padded  '],
  taskName: [undefined, '不动产登记', 'x'.repeat(201)],
  evaluatorToken: [undefined, 't'.repeat(2049), {}],
  tags: [undefined, ...CATALOGS.slice(0, 6), '{version:1', '{"version":"v2","tags":[{"code":"X","label":"x","verdict":"bad"}]}', '[]'],
  tagsSrc: [undefined, '/hcp/tags.json', 'ftp://x/tags.json', '//cdn/x.json'],
  maxComment: [undefined, '200', 200, '0', 0, -5, 'many', ' 12 ', 5001, 1.5, NaN, true],
  resetAfter: [undefined, '8', 3601, 'x'],
  reasonOptional: [undefined, '', 'true', 'false', true, false, 0],
  elder: [undefined, '', true, 'yes'],
  headers: [undefined, { 'X-App': 'a' }, { 'X-Key': 1 }, 'x', [], null],
  messages: [undefined, { submit: '交' }, { submit: 42 }, { submit: { en: 'Go', 'zh-CN': 5 } }, 7],
  transport: [undefined, transport, 'fetch', 0],
};

/** Every value of every field once, then many mixed configurations from a fixed seed. */
function* configs() {
  for (const [field, values] of Object.entries(FIELDS)) {
    for (const value of values) {
      yield { endpoint: '/api', [field]: value };
      yield { [field]: value };
    }
  }
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 3000; i++) {
    const raw = random() < 0.8 ? { endpoint: '/api' } : {};
    for (const [field, values] of Object.entries(FIELDS)) {
      if (random() < 0.2) raw[field] = values[Math.floor(random() * values.length)];
    }
    yield raw;
  }
}

const plain = (result) => (result.success ? { data: result.data } : { issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })) });

test('parseConfig gives the same config or the same issues with zod-lite as with zod', () => {
  let compared = 0;
  let failures = 0;
  for (const raw of configs()) {
    const expected = zod.parseConfig(structuredCloneish(raw));
    const actual = lite.parseConfig(structuredCloneish(raw));
    assert.deepEqual(actual, expected, `input: ${JSON.stringify(raw)}`);
    compared++;
    if (!expected.ok) failures++;
  }
  // The corpus exercises both outcomes in volume, so the comparison means something.
  assert.ok(compared > 3000 && failures > 500 && compared - failures > 100, `${compared} compared, ${failures} with issues`);
});

test('catalogSchema gives the same data or the same issues with zod-lite as with zod', () => {
  for (const catalog of CATALOGS) {
    assert.deepEqual(plain(lite.catalogSchema.safeParse(catalog)), plain(zod.catalogSchema.safeParse(catalog)), JSON.stringify(catalog));
  }
});


/** A fresh copy per build (parse may trim strings in place), keeping functions and Dates. */
function structuredCloneish(value) {
  if (Array.isArray(value)) return value.map(structuredCloneish);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneish(v)]));
  }
  return value;
}
