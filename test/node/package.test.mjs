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

test('npm pack ships dist, bin, the manifest, READMEs, LICENSE and CHANGELOG — and no tests, demo or database', async () => {
  const { execFile } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const stdout = await new Promise((resolve, reject) =>
    execFile('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }, (error, out) => (error ? reject(error) : resolve(out))),
  );
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const wanted of ['package.json', 'LICENSE', 'README.md', 'README.zh-CN.md', 'CHANGELOG.md', 'custom-elements.json', 'bin/haochaping-check.mjs',
    'dist/haochaping.js', 'dist/haochaping.min.js', 'dist/schema.js', 'dist/react.js', 'dist/types/index.d.ts', 'dist/types/schema/index.d.ts', 'dist/types/react.d.ts']) {
    assert.ok(files.includes(wanted), `${wanted} is not in the package`);
  }
  const unwanted = files.filter((f) => /^(test|demo|src|scripts|node_modules|\.ci)\//.test(f) || /\.(sqlite|sqlite-wal|sqlite-shm|db|log|tgz)$/.test(f) || /(^|\/)\./.test(f));
  assert.deepEqual(unwanted, [], 'files that must not be published');
  // Source maps must not point at files the package does not have: they carry their sources.
  const { readFile: read } = await import('node:fs/promises');
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const { sources, sourcesContent = [] } = JSON.parse(await read(new URL(`../../${map}`, import.meta.url), 'utf8'));
    sources.forEach((source, i) => assert.ok(typeof sourcesContent[i] === 'string', `${map}: ${source} has no inline source`));
  }
});
