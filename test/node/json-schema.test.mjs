// dist/evaluation.schema.json and dist/gov-cn.schema.json (scripts/json-schema.mjs) are for
// gateways in other languages. A standard validator (ajv, draft 2020-12, formats asserted) must
// accept and reject exactly what parseEvaluation() / parseGovCnEvaluation() do: every case below
// states the verdict it expects, and both validators must give it. The few documented
// differences are cases of their own, checked to differ exactly as the schemas say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseEvaluation, parseGovCnEvaluation, CONTEXT_LIMITS, COMMENT_CEILING } from 'haochaping/schema';
import { jsonSchemas, serialize, PAGE_DIVERGENCES, LENGTH_NOTE } from '../../scripts/json-schema.mjs';
import { importTs } from '../../scripts/import-ts.mjs';
import { evaluationFixture } from '../support/fixtures.mjs';

const read = async (file) => readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
const texts = { evaluation: await read('evaluation.schema.json'), govCn: await read('gov-cn.schema.json') };
const schemas = { evaluation: JSON.parse(texts.evaluation), govCn: JSON.parse(texts.govCn) };

// strict: unknown keywords, ambiguous types and unknown formats are errors, not silently ignored;
// but `required` in the if/then of the refinements names properties defined at the top level.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validate = { evaluation: ajv.compile(schemas.evaluation), govCn: ajv.compile(schemas.govCn) };
const parse = { evaluation: parseEvaluation, govCn: parseGovCnEvaluation };

/** Both verdicts on a body, as it arrives: JSON text parsed. */
function verdicts(kind, body) {
  const json = JSON.parse(JSON.stringify(body));
  const zod = parse[kind](json);
  const schema = validate[kind](json);
  return {
    zod: zod.ok,
    ajv: schema,
    why: `parseEvaluation: ${zod.ok ? 'valid' : JSON.stringify(zod.errors)}; ajv: ${schema ? 'valid' : ajv.errorsText(validate[kind].errors)}`,
  };
}

/** A test per case: both validators give the expected verdict. */
function parity(kind, cases) {
  const names = new Set();
  for (const { name, body, valid } of cases) {
    assert.ok(!names.has(name), `two cases are called "${name}"`);
    names.add(name);
    test(`${valid ? 'accepts' : 'rejects'}: ${name}`, () => {
      const v = verdicts(kind, body);
      assert.equal(v.zod, valid, `parseEvaluation should ${valid ? 'accept' : 'reject'} this body (the corpus is wrong otherwise): ${v.why}`);
      assert.equal(v.ajv, valid, `the JSON Schema should ${valid ? 'accept' : 'reject'} it like parseEvaluation: ${v.why}`);
    });
  }
}

const without = (body, field) => {
  const copy = { ...body };
  delete copy[field];
  return copy;
};
const chars = (n, c = '办') => c.repeat(n);

// ------------------------------------------------------------------------------------------
// Real bodies: what the SDK's own payload code (src/payload/build.ts, body.ts) puts on the wire.

const { buildEvaluation } = await importTs('src/payload/build.ts');
const { requestBody } = await importTs('src/payload/body.ts');
const context = { projectNo: 'SZ2026112700123', serviceNumber: 'FW2026112700456', taskCode: '11440300007542476M4440116001000', taskName: '居民身份证换领', deptCode: '11440300007542476M', deptName: '深圳市公安局', areaCode: '440300', evaluatorToken: 'tok_5f2c', ticket: 'tkt-88' };
const draft = (choice, extra = {}) => ({ choice, tags: [], tagVersion: 'default-1', comment: '', channel: 'pc', locale: 'zh-CN', dwellMs: 5230.4, ...extra });
const real = [
  ['five-level 非常满意 with a positive tag', { scale: 'five-level', context }, draft(5, { tags: ['P01'], page: 'https://www.example.gov.cn/banjian/result' })],
  ['five-level 满意, no context', { scale: 'five-level', context: {} }, draft(4)],
  ['five-level 基本满意 from a hall pad', { scale: 'five-level', context: { areaCode: '440300' } }, draft(3, { channel: 'hall-pad', locale: 'en' })],
  ['five-level 不满意 with tags and a comment', { scale: 'five-level', context }, draft(2, { tags: ['N01', 'N08'], comment: '  排队时间太长  ', page: 'http://localhost:8000/demo/' })],
  ['five-level 非常不满意, 追评', { scale: 'five-level', context }, draft(1, { tags: ['N99'], comment: '其他', assessNumber: 2, channel: 'mobile', locale: 'zh-TW' })],
  ['good-bad 好评', { scale: 'good-bad', context }, draft('good', { channel: 'qrcode' })],
  ['good-bad 差评 with a comment', { scale: 'good-bad', context: { projectNo: 'P-1' } }, draft('bad', { comment: 'too slow', channel: 'sms' })],
];
const realBodies = real.map(([name, setting, d], i) => ({
  name,
  evaluation: buildEvaluation(setting, d, new Date(Date.UTC(2026, 10, 27, 1, 30, i))),
}));
const wire = (evaluation, format, attempt = 1) => JSON.parse(requestBody(evaluation, format, attempt, new Date(Date.UTC(2026, 10, 27, 1, 31))));

// ------------------------------------------------------------------------------------------
// The canonical payload.

const base = wire(buildEvaluation({ scale: 'five-level', context }, draft(2, { tags: ['N01', 'N08'], comment: '排队时间太长', page: 'https://www.example.gov.cn/banjian/result' })), 'canonical');
const REQUIRED = ['schema', 'id', 'createdAt', 'scale', 'verdict', 'tags', 'tagVersion', 'channel', 'assessNumber', 'locale', 'dwellMs', 'sdkVersion'];
const OPTIONAL = ['sentAt', 'attempt', 'comment', 'page', ...Object.keys(CONTEXT_LIMITS)];

const timestamps = {
  valid: {
    'with +08:00': '2026-11-27T09:30:00.000+08:00',
    'in UTC (Z)': '2026-11-27T01:30:00.000Z',
    'west of UTC (-05:00)': '2026-11-26T20:30:00.000-05:00',
    'without fraction': '2026-11-27T09:30:00+08:00',
    'with 9 fraction digits': '2026-11-27T09:30:00.123456789+08:00',
    'on a leap day (2028-02-29)': '2028-02-29T09:30:00+08:00',
    'on 2000-02-29 (divisible by 400)': '2000-02-29T00:00:00Z',
    'at 23:59:59 and +23:59': '2026-12-31T23:59:59+23:59',
  },
  invalid: {
    'without offset (local time)': '2026-11-27T09:30:00.000',
    'date only': '2026-11-27',
    'month 13': '2026-13-27T09:30:00Z',
    '30 February': '2026-02-30T09:30:00Z',
    '29 February of a common year': '2026-02-29T09:30:00Z',
    '29 February 1900 (not a leap year)': '1900-02-29T00:00:00Z',
    '31 April': '2026-04-31T09:30:00Z',
    'hour 24': '2026-11-27T24:00:00Z',
    'second 60 (leap second)': '2026-12-31T23:59:60Z',
    'lowercase t and z': '2026-11-27t09:30:00z',
    'a space instead of T': '2026-11-27 09:30:00+08:00',
    'offset +24:00': '2026-11-27T09:30:00+24:00',
    'offset without colon (+0800)': '2026-11-27T09:30:00+0800',
    'a dot without fraction digits': '2026-11-27T09:30:00.+08:00',
    'trailing text': '2026-11-27T09:30:00Z later',
    'a Unix timestamp as a string': '1764207000',
    'the gov-cn form': '2026-11-27 09:30:00',
  },
};

const pages = {
  valid: {
    'an https page': 'https://www.example.gov.cn/banjian/result',
    'http on localhost with a port': 'http://localhost:8000/demo/',
    'no path': 'https://example.com',
    'uppercase scheme and host': 'HTTPS://WWW.EXAMPLE.GOV.CN/',
    'surrounding spaces (zod trims)': '  https://example.com/  ',
    'surrounding ideographic spaces (trimmed)': '\u3000https://example.com/\u3000',
    'a trailing control character (the URL parser drops it)': 'https://example.com\u0001',
    'user and password': 'https://user:pass@example.com/',
    'an empty user': 'https://@example.com/',
    'extra slashes after the scheme': 'https:///example.com/',
    'a backslash after the scheme': 'https://\\example.com/',
    'a backslash as the path': 'https://example.com\\path',
    'query and fragment (accepted, though the widget strips them)': 'https://example.com/a?b=c#d',
    'non-ASCII path': 'https://example.com/办事指南',
    'a space in the path': 'https://example.com/a b',
    'IPv4': 'https://192.168.1.10/',
    'IPv4 with a trailing dot': 'https://1.2.3.4./',
    'IPv6 with port': 'https://[::1]:8443/',
    'IPv6 in full': 'https://[2001:db8:0:0:0:0:0:1]/',
    'IPv6 with embedded IPv4': 'https://[::ffff:192.168.1.10]/',
    'IPv6 ending in ::': 'https://[1:2:3:4:5:6:7::]/',
    'port 65535': 'https://example.com:65535/',
    'port with leading zeros': 'https://example.com:0080/',
    'empty port': 'https://example.com:/',
    'underscore in the host': 'https://a_b.example.com/',
    'sub-delimiters in the host': "https://a!b$c&d'e(f)g*h+i,j;k=l.example/",
    'punycode host': 'https://xn--fsqu00a.xn--fiqs8s/',
    'trailing dot in the host': 'https://example.com./',
    'empty labels in the host': 'https://a..b/',
    'a last label like hex, but not hex (0x1g)': 'https://a.0x1g/',
    'a last label starting with digits (1e2)': 'https://1e2/',
    'a last label like octal, but not octal (08x)': 'https://08x/',
  },
  invalid: {
    'ftp': 'ftp://example.com/',
    'javascript:': 'javascript:alert(1)',
    'mailto:': 'mailto:a@example.com',
    'no slashes (https:host)': 'https:example.com',
    'one slash': 'https:/example.com',
    'backslashes instead of ://': 'https:\\\\example.com',
    'scheme-relative': '//example.com/',
    'a bare host': 'example.com',
    'empty string': '',
    'only the scheme': 'https://',
    'empty host before the path': 'https:///',
    'empty host before the query': 'https://?q',
    'user but no host': 'https://user@/',
    'port 65536': 'https://example.com:65536/',
    'port with a letter': 'https://example.com:8a/',
    'space in the host': 'https://exa mple.com/',
    'caret in the host': 'https://a^b/',
    'pipe in the host': 'https://a|b/',
    'angle bracket in the host': 'https://a<b/',
    'a control character before the scheme': '\u0001https://example.com/',
    'numeric last label after a name (a.b.1)': 'https://a.b.1/',
    'an IPv4 octet over 255': 'https://256.1.1.1/',
    'five IPv4 parts': 'https://1.2.3.4.5/',
    'invalid octal (09)': 'https://09/',
    '0x with a name before it': 'https://a.0x/',
    'IPv6 without the closing bracket': 'https://[::1/',
    'IPv6 with :::': 'https://[:::]/',
    'IPv6 with nine groups': 'https://[1:2:3:4:5:6:7:8:9]/',
    'IPv6 with text after the bracket': 'https://[::1]x/',
  },
};

const canonicalCases = [
  ...realBodies.map(({ name, evaluation }) => ({ name: `real body: ${name}`, body: wire(evaluation, 'canonical'), valid: true })),
  ...realBodies.map(({ name, evaluation }) => ({ name: `real body, as queued (no sentAt/attempt): ${name}`, body: evaluation, valid: true })),
  { name: 'the hand-built fixture (test/support/fixtures.mjs)', body: evaluationFixture(), valid: true },
  { name: 'the README example', body: { schema: 'haochaping.evaluation/1', id: '0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', createdAt: '2026-11-27T09:30:00.000+08:00', sentAt: '2026-11-27T09:30:01.000+08:00', attempt: 1, scale: 'five-level', level: 2, verdict: 'bad', tags: ['N01', 'N08'], tagVersion: 'default-1', comment: '排队时间太长', projectNo: 'SZ2026112700123', serviceNumber: 'FW2026112700456', taskCode: '…', deptName: '…', areaCode: '440300', channel: 'pc', assessNumber: 1, page: 'https://www.example.gov.cn/banjian/result', locale: 'zh-CN', dwellMs: 5230, sdkVersion: '0.1.0' }, valid: true },

  // The body itself.
  { name: 'body null', body: null, valid: false },
  { name: 'body an array', body: [base], valid: false },
  { name: 'body a string', body: JSON.stringify(base), valid: false },
  { name: 'body a number', body: 1, valid: false },
  { name: 'body {}', body: {}, valid: false },
  { name: 'an unknown field (ignored by both)', body: { ...base, extra: { nested: true } }, valid: true },
  { name: 'an unknown field named like a gov-cn one (ignored)', body: { ...base, satisfaction: 9 }, valid: true },

  // Presence.
  ...REQUIRED.map((field) => ({ name: `${field} missing`, body: without(base, field), valid: false })),
  ...OPTIONAL.map((field) => ({ name: `${field} absent (optional)`, body: without(base, field), valid: true })),
  ...[...REQUIRED, ...OPTIONAL, 'level'].map((field) => ({ name: `${field} null`, body: { ...base, [field]: null }, valid: false })),

  // Types.
  ...['schema', 'id', 'createdAt', 'sentAt', 'scale', 'verdict', 'tagVersion', 'comment', 'channel', 'page', 'locale', 'sdkVersion', ...Object.keys(CONTEXT_LIMITS)].map((field) => ({ name: `${field} a number`, body: { ...base, [field]: 1 }, valid: false })),
  ...['attempt', 'level', 'assessNumber', 'dwellMs'].map((field) => ({ name: `${field} a numeric string`, body: { ...base, [field]: '1' }, valid: false })),
  ...['attempt', 'level', 'dwellMs'].map((field) => ({ name: `${field} a fraction`, body: { ...base, [field]: 1.5 }, valid: false })),
  ...['attempt', 'dwellMs'].map((field) => ({ name: `${field} beyond the safe integers (2^53)`, body: { ...base, [field]: 2 ** 53 }, valid: false })),
  ...['attempt', 'dwellMs'].map((field) => ({ name: `${field} the largest safe integer`, body: { ...base, [field]: Number.MAX_SAFE_INTEGER }, valid: true })),
  { name: 'tags a string', body: { ...base, tags: 'N01,N08' }, valid: false },
  { name: 'tags an object', body: { ...base, tags: { 0: 'N01' } }, valid: false },
  { name: 'a tag a number', body: { ...base, tags: [1] }, valid: false },
  { name: 'level a boolean', body: { ...base, level: true }, valid: false },

  // Lengths (BMP characters: both count them alike) and ranges.
  ...Object.entries(CONTEXT_LIMITS).flatMap(([field, max]) => [
    { name: `${field} at its limit (${max})`, body: { ...base, [field]: chars(max) }, valid: true },
    { name: `${field} one over its limit (${max + 1})`, body: { ...base, [field]: chars(max + 1) }, valid: false },
    { name: `${field} empty`, body: { ...base, [field]: '' }, valid: false },
  ]),
  { name: `comment at the ceiling (${COMMENT_CEILING})`, body: { ...base, comment: chars(COMMENT_CEILING) }, valid: true },
  { name: `comment one over the ceiling`, body: { ...base, comment: chars(COMMENT_CEILING + 1) }, valid: false },
  { name: 'comment empty', body: { ...base, comment: '' }, valid: false },
  // Lengths are code points in both (zod 4.6 counts them like JSON Schema), not UTF-16 units.
  { name: `comment of ${COMMENT_CEILING} emoji (twice as many UTF-16 units)`, body: { ...base, comment: chars(COMMENT_CEILING, '😀') }, valid: true },
  { name: `comment of ${COMMENT_CEILING + 1} emoji`, body: { ...base, comment: chars(COMMENT_CEILING + 1, '😀') }, valid: false },
  { name: 'taskName of 200 CJK Extension B characters', body: { ...base, taskName: chars(200, '𠀀') }, valid: true },
  { name: 'taskName of 201 CJK Extension B characters', body: { ...base, taskName: chars(201, '𠀀') }, valid: false },
  { name: 'locale of one emoji (two UTF-16 units, one code point)', body: { ...base, locale: '😀' }, valid: false },
  { name: 'locale of two emoji', body: { ...base, locale: '😀😀' }, valid: true },
  { name: 'comment of lone surrogates at the ceiling', body: { ...base, comment: chars(COMMENT_CEILING, '\ud800') }, valid: true },
  { name: 'comment of lone surrogates one over', body: { ...base, comment: chars(COMMENT_CEILING + 1, '\udc00') }, valid: false },
  { name: 'comment only spaces (not trimmed by the server)', body: { ...base, comment: '   ' }, valid: true },
  { name: 'tagVersion at 64', body: { ...base, tagVersion: 'v'.repeat(64) }, valid: true },
  { name: 'tagVersion 65', body: { ...base, tagVersion: 'v'.repeat(65) }, valid: false },
  { name: 'tagVersion empty', body: { ...base, tagVersion: '' }, valid: false },
  { name: 'sdkVersion at 32', body: { ...base, sdkVersion: '1'.repeat(32) }, valid: true },
  { name: 'sdkVersion 33', body: { ...base, sdkVersion: '1'.repeat(33) }, valid: false },
  { name: 'sdkVersion empty', body: { ...base, sdkVersion: '' }, valid: false },
  { name: 'locale of 2 characters', body: { ...base, locale: 'zh' }, valid: true },
  { name: 'locale of 1 character', body: { ...base, locale: 'z' }, valid: false },
  { name: 'locale at 35', body: { ...base, locale: 'x'.repeat(35) }, valid: true },
  { name: 'locale 36', body: { ...base, locale: 'x'.repeat(36) }, valid: false },
  { name: 'attempt 0', body: { ...base, attempt: 0 }, valid: false },
  { name: 'attempt -1', body: { ...base, attempt: -1 }, valid: false },
  { name: 'attempt 1e300', body: { ...base, attempt: 1e300 }, valid: false },
  { name: 'dwellMs 0', body: { ...base, dwellMs: 0 }, valid: true },
  { name: 'dwellMs -1', body: { ...base, dwellMs: -1 }, valid: false },
  { name: 'level 0', body: { ...base, level: 0, verdict: 'bad' }, valid: false },
  { name: 'level 6', body: { ...base, level: 6, verdict: 'good' }, valid: false },

  // Tags.
  { name: 'no tags', body: { ...base, tags: [] }, valid: true },
  { name: '100 tags', body: { ...base, tags: Array.from({ length: 100 }, (_, i) => `N${i}`) }, valid: true },
  { name: '101 tags', body: { ...base, tags: Array.from({ length: 101 }, (_, i) => `N${i}`) }, valid: false },
  { name: 'the same tag twice (not checked)', body: { ...base, tags: ['N01', 'N01'] }, valid: true },
  { name: 'a tag of 32 characters', body: { ...base, tags: ['N'.repeat(32)] }, valid: true },
  { name: 'a tag of 33 characters', body: { ...base, tags: ['N'.repeat(33)] }, valid: false },
  { name: 'an empty tag', body: { ...base, tags: [''] }, valid: false },
  { name: 'a tag with a space', body: { ...base, tags: ['N 01'] }, valid: false },
  { name: 'a tag with a comma', body: { ...base, tags: ['N01,N08'] }, valid: false },
  { name: 'a tag in Chinese', body: { ...base, tags: ['等待时间长'] }, valid: false },
  { name: 'tags with _ and -', body: { ...base, tags: ['a_b-C9'] }, valid: true },

  // Enums and constants.
  { name: 'schema version 2', body: { ...base, schema: 'haochaping.evaluation/2' }, valid: false },
  { name: 'scale in capitals', body: { ...base, scale: 'FIVE-LEVEL' }, valid: false },
  { name: 'scale unknown', body: { ...base, scale: 'stars' }, valid: false },
  { name: 'verdict unknown', body: { ...base, verdict: 'meh' }, valid: false },
  { name: 'channel unknown (fax)', body: { ...base, channel: 'fax' }, valid: false },
  { name: 'channel as its pf code', body: { ...base, channel: 1 }, valid: false },
  ...['pc', 'mobile', 'qrcode', 'hall-pad', 'hall-terminal', 'sms'].map((channel) => ({ name: `channel ${channel}`, body: { ...base, channel }, valid: true })),
  { name: 'assessNumber 2 (追评)', body: { ...base, assessNumber: 2 }, valid: true },
  { name: 'assessNumber 3', body: { ...base, assessNumber: 3 }, valid: false },
  { name: 'assessNumber 0', body: { ...base, assessNumber: 0 }, valid: false },
  { name: 'assessNumber 1.5', body: { ...base, assessNumber: 1.5 }, valid: false },

  // The refinements: level and scale, level and verdict.
  ...[5, 4, 3].map((level) => ({ name: `level ${level} with verdict good`, body: { ...base, level, verdict: 'good' }, valid: true })),
  ...[5, 4, 3].map((level) => ({ name: `level ${level} with verdict bad`, body: { ...base, level, verdict: 'bad' }, valid: false })),
  ...[2, 1].map((level) => ({ name: `level ${level} with verdict bad`, body: { ...base, level, verdict: 'bad' }, valid: true })),
  ...[2, 1].map((level) => ({ name: `level ${level} with verdict good`, body: { ...base, level, verdict: 'good' }, valid: false })),
  { name: 'five-level without level', body: without(base, 'level'), valid: false },
  { name: 'good-bad with a level', body: { ...base, scale: 'good-bad' }, valid: false },
  { name: 'good-bad without level, good', body: { ...without(base, 'level'), scale: 'good-bad', verdict: 'good' }, valid: true },
  { name: 'good-bad without level, bad', body: { ...without(base, 'level'), scale: 'good-bad', verdict: 'bad' }, valid: true },
  { name: 'good-bad with an out-of-range level', body: { ...base, scale: 'good-bad', level: 9 }, valid: false },

  // Ids.
  { name: 'id in capitals', body: { ...base, id: base.id.toUpperCase() }, valid: true },
  { name: 'id of version 4', body: { ...base, id: '2f1e7c1a-9b3d-4e5f-8a9b-0c1d2e3f4a5b' }, valid: true },
  { name: 'id of version 0', body: { ...base, id: '0193a5b2-7c3d-0e4f-8a9b-0c1d2e3f4a5b' }, valid: false },
  { name: 'id of version 9', body: { ...base, id: '0193a5b2-7c3d-9e4f-8a9b-0c1d2e3f4a5b' }, valid: false },
  { name: 'id with variant c', body: { ...base, id: '0193a5b2-7c3d-7e4f-ca9b-0c1d2e3f4a5b' }, valid: false },
  { name: 'id without hyphens', body: { ...base, id: '0193a5b27c3d7e4f8a9b0c1d2e3f4a5b' }, valid: false },
  { name: 'id in braces', body: { ...base, id: `{${base.id}}` }, valid: false },
  { name: 'id with a non-hex letter', body: { ...base, id: '0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5g' }, valid: false },
  { name: 'id one character short', body: { ...base, id: base.id.slice(0, -1) }, valid: false },
  { name: 'id the nil UUID', body: { ...base, id: '00000000-0000-0000-0000-000000000000' }, valid: false },

  // Dates, in createdAt and sentAt.
  ...['createdAt', 'sentAt'].flatMap((field) => [
    ...Object.entries(timestamps.valid).map(([what, value]) => ({ name: `${field} ${what}`, body: { ...base, [field]: value }, valid: true })),
    ...Object.entries(timestamps.invalid).map(([what, value]) => ({ name: `${field} ${what}`, body: { ...base, [field]: value }, valid: false })),
  ]),

  // page.
  ...Object.entries(pages.valid).map(([what, page]) => ({ name: `page: ${what}`, body: { ...base, page }, valid: true })),
  ...Object.entries(pages.invalid).map(([what, page]) => ({ name: `page: ${what}`, body: { ...base, page }, valid: false })),
];

// ------------------------------------------------------------------------------------------
// gov-cn.

const gov = wire(buildEvaluation({ scale: 'five-level', context }, draft(2, { tags: ['N01', 'N08'], comment: '排队时间太长' })), 'gov-cn');
const GOV_REQUIRED = ['evaluationId', 'pf', 'satisfaction', 'evalDetail', 'tagVersion', 'assessNumber', 'assessTime'];
const GOV_OPTIONAL = ['writingEvaluation', ...Object.keys(CONTEXT_LIMITS)];
const govCases = [
  ...realBodies.filter(({ evaluation }) => evaluation.scale === 'five-level').map(({ name, evaluation }) => ({ name: `real body: ${name}`, body: wire(evaluation, 'gov-cn'), valid: true })),
  { name: 'body null', body: null, valid: false },
  { name: 'body an array', body: [gov], valid: false },
  { name: 'body {}', body: {}, valid: false },
  { name: 'a canonical body', body: base, valid: false },
  { name: 'an unknown field (ignored by both)', body: { ...gov, userName: '张三' }, valid: true },
  ...GOV_REQUIRED.map((field) => ({ name: `${field} missing`, body: without(gov, field), valid: false })),
  ...GOV_OPTIONAL.map((field) => ({ name: `${field} absent (optional)`, body: without(gov, field), valid: true })),
  ...[...GOV_REQUIRED, ...GOV_OPTIONAL].map((field) => ({ name: `${field} null`, body: { ...gov, [field]: null }, valid: false })),
  ...['evaluationId', 'evalDetail', 'tagVersion', 'writingEvaluation', 'assessTime', ...Object.keys(CONTEXT_LIMITS)].map((field) => ({ name: `${field} a number`, body: { ...gov, [field]: 1 }, valid: false })),
  ...['pf', 'satisfaction', 'assessNumber'].map((field) => ({ name: `${field} a numeric string`, body: { ...gov, [field]: '1' }, valid: false })),
  ...['pf', 'satisfaction'].map((field) => ({ name: `${field} a fraction`, body: { ...gov, [field]: 1.5 }, valid: false })),
  ...[1, 2, 3, 4, 5, 6].map((pf) => ({ name: `pf ${pf}`, body: { ...gov, pf }, valid: true })),
  { name: 'pf 0', body: { ...gov, pf: 0 }, valid: false },
  { name: 'pf 7 (系统默认评价, never sent)', body: { ...gov, pf: 7 }, valid: false },
  ...[1, 2, 3, 4, 5].map((satisfaction) => ({ name: `satisfaction ${satisfaction}`, body: { ...gov, satisfaction }, valid: true })),
  { name: 'satisfaction 0', body: { ...gov, satisfaction: 0 }, valid: false },
  { name: 'satisfaction 6', body: { ...gov, satisfaction: 6 }, valid: false },
  { name: 'assessNumber 2', body: { ...gov, assessNumber: 2 }, valid: true },
  { name: 'assessNumber 3', body: { ...gov, assessNumber: 3 }, valid: false },
  { name: 'evalDetail empty (no tags)', body: { ...gov, evalDetail: '' }, valid: true },
  { name: 'evalDetail one code', body: { ...gov, evalDetail: 'N01' }, valid: true },
  { name: 'evalDetail with a trailing comma', body: { ...gov, evalDetail: 'N01,' }, valid: false },
  { name: 'evalDetail with a leading comma', body: { ...gov, evalDetail: ',N01' }, valid: false },
  { name: 'evalDetail with a space after the comma', body: { ...gov, evalDetail: 'N01, N08' }, valid: false },
  { name: 'evalDetail with a code of 33 characters', body: { ...gov, evalDetail: 'N'.repeat(33) }, valid: false },
  { name: 'evalDetail with a code of 32 characters', body: { ...gov, evalDetail: `N01,${'N'.repeat(32)}` }, valid: true },
  { name: 'evalDetail an array', body: { ...gov, evalDetail: ['N01'] }, valid: false },
  { name: 'evaluationId in capitals', body: { ...gov, evaluationId: gov.evaluationId.toUpperCase() }, valid: true },
  { name: 'evaluationId of version 0', body: { ...gov, evaluationId: '0193a5b2-7c3d-0e4f-8a9b-0c1d2e3f4a5b' }, valid: false },
  { name: 'evaluationId without hyphens', body: { ...gov, evaluationId: gov.evaluationId.replaceAll('-', '') }, valid: false },
  { name: 'assessTime with a T', body: { ...gov, assessTime: '2026-11-27T09:30:00' }, valid: false },
  { name: 'assessTime with milliseconds', body: { ...gov, assessTime: '2026-11-27 09:30:00.000' }, valid: false },
  { name: 'assessTime without seconds', body: { ...gov, assessTime: '2026-11-27 09:30' }, valid: false },
  { name: 'assessTime in ISO with offset', body: { ...gov, assessTime: '2026-11-27T09:30:00+08:00' }, valid: false },
  { name: 'assessTime out of range digits (only the shape is checked, by both)', body: { ...gov, assessTime: '2026-13-45 99:99:99' }, valid: true },
  ...Object.entries(CONTEXT_LIMITS).flatMap(([field, max]) => [
    { name: `${field} at its limit (${max})`, body: { ...gov, [field]: chars(max) }, valid: true },
    { name: `${field} one over its limit`, body: { ...gov, [field]: chars(max + 1) }, valid: false },
    { name: `${field} empty`, body: { ...gov, [field]: '' }, valid: false },
  ]),
  { name: 'writingEvaluation at the ceiling', body: { ...gov, writingEvaluation: chars(COMMENT_CEILING) }, valid: true },
  { name: 'writingEvaluation one over', body: { ...gov, writingEvaluation: chars(COMMENT_CEILING + 1) }, valid: false },
  { name: 'writingEvaluation empty', body: { ...gov, writingEvaluation: '' }, valid: false },
  { name: 'writingEvaluation of 5000 CJK Extension B characters', body: { ...gov, writingEvaluation: chars(COMMENT_CEILING, '𠀀') }, valid: true },
  { name: 'writingEvaluation of 5001 CJK Extension B characters', body: { ...gov, writingEvaluation: chars(COMMENT_CEILING + 1, '𠀀') }, valid: false },
  { name: 'tagVersion 64', body: { ...gov, tagVersion: 'v'.repeat(64) }, valid: true },
  { name: 'tagVersion 65', body: { ...gov, tagVersion: 'v'.repeat(65) }, valid: false },
];

// ------------------------------------------------------------------------------------------

describe('evaluation.schema.json ≡ parseEvaluation', () => parity('evaluation', canonicalCases));
describe('gov-cn.schema.json ≡ parseGovCnEvaluation', () => parity('govCn', govCases));

test('the corpus is large and covers both verdicts', () => {
  for (const cases of [canonicalCases, govCases]) {
    assert.ok(cases.filter((c) => c.valid).length >= 20 && cases.filter((c) => !c.valid).length >= 40, `${cases.length} cases`);
  }
});

test('page: every ASCII character in the host, alone and between letters, gets the same verdict', () => {
  const mismatches = [];
  for (let code = 0; code < 128; code++) {
    const c = String.fromCharCode(code);
    // Tabs and line breaks are a documented difference (the URL parser deletes them), and so are
    // one-digit hosts (https://7/ is the IPv4 address 0.0.0.7): see `divergences` below.
    if ('\t\n\r'.includes(c)) continue;
    const alone = /[0-9]/.test(c) ? [] : [`https://${c}/`];
    for (const page of [`https://a${c}b/`, ...alone, `https://a.${c}/`, `https://${c}a.b/`, `https://x:8${c}/`]) {
      const v = verdicts('evaluation', { ...base, page });
      if (v.zod !== v.ajv) mismatches.push(`${JSON.stringify(page)}: zod ${v.zod}, JSON Schema ${v.ajv}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

/**
 * What JSON Schema cannot say the way zod does. Each is documented in the schema's description
 * (and the README); the test checks that the difference is exactly the documented one, so a
 * change that removes it shows up here too.
 */
const divergences = [
  { doc: PAGE_DIVERGENCES[0], name: 'page with a Unicode host', body: { ...base, page: 'https://例子.中国/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[1], name: 'page with a percent-encoded host', body: { ...base, page: 'https://ex%61mple.com/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[2], name: 'page with a short IPv4 (127.1)', body: { ...base, page: 'https://127.1/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[2], name: 'page with a hex IPv4', body: { ...base, page: 'https://0x7f.0.0.1/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[2], name: 'page with a 32-bit IPv4', body: { ...base, page: 'https://2130706433/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[2], name: 'page with a one-digit host (IPv4 0.0.0.7)', body: { ...base, page: 'https://7/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[3], name: 'page with a line break in the port', body: { ...base, page: 'https://example.com:8\n0/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[3], name: 'page with a tab in the host', body: { ...base, page: 'https://exa\tmple.com/' }, zod: true, ajv: false },
  { doc: PAGE_DIVERGENCES[4], name: 'page with invalid punycode', body: { ...base, page: 'https://xn--a/' }, zod: false, ajv: true },
];

for (const { doc, name, kind = 'evaluation', body, zod, ajv: json } of divergences) {
  test(`documented difference: ${name}`, () => {
    const v = verdicts(kind, body);
    assert.deepEqual({ zod: v.zod, ajv: v.ajv }, { zod, ajv: json }, `no longer the documented difference (update scripts/json-schema.mjs, the README and this list): ${v.why}`);
    assert.ok(JSON.stringify(schemas[kind]).includes(JSON.stringify(doc).slice(1, -1)), 'the schema documents it');
  });
}

test('the schemas in dist/ are what scripts/json-schema.mjs generates from this build (run `npm run build`)', async () => {
  const fresh = await jsonSchemas();
  assert.equal(texts.evaluation, serialize(fresh['evaluation.schema.json']));
  assert.equal(texts.govCn, serialize(fresh['gov-cn.schema.json']));
});

test('each schema is draft 2020-12 with its published $id, a title, a description, and every property described', async () => {
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const [file, schema] of [['evaluation.schema.json', schemas.evaluation], ['gov-cn.schema.json', schemas.govCn]]) {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, `https://cdn.jsdelivr.net/npm/haochaping@${version}/dist/${file}`);
    assert.ok(schema.title.length > 10 && schema.description.length > 100);
    for (const [name, property] of Object.entries(schema.properties)) assert.ok(property.description?.length > 3, `${file}: ${name} has no description`);
    assert.equal(schema.additionalProperties, undefined, 'unknown fields are allowed, as zod strips them');
  }
  assert.ok(schemas.evaluation.properties.page.description.includes(PAGE_DIVERGENCES[0]));
  for (const schema of Object.values(schemas)) assert.ok(schema.description.includes(LENGTH_NOTE));
});

test('the patterns use no lookaround and no \\s, \\w or \\u (Java and Go read them alike)', () => {
  const patterns = [...JSON.stringify(schemas).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
  assert.ok(patterns.length >= 8, `${patterns.length} patterns`);
  for (const pattern of patterns) {
    assert.doesNotMatch(pattern, /\(\?[=!<]/, pattern);
    // [\s\S] is any character in all three.
    assert.doesNotMatch(pattern.replace(/\\\\/g, '').replaceAll('[\\s\\S]', ''), /\\[sSwWu]|\\x\{/, pattern.slice(0, 200));
  }
});
