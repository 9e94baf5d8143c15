#!/usr/bin/env node
/**
 * The static compat gate: does what ships use anything an engine of the promise lacks?
 *
 * The promise is package.json `browserslist` (scripts/promise.mjs: Chromium 69, Edge 79,
 * Firefox 115 ESR, Safari/iOS 15.0). A feature an engine of it lacks is allowed only when
 * test/support/baseline-gaps.js lists it (`compat`: BCD ids; `css`: doiuse ids; `origins`: only
 * from those files), with the fallback. Anything else fails, with file, line and engines.
 *
 *   node scripts/compat.mjs            exit 1 on problems (run `npm run build` first)
 *   node scripts/compat.mjs --verbose  also list every allowed use
 *
 * Chromium is run for real in `npm test` (69 and 80: test/node/old-chromium.test.mjs); Firefox
 * 115 and Safari 15 are not (no such engines here), and neither run sees a feature on a path
 * the suites do not take. So this gate reads data (@mdn/browser-compat-data, doiuse's caniuse):
 *
 * 1. APIs, through TypeScript: src/**\/*.ts with its types, and the two self-contained bundles
 *    (dist/haochaping.min.js, dist/haochaping.esm.min.js: the same code plus Lit and idb-keyval)
 *    as JavaScript. Every global a name resolves to (`globalThis`, `structuredClone`; a bare
 *    name throws where it is missing), every constructor called (`new EventTarget()`,
 *    `class … extends EventTarget`: BCD `EventTarget.EventTarget`), and every member that
 *    resolves to TypeScript's lib (`Object.fromEntries`, `navigator.locks`, `[].flat()`,
 *    `dialog.showModal()`), or that a lib type lacks but BCD knows (`navigator.userAgentData`).
 *    `typeof x` and writes are not uses. A use found in a bundle is placed by its source map
 *    (src/… or node_modules/…); one in src/ that the TypeScript pass already reported is dropped.
 *    Instance members inside Lit and idb-keyval are seen only where the JavaScript's types
 *    are inferred: elsewhere the real Chromium runs are the check.
 * 2. Regular expressions (literals and `RegExp("…")`), parsed with regexpp, against BCD's
 *    `regular_expressions.*` and the flags: esbuild lowers syntax for the promise when it builds
 *    the bundles (rollup.config.mjs), but leaves a regex it cannot lower as `new RegExp()`,
 *    which then throws (lookbehind: Safari < 16.4).
 * 3. CSS: every css`…` template in src/ through doiuse. Partial support (caniuse "a") is a
 *    note, not a problem, when BCD says the property and each keyword used work everywhere.
 *
 * The npm build (dist/haochaping.js, its chunks, react.js …) is src/ with Lit and idb-keyval left
 * as imports: all read above. Not checked: syntax (the build lowers the bundles to the promise's
 * targets with esbuild and the real Chromium runs parse them; npm users' bundlers lower the npm
 * build); dist/schema.js (Node servers only).
 */
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import doiuse from 'doiuse';
import postcss from 'postcss';
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareVersions, promiseOf } from './promise.mjs';

export { promiseOf };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GAPS_FILE = 'test/support/baseline-gaps.js';
export const FIX = `feature-detect it and add it to ${GAPS_FILE}, or avoid it`;
/** The self-contained browser bundles (`<script>` and `<script type="module">`). */
export const BUNDLES = ['haochaping.min.js', 'haochaping.esm.min.js'];
const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data');
const rel = (file) => relative(ROOT, file).split(sep).join('/');

/* ------------------------------------------------------------------ compat data */

/** Does a BCD `__compat` say it works in `browser` `version`? `{ partial: note }` if only partly. */
function bcdSupports(compat, browser, version) {
  const entries = [].concat(compat?.support?.[browser] ?? []);
  if (!entries.length) return true; // no data: not ours to guess
  let partial = false;
  for (const e of entries) {
    if (e.flags || e.prefix || e.alternative_name) continue;
    const added = e.version_added;
    if (added !== true) {
      if (!added || added === 'preview' || compareVersions(version, String(added).replace('≤', '')) < 0) continue;
      const removed = e.version_removed;
      if (typeof removed === 'string' && compareVersions(version, removed.replace('≤', '')) >= 0) continue;
    }
    if (!e.partial_implementation) return true;
    partial = [].concat(e.notes ?? 'partial implementation').join(' ').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return partial ? { partial } : false;
}

/** The engines of the promise that lack a feature, and notes on those with a partial one. */
function lackingIn(compat, promise) {
  const lacking = [];
  const partial = new Map(); // note → engines
  for (const e of promise.engines) {
    const s = bcdSupports(compat, e.bcd, e.version);
    if (!s) lacking.push(e.label);
    else if (s.partial) partial.set(s.partial, [...(partial.get(s.partial) ?? []), e.label]);
  }
  return { lacking, partial: [...partial].map(([note, engines]) => `${engines.join(', ')}: ${note}`) };
}

const TS_TO_BCD = { ReadonlyArray: 'Array', ReadonlyMap: 'Map', ReadonlySet: 'Set', Console: 'console' };
const TYPED_ARRAY = /^(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array$/;

/** BCD data of a global: a built-in (`globalThis`), an interface or function (`structuredClone`), a Window member. */
function bcdGlobal(name) {
  for (const [id, node] of [[name, bcd.javascript.builtins[name]], [name, bcd.api[name]], [`Window.${name}`, bcd.api.Window[name]]]) {
    if (Object.hasOwn(node ?? {}, '__compat')) return { id, compat: node.__compat };
  }
  return null;
}

/** BCD data of `owner.member` (owner as TypeScript names it: `ObjectConstructor`, `Intl.DateTimeFormat`). */
function bcdMember(owner, member) {
  const name = TS_TO_BCD[owner] ?? owner.replace(/Constructor$/, '');
  const [ns, inner] = name.split('.');
  const nodes = [[name, bcd.javascript.builtins[name]], [name, bcd.api[name]], [name, inner && bcd.javascript.builtins[ns]?.[inner]]];
  if (TYPED_ARRAY.test(name)) nodes.push(['TypedArray', bcd.javascript.builtins.TypedArray]);
  for (const [id, node] of nodes) if (node && Object.hasOwn(node, member) && node[member].__compat) return { id: `${id}.${member}`, compat: node[member].__compat };
  return null;
}

const REGEXP_FEATURES = {
  lookbehind: 'regular_expressions.lookbehind_assertion',
  namedGroup: 'regular_expressions.named_capturing_group',
  duplicateNames: 'regular_expressions.named_capturing_group.duplicate_named_capturing_groups',
  namedBackreference: 'regular_expressions.named_backreference',
  property: 'regular_expressions.unicode_character_class_escape',
  modifier: 'regular_expressions.modifier',
  d: 'RegExp.hasIndices',
  s: 'RegExp.dotAll',
  u: 'RegExp.unicode',
  v: 'RegExp.unicodeSets',
  y: 'RegExp.sticky',
};
const bcdAt = (id) => id.split('.').reduce((node, part) => node?.[part], id.startsWith('RegExp.') ? bcd.javascript.builtins : bcd.javascript)?.__compat;

/* ------------------------------------------------------------------ allow-list and locations */

/** The gaps of test/support/baseline-gaps.js (or those given), as the gate reads them. */
export async function loadAllowList(gaps) {
  gaps ??= (await import(pathToFileURL(join(ROOT, GAPS_FILE)).href)).gaps;
  return gaps.map(({ compat = [], css = [], origins }) => ({ compat, css, origins }));
}

/** The allow-list names that let `use` through (`id`, or its interface alone), if its origin is one the entry names. */
function allowing(allow, use) {
  const where = use.origin ?? use.file;
  const names = [use.id, use.id.split('.')[0]];
  for (const gap of allow) {
    if (gap.origins && !gap.origins.some((o) => where?.startsWith(o))) continue;
    const name = (use.check === 'css' ? gap.css : gap.compat).find((n) => names.includes(n));
    if (name) return `${use.check === 'css' ? 'css' : 'compat'}:${name}`;
  }
  return null;
}

const maps = new Map();
/** `src/…:line:col` (or `node_modules/…`) for a 1-based line/column in a built file, via its source map. */
export function originOf(file, line, column) {
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
  return `${rel(resolve(dirname(file), entry.originalSource))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/* ------------------------------------------------------------------ 1 + 2: APIs and regular expressions */

/**
 * Every use of a global, constructor, lib member or regex feature in `files` (TypeScript or
 * JavaScript), as [{ file, line, column, id, compat }]. `options`: compiler options (tsconfig's
 * for src/), with the newest lib, so that more resolves.
 */
export function apiUses(files, options = {}) {
  options = { ...options, lib: ['lib.esnext.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], allowJs: true, checkJs: false, noEmit: true, declaration: false, types: [] };
  const program = ts.createProgram({ rootNames: files, options });
  const checker = program.getTypeChecker();
  // The platform: TypeScript's lib, and the globals @types/* add to it where a dependency's types
  // pull them in (@types/react and @types/node redeclare EventTarget).
  const isLib = (d) => program.isSourceFileDefaultLibrary(d.getSourceFile()) || /[\\/]node_modules[\\/]@types[\\/]/.test(d.getSourceFile().fileName);
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const uses = [];

  /** The interface names `member` could be looked up under: its declaring ones, then the receiver's lib types and their bases. */
  const owners = (decls, receiver) => {
    const names = [];
    const add = (n) => n && !names.includes(n) && names.push(n);
    for (const d of decls) {
      const p = d.parent;
      if ((ts.isInterfaceDeclaration(p) || ts.isClassDeclaration(p)) && p.name) add(ts.isModuleBlock(p.parent) ? `${p.parent.parent.name.text}.${p.name.text}` : p.name.text);
      else if (ts.isTypeLiteralNode(p) && ts.isVariableDeclaration(p.parent)) add(p.parent.name.text); // declare var AbortSignal: { timeout(…) }
    }
    const walk = (type) => {
      type = checker.getNonNullableType(type);
      if (type.isUnion() || type.isIntersection()) return type.types.forEach(walk);
      const symbol = checker.getApparentType(type).getSymbol();
      if (!symbol?.declarations?.some(isLib) || names.includes(symbol.getName())) return;
      add(symbol.getName());
      const declared = checker.getDeclaredTypeOfSymbol(symbol);
      if (declared.isClassOrInterface()) checker.getBaseTypes(declared).forEach(walk);
    };
    walk(checker.getTypeAtLocation(receiver));
    return names;
  };
  /** BCD data for a member named `name` of `receiver`, declared by `decls` (empty: not in TypeScript's lib). */
  const member = (decls, receiver, name) => {
    for (const d of decls) {
      // A global reached through the global object (`window.structuredClone`; Lit's `const g = globalThis; g.X`),
      // or a namespace's (`Intl.PluralRules`). Declarations: `declare var X`, `function X`, `interface X`.
      const container = ts.isVariableDeclaration(d) ? d.parent?.parent?.parent : d.parent;
      if (container && ts.isSourceFile(container)) return bcdGlobal(name);
      if (container && ts.isModuleBlock(container)) return bcdMember(container.parent.name.text, name);
    }
    for (const owner of owners(decls, receiver)) {
      const hit = bcdMember(owner, name);
      if (hit) return hit;
    }
    return null;
  };
  const regexp = (node, source, flags, literal) => {
    let pattern;
    try {
      if (literal) ({ pattern, flags: { raw: flags } } = parser.parseLiteral(source));
      else {
        const f = parser.parseFlags(flags);
        pattern = parser.parsePattern(source, 0, source.length, { unicode: f.unicode, unicodeSets: f.unicodeSets });
      }
    } catch {
      return; // invalid everywhere: a runtime error, not a compat question
    }
    const found = new Set([...flags].filter((f) => REGEXP_FEATURES[f]));
    const names = new Set();
    visitRegExpAST(pattern, {
      onAssertionEnter: (n) => n.kind === 'lookbehind' && found.add('lookbehind'),
      onCapturingGroupEnter: (n) => n.name && (found.add('namedGroup'), names.has(n.name) ? found.add('duplicateNames') : names.add(n.name)),
      onBackreferenceEnter: (n) => typeof n.ref === 'string' && found.add('namedBackreference'),
      onCharacterSetEnter: (n) => n.kind === 'property' && found.add('property'),
      onModifiersEnter: () => found.add('modifier'),
    });
    for (const key of found) use(node, { id: REGEXP_FEATURES[key], compat: bcdAt(REGEXP_FEATURES[key]) }, 'regexp');
  };
  let sf;
  const use = (node, hit, check = 'api') => {
    if (!hit) return;
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    uses.push({ check, file: rel(sf.fileName), line: line + 1, column: character + 1, ...hit });
  };
  const isWrite = (node) => ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  const stringOf = (n) => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);

  const visit = (node) => {
    if (ts.isHeritageClause(node)) {
      // `class … extends X`: X's constructor runs. `implements`: types only.
      if (node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent)) node.types.forEach((t) => visit(t.expression));
      return;
    }
    if (ts.isTypeNode(node) || ts.isTypeOfExpression(node) || ts.isMetaProperty(node) || ts.isLabeledStatement(node)) {
      if (ts.isTypeOfExpression(node) && !ts.isIdentifier(node.expression) && !ts.isPropertyAccessExpression(node.expression)) visit(node.expression);
      if (ts.isLabeledStatement(node)) visit(node.statement);
      return; // types; `typeof x` (a test, never a use); `import.meta`; labels
    }
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      // `const { fromEntries, is: same } = Object`: members of what is destructured.
      const key = node.propertyName ?? node.name;
      const name = ts.isIdentifier(key) ? key.text : stringOf(key);
      const decls = (name && checker.getTypeAtLocation(node.parent).getProperty(name)?.declarations) || [];
      if (decls.length && decls.every(isLib)) use(key, member(decls, node.parent, name));
    }
    if (ts.isIdentifier(node) && !ts.isBreakOrContinueStatement(node.parent) && !(ts.isBindingElement(node.parent) && node.parent.propertyName === node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !ts.isQualifiedName(node.parent)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent) ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      const decls = symbol?.declarations ?? [];
      const global = decls.length ? decls.every(isLib) : !symbol || symbol.escapedName === 'globalThis';
      if (global && !isWrite(node)) {
        use(node, bcdGlobal(node.text));
        const p = node.parent;
        if ((ts.isNewExpression(p) && p.expression === node) || ts.isExpressionWithTypeArguments(p)) use(node, bcdMember(node.text, node.text));
      }
    } else if ((ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) || (ts.isElementAccessExpression(node) && stringOf(node.argumentExpression) !== undefined)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
      const decls = checker.getSymbolAtLocation(name)?.declarations ?? [];
      if (!isWrite(node) && (decls.length ? decls.every(isLib) : true)) use(name, member(decls, node.expression, name.text));
    } else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      regexp(node, node.text, '', true);
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [source, flags] = node.arguments ?? [];
      if (stringOf(source) !== undefined && (!flags || stringOf(flags) !== undefined)) regexp(source, stringOf(source), stringOf(flags) ?? '', false);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(file) || file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) continue;
    sf = file;
    const parseErrors = program.getSyntacticDiagnostics(file);
    if (parseErrors.length) uses.push({ check: 'parse', file: rel(file.fileName), id: 'parse', detail: ts.flattenDiagnosticMessageText(parseErrors[0].messageText, ' ') });
    else visit(file);
  }
  return uses;
}

/* ------------------------------------------------------------------ 3: CSS */

/** A declaration with partial support only, whose property and keywords BCD says all work. */
function resolvedByBcd(node, promise) {
  if (node?.type !== 'decl') return null;
  const data = bcd.css.properties[node.prop.toLowerCase()];
  if (!data || lackingIn(data.__compat, promise).lacking.length) return null;
  const words = [...new Set(node.value.toLowerCase().match(/[a-z][a-z-]*/g) ?? [])].filter((w) => data[w]?.__compat);
  return words.some((w) => lackingIn(data[w].__compat, promise).lacking.length) ? null : `${node.prop}: ${node.value}`;
}

/** doiuse over one CSS text; `line`/`column`: where the text starts in `file`. Returns { problems, allowed, notes }. */
export async function checkCss(text, { file = 'input.css', line = 1, column = 1, allow = [], promise = promiseOf() } = {}) {
  const found = [];
  await postcss([doiuse({ browsers: promise.query, onFeatureUsage: (u) => found.push(u) })]).process(text, { from: undefined });
  const result = { problems: [], allowed: [], notes: [] };
  for (const { feature, featureData, usage } of found) {
    // doiuse finds min() and max() by substring, so also in grid's minmax().
    if (feature === 'css-math-functions' && !/(^|[^\w-])(min|max|clamp)\(/i.test(`${usage.value ?? usage.params ?? ''}`)) continue;
    const start = usage.source?.start ?? { line: 1, column: 1 };
    // doiuse lists every version: "Chrome (69,70,…,83)" → "Chrome 69 … 83".
    const engines = [['missing', featureData.missing], ['partial', featureData.partial]].flatMap(([how, list]) =>
      [...(list ?? '').matchAll(/([^,(]+?) \(([^)]*)\)/g)].map(([, name, v]) => `${name.trim()} ${v.split(',')[0]}${v.includes(',') ? ` … ${v.split(',').pop()}` : ''} (${how})`),
    );
    const use = { check: 'css', file: rel(resolve(ROOT, file)), line: line + start.line - 1, column: start.line === 1 ? column + start.column - 1 : start.column, id: feature, feature: `${featureData.title} (${feature})`, engines, via: 'doiuse' };
    const resolved = !featureData.missing && resolvedByBcd(usage, promise);
    use.allowedBy = allowing(allow, use);
    if (use.allowedBy) result.allowed.push(use);
    else if (resolved) result.notes.push({ ...use, detail: `caniuse: partial support; BCD: \`${resolved}\` works in every engine of the promise` });
    else result.problems.push(use);
  }
  return result;
}

/** Every css`…` template in the TypeScript under `dir` (default src/), with where its text starts. */
export function cssTemplates(dir = join(ROOT, 'src')) {
  const templates = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    if (!/\bcss\s*`/.test(source)) continue;
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
        const start = node.template.getStart() + 1;
        let text = source.slice(start, node.template.getEnd() - 1);
        // ${…} cannot be checked: each becomes a comment of the same length (positions stay).
        for (const span of ts.isTemplateExpression(node.template) ? node.template.templateSpans : []) {
          const from = span.expression.getFullStart() - 2 - start;
          const to = span.literal.getStart() + 1 - start;
          text = text.slice(0, from) + `/*${' '.repeat(Math.max(0, to - from - 4))}*/` + text.slice(to);
        }
        const { line, character } = sf.getLineAndCharacterOfPosition(start);
        templates.push({ file, line: line + 1, column: character + 1, text });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return templates;
}

/* ------------------------------------------------------------------ all of it */

/**
 * Sorts uses into { problems, allowed, notes }: lacking in an engine of the promise and allowed
 * or not; partial support in our own code as a note.
 */
export function judge(uses, { allow = [], promise = promiseOf() } = {}) {
  const result = { problems: [], allowed: [], notes: [] };
  for (const u of uses) {
    if (u.check === 'parse') {
      result.problems.push({ ...u, feature: 'does not parse', engines: [] });
      continue;
    }
    const { lacking, partial } = lackingIn(u.compat, promise);
    const use = { ...u, compat: undefined, feature: u.id, engines: lacking, via: u.check === 'regexp' ? 'regexpp + BCD' : 'TypeScript + BCD' };
    if (lacking.length) {
      use.allowedBy = allowing(allow, use);
      result[use.allowedBy ? 'allowed' : 'problems'].push(use);
    } else if (partial.length && `${u.origin ?? u.file}`.startsWith('src/')) {
      result.notes.push({ ...use, detail: `partial implementation (BCD) — ${partial.join('; ')}` });
    }
  }
  return result;
}

/**
 * Places the uses found in built files by their source maps (`origin`: src/… or node_modules/…),
 * and drops those in src/ that the TypeScript pass over src/ reported too.
 */
export function placed(uses) {
  const ours = new Set(uses.filter((u) => u.file.startsWith('src/')).map((u) => `${u.id}|${u.file}:${u.line}`));
  return uses
    .map((u) => (u.file.startsWith('src/') || !u.line ? u : { ...u, origin: originOf(resolve(ROOT, u.file), u.line, u.column) }))
    .filter((u) => !u.origin || !ours.has(`${u.id}|${u.origin.replace(/:\d+$/, '')}`));
}

/** Allow-list names that let nothing through: stale entries, or typos. */
export function unusedNames(allow, allowed) {
  const used = new Set(allowed.map((a) => a.allowedBy));
  return allow.flatMap((g) => [...g.compat.map((n) => `compat:${n}`), ...g.css.map((n) => `css:${n}`)]).filter((n) => !used.has(n));
}

/** Runs every check. Returns { problems, allowed, notes, unused, checked, promise }. */
export async function checkAll({ allow, promise = promiseOf(), dist = join(ROOT, 'dist') } = {}) {
  allow ??= await loadAllowList();
  const bundles = BUNDLES.map((f) => join(dist, f)).filter(existsSync);
  const src = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const result = judge(placed(apiUses([...src.fileNames, ...bundles], src.options)), { allow, promise });
  for (const f of BUNDLES.filter((f) => !existsSync(join(dist, f)))) result.problems.push({ check: 'dist', file: rel(join(dist, f)), feature: 'missing', engines: [], detail: 'run `npm run build` first' });
  const templates = cssTemplates();
  for (const t of templates) {
    const css = await checkCss(t.text, { file: t.file, line: t.line, column: t.column, allow, promise });
    for (const key of ['problems', 'allowed', 'notes']) result[key].push(...css[key]);
  }
  const order = (a, b) => `${a.file}`.localeCompare(`${b.file}`) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  result.problems.sort(order);
  result.allowed.sort(order);
  const checked = [...bundles.map(rel), `src/**/*.ts (${src.fileNames.length} files)`, `${templates.length} css\`…\` templates in src/`];
  return { ...result, unused: unusedNames(allow, result.allowed), checked, promise };
}

/* ------------------------------------------------------------------ report */

const at = (p) => (p.line ? `${p.file}:${p.line}:${p.column}` : p.file);

/** Groups uses of one feature at one origin (a source line appears in both bundles). */
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
  const lines = [`compat gate — the promise: ${result.promise.query.join(', ')}`];
  lines.push(`  oldest engines: ${result.promise.engines.map((e) => e.label).join(', ')}`);
  if (result.promise.engines.some((e) => e.name === 'android')) lines.push('  (browserslist knows only the current Android WebView; the Chrome data stands in for older WebViews)');
  lines.push(`  checked: ${result.checked.join('; ')}`);
  const allowed = group(result.allowed);
  const counts = new Map();
  for (const g of allowed) counts.set(g.id, (counts.get(g.id) ?? 0) + g.places.length);
  lines.push(`  allowed by ${GAPS_FILE}: ${[...counts].map(([f, n]) => `${f} ×${n}`).join(', ') || 'nothing used'}`);
  if (verbose) for (const g of allowed) lines.push(`    ${g.feature}: ${g.places.join(', ')}${g.origin ? ` (${g.origin})` : ''}`);
  for (const n of result.notes) lines.push(`  note: ${at(n)} ${n.feature}: ${n.detail}`);
  for (const n of result.unused ?? []) lines.push(`  note: ${GAPS_FILE}: ${n} lets nothing through (stale or misspelt)`);
  const problems = group(result.problems);
  if (!problems.length) return [...lines, 'compat: OK, nothing outside the allow-list.'].join('\n');
  lines.push('');
  for (const p of problems) {
    lines.push(`✗ ${p.places.join(', ')}${p.origin ? `  (source: ${p.origin})` : ''}`);
    lines.push(`    ${p.feature}${p.engines.length ? ` — lacking in ${p.engines.join('; ')}` : ''}  [${p.via ?? p.check}]`);
    if (p.detail) lines.push(`    ${p.detail}`);
    if (!['dist', 'parse'].includes(p.check)) lines.push(`    fix: ${FIX}`);
  }
  return [...lines, '', `compat: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await checkAll();
  console.log(formatReport(result, { verbose: process.argv.includes('--verbose') }));
  process.exitCode = result.problems.length ? 1 : 0;
}
