import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { defaultCatalog } from '../catalog/default-catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { onDefaultsChange, pageDefaults } from '../defaults.js';
import { format, messagesFor, plural, type Locale, type Messages } from '../i18n/messages.js';
import { outbox, OutboxFullError, type OutcomeEvent, type QueuedEvent } from '../outbox/outbox.js';
import { ratedTimes, rememberRated } from '../outbox/rated.js';
import { localeOf, onLangChange } from '../i18n/lang.js';
import { pageEvent, type Outcome } from '../outbox/outcome.js';
import { buildEvaluation, pageAddress } from '../payload/build.js';
import type { Catalog, Tag } from '../schema/catalog.js';
import { parseConfig, type ConfigIssue, type ConfigResult } from '../config/parse.js';
import { CONFIG_KEYS, kebab, OPTIONS, type Config, type ConfigProperties } from '../config/options.js';
import { LEVELS, tagVerdictOf, verdictOfChoice, type Channel, type Level, type Verdict } from '../schema/domain.js';
import type { Evaluation } from '../schema/payload.js';
import type { HcpFailedDetail } from '../events.js';
import { levelIcon } from './level-icons.js';
import { KioskController } from './kiosk.js';
import { levelIssues } from './integrity.js';
import { findPii, maskPii, type PiiFinding } from '../privacy/pii.js';
import { styles } from './hcp-rating.styles.js';

/** Where the widget is in a rating's life. */
type Phase = 'editing' | 'sending' | 'sent' | 'retryable' | 'queued' | 'paused' | 'refused' | 'full' | 'rated';
type FormError = 'needLevel' | 'needReason' | 'commentTooLong' | 'levelsHidden';

const event = <T>(name: string, detail: T, cancelable = false) =>
  new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable });

/**
 * A 好差评 rating form: the national five-level scale (or 好评/差评), reason tags that
 * follow the choice, and a comment. Ratings go to `endpoint` through the page's outbox,
 * only ever from a real user action.
 *
 * @summary Rate a government service (政务服务“好差评”).
 * @tagname hcp-rating
 *
 * @attr lang - Language of the widget: `zh-CN`, `zh-TW` or `en`; else the page default (`data-lang`, `configure({ lang })`), else the nearest ancestor's `lang`, else `zh-CN`.
 *
 * @slot - Shown before the element upgrades and when its configuration is invalid,
 *   e.g. a link to the province's own rating page.
 *
 * @fires hcp-submit - Cancelable, before the rating is queued. `detail` is the canonical payload.
 * @fires hcp-queued - The outbox accepted the rating. `detail: { id, durable }`.
 * @fires hcp-sent - The endpoint answered 2xx. `detail: { id, status }`.
 * @fires hcp-failed - The rating was set aside: refused by the endpoint (400, 413, 422), its transaction already rated there (409), expired, or not queued because the queue is full. `detail: { id, status, reason, code }`, `code` one of `refused`, `already-rated`, `expired`, `full`, `unstorable`, `unreadable`.
 * @fires hcp-error - The configuration is invalid. `detail: { issues: { attribute, message }[] }`.
 *
 * @csspart base - The widget's frame.
 * @csspart level - Each level's (or 好评/差评's) choice tile.
 * @csspart tag - Each reason tag.
 * @csspart comment - The comment box.
 * @csspart submit - The submit button.
 * @csspart status - The status message (sending, sent, errors; the kiosk thank-you screen).
 * @csspart notice - The notice shown instead of the form when the configuration is invalid.
 *
 * @cssprop [--hcp-accent=#0b57d0] - Colour of selection, focus and the submit button.
 * @cssprop [--hcp-accent-soft=#e8f0fe] - Background of a chosen level or tag.
 * @cssprop [--hcp-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--hcp-text=#1f1f1f] - Body text.
 * @cssprop [--hcp-muted=#595959] - Secondary text (the counter).
 * @cssprop [--hcp-surface=#ffffff] - Background of the widget.
 * @cssprop [--hcp-border=#767676] - Borders of tiles, tags and the comment box.
 * @cssprop [--hcp-error=#b3261e] - Error text and borders.
 * @cssprop [--hcp-focus=var(--hcp-accent)] - The focus ring.
 * @cssprop [--hcp-radius=8px] - Corner radius.
 * @cssprop [--hcp-font=system-ui, …, 'Noto Sans CJK SC', sans-serif] - Font family.
 * @cssprop [--hcp-font-size=1em] - Base text size; 1em is the reader's own browser setting (1.25× in 长辈模式 and kiosk mode).
 *
 * 长辈模式, kiosk mode and the dark theme (`prefers-color-scheme: dark`) set their own,
 * higher-contrast values on `::part(base)`; to restyle them, set the properties there too.
 */
export class HcpRating extends LitElement {
  static override styles = styles;
  // Not decorators: their helpers (tslib __decorate, lit's property()) cost ~400 B brotli.
  // `attribute: false` beside `state: true` (which implies it) keeps states out of the manifest's attributes.
  static override properties: PropertyDeclarations = {
    ...Object.fromEntries(
      CONFIG_KEYS.map((key) => [key, 'propertyOnly' in OPTIONS[key] ? { attribute: false } : { attribute: kebab(key), type: OPTIONS[key].check === 'flag' ? Boolean : String }]),
    ),
    _choice: { state: true, attribute: false },
    _tags: { state: true, attribute: false },
    _comment: { state: true, attribute: false },
    _phase: { state: true, attribute: false },
    _error: { state: true, attribute: false },
    _httpStatus: { state: true, attribute: false },
    _pii: { state: true, attribute: false },
    _remote: { state: true, attribute: false },
    _durable: { state: true, attribute: false },
    _rated: { state: true, attribute: false },
    _countSpoken: { state: true, attribute: false },
  };

  private _choice?: Level | Verdict;
  private _tags: string[] = [];
  private _comment = '';
  private _phase: Phase = 'editing';
  private _error?: FormError;
  private _httpStatus?: number;
  /** PII guard: what the comment seems to reveal, shown until the citizen edits it away or sends anyway. */
  private _pii?: PiiFinding[];
  /** The catalog named by `tags-src`, once it has loaded (or failed, leaving the default). */
  private _remote?: { src: string; catalog?: Catalog; settled: boolean };

  private _result: ConfigResult = { ok: false, issues: [] };
  private _reportedIssues = '';
  private _shownAt = 0;
  private _pendingId?: string;
  private _stopDefaults?: () => void;
  /** Whether the rating being sent is stored durably (known once the outbox has stored it). */
  private _durable?: boolean;
  /** 一次一评: the transaction this widget rates, and how often this browser has rated it. */
  private _rated?: { key: string; times: 0 | 1 | 2; followUp?: boolean };
  private _stopLang?: () => void;
  private _defaultsChanged = false;
  /** What the polite live region says about the comment's length, a moment after typing stops. */
  private _countSpoken = '';
  private _countTimer?: ReturnType<typeof setTimeout>;
  /** Kiosk: ratings of earlier citizens still being delivered after the form was cleared. */
  private _handedOff = new Set<string>();
  /** Milliseconds of quiet typing before the remaining count is announced. */
  static countAnnounceDelay = 1000;
  private _kiosk = new KioskController(
    this,
    () => (this._result.ok && this._result.config.mode === 'kiosk' ? this._result.config.resetAfter : undefined),
    () => this._startFreshForm(),
    (id) => !this._handedOff.has(id),
  );

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._shownAt ||= performance.now();
    this._stopDefaults = onDefaultsChange(() => {
      this._defaultsChanged = true;
      this.requestUpdate();
    });
    // An ancestor's lang may change later (a page's language switch): re-render in the new one.
    this._stopLang = onLangChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopDefaults?.();
    this._stopLang?.();
    clearTimeout(this._countTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Typing a comment re-renders; the configuration is parsed only when it can have changed.
    if (this.hasUpdated && !this._defaultsChanged && !CONFIG_KEYS.some((key) => changed.has(key))) return;
    this._defaultsChanged = false;
    const own: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) if (this[key] !== undefined) own[key] = this[key];
    this._result = parseConfig({ ...pageDefaults(), ...own });
    if (this._result.ok) this._loadRemoteCatalog(this._result.config);
    if (this._result.ok) this._checkRated(this._result.config);
    // Kiosk: a new transaction at the counter gets a fresh form, whatever the last one showed.
    if (this.hasUpdated && changed.has('projectNo') && this._result.ok && this._result.config.mode === 'kiosk') {
      this._kiosk.cancel();
      this._startFreshForm();
    }
    // Ratings queued with this page's transport on an earlier visit can go now.
    if (this._result.ok && this._result.config.transport) {
      outbox.useTransport(new URL(this._result.config.endpoint, document.baseURI).href, this._result.config.transport);
    }
  }

  /** Looks up whether this browser already rated the `project-no`; if so, shows that instead of the form. */
  private _checkRated(config: Config): void {
    const projectNo = config.context.projectNo;
    if (!projectNo) return void (this._rated = undefined);
    const endpoint = new URL(config.endpoint, document.baseURI).href;
    const key = JSON.stringify([endpoint, projectNo, config.context.taskCode]);
    if (this._rated?.key === key) return;
    this._rated = { key, times: 0 };
    void ratedTimes(outbox, endpoint, projectNo, config.context.taskCode).then((times) => {
      if (this._rated?.key !== key) return;
      this._rated = { key, times };
      // Only a form nobody has touched yet gives way to “already rated”.
      if (times && this._phase === 'editing' && this._choice === undefined) this._phase = 'rated';
    });
  }

  /** With `allow-follow-up`, one 追评 for a transaction rated once. */
  private _renderFollowUp(m: Messages): TemplateResult | typeof nothing {
    if (this._phase !== 'rated' || this._rated?.times !== 1 || !this._result.ok || !this._result.config.allowFollowUp) return nothing;
    return html`<button type="button" class="submit" part="submit" @click=${this._onFollowUp}>${m.followUp}</button>`;
  }

  private _onFollowUp = (e: MouseEvent): void => {
    if (!e.isTrusted || !this._rated) return;
    this._rated = { ...this._rated, followUp: true };
    this._phase = 'editing';
  };

  private _loadRemoteCatalog(config: Config): void {
    if (!config.tagsSrc || config.catalog) {
      this._remote = undefined;
      return;
    }
    const src = new URL(config.tagsSrc, document.baseURI).href;
    if (this._remote?.src === src) return;
    this._remote = { src, settled: false };
    loadCatalog(src).then(
      (catalog) => {
        if (this._remote?.src === src) this._remote = { src, catalog, settled: true };
      },
      (error: Error) => {
        console.warn(`<hcp-rating> ${error.message}; showing the default catalog (${defaultCatalog.version}) instead.`);
        if (this._remote?.src === src) this._remote = { src, settled: true };
      },
    );
  }

  /** The catalog in use: inline `tags`, else the loaded `tags-src`, else the national default. */
  private _catalog(config: Config): Catalog {
    return config.catalog ?? this._remote?.catalog ?? defaultCatalog;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const issues = this._result.ok ? [] : this._result.issues;
    const key = JSON.stringify(issues);
    if (key === this._reportedIssues) return;
    this._reportedIssues = key;
    if (!issues.length) return;
    console.error(`<hcp-rating> is not configured correctly:\n${issues.map((i) => `- ${i.message}`).join('\n')}`);
    this.dispatchEvent(event<{ issues: ConfigIssue[] }>('hcp-error', { issues }));
  }

  private get _locale(): Locale {
    return localeOf(this);
  }

  private get _messages(): Messages {
    return messagesFor(this._locale, this._result.ok ? this._result.config.messages : undefined);
  }

  protected override render(): TemplateResult {
    const m = this._messages;
    if (!this._result.ok) {
      return html`<p class="notice" part="notice">${m.unavailable}</p><slot></slot>`;
    }
    const config = this._result.config;
    const thanking = this._kiosk.thanking;
    return html`<div class="base ${config.elder || config.mode === 'kiosk' ? 'big' : ''} ${config.mode}" part="base">
      ${this._phase === 'editing' ? this._renderForm(config, m) : nothing}
      <p id="status" class="status ${this._phase} ${thanking ? 'thanks' : ''}" part="status" role="status" tabindex="-1"
        >${thanking ? m.kioskThanks : this._statusText(m)}</p
      >
      ${thanking ? nothing : this._renderFollowUp(m)}
      ${!thanking && (this._phase === 'retryable' || this._phase === 'queued' || this._phase === 'paused')
        ? html`<button type="button" class="submit" part="submit" @click=${this._onRetry}>${m.retry}</button>`
        : nothing}
    </div>`;
  }

  private _renderForm(config: Config, m: Messages): TemplateResult {
    const choices = this._choices(config, m);
    const error = this._error;
    const length = [...this._comment].length;
    const over = length > config.maxComment;
    return html`
      <div class="field">
        <p id="levels-label" class="legend">${config.scale === 'good-bad' ? m.goodBadLegend : m.levelsLegend}</p>
        <div
          role="radiogroup"
          class="choices ${config.scale}"
          aria-labelledby="levels-label"
          aria-required="true"
          aria-invalid=${error === 'needLevel' ? 'true' : nothing}
          aria-describedby=${error === 'needLevel' ? 'level-error' : nothing}
          @keydown=${this._onLevelKey}
        >
          ${choices.map(({ value, label }) => {
            const id = `choice-${value}`;
            return html`<span class="slot"
              ><input
                type="radio"
                class="cover"
                id=${id}
                name="choice"
                .checked=${live(this._choice === value)}
                @change=${(e: Event) => this._byCitizen(e) && this._choose(value)}
              /><label for=${id} class="choice" part="level"
                >${levelIcon(typeof value === 'number' ? value : value === 'good' ? 5 : 1)}<span>${label}</span></label
              ></span
            >`;
          })}
        </div>
        <p id="level-error" class="error" role="alert">${error === 'needLevel' ? m.needLevel : error === 'levelsHidden' ? m.levelsHidden : ''}</p>
      </div>
      ${this._choice === undefined || this._remote?.settled === false ? nothing : this._renderTags(config, m)}
      <div class="field">
        <label for="comment" class="legend">${m.commentLabel}</label>
        <textarea
          id="comment"
          part="comment"
          rows="3"
          aria-describedby=${this._pii ? 'comment-count pii-warning' : 'comment-count'}
          aria-invalid=${(over && error === 'commentTooLong') || this._pii ? 'true' : nothing}
          .value=${live(this._comment)}
          @input=${this._onCommentInput}
        ></textarea>
        <p id="comment-count" class="count ${over ? 'over' : ''}" aria-hidden="true">
          ${this._countText(config, m)}
        </p>
        <p id="comment-live" class="visually-hidden" aria-live="polite">${this._countSpoken}</p>
        ${this._renderPii(m)}
      </div>
      <button type="button" class="submit" part="submit" @click=${this._onSubmit}>${m.submit}</button>
    `;
  }

  private _choices(config: Config, m: Messages): { value: Level | Verdict; label: string }[] {
    return config.scale === 'good-bad'
      ? [
          { value: 'good', label: m.good },
          { value: 'bad', label: m.bad },
        ]
      : LEVELS.map((level) => ({ value: level, label: m[`level${level}`] }));
  }

  private _renderPii(m: Messages): TemplateResult {
    const kinds = { idCard: m.piiIdCard, mobile: m.piiMobile, email: m.piiEmail };
    return html`<div id="pii-warning" class="pii" role="alert">
        ${this._pii
          ? html`<p class="error">${m.piiWarning}</p>
              <ul class="pii-list">
                ${this._pii.map((f) => html`<li>${kinds[f.kind]}：<span class="pii-text">${maskPii(f)}</span></li>`)}
              </ul>`
          : nothing}
      </div>
      ${this._pii
        ? html`<div class="pii-actions">
            <button type="button" class="secondary" @click=${this._onPiiEdit}>${m.piiEdit}</button>
            <button type="button" class="secondary" @click=${this._onPiiSend}>${m.piiSendAnyway}</button>
          </div>`
        : nothing}`;
  }

  private _renderTags(config: Config, m: Messages): TemplateResult {
    const verdict = tagVerdictOf(this._choice!);
    const tags = this._catalog(config).tags.filter((t) => t.verdict === verdict);
    const error = this._error === 'needReason';
    return html`<fieldset
        class="field tags"
        aria-describedby=${error ? 'reason-error' : nothing}
        aria-invalid=${error ? 'true' : nothing}
      >
        <legend class="legend">${verdict === 'good' ? m.tagsLegendGood : m.tagsLegendBad}</legend>
        <div class="tag-list">
          ${tags.map((tag) => {
            const id = `tag-${tag.code}`;
            const checked = this._tags.includes(tag.code);
            return html`<span class="slot"
              ><input
                type="checkbox"
                class="cover"
                id=${id}
                .checked=${live(checked)}
                @change=${(e: Event) => this._byCitizen(e) && this._toggleTag(tag.code, (e.target as HTMLInputElement).checked)}
              /><label for=${id} class="tag" part="tag">${this._label(tag)}</label></span
            >`;
          })}
        </div>
      </fieldset>
      <p id="reason-error" class="error" role="alert">${error ? m.needReason : ''}</p>`;
  }

  private _countText(config: Config, m: Messages): string {
    const length = [...this._comment].length;
    const over = length > config.maxComment;
    return plural(this._locale, over ? m.charsOver : m.charsLeft, Math.abs(config.maxComment - length));
  }

  private _onCommentInput = (e: InputEvent): void => {
    this._edit({ comment: (e.target as HTMLTextAreaElement).value });
    // The visible counter changes on every key; a screen reader hears it once typing pauses.
    clearTimeout(this._countTimer);
    this._countTimer = setTimeout(() => {
      if (this._result.ok) this._countSpoken = this._countText(this._result.config, this._messages);
    }, HcpRating.countAnnounceDelay);
  };

  /**
   * The level group's keys: arrows move and choose, wrapping at the ends, and Home/End go to
   * the first and last level. Done here, not left to the browser: native radios have no
   * Home/End, and WebKit's arrows stop at the ends instead of wrapping.
   */
  private _onLevelKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name=choice]')];
    const at = radios.indexOf(e.target as HTMLInputElement);
    if (at < 0) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? radios.length - 1 : e.key in step ? (at + step[e.key] + radios.length) % radios.length : -1;
    if (next < 0) return;
    e.preventDefault();
    const target = radios[next];
    target.focus();
    // The key press itself chooses (no synthetic click): the same path as a native arrow key.
    const raw = target.id.slice('choice-'.length);
    if (!target.checked) this._choose(/^\d$/.test(raw) ? (Number(raw) as Level) : (raw as Verdict));
  };

  /**
   * No coercion: a level or reason is chosen by the citizen, not by a page script that checks a
   * box and dispatches `change`. Such a change is ignored, and the re-render (`live()`) puts the
   * control back as the citizen left it.
   */
  private _byCitizen(e: Event): boolean {
    if (!e.isTrusted) this.requestUpdate();
    return e.isTrusted;
  }

  /**
   * Kiosk mode: forgets the last citizen's choice, tags, comment and result, and shows an
   * empty form. A rating already handed to the outbox is still delivered by it.
   */
  private _startFreshForm(): void {
    const hadFocus = this.matches(':focus-within');
    // A rating still on its way keeps its events (hcp-sent, hcp-failed), but no longer its screen.
    if (this._pendingId) this._handedOff.add(this._pendingId);
    this._pendingId = undefined;
    this._choice = undefined;
    this._tags = [];
    this._comment = '';
    this._countSpoken = '';
    clearTimeout(this._countTimer);
    this._error = undefined;
    this._pii = undefined;
    this._durable = undefined;
    this._httpStatus = undefined;
    this._phase = 'editing';
    this._shownAt = performance.now();
    if (hadFocus) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input[name=choice]')?.focus());
    }
  }

  private _label(tag: Tag): string {
    if (typeof tag.label === 'string') return tag.label;
    return tag.label[this._locale] ?? tag.label['zh-CN'] ?? Object.values(tag.label)[0];
  }

  private _statusText(m: Messages): string {
    const status = this._httpStatus ?? '—';
    switch (this._phase) {
      case 'editing':
        return '';
      case 'sending':
        // Kept in memory only: closing the page would lose it, so never say 已保存.
        return this._durable === false ? m.sendingUnsaved : m.sending;
      case 'queued':
        return m.queued;
      case 'full':
        return m.full;
      case 'rated':
        return this._rated?.times === 2 || !this._result.ok || !this._result.config.allowFollowUp ? m.alreadyRatedFinal : m.alreadyRated;
      case 'sent':
        return m.sent;
      case 'retryable':
        return this._httpStatus ? format(m.serverBusy, { status }) : m.retryable;
      case 'paused':
        return format(m.paused, { status });
      case 'refused':
        return format(m.refused, { status });
    }
  }

  private _choose(choice: Level | Verdict): void {
    // Reasons belong to one side: switching between positive and negative tags clears them.
    const keepTags = this._choice !== undefined && tagVerdictOf(this._choice) === tagVerdictOf(choice);
    this._edit({ choice, tags: keepTags ? this._tags : [] });
  }

  private _toggleTag(code: string, checked: boolean): void {
    const tags = this._tags.filter((t) => t !== code);
    this._edit({ tags: checked ? [...tags, code] : tags });
  }

  private _edit(change: { choice?: Level | Verdict; tags?: string[]; comment?: string }): void {
    if (change.choice !== undefined) this._choice = change.choice;
    if (change.tags) this._tags = change.tags;
    if (change.comment !== undefined) this._comment = change.comment;
    // The warning follows the comment: it lists what is still there and goes once it is removed.
    if (this._pii && change.comment !== undefined) {
      const findings = findPii(this._comment);
      this._pii = findings.length ? findings : undefined;
    }
    // An error shown goes away as soon as the citizen has fixed it; new ones wait for 提交.
    if (this._error && this._result.ok) this._error = this._problem(this._result.config);
  }

  private _problem(config: Config): Exclude<FormError, 'levelsHidden'> | undefined {
    if (this._choice === undefined) return 'needLevel';
    if ([...this._comment].length > config.maxComment) return 'commentTooLong';
    const bad = verdictOfChoice(this._choice) === 'bad';
    if (bad && !config.reasonOptional && !this._tags.length && !this._comment.trim()) return 'needReason';
    return undefined;
  }

  private _onSubmit = (e: MouseEvent): Promise<void> => this._submit(e, false);

  /** “仍然提交”: the citizen has seen the PII warning and sends the comment as it is. */
  private _onPiiSend = (e: MouseEvent): Promise<void> => this._submit(e, true);

  /** “返回修改”: back to the comment, with the first finding selected so it can be deleted at once. */
  private _onPiiEdit = (): void => {
    const comment = this.renderRoot.querySelector<HTMLTextAreaElement>('#comment');
    const first = this._pii?.[0];
    if (!comment || !first) return;
    comment.focus();
    comment.setSelectionRange(first.start, first.end);
  };

  private async _submit(e: MouseEvent, piiConfirmed: boolean): Promise<void> {
    // No fabricated ratings: only a real click or key press may submit (SPEC §2).
    if (!e.isTrusted) {
      console.warn('<hcp-rating> ignored a submit that did not come from a real user action.');
      return;
    }
    if (this._phase !== 'editing' || !this._result.ok) return;
    const config = this._result.config;
    // No coercion: a rating given while the page hid or shrank a level is not accepted.
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const unfair = levelIssues(this._choices(config, this._messages).map((c) => c.label), radios);
    if (unfair.length) {
      this._error = 'levelsHidden';
      console.error(`<hcp-rating> refused to submit:\n${unfair.map((i) => `- ${i.message}`).join('\n')}`);
      this.dispatchEvent(event<{ issues: ConfigIssue[] }>('hcp-error', { issues: unfair }));
      return;
    }
    const problem = this._problem(config);
    this._error = problem;
    if (problem) {
      await this.updateComplete;
      const target = { needLevel: 'input[name=choice]', needReason: '.tags input', commentTooLong: '#comment' }[problem];
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
      return;
    }
    // Privacy: personal data in the comment is pointed out, never silently removed.
    const findings = piiConfirmed ? [] : findPii(this._comment);
    if (findings.length) {
      this._pii = findings;
      return;
    }
    this._pii = undefined;
    const evaluation = buildEvaluation(config, {
      choice: this._choice!,
      tags: this._tags,
      tagVersion: this._catalog(config).version,
      comment: this._comment,
      channel: this._channel(config),
      locale: this._locale,
      dwellMs: performance.now() - this._shownAt,
      page: pageAddress(location),
      assessNumber: this._rated?.followUp ? 2 : 1,
    });
    // Listeners see a frozen copy: a page may cancel a rating, never alter what the citizen chose.
    const detail = Object.freeze({ ...evaluation, tags: Object.freeze([...evaluation.tags]) }) as Evaluation;
    if (this.dispatchEvent(event<Evaluation>('hcp-submit', detail, true))) this._send(evaluation, config);
  }

  private _send(evaluation: Evaluation, config: Config): void {
    this._phase = 'sending';
    this._pendingId = evaluation.id;
    this._listen(true);
    this._durable = undefined;
    void this._focusStatus();
    const endpoint = new URL(config.endpoint, document.baseURI).href;
    outbox
      .enqueue(evaluation, { endpoint, headers: config.headers, withCredentials: config.withCredentials, format: config.format, transport: config.transport })
      .then(
        () => {
          const { projectNo, taskCode } = config.context;
          if (projectNo) void rememberRated(outbox, endpoint, projectNo, taskCode, evaluation.assessNumber);
          if (this._rated) this._rated = { ...this._rated, times: evaluation.assessNumber };
        },
        (error: Error) => {
          // The queue is full (or no store took the rating): say so, and let the page know.
          this._listen(false);
          this._pendingId = undefined;
          this._phase = 'full';
          const reason = error instanceof OutboxFullError ? error.message : `the rating could not be stored: ${error?.message ?? error}`;
          console.warn(`<hcp-rating> ${reason}`);
          const code = error instanceof OutboxFullError ? 'full' : 'unstorable';
          this._emit(event<HcpFailedDetail>('hcp-failed', { id: evaluation.id, status: 0, reason, code }));
          void this._focusStatus();
        },
      );
  }

  private _listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    outbox[method]('queued', this._onQueued);
    outbox[method]('outcome', this._onOutcome);
  }

  private _onRetry = async (e: MouseEvent): Promise<void> => {
    if (!e.isTrusted) return;
    const before = this._phase;
    this._phase = 'sending';
    void this._focusStatus();
    await outbox.flush();
    // Nothing was attempted (the server asked for quiet, or another tab holds the rating): say what held before.
    if (this._phase === 'sending' && this._pendingId) this._phase = before;
  };

  private _onQueued = (e: Event): void => {
    const queued = (e as QueuedEvent).detail;
    if (queued.id !== this._pendingId) return;
    this._durable = queued.durable;
    this._emit(event('hcp-queued', queued));
  };

  private _onOutcome = (e: Event): void => {
    const { id, outcome } = (e as OutcomeEvent).detail;
    if (this._handedOff.has(id)) {
      // Kiosk: the form has moved on to the next citizen; only the page hears about this one.
      const final = pageEvent(id, outcome);
      if (final) {
        e.preventDefault();
        this._emit(final);
        this._handedOff.delete(id);
      }
      if (!this._handedOff.size && !this._pendingId) this._listen(false);
      return;
    }
    if (id !== this._pendingId) return;
    // This widget announces the result; the outbox then does not announce it on window.
    e.preventDefault();
    this._settle(id, outcome);
  };

  private _settle(id: string, outcome: Outcome): void {
    this._httpStatus = outcome.status;
    // A durably stored rating is retried by itself: say it is saved, not that it failed.
    const retry = this._durable ? 'queued' : 'retryable';
    // Already rated on the server (409, perhaps from another phone): say so, as for a rating made here.
    const rated = outcome.kind === 'refused' && outcome.code === 'already-rated';
    this._phase = rated ? 'rated' : outcome.kind === 'sent' ? 'sent' : outcome.kind === 'retry' ? retry : outcome.kind;
    const final = pageEvent(id, outcome);
    if (final) {
      if (!this._handedOff.size) this._listen(false);
      this._pendingId = undefined;
      this._emit(final);
    }
    void this._focusStatus();
  }

  /** Events reach the page through the element, or through `window` once it has been removed. */
  private _emit(e: Event): void {
    (this.isConnected ? this : window).dispatchEvent(e);
  }

  private async _focusStatus(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#status')?.focus();
  }

  private _channel(config: Config): Channel {
    if (config.channel) return config.channel;
    if (config.mode === 'kiosk') return 'hall-pad';
    const uaData = (navigator as { userAgentData?: { mobile?: boolean } }).userAgentData;
    return uaData?.mobile ?? /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(navigator.userAgent) ? 'mobile' : 'pc';
  }
}

/** The configuration properties (`el.taskCode = '…'`), typed from src/config/options.ts. */
export interface HcpRating extends ConfigProperties {}

declare global {
  interface HTMLElementTagNameMap {
    'hcp-rating': HcpRating;
  }
}
