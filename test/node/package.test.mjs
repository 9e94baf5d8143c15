// The published surface: the exports map and the files a user installs. What the manifest
// (custom-elements.json) must document is checked in manifest.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { run } from '../support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url)));

/** Every path in an exports value: a string, or condition objects (possibly nested) of them; `null` blocks a path. */
const targets = (value) => (value === null ? [] : typeof value === 'string' ? [value] : Object.values(value).flatMap(targets));

test('every exported path exists after the build', async () => {
  for (const [entry, value] of Object.entries(pkg.exports)) assert.ok(targets(value).length > 0, `exports["${entry}"] names no file`);
  const exported = Object.values(pkg.exports).flatMap(targets);
  for (const target of exported) assert.match(target, /^\.\//, `exports target ${target} must start with ./`);
  // Pattern exports (./locales/*) are checked for each language below.
  for (const target of [...exported.filter((t) => !t.includes('*')), pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements]) {
    const info = await stat(new URL(`../../${target}`, import.meta.url)).catch(() => undefined);
    assert.ok(info?.isFile(), `${target} does not exist (run \`npm run build\` first)`);
  }
});

test('the ESM entry registers the element, so it is marked as having side effects', () => {
  assert.ok(pkg.sideEffects.includes('./dist/haochaping.js'));
  assert.equal(pkg.exports['.'].default, './dist/haochaping.js');
});

test('the ESM entry imports in Node (Lit server build) without throwing, for SSR and tests', async () => {
  const sdk = await import('haochaping');
  assert.deepEqual(Object.keys(sdk).sort(), ['ConfigError', 'HcpRating', 'configure', 'flush', 'pending', 'version']);
  assert.equal(sdk.version, pkg.version);
});

test('npm pack ships dist, bin, the manifest, READMEs, LICENSE and CHANGELOG — and no tests, demo or database', async () => {
  const { code, stdout, stderr } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  assert.equal(code, 0, stderr);
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const wanted of ['package.json', 'LICENSE', 'README.md', 'README.zh-CN.md', 'CHANGELOG.md', 'custom-elements.json', 'bin/haochaping-check.mjs',
    'dist/haochaping.js', 'dist/haochaping.min.js', 'dist/schema.js', 'dist/react.js', 'dist/types/index.d.ts', 'dist/types/schema/index.d.ts', 'dist/types/react.d.ts',
    'dist/evaluation.schema.json', 'dist/gov-cn.schema.json', 'dist/integrity.json', 'dist/haochaping.esm.min.js']) {
    assert.ok(files.includes(wanted), `${wanted} is not in the package`);
  }
  const unwanted = files.filter((f) => /^(test|demo|src|scripts|node_modules|\.ci)\//.test(f) || /\.(sqlite|sqlite-wal|sqlite-shm|db|log|tgz)$/.test(f) || /(^|\/)\./.test(f));
  assert.deepEqual(unwanted, [], 'files that must not be published');
  // Source maps must not point at files the package does not have: they carry their sources.
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const { sources, sourcesContent = [] } = JSON.parse(await readFile(new URL(`../../${map}`, import.meta.url), 'utf8'));
    sources.forEach((source, i) => assert.ok(typeof sourcesContent[i] === 'string', `${map}: ${source} has no inline source`));
  }
});

test('the JSON Schemas for gateways are exported by name and resolve from the package', async () => {
  assert.equal(pkg.exports['./evaluation.schema.json'], './dist/evaluation.schema.json');
  assert.equal(pkg.exports['./gov-cn.schema.json'], './dist/gov-cn.schema.json');
  for (const name of ['evaluation.schema.json', 'gov-cn.schema.json']) {
    const { default: schema } = await import(`haochaping/${name}`, { with: { type: 'json' } });
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
  }
});

test('the integrity manifest is exported and names the self-contained files', async () => {
  assert.equal(pkg.exports['./integrity.json'], './dist/integrity.json');
  const { default: manifest } = await import('haochaping/integrity.json', { with: { type: 'json' } });
  assert.equal(manifest.version, pkg.version);
  assert.deepEqual(Object.keys(manifest.files), ['haochaping.min.js', 'haochaping.esm.min.js']);
});

test('installing haochaping for the browser pulls in no database driver: the collector’s drivers are optional peers', () => {
  for (const driver of ['better-sqlite3', 'pg']) {
    assert.equal(pkg.dependencies?.[driver], undefined, `${driver} is not a dependency`);
    assert.equal(pkg.optionalDependencies?.[driver], undefined, `${driver} is not an optional dependency (npm installs those)`);
    assert.ok(pkg.peerDependencies?.[driver], `${driver} is a peer dependency of the collector`);
    assert.equal(pkg.peerDependenciesMeta?.[driver]?.optional, true, `${driver} is an optional peer (npm does not install it)`);
  }
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['@lit/react', 'idb-keyval', 'lit', 'zod']);
});

test('React is an optional peer (haochaping/react-component uses the app’s React, 18 or 19), never a dependency', () => {
  assert.equal(pkg.dependencies.react, undefined);
  assert.equal(pkg.peerDependencies.react, '^18.0.0 || ^19.0.0');
  assert.equal(pkg.peerDependenciesMeta.react?.optional, true);
});

test('haochaping/react-component: HcpRating made with @lit/react, React and @lit/react left to the app, one registration', async () => {
  assert.deepEqual(pkg.exports['./react-component'], { types: './dist/types/react-component.d.ts', default: './dist/react-component.js' });
  assert.ok(pkg.sideEffects.includes('./dist/react-component.js'), 'it registers on import, so a bundler must keep it');
  const code = await readFile(ROOT + 'dist/react-component.js', 'utf8');
  assert.match(code, /from 'react'/);
  assert.match(code, /from '@lit\/react'/);
  assert.match(code, /from '\.\/haochaping\.js'/, 'it re-exports the entry (one registration, no second copy)');
  assert.doesNotMatch(code, /forwardRef\(|useLayoutEffect\(/, 'neither React nor @lit/react is bundled into it');
  const sdk = await import('haochaping/react-component');
  const { HcpRating } = await import('haochaping');
  assert.equal(sdk.HcpRatingElement, HcpRating, 'the element class is the one haochaping registers');
  assert.notEqual(sdk.HcpRating, HcpRating, 'HcpRating is the React component here');
  assert.equal(sdk.HcpRating.displayName, 'HcpRating');
  assert.equal(sdk.HcpRating.$$typeof, Symbol.for('react.forward_ref'), 'a React forwardRef component');
  assert.deepEqual(Object.keys(sdk).sort(), ['ConfigError', 'HcpRating', 'HcpRatingElement', 'configure', 'flush', 'pending', 'version']);
});

test('the script-tag bundle and the npm entry carry neither React nor @lit/react', async () => {
  for (const file of ['dist/haochaping.min.js', 'dist/haochaping.esm.min.js', 'dist/haochaping.js']) {
    const code = await readFile(ROOT + file, 'utf8');
    assert.doesNotMatch(code, /suppressHydrationWarning|react\.forward_ref|@lit\/react/, file);
  }
});

test('a bare `import \'haochaping\'` (and each registering entry) keeps the registration through a bundler that honours "sideEffects"', async () => {
  const esbuild = await import('esbuild');
  for (const entry of ['haochaping', 'haochaping/react', 'haochaping/react-component', 'haochaping/vue', 'haochaping/svelte', 'haochaping/preact']) {
    const result = await esbuild.build({
      stdin: { contents: `import '${entry}';`, resolveDir: ROOT },
      bundle: true,
      write: false,
      format: 'esm',
      external: ['lit', 'lit/*', 'idb-keyval', 'react', '@lit/react'],
      logLevel: 'silent',
    });
    assert.match(result.outputFiles[0].text, /customElements\.define\("hcp-rating"/, `${entry}: the registration was shaken out`);
  }
});

test("the browser entries never import zod: it is haochaping/schema's, for servers", async () => {
  const seen = new Set();
  const walk = async (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    for (const [, spec] of code.matchAll(/(?:^|[;\n])\s*(?:import|export)\s[^'"]*?['"]([^'"]+)['"]/g)) {
      assert.doesNotMatch(spec, /^zod(\/|$)/, `${file.slice(ROOT.length)} imports ${spec}`);
      if (spec.startsWith('.')) await walk(fileURLToPath(new URL(spec, `file://${file}`)));
    }
  };
  for (const entry of ['dist/haochaping.js', 'dist/react.js', 'dist/locales/en.js', 'dist/locales/zh-TW.js']) await walk(ROOT + entry);
  assert.ok(seen.size > 3, 'the walk followed the chunks');
  const schema = await readFile(ROOT + 'dist/schema.js', 'utf8');
  assert.match(schema, /from ['"]zod\/mini['"]/, 'the server entry does use zod (the check above can see an import)');
});

test('the other languages are imports of their own: haochaping/locales/zh-TW and /en', async () => {
  for (const locale of ['zh-TW', 'en']) {
    assert.deepEqual(targets(pkg.exports['./locales/*']).map((t) => t.replace('*', locale)), [`./dist/types/i18n/${locale}.d.ts`, `./dist/locales/${locale}.js`]);
    for (const target of targets(pkg.exports['./locales/*'])) {
      assert.ok((await stat(ROOT + target.replace('*', locale)).catch(() => undefined))?.isFile(), `${target} for ${locale}`);
    }
    await import(`haochaping/locales/${locale}`);
  }
  assert.ok(pkg.sideEffects.includes('./dist/locales/*.js'), 'they register on import, so a bundler must keep them');
});

test('the editor data is in the package: VS Code custom data and web-types (named by package.json "web-types")', async () => {
  const { code, stdout, stderr } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  assert.equal(code, 0, stderr);
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  assert.equal(pkg['web-types'], './dist/web-types.json');
  for (const wanted of ['dist/vscode.html-custom-data.json', 'dist/vscode.css-custom-data.json', pkg['web-types'].replace(/^\.\//, '')]) {
    assert.ok(files.includes(wanted), `${wanted} is not in the package (run \`npm run build\` first)`);
  }
});

test('haochaping/vue, haochaping/svelte and haochaping/preact register the element like haochaping/react and ship their typings', async () => {
  const { code, stdout, stderr } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  assert.equal(code, 0, stderr);
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const name of ['vue', 'svelte', 'preact']) {
    assert.deepEqual(pkg.exports[`./${name}`], { types: `./dist/types/${name}.d.ts`, default: `./dist/${name}.js` });
    for (const file of [`dist/${name}.js`, `dist/types/${name}.d.ts`]) assert.ok(files.includes(file), `${file} is not in the package`);
    assert.ok(pkg.sideEffects.includes(`./dist/${name}.js`), `${name}: it registers on import, so a bundler must keep it`);
    const sdk = await import(`haochaping/${name}`);
    assert.deepEqual(Object.keys(sdk).sort(), ['ConfigError', 'HcpRating', 'configure', 'flush', 'pending', 'version']);
    const code = await readFile(ROOT + `dist/${name}.js`, 'utf8');
    assert.match(code, /from '\.\/haochaping\.js'/, `${name} re-exports the entry (one registration, no second copy)`);
    assert.doesNotMatch(code, /zod/);
  }
});
