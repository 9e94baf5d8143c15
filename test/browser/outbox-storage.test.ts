import '../../src/index.js';
import { expect } from '@open-wc/testing';
import { indexedDbKV } from '../../src/outbox/kv.js';
import { OutboxFullError } from '../../src/outbox/outbox.js';
import { sleep } from './helpers.js';
import { newBin, newOutbox, ratingsFromClicks, type TestOutboxOptions, restoreStubs, stopOutboxes, stub, target, uniqueName, until, windowEvents } from './outbox-helpers.js';

const fast: TestOutboxOptions = { baseDelayMs: 20, maxDelayMs: 200, retryAfterScale: 0.01, claimWaitMs: 50, openTimeoutMs: 300 };
const fastOutbox = (options: TestOutboxOptions = {}) => newOutbox({ ...fast, ...options });

describe('outbox storage: fallbacks that tell the truth', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
    console.warn = () => {}; // each fallback is logged once; expected here
  });
  afterEach(() => {
    console.warn = warn;
    restoreStubs();
    stopOutboxes();
  });

  const openFailures: { title: string; open: () => unknown }[] = [
    { title: 'throws', open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } },
    { title: 'never calls back', open: () => ({}) },
    {
      title: 'fails (private mode)',
      open: () => {
        const request: { error: DOMException; onerror?: () => void } = { error: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') };
        setTimeout(() => request.onerror?.(), 5);
        return request;
      },
    },
  ];
  for (const { title, open } of openFailures) {
    it(`IndexedDB that ${title}: falls back to localStorage, still durable, still delivered`, async () => {
      stub(indexedDB, 'open', open as IDBFactory['open']);
      const bin = newBin();
      const outbox = fastOutbox();
      const [rating] = await ratingsFromClicks(1);
      await bin.script([], { status: 503 });
      expect(await outbox.enqueue(rating, target(bin.endpoint))).to.deep.equal({ id: rating.id, durable: true });
      await until(async () => (await bin.counts()).requests >= 1);
      const stored = Object.keys(localStorage).filter((k) => k.endsWith(`o:${rating.id}`));
      expect(stored, 'the queued rating is in localStorage').to.have.length(1);
      await bin.script([], { status: 201 });
      await until(async () => (await bin.counts()).stored === 1, 3000, 'delivery');
      await until(() => !Object.keys(localStorage).some((k) => k.endsWith(`o:${rating.id}`)), 1000, 'removal after delivery');
    });
  }

  it('neither IndexedDB nor localStorage: memory only, durable: false, and a new page finds nothing', async () => {
    stub(indexedDB, 'open', (() => { throw new DOMException('denied', 'SecurityError'); }) as IDBFactory['open']);
    stub(Storage.prototype, 'setItem', () => { throw new DOMException('denied', 'SecurityError'); });
    const bin = newBin();
    await bin.script([], { status: 503 });
    const name = uniqueName();
    const outbox = fastOutbox({ name });
    const [rating] = await ratingsFromClicks(1);
    expect(await outbox.enqueue(rating, target(bin.endpoint))).to.deep.equal({ id: rating.id, durable: false });
    expect(await outbox.durable()).to.equal(false);
    expect(await outbox.pending()).to.equal(1);
    // Another page (a new outbox), where storage works again, looks in IndexedDB and localStorage
    // and finds nothing there: exactly what durable: false promised.
    restoreStubs();
    const next = fastOutbox({ name });
    expect(await next.durable(), 'the new page has durable storage to look in').to.equal(true);
    expect(await next.pending()).to.equal(0);
  });

  it('a write refused by IndexedDB (quota) goes to localStorage instead; nothing is lost', async () => {
    const bin = newBin();
    const outbox = fastOutbox();
    expect(await outbox.durable()).to.equal(true);
    const put = IDBObjectStore.prototype.put;
    stub(IDBObjectStore.prototype, 'put', function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (String(args[1]).startsWith('o:')) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const [rating] = await ratingsFromClicks(1);
    await bin.script([], { status: 503 });
    expect(await outbox.enqueue(rating, target(bin.endpoint))).to.deep.equal({ id: rating.id, durable: true });
    expect(Object.keys(localStorage).filter((k) => k.endsWith(`o:${rating.id}`))).to.have.length(1);
    restoreStubs();
    await bin.script([], { status: 201 });
    // Delivered by flush() or by the retry timer (20 ms backoff here), whichever comes first.
    await outbox.flush();
    await until(async () => (await bin.counts()).stored === 1, 3000, 'delivery');
    expect(await outbox.pending()).to.equal(0);
    expect(Object.keys(localStorage).filter((k) => k.endsWith(`o:${rating.id}`)), 'removed after delivery').to.have.length(0);
  });
});

describe('outbox limits: corruption, TTL, the 500 cap, clock jumps', () => {
  let events: ReturnType<typeof windowEvents>;
  beforeEach(() => (events = windowEvents()));
  afterEach(() => {
    events.stop();
    restoreStubs();
    stopOutboxes();
  });

  it('sets aside corrupted and unknown-version records without stopping the queue', async () => {
    const name = uniqueName();
    const bin = newBin();
    const [older, valid] = await ratingsFromClicks(2);
    const kv = await indexedDbKV(name, 5000);
    await kv.set('o:0-garbage', 'not a record');
    await kv.set('o:1-null', null);
    // A record written by a future SDK version: not guessed at, set aside with hcp-failed.
    await kv.set(`o:${older.id}`, { v: 2, id: older.id, payload: older, endpoint: bin.endpoint, state: 'pending' });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const outbox = fastOutbox({ name });
      await outbox.enqueue(valid, target(bin.endpoint));
      await until(() => events.of('hcp-sent', valid.id).length, 3000, 'the valid record');
      await until(() => events.of('hcp-failed', older.id).length);
      expect(events.of('hcp-failed', older.id)[0].detail.reason).to.match(/unreadable/);
      expect(events.of('hcp-failed', older.id)[0].detail.code).to.equal('unreadable');
      expect(await outbox.pending()).to.equal(0);
    } finally {
      console.warn = warn;
    }
    expect(Object.keys((await bin.counts()).ids)).to.deep.equal([valid.id]);
    const dead = (await kv.entries('d:')).map(([k]) => k);
    expect(dead).to.have.members(['d:0-garbage', 'd:1-null', `d:${older.id}`]);
  });

  it('sets aside a stored record whose endpoint is not an absolute http(s) address or whose payload is not ours', async () => {
    const name = uniqueName();
    const bin = newBin();
    const [elsewhere, foreign, valid] = await ratingsFromClicks(3);
    const kv = await indexedDbKV(name, 5000);
    const stored = { v: 1, format: 'canonical', withCredentials: false, headers: {}, custom: false, attempts: 0, nextAt: 0, leaseUntil: 0, state: 'pending' };
    await kv.set(`o:${elsewhere.id}`, { ...stored, id: elsewhere.id, payload: elsewhere, endpoint: 'javascript:alert(1)', createdAt: 1 });
    await kv.set(`o:${foreign.id}`, { ...stored, id: foreign.id, payload: { ...foreign, schema: 'someone-else/1' }, endpoint: bin.endpoint, createdAt: 2 });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const outbox = fastOutbox({ name });
      await outbox.enqueue(valid, target(bin.endpoint));
      await until(() => events.of('hcp-sent', valid.id).length, 3000, 'the valid record');
      await until(() => events.of('hcp-failed', elsewhere.id).length && events.of('hcp-failed', foreign.id).length);
      expect(await outbox.pending()).to.equal(0);
    } finally {
      console.warn = warn;
    }
    expect(Object.keys((await bin.counts()).ids)).to.deep.equal([valid.id]);
  });

  it('sets aside a rating not delivered within the TTL as expired, with hcp-failed', async () => {
    const bin = newBin();
    await bin.script([], { status: 503 });
    const outbox = fastOutbox({ ttlMs: 400 });
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-failed', rating.id).length, 3000, 'expiry');
    expect(events.of('hcp-failed', rating.id)[0].detail).to.include({ status: 503, code: 'expired' });
    expect(events.of('hcp-failed', rating.id)[0].detail.reason).to.match(/^expired/);
    expect(await outbox.pending()).to.equal(0);
    const requests = (await bin.counts()).requests;
    await sleep(300);
    expect((await bin.counts()).requests, 'an expired rating is not sent again').to.equal(requests);
  });

  it('the default TTL is 7 days', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([], { status: 503 });
    const [rating] = await ratingsFromClicks(1);
    const first = fastOutbox({ name });
    await first.enqueue(rating, target(bin.endpoint));
    first.stop();
    // A page opened 6 days later still sends it; one opened 8 days later sets it aside.
    const realNow = Date.now;
    stub(Date, 'now', () => realNow() + 6 * 86_400_000);
    const sixDays = fastOutbox({ name });
    await until(async () => (await bin.counts()).requests >= 2, 3000, 'an attempt on day 6');
    expect(await sixDays.pending()).to.equal(1);
    sixDays.stop();
    stub(Date, 'now', () => realNow() + 8 * 86_400_000);
    const eightDays = fastOutbox({ name });
    await until(() => events.of('hcp-failed', rating.id).length, 3000, 'expiry on day 8');
    expect(await eightDays.pending()).to.equal(0);
  });

  it('refuses a new rating when the queue is full, never dropping an old one', async () => {
    const bin = newBin();
    await bin.script([], { status: 503 });
    const outbox = fastOutbox({ maxRecords: 2 });
    const [a, b, c] = await ratingsFromClicks(3);
    await outbox.enqueue(a, target(bin.endpoint));
    await outbox.enqueue(b, target(bin.endpoint));
    let error: unknown;
    await outbox.enqueue(c, target(bin.endpoint)).catch((e) => (error = e));
    expect(error).to.be.instanceOf(OutboxFullError);
    expect((error as Error).message).to.contain('2 ratings are already waiting');
    expect(await outbox.pending()).to.equal(2);
    await bin.script([], { status: 201 });
    // Delivered by flush() or by the retry timer (20 ms backoff here), whichever comes first.
    await outbox.flush();
    await until(async () => (await bin.counts()).stored === 2, 3000, 'delivery of both');
    expect(await outbox.pending()).to.equal(0);
    expect(Object.keys((await bin.counts()).ids)).to.have.members([a.id, b.id]);
  });

  it('two tabs queuing at once cannot overfill the queue: lookup, cap and write are one step', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([], { status: 503 });
    // Two outboxes on one database, as two tabs of the site have.
    const tabA = fastOutbox({ name, maxRecords: 2 });
    const tabB = fastOutbox({ name, maxRecords: 2 });
    const [a, b, c] = await ratingsFromClicks(3);
    await tabA.enqueue(a, target(bin.endpoint));
    const results = await Promise.allSettled([tabA.enqueue(b, target(bin.endpoint)), tabB.enqueue(c, target(bin.endpoint))]);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(refused, 'exactly one of the two is refused').to.have.length(1);
    expect(refused[0]).to.be.instanceOf(OutboxFullError);
    expect(await tabA.pending()).to.equal(2);
  });

  it('the default cap is 500 records', async () => {
    const name = uniqueName();
    const kv = await indexedDbKV(name, 5000);
    const [model, extra] = await ratingsFromClicks(2);
    const bin = newBin();
    await bin.script([], { status: 404 });
    // 500 queued records as an earlier visit would leave them (copies of one real rating's record).
    const seed = fastOutbox({ name });
    await seed.enqueue(model, target(bin.endpoint));
    const record = await kv.get(`o:${model.id}`);
    // 499 more ids: the model's with other last four digits (never the model's own: a random id can end in 0001).
    const ids = Array.from({ length: 500 }, (_, i) => `${model.id.slice(0, -4)}${i.toString(16).padStart(4, '0')}`)
      .filter((id) => id !== model.id)
      .slice(0, 499);
    for (const id of ids) await kv.set(`o:${id}`, { ...(record as object), id, payload: { ...model, id } });
    expect(await seed.pending()).to.equal(500);
    let error: unknown;
    await seed.enqueue(extra, target(bin.endpoint)).catch((e) => (error = e));
    expect(error).to.be.instanceOf(OutboxFullError);
    expect(await seed.pending()).to.equal(500);
  });

  for (const days of [30, -30]) {
    it(`a clock jump of ${days} days neither expires nor stalls a rating`, async () => {
      const name = uniqueName();
      const bin = newBin();
      await bin.script([{ status: 503 }], { status: 201 });
      // A 1 s backoff: the clock jumps while the rating waits it out.
      const outbox = fastOutbox({ name, baseDelayMs: 1000, maxDelayMs: 1000 });
      const [rating] = await ratingsFromClicks(1);
      await outbox.enqueue(rating, target(bin.endpoint));
      await until(async () => (await bin.counts()).requests === 1);
      const realNow = Date.now;
      stub(Date, 'now', () => realNow() + days * 86_400_000);
      // Else the retry went out before the jump and this test would prove nothing.
      expect((await bin.counts()).requests, 'the clock jumped while the rating waited').to.equal(1);
      await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery after the jump');
      expect(events.of('hcp-failed')).to.have.length(0);
    });
  }

  it('a page opened after the clock went back 30 days sends ratings queued “in the future” at once', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([], { status: 503 });
    const [rating] = await ratingsFromClicks(1);
    // Queued with a long backoff by a page on the right time…
    const before = fastOutbox({ name, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await before.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).requests === 1);
    before.stop();
    // …then the device clock is set back a month: the record's times lie weeks ahead.
    const realNow = Date.now;
    stub(Date, 'now', () => realNow() - 30 * 86_400_000);
    await bin.script([], { status: 201 });
    fastOutbox({ name });
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery on the earlier clock');
    expect(events.of('hcp-failed')).to.have.length(0);
  });
});
