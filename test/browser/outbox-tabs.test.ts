import '../../src/index.js';
import { expect } from '@open-wc/testing';
import type { OutboxOptions } from '../../src/outbox/outbox.js';
import { newBin, newOutbox, ratingsFromClicks, stopOutboxes, target, uniqueName, until, windowEvents } from './outbox-helpers.js';

/**
 * Several outboxes on one database stand for several tabs or frames of one origin: they
 * share IndexedDB, Web Locks and BroadcastChannel exactly as tabs do.
 */
const fast: OutboxOptions = { baseDelayMs: 20, maxDelayMs: 200, claimWaitMs: 50 };
const newTab = (options: OutboxOptions) => newOutbox({ ...fast, ...options });

describe('outbox across tabs and frames', () => {
  let events: ReturnType<typeof windowEvents>;
  beforeEach(() => (events = windowEvents()));
  afterEach(() => {
    events.stop();
    stopOutboxes();
  });

  for (const { title, locks } of [
    { title: 'with Web Locks', locks: undefined },
    { title: 'without Web Locks (lease fallback)', locks: null },
  ]) {
    it(`two tabs flushing at once deliver each rating once, ${title}`, async () => {
      const name = uniqueName();
      const bin = newBin();
      await bin.script([], { status: 404 }); // paused while the queue fills
      const a = newTab({ name, locks });
      const b = newTab({ name, locks });
      const ratings = await ratingsFromClicks(6);
      for (const [i, r] of ratings.entries()) await (i % 2 ? a : b).enqueue(r, target(bin.endpoint));
      await until(async () => (await a.pending()) === 6 && (await bin.counts()).requests >= 1);
      await bin.script([], { status: 201, hangMs: 30 });
      const [ra, rb] = await Promise.all([a.flush(), b.flush()]);
      expect(ra.sent + rb.sent, 'every rating delivered by one of the two').to.equal(6);
      expect(ra.pending + rb.pending).to.equal(0);
      const counts = await bin.counts();
      expect(counts.stored).to.equal(6);
      // Each 2xx is one send that reached the server: exactly one per rating.
      for (const r of ratings) expect(counts.ids[r.id].stored, `${r.id} sent with success once`).to.equal(1);
      await until(() => events.of('hcp-sent').length === 6);
      expect(new Set(events.of('hcp-sent').map((e) => e.detail.id)).size, 'one hcp-sent per rating').to.equal(6);
    });

    it(`ten tabs enqueueing at once lose nothing, ${title}`, async () => {
      const name = uniqueName();
      const bin = newBin();
      await bin.script([], { status: 201, hangMs: 20 });
      const tabs = Array.from({ length: 10 }, () => newTab({ name, locks }));
      const ratings = await ratingsFromClicks(10);
      const queued = await Promise.all(tabs.map((tab, i) => tab.enqueue(ratings[i], target(bin.endpoint))));
      expect(queued.every((q) => q.durable)).to.equal(true);
      await until(async () => (await bin.counts()).stored === 10, 5000, 'ten deliveries');
      const counts = await bin.counts();
      for (const r of ratings) expect(counts.ids[r.id], r.id).to.deep.equal({ requests: 1, stored: 1 });
      expect(await tabs[0].pending()).to.equal(0);
      await until(() => events.of('hcp-sent').length === 10);
    });
  }

  it('a delivery made by another tab reaches the widget that shows the rating, and only it', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([], { status: 404 });
    const owner = newTab({ name });
    const deliverer = newTab({ name });
    const [rating] = await ratingsFromClicks(1);
    // Stands for the owner tab's live widget: it claims its rating's outcomes, as the element does.
    const claimed: string[] = [];
    owner.addEventListener('outcome', (e) => {
      const { id, outcome } = (e as CustomEvent).detail;
      if (id !== rating.id) return;
      e.preventDefault();
      claimed.push(outcome.kind);
    });
    await owner.enqueue(rating, target(bin.endpoint));
    await until(() => claimed.includes('paused')); // the owner tab paused the endpoint
    await bin.script([], { status: 201 });
    expect(await deliverer.flush()).to.include({ sent: 1, pending: 0 });
    await until(() => claimed.includes('sent'), 3000, 'the owner tab hearing of the delivery');
    if (typeof BroadcastChannel === 'function') expect(events.of('hcp-sent'), 'the widget announces it, not the outbox').to.have.length(0);
    // Without BroadcastChannel (Safari < 15.4, the baseline profile) the owner learns of it from the
    // store, and the delivering tab, which cannot know that, announces it on its own window too.
    else expect(events.of('hcp-sent')).to.have.length(1);
  });

  it('a delivery no widget claims is announced once on window', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([], { status: 404 });
    const first = newTab({ name });
    const second = newTab({ name });
    const [rating] = await ratingsFromClicks(1);
    await first.enqueue(rating, target(bin.endpoint));
    await until(async () => (await bin.counts()).requests === 1);
    await bin.script([], { status: 201 });
    await Promise.all([first.flush(), second.flush()]);
    await until(() => events.of('hcp-sent', rating.id).length);
    await new Promise((r) => setTimeout(r, 200));
    expect(events.of('hcp-sent', rating.id)).to.have.length(1);
  });
});
