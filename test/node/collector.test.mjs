/**
 * The demo's collector (demo/collector.mjs behind demo/server.mjs: the deployable collector's
 * handler plus the demo's listing, statistics and fault switch): the HTTP contract of SPEC §5,
 * and the demo server's static files. Every test gets its own server on a free port and its
 * own database in a temp folder. The deployable collector itself, on SQLite and PostgreSQL:
 * collector-server.test.mjs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BODY_LIMIT, createCollector } from '../../demo/collector.mjs';
import { startServer } from '../../demo/server.mjs';
import { evaluationFixture, uuidv7 } from '../support/fixtures.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// Each fixture its own transaction (projectNo): the collector enforces 一次一评, and these
// tests post several ratings that are not meant as second ratings of one service.
let transactions = 0;
const fixture = (overrides = {}) => evaluationFixture({ projectNo: `TEST-${process.pid}-${++transactions}`, ...overrides });

let server;
let dir;
let dbFile;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcp-collector-'));
  dbFile = join(dir, 'data', 'evaluations.sqlite');
  server = await startServer({ port: 0, dbFile });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (path) => new URL(path, server.url);

function post(evaluation, { key = evaluation?.id, headers = {}, body = JSON.stringify(evaluation) } = {}) {
  return fetch(api('/api/evaluations'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }), ...headers },
    body,
  });
}

async function listed() {
  const response = await fetch(api('/api/evaluations'));
  assert.equal(response.status, 200);
  return response.json();
}

/** Rows in the database file itself, not what the API says. */
function rowCount() {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM evaluations').pluck().get();
  } finally {
    db.close();
  }
}

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(path) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    })
      .on('error', reject)
      .end();
  });
}

describe('POST /api/evaluations', () => {
  it('stores a valid evaluation: 201, and GET lists exactly what was posted', async () => {
    const evaluation = fixture();
    const response = await post(evaluation);
    assert.equal(response.status, 201);
    assert.match(response.headers.get('content-type'), /^application\/json; charset=utf-8/);
    assert.deepEqual(await response.json(), { id: evaluation.id, stored: true });
    const { total, evaluations } = await listed();
    assert.equal(total, 1);
    assert.deepEqual(evaluations, [evaluation]);
    assert.equal(rowCount(), 1);
  });

  it('creates the database folder on first start', () => {
    assert.deepEqual(readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.sqlite')), ['evaluations.sqlite']);
  });

  it('answers 2xx to the same id posted twice and stores it once (a retry is not a second rating)', async () => {
    const evaluation = fixture();
    const first = await post(evaluation);
    const again = await post({ ...evaluation, sentAt: '2025-11-04T15:31:00.000+08:00', attempt: 2 });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id: evaluation.id, stored: false });
    const { total, evaluations } = await listed();
    assert.equal(total, 1);
    assert.equal(evaluations[0].attempt, 1, 'the first delivery is kept');
    assert.equal(rowCount(), 1);
  });

  it('answers 409 already-rated to a second rating of the same transaction under another id (一次一评), and stores none', async () => {
    const first = fixture();
    assert.equal((await post(first)).status, 201);
    const second = fixture({ projectNo: first.projectNo, level: 5, verdict: 'good', tags: ['P01'] });
    const response = await post(second);
    assert.equal(response.status, 409);
    const answer = await response.json();
    assert.equal(answer.error, 'already-rated');
    assert.equal('id' in answer, false, 'the other rating’s id is not handed out');
    assert.match(answer.message, /本次服务已存在评价/);
    assert.equal(rowCount(), 1);
    assert.equal((await post(fixture({ projectNo: first.projectNo, assessNumber: 2 }))).status, 201, 'a 追评 is another transaction');
  });

  it('refuses an invalid evaluation with 422 and errors naming each bad field', async () => {
    const response = await post(fixture({ level: 7, verdict: 'meh' }));
    assert.equal(response.status, 422);
    const { errors } = await response.json();
    assert.deepEqual(errors.map((e) => e.field).sort(), ['level', 'verdict']);
    for (const e of errors) assert.ok(e.message.length > 0);
    assert.equal(rowCount(), 0);
  });

  it('refuses a verdict that contradicts the level (不满意 cannot be 好评)', async () => {
    const response = await post(fixture({ level: 2, verdict: 'good' }));
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors.map((e) => e.field), ['verdict']);
  });

  it('answers 400 with a JSON explanation when the body is not JSON', async () => {
    const response = await post(undefined, { key: uuidv7(), body: '{"level": 2,' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.match((await response.json()).error, /not valid JSON/);
    assert.equal(rowCount(), 0);
  });

  it('refuses an Idempotency-Key that differs from the body id with 422 naming the header', async () => {
    const response = await post(fixture(), { key: uuidv7() });
    assert.equal(response.status, 422);
    const { errors } = await response.json();
    assert.deepEqual(errors.map((e) => e.field), ['Idempotency-Key']);
    assert.equal(rowCount(), 0);
  });

  it('accepts an evaluation without an Idempotency-Key header (the id still decides)', async () => {
    const response = await post(fixture(), { key: undefined });
    assert.equal(response.status, 201);
  });

  it('refuses a body over 64 KiB with 413, announced by Content-Length', async () => {
    const response = await post(fixture({ comment: '长'.repeat(30_000) })); // 90 KB in UTF-8
    assert.equal(response.status, 413);
    assert.match((await response.json()).error, /larger than 65536 bytes/);
    assert.equal(rowCount(), 0);
  });

  it('refuses a body over 64 KiB with 413 also when it arrives in chunks without a length', async () => {
    const text = JSON.stringify(fixture({ comment: 'x'.repeat(70_000) }));
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < text.length; i += 8192) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 8192)));
        controller.close();
      },
    });
    const response = await fetch(api('/api/evaluations'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    });
    assert.equal(response.status, 413);
    assert.equal(rowCount(), 0);
  });

  describe('exactly at the limit', () => {
    // The schema caps every field (comment 5,000 characters, tags 100 × 32, ticket and
    // evaluator-token 2,048 …), but JSON allows any amount of whitespace between tokens, so a
    // valid evaluation can be exactly BODY_LIMIT bytes: the largest comment, padded with spaces.
    const atLimit = (evaluation, bytes) => {
      const text = JSON.stringify(evaluation);
      const padding = bytes - Buffer.byteLength(text);
      assert.ok(padding > 0, 'the evaluation alone is below the limit');
      return `{${' '.repeat(padding)}${text.slice(1)}`;
    };
    const inChunks = (text) =>
      new ReadableStream({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192));
          controller.close();
        },
      });
    const send = (evaluation, body, chunked) =>
      fetch(api('/api/evaluations'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': evaluation.id },
        ...(chunked ? { body: inChunks(body), duplex: 'half' } : { body }),
      });

    for (const chunked of [false, true]) {
      const how = chunked ? 'in chunks without a length' : 'with Content-Length';
      it(`accepts a valid body of exactly BODY_LIMIT (${BODY_LIMIT}) bytes, ${how}`, async () => {
        const evaluation = fixture({ comment: '长'.repeat(5000) });
        const body = atLimit(evaluation, BODY_LIMIT);
        assert.equal(Buffer.byteLength(body), BODY_LIMIT);
        const response = await send(evaluation, body, chunked);
        assert.equal(response.status, 201, await response.clone().text());
        assert.deepEqual(await response.json(), { id: evaluation.id, stored: true });
        assert.deepEqual((await listed()).evaluations, [evaluation]);
      });

      it(`refuses BODY_LIMIT + 1 bytes with 413, ${how}`, async () => {
        const evaluation = fixture({ comment: '长'.repeat(5000) });
        const body = atLimit(evaluation, BODY_LIMIT + 1);
        assert.equal(Buffer.byteLength(body), BODY_LIMIT + 1);
        const response = await send(evaluation, body, chunked);
        assert.equal(response.status, 413);
        assert.match((await response.json()).error, new RegExp(`larger than ${BODY_LIMIT} bytes`));
        assert.equal(rowCount(), 0);
      });
    }
  });
});

describe('GET /api/evaluations', () => {
  it('lists the latest first and honours limit', async () => {
    const posted = [];
    for (let i = 0; i < 3; i++) {
      const e = fixture({ comment: `第 ${i + 1} 条（测试数据）` });
      posted.push(e);
      assert.equal((await post(e)).status, 201);
    }
    const all = await listed();
    assert.equal(all.total, 3);
    assert.deepEqual(all.evaluations.map((e) => e.id), posted.map((e) => e.id).reverse());
    const two = await (await fetch(api('/api/evaluations?limit=2'))).json();
    assert.equal(two.total, 3);
    assert.deepEqual(two.evaluations.map((e) => e.id), [posted[2].id, posted[1].id]);
  });
});

describe('GET /api/stats', () => {
  it('counts per level (5..1), per verdict, and the most chosen reasons with their zh-CN labels', async () => {
    const fixtures = [
      fixture({ level: 5, verdict: 'good', tags: ['P01', 'P02'], comment: undefined }),
      fixture({ level: 5, verdict: 'good', tags: ['P01'], comment: undefined }),
      fixture({ level: 4, verdict: 'good', tags: [], comment: undefined }),
      fixture({ level: 2, verdict: 'bad', tags: ['N08', 'N01'] }),
      fixture({ level: 1, verdict: 'bad', tags: ['N08'] }),
      fixture({ scale: 'good-bad', level: undefined, verdict: 'good', tags: ['P01'], comment: undefined }),
      fixture({ tags: ['X1'], tagVersion: 'city-2' }),
    ];
    for (const e of fixtures) assert.equal((await post(e)).status, 201, JSON.stringify(e));
    const stats = await (await fetch(api('/api/stats'))).json();
    assert.equal(stats.total, 7);
    assert.deepEqual(
      stats.levels.map((l) => [l.level, l.label, l.count]),
      [[5, '非常满意', 2], [4, '满意', 1], [3, '基本满意', 0], [2, '不满意', 2], [1, '非常不满意', 1]],
    );
    assert.deepEqual(stats.verdicts.map((v) => [v.verdict, v.count]), [['good', 4], ['bad', 3]]);
    assert.deepEqual(stats.tags.slice(0, 3), [
      { code: 'P01', label: '办事效率高', tagVersion: 'default-1', count: 3 },
      { code: 'N08', label: '等待时间长', tagVersion: 'default-1', count: 2 },
      { code: 'N01', label: '服务态度差', tagVersion: 'default-1', count: 1 },
    ]);
    const custom = stats.tags.find((t) => t.code === 'X1');
    assert.deepEqual(custom, { code: 'X1', tagVersion: 'city-2', count: 1 }, 'no label guessed for another catalog');
  });
});

describe('CORS (SPEC §5)', () => {
  const ORIGIN = 'https://www.example.gov.cn';

  it('answers a preflight with 204 and allows Content-Type and Idempotency-Key', async () => {
    const response = await fetch(api('/api/evaluations'), {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });
    assert.equal(response.status, 204);
    const h = response.headers;
    assert.equal(h.get('access-control-allow-origin'), ORIGIN);
    assert.match(h.get('vary'), /Origin/);
    assert.equal(h.get('access-control-allow-methods'), 'POST, GET, OPTIONS');
    assert.equal(h.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
    assert.equal(h.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(h.get('access-control-max-age'), '600');
    assert.equal(h.get('access-control-allow-credentials'), null);
  });

  it('allows on each path exactly the methods it answers, in the preflight and in 405s', async () => {
    for (const [path, methods, refused] of [
      ['/api/evaluations', 'POST, GET, OPTIONS', 'DELETE'],
      ['/api/stats', 'GET, OPTIONS', 'POST'],
      ['/api/catalog', 'GET, OPTIONS', 'POST'],
      ['/api/fault', 'GET, POST, DELETE, OPTIONS', 'PUT'],
    ]) {
      const preflight = await fetch(api(path), { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'DELETE' } });
      assert.equal(preflight.status, 204, path);
      assert.equal(preflight.headers.get('access-control-allow-methods'), methods, path);
      const wrong = await fetch(api(path), { method: refused, headers: { Origin: ORIGIN } });
      assert.equal(wrong.status, 405, `${refused} ${path}`);
      assert.equal(wrong.headers.get('allow'), methods, `${refused} ${path}`);
      assert.equal(wrong.headers.get('access-control-allow-methods'), methods, `${refused} ${path}`);
      assert.match((await wrong.json()).error, new RegExp(`${refused} is not allowed`));
    }
  });

  it('echoes the Origin on POST and GET answers, without credentials', async () => {
    for (const response of [await post(fixture(), { headers: { Origin: ORIGIN } }), await fetch(api('/api/stats'), { headers: { Origin: ORIGIN } })]) {
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
      assert.match(response.headers.get('vary'), /Origin/);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    }
  });
});

describe('the fault switch', () => {
  it('answers the next N posts with the fault status and Retry-After, stores none, then 201 again', async () => {
    const set = await fetch(api('/api/fault'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 503, count: 3, retryAfter: 5 }),
    });
    assert.equal(set.status, 200);
    assert.deepEqual(await (await fetch(api('/api/fault'))).json(), { fault: { status: 503, remaining: 3, retryAfter: 5 } });
    const evaluation = fixture();
    for (let i = 0; i < 3; i++) {
      const response = await post(evaluation);
      assert.equal(response.status, 503, `attempt ${i + 1}`);
      assert.equal(response.headers.get('retry-after'), '5');
    }
    assert.equal((await listed()).total, 0);
    assert.equal(rowCount(), 0);
    assert.deepEqual(await (await fetch(api('/api/fault'))).json(), { fault: null });
    assert.equal((await post(evaluation)).status, 201, 'the retried evaluation is stored once the server is back');
    assert.equal(rowCount(), 1);
  });

  it('is cleared by DELETE /api/fault', async () => {
    await fetch(api('/api/fault'), { method: 'POST', body: JSON.stringify({ status: 500, count: 5 }) });
    const first = await post(fixture());
    assert.equal(first.status, 500);
    assert.equal(first.headers.get('retry-after'), null);
    assert.equal((await post(undefined, { key: uuidv7(), body: '{"level": 2,' })).status, 500, 'a fault answers whatever the body');
    assert.deepEqual(await (await fetch(api('/api/fault'))).json(), { fault: { status: 500, remaining: 3 } });
    assert.deepEqual(await (await fetch(api('/api/fault'), { method: 'DELETE' })).json(), { fault: null });
    assert.equal((await post(fixture())).status, 201);
  });

  it('refuses a nonsensical fault with 422', async () => {
    const response = await fetch(api('/api/fault'), { method: 'POST', body: JSON.stringify({ status: 200, count: 3 }) });
    assert.equal(response.status, 422);
    assert.deepEqual(await (await fetch(api('/api/fault'))).json(), { fault: null });
  });

  it('refuses a malformed fault at start before it opens the database', () => {
    const folder = join(dir, 'not-created');
    assert.throws(() => createCollector({ dbFile: join(folder, 'e.sqlite'), fault: '503 times 2' }), /HCP_FAULT must look like 503x3/);
    assert.throws(() => createCollector({ dbFile: join(folder, 'e.sqlite'), fault: { status: 200 } }), /fault: status must be an HTTP error status/);
    assert.deepEqual(readdirSync(dir).filter((f) => f === 'not-created'), [], 'no folder or database was created');
  });

  it('can be set at start ("503x2", as HCP_FAULT does)', async () => {
    const faulty = await startServer({ port: 0, dbFile: join(dir, 'faulty.sqlite'), fault: '503x2' });
    try {
      const send = (e) =>
        fetch(new URL('/api/evaluations', faulty.url), { method: 'POST', headers: { 'Idempotency-Key': e.id }, body: JSON.stringify(e) });
      const e = fixture();
      assert.deepEqual([(await send(e)).status, (await send(e)).status, (await send(e)).status], [503, 503, 201]);
    } finally {
      await faulty.close();
    }
  });
});

describe('static files', () => {
  it('serves the demo pages, their CSS and JS, and the built bundle with charset and nosniff', async () => {
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/service.html', 'text/html; charset=utf-8'],
      ['/demo.css', 'text/css; charset=utf-8'],
      ['/dashboard.js', 'text/javascript; charset=utf-8'],
      ['/dist/haochaping.min.js', 'text/javascript; charset=utf-8'],
    ]) {
      const response = await fetch(api(path));
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      await response.arrayBuffer();
    }
    const index = await (await fetch(api('/'))).text();
    assert.match(index, /<html lang="zh-CN">/);
  });

  it('serves pages with a strict Content-Security-Policy (no unsafe-inline)', async () => {
    const csp = (await fetch(api('/service.html'))).headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('answers 404 to directory traversal, however it is spelled', async () => {
    for (const path of ['/dist/../package.json', '/dist/%2e%2e/package.json', '/dist/..%2fpackage.json', '/dist/%2e%2e%2fpackage.json', '/..%2fpackage.json', '/dist/..\\package.json', '/dist/.%2e/package.json']) {
      const response = await rawGet(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.body, /"name": "haochaping"/, path);
    }
  });

  it('does not serve the server code, the database or unknown paths', async () => {
    for (const path of ['/server.mjs', '/collector.mjs', '/data/evaluations.sqlite', '/dist/', '/dist', '/nope.html', '/api/nope']) {
      assert.equal((await rawGet(path)).status, 404, path);
    }
  });
});

describe('demo pages', () => {
  const pages = readdirSync(join(REPO, 'demo')).filter((f) => f.endsWith('.html'));

  it('exist', () => {
    assert.deepEqual(pages.sort(), ['angular.html', 'csp-esm.html', 'csp-nonce-esm.html', 'csp-nonce-script.html', 'csp-script.html', 'dashboard.html', 'index.html', 'page-feedback.html', 'react.html', 'script-tag.html', 'service.html', 'svelte.html', 'tt-esm.html', 'tt-script.html', 'vue.html']);
  });

  // They must run under a strict CSP: all code and styles live in files.
  for (const page of pages) {
    it(`${page}: zh-CN, no inline script or style, links back to the start page`, () => {
      const html = readFileSync(join(REPO, 'demo', page), 'utf8');
      assert.match(html, /<html lang="zh-CN">/);
      assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1"/);
      for (const [, attributes, code] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(attributes, /\bsrc=/, `${page}: every <script> has a src`);
        assert.equal(code.trim(), '', `${page}: no inline script code`);
      }
      assert.doesNotMatch(html, /\sstyle=/i, `${page}: no style attributes`);
      assert.doesNotMatch(html, /<style\b/i, `${page}: no <style> blocks`);
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${page}: no inline event handlers`);
      if (page !== 'index.html') assert.match(html, /<a href="\/">/, `${page}: links back to the start page`);
    });
  }
});

describe('node demo/server.mjs', () => {
  let child;
  let childDir;
  let output = '';

  before(async () => {
    childDir = mkdtempSync(join(tmpdir(), 'hcp-cli-'));
    child = spawn(process.execPath, [join(REPO, 'demo', 'server.mjs')], {
      env: { ...process.env, PORT: '0', HCP_DB: join(childDir, 'e.sqlite'), HCP_FAULT: '503x1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (d) => (output += d));
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        output += d;
        if (/http:\/\/localhost:\d+\/\n/.test(output)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(childDir, { recursive: true, force: true });
  });

  it('prints its real address, answers on localhost and takes HCP_FAULT and HCP_DB from the environment', async () => {
    const [, port] = /haochaping demo: http:\/\/localhost:(\d+)\//.exec(output);
    assert.notEqual(port, '0');
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/`)).status, 200);
    assert.deepEqual(await (await fetch(`${base}/api/fault`)).json(), { fault: { status: 503, remaining: 1 } });
    assert.ok(readdirSync(childDir).includes('e.sqlite'));
  });
});
