import { expect } from '@open-wc/testing';
import { attempt, fetchTransport, type TransportRequest } from '../../src/outbox/transport.js';

/**
 * Chromium 64–80 (the U4 kernel of Alipay and DingTalk, domestic browsers) refuse a keepalive
 * request that needs a CORS preflight, and ours always does. They reject it with a plain "Failed
 * to fetch", as they do a network failure (test/node/old-chromium.test.mjs sees both in real
 * Chromium 69 and 80). Here `fetch` behaves as those engines do, so the fallback is checked in
 * every engine: the same request goes out again without keepalive; once that one is answered,
 * later requests of the page no longer ask for keepalive, and no keepalive copy is offered when
 * the page goes away (it would be the same plain request again). A network failure (the plain
 * request fails too) is reported as one, and keepalive stays in use.
 */
describe('fetchTransport where keepalive with a preflight is refused (Chromium < 81)', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  const request = (keepalive: boolean): TransportRequest => ({
    url: '/no-such-endpoint',
    body: '{}',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': '0190f5d2-8a4b-7c3d-9e1f-123456789abc' },
    credentials: 'omit',
    signal: new AbortController().signal,
    keepalive,
  });

  const ok = async () => new Response('{}', { status: 201, headers: { 'Content-Type': 'application/json' } });
  /** How many keepalive copies an attempt without keepalive offers (one when keepalive may be used). */
  const copiesOffered = async (): Promise<number> => {
    let copies = 0;
    const { signal: _signal, ...plain } = request(false);
    await attempt(fetchTransport, plain, 5000, () => copies++);
    return copies;
  };

  it('a network failure of a keepalive request is reported as one, and keepalive stays in use', async () => {
    const calls: (boolean | undefined)[] = [];
    window.fetch = async (_url, init) => {
      calls.push(init?.keepalive);
      throw new TypeError('Failed to fetch');
    };
    const error = await fetchTransport(request(true)).catch((e: Error) => e);
    expect((error as Error).message).to.equal('Failed to fetch');
    expect(calls, 'tried with keepalive, then plainly').to.deep.equal([true, false]);
    window.fetch = ok;
    expect(await copiesOffered(), 'keepalive still in use: a copy is offered for pagehide').to.equal(1);
  });

  it('a refused keepalive request goes out again without keepalive, and later ones do not ask for it', async () => {
    const calls: (boolean | undefined)[] = [];
    window.fetch = async (_url, init) => {
      calls.push(init?.keepalive);
      if (init?.keepalive) throw new TypeError('Failed to fetch');
      return ok();
    };
    expect((await fetchTransport(request(true))).status).to.equal(201);
    expect(calls, 'refused, then sent plainly').to.deep.equal([true, false]);
    expect((await fetchTransport(request(true))).status).to.equal(201);
    expect(calls, 'the next one is sent plainly at once').to.deep.equal([true, false, false]);
    expect(await copiesOffered(), 'no keepalive copy once refused').to.equal(0);
  });
});
