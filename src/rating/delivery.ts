import type { LitElement } from 'lit';
import { emit, type HcpRatingEventMap } from '../events.js';
import type { Locale } from '../i18n/messages.js';
import { outbox, OutboxFullError, type OutcomeEvent, type QueuedEvent } from '../outbox/outbox.js';
import { pageEvent } from '../outbox/outcome.js';
import { buildEvaluation, pageAddress } from '../payload/build.js';
import type { Config } from '../config/options.js';
import type { Channel } from '../schema/domain.js';
import type { Evaluation } from '../schema/payload.js';
import { endpointOf, type RatedMemory } from './controllers.js';
import type { RatingState, Store } from './state.js';

/** The channel a rating is given on: `channel`, else the kiosk's tablet, else detected from the device. */
function channelOf(config: Config): Channel {
  if (config.channel) return config.channel;
  if (config.mode === 'kiosk') return 'hall-pad';
  const uaData = (navigator as { userAgentData?: { mobile?: boolean } }).userAgentData;
  return uaData?.mobile ?? /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(navigator.userAgent) ? 'mobile' : 'pc';
}

/** The rating the form holds, as the canonical payload. */
export function evaluationOf(config: Config, s: RatingState, locale: Locale, tagVersion: string, dwellMs: number): Evaluation {
  return buildEvaluation(config, {
    choice: s.choice!,
    tags: [...s.tags],
    tagVersion,
    comment: s.comment,
    channel: channelOf(config),
    locale,
    dwellMs,
    page: pageAddress(location),
    assessNumber: s.rated?.followUp ? 2 : 1,
  });
}

/**
 * A rating on its way: hands it to the page's outbox, follows the outbox's events for it (and,
 * in kiosk mode, for earlier citizens' ratings), and tells the page (`hcp-queued`, `hcp-sent`,
 * `hcp-failed`). What the widget shows follows from the actions it dispatches.
 */
export class Delivery {
  private _listening = false;

  constructor(
    private readonly _host: LitElement,
    private readonly _store: Store,
    private readonly _rated: RatedMemory,
  ) {}

  /** The outbox's `queued` and `outcome` events reach this widget while `on`. */
  listen(on: boolean): void {
    if (on === this._listening) return;
    this._listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    outbox[method]('queued', this._onQueued);
    outbox[method]('outcome', this._onOutcome);
  }

  send(evaluation: Evaluation, config: Config): void {
    this._store.dispatch({ type: 'sendStarted', id: evaluation.id });
    void this._focusStatus();
    outbox
      .enqueue(evaluation, { ...config, endpoint: endpointOf(config) })
      .then(
        () => this._rated.remember(config, evaluation.assessNumber),
        (error: Error) => {
          // The queue is full (or no store took the rating): say so, and let the page know.
          this._store.dispatch({ type: 'queueFull' });
          const reason = error instanceof OutboxFullError ? error.message : `the rating could not be stored: ${error?.message ?? error}`;
          console.warn(`<hcp-rating> ${reason}`);
          this._emit('hcp-failed', { id: evaluation.id, status: 0, reason, code: error instanceof OutboxFullError ? 'full' : 'unstorable' });
          void this._focusStatus();
        },
      );
  }

  /** 重新提交: tries the queue again now. */
  retry = async (e: MouseEvent): Promise<void> => {
    if (!e.isTrusted) return;
    const before = this._store.get().phase;
    this._store.dispatch({ type: 'retryStarted' });
    void this._focusStatus();
    await outbox.flush();
    this._store.dispatch({ type: 'retryEnded', before });
  };

  private _onQueued = (e: Event): void => {
    const queued = (e as QueuedEvent).detail;
    if (queued.id !== this._store.get().pending) return;
    this._store.dispatch({ type: 'queued', ...queued });
    this._emit('hcp-queued', queued);
  };

  private _onOutcome = (e: Event): void => {
    const { id, outcome } = (e as OutcomeEvent).detail;
    const s = this._store.get();
    const mine = id === s.pending;
    // Kiosk: for a rating of an earlier citizen, the form has moved on; only the page hears of it.
    if (!mine && !s.handedOff.includes(id)) return;
    const final = pageEvent(id, outcome);
    // This widget announces the result; the outbox then does not announce it on window.
    if (mine || final) e.preventDefault();
    const announce = () => final && this._target().dispatchEvent(final);
    // An earlier citizen's rating is announced while still known as handed off (the kiosk
    // thanks only for the current one); this widget's own once the state shows its result.
    if (!mine) announce();
    this._store.dispatch({ type: 'outcome', id, kind: outcome.kind, status: outcome.status, code: outcome.kind === 'refused' ? outcome.code : undefined });
    if (mine) {
      announce();
      void this._focusStatus();
    }
  };

  /** Events reach the page through the element, or through `window` once it has been removed. */
  private _target(): EventTarget {
    return this._host.isConnected ? this._host : window;
  }

  private _emit<K extends keyof HcpRatingEventMap>(name: K, detail: HcpRatingEventMap[K]['detail']): void {
    emit(this._target(), name, detail);
  }

  private async _focusStatus(): Promise<void> {
    await this._host.updateComplete;
    this._host.renderRoot.querySelector<HTMLElement>('#status')?.focus();
  }
}
