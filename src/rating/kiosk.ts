import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store } from './state.js';

type KioskHost = ReactiveControllerHost & HTMLElement;

/**
 * Kiosk mode (`mode="kiosk"`, the counter tablet): once a rating is sent or durably queued,
 * a thank-you screen, then after `reset-after` seconds a fresh form for the next citizen.
 * It listens to the element's own public events, so it follows whatever the outbox reports.
 */
export class KioskController implements ReactiveController {
  /** Set while the thank-you screen is showing: it ends in a fresh form. */
  private _timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly _host: KioskHost,
    /** The rating's state: its `thanking` shows the thank-you screen. */
    private readonly _store: Store,
    /** `undefined` when the element is not in kiosk mode; else seconds before the reset. */
    private readonly _resetAfter: () => number | undefined,
    /** Clears every trace of the last citizen's rating and shows an empty form. */
    private readonly _startFreshForm: () => void,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._host.addEventListener('hcp-queued', this._onQueued);
    this._host.addEventListener('hcp-sent', this._onSent);
  }

  hostDisconnected(): void {
    this._host.removeEventListener('hcp-queued', this._onQueued);
    this._host.removeEventListener('hcp-sent', this._onSent);
    // A kiosk element taken off the page must not come back showing the last rating.
    if (this._timer !== undefined) this._reset();
  }

  /** Drops a pending thank-you screen (e.g. a new `project-no` arrived). */
  cancel(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** False for a rating of an earlier citizen, delivered after the form was cleared. */
  private _isCurrent(id: string): boolean {
    return !this._store.get().handedOff.includes(id);
  }

  private _onQueued = (e: Event): void => {
    const { id, durable } = (e as CustomEvent<{ id: string; durable?: boolean }>).detail;
    // Saved on the device: it will be delivered even if this tablet goes offline now.
    if (durable && this._isCurrent(id)) this._thank();
  };

  private _onSent = (e: Event): void => {
    if (this._isCurrent((e as CustomEvent<{ id: string }>).detail.id)) this._thank();
  };

  private _thank(): void {
    const seconds = this._resetAfter();
    if (seconds === undefined || this._timer !== undefined) return;
    this._store.dispatch({ type: 'thank' });
    this._timer = setTimeout(() => this._reset(), seconds * 1000);
  }

  private _reset(): void {
    this.cancel();
    this._startFreshForm();
  }
}
