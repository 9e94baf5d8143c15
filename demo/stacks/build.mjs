/**
 * The uni-app (Vue 3) and Taro (React 18) H5 apps of demo/stacks/, each with its own toolchain
 * and lockfile, kept out of the repository's own install: only whoever runs them pays for them
 * (test/node/demo-stacks.test.mjs, or a person running this file).
 *
 *   node demo/stacks/build.mjs     install what is missing, then build both apps with this
 *                                  checkout's haochaping (run `npm run build` first); `npm start`
 *                                  then serves them at /uni-app/ and /taro/pages/index/index.html
 *
 * For each app:
 * 1. Its node_modules/ is a link into a cache outside the checkout (`~/.cache/haochaping/stacks/`,
 *    or `HCP_STACKS_CACHE`), one folder per app and lockfile hash, filled by `npm ci` the first
 *    time that lockfile is seen; so a fresh clone (CI) reuses it, and only a changed lockfile
 *    installs again (the folders of older lockfiles are removed). Install scripts are not run:
 *    nothing needs them, and @tarojs/cli's postinstall contacts hosts outside the npm registry.
 * 2. haochaping itself as a user gets it: this checkout packed with `npm pack` and unpacked into
 *    node_modules/haochaping (its dependencies are in the app's lockfile).
 * 3. The app's own build command (`uni build`, `taro build --type h5`).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from '../../test/support/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));

/** Each app: its folder, its build command (an npm script) and where the build lands. */
export const STACKS = {
  'uni-app': { dir: join(HERE, 'uni-app'), script: 'build:h5', out: join(HERE, 'uni-app', 'dist', 'build', 'h5') },
  taro: { dir: join(HERE, 'taro'), script: 'build:h5', out: join(HERE, 'taro', 'dist') },
};

const STAMP = '.haochaping-lockfile-hash';
const npm = (args, cwd, timeout = 600_000) => run('npm', args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024 });
const lockHash = (dir) => createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex');

/** Fails with the command's output. */
function check(what, { code, stdout, stderr }) {
  if (code !== 0) throw new Error(`${what} failed (${code}):\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
}

/** Where installs are kept between runs and checkouts. */
export const CACHE = process.env.HCP_STACKS_CACHE ?? join(homedir(), '.cache', 'haochaping', 'stacks');

/**
 * Links the app's node_modules/ to the cached install of its lockfile, running `npm ci` there
 * first when there is none; `{ installed, ms, packages, mb }` (`installed`: `npm ci` ran now).
 */
export async function install(name) {
  const { dir } = STACKS[name];
  const hash = lockHash(dir);
  const home = join(CACHE, `${name}-${hash.slice(0, 16)}`);
  const modules = join(home, 'node_modules');
  const stamp = join(modules, STAMP);
  let installed = false;
  const started = Date.now();
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(dir, file), join(home, file));
    check(`npm ci for demo/stacks/${name} (in ${home})`, await npm(['ci', '--no-audit', '--no-fund', '--ignore-scripts'], home));
    writeFileSync(stamp, hash);
    installed = true;
  }
  // Older lockfiles' installs of this app go.
  for (const entry of readdirSync(CACHE)) if (entry.startsWith(`${name}-`) && join(CACHE, entry) !== home) rmSync(join(CACHE, entry), { recursive: true, force: true });
  const link = join(dir, 'node_modules');
  const current = lstatSync(link, { throwIfNoEntry: false });
  if (!current?.isSymbolicLink() || readlinkSync(link) !== modules) {
    rmSync(link, { recursive: true, force: true });
    symlinkSync(modules, link, 'dir');
  }
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/')).length;
  const { stdout } = await run('du', ['-sm', modules]);
  return { installed, ms: Date.now() - started, packages, mb: Number.parseInt(stdout, 10) };
}

/** This checkout as a package (needs `npm run build`): the path of the tarball in a temporary folder. */
export async function pack() {
  const dest = mkdtempSync(join(tmpdir(), 'hcp-pack-'));
  check('npm pack', await npm(['pack', '--ignore-scripts', '--pack-destination', dest], ROOT, 120_000));
  const [tarball] = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  return join(dest, tarball);
}

/** The tarball unpacked as node_modules/haochaping of the app, replacing an earlier one. */
export async function unpackInto(name, tarball) {
  const target = join(STACKS[name].dir, 'node_modules', 'haochaping');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  check(`unpacking haochaping into demo/stacks/${name}`, await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']));
}

/** The app's production build, from scratch; `{ ms }`. */
export async function build(name) {
  const { dir, script, out } = STACKS[name];
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  check(`npm run ${script} in demo/stacks/${name}`, await npm(['run', script], dir, 300_000));
  return { ms: Date.now() - started };
}

/** Installs (when needed), packs once and builds both apps; timings per app. */
export async function prepareStacks() {
  const names = Object.keys(STACKS);
  // One install after the other: on two cores two at once took longer than both in turn.
  const installs = {};
  for (const name of names) installs[name] = await install(name);
  const tarball = await pack();
  try {
    await Promise.all(names.map((name) => unpackInto(name, tarball)));
  } finally {
    rmSync(join(tarball, '..'), { recursive: true, force: true });
  }
  const builds = {};
  await Promise.all(names.map(async (name) => (builds[name] = await build(name))));
  return Object.fromEntries(names.map((name) => [name, { install: installs[name], build: builds[name] }]));
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (runDirectly) {
  for (const [name, { install: i, build: b }] of Object.entries(await prepareStacks())) {
    console.log(`demo/stacks/${name}: ${i.packages} packages, ${i.mb} MB${i.installed ? `, installed in ${(i.ms / 1000).toFixed(0)} s` : ''}; built in ${(b.ms / 1000).toFixed(0)} s`);
  }
}
