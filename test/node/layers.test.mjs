// The SDK's modules in layers (README, “Development”): data flows one way, element → payload →
// outbox → endpoint, and a module imports only from its own layer or below. No import cycles.
// Type-only imports count too: a type from above is a dependency on it all the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lowest first. A file takes the layer of the longest prefix that names it. */
const LAYERS = [
  ['platform: what the oldest engine of the floor lacks, written once (DOM-free)', ['src/floor.ts']],
  ['schema: the vocabulary, payload and catalog rules; for servers too', ['src/schema/']],
  ['foundations: strings, the payload, theme, nonces', ['src/i18n/messages.ts', 'src/i18n/zh-TW.ts', 'src/i18n/en.ts', 'src/payload/', 'src/theme.ts', 'src/style-nonce.ts', 'src/version.ts', 'src/page-event.ts']],
  ['delivery and data: the outbox, catalog loading', ['src/outbox/', 'src/catalog/']],
  ['configuration: the table, page defaults, language rule, event types', ['src/config/', 'src/defaults.ts', 'src/script-config.ts', 'src/i18n/lang.ts', 'src/events.ts']],
  ['UI: the element and the launcher', ['src/rating/', 'src/launcher/']],
  ['entries', ['src/index.ts', 'src/auto.ts', 'src/standalone.ts', 'src/react.ts', 'src/react-component.ts', 'src/vue.ts', 'src/svelte.ts', 'src/preact.ts', 'src/script-tag.ts']],
];

const files = (dir) => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const SOURCES = files('src');

function layerOf(file) {
  let best;
  LAYERS.forEach(([, prefixes], i) => {
    for (const p of prefixes) if (file === p || (p.endsWith('/') && file.startsWith(p))) if (!best || p.length > best.length) best = { p, i };
  });
  return best?.i;
}

/** Local imports of `file` (static `import`/`export … from`, type-only included), as repository paths. */
function importsOf(file) {
  const code = readFileSync(join(ROOT, file), 'utf8');
  return [...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm)].map((m) => normalize(join(dirname(file), m[1] ?? m[2])).replace(/\.js$/, '.ts'));
}

const graph = new Map(SOURCES.map((f) => [f, importsOf(f)]));

test('every source file has a layer', () => {
  assert.deepEqual(SOURCES.filter((f) => layerOf(f) === undefined), []);
});

test('no module imports from a layer above its own', () => {
  const wrong = [];
  for (const [file, imports] of graph) {
    for (const target of imports) if (layerOf(target) > layerOf(file)) wrong.push(`${file} (${LAYERS[layerOf(file)][0].split(':')[0]}) imports ${target} (${LAYERS[layerOf(target)][0].split(':')[0]})`);
  }
  assert.deepEqual(wrong, []);
});

test('src/schema imports nothing outside itself but the platform layer (it is what servers import)', () => {
  const outside = [...graph].filter(([f]) => f.startsWith('src/schema/')).flatMap(([f, imports]) => imports.filter((t) => !t.startsWith('src/schema/') && t !== 'src/floor.ts').map((t) => `${f} → ${t}`));
  assert.deepEqual(outside, []);
});

test('no import cycles', () => {
  const cycles = [];
  const state = new Map();
  const visit = (file, path) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of SOURCES) visit(file, []);
  assert.deepEqual(cycles, []);
});

test('the imports seen are real files (the parser above finds them)', () => {
  const missing = [...graph].flatMap(([f, imports]) => imports.filter((t) => !graph.has(t)).map((t) => `${f} → ${t}`));
  assert.deepEqual(missing, []);
  assert.ok([...graph.values()].flat().length > 50);
});
