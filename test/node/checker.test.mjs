/**
 * `haochaping-check`, the endpoint conformance checker (bin/haochaping-check.mjs), run as a
 * user runs it: a child process against a real HTTP server.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { startServer } from '../../demo/server.mjs';
import { run } from '../support/run.mjs';

const BIN = fileURLToPath(new URL('../../bin/haochaping-check.mjs', import.meta.url));

/** Runs the checker; resolves { code, stdout, stderr } whatever the exit code. */
function check(...args) {
  return run(process.execPath, [BIN, ...args], { timeout: 60_000 });
}

/** A small server from a request handler that receives (req, res, body text). */
async function serve(handler) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/evaluations`, close: () => new Promise((r) => server.close(r)) };
}

const line = (stdout, mark, text) => stdout.split('\n').some((l) => l.startsWith(mark) && l.includes(text));

describe('haochaping-check against the reference collector', () => {
  let server;
  before(async () => {
    server = await startServer({ port: 0, dbFile: ':memory:' });
  });
  after(() => server.close());

  it('passes every check and exits 0', async () => {
    const { code, stdout } = await check(new URL('/api/evaluations', server.url).href, '--origin', 'https://www.example.gov.cn');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /8 passed, 0 failed\./);
    assert.ok(!stdout.includes('✗'), stdout);
    for (const text of ['accepted with 2xx', 'posted again', 'stored once', 'not JSON', 'required fields missing', 'wrong type', 'CORS preflight', 'exposes Retry-After']) {
      assert.ok(line(stdout, '✓', text), `no ✓ line for "${text}":\n${stdout}`);
    }
  });

  it('leaves clearly marked test evaluations, stored once', async () => {
    const { evaluations } = await (await fetch(new URL('/api/evaluations?limit=500', server.url))).json();
    const marked = evaluations.filter((e) => e.comment === 'haochaping-check test evaluation — please ignore');
    assert.equal(marked.length, 1, 'one valid test evaluation from the run above, stored once');
    assert.equal(marked[0].taskCode, 'HCP-CHECK');
    assert.equal(marked[0].ticket, 'HCP-CHECK');
    assert.equal(evaluations.length, 1, 'none of the invalid bodies was stored');
  });
});

describe('haochaping-check against a non-conforming endpoint', () => {
  let server;
  const seen = new Set();
  before(async () => {
    // Answers 500 to a duplicate id, 200 to anything else (also garbage), no CORS headers at all.
    server = await serve((req, res, body) => {
      if (req.method === 'OPTIONS') return res.writeHead(405).end();
      if (req.method !== 'POST') return res.writeHead(404).end();
      const key = req.headers['idempotency-key'];
      if (seen.has(key)) return res.writeHead(500).end('duplicate key');
      seen.add(key);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, length: body.length }));
    });
  });
  after(() => server.close());

  it('exits 1 and explains each failure with a fix', async () => {
    const { code, stdout } = await check(server.url);
    assert.equal(code, 1, stdout);
    assert.ok(line(stdout, '✓', 'a valid canonical evaluation is accepted with 2xx'), stdout);
    assert.ok(line(stdout, '✗', 'posted again is accepted'), stdout);
    assert.ok(line(stdout, '✗', 'not JSON is refused'), stdout);
    assert.ok(line(stdout, '✗', 'required fields missing is refused'), stdout);
    assert.ok(line(stdout, '✗', 'wrong type is refused'), stdout);
    assert.ok(line(stdout, '✗', 'CORS preflight'), stdout);
    assert.ok(line(stdout, '✗', 'exposes Retry-After'), stdout);
    assert.ok(line(stdout, '–', 'stored once'), 'a server that cannot list records is not verifiable, not failed');
    assert.match(stdout, /answered 500/);
    assert.match(stdout, /fix: .*ON CONFLICT/);
    assert.match(stdout, /Access-Control-Allow-Headers \(missing\) lacks Idempotency-Key/);
    assert.match(stdout, /1 passed, 6 failed, 1 not verifiable\./);
  });

  it('fails "stored once" when the listing shows the id twice', async () => {
    const stored = [];
    const twice = await serve((req, res, body) => {
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type, idempotency-key', 'Access-Control-Expose-Headers': 'Retry-After' };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (req.method === 'GET') return res.writeHead(200, { 'Content-Type': 'application/json', ...cors }).end(JSON.stringify(stored));
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        return res.writeHead(400, cors).end();
      }
      if (typeof parsed.level !== 'number') return res.writeHead(422, cors).end();
      stored.push(parsed); // no de-duplication
      res.writeHead(201, cors).end();
    });
    try {
      const { code, stdout } = await check(twice.url);
      assert.equal(code, 1, stdout);
      assert.ok(line(stdout, '✗', 'stored once'), stdout);
      assert.match(stdout, /lists 2 record\(s\)/);
      assert.match(stdout, /7 passed, 1 failed\./);
    } finally {
      await twice.close();
    }
  });
});

describe('haochaping-check options', () => {
  it('--format gov-cn posts the provincial field names', async () => {
    const bodies = [];
    const gov = await serve((req, res, body) => {
      const cors = { 'Access-Control-Allow-Origin': 'https://zwfw.example.gov.cn', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key', 'Access-Control-Expose-Headers': 'Retry-After, X-Other' };
      if (req.method !== 'POST') return res.writeHead(req.method === 'OPTIONS' ? 204 : 404, cors).end();
      bodies.push(body);
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        return res.writeHead(400, cors).end();
      }
      const ok = Number.isInteger(parsed.satisfaction) && Number.isInteger(parsed.pf) && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(parsed.assessTime);
      res.writeHead(ok ? 200 : 422, cors).end();
    });
    try {
      const { code, stdout } = await check(gov.url, '--format', 'gov-cn', '--origin', 'https://zwfw.example.gov.cn');
      assert.equal(code, 0, stdout);
      const first = JSON.parse(bodies[0]);
      assert.deepEqual(Object.keys(first).sort(), [
        'assessNumber', 'assessTime', 'evalDetail', 'evaluationId', 'pf', 'projectNo', 'satisfaction', 'tagVersion', 'taskCode', 'taskName', 'ticket', 'writingEvaluation',
      ]);
      assert.equal(first.writingEvaluation, 'haochaping-check test evaluation — please ignore');
    } finally {
      await gov.close();
    }
  });

  it('--same-origin skips the CORS checks for an endpoint only its own pages call', async () => {
    const stored = new Set();
    const plain = await serve((req, res, body) => {
      if (req.method !== 'POST') return res.writeHead(405).end();
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        return res.writeHead(400).end();
      }
      if (parsed.schema !== 'haochaping.evaluation/1' || typeof parsed.level !== 'number' || !Array.isArray(parsed.tags)) return res.writeHead(422).end();
      const known = stored.has(parsed.id);
      stored.add(parsed.id);
      res.writeHead(known ? 200 : 201).end();
    });
    try {
      const without = await check(plain.url);
      assert.equal(without.code, 1, 'no CORS fails a cross-origin check');
      const same = await check(plain.url, '--same-origin');
      assert.equal(same.code, 0, same.stdout);
      assert.ok(line(same.stdout, '–', 'CORS preflight'), same.stdout);
      assert.match(same.stdout, /5 passed, 0 failed, 3 not verifiable\./);
    } finally {
      await plain.close();
    }
  });

  it('--one-per-transaction checks the 409 for a second evaluation of the same transaction', async () => {
    // A minimal endpoint keeping one evaluation per (projectNo, taskCode, assessNumber), or not.
    const endpoint = (enforce) => {
      const ids = new Set();
      const transactions = new Map();
      return serve((req, res, text) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.method !== 'POST') return res.writeHead(204).end();
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          return res.writeHead(400).end('{}');
        }
        if (!body.id || typeof body.level !== 'number' || !Array.isArray(body.tags)) return res.writeHead(422).end('{}');
        const key = JSON.stringify([body.projectNo, body.taskCode, body.assessNumber]);
        if (enforce && transactions.has(key) && transactions.get(key) !== body.id) return res.writeHead(409).end('{"error":"already-rated"}');
        transactions.set(key, body.id);
        const known = ids.has(body.id);
        ids.add(body.id);
        res.writeHead(known ? 200 : 201).end(JSON.stringify({ id: body.id }));
      });
    };
    const strict = await endpoint(true);
    const lax = await endpoint(false);
    try {
      const pass = await check(strict.url, '--same-origin', '--one-per-transaction');
      assert.equal(pass.code, 0, pass.stdout);
      assert.ok(line(pass.stdout, '✓', 'same transaction under another id is answered 409'), pass.stdout);
      const fail = await check(lax.url, '--same-origin', '--one-per-transaction');
      assert.equal(fail.code, 1, fail.stdout);
      assert.ok(line(fail.stdout, '✗', 'same transaction under another id is answered 409'), fail.stdout);
      assert.match(fail.stdout, /fix: Keep one evaluation per \(projectNo, taskCode, assessNumber\)/);
      const without = await check(lax.url, '--same-origin');
      assert.equal(without.code, 0, 'not asked, not checked');
      assert.doesNotMatch(without.stdout, /409/);
    } finally {
      await strict.close();
      await lax.close();
    }
  });

  it('--help explains usage and exits 0; a missing URL is a usage error (exit 2)', async () => {
    const help = await check('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: haochaping-check <endpoint-url>/);
    assert.match(help.stdout, /--format canonical\|gov-cn/);
    const none = await check();
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give exactly one endpoint URL/);
    const wrong = await check('https://x.example/api', '--format', 'xml');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--format must be canonical or gov-cn/);
  });

  it('is declared as the package bin and shipped', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(pkg.bin['haochaping-check'], 'bin/haochaping-check.mjs');
    assert.ok(pkg.files.includes('bin'));
    assert.match(await readFile(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });
});
