#!/usr/bin/env node
/**
 * haochaping-check: does an evaluation endpoint meet the HTTP contract of the widget (SPEC §5)?
 *
 *   npx haochaping-check https://www.example.gov.cn/api/evaluations [--format gov-cn] [--origin https://www.example.gov.cn]
 *
 * It posts a few clearly marked test evaluations (comment "haochaping-check test evaluation —
 * please ignore", task code and ticket "HCP-CHECK") and reports check by check. Exit code 0
 * only when every check passes; 1 when one fails; 2 for a usage error. Node 20: built-ins and
 * the package's own dist/schema.js only.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
// The package's DOM-free schema module (built into dist/ and shipped next to this file).
import { toGovCn } from '../dist/schema.js';

const HELP = `Usage: haochaping-check <endpoint-url> [options]

Checks that an evaluation endpoint accepts what <hcp-rating> sends (SPEC §5):
  - 2xx for a valid evaluation, and 2xx again for the same id (a retry), stored once
  - 400 or 422 for invalid bodies (not JSON, missing fields, wrong types)
  - a CORS preflight that allows Content-Type and Idempotency-Key from another origin
  - Retry-After exposed to the page (Access-Control-Expose-Headers)
  - with --one-per-transaction: 409 for a second evaluation of the same transaction
    (projectNo, taskCode, assessNumber) under another id (server-side 一次一评)

It posts clearly marked test evaluations: comment "haochaping-check test evaluation — please
ignore", taskCode and ticket "HCP-CHECK". Delete them afterwards if your endpoint keeps them.

Options:
  --format canonical|gov-cn   body field names the endpoint expects (default canonical)
  --origin <url>              page origin to claim in CORS checks (default https://www.example.gov.cn)
  --same-origin               every page posts from the endpoint's own origin: skip the CORS checks
  --one-per-transaction       the endpoint enforces 一次一评: check the 409 answer too
  --header "Name: value"      extra request header, e.g. an API key (repeatable)
  --timeout <seconds>         per request (default 10)
  -h, --help                  this text

Exit code: 0 when every check passes, 1 when a check fails, 2 for a usage error.

"Stored once": after posting the same id twice, the checker GETs the endpoint URL with
?id=<id> and counts records carrying that id (fields "id" or "evaluationId", anywhere in a
JSON answer). Exactly one passes, more than one fails; when the endpoint offers no such
listing (non-2xx, not JSON, or the id not found) the check is reported as not verifiable
and does not fail the run.`;

const MARK = 'haochaping-check test evaluation — please ignore';
const MARK_CODE = 'HCP-CHECK';

/** Parses argv; returns options or a usage error string. */
function parseArgs(argv) {
  const options = { format: 'canonical', origin: 'https://www.example.gov.cn', headers: {}, timeout: 10, help: false, sameOrigin: false, onePerTransaction: false };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    const name = arg.split('=')[0];
    if (name === '-h' || name === '--help') options.help = true;
    else if (name === '--same-origin') options.sameOrigin = true;
    else if (name === '--one-per-transaction') options.onePerTransaction = true;
    else if (name === '--format') options.format = value();
    else if (name === '--origin') options.origin = value();
    else if (name === '--timeout') options.timeout = Number(value());
    else if (name === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon < 1) throw new Error(`--header must look like "Name: value" (got "${header}")`);
      options.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (see --help)`);
    else rest.push(arg);
  }
  if (options.help) return options;
  if (rest.length !== 1) throw new Error('give exactly one endpoint URL (see --help)');
  if (!['canonical', 'gov-cn'].includes(options.format)) throw new Error(`--format must be canonical or gov-cn (got "${options.format}")`);
  if (!(options.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  let url;
  try {
    url = new URL(rest[0]);
    new URL(options.origin);
  } catch {
    throw new Error(`not an absolute URL: "${rest[0]}" / "${options.origin}"`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new Error(`the endpoint must be http(s):// (got "${rest[0]}")`);
  options.endpoint = url.href;
  options.origin = new URL(options.origin).origin;
  return options;
}

function uuidv7() {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function sdkVersion() {
  try {
    return JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

/** A valid, clearly marked test evaluation in the requested field names; `projectNo` to rate a given transaction. */
function testEvaluation(format, version, projectNo) {
  const now = new Date();
  const canonical = {
    schema: 'haochaping.evaluation/1',
    id: uuidv7(),
    createdAt: now.toISOString().replace('Z', '+00:00'),
    sentAt: now.toISOString().replace('Z', '+00:00'),
    attempt: 1,
    scale: 'five-level',
    level: 2,
    verdict: 'bad',
    tags: ['N99'],
    tagVersion: 'default-1',
    comment: MARK,
    projectNo: projectNo ?? `${MARK_CODE}-${now.getTime()}-${randomBytes(3).toString('hex')}`,
    taskCode: MARK_CODE,
    taskName: MARK,
    channel: 'pc',
    assessNumber: 1,
    ticket: MARK_CODE,
    page: 'https://www.example.gov.cn/haochaping-check',
    locale: 'zh-CN',
    dwellMs: 1000,
    sdkVersion: version,
  };
  if (format === 'canonical') return { id: canonical.id, body: canonical };
  // The SPEC §4 mapping, from the package's own DOM-free schema module.
  return { id: canonical.id, body: toGovCn(canonical) };
}

/** Invalid bodies an endpoint must refuse with 400 or 422, each with a fresh id. */
function invalidBodies(format, version) {
  const missing = (() => {
    const { id, body } = testEvaluation(format, version);
    const keep = format === 'canonical' ? ['schema', 'id', 'comment', 'taskCode'] : ['evaluationId', 'writingEvaluation', 'taskCode'];
    return { id, text: JSON.stringify(Object.fromEntries(keep.map((k) => [k, body[k]]))) };
  })();
  const wrongTypes = (() => {
    const { id, body } = testEvaluation(format, version);
    const broken =
      format === 'canonical'
        ? { ...body, level: 'very bad', tags: 'N99', assessNumber: 'first' }
        : { ...body, satisfaction: 'very bad', pf: 'web', assessNumber: 'first' };
    return { id, text: JSON.stringify(broken) };
  })();
  return [
    { name: 'a body that is not JSON', id: uuidv7(), text: `{"comment": "${MARK}",` },
    { name: 'an evaluation with required fields missing', ...missing },
    { name: 'an evaluation with fields of the wrong type', ...wrongTypes },
  ];
}

const lower = (value) => (value ?? '').toLowerCase();
const listOf = (value) => lower(value).split(',').map((s) => s.trim()).filter(Boolean);
const allows = (value, name) => listOf(value).includes(name) || listOf(value).includes('*');

/** Counts records with this id anywhere in a JSON value. */
function countId(value, id) {
  if (Array.isArray(value)) return value.reduce((n, v) => n + countId(v, id), 0);
  if (value && typeof value === 'object') {
    if (value.id === id || value.evaluationId === id) return 1;
    return Object.values(value).reduce((n, v) => n + countId(v, id), 0);
  }
  return 0;
}

/**
 * Runs every check against `options.endpoint`; `report(result)` receives each result as it
 * is known. Returns the results: `{ name, status: 'pass' | 'fail' | 'skip', detail, fix? }`.
 */
async function runChecks(options, report = () => {}) {
  const results = [];
  const record = (result) => {
    results.push(result);
    report(result);
  };
  const version = await sdkVersion();
  const timeout = options.timeout * 1000;
  const send = async (method, { body, headers = {}, url = options.endpoint } = {}) => {
    try {
      const response = await fetch(url, {
        method,
        headers: { ...options.headers, Origin: options.origin, ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      const cause = error.cause?.code ?? error.cause?.message ?? error.message;
      return { error: error.name === 'TimeoutError' ? `no answer within ${options.timeout} s` : cause };
    }
  };
  const post = (id, text) =>
    send('POST', { body: text, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id } });
  const said = (r) => (r.error ? `the request failed: ${r.error}` : `it answered ${r.status}${r.text ? `: ${r.text.slice(0, 200)}` : ''}`);

  // 1. A valid evaluation.
  const valid = testEvaluation(options.format, version);
  const validText = JSON.stringify(valid.body);
  const first = await post(valid.id, validText);
  const firstOk = !first.error && first.status >= 200 && first.status < 300;
  record({
    name: `a valid ${options.format} evaluation is accepted with 2xx`,
    status: firstOk ? 'pass' : 'fail',
    detail: firstOk ? `answered ${first.status}` : said(first),
    fix: `Store the evaluation and answer 200 or 201. Validate it with parseEvaluation() from haochaping/schema${options.format === 'gov-cn' ? ' (after mapping the gov-cn names)' : ''}; answer 4xx only for a body you will never accept.`,
  });

  // 2. The same id again: a retry after a lost answer must not fail or count twice.
  const again = await post(valid.id, validText);
  const againOk = !again.error && again.status >= 200 && again.status < 300;
  record({
    name: 'the same evaluation id posted again is accepted with 2xx',
    status: againOk ? 'pass' : 'fail',
    detail: againOk ? `answered ${again.status}` : said(again),
    fix: 'The widget retries when an answer is lost: treat a known id (the Idempotency-Key header) as success, e.g. INSERT … ON CONFLICT (id) DO NOTHING, and answer 200.',
  });

  // 2b. Server-side 一次一评, when asked: the same transaction under a new id is a 409.
  if (options.onePerTransaction) {
    // projectNo has the same name in both formats.
    const second = testEvaluation(options.format, version, valid.body.projectNo);
    const r = await post(second.id, JSON.stringify(second.body));
    const ok = !r.error && r.status === 409;
    record({
      name: 'a second evaluation of the same transaction under another id is answered 409',
      status: ok ? 'pass' : 'fail',
      detail: ok ? 'answered 409' : said(r),
      fix: 'Keep one evaluation per (projectNo, taskCode, assessNumber): a unique key on the transaction; when a new id hits it, answer 409 with a JSON reason (the same id again stays 2xx). The widget then says 已评价 instead of retrying.',
    });
  }

  // 3. Stored once, where the endpoint can say.
  const listUrl = new URL(options.endpoint);
  listUrl.searchParams.set('id', valid.id);
  const listing = firstOk ? await send('GET', { url: listUrl.href, headers: { Accept: 'application/json' } }) : { error: 'skipped' };
  let count = 0;
  let readable = false;
  if (!listing.error && listing.status >= 200 && listing.status < 300) {
    try {
      count = countId(JSON.parse(listing.text), valid.id);
      readable = true;
    } catch {
      readable = false;
    }
  }
  if (readable && count > 0) {
    record({
      name: 'the evaluation posted twice is stored once',
      status: count === 1 ? 'pass' : 'fail',
      detail: `GET ${listUrl.pathname}${listUrl.search} lists ${count} record(s) with id ${valid.id}`,
      fix: 'Make the evaluation id a unique key and ignore a second insert of the same id.',
    });
  } else {
    record({
      name: 'the evaluation posted twice is stored once',
      status: 'skip',
      detail: `not verifiable: GET ${listUrl.pathname}?id=… does not list the stored evaluation (${listing.error ?? `answered ${listing.status}${readable ? ', id not found' : ', not JSON'}`}). Check your store for one row with id ${valid.id}.`,
    });
  }

  // 4. Invalid bodies are refused with 400/422 (the widget sets those aside instead of retrying forever).
  for (const invalid of invalidBodies(options.format, version)) {
    const r = await post(invalid.id, invalid.text);
    const ok = !r.error && (r.status === 400 || r.status === 422);
    record({
      name: `${invalid.name} is refused with 400 or 422`,
      status: ok ? 'pass' : 'fail',
      detail: ok ? `answered ${r.status}` : said(r),
      fix:
        !r.error && r.status >= 200 && r.status < 300
          ? 'Validate before storing (parseEvaluation() from haochaping/schema names each bad field) and answer 422 with the errors, 400 for a body that is not JSON.'
          : 'Answer 400 (not JSON) or 422 (invalid evaluation): a 5xx makes the widget retry a rating that can never be accepted, and 401/403/404/410 pause its whole outbox as a configuration problem.',
    });
  }

  // 5–6. CORS, unless every page posts from the endpoint's own origin.
  if (options.sameOrigin) {
    for (const name of ['CORS preflight allows POST with Content-Type and Idempotency-Key', 'the POST answer allows the origin and exposes Retry-After']) {
      record({ name, status: 'skip', detail: 'skipped (--same-origin): pages post from the endpoint\'s own origin, where no CORS is needed' });
    }
    return results;
  }

  // 5. CORS preflight from a page on another origin.
  const preflight = await send('OPTIONS', {
    headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
  });
  const h = preflight.headers;
  const problems = [];
  if (preflight.error) problems.push(`the request failed: ${preflight.error}`);
  else {
    if (preflight.status < 200 || preflight.status >= 300) problems.push(`answered ${preflight.status} instead of 200/204`);
    const allowOrigin = h.get('access-control-allow-origin');
    if (allowOrigin !== '*' && allowOrigin !== options.origin) problems.push(`Access-Control-Allow-Origin is ${allowOrigin ? `"${allowOrigin}"` : 'missing'}`);
    const methods = h.get('access-control-allow-methods');
    if (methods && !allows(methods, 'post')) problems.push(`Access-Control-Allow-Methods ("${methods}") lacks POST`);
    const allowed = h.get('access-control-allow-headers');
    for (const name of ['content-type', 'idempotency-key']) {
      if (!allows(allowed, name)) problems.push(`Access-Control-Allow-Headers ${allowed ? `("${allowed}")` : '(missing)'} lacks ${name === 'content-type' ? 'Content-Type' : 'Idempotency-Key'}`);
    }
  }
  record({
    name: `CORS preflight from ${options.origin} allows POST with Content-Type and Idempotency-Key`,
    status: problems.length ? 'fail' : 'pass',
    detail: problems.length ? problems.join('; ') : `answered ${preflight.status}`,
    fix: 'Answer OPTIONS with 204 and Access-Control-Allow-Origin: <the page origin>, Access-Control-Allow-Methods: POST, Access-Control-Allow-Headers: Content-Type, Idempotency-Key (add Vary: Origin). Skip this only if every page posts from the endpoint\'s own origin.',
  });

  // 6. The POST answer lets the page read Retry-After (the widget honours it when backing off).
  const postOrigin = first.headers?.get('access-control-allow-origin');
  const exposed = first.headers?.get('access-control-expose-headers');
  const exposeProblems = [];
  if (first.error) exposeProblems.push(`the POST failed: ${first.error}`);
  else {
    if (postOrigin !== '*' && postOrigin !== options.origin) exposeProblems.push(`the POST answer's Access-Control-Allow-Origin is ${postOrigin ? `"${postOrigin}"` : 'missing'}`);
    if (!allows(exposed, 'retry-after')) exposeProblems.push(`Access-Control-Expose-Headers ${exposed ? `("${exposed}")` : '(missing)'} lacks Retry-After`);
  }
  record({
    name: 'the POST answer allows the origin and exposes Retry-After',
    status: exposeProblems.length ? 'fail' : 'pass',
    detail: exposeProblems.length ? exposeProblems.join('; ') : `Access-Control-Expose-Headers: ${exposed}`,
    fix: 'Send Access-Control-Allow-Origin and Access-Control-Expose-Headers: Retry-After on every POST answer (also 429/503), so the widget can wait as long as the server asks.',
  });

  return results;
}

/** One result as printed: ✓/✗/– name, then why and how to fix a failure. */
function formatResult({ name, status, detail, fix }) {
  const mark = { pass: '✓', fail: '✗', skip: '–' }[status];
  const lines = [`${mark} ${name}`, `    ${detail}`];
  if (status === 'fail' && fix) lines.push(`    fix: ${fix}`);
  return lines.join('\n');
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`haochaping-check: ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  console.log(`haochaping-check ${options.endpoint} (format ${options.format}, origin ${options.origin})\n`);
  const results = await runChecks(options, (r) => console.log(formatResult(r)));
  const failed = results.filter((r) => r.status === 'fail').length;
  const passed = results.filter((r) => r.status === 'pass').length;
  const skipped = results.length - failed - passed;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} not verifiable` : ''}.`);
  if (failed) console.log('The endpoint does not meet the haochaping HTTP contract yet (see the fixes above).');
  return failed ? 1 : 0;
}

process.exitCode = await main();
