#!/usr/bin/env node
/**
 * The static compat gate: does what ships use anything an engine of the promise lacks?
 *
 * The promise is package.json `browserslist` (README: Chrome/Edge ≥ 90, Firefox ≥ 115 ESR,
 * Safari/iOS ≥ 15, Android WebView ≥ 90). Features an engine of it lacks are allowed only when
 * test/support/baseline-gaps.js lists them (`compat` names for JavaScript, `css` doiuse ids):
 * the code feature-detects them and the baseline profile proves the fallback. Anything else
 * fails, with the file, line, feature and the engines that lack it.
 *
 *   node scripts/compat.mjs            exit 1 on problems (run `npm run build` first)
 *   node scripts/compat.mjs --verbose  also list every allowed use
 *
 * What is checked, and with what:
 *
 * 1. JavaScript APIs in the built browser files (dist/haochaping.min.js, the script-tag IIFE;
 *    dist/haochaping.esm.min.js; dist/haochaping.js, dist/react.js (vue.js, svelte.js, preact.js) and every dist/ chunk they
 *    import — lit, zod and idb-keyval stay external there and are checked inside the two
 *    self-contained bundles): eslint-plugin-compat's `compat/compat` with `lintAllEsApis`.
 *    `ignoreConditionalChecks` is on: the plugin otherwise skips every use that has an `if`
 *    anywhere above it, and minified code turns most guards into `&&`/`?:` anyway, so what gets
 *    through must be in the allow-list, guarded or not. dist/schema.js (and a chunk only it
 *    imports) is `haochaping/schema`, for Node servers only (README): not checked.
 *    With it, hcp/globals: every reference to a global (ESLint's scope analysis, so a local of the
 *    same name does not count) and its static members (`Object.hasOwn`, `navigator.locks`,
 *    `Element.prototype.checkVisibility`), looked up in BCD. It exists because the plugin drops
 *    every finding on a name that also appears as a declarator's init or a property key — Lit's
 *    `const {is, defineProperty, …} = Object` hides every `Object.*` in the bundles from it.
 *    Allow-list names: the BCD id (`structuredClone`, `Object.hasOwn`, `Navigator.locks`).
 * 2. Regular-expression features (BCD `javascript.regular_expressions.*` and the RegExp flags),
 *    parsed with regexpp, in regex literals and `RegExp("…")` / `new RegExp("…", "…")` calls.
 *    eslint-plugin-compat knows only lookbehind, by substring. Allow-list names:
 *    `regular_expressions.<BCD key>` or `RegExp.<flag property>` (e.g. `RegExp.unicodeSets`).
 * 3. Syntax: esbuild lowers each file for the promise (its engines' oldest versions) with
 *    whitespace-only minification and compares with the output for `esnext`; any difference is
 *    syntax newer than an engine of the promise, named by esbuild's `supported` feature.
 *    Syntax esbuild cannot lower at all makes it throw: also a problem. Two of esbuild's
 *    verdicts are replaced by sharper checks (SYNTAX_ASSUMED): regex features (item 2), and
 *    optional chaining, which esbuild dates to Chrome 91 for one V8 defect that
 *    hcp/v8-optional-call-spread finds by its exact pattern (allow-list name: `v8-optional-call-spread`).
 * 4. Methods and properties read on instances (`dialog.showModal()`, `el.checkVisibility()`,
 *    `arr.at(-1)`), which eslint-plugin-compat cannot see: the TypeScript sources under src/ are
 *    type-checked and every member that resolves to a declaration in TypeScript's own lib files
 *    is looked up in @mdn/browser-compat-data (`api.<Interface>.<member>`,
 *    `javascript.builtins.<Object>.<member>`). Allow-list names: `<Interface>.<member>`, or the
 *    interface alone.
 * 5. CSS: every css`…` template in src/**\/*.ts, through doiuse (postcss) with the promise.
 *    Partial support only (caniuse "a") on a declaration is resolved with BCD's per-value data:
 *    when the property and each keyword used have full support in every engine of the promise
 *    (`text-indent: 0`, `overflow: hidden`), it is printed as a note, not a problem.
 *
 * Compat data: eslint-plugin-compat's own @mdn/browser-compat-data (the copy at the top of
 * node_modules is an older one, pulled in by @web/dev-server-esbuild) and caniuse-lite.
 * browserslist resolves `android >= 90` to the current Android WebView only (caniuse tracks no
 * older ones): WebView 90 is Chromium 90, covered by `chrome >= 90`.
 */
import { ESLint } from 'eslint';
import compatPlugin from 'eslint-plugin-compat';
import { compareVersions, promiseOf } from './promise.mjs';
import { transform } from 'esbuild';
import postcss from 'postcss';
import doiuse from 'doiuse';
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GAPS_FILE = 'test/support/baseline-gaps.js';
export const FIX = `feature-detect it and add it to ${GAPS_FILE}, or avoid it`;

const require = createRequire(import.meta.url);
const pluginRequire = createRequire(require.resolve('eslint-plugin-compat'));
/** The compat data eslint-plugin-compat itself uses, so that every check agrees. */
const bcd = pluginRequire('@mdn/browser-compat-data');
const eslintRequire = createRequire(require.resolve('eslint'));
const { RegExpParser, visitRegExpAST } = eslintRequire('@eslint-community/regexpp');

/* ------------------------------------------------------------------ the promise */

export { promiseOf };

/**
 * Does a BCD `__compat` say the feature works, unflagged and unprefixed, in `browser` `version`?
 * `'partial'`: only as a partial implementation (like eslint-plugin-compat, not counted as lacking).
 */
function bcdSupports(compat, browser, version) {
  const entries = [].concat(compat?.support?.[browser] ?? []);
  if (!entries.length) return true; // no data: not ours to guess
  let partial = false;
  for (const e of entries) {
    if (e.flags || e.prefix || e.alternative_name) continue;
    const added = e.version_added;
    if (added !== true) {
      if (!added || added === 'preview') continue;
      if (compareVersions(version, String(added).replace('≤', '')) < 0) continue;
      const removed = e.version_removed;
      if (typeof removed === 'string' && compareVersions(version, removed.replace('≤', '')) >= 0) continue;
    }
    if (!e.partial_implementation) return true;
    partial = [].concat(e.notes ?? 'partial implementation').join(' ').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return partial ? { partial } : false;
}

/** The engines of the promise a BCD `__compat` says lack the feature (display labels). */
function bcdLacking(compat, promise) {
  return promise.engines.filter((e) => !bcdSupports(compat, e.bcd, e.version)).map((e) => e.label);
}

/** Engines of the promise with only a partial implementation, with BCD's note: ["Safari 15, iOS Safari 15.0: …"]. */
function bcdPartial(compat, promise) {
  const byNote = new Map();
  for (const e of promise.engines) {
    const s = bcdSupports(compat, e.bcd, e.version);
    if (s?.partial) byNote.set(s.partial, [...(byNote.get(s.partial) ?? []), e.label]);
  }
  return [...byNote].map(([note, labels]) => `${labels.join(', ')}: ${note}`);
}

/* ------------------------------------------------------------------ the allow-list */

/** `compat` and `css` names of test/support/baseline-gaps.js (or of the `gaps` given). */
export async function loadAllowList(gaps) {
  if (!gaps) gaps = (await import(pathToFileURL(join(ROOT, GAPS_FILE)).href)).gaps;
  return {
    compat: [...new Set(gaps.flatMap((g) => g.compat ?? []))],
    css: [...new Set(gaps.flatMap((g) => g.css ?? []))],
  };
}

const REGEXP_FEATURES = {
  lookbehind: ['regular_expressions.lookbehind_assertion', 'RegExp lookbehind (?<= / (?<!'],
  namedGroup: ['regular_expressions.named_capturing_group', 'RegExp named group (?<name>'],
  duplicateNames: ['regular_expressions.named_capturing_group.duplicate_named_capturing_groups', 'RegExp duplicate group names'],
  namedBackreference: ['regular_expressions.named_backreference', 'RegExp named backreference \\k<name>'],
  property: ['regular_expressions.unicode_character_class_escape', 'RegExp \\p{…} property escape'],
  modifier: ['regular_expressions.modifier', 'RegExp modifiers (?i:…)'],
  d: ['RegExp.hasIndices', 'RegExp flag d (hasIndices)'],
  s: ['RegExp.dotAll', 'RegExp flag s (dotAll)'],
  u: ['RegExp.unicode', 'RegExp flag u'],
  v: ['RegExp.unicodeSets', 'RegExp flag v (unicodeSets)'],
  y: ['RegExp.sticky', 'RegExp flag y (sticky)'],
};

function bcdAt(path) {
  let node = path.startsWith('regular_expressions.') ? bcd.javascript : path.startsWith('RegExp.') ? bcd.javascript.builtins : bcd;
  for (const part of path.split('.')) node = node?.[part];
  return node?.__compat;
}

/** Allow-list names that match nothing any check reports: typos, or entries for nothing. */
export function unknownAllowNames(allow) {
  const inferer = pluginRequire('ast-metadata-inferer');
  const pluginIds = new Set(inferer.map((e) => e.protoChainId));
  const regexIds = new Set(Object.values(REGEXP_FEATURES).map(([id]) => id));
  const known = (name) => {
    if (pluginIds.has(name) || regexIds.has(name)) return true;
    const [object, member, ...rest] = name.split('.');
    if (rest.length) return false;
    for (const tree of [bcd.api, bcd.javascript.builtins]) {
      if (member ? tree[object]?.[member]?.__compat : tree[object]?.__compat) return true;
    }
    return false;
  };
  const lite = createRequire(require.resolve('doiuse'))('caniuse-lite');
  return {
    compat: allow.compat.filter((n) => !known(n)),
    css: allow.css.filter((n) => !lite.features[n]),
  };
}

const allowsMember = (allowed, id) => allowed.has(id) || allowed.has(id.split('.')[0]);

/* ------------------------------------------------------------------ locations */

const maps = new Map();
/** `src/…:line:col` (or `node_modules/…`) for a 1-based line/column in a built file, via its source map. */
export function originOf(file, line, column) {
  if (!file) return undefined;
  if (!maps.has(file)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // no map: no origin
    }
    maps.set(file, map);
  }
  const entry = maps.get(file)?.findEntry(line - 1, Math.max(0, column - 1));
  // findEntry falls back to the nearest earlier mapping: only a mapping on the same line counts.
  if (!entry?.originalSource || entry.generatedLine !== line - 1) return undefined;
  const source = relative(ROOT, resolve(dirname(file), entry.originalSource)).split(sep).join('/');
  return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

const rel = (file) => (file ? relative(ROOT, file).split(sep).join('/') || file : 'input');

/* ------------------------------------------------------------------ 1 + 2: eslint */

/** Names of the global object itself. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self']);
/** Globals that are instances: their members are BCD members of the interface. */
const GLOBAL_INSTANCES = {
  navigator: 'Navigator', document: 'Document', crypto: 'Crypto', performance: 'Performance', customElements: 'CustomElementRegistry',
  localStorage: 'Storage', sessionStorage: 'Storage', indexedDB: 'IDBFactory', location: 'Location', history: 'History', screen: 'Screen',
  visualViewport: 'VisualViewport', caches: 'CacheStorage', trustedTypes: 'TrustedTypePolicyFactory', scheduler: 'Scheduler',
};
/** BCD data of a global: a built-in (`Promise`), an interface or function (`BroadcastChannel`, `structuredClone`), a Window member. */
function bcdGlobal(name) {
  for (const [id, node] of [[name, bcd.javascript.builtins[name]], [name, bcd.api[name]], [`Window.${name}`, bcd.api.Window?.[name]]]) {
    if (node?.__compat) return { id, compat: node.__compat };
  }
  return null;
}

/** hcp/regexp: regular-expression features from BCD; hcp/v8-optional-call-spread (see checkSyntax). */
function ownRules(promise, allowed, sink) {
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const features = (pattern, flags) => {
    const found = new Set();
    const names = new Map();
    visitRegExpAST(pattern, {
      onAssertionEnter: (n) => n.kind === 'lookbehind' && found.add('lookbehind'),
      onCapturingGroupEnter: (n) => {
        if (!n.name) return;
        found.add('namedGroup');
        names.set(n.name, (names.get(n.name) ?? 0) + 1);
        if (names.get(n.name) > 1) found.add('duplicateNames');
      },
      onBackreferenceEnter: (n) => typeof n.ref === 'string' && found.add('namedBackreference'),
      onCharacterSetEnter: (n) => n.kind === 'property' && found.add('property'),
      onModifiersEnter: () => found.add('modifier'),
    });
    for (const flag of 'dsuvy') if (flags.includes(flag)) found.add(flag);
    return found;
  };
  const check = (context, node, source, flagText, isLiteral) => {
    let pattern;
    let flags = flagText;
    try {
      if (isLiteral) {
        const literal = parser.parseLiteral(source);
        pattern = literal.pattern;
        flags = literal.flags.raw;
      } else {
        const parsedFlags = parser.parseFlags(flags);
        pattern = parser.parsePattern(source, 0, source.length, { unicode: parsedFlags.unicode, unicodeSets: parsedFlags.unicodeSets });
      }
    } catch {
      return; // not a valid pattern for any engine: a runtime error, not a compat question
    }
    for (const key of features(pattern, flags)) {
      const [id, label] = REGEXP_FEATURES[key];
      const lacking = bcdLacking(bcdAt(id), promise);
      if (!lacking.length) continue;
      sink.push({ check: 'regexp', node, feature: label, id, engines: lacking, allowed: allowed.has(id) || allowed.has('RegExp') });
    }
  };
  return {
    regexp: {
      create: (context) => ({
        Literal(node) {
          if (node.regex) check(context, node, node.raw, '', true);
        },
        'CallExpression, NewExpression'(node) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== 'RegExp') return;
          const [source, flags] = node.arguments;
          const text = (n) => (n?.type === 'Literal' && typeof n.value === 'string' ? n.value : n?.type === 'TemplateLiteral' && !n.expressions.length ? n.quasis[0].value.cooked : undefined);
          if (text(source) === undefined || (flags && text(flags) === undefined)) return;
          check(context, source, text(source), text(flags) ?? '', false);
        },
      }),
    },
    globals: {
      create: (context) => ({
        'Program:exit'() {
          // References to globals: unresolved ones, and those to the globals eslint declares itself
          // (ES built-ins such as Object); a name declared in the file resolves to that instead.
          const scope = context.sourceCode.scopeManager.globalScope;
          const refs = [...scope.through, ...scope.variables.filter((v) => !v.defs.length).flatMap((v) => v.references)];
          for (const ref of refs) {
            let node = ref.identifier;
            let name = node.name;
            if (GLOBAL_OBJECTS.has(name)) {
              // globalThis.X, window.X, self.X: the global X.
              const p = node.parent;
              if (p.type !== 'MemberExpression' || p.object !== node || p.computed || p.property.type !== 'Identifier') continue;
              node = p;
              name = p.property.name;
            }
            const report = (target, hit) => {
              const lacking = bcdLacking(hit.compat, promise);
              if (lacking.length) sink.push({ check: 'api', node: target, feature: hit.id, id: hit.id, engines: lacking, allowed: allowsMember(allowed, hit.id) });
            };
            const own = bcdGlobal(name);
            if (own) report(node, own);
            // X.member, and X.prototype.member
            let parent = node.parent;
            if (parent.type !== 'MemberExpression' || parent.object !== node || parent.computed || parent.property.type !== 'Identifier') continue;
            if (parent.property.name === 'prototype') {
              const up = parent.parent;
              if (up.type !== 'MemberExpression' || up.object !== parent || up.computed || up.property.type !== 'Identifier') continue;
              parent = up;
            }
            const hit = bcdMember(GLOBAL_INSTANCES[name] ?? name, parent.property.name);
            if (hit) report(parent, hit);
          }
        },
      }),
    },
    'v8-optional-call-spread': {
      create: () => ({
        ChainExpression(chain) {
          // The chain's spine, outermost first; calls at or after a `?.` run inside the optional chain.
          const spine = [];
          for (let n = chain.expression; n && (n.type === 'CallExpression' || n.type === 'MemberExpression'); n = n.type === 'CallExpression' ? n.callee : n.object) spine.push(n);
          const lastOptional = spine.findLastIndex((n) => n.optional);
          for (const call of spine.slice(0, lastOptional + 1)) {
            if (call.type !== 'CallExpression') continue;
            const spread = call.arguments.findIndex((a) => a.type === 'SpreadElement');
            if (spread < 0 || spread === call.arguments.length - 1) continue;
            const lacking = promise.engines
              .filter((e) => (e.bcd === 'chrome' || e.bcd === 'edge' || e.bcd === 'webview_android') && compareVersions(e.version, '91') < 0)
              .map((e) => e.label);
            if (!lacking.length) continue;
            sink.push({
              check: 'syntax',
              node: call,
              feature: 'optional call with a spread argument before another argument (V8 < 9.1 throws, crbug.com/v8/11558)',
              id: 'v8-optional-call-spread',
              engines: lacking,
              allowed: allowed.has('v8-optional-call-spread'),
            });
          }
        },
      }),
    },
  };
}

const PLUGIN_MESSAGE = /^(.*) is not supported in (.*)$/;

/**
 * eslint-plugin-compat, hcp/regexp and hcp/v8-optional-call-spread over one JavaScript text.
 * Returns { problems, allowed } (allowed: what only the allow-list let through).
 */
export async function lintJs(code, { file, sourceType = 'module', allow = { compat: [] }, promise = promiseOf() } = {}) {
  const allowed = new Set(allow.compat);
  const filePath = file ?? join(ROOT, sourceType === 'module' ? 'input.mjs' : 'input.js');
  const lint = async (polyfills, withOwnRules) => {
    const sink = [];
    const hcp = { rules: withOwnRules ? ownRules(promise, allowed, sink) : {} };
    const eslint = new ESLint({
      cwd: file ? dirname(file) : ROOT, // eslint ignores files outside its cwd
      overrideConfigFile: true,
      ignore: false,
      overrideConfig: [
        {
          files: ['**/*'],
          plugins: { compat: compatPlugin, hcp },
          languageOptions: { ecmaVersion: 'latest', sourceType },
          linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
          settings: { browsers: promise.query, lintAllEsApis: true, ignoreConditionalChecks: true, polyfills },
          rules: {
            'compat/compat': 'error',
            ...(withOwnRules ? { 'hcp/regexp': 'error', 'hcp/globals': 'error', 'hcp/v8-optional-call-spread': 'error' } : {}),
          },
        },
      ],
    });
    const [result] = await eslint.lintText(code, { filePath });
    return { messages: result.messages, sink };
  };
  const [open, gated] = await Promise.all([lint([], true), lint(allow.compat, false)]);
  const key = (m) => `${m.line}:${m.column}:${m.message}`;
  const stillThere = new Set(gated.messages.map(key));
  const problems = [];
  const allowedUses = [];
  const own = open.sink.map((f) => ({ ...f, line: f.node.loc.start.line, column: f.node.loc.start.column + 1 }));
  for (const m of open.messages) {
    if (m.fatal || !m.ruleId) {
      problems.push({ check: 'parse', file: rel(file), line: m.line, column: m.column, feature: 'does not parse', engines: [], detail: m.message });
      continue;
    }
    if (m.ruleId !== 'compat/compat') continue;
    const [, feature = m.message, engines = ''] = PLUGIN_MESSAGE.exec(m.message) ?? [];
    // Lookbehind: hcp/regexp reports the same literal with BCD's data.
    if (feature === 'Lookbehind' && own.some((f) => f.id === REGEXP_FEATURES.lookbehind[0] && f.line === m.line && f.column === m.column)) continue;
    const use = { check: 'api', file: rel(file), line: m.line, column: m.column, feature, engines: engines.split(', ').filter(Boolean), via: 'eslint-plugin-compat' };
    (stillThere.has(key(m)) ? problems : allowedUses).push(use);
  }
  const pluginAt = new Set(open.messages.filter((m) => m.ruleId === 'compat/compat').map((m) => `${m.line}:${m.column}`));
  for (const f of own) {
    // hcp/globals covers what eslint-plugin-compat misses (it drops every finding on a name that
    // also appears as a declarator's init or a property key, like Lit's `const {…} = Object`).
    if (f.check === 'api' && pluginAt.has(`${f.line}:${f.column}`)) continue;
    const use = { check: f.check, file: rel(file), line: f.line, column: f.column, feature: f.feature, id: f.id, engines: f.engines, via: { regexp: 'BCD via regexpp', api: 'BCD, global reference' }[f.check] ?? 'V8 defect' };
    (f.allowed ? allowedUses : problems).push(use);
  }
  return { problems, allowed: allowedUses };
}

/* ------------------------------------------------------------------ 3: syntax via esbuild */

/** esbuild's `supported` names for JavaScript syntax. */
export const SYNTAX_FEATURES = [
  'arbitrary-module-namespace-names', 'array-spread', 'arrow', 'async-await', 'async-generator', 'bigint', 'class',
  'class-field', 'class-private-accessor', 'class-private-brand-check', 'class-private-field', 'class-private-method',
  'class-private-static-accessor', 'class-private-static-field', 'class-private-static-method', 'class-static-blocks',
  'class-static-field', 'const-and-let', 'decorators', 'default-argument', 'destructuring', 'dynamic-import',
  'exponent-operator', 'export-star-as', 'for-await', 'for-of', 'function-name-configurable',
  'function-or-class-property-access', 'generator', 'hashbang', 'import-assertions', 'import-attributes', 'import-meta',
  'logical-assignment', 'nested-rest-binding', 'new-target', 'nullish-coalescing', 'object-accessors',
  'object-extensions', 'object-rest-spread', 'optional-catch-binding', 'optional-chain', 'regexp-dot-all-flag',
  'regexp-lookbehind-assertions', 'regexp-match-indices', 'regexp-named-capture-groups', 'regexp-set-notation',
  'regexp-sticky-and-unicode-flags', 'regexp-unicode-property-escapes', 'rest-argument', 'template-literal',
  'top-level-await', 'typeof-exotic-object-is-object', 'unicode-escapes', 'using',
];

/**
 * Features this check leaves to a more precise one:
 * - esbuild marks optional chaining as Chrome/Edge 91+ for one V8 defect of 80–90: a call in an
 *   optional chain with a spread argument before another argument throws (crbug.com/v8/11558;
 *   seen on Node 16.0.0, V8 9.0). It would lower every `?.` for Chrome 90; hcp/v8-optional-call-spread
 *   looks for that exact pattern instead.
 * - Regular-expression features: esbuild rewrites a literal it cannot vouch for into `new RegExp()`
 *   (for `/…/v` even for Chrome 157); hcp/regexp checks them with BCD's data.
 */
const SYNTAX_ASSUMED = Object.fromEntries(['optional-chain', ...SYNTAX_FEATURES.filter((f) => f.startsWith('regexp-'))].map((f) => [f, true]));

/**
 * Syntax newer than the promise: esbuild output for the promise vs. for esnext.
 * `format`: 'esm' for modules, undefined for scripts. `targets`: esbuild targets (default: the promise).
 */
export async function checkSyntax(code, { file, format, promise = promiseOf(), targets = promise.esbuild } = {}) {
  const options = (target, supported = {}, extra = {}) => ({
    target,
    format,
    loader: 'js',
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'silent',
    supported: { ...SYNTAX_ASSUMED, ...supported },
    ...extra,
  });
  const out = async (target, supported, extra) => (await transform(code, options(target, supported, extra))).code;
  const where = (line, column) => ({ file: rel(file), line, column, origin: originOf(file, line, column) });

  const base = await out('esnext');
  let lowered;
  try {
    lowered = await out(targets);
  } catch (error) {
    // Syntax esbuild cannot lower: name the engines, one at a time.
    const problems = [];
    for (const target of targets) {
      try {
        await out([target]);
      } catch (e) {
        for (const m of e.errors ?? []) {
          const loc = m.location ? where(m.location.line, m.location.column + 1) : where();
          const known = problems.find((p) => p.detail === m.text.replace(/ \("[^"]*"(, "[^"]*")*\)/, '') && p.line === loc.line);
          const engine = promise.engines.find((x) => x.esbuild === target)?.label ?? target;
          if (known) known.engines.push(engine);
          else problems.push({ check: 'syntax', ...loc, feature: m.text.replace(/ to the configured target environment.*| is not available in the configured target environment.*/, ''), engines: [engine], detail: m.text.replace(/ \("[^"]*"(, "[^"]*")*\)/, ''), via: 'esbuild' });
        }
      }
    }
    if (!problems.length) throw error;
    return problems;
  }
  if (lowered === base) return [];

  const label = (target) => promise.engines.find((e) => e.esbuild === target)?.label ?? target;
  const problems = [];
  for (const feature of SYNTAX_FEATURES) {
    if (feature in SYNTAX_ASSUMED) continue;
    if ((await out(targets, { [feature]: true })) === lowered) continue;
    // Lowering one feature can need another (`a ??= b` → `a ?? (a = b)`): name only what the code uses.
    if ((await out('esnext', { [feature]: false })) === base) continue;
    const engines = [];
    for (const target of targets) if ((await out([target], { [feature]: true })) !== (await out([target]))) engines.push(label(target));
    // Where: first line that differs, unminified, mapped back through esbuild's source map.
    const pretty = (supported) => transform(code, { ...options(targets, supported, { minifyWhitespace: false, sourcemap: 'external' }) });
    const [a, b] = await Promise.all([pretty({ [feature]: true }), pretty({})]);
    const la = a.code.split('\n');
    const lb = b.code.split('\n');
    let i = 0;
    while (i < lb.length && la[i] === lb[i]) i++;
    // The first changed line may be a helper esbuild adds (no mapping): take the first mapped one.
    const map = new SourceMap(JSON.parse(b.map));
    let entry;
    for (let j = i; j < lb.length && entry?.originalLine === undefined; j++) entry = map.findEntry(j, Math.max(0, lb[j].search(/\S/)));
    const loc = entry?.originalLine === undefined ? where() : where(entry.originalLine + 1, entry.originalColumn + 1);
    problems.push({ check: 'syntax', ...loc, feature: `syntax: ${feature}`, engines, detail: `esbuild lowers it for ${engines.join(', ')}`, via: 'esbuild' });
  }
  if (!problems.length) problems.push({ check: 'syntax', ...where(), feature: 'syntax (esbuild output differs; no single feature named)', engines: targets, via: 'esbuild' });
  return problems;
}

/* ------------------------------------------------------------------ 4: instance members, typed */

const TS_TO_BCD = { ReadonlyArray: 'Array', ReadonlyMap: 'Map', ReadonlySet: 'Set', Console: 'console' };
const TYPED_ARRAYS = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']);

function bcdMember(owner, member) {
  const name = TS_TO_BCD[owner] ?? owner.replace(/Constructor$/, '');
  const candidates = [
    [`javascript.builtins.${name}`, bcd.javascript.builtins[name]?.[member]],
    [`api.${name}`, bcd.api[name]?.[member]],
  ];
  if (TYPED_ARRAYS.has(name)) candidates.push(['javascript.builtins.TypedArray', bcd.javascript.builtins.TypedArray?.[member]]);
  const intl = /^Intl\.(.+)$/.exec(owner);
  if (intl) candidates.push([`javascript.builtins.Intl.${intl[1]}`, bcd.javascript.builtins.Intl?.[intl[1]]?.[member]]);
  for (const [path, node] of candidates) if (node?.__compat) return { id: `${path.replace(/^(api|javascript\.builtins)\./, '')}.${member}`, compat: node.__compat };
  return null;
}

/**
 * Members our TypeScript resolves to TypeScript's lib declarations, looked up in BCD.
 * Default: the program of tsconfig.json (src/**\/*.ts). `files` + `options`: another program.
 */
export function checkTypedMembers({ files, options, allow = { compat: [] }, promise = promiseOf() } = {}) {
  let rootNames = files;
  let compilerOptions = options;
  if (!rootNames) {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    rootNames = config.fileNames;
    compilerOptions = config.options;
  }
  compilerOptions ??= { target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], strict: true };
  const program = ts.createProgram({ rootNames, options: { ...compilerOptions, noEmit: true, declaration: false } });
  const checker = program.getTypeChecker();
  const isLib = (node) => program.isSourceFileDefaultLibrary(node.getSourceFile());
  const allowed = new Set(allow.compat);

  const ownerName = (decl) => {
    const parent = decl.parent;
    if (!parent || !(ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) || !parent.name) return null;
    const ns = parent.parent?.parent;
    return ns && ts.isModuleDeclaration(ns) ? `${ns.name.text}.${parent.name.text}` : parent.name.text;
  };
  /** Interface names a member could be looked up under: declaring interfaces, then the receiver's types and their bases. */
  const owners = (decls, receiver) => {
    const names = [];
    const add = (n) => n && !names.includes(n) && names.push(n);
    decls.forEach((d) => add(ownerName(d)));
    const walk = (type) => {
      type = checker.getNonNullableType(type);
      if (type.isUnion() || type.isIntersection()) return type.types.forEach(walk);
      const symbol = checker.getApparentType(type).getSymbol();
      if (!symbol || names.includes(symbol.getName())) return;
      add(symbol.getName());
      const declared = checker.getDeclaredTypeOfSymbol(symbol);
      if (declared.isClassOrInterface()) checker.getBaseTypes(declared).forEach(walk);
    };
    walk(checker.getTypeAtLocation(receiver));
    for (const d of decls) {
      const parent = d.parent;
      if (parent && ts.isInterfaceDeclaration(parent)) {
        const declared = checker.getTypeAtLocation(parent.name);
        if (declared.isClassOrInterface()) checker.getBaseTypes(declared).forEach(walk);
      }
    }
    return names;
  };

  const problems = [];
  const allowedUses = [];
  const notes = [];
  for (const sf of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sf) || sf.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sf.fileName)) continue;
    const visit = (node) => {
      let nameNode;
      if (ts.isPropertyAccessExpression(node)) nameNode = node.name;
      else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) nameNode = node.argumentExpression;
      if (nameNode) {
        const decls = checker.getSymbolAtLocation(nameNode)?.declarations ?? [];
        if (decls.length && decls.every(isLib)) {
          const member = nameNode.text;
          let hit = null;
          for (const owner of owners(decls, node.expression)) if ((hit = bcdMember(owner, member))) break;
          const lacking = hit ? bcdLacking(hit.compat, promise) : [];
          const partial = hit && !lacking.length ? bcdPartial(hit.compat, promise) : [];
          if (lacking.length || partial.length) {
            const { line, character } = sf.getLineAndCharacterOfPosition(nameNode.getStart());
            const use = { check: 'member', file: rel(sf.fileName), line: line + 1, column: character + 1, feature: hit.id, id: hit.id, engines: lacking, via: 'TypeScript + BCD' };
            if (!lacking.length) notes.push({ ...use, detail: `partial implementation (BCD) — ${partial.join('; ')}` });
            else (allowsMember(allowed, hit.id) ? allowedUses : problems).push(use);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { problems, allowed: allowedUses, notes };
}

/* ------------------------------------------------------------------ 5: CSS */

const lite = createRequire(require.resolve('doiuse'))('caniuse-lite');

/** A declaration with partial support only, whose property and keywords BCD says all work. */
function resolvedByBcd(node, promise) {
  if (node?.type !== 'decl') return null;
  const prop = node.prop.toLowerCase();
  const data = bcd.css.properties[prop];
  if (!data || bcdLacking(data.__compat, promise).length) return null;
  const words = [...new Set(node.value.toLowerCase().match(/[a-z][a-z-]*/g) ?? [])].filter((w) => data[w]?.__compat);
  if (words.some((w) => bcdLacking(data[w].__compat, promise).length)) return null;
  return `${prop}: ${node.value}`;
}

/**
 * doiuse over one CSS text. `line`/`column`: where the text starts in `file` (1-based).
 * Returns { problems, allowed, notes }.
 */
export async function checkCss(text, { file, line = 1, column = 1, allow = { css: [] }, promise = promiseOf() } = {}) {
  const uses = [];
  await postcss([doiuse({ browsers: promise.query, onFeatureUsage: (u) => uses.push(u) })]).process(text, { from: undefined });
  const problems = [];
  const allowedUses = [];
  const notes = [];
  for (const { feature, featureData, usage } of uses) {
    const start = usage.source?.start ?? { line: 1, column: 1 };
    const loc = { file: rel(file), line: line + start.line - 1, column: start.line === 1 ? column + start.column - 1 : start.column };
    const title = lite.feature(lite.features[feature])?.title ?? feature;
    // doiuse lists every version of the query: "Safari on iOS (15.0-15.1,15.2-15.3,…,27)" → "Safari on iOS 15.0-15.1 … 27".
    const short = (list, how) => [...list.matchAll(/([^,(]+?) \(([^)]*)\)/g)].map(([, name, v]) => { const vs = v.split(','); return `${name.trim()} ${vs.length > 1 ? `${vs[0]} … ${vs.at(-1)}` : vs[0]} (${how})`; });
    const engines = [...short(featureData.missing ?? '', 'missing'), ...short(featureData.partial ?? '', 'partial')];
    const use = { check: 'css', ...loc, feature: `${title} (${feature})`, id: feature, engines, via: 'doiuse' };
    if (allow.css.includes(feature)) {
      allowedUses.push(use);
      continue;
    }
    const resolved = !featureData.missing && resolvedByBcd(usage, promise);
    if (resolved) notes.push({ ...use, detail: `caniuse: partial support; BCD: \`${resolved}\` works in every engine of the promise` });
    else problems.push(use);
  }
  return { problems, allowed: allowedUses, notes };
}

/** Every css`…` template in the TypeScript under `dir` (default src/), with where its text starts. */
export function cssTemplates(dir = join(ROOT, 'src')) {
  const templates = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!/\.ts$/.test(name) || /\.d\.ts$/.test(name)) continue;
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    if (!/\bcss\s*`/.test(source)) continue;
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
        const start = node.template.getStart() + 1;
        const end = node.template.getEnd() - 1;
        let text = source.slice(start, end);
        let interpolations = 0;
        if (ts.isTemplateExpression(node.template)) {
          // ${…} cannot be checked: blank each one to a comment of the same length (positions stay).
          for (const span of node.template.templateSpans) {
            const from = span.expression.getFullStart() - 2 - start;
            const to = span.literal.getStart() + 1 - start;
            text = text.slice(0, from) + `/*${' '.repeat(Math.max(0, to - from - 4))}*/` + text.slice(to);
            interpolations++;
          }
        }
        const { line, character } = sf.getLineAndCharacterOfPosition(start);
        templates.push({ file, line: line + 1, column: character + 1, text, interpolations });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return templates;
}

/* ------------------------------------------------------------------ dist/ */

/** Browser entries of dist/: [file, sourceType, esbuild format]. */
const BROWSER_ENTRIES = [
  ['haochaping.min.js', 'script', undefined], // <script> tag, IIFE, self-contained
  ['haochaping.esm.min.js', 'module', 'esm'], // <script type="module">, self-contained
  ['haochaping.js', 'module', 'esm'], // npm `haochaping`
  ['react.js', 'module', 'esm'], // npm `haochaping/react`
  ['vue.js', 'module', 'esm'], // npm `haochaping/vue`
  ['svelte.js', 'module', 'esm'], // npm `haochaping/svelte`
  ['preact.js', 'module', 'esm'], // npm `haochaping/preact`
  ['locales/zh-TW.js', 'module', 'esm'], // npm `haochaping/locales/zh-TW`
  ['locales/en.js', 'module', 'esm'], // npm `haochaping/locales/en`
];
/** `haochaping/schema` is DOM-free and for Node servers (README): not held to the browser promise. */
const SERVER_ENTRIES = ['schema.js'];

const relativeImports = (code) =>
  [...code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);

/** The files of dist/ the gate checks, those it leaves out (and why), and files nothing imports. */
export function distFiles(dist = join(ROOT, 'dist')) {
  const reach = (entries) => {
    const seen = new Map();
    const queue = entries.map(([f, sourceType, format]) => [join(dist, f), sourceType, format]);
    while (queue.length) {
      const [file, sourceType, format] = queue.shift();
      if (seen.has(file) || !existsSync(file)) continue;
      seen.set(file, { file, sourceType, format });
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) queue.push([resolve(dirname(file), spec), 'module', 'esm']);
    }
    return seen;
  };
  const browser = reach(BROWSER_ENTRIES);
  const server = reach(SERVER_ENTRIES.map((f) => [f, 'module', 'esm']));
  const all = (existsSync(dist) ? readdirSync(dist, { recursive: true }) : [])
    .filter((n) => /\.(m?js)$/.test(n) && !n.startsWith(`types${sep}`))
    .map((n) => join(dist, n));
  const missing = BROWSER_ENTRIES.map(([f]) => join(dist, f)).filter((f) => !existsSync(f));
  return {
    browser: [...browser.values()],
    server: [...server.keys()].filter((f) => !browser.has(f)),
    unreached: all.filter((f) => !browser.has(f) && !server.has(f)),
    missing,
  };
}

/* ------------------------------------------------------------------ all of it */

/** Runs every check. Returns { problems, allowed, notes, checked, skipped }. */
export async function checkAll({ allow, promise = promiseOf(), dist = join(ROOT, 'dist'), src = true } = {}) {
  allow ??= await loadAllowList();
  const problems = [];
  const allowed = [];
  const notes = [];
  const checked = [];
  const files = distFiles(dist);
  for (const file of files.missing) problems.push({ check: 'dist', file: rel(file), feature: 'missing', engines: [], detail: 'run `npm run build` first' });
  for (const file of files.unreached) problems.push({ check: 'dist', file: rel(file), feature: 'imported by no entry the gate knows', engines: [], detail: 'add it to BROWSER_ENTRIES or SERVER_ENTRIES in scripts/compat.mjs' });
  const unknown = unknownAllowNames(allow);
  for (const name of unknown.compat) notes.push({ check: 'allow-list', file: GAPS_FILE, feature: name, detail: '`compat` name that no check reports' });
  for (const name of unknown.css) notes.push({ check: 'allow-list', file: GAPS_FILE, feature: name, detail: '`css` id unknown to caniuse/doiuse' });

  await Promise.all(
    files.browser.map(async ({ file, sourceType, format }) => {
      const code = readFileSync(file, 'utf8');
      const syntaxOf = () =>
        checkSyntax(code, { file, format, promise }).catch((error) => [
          { check: 'parse', file: rel(file), feature: 'esbuild cannot read it', engines: [], detail: error.errors?.[0]?.text ?? error.message },
        ]);
      const [js, syntax] = await Promise.all([lintJs(code, { file, sourceType, allow, promise }), syntaxOf()]);
      for (const p of [...js.problems, ...syntax]) problems.push({ ...p, origin: p.origin ?? (p.line ? originOf(file, p.line, p.column) : undefined) });
      for (const a of js.allowed) allowed.push({ ...a, origin: originOf(file, a.line, a.column) });
      checked.push(`${rel(file)} (${sourceType})`);
    }),
  );
  if (src) {
    const typed = checkTypedMembers({ allow, promise });
    problems.push(...typed.problems);
    allowed.push(...typed.allowed);
    notes.push(...group(typed.notes).map((n) => ({ ...n, file: n.places.join(', '), line: undefined })));
    checked.push('src/**/*.ts: members resolved by TypeScript');
    const templates = cssTemplates();
    for (const t of templates) {
      const css = await checkCss(t.text, { file: t.file, line: t.line, column: t.column, allow, promise });
      problems.push(...css.problems);
      allowed.push(...css.allowed);
      notes.push(...css.notes);
      if (t.interpolations) notes.push({ check: 'css', file: rel(t.file), line: t.line, column: t.column, feature: `css\`…\` with ${t.interpolations} \${…}`, detail: 'interpolated parts are not checked' });
    }
    checked.push(`${templates.length} css\`…\` templates in src/ (${[...new Set(templates.map((t) => rel(t.file)))].join(', ')})`);
  }
  const order = (a, b) => `${a.file}`.localeCompare(`${b.file}`) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  problems.sort(order);
  allowed.sort(order);
  checked.sort();
  return { problems, allowed, notes, checked, skipped: files.server.map((f) => `${rel(f)} (Node servers only)`), promise };
}

/* ------------------------------------------------------------------ report */

const at = (p) => (p.line ? `${p.file}:${p.line}:${p.column}` : p.file);

/** Groups uses of one feature at one origin (the same source line appears in several bundles). */
function group(uses) {
  const groups = new Map();
  for (const u of uses) {
    const key = `${u.check}|${u.feature}|${u.origin ?? at(u)}`;
    if (!groups.has(key)) groups.set(key, { ...u, places: [] });
    groups.get(key).places.push(at(u));
  }
  return [...groups.values()];
}

export function formatReport(result, { verbose = false } = {}) {
  const lines = [];
  lines.push(`compat gate — the promise: ${result.promise.query.join(', ')}`);
  lines.push(`  oldest engines: ${result.promise.engines.map((e) => e.label).join(', ')}`);
  if (result.promise.engines.some((e) => e.name === 'android')) lines.push('  (browserslist knows only the current Android WebView; Chrome 90 data stands in for WebView 90)');
  lines.push(`  checked: ${result.checked.join('; ')}`);
  if (result.skipped.length) lines.push(`  not checked: ${result.skipped.join(', ')}`);
  const allowedGroups = group(result.allowed);
  const byFeature = new Map();
  for (const g of allowedGroups) byFeature.set(g.id ?? g.feature, (byFeature.get(g.id ?? g.feature) ?? 0) + g.places.length);
  lines.push(`  allowed by ${GAPS_FILE}: ${[...byFeature].map(([f, n]) => `${f} ×${n}`).join(', ') || 'nothing used'}`);
  if (verbose) for (const g of allowedGroups) lines.push(`    ${g.feature}: ${g.places.join(', ')}${g.origin ? ` (${g.origin})` : ''}`);
  for (const n of result.notes) lines.push(`  note: ${at(n)} ${n.feature}: ${n.detail}`);
  const problems = group(result.problems);
  if (!problems.length) {
    lines.push('compat: OK, nothing outside the allow-list.');
    return lines.join('\n');
  }
  lines.push('');
  for (const p of problems) {
    lines.push(`✗ ${p.places.join(', ')}${p.origin ? `  (source: ${p.origin})` : ''}`);
    lines.push(`    ${p.feature}${p.engines.length ? ` — lacking in ${p.engines.join('; ')}` : ''}  [${p.via ?? p.check}]`);
    if (p.detail) lines.push(`    ${p.detail}`);
    if (!['dist', 'parse'].includes(p.check)) lines.push(`    fix: ${FIX}`);
  }
  lines.push('');
  lines.push(`compat: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await checkAll();
  console.log(formatReport(result, { verbose: process.argv.includes('--verbose') }));
  process.exitCode = result.problems.length ? 1 : 0;
}
