import type { ReactiveController, ReactiveControllerHost } from 'lit';

type KioskHost = ReactiveControllerHost & HTMLElement;

/**
 * Kiosk mode (`mode="kiosk"`, the counter tablet): once a rating is sent or durably queued,
 * a thank-you screen, then after `reset-after` seconds a fresh form for the next citizen.
 * It listens to the element's own public events, so it follows whatever the outbox reports.
 */
export class KioskController implements ReactiveController {
  /** The thank-you screen is showing. */
  thanking = false;
  private _timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly _host: KioskHost,
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
    if (this.thanking) this._reset();
  }

  /** Drops a pending thank-you screen (e.g. a new `project-no` arrived). */
  cancel(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    this.thanking = false;
  }

  private _onQueued = (e: Event): void => {
    // Saved on the device: it will be delivered even if this tablet goes offline now.
    if ((e as CustomEvent<{ durable?: boolean }>).detail?.durable) this._thank();
  };

  private _onSent = (): void => this._thank();

  private _thank(): void {
    const seconds = this._resetAfter();
    if (seconds === undefined || this.thanking) return;
    this.thanking = true;
    this._host.requestUpdate();
    this._timer = setTimeout(() => this._reset(), seconds * 1000);
  }

  private _reset(): void {
    this.cancel();
    this._startFreshForm();
  }
}
