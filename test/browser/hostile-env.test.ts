/**
 * SPEC §6: pages where storage, Web Locks or BroadcastChannel are denied (cookies blocked,
 * opaque origins, a full disk, old engines) still deliver, within seconds, and say truthfully
 * whether a rating survives a closed tab. Never a perpetual 正在提交.
 *
 * Two levels, in every engine:
 * - the Outbox class on a database of its own, fed ratings a citizen made with real clicks,
 *   under each denial (and each with Web Locks refused too, as they come together on a
 *   cookie-blocked page);
 * - the widget in a page of its own (an iframe whose script denies the API before the SDK
 *   loads, so the page's own outbox is born in the hostile environment, as on a real page),
 *   rated with real clicks and key presses, ending in hcp-sent.
 *
 * This top page never loads the SDK (only the Outbox class): a started outbox here would share
 * the frames' `haochaping` database and could deliver their ratings for them, hiding a stuck one.
 * The real browsers' own hostile environments (Chromium with cookies blocked, a CSP-sandboxed
 * page) are in test/node/hostile-env.test.mjs.
 */
import { expect } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import type { Evaluation } from '../../src/schema/payload.js';
import { framePage, upgraded, type FramePage } from './frames.js';
import { clickInFrame, getByRole, type } from './helpers.js';
import { newBin, newOutbox, restoreStubs, stopOutboxes, stub, target, uniqueName, until, windowEvents, type Bin, type TestOutboxOptions } from './outbox-helpers.js';

// The widget's zh-CN status texts (src/i18n/messages.ts).
const SENDING = '正在提交…';
const SENDING_UNSAVED = '正在提交，请勿关闭页面…';
const SAVED = '已保存，网络恢复后将自动提交。';
const SENT = '已提交，感谢您的评价！';

const fast: TestOutboxOptions = { baseDelayMs: 20, maxDelayMs: 200, retryAfterScale: 0.01, claimWaitMs: 50, openTimeoutMs: 300 };

const denied = () => new DOMException('The request was denied.', 'SecurityError');
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A lock manager that refuses every request, as Chromium's does with cookies blocked; counts the requests. */
function refusingLocks(how: 'rejects' | 'throws') {
  const calls = { n: 0 };
  const locks = {
    request: () => {
      calls.n++;
      if (how === 'throws') throw denied();
      return Promise.reject(denied());
    },
  } as unknown as LockManager;
  return { locks, calls };
}

let pool: Evaluation[] = [];
/** A rating a citizen made: real clicks on a real widget in a page of its own, 提交 cancelled in `hcp-submit`. */
async function rating(): Promise<Evaluation> {
  if (!pool.length) {
    const page = await framePage('<hcp-rating endpoint="/never-sent"></hcp-rating>', { width: 700, height: 700 });
    try {
      await upgraded(page);
      const el = page.doc.querySelector('hcp-rating') as HcpRating;
      el.addEventListener('hcp-submit', (e) => {
        e.preventDefault();
        pool.push(JSON.parse(JSON.stringify((e as CustomEvent<Evaluation>).detail)) as Evaluation);
      });
      await clickInFrame(page.frame, getByRole(el, 'radio', '满意'));
      await el.updateComplete;
      for (let i = 0; i < 6; i++) await clickInFrame(page.frame, getByRole(el, 'button'));
      await until(() => pool.length === 6, 3000, 'six ratings from six clicks on 提交');
    } finally {
      page.remove();
    }
  }
  return pool.shift()!;
}

/** The localStorage key of a queued rating of outbox `name`. */
const lsKey = (name: string, id: string) => `haochaping:${name}:o:${id}`;

describe('hostile environments: the Outbox delivers, and says whether it kept the rating durably', () => {
  let events: ReturnType<typeof windowEvents>;
  let warnings: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    events = windowEvents();
    warnings = [];
    warn = console.warn;
    // Each fallback is logged; expected here, and checked where it matters.
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    events.stop();
    restoreStubs();
    stopOutboxes();
  });

  /**
   * Queues one rating, holds its POST in flight for a moment, and checks: the answer of
   * `enqueue` (durable or not), where the record waits (localStorage or not), exactly one POST
   * with the rating's Idempotency-Key, one hcp-sent on window, nothing left queued.
   */
  async function deliversOnce(bin: Bin, outbox: ReturnType<typeof newOutbox>, name: string, expected: { durable: boolean; inLocalStorage: boolean }) {
    const r = await rating();
    await bin.script([{ status: 201, hangMs: 300 }]);
    const started = performance.now();
    expect(await outbox.enqueue(r, target(bin.endpoint))).to.deep.equal({ id: r.id, durable: expected.durable });
    expect(await outbox.durable()).to.equal(expected.durable);
    await until(async () => (await bin.counts()).requests === 1, 3000, 'the POST');
    expect(localStorage.getItem(lsKey(name, r.id)) !== null, 'the record is in localStorage while it is sent').to.equal(expected.inLocalStorage);
    await until(() => events.of('hcp-sent', r.id).length, 3000, 'hcp-sent');
    expect(performance.now() - started, 'delivered within seconds').to.be.below(3000);
    const counts = await bin.counts();
    expect(counts).to.deep.equal({ requests: 1, stored: 1, ids: { [r.id]: { requests: 1, stored: 1 } } });
    const [request] = await bin.received();
    expect(request.headers['idempotency-key']).to.equal(r.id);
    expect(JSON.parse(request.body).id).to.equal(r.id);
    expect(events.seen, 'exactly one event on window: hcp-sent').to.have.length(1);
    expect(events.of('hcp-sent', r.id)[0].detail).to.deep.equal({ id: r.id, status: 201 });
    expect(await outbox.pending()).to.equal(0);
    expect(localStorage.getItem(lsKey(name, r.id)), 'nothing left in localStorage').to.equal(null);
    expect(warnings.filter((w) => w.includes('delivery pass failed')), 'no failing delivery passes').to.deep.equal([]);
  }

  const neverAnswers = () => ({}) as IDBOpenDBRequest;
  const errorEvent = () => {
    const request = { error: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') } as {
      error: DOMException;
      onerror?: () => void;
    };
    setTimeout(() => request.onerror?.(), 5);
    return request as unknown as IDBOpenDBRequest;
  };

  const storageCases: {
    title: string;
    /** Before the outbox opens its stores. */
    before?: () => void;
    /** After it opened them: a store that worked and then fails its writes. */
    after?: () => void;
    durable: boolean;
    inLocalStorage: boolean;
  }[] = [
    {
      title: 'IndexedDB missing (indexedDB undefined) → localStorage',
      before: () => stub(globalThis, 'indexedDB', undefined as unknown as IDBFactory),
      durable: true,
      inLocalStorage: true,
    },
    {
      title: 'IndexedDB open() throwing → localStorage',
      before: () => stub(indexedDB, 'open', () => { throw denied(); }),
      durable: true,
      inLocalStorage: true,
    },
    {
      title: 'IndexedDB open() firing error → localStorage',
      before: () => stub(indexedDB, 'open', errorEvent),
      durable: true,
      inLocalStorage: true,
    },
    {
      title: 'IndexedDB open() never answering (openTimeoutMs) → localStorage',
      before: () => stub(indexedDB, 'open', neverAnswers),
      durable: true,
      inLocalStorage: true,
    },
    {
      title: 'quota exhausted (IndexedDB put and localStorage.setItem throw QuotaExceededError) → memory, durable: false',
      after: () => {
        stub(IDBObjectStore.prototype, 'put', () => { throw quota(); });
        stub(Storage.prototype, 'setItem', () => { throw quota(); });
      },
      durable: false,
      inLocalStorage: false,
    },
  ];

  for (const c of storageCases) {
    for (const lockCase of ['Web Locks working', 'Web Locks refused'] as const) {
      it(`${c.title}, ${lockCase}: delivered once`, async () => {
        const name = uniqueName();
        const refusing = lockCase === 'Web Locks refused' ? refusingLocks('rejects') : undefined;
        c.before?.();
        const bin = newBin();
        const outbox = newOutbox({ ...fast, name, ...(refusing ? { locks: refusing.locks } : {}) });
        // Opened while storage still worked: the failing writes below are a disk that filled up.
        if (c.after) expect(await outbox.durable(), 'IndexedDB opened').to.equal(true);
        c.after?.();
        await deliversOnce(bin, outbox, name, c);
        if (refusing) {
          expect(refusing.calls.n, 'a refusing lock manager is asked once, then given up').to.equal(1);
          expect(warnings.filter((w) => w.includes('Web Locks refused'))).to.have.length(1);
        }
      });
    }
  }

  it('memory only, on an engine without structuredClone (Chrome < 98, Safari < 15.4): durable: false, delivered once', async () => {
    const name = uniqueName();
    const r = await rating();
    stub(indexedDB, 'open', () => { throw denied(); });
    stub(Storage.prototype, 'setItem', () => { throw denied(); });
    stub(globalThis, 'structuredClone', undefined as unknown as typeof structuredClone);
    const bin = newBin();
    const outbox = newOutbox({ ...fast, name });
    expect(await outbox.enqueue(r, target(bin.endpoint))).to.deep.equal({ id: r.id, durable: false });
    await until(() => events.of('hcp-sent', r.id).length, 3000, 'hcp-sent');
    expect((await bin.counts()).ids).to.deep.equal({ [r.id]: { requests: 1, stored: 1 } });
    expect(await outbox.pending()).to.equal(0);
  });

  for (const how of ['rejects', 'throws'] as const) {
    it(`Web Locks whose request() ${how === 'rejects' ? 'rejects' : 'throws synchronously'} (SecurityError): two ratings, each delivered once, the lock manager given up after one refusal`, async () => {
      const name = uniqueName();
      const { locks, calls } = refusingLocks(how);
      const bin = newBin();
      const outbox = newOutbox({ ...fast, name, locks });
      const [a, b] = [await rating(), await rating()];
      expect(await outbox.enqueue(a, target(bin.endpoint))).to.deep.equal({ id: a.id, durable: true });
      await until(() => events.of('hcp-sent', a.id).length, 3000, 'the first rating delivered');
      await outbox.enqueue(b, target(bin.endpoint));
      await until(() => events.of('hcp-sent', b.id).length, 3000, 'the second rating delivered');
      expect((await bin.counts()).ids).to.deep.equal({ [a.id]: { requests: 1, stored: 1 }, [b.id]: { requests: 1, stored: 1 } });
      expect(calls.n).to.equal(1);
      expect(warnings.filter((w) => w.includes('delivery pass failed'))).to.deep.equal([]);
    });
  }

  it('Web Locks refused in two tabs of one site: the lease in the shared store keeps it to one POST per rating', async () => {
    const name = uniqueName();
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 200 }, { status: 201, hangMs: 200 }, { status: 201, hangMs: 200 }]);
    const tabA = newOutbox({ ...fast, name, locks: refusingLocks('rejects').locks });
    const tabB = newOutbox({ ...fast, name, locks: refusingLocks('rejects').locks });
    const ratings = [await rating(), await rating(), await rating()];
    await Promise.all([tabA.enqueue(ratings[0], target(bin.endpoint)), tabB.enqueue(ratings[1], target(bin.endpoint)), tabA.enqueue(ratings[2], target(bin.endpoint))]);
    await until(async () => (await bin.counts()).stored === 3, 5000, 'all three delivered');
    await until(async () => (await tabA.pending()) === 0 && (await tabB.pending()) === 0, 2000, 'nothing left queued');
    const { ids, requests } = await bin.counts();
    expect(requests, 'one POST per rating').to.equal(3);
    expect(Object.keys(ids)).to.have.members(ratings.map((r) => r.id));
    // The page hears of each delivery once, whichever tab made it.
    await until(() => events.of('hcp-sent').length >= 3, 2000, 'three hcp-sent');
    expect(events.of('hcp-sent').map((e) => e.detail.id)).to.have.members(ratings.map((r) => r.id));
  });

  const channels: { title: string; value: unknown }[] = [
    {
      title: 'BroadcastChannel throwing in its constructor (a cookie-blocked frame)',
      value: function BroadcastChannel() {
        throw denied();
      },
    },
    { title: 'BroadcastChannel missing (Safari < 15.4)', value: undefined },
  ];
  for (const { title, value } of channels) {
    it(`${title}: start() still listens for online, pageshow and visibilitychange, each of which delivers a waiting rating`, async () => {
      stub(globalThis, 'BroadcastChannel', value as typeof BroadcastChannel);
      // A backoff of a minute: only a wake-up event can deliver within this test.
      const outbox = newOutbox({ ...fast, name: uniqueName(), baseDelayMs: 60_000, maxDelayMs: 60_000 });
      stub(document, 'visibilityState', 'visible');
      const wakeUps: [string, () => void][] = [
        ['online', () => dispatchEvent(new Event('online'))],
        ['pageshow', () => dispatchEvent(new Event('pageshow'))],
        ['visibilitychange', () => document.dispatchEvent(new Event('visibilitychange'))],
      ];
      for (const [what, wake] of wakeUps) {
        const bin = newBin();
        await bin.script([{ status: 503 }], { status: 201 });
        const r = await rating();
        expect(await outbox.enqueue(r, target(bin.endpoint))).to.deep.equal({ id: r.id, durable: true });
        await until(async () => (await bin.counts()).requests === 1, 3000, `the first, failing attempt (${what})`);
        wake();
        await until(() => events.of('hcp-sent', r.id).length, 3000, `delivery on ${what}`);
        expect((await bin.counts()).ids[r.id], what).to.deep.equal({ requests: 2, stored: 1 });
      }
      // Without a channel, each delivery is announced on this page's window, once.
      expect(events.of('hcp-sent')).to.have.length(3);
      expect(events.of('hcp-failed')).to.have.length(0);
    });
  }
});

/** Installed before anything else in a hostile frame: records errors, warnings and lock requests. */
const PROBE = `<script>
  window.__hcp = { errors: [], warnings: [], lockCalls: 0, windowSent: [] };
  addEventListener('hcp-sent', (e) => __hcp.windowSent.push(e.detail.id));
  addEventListener('error', (e) => __hcp.errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => __hcp.errors.push(String(e.reason)));
  console.warn = (...args) => __hcp.warnings.push(args.map(String).join(' '));
</script>`;

/** What each denial does to the frame before the SDK loads. */
const DENY = {
  locks: `LockManager.prototype.request = function () {
    __hcp.lockCalls++;
    return Promise.reject(new DOMException('The request was denied.', 'SecurityError'));
  };`,
  broadcastChannel: `window.BroadcastChannel = function BroadcastChannel() {
    throw new DOMException('The request was denied.', 'SecurityError');
  };`,
  quota: `IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`,
  // Not a denial: timers of a second or more (the outbox's backoff) run 60 times later, so that
  // within a test only a wake-up event (online, pageshow, visibilitychange) can send a rating.
  slowTimers: `const plainSetTimeout = window.setTimeout;
    window.setTimeout = (fn, ms, ...args) => plainSetTimeout(fn, ms >= 900 ? ms * 60 : ms, ...args);`,
  // An opaque origin: IndexedDB's open and any use of localStorage throw SecurityError.
  storage: `indexedDB.open = function () { throw new DOMException('access to the Indexed Database API is denied in this context.', 'SecurityError'); };
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });`,
};
type Denial = keyof typeof DENY;

interface HostileFrame {
  page: FramePage;
  el: HcpRating;
  /** `windowSent`: ids of the hcp-sent events that reached the frame's window. */
  api: { errors: string[]; warnings: string[]; lockCalls: number; windowSent: string[] };
  /** The widget's events, in order. */
  events: { type: string; detail: { id: string; durable?: boolean; status?: number } }[];
  /** Every text the status showed, in order, including ones shown only briefly. */
  texts: string[];
  status(): string;
}

/** A page of its own whose environment denies `denials` before the SDK loads, with one widget posting to `endpoint`. */
async function hostileFrame(endpoint: string, denials: Denial[]): Promise<HostileFrame> {
  const head = `${PROBE}<script>${denials.map((d) => DENY[d]).join('\n')}</script>`;
  const page = await framePage(`<hcp-rating endpoint="${endpoint}"></hcp-rating>`, { width: 700, height: 900, head });
  frames.push(page);
  await upgraded(page);
  const el = page.doc.querySelector('hcp-rating') as HcpRating;
  const frame: HostileFrame = {
    page,
    el,
    api: (page.win as unknown as { __hcp: HostileFrame['api'] }).__hcp,
    events: [],
    texts: [],
    status: () => getByRole(el, 'status').textContent ?? '',
  };
  for (const type of ['hcp-queued', 'hcp-sent', 'hcp-failed']) {
    el.addEventListener(type, (e) => frame.events.push({ type, detail: (e as CustomEvent).detail }));
  }
  new MutationObserver(() => {
    const text = frame.status();
    if (text !== frame.texts[frame.texts.length - 1]) frame.texts.push(text);
  }).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return frame;
}

const frames: FramePage[] = [];

/** A citizen chooses 不满意 and 等待时间长, types a comment and presses 提交评价: real clicks and key presses. */
async function rateInFrame({ page, el }: HostileFrame): Promise<void> {
  await clickInFrame(page.frame, getByRole(el, 'radio', '不满意'));
  await el.updateComplete;
  await clickInFrame(page.frame, getByRole(el, 'checkbox', '等待时间长'));
  await clickInFrame(page.frame, getByRole(el, 'textbox'));
  // Short, no spaces or repeated letters: WebKitWebDriver drops those in longer strings.
  await type('slow');
  await until(() => (getByRole<HTMLTextAreaElement>(el, 'textbox').value === 'slow'), 2000, 'the typed comment');
  await clickInFrame(page.frame, getByRole(el, 'button', '提交评价'));
}

/** The one rating the frame queued, delivered once: one POST with its Idempotency-Key, hcp-queued then hcp-sent, 已提交. */
async function expectDeliveredOnce(frame: HostileFrame, bin: Bin, { durable, posts = 1 }: { durable: boolean; posts?: number }) {
  await until(() => frame.events.some((e) => e.type === 'hcp-sent'), 5000, 'hcp-sent');
  await frame.el.updateComplete;
  expect(frame.status()).to.equal(SENT);
  const [queued, sent, ...more] = frame.events;
  expect(more, 'no further events').to.deep.equal([]);
  expect(queued.type).to.equal('hcp-queued');
  expect(queued.detail).to.deep.equal({ id: queued.detail.id, durable });
  expect(sent).to.deep.equal({ type: 'hcp-sent', detail: { id: queued.detail.id, status: 201 } });
  const counts = await bin.counts();
  expect(counts.ids).to.deep.equal({ [queued.detail.id]: { requests: posts, stored: 1 } });
  const received = await bin.received();
  expect(received.map((r) => r.headers['idempotency-key'])).to.deep.equal(received.map(() => queued.detail.id));
  const body = JSON.parse(received[received.length - 1].body) as Evaluation;
  expect([body.level, body.tags, body.comment]).to.deep.equal([2, ['N08'], 'slow']);
  expect(frame.api.errors, 'no uncaught errors in the page').to.deep.equal([]);
  expect(frame.api.warnings.filter((w) => w.includes('delivery pass failed')), 'no failing delivery passes').to.deep.equal([]);
}

describe('hostile environments: a widget rated by a citizen ends in 已提交', () => {
  afterEach(() => frames.splice(0).forEach((f) => f.remove()));

  it('Web Locks refused (request() rejects with SecurityError): the page’s outbox falls back to a lease, one POST, hcp-sent', async () => {
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 600 }]);
    const frame = await hostileFrame(bin.endpoint, ['locks']);
    const { win } = frame.page;
    let refusal = '';
    await win.navigator.locks.request('hcp-probe', () => 1).catch((e: DOMException) => (refusal = e.name));
    expect(refusal, 'the environment really refuses locks').to.equal('SecurityError');
    await rateInFrame(frame);
    await until(async () => (await bin.counts()).requests === 1, 5000, 'the POST (none: delivery is stuck on the refused lock)');
    expect(frame.status(), 'IndexedDB works here: the honest text is the durable one').to.equal(SENDING);
    await expectDeliveredOnce(frame, bin, { durable: true });
    // One refusal at start-up (the probe above was the test's own), then given up for good.
    expect(frame.api.lockCalls).to.equal(2);
    expect(frame.api.warnings.filter((w) => w.includes('Web Locks refused'))).to.have.length(1);
  });

  it('BroadcastChannel throwing: start() does not throw and still listens — a rating waiting out a failure goes on `online`', async () => {
    const bin = newBin();
    await bin.script([{ status: 503 }], { status: 201 });
    // The backoff after the 503 (1 s) is stretched to a minute: only the online listener can send in time.
    const frame = await hostileFrame(bin.endpoint, ['broadcastChannel', 'slowTimers']);
    const { win } = frame.page;
    expect(() => new win.BroadcastChannel('hcp-probe'), 'the environment really refuses BroadcastChannel').to.throw();
    await rateInFrame(frame);
    await until(() => frame.status() === SAVED, 5000, 'the saved state after the 503');
    win.dispatchEvent(new win.Event('online'));
    await expectDeliveredOnce(frame, bin, { durable: true, posts: 2 });
  });

  it('BroadcastChannel throwing in two tabs: a rating another tab delivered still ends in 已提交 in the tab that queued it', async () => {
    const bin = newBin();
    // The owner is told to wait 30 s (Retry-After, which only the tab that heard it honours), so
    // the delivery is surely the other tab's.
    await bin.script([{ status: 503, retryAfter: '30' }], { status: 201 });
    const owner = await hostileFrame(bin.endpoint, ['broadcastChannel']);
    const other = await hostileFrame(bin.endpoint, ['broadcastChannel']);
    await rateInFrame(owner);
    await until(() => owner.status() === SAVED, 5000, 'the saved state after the 503');
    // The other tab wakes up (its network is back) and sends what waits in the shared store.
    other.page.win.dispatchEvent(new other.page.win.Event('online'));
    await expectDeliveredOnce(owner, bin, { durable: true, posts: 2 });
    const { id } = owner.events[0].detail;
    expect(other.api.windowSent, 'the other tab made the delivery (and, unable to tell the owner, announced it on its own window)').to.deep.equal([id]);
    expect(owner.api.windowSent, 'the owner’s window hears it once, from its widget').to.deep.equal([id]);
    expect(other.api.errors).to.deep.equal([]);
  });

  it('quota exhausted (IndexedDB put and localStorage.setItem throw QuotaExceededError): kept in memory, says 请勿关闭页面 while sending, delivered', async () => {
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 800 }]);
    const frame = await hostileFrame(bin.endpoint, ['quota']);
    expect(() => frame.page.win.localStorage.setItem('hcp-probe', '1'), 'the environment really is full').to.throw(/quota/i);
    await rateInFrame(frame);
    await until(async () => (await bin.counts()).requests === 1, 5000, 'the POST');
    expect(frame.status(), 'the honest text while a memory-only rating is sent').to.equal(SENDING_UNSAVED);
    await expectDeliveredOnce(frame, bin, { durable: false });
    expect(frame.texts, 'never claimed saved').to.not.include(SAVED);
    expect(frame.api.warnings.some((w) => /could not store the rating in indexeddb/.test(w)), 'the failed write is logged').to.equal(true);
  });

  it('everything denied at once, as on an opaque origin (IndexedDB, localStorage, Web Locks and BroadcastChannel all throw): memory, 请勿关闭页面, delivered', async () => {
    const bin = newBin();
    await bin.script([{ status: 201, hangMs: 800 }]);
    const frame = await hostileFrame(bin.endpoint, ['storage', 'locks', 'broadcastChannel']);
    expect(() => frame.page.win.localStorage, 'localStorage denied').to.throw();
    await rateInFrame(frame);
    await until(async () => (await bin.counts()).requests === 1, 5000, 'the POST (none: delivery is stuck)');
    expect(frame.status()).to.equal(SENDING_UNSAVED);
    await expectDeliveredOnce(frame, bin, { durable: false });
    expect(frame.texts).to.not.include(SAVED);
    expect(frame.api.lockCalls, 'the refusing lock manager was asked, once').to.equal(1);
  });
});
