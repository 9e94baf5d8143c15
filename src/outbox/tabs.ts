import { pageEvent, type Outcome } from './outcome.js';

/** How often a page without BroadcastChannel looks in the store for its ratings' outcomes. */
const WATCH_MS = 1000;

type Broadcast =
  | { type: 'outcome'; id: string; outcome: Outcome; final: boolean }
  | { type: 'claimed'; id: string }
  | { type: 'queued' };

/** What the tabs need of their page's outbox. */
export interface TabsHost {
  /** Offers an outcome to this page's widgets; true when one of them claimed it. */
  offer(id: string, outcome: Outcome): boolean;
  /** Another tab queued a rating: a reason to look at the queue. */
  due(): void;
  /** Without a channel: a rating's state as the store tells it. */
  whereIs(id: string): Promise<'queued' | Outcome>;
  /** How long a tab waits for another tab's widget to claim an outcome before telling `window`. */
  claimWaitMs: number;
}

/**
 * The other tabs of the origin: whichever tab delivers a rating, the tab whose widget shows it
 * hears the outcome, and exactly one `hcp-sent` or `hcp-failed` reaches a page for each rating.
 * Over a BroadcastChannel; where it is missing (Safari < 15.4) or refused (a cookie-blocked
 * frame), by looking in the shared store for the ratings this page queued.
 */
export class Tabs {
  private _channel?: BroadcastChannel;
  private readonly _claims = new Map<string, () => void>();
  /** Without a channel: ratings this page queued whose outcome it has not heard yet. */
  private readonly _watching = new Set<string>();
  private _watchTimer?: ReturnType<typeof setTimeout>;
  private _closed = false;
  /** Announcements waiting to hear whether another tab's widget claims them. */
  readonly announcing = new Set<Promise<void>>();

  constructor(private readonly _host: TabsHost) {}

  /** Joins the other tabs of outbox `name`; false when this page has no channel and works alone. */
  open(name: string): boolean {
    try {
      this._channel = new BroadcastChannel(`haochaping-outbox:${name}`);
      this._channel.onmessage = (e: MessageEvent<Broadcast>) => this._onMessage(e.data);
    } catch {
      this._channel = undefined;
    }
    return Boolean(this._channel);
  }

  close(): void {
    this._closed = true;
    clearTimeout(this._watchTimer);
    this._channel?.close();
  }

  /** This page queued rating `id`: other tabs may deliver it now, and this page waits to hear how it went. */
  queued(id: string): void {
    if (!this._channel && !this._closed) {
      this._watching.add(id);
      this._watchTimer ??= setTimeout(this._look, WATCH_MS);
    }
    this._post({ type: 'queued' });
  }

  /** Without a channel, a delivery of a rating another tab queued leaves a marker in the store for it. */
  needsMarker(id: string): boolean {
    return !this._channel && !this._watching.has(id);
  }

  /**
   * Tells this page's widgets, then other tabs'. A final outcome no widget claims is announced on
   * `window`, so the page still hears it when the widget is gone.
   */
  announce(id: string, outcome: Outcome, final: boolean): void {
    final ||= outcome.kind === 'refused';
    if (final) this._watching.delete(id);
    if (this._host.offer(id, outcome)) return;
    if (!final || !this._channel) {
      this._post({ type: 'outcome', id, outcome, final });
      if (final) onWindow(id, outcome);
      return;
    }
    const claimed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this._host.claimWaitMs);
      this._claims.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this._post({ type: 'outcome', id, outcome, final });
    const done = claimed.then((yes) => {
      this._claims.delete(id);
      this.announcing.delete(done);
      if (!yes) onWindow(id, outcome);
    });
    this.announcing.add(done);
  }

  /** Without a channel: another tab's delivery of a rating queued here is found in the store, every second. */
  private _look = async (): Promise<void> => {
    try {
      for (const id of [...this._watching]) {
        const found = await this._host.whereIs(id);
        if (found === 'queued' || !this._watching.has(id)) continue;
        this._watching.delete(id);
        this._host.offer(id, found);
      }
    } catch {
      // The store is closing: look again next time.
    } finally {
      this._watchTimer = this._watching.size && !this._closed ? setTimeout(this._look, WATCH_MS) : undefined;
    }
  };

  private _onMessage(message: Broadcast): void {
    if (message.type === 'claimed') this._claims.get(message.id)?.();
    else if (message.type === 'queued') this._host.due();
    else if (this._host.offer(message.id, message.outcome) && message.final) this._post({ type: 'claimed', id: message.id });
  }

  private _post(message: Broadcast): void {
    try {
      this._channel?.postMessage(message);
    } catch {
      // A closed channel (the page is going away): the window fallback covers it.
    }
  }
}

function onWindow(id: string, outcome: Outcome): void {
  const final = pageEvent(id, outcome);
  if (final) dispatchEvent(final);
}
