// The configuration check (src/config/parse.ts) by the table (src/config/options.ts), in Node:
// what each kind of key accepts, what it says when it does not, and the config it gives.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from '../../scripts/import-ts.mjs';

let parseConfig;
let ConfigError;
before(async () => {
  ({ parseConfig, ConfigError } = await importTs('src/config/parse.ts'));
});

/** The issues of `raw` as plain objects, endpoint given unless `raw` names it. */
const issuesOf = (raw) => {
  const result = parseConfig({ endpoint: '/api', ...raw });
  assert.equal(result.ok, false, `expected problems with ${JSON.stringify(raw)}`);
  return result.issues.map((i) => i.toJSON());
};
const configOf = (raw) => {
  const result = parseConfig({ endpoint: '/api', ...raw });
  assert.equal(result.ok, true, JSON.stringify(result.issues));
  return result.config;
};
const only = (raw) => {
  const issues = issuesOf(raw);
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return issues[0];
};

test('the least configuration is an endpoint; everything else has its default', () => {
  assert.deepEqual(configOf({}), {
    endpoint: '/api',
    scale: 'five-level',
    format: 'canonical',
    mode: 'inline',
    maxComment: 500,
    resetAfter: 8,
    reasonOptional: false,
    allowFollowUp: false,
    withCredentials: false,
    elder: false,
    headers: {},
    context: {},
  });
});

test('a missing endpoint says where to set it, in each of the three ways', () => {
  for (const endpoint of [undefined, null, '', '   ']) {
    const issue = parseConfig({ endpoint }).issues[0];
    assert.equal(issue.attribute, 'endpoint');
    assert.equal(issue.code, 'missing');
    assert.match(issue.message, /endpoint is missing: set endpoint="https:\/\/…\/api\/evaluations" on <hcp-rating>, data-endpoint on the script tag, or Haochaping\.configure\(\{ endpoint \}\)/);
  }
});

test('URLs: https, same-origin paths and http on localhost pass; anything else names the rule', () => {
  for (const endpoint of ['https://zwfw.example.gov.cn/api', '/api/evaluations', 'api', 'http://localhost:8080/x', 'http://127.0.0.1/x', 'http://[::1]/x']) {
    assert.equal(configOf({ endpoint }).endpoint, endpoint);
  }
  assert.equal(configOf({ endpoint: '  /api  ' }).endpoint, '/api', 'trimmed');
  const cases = [
    ['javascript:alert(1)', 'not-allowed', /must be an https:\/\/ URL or a same-origin path such as "\/api\/evaluations" \(got "javascript:alert\(1\)"\)/],
    ['data:text/plain,x', 'not-allowed', /https:\/\/ URL or a same-origin path/],
    ['http://zwfw.example.gov.cn/api', 'not-allowed', /endpoint uses http:\/\/ on "zwfw.example.gov.cn": ratings must travel over https:\/\//],
    ['//example.gov.cn/api', 'not-allowed', /endpoint "\/\/example.gov.cn\/api" has no scheme: write it out as https:\/\/…/],
    ['https://', 'not-allowed', /is not a valid URL/],
    [42, 'type', /^endpoint must be text/],
  ];
  for (const [endpoint, code, says] of cases) {
    const issue = only({ endpoint });
    assert.equal(issue.attribute, 'endpoint');
    assert.equal(issue.code, code, String(endpoint));
    assert.match(issue.message, says);
  }
  const tagsSrc = only({ tagsSrc: 'ftp://x/tags.json' });
  assert.equal(tagsSrc.attribute, 'tags-src');
  assert.match(tagsSrc.message, /tags-src must be an https:\/\/ URL or a same-origin path such as "\/hcp\/tags.json"/);
});

test('one-of keys list the allowed values and echo what was given', () => {
  assert.deepEqual(only({ scale: 'stars' }), { attribute: 'scale', code: 'not-allowed', message: 'scale must be one of "five-level", "good-bad" (got "stars")' });
  assert.deepEqual(only({ format: 'xml' }), { attribute: 'format', code: 'not-allowed', message: 'format must be one of "canonical", "gov-cn" (got "xml")' });
  assert.deepEqual(only({ mode: 'popup' }), { attribute: 'mode', code: 'not-allowed', message: 'mode must be one of "inline", "kiosk" (got "popup")' });
  assert.match(only({ channel: 'wechat' }).message, /channel must be one of "pc", "mobile", "qrcode", "hall-pad", "hall-terminal", "sms" \(got "wechat"\); leave it out to detect pc or mobile from the device/);
  assert.equal(only({ scale: 3 }).code, 'not-allowed');
  assert.equal(configOf({ scale: 'good-bad', channel: 'hall-pad', mode: 'kiosk' }).channel, 'hall-pad');
});

test('the transaction fields are trimmed text within their limits, gathered in context', () => {
  assert.deepEqual(configOf({ projectNo: '  BJ-2024-1  ', taskName: '不动产登记', serviceNumber: '' }).context, { projectNo: 'BJ-2024-1', taskName: '不动产登记' });
  assert.deepEqual(only({ projectNo: '9'.repeat(65) }), { attribute: 'project-no', code: 'too-long', message: 'project-no is longer than 64 characters: pass the code, not a description' });
  assert.equal(only({ taskName: 'x'.repeat(201) }).attribute, 'task-name');
  assert.equal(configOf({ taskName: 'x'.repeat(200) }).context.taskName.length, 200);
  assert.deepEqual(only({ evaluatorToken: {} }), { attribute: 'evaluator-token', code: 'type', message: 'evaluator-token must be text' });
  assert.equal(only({ projectNo: 12 }).code, 'type');
});

test('flags: present, empty or "true" is on; "false" or any other text is off; a non-flag value is named', () => {
  for (const on of [true, '', 'true']) assert.equal(configOf({ elder: on }).elder, true, JSON.stringify(on));
  for (const off of [false, 'false', 'yes']) assert.equal(configOf({ reasonOptional: off }).reasonOptional, false, JSON.stringify(off));
  assert.deepEqual(only({ withCredentials: 0 }), { attribute: 'with-credentials', code: 'type', message: 'with-credentials is true or false (got "0")' });
});

test('whole numbers: digits or a number within the range; anything else says the range and echoes the value', () => {
  assert.equal(configOf({ maxComment: '200' }).maxComment, 200);
  assert.equal(configOf({ maxComment: ' 12 ' }).maxComment, 12);
  assert.equal(configOf({ maxComment: 5000 }).maxComment, 5000);
  assert.equal(configOf({ resetAfter: '3600' }).resetAfter, 3600);
  for (const bad of ['many', '0', 0, -5, 5001, 1.5, NaN, true, '1e3', '-1']) {
    const issue = only({ maxComment: bad });
    assert.equal(issue.attribute, 'max-comment');
    assert.equal(issue.code, 'out-of-range');
    assert.equal(issue.message, `max-comment must be a whole number of characters from 1 to 5000 (got "${typeof bad === 'string' ? bad.trim() : String(bad)}")`);
  }
  assert.match(only({ resetAfter: 3601 }).message, /^reset-after must be a whole number of seconds from 1 to 3600 \(got "3601"\)$/);
});

test('tags: JSON text or an object, read as a catalog; bad JSON and bad catalogs say what and where', () => {
  const catalog = { version: ' v1 ', tags: [{ code: 'N01', label: '  差  ', verdict: 'bad', extra: 1 }], more: true };
  assert.deepEqual(configOf({ tags: catalog }).catalog, { version: 'v1', tags: [{ code: 'N01', label: '差', verdict: 'bad' }] });
  assert.deepEqual(configOf({ tags: JSON.stringify(catalog) }).catalog, { version: 'v1', tags: [{ code: 'N01', label: '差', verdict: 'bad' }] });
  const json = only({ tags: '{version:1' });
  assert.equal(json.code, 'invalid-json');
  assert.match(json.message, /^tags is not valid JSON \(.+\): give a catalog such as \{"version":"my-1"/);
  assert.deepEqual(only({ tags: '{"version":"v1","tags":[{"code":"N01","label":"差","verdict":"meh"}]}' }), {
    attribute: 'tags',
    code: 'invalid-catalog',
    message: 'tags (at tags.0.verdict): a tag verdict is "good" or "bad"',
  });
  const several = only({ tags: { version: '', tags: [{ code: 'bad code!', label: 'x', verdict: 'good' }] } });
  assert.equal(several.message, 'tags (at version): a catalog version is text of 1–64 characters, e.g. "gd-2024-1"; tags (at tags.0.code): a tag code is 1–32 letters, digits, "-" or "_" (e.g. "N01")');
  assert.match(only({ tags: '[]' }).message, /^tags: a catalog is an object/);
});

test('headers, messages and transport are properties only, named as such', () => {
  assert.deepEqual(configOf({ headers: { 'X-App': 'a' } }).headers, { 'X-App': 'a' });
  assert.deepEqual(only({ headers: { 'X-Key': 1 } }), { attribute: 'headers property', code: 'type', message: 'headers property (at X-Key): a header value must be text' });
  for (const bad of ['x', [], 7]) assert.match(only({ headers: bad }).message, /^headers property must be an object of header names to string values, e\.g\. \{ "X-App-Id": "…" \}$/);
  assert.deepEqual(configOf({ messages: { submit: '交', levelsLegend: { en: 'Rate' } } }).messages, { submit: '交', levelsLegend: { en: 'Rate' } });
  assert.deepEqual(only({ messages: { submit: 42 } }), { attribute: 'messages property', code: 'type', message: 'messages property (at submit): a message is text, or an object of text per language' });
  assert.match(only({ messages: { submit: { en: 'Go', 'zh-CN': 5 } } }).message, /^messages property \(at submit\.zh-CN\)/);
  assert.deepEqual(only({ messages: { submit: 'x'.repeat(1001) } }), { attribute: 'messages property', code: 'too-long', message: 'messages property (at submit): a message is at most 1000 characters' });
  assert.match(only({ messages: 7 }).message, /^messages property must map message names to text/);
  const transport = async () => ({ status: 200 });
  assert.equal(configOf({ transport }).transport, transport);
  assert.deepEqual(only({ transport: 'fetch' }), { attribute: 'transport property', code: 'type', message: 'transport must be a function: (request) => Promise<{ status, retryAfter? }>' });
});

test('format="gov-cn" with the good-bad scale is a conflict, reported on format with the fix', () => {
  assert.deepEqual(only({ format: 'gov-cn', scale: 'good-bad' }), {
    attribute: 'format',
    code: 'conflict',
    message: 'format="gov-cn" needs the five-level scale (provincial systems store satisfaction 1–5): remove scale="good-bad" or use format="canonical"',
  });
  assert.equal(configOf({ format: 'gov-cn' }).format, 'gov-cn');
});

test('every problem is reported at once, in the order of the table', () => {
  const { issues } = parseConfig({ scale: 'stars', maxComment: 'many', projectNo: '9'.repeat(65), channel: 'y', transport: 1 });
  assert.deepEqual(issues.map((i) => i.attribute), ['endpoint', 'scale', 'project-no', 'channel', 'max-comment', 'transport property']);
});

test('each issue is a ConfigError: an Error with the attribute and a code, whole in JSON', () => {
  const [issue] = issuesOf({ scale: 'stars' });
  const error = parseConfig({ endpoint: '/api', scale: 'stars' }).issues[0];
  assert.ok(error instanceof ConfigError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'ConfigError');
  assert.equal(error.attribute, 'scale');
  assert.equal(error.code, 'not-allowed');
  assert.deepEqual(JSON.parse(JSON.stringify(error)), issue);
});
