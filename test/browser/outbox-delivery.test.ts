import '../../src/index.js';
import { expect } from '@open-wc/testing';
import { indexedDbKV } from '../../src/outbox/kv.js';
import type { OutcomeEvent } from '../../src/outbox/outbox.js';
import { sleep } from './helpers.js';
import { newBin, newOutbox, type TestOutboxOptions, ratingsFromClicks, restoreStubs, stopOutboxes, stub, target, uniqueName, until, windowEvents } from './outbox-helpers.js';

/** Short waits so a test never sleeps for minutes: 20 ms backoff steps, Retry-After ×0.01 (TestOutbox). */
const fast: TestOutboxOptions = { baseDelayMs: 20, maxDelayMs: 200, retryAfterScale: 0.01, claimWaitMs: 50 };
const fastOutbox = (options: TestOutboxOptions = {}) => newOutbox({ ...fast, ...options });

/** A rating whose first attempt got a 503 and that now waits out a minute of backoff. */
async function waitingOutBackoff() {
  const bin = newBin();
  await bin.script([{ status: 503 }]);
  const outbox = fastOutbox({ baseDelayMs: 60_000, maxDelayMs: 60_000 });
  const [rating] = await ratingsFromClicks(1);
  await outbox.enqueue(rating, target(bin.endpoint));
  await until(async () => (await bin.counts()).requests === 1);
  return { bin, outbox, rating };
}

describe('outbox delivery (real IndexedDB, real HTTP)', () => {
  let events: ReturnType<typeof windowEvents>;
  beforeEach(() => (events = windowEvents()));
  afterEach(() => {
    events.stop();
    restoreStubs();
    stopOutboxes();
  });

  it('stores a rating in IndexedDB before announcing it, and reports durable: true', async () => {
    const name = uniqueName();
    const bin = newBin();
    // The outbox's own database, opened here too, so the listener below can read it at once.
    const database = await indexedDbKV(name, 5000);
    const outbox = fastOutbox({ name });
    const [rating] = await ratingsFromClicks(1);
    const queued = new Promise<{ detail: unknown; stored: unknown }>((resolve) =>
      outbox.addEventListener('queued', (e) => {
        const { detail } = e as CustomEvent;
        // Read while the event is dispatched: IndexedDB orders this read before any later write
        // (the delete after delivery), so it sees exactly what was stored when the event fired.
        void database.get(`o:${rating.id}`).then((stored) => resolve({ detail, stored }));
      }),
    );
    expect(await outbox.enqueue(rating, target(bin.endpoint))).to.deep.equal({ id: rating.id, durable: true });
    const { detail, stored } = await queued;
    expect(detail).to.deep.equal({ id: rating.id, durable: true });
    expect(stored, 'the record was in IndexedDB when queued was announced').to.deep.include({ v: 1, id: rating.id, endpoint: bin.endpoint, state: 'pending', attempts: 0 });
    await until(async () => (await bin.counts()).stored === 1, 3000, 'delivery');
    await until(async () => (await outbox.pending()) === 0);
  });

  it('500 then 200: retried with backoff and stored once; one hcp-sent on window', async () => {
    const bin = newBin();
    await bin.script([{ status: 500 }]);
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'hcp-sent');
    const counts = await bin.counts();
    expect(counts.ids[rating.id]).to.deep.equal({ requests: 2, stored: 1 });
    expect(await outbox.pending()).to.equal(0);
    await sleep(100);
    expect(events.of('hcp-sent', rating.id)).to.have.length(1);
    expect(events.of('hcp-sent', rating.id)[0].detail.status).to.equal(201);
    const [first, second] = (await bin.received()).map((r) => JSON.parse(r.body));
    expect([first.attempt, second.attempt]).to.deep.equal([1, 2]);
    expect(second.id).to.equal(first.id);
  });

  for (const { title, answer, wait } of [
    { title: '429 with Retry-After in seconds', answer: { status: 429, retryAfter: '100' }, wait: 270 },
    { title: '503 with Retry-After as an HTTP date', answer: { status: 503, retryAfterDate: 100 }, wait: 210 },
  ]) {
    it(`${title}: the whole endpoint queue waits as long as the server asked, then each rating is stored once`, async () => {
      const bin = newBin();
      await bin.script([answer]);
      // ×0.003: the 100 s asked become 300 ms, still 15 times the 20 ms backoff step.
      const outbox = fastOutbox({ retryAfterScale: 0.003 });
      const ratings = await ratingsFromClicks(2);
      for (const r of ratings) await outbox.enqueue(r, target(bin.endpoint));
      await until(async () => (await bin.counts()).stored === 2, 5000, 'both delivered');
      const received = await bin.received();
      const [first, ...later] = received;
      // 100 s asked, ×0.003 in this test: nothing reached the endpoint for about 300 ms.
      for (const r of later) expect(r.at - first.at).to.be.at.least(wait);
      const counts = await bin.counts();
      expect(counts.ids[ratings[0].id]).to.deep.equal({ requests: 2, stored: 1 });
      expect(counts.ids[ratings[1].id].stored).to.equal(1);
    });
  }

  it('503 without Retry-After: retried after a short backoff, stored once', async () => {
    const bin = newBin();
    await bin.script([{ status: 503 }, { status: 503 }]);
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).stored === 1, 3000, 'delivery');
    expect((await bin.counts()).ids[rating.id]).to.deep.equal({ requests: 3, stored: 1 });
  });

  it('backs off exponentially while an endpoint keeps failing, up to the cap, never hammering it', async () => {
    const bin = newBin();
    await bin.script([], { status: 500 });
    const outbox = fastOutbox({ baseDelayMs: 50, maxDelayMs: 400 });
    const [rating] = await ratingsFromClicks(1);
    // Full jitter draws each wait between the base and the step's ceiling; drawing the top of
    // that range every time makes the waits the ceilings themselves: 50, 100, 200, 400, 400… ms.
    stub(Math, 'random', () => 1);
    await outbox.enqueue(rating, target(bin.endpoint));
    // Seven attempts (at 0, 50, 150, 350, 750, 1150, 1550 ms): three of them after the cap is reached.
    await until(async () => (await bin.counts()).requests >= 7, 5000, 'seven attempts');
    const times = (await bin.received()).map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Not hammering: the seven attempts took at least the 1.55 s their waits add up to (checked gap by gap below).
    expect(times.length).to.be.within(7, 8);
    // Each gap is at least its wait (the timer cannot fire early); the rest is this machine's latency.
    const ceilings = [50, 100, 200, 400];
    gaps.forEach((gap, i) => expect(gap, `gap ${i + 1}: ${gaps.join(', ')}`).to.be.at.least(ceilings[Math.min(i, 3)] - 5));
    // …and capped: once at 400 ms, the waits do not double on to 800, 1600 (so a gap of 800 or more).
    for (const gap of gaps.slice(3)) expect(gap, `a capped gap: ${gaps.join(', ')}`).to.be.below(780);
    expect(await outbox.pending()).to.equal(1);
  });

  it('clamps Retry-After to at most an hour and ignores an unreadable one', async () => {
    const bin = newBin();
    // A year: clamped to an hour, which this outbox scales to 300 ms.
    await bin.script([{ status: 503, retryAfter: String(365 * 24 * 3600) }]);
    const outbox = fastOutbox({ retryAfterScale: 1 / 12_000 });
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).stored === 1, 6000, 'delivery once the hour is over');
    const [first, retry] = (await bin.received()).map((r) => r.at);
    // An hour, not less (the 20 ms backoff) and not more (a day would be 7.2 s here).
    expect(retry - first, 'the hour, scaled to 300 ms').to.be.within(240, 3000);
    expect(outbox.retryAfterWaits, 'the wait asked of the outbox, before this test scales it').to.deep.equal([3600 * 1000]);
    expect((await bin.counts()).ids[rating.id]).to.deep.equal({ requests: 2, stored: 1 });

    // Retry-After ×0.01 here: an unreadable header taken as an hour would hold the rating for 36 s.
    const other = newBin();
    await other.script([{ status: 503, retryAfter: 'soon, maybe' }]);
    const [second] = await ratingsFromClicks(1);
    const unreadable = fastOutbox();
    await unreadable.enqueue(second, target(other.endpoint));
    await until(async () => (await other.counts()).stored === 1, 3000, 'backoff instead of the unreadable header');
    expect(unreadable.retryAfterWaits, 'an unreadable Retry-After asks for no wait').to.deep.equal([]);
  });

  it('a backlog drains one rating at a time: each delivered record is gone from IndexedDB before the next attempt, and announced once', async () => {
    const name = uniqueName();
    const bin = newBin();
    const database = await indexedDbKV(name, 5000);
    const outbox = fastOutbox({ name });
    const ratings = await ratingsFromClicks(4);
    let up = false;
    const answered: string[] = [];
    const leftovers: string[] = [];
    const transport = async (request: { body: string }) => {
      if (!up) throw new TypeError('offline');
      // Each delivered record's delete rides on the next claim: by now it must have committed.
      for (const previous of answered) if (await database.get(`o:${previous}`)) leftovers.push(previous);
      answered.push(JSON.parse(request.body).id);
      return { status: 201 };
    };
    for (const r of ratings) await outbox.enqueue(r, { ...target(bin.endpoint), transport });
    await sleep(100);
    up = true;
    expect(await outbox.flush()).to.deep.equal({ sent: 4, pending: 0, failed: 0 });
    expect(answered).to.deep.equal(ratings.map((r) => r.id));
    expect(leftovers, 'a delivered record still queued when the next attempt started').to.deep.equal([]);
    expect(await database.entries('o:')).to.deep.equal([]);
    for (const r of ratings) expect(events.of('hcp-sent', r.id), r.id).to.have.length(1);
  });

  it('400 sets one rating aside with hcp-failed while the next one is delivered', async () => {
    const bin = newBin();
    await bin.script([{ status: 400 }]);
    const outbox = fastOutbox();
    const [refused, next] = await ratingsFromClicks(2);
    await outbox.enqueue(refused, target(bin.endpoint));
    await outbox.enqueue(next, target(bin.endpoint));
    await until(() => events.of('hcp-sent', next.id).length, 3000, 'the next rating');
    await until(() => events.of('hcp-failed', refused.id).length);
    expect(events.of('hcp-failed', refused.id)[0].detail).to.include({ id: refused.id, status: 400, code: 'refused' });
    expect((await bin.counts()).ids).to.deep.equal({
      [refused.id]: { requests: 1, stored: 0 },
      [next.id]: { requests: 1, stored: 1 },
    });
    expect(await outbox.pending()).to.equal(0);
    await sleep(200);
    expect((await bin.counts()).requests, 'a refused rating is never resent').to.equal(2);
  });

  for (const status of [401, 403, 404, 410]) {
    it(`${status} pauses the endpoint without losing anything; flush() resumes it`, async () => {
      const bin = newBin();
      await bin.script([], { status });
      // Backoff waits of at most 100 ms: an endpoint that was not paused would be tried again
      // at least twice in each window below.
      const outbox = fastOutbox({ maxDelayMs: 100 });
      const ratings = await ratingsFromClicks(2);
      for (const r of ratings) await outbox.enqueue(r, target(bin.endpoint));
      await until(async () => (await bin.counts()).requests >= 1);
      await sleep(200);
      // Each new rating tries a paused endpoint once more; then it stays quiet.
      const attempts = (await bin.counts()).requests;
      expect(attempts).to.be.at.most(2);
      await sleep(250);
      expect((await bin.counts()).requests, 'paused: no more attempts').to.equal(attempts);
      expect(await outbox.pending()).to.equal(2);
      expect(events.seen).to.deep.equal([]);
      await bin.script([], { status: 201 }); // the site fixed its configuration
      expect(await outbox.flush()).to.deep.equal({ sent: 2, pending: 0, failed: 0 });
      const counts = await bin.counts();
      expect(counts.stored).to.equal(2);
      expect(counts.ids[ratings[1].id].stored).to.equal(1);
    });
  }

  it('a timeout is retried, and the rating is stored once', async () => {
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 1500 }]);
    const outbox = fastOutbox({ timeoutMs: 300 });
    const [rating] = await ratingsFromClicks(1);
    const outcomes: string[] = [];
    outbox.addEventListener('outcome', (e) => outcomes.push((e as OutcomeEvent).detail.outcome.kind));
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-sent', rating.id).length, 4000, 'delivery after the timeout');
    expect(outcomes).to.deep.equal(['retry', 'sent']);
    expect((await bin.counts()).ids[rating.id].requests).to.equal(2);
    expect(await outbox.pending()).to.equal(0);
  });

  it('a captive portal’s 200 text/html is not a delivery: retried until the endpoint answers', async () => {
    const bin = newBin();
    await bin.script([{ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Wi-Fi 登录</title>' }]);
    const outbox = fastOutbox({ baseDelayMs: 500, maxDelayMs: 500 });
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).requests === 1);
    await sleep(50);
    expect(await outbox.pending(), 'still queued after the portal page').to.equal(1);
    expect(events.of('hcp-sent')).to.have.length(0);
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'real delivery');
    expect((await bin.counts()).ids[rating.id]).to.deep.equal({ requests: 2, stored: 1 });
  });

  it('a 2xx of any other kind (201, 204, 200 JSON) is a delivery', async () => {
    for (const answer of [{ status: 204 }, { status: 200, contentType: 'application/json', body: '{"ok":true}' }, { status: 202 }]) {
      const bin = newBin();
      await bin.script([answer]);
      const outbox = fastOutbox();
      const [rating] = await ratingsFromClicks(1);
      await outbox.enqueue(rating, target(bin.endpoint));
      await until(() => events.of('hcp-sent', rating.id).length, 3000, `delivery on ${answer.status}`);
      expect((await bin.counts()).requests).to.equal(1);
    }
  });

  it('two endpoints on one origin: each rating goes only to its own endpoint', async () => {
    const down = newBin();
    const up = newBin();
    await down.script([], { status: 503 });
    const outbox = fastOutbox();
    const [forDown, forUp] = await ratingsFromClicks(2);
    await outbox.enqueue(forDown, target(down.endpoint));
    await outbox.enqueue(forUp, target(up.endpoint));
    await until(async () => (await up.counts()).stored === 1, 3000, 'delivery to the working endpoint');
    expect(Object.keys((await up.counts()).ids)).to.deep.equal([forUp.id]);
    expect(Object.keys((await down.counts()).ids)).to.deep.equal([forDown.id]);
    expect(await outbox.pending()).to.equal(1);
  });

  it('the same rating enqueued twice (a double submit) is one record and one delivery', async () => {
    const bin = newBin();
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    let queued = 0;
    outbox.addEventListener('queued', () => queued++);
    await outbox.enqueue(rating, target(bin.endpoint));
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery');
    await sleep(100);
    expect(queued).to.equal(1);
    expect((await bin.counts()).ids[rating.id].requests).to.equal(1);
    expect(events.of('hcp-sent', rating.id)).to.have.length(1);
  });

  it('a rating queued through a custom transport waits for a page that supplies it again', async () => {
    const name = uniqueName();
    const bin = newBin();
    const [rating] = await ratingsFromClicks(1);
    const first = fastOutbox({ name });
    const down = () => Promise.reject(new TypeError('bridge unavailable'));
    expect(await first.enqueue(rating, { ...target(bin.endpoint), transport: down })).to.include({ durable: true });
    first.stop();
    const next = fastOutbox({ name });
    await sleep(300);
    expect(await next.pending(), 'kept: a function cannot be stored, so it waits').to.equal(1);
    expect((await bin.counts()).requests, 'never sent by fetch instead').to.equal(0);
    const bodies: string[] = [];
    next.useTransport(bin.endpoint, async (request) => {
      bodies.push(request.body);
      return { status: 201 };
    });
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery through the supplied transport');
    expect(JSON.parse(bodies[0]).id).to.equal(rating.id);
  });

  it('sends the contract: JSON, Idempotency-Key equal to the id, sentAt per attempt, no cookies', async () => {
    // A cookie the endpoint (same origin) would receive if the request carried credentials.
    document.cookie = 'hcp_test=1; path=/';
    try {
      expect(document.cookie).to.contain('hcp_test=1');
      const bin = newBin();
      const outbox = fastOutbox();
      const [rating] = await ratingsFromClicks(1);
      await outbox.enqueue(rating, { ...target(bin.endpoint), headers: { 'X-Api-Key': 'k', 'idempotency-key': 'forged' } });
      await until(async () => (await bin.counts()).stored === 1);
      const [request] = await bin.received();
      expect(request.headers['idempotency-key']).to.equal(rating.id);
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers['x-api-key']).to.equal('k');
      expect(request.headers.cookie, 'the page has a cookie; the outbox does not send it').to.equal(undefined);
      const body = JSON.parse(request.body);
      expect(body.id).to.equal(rating.id);
      expect(body.sentAt).to.be.a('string');
    } finally {
      document.cookie = 'hcp_test=; path=/; max-age=0';
    }
  });
});

describe('outbox triggers', () => {
  let events: ReturnType<typeof windowEvents>;
  beforeEach(() => (events = windowEvents()));
  afterEach(() => {
    events.stop();
    restoreStubs();
    stopOutboxes();
  });

  it('navigator.onLine is a hint, never a gate: a rating is sent while it says offline', async () => {
    stub(navigator, 'onLine', false);
    const bin = newBin();
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery');
  });

  for (const { title, fire } of [
    { title: 'the network comes back (online)', fire: () => dispatchEvent(new Event('online')) },
    { title: 'the page is restored from the back/forward cache (pageshow)', fire: () => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })) },
    {
      title: 'the page becomes visible',
      fire: () => {
        Object.defineProperty(document, 'visibilityState', { get: () => 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        delete (document as unknown as Record<string, unknown>).visibilityState;
      },
    },
  ]) {
    it(`retries at once, without waiting out the backoff, when ${title}`, async () => {
      const { outbox, rating } = await waitingOutBackoff();
      await sleep(200);
      expect(await outbox.pending(), 'waiting a minute of backoff').to.equal(1);
      fire();
      await until(() => events.of('hcp-sent', rating.id).length, 2000, 'delivery after the trigger');
    });
  }

  it('keeps honouring Retry-After when the network comes back', async () => {
    const bin = newBin();
    await bin.script([{ status: 429, retryAfter: '3600' }]);
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).requests === 1);
    dispatchEvent(new Event('online'));
    await outbox.flush();
    await sleep(300);
    expect((await bin.counts()).requests).to.equal(1);
    expect(await outbox.pending()).to.equal(1);
  });

  it('survives its database being deleted while the page runs', async () => {
    const name = uniqueName();
    const bin = newBin();
    const outbox = fastOutbox({ name });
    const [first, second] = await ratingsFromClicks(2);
    await outbox.enqueue(first, target(bin.endpoint));
    await until(() => events.of('hcp-sent', first.id).length, 3000, 'the first delivery');
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = reject;
    });
    expect(await outbox.enqueue(second, target(bin.endpoint))).to.deep.equal({ id: second.id, durable: true });
    await until(() => events.of('hcp-sent', second.id).length, 3000, 'the second delivery');
  });
});

describe('outbox keepalive (only while the page goes away)', () => {
  let events: ReturnType<typeof windowEvents>;
  /** `keepalive` of each fetch the outbox made to the bins, in order. */
  let keepalive: boolean[];
  beforeEach(() => {
    events = windowEvents();
    keepalive = [];
    const realFetch = window.fetch;
    stub(window, 'fetch', ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/test-endpoint/') && init?.method === 'POST') keepalive.push(Boolean(init.keepalive));
      return realFetch(input, init);
    }) as typeof fetch);
  });
  afterEach(() => {
    events.stop();
    restoreStubs();
    stopOutboxes();
    // The synthetic pagehide and visibilitychange below must not leave the next test "leaving".
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  });

  it('a visible page sends without keepalive', async () => {
    const bin = newBin();
    const outbox = fastOutbox();
    const ratings = await ratingsFromClicks(2);
    for (const r of ratings) await outbox.enqueue(r, target(bin.endpoint));
    await until(async () => (await bin.counts()).stored === 2, 3000, 'delivery');
    expect(keepalive).to.deep.equal([false, false]);
  });

  const pagehide = () => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  const turnHidden = () => {
    stub(document, 'visibilityState', 'hidden');
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('the page turning hidden while a rating is in flight (a tab switch): no second request; the first one delivers', async () => {
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 600 }]);
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => keepalive.length === 1);
    turnHidden();
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivered by the first request');
    expect(keepalive).to.deep.equal([false]);
    expect(await bin.counts()).to.include({ requests: 1, stored: 1 });
  });

  it(`pagehide while a rating is in flight: a keepalive copy leaves at once; one rating stored, one hcp-sent`, async () => {
    const bin = newBin();
    // The first request hangs (as on a slow network when the tab is closed); the copy does not.
    await bin.script([{ status: 201, hangMs: 1500 }], { status: 201 });
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => keepalive.length === 1);
    pagehide();
    await until(() => events.of('hcp-sent', rating.id).length, 1200, 'delivered by the copy, before the first request answers');
    expect(keepalive).to.deep.equal([false, true]);
    await until(async () => (await bin.counts()).requests === 2, 3000);
    const [first, copy] = await bin.received();
    expect(copy.body, 'the same body').to.equal(first.body);
    expect(copy.headers['idempotency-key'], 'the same Idempotency-Key').to.equal(rating.id);
    const counts = await bin.counts();
    expect(counts.stored, 'one rating').to.equal(1);
    expect(await outbox.pending()).to.equal(0);
    await sleep(1600);
    expect(events.of('hcp-sent', rating.id)).to.have.length(1);
    expect((await bin.counts()).requests, 'no further attempt once delivered').to.equal(2);
  });

  for (const { title, leave } of [
    { title: 'pagehide', leave: pagehide },
    { title: 'the page turning hidden', leave: turnHidden },
  ]) {
    it(`${title}: a rating waiting out its backoff gets a keepalive attempt at once`, async () => {
      const { rating } = await waitingOutBackoff();
      await sleep(100);
      leave();
      await until(() => events.of('hcp-sent', rating.id).length, 2000, 'delivery on leaving');
      expect(keepalive).to.deep.equal([false, true]);
    });
  }

  it('a rating queued while the page is hidden is sent with keepalive', async () => {
    stub(document, 'visibilityState', 'hidden');
    const bin = newBin();
    const outbox = fastOutbox();
    const [rating] = await ratingsFromClicks(1);
    await outbox.enqueue(rating, target(bin.endpoint));
    await until(() => events.of('hcp-sent', rating.id).length, 3000, 'delivery');
    expect(keepalive).to.deep.equal([true]);
  });
});
