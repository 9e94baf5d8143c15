/**
 * Writes dist/evaluation.schema.json and dist/gov-cn.schema.json (JSON Schema draft 2020-12) from
 * the zod schemas that `haochaping/schema` ships (dist/schema.js), for gateways written in Java,
 * Go or anything else that has a JSON Schema validator.
 *
 *   node scripts/json-schema.mjs      (the last steps of `npm run build`, after rollup)
 *
 * zod's toJSONSchema() carries types, lengths, ranges, enums and regular expressions. What it
 * cannot see is added here, so that a JSON Schema validator accepts and rejects the same bodies
 * as parseEvaluation() / parseGovCnEvaluation() (test/node/json-schema.test.mjs checks it with ajv):
 *   - the two refinements of the canonical payload (level present exactly on the five-level
 *     scale; verdict agrees with the level), as `allOf` of `if`/`then`;
 *   - `page`: zod parses it with the WHATWG URL parser; here it is a regular expression for the
 *     http(s) URLs that parser accepts (with the exceptions in PAGE_DIVERGENCES).
 * Any other refinement, transform, unknown check or flagged regular expression stops the build
 * rather than being dropped.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { toJSONSchema } from 'zod/mini';

const ROOT = new URL('../', import.meta.url);

/** Where each file is published: the jsDelivr address of this version of the package. */
export const schemaUrl = (version, file) => `https://cdn.jsdelivr.net/npm/haochaping@${version}/dist/${file}`;

/** Said in both files: Java's String.length() and Go's len() count otherwise. */
export const LENGTH_NOTE = 'String lengths are in Unicode code points, as JSON Schema and parseEvaluation() both count them (not UTF-16 units, not bytes).';

/** Where `page` (the WHATWG URL parser in zod) and its pattern here differ; exotic spellings the widget never sends. */
export const PAGE_DIVERGENCES = [
  'a host written in Unicode (https://例子.中国/), which the URL parser converts to punycode — the widget sends location.origin, which is punycode already',
  'percent-encoded hosts (https://ex%61mple.com/)',
  'IPv4 addresses other than four decimal numbers (https://127.1/, https://0x7f.0.0.1/, https://2130706433/)',
  'tabs and line breaks before the path, which the URL parser deletes',
  'labels starting with xn-- that are not valid punycode, which the URL parser rejects and the pattern accepts',
];

// ---------------------------------------------------------------------------------------------
// Regular expressions, kept to what ECMA-262, Java (java.util.regex) and Go (RE2) all read alike:
// no lookaround, no \s, no \u escapes (characters beyond Latin-1 are written as themselves).

/** The characters String.prototype.trim() removes (zod trims a URL before parsing it). */
const TRIM = '\\t\\n\\x0B\\f\\r \\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF';

const h16 = '[0-9A-Fa-f]{1,4}';
const decOctet = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const ipv4 = `${decOctet}(?:\\.${decOctet}){3}`;
const ls32 = `(?:${h16}:${h16}|${ipv4})`;
/** RFC 3986's IPv6address, which is what the WHATWG URL parser accepts between brackets. */
const ipv6 = [
  `(?:${h16}:){6}${ls32}`,
  `::(?:${h16}:){5}${ls32}`,
  `(?:${h16})?::(?:${h16}:){4}${ls32}`,
  `(?:(?:${h16}:){0,1}${h16})?::(?:${h16}:){3}${ls32}`,
  `(?:(?:${h16}:){0,2}${h16})?::(?:${h16}:){2}${ls32}`,
  `(?:(?:${h16}:){0,3}${h16})?::${h16}:${ls32}`,
  `(?:(?:${h16}:){0,4}${h16})?::${ls32}`,
  `(?:(?:${h16}:){0,5}${h16})?::${h16}`,
  `(?:(?:${h16}:){0,6}${h16})?::`,
].join('|');

// A host name: ASCII without the URL parser's forbidden domain code points (and without %).
const L = "[-!\"$&'()*+,0-9;=A-Z_`a-z{}~]";
const nonDigit = "[-!\"$&'()*+,;=A-Z_`a-z{}~]";
const nonDigitNorX = "[-!\"$&'()*+,;=A-WYZ_`a-wyz{}~]";
const nonHex = "[-!\"$&'()*+,;=G-Z_`g-z{}~]";
/**
 * The last label must not be a number (decimal, or 0x hex), or the parser reads the host as an
 * IPv4 address: a label with a non-digit that is not 0x followed by hex digits only.
 */
const notNumber = [`${nonDigit}${L}*`, `[1-9][0-9]*${nonDigit}${L}*`, `0[0-9]+${nonDigit}${L}*`, `0${nonDigitNorX}${L}*`, `0[Xx][0-9A-Fa-f]*${nonHex}${L}*`].join('|');
const domain = `(?:${L}*\\.)*(?:(?:${notNumber})|(?:${notNumber})?\\.)`;
const port = '(?::0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?';

/** `page`: what `z.url({ protocol: /^https?$/ })` accepts (trimmed, then parsed by the WHATWG URL parser). */
export const HTTP_URL =
  `^[${TRIM}]*[Hh][Tt][Tt][Pp][Ss]?://[/\\\\]*(?:[^/\\\\?#]*@)?` +
  `(?:${domain}|${ipv4}\\.?|\\[(?:${ipv6})\\])${port}` +
  `(?:[/\\\\?#][\\s\\S]*)?[\\x00-\\x20]*[${TRIM}]*$`;

// ---------------------------------------------------------------------------------------------

/** The fields naming the service record and the evaluator, the same in both bodies. */
const SERVICE_RECORD = {
  projectNo: '办件编号.',
  serviceNumber: 'Number of the service record.',
  taskCode: '事项编码.',
  taskName: '事项名称.',
  deptCode: 'Code of the responsible department.',
  deptName: 'Name of the responsible department.',
  areaCode: '行政区划代码.',
  evaluatorToken: 'Opaque token the gateway resolves to the evaluator; never personal data.',
  ticket: 'Opaque server-issued token, passed through unchanged.',
};

const PROPERTY_DESCRIPTIONS = {
  evaluation: {
    schema: 'Payload version; a breaking change gets a new one.',
    id: 'UUID (v7) of the rating, the same on every retry and in the Idempotency-Key header: store each id once.',
    createdAt: 'When the citizen submitted, ISO 8601 with offset (China Standard Time, +08:00).',
    sentAt: 'When this attempt was sent.',
    attempt: 'Delivery attempt, 1 for the first.',
    scale: 'five-level (非常满意 … 非常不满意) or good-bad (好评/差评).',
    level: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; present exactly on the five-level scale.',
    verdict: 'bad (差评) for levels 1–2, good for 3–5; the choice itself on the good-bad scale.',
    tags: 'Reason tag codes chosen, e.g. N01.',
    tagVersion: 'Version of the reason-tag catalog shown.',
    comment: 'The citizen’s comment.',
    ...SERVICE_RECORD,
    channel: 'Where the rating was given (gov-cn pf: pc 1, mobile 2, qrcode 3, hall-pad 4, hall-terminal 5, sms 6).',
    assessNumber: '1, or 2 for a 追评 (follow-up rating).',
    page: `http(s) address of the page, without query string or fragment as the widget sends it. Parsed by the WHATWG URL parser in parseEvaluation(); this pattern accepts the same except: ${PAGE_DIVERGENCES.join('; ')}.`,
    locale: 'Language of the widget, e.g. zh-CN.',
    dwellMs: 'Milliseconds between the widget showing and the submission.',
    sdkVersion: 'Version of the SDK that sent the rating.',
  },
  govCn: {
    evaluationId: 'UUID (v7) of the rating, also the Idempotency-Key header: store each id once.',
    ...SERVICE_RECORD,
    pf: 'Channel: 1 pc, 2 mobile, 3 qrcode, 4 hall-pad, 5 hall-terminal, 6 sms (7 系统默认评价 is never sent).',
    satisfaction: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.',
    evalDetail: 'Reason tag codes joined by commas ("N01,N08"), "" when none.',
    tagVersion: 'Version of the reason-tag catalog shown.',
    writingEvaluation: 'The citizen’s comment.',
    assessNumber: '1, or 2 for a 追评 (follow-up rating).',
    assessTime: 'When the citizen submitted: yyyy-MM-dd HH:mm:ss in China Standard Time.',
  },
};

/** zod checks this script knows how JSON Schema carries (or, for `custom`, adds by hand). */
const KNOWN_CHECKS = new Set(['min_length', 'max_length', 'string_format', 'greater_than', 'less_than', 'number_format']);

/** The JSON Schemas, as objects: { 'evaluation.schema.json': …, 'gov-cn.schema.json': … }. */
export async function jsonSchemas() {
  const { version } = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8'));
  const schema = await import(new URL('dist/schema.js', ROOT).href);
  const { evaluationSchema, govCnEvaluationSchema, LEVELS, verdictOf, PAYLOAD_SCHEMA } = schema;

  /** The level → verdict refinement, from the same verdictOf() the payload uses. */
  const levelsOf = (verdict) => LEVELS.filter((level) => verdictOf(level) === verdict).sort();
  const refinements = [
    {
      // level is required on the five-level scale and absent on good-bad
      if: { properties: { scale: { const: 'five-level' } }, required: ['scale'] },
      then: { required: ['level'] },
      else: { not: { required: ['level'] } },
    },
    ...['good', 'bad'].map((verdict) => ({
      // verdict must be "bad" for levels 1–2 and "good" for 3–5
      if: { properties: { level: { enum: levelsOf(verdict) } }, required: ['level'] },
      then: { properties: { verdict: { const: verdict } } },
    })),
  ];

  const override = (root, descriptions) => ({ zodSchema, jsonSchema, path }) => {
    const def = zodSchema._zod.def;
    const checks = def.checks ?? [];
    const custom = checks.filter((c) => c._zod.def.check === 'custom');
    for (const c of checks) {
      const kind = c._zod.def.check;
      if (kind !== 'custom' && !KNOWN_CHECKS.has(kind)) throw new Error(`${path.join('.') || '(body)'}: zod check "${kind}" has no JSON Schema rule in scripts/json-schema.mjs`);
    }
    if (def.type === 'pipe' || def.type === 'transform') throw new Error(`${path.join('.')}: a transform cannot be checked by JSON Schema`);
    if (zodSchema === evaluationSchema) {
      if (custom.length !== 2) throw new Error(`evaluationSchema has ${custom.length} refinements; scripts/json-schema.mjs expresses 2: update it`);
      jsonSchema.allOf = refinements;
    } else if (custom.length > 0) {
      throw new Error(`${path.join('.') || '(body)'}: a refinement JSON Schema cannot see; express it in scripts/json-schema.mjs`);
    }
    // Regular expressions with flags: JSON Schema has none (write /[a-fA-F]/, not /[a-f]/i).
    for (const regex of [...(zodSchema._zod.bag.patterns ?? []), ...checks.map((c) => c._zod.def.pattern).filter(Boolean)]) {
      if (regex.flags.replace('u', '')) throw new Error(`${path.join('.')}: /${regex.source}/${regex.flags} has flags JSON Schema cannot carry: spell the pattern without them`);
    }
    if (def.format === 'url') {
      if (def.protocol?.source !== '^https?$' || def.hostname || def.normalize) throw new Error(`${path.join('.')}: only z.url({ protocol: /^https?$/ }) has a pattern here`);
      // format "uri" (RFC 3986) refuses addresses the URL parser accepts: the pattern is the rule.
      delete jsonSchema.format;
      jsonSchema.pattern = HTTP_URL;
    }
    if (path.length === 2 && path[0] === 'properties') {
      const description = descriptions[path[1]];
      if (!description) throw new Error(`${path[1]}: no description in scripts/json-schema.mjs`);
      jsonSchema.description = description;
    }
    if (zodSchema === root) {
      for (const name of Object.keys(descriptions)) if (!(name in jsonSchema.properties)) throw new Error(`${name} is described but not in the schema`);
    }
  };
  const convert = (zodSchema, descriptions) => toJSONSchema(zodSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw', override: override(zodSchema, descriptions) });

  const header = (file, title, description) => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaUrl(version, file),
    title,
    description,
  });
  const evaluation = {
    ...header(
      'evaluation.schema.json',
      `haochaping evaluation (${PAYLOAD_SCHEMA})`,
      `The canonical body <hcp-rating> POSTs (Content-Type: application/json, Idempotency-Key: <id>), generated from haochaping/schema ${version} (evaluationSchema): a validator accepts and rejects what parseEvaluation() does. Unknown fields are allowed and ignored. ${LENGTH_NOTE} \`page\`: see its description. Answer 422 for a body this schema rejects, 2xx for a valid one (also when the id was stored before).`,
    ),
    ...convert(evaluationSchema, PROPERTY_DESCRIPTIONS.evaluation),
  };
  const govCn = {
    ...header(
      'gov-cn.schema.json',
      'haochaping evaluation, gov-cn field names',
      `The body <hcp-rating format="gov-cn"> POSTs, in the field names of provincial 好差评 systems, generated from haochaping/schema ${version} (govCnEvaluationSchema): a validator accepts and rejects what parseGovCnEvaluation() does. Unknown fields are allowed and ignored. ${LENGTH_NOTE}`,
    ),
    ...convert(govCnEvaluationSchema, PROPERTY_DESCRIPTIONS.govCn),
  };
  // toJSONSchema writes its own $schema; keep ours first.
  return { 'evaluation.schema.json': evaluation, 'gov-cn.schema.json': govCn };
}

/** The text of each file, as written: the invisible spaces in `page`'s pattern as \\u escapes, so the file can be read. */
export const serialize = (schema) =>
  `${JSON.stringify(schema, null, 2)}\n`.replace(/[\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await mkdir(new URL('dist/', ROOT), { recursive: true });
  for (const [file, schema] of Object.entries(await jsonSchemas())) {
    await writeFile(new URL(`dist/${file}`, ROOT), serialize(schema));
    console.log(`dist/${file}`);
  }
}
