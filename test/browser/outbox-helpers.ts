import { html } from '@open-wc/testing';
import { click, getByRole, mount, rate } from './helpers.js';
import { Outbox, type OutboxOptions } from '../../src/outbox/outbox.js';
import type { Evaluation } from '../../src/schema/payload.js';

/** One bin of the test endpoint: scripted answers and per-id delivery counts. */
export interface Bin {
  /** Absolute URL, as the outbox stores it. */
  endpoint: string;
  script(answers: Answer[], then?: Answer): Promise<void>;
  counts(): Promise<Counts>;
  received(): Promise<{ body: string; headers: Record<string, string>; at: number }[]>;
}

export interface Answer {
  status?: number;
  retryAfter?: string;
  retryAfterDate?: number;
  contentType?: string;
  body?: string;
  hangMs?: number;
}

export interface Counts {
  requests: number;
  stored: number;
  ids: Record<string, { requests: number; stored: number }>;
}

let bins = 0;
export function newBin(): Bin {
  const path = `/test-endpoint/ob${Date.now().toString(36)}-${bins++}`;
  return {
    endpoint: new URL(path, location.href).href,
    script: async (answers, then) => {
      await fetch(`${path}/script`, { method: 'PUT', body: JSON.stringify({ answers, then }) });
    },
    counts: async () => (await fetch(`${path}/counts`)).json(),
    received: async () => (await fetch(path)).json(),
  };
}

/**
 * Ratings made by a citizen: real clicks on a real widget, each 提交 cancelled in
 * `hcp-submit` so the page's own outbox never sees it, and the payload (minted by the
 * widget) handed to the outbox under test.
 */
export async function ratingsFromClicks(n: number, level = '满意'): Promise<Evaluation[]> {
  const el = await mount(html`<hcp-rating endpoint="/never-sent"></hcp-rating>`);
  const captured: Evaluation[] = [];
  el.addEventListener('hcp-submit', (e) => {
    e.preventDefault();
    // A copy (the payload is plain JSON; no structuredClone in the baseline profile).
    captured.push(JSON.parse(JSON.stringify((e as CustomEvent<Evaluation>).detail)));
  });
  await rate(el, level);
  for (let i = 0; i < n; i++) await click(getByRole(el, 'button'));
  el.remove();
  if (captured.length !== n) throw new Error(`expected ${n} ratings, captured ${captured.length}`);
  return captured;
}

export const target = (endpoint: string) => ({ endpoint, headers: {}, withCredentials: false, format: 'canonical' as const });

// `until` lives in helpers.ts; re-exported so the outbox suites keep importing it from here.
export { until } from './helpers.js';

/** Collects `hcp-sent` / `hcp-failed` that reach `win`. */
export function windowEvents(win: Window = window) {
  const seen: { type: string; detail: { id: string; status: number; reason?: string; code?: string } }[] = [];
  const record = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail });
  win.addEventListener('hcp-sent', record);
  win.addEventListener('hcp-failed', record);
  return {
    seen,
    of: (type: string, id?: string) => seen.filter((s) => s.type === type && (id === undefined || s.detail.id === id)),
    stop: () => {
      win.removeEventListener('hcp-sent', record);
      win.removeEventListener('hcp-failed', record);
    },
  };
}

let names = 0;
/** A database of its own per test: stores persist across tests of one browser. */
export const uniqueName = () => `hcp-test-${Date.now().toString(36)}-${names++}`;

/**
 * The outbox's options, and one more for tests only: `retryAfterScale` multiplies the wait a
 * (clamped) `Retry-After` asks for, so that a test need not wait out 100 s or an hour.
 */
export interface TestOutboxOptions extends OutboxOptions {
  retryAfterScale?: number;
}

/**
 * An outbox whose `Retry-After` waits are scaled, through the protected hook the outbox has for
 * it (not one of its options). `retryAfterWaits` records each wait the policy asked for, unscaled.
 */
export class TestOutbox extends Outbox {
  readonly retryAfterWaits: number[] = [];
  private readonly _scale: number;
  constructor({ retryAfterScale = 1, ...options }: TestOutboxOptions = {}) {
    super(options);
    this._scale = retryAfterScale;
  }
  protected override _retryAfterWait(ms: number): number {
    this.retryAfterWaits.push(ms);
    return ms * this._scale;
  }
}

const outboxes: Outbox[] = [];
/** A started outbox, on a database of its own unless `options.name` is given; `stopOutboxes()` stops it. */
export function newOutbox(options: TestOutboxOptions): TestOutbox {
  const outbox = new TestOutbox({ name: uniqueName(), ...options });
  outboxes.push(outbox);
  outbox.start();
  return outbox;
}

/** Stops every outbox `newOutbox` made (for `afterEach`); their stored records stay. */
export function stopOutboxes(): void {
  outboxes.splice(0).forEach((o) => o.stop());
}

const restores: (() => void)[] = [];
/** Replaces `object[key]` with `value` (an own property, shadowing a getter too) until `restoreStubs()`. */
export function stub<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): void {
  const own = Object.getOwnPropertyDescriptor(object, key);
  Object.defineProperty(object, key, { value, configurable: true, writable: true });
  restores.push(() => (own ? Object.defineProperty(object, key, own) : delete object[key]));
}

/** Undoes every `stub`, latest first. */
export function restoreStubs(): void {
  restores.splice(0).reverse().forEach((r) => r());
}
