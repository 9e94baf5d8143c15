import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { pageDefaults } from '../defaults.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { outbox } from '../outbox/outbox.js';
import { parseConfig, type ConfigResult } from '../config/parse.js';
import { CONFIG_KEYS, kebab, OPTIONS, type ConfigProperties } from '../config/options.js';
import type { Evaluation } from '../schema/payload.js';
import { emit } from '../events.js';
import { KioskController } from './kiosk.js';
import { levelIssues } from './integrity.js';
import { Delivery, evaluationOf } from './delivery.js';
import { CountAnnouncer, DefaultsController, endpointOf, LocaleController, RatedMemory, RemoteCatalog } from './controllers.js';
import { choiceValues, formShown, initialState, listening, nextLevel, reduce, tagsShown, tagVerdict, type Action, type Store } from './state.js';
import { choicesOf, countText, errorFocus, formView, statusView } from './views.js';
import { styles } from './hcp-rating.styles.js';
import { fromEntries } from '../floor.js';

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
    ...fromEntries(
      CONFIG_KEYS.map((key) => [key, 'propertyOnly' in OPTIONS[key] ? { attribute: false } : { attribute: kebab(key), type: OPTIONS[key].check === 'flag' ? Boolean : String }]),
    ),
    _state: { state: true, attribute: false },
  };

  /** The rating's life (./state.ts): changed only by `_dispatch`. */
  private _state = initialState;
  private _result: ConfigResult = { ok: false, issues: [] };
  private _reportedIssues = '';
  private _shownAt = 0;
  /** Milliseconds of quiet typing before the remaining count is announced. */
  static countAnnounceDelay = 1000;
  private _lang = new LocaleController(this);
  private _defaults = new DefaultsController(this);
  private _count = new CountAnnouncer(this, () => HcpRating.countAnnounceDelay);
  private _remote = new RemoteCatalog(this);
  private _store: Store = { get: () => this._state, dispatch: (action) => this._dispatch(action) };
  private _rated = new RatedMemory(this._store);
  private _delivery = new Delivery(this, this._store, this._rated);
  private _kiosk = new KioskController(
    this,
    this._store,
    () => (this._result.ok && this._result.config.mode === 'kiosk' ? this._result.config.resetAfter : undefined),
    () => this._startFreshForm(),
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
  }

  /** The one place the rating's state changes; the outbox is listened to while a rating is on its way. */
  private _dispatch(action: Action): void {
    this._state = reduce(this._state, action);
    this._delivery.listen(listening(this._state));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Typing a comment re-renders; the configuration is read only when it can have changed.
    if (!this.hasUpdated || this._defaults.changed || CONFIG_KEYS.some((key) => changed.has(key))) this._configure(changed.has('projectNo'));
  }

  /** Reads the configuration (own attributes and properties over the page defaults) and applies it. */
  private _configure(newProjectNo: boolean): void {
    this._defaults.changed = false;
    const own: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) if (this[key] !== undefined) own[key] = this[key];
    this._result = parseConfig({ ...pageDefaults(), ...own });
    if (!this._result.ok) return;
    const config = this._result.config;
    this._dispatch({ type: 'configured', rules: config });
    this._remote.sync(config);
    this._rated.sync(config);
    // Kiosk: a new transaction at the counter gets a fresh form, whatever the last one showed.
    if (this.hasUpdated && newProjectNo && config.mode === 'kiosk') {
      this._kiosk.cancel();
      this._startFreshForm();
    }
    // Ratings queued with this page's transport on an earlier visit can go now.
    if (config.transport) outbox.useTransport(endpointOf(config), config.transport);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const issues = this._result.ok ? [] : this._result.issues;
    const key = JSON.stringify(issues);
    if (key === this._reportedIssues) return;
    this._reportedIssues = key;
    if (!issues.length) return;
    console.error(`<hcp-rating> is not configured correctly:\n${issues.map((i) => `- ${i.message}`).join('\n')}`);
    emit(this, 'hcp-error', { issues });
  }

  private get _messages(): Messages {
    return messagesFor(this._lang.locale, this._result.ok ? this._result.config.messages : undefined);
  }

  protected override render(): TemplateResult {
    const m = this._messages;
    if (!this._result.ok) {
      return html`<p class="notice" part="notice">${m.unavailable}</p><slot></slot>`;
    }
    const config = this._result.config;
    const s = this._state;
    return html`<div class="base ${config.elder || config.mode === 'kiosk' ? 'big' : ''} ${config.mode}" part="base">
      ${formShown(s)
        ? formView({
            state: s,
            config,
            m,
            locale: this._lang.locale,
            tags: tagsShown(s, this._remote.loading) ? this._remote.catalog(config).tags.filter((t) => t.verdict === tagVerdict(s)) : undefined,
            countSpoken: this._count.spoken,
            onChoose: (e, choice) => this._byCitizen(e) && this._dispatch({ type: 'choose', choice }),
            onLevelKey: this._onLevelKey,
            onTag: (e, code) => this._byCitizen(e) && this._dispatch({ type: 'toggleTag', code, checked: (e.target as HTMLInputElement).checked }),
            onComment: this._onCommentInput,
            onSubmit: (e) => this._submit(e, false),
            onPiiEdit: this._onPiiEdit,
            // “仍然提交”: the citizen has seen the PII warning and sends the comment as it is.
            onPiiSend: (e) => this._submit(e, true),
          })
        : nothing}
      ${statusView(s, m, this._onFollowUp, this._delivery.retry)}
    </div>`;
  }

  private _onCommentInput = (e: InputEvent): void => {
    this._dispatch({ type: 'editComment', comment: (e.target as HTMLTextAreaElement).value });
    this._count.schedule(() => (this._result.ok ? countText(this._state, this._messages, this._lang.locale) : undefined));
  };

  /** The level group's keys (`nextLevel`), done here: native radios have no Home/End, WebKit's arrows do not wrap. */
  private _onLevelKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !this._result.ok) return;
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name=choice]')];
    const choices = choiceValues(this._result.config.scale);
    const at = radios.indexOf(e.target as HTMLInputElement);
    // The radios are the choices, in order, unless a script added or removed some.
    if (at < 0 || radios.length !== choices.length) return;
    const next = nextLevel(e.key, at, radios.length, getComputedStyle(this).direction === 'rtl');
    if (next < 0) return;
    e.preventDefault();
    radios[next].focus();
    // The key press itself chooses (no synthetic click): the same path as a native arrow key.
    if (!radios[next].checked) this._dispatch({ type: 'choose', choice: choices[next] });
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
    this._dispatch({ type: 'freshForm' });
    this._count.reset();
    this._shownAt = performance.now();
    if (hadFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input[name=choice]')?.focus());
  }

  private _onFollowUp = (e: MouseEvent): void => {
    if (e.isTrusted) this._dispatch({ type: 'followUp' });
  };

  /** “返回修改”: back to the comment, with the first finding selected so it can be deleted at once. */
  private _onPiiEdit = (): void => {
    const comment = this.renderRoot.querySelector<HTMLTextAreaElement>('#comment');
    const first = this._state.pii?.[0];
    if (!comment || !first) return;
    comment.focus();
    comment.setSelectionRange(first.start, first.end);
  };

  private async _submit(e: MouseEvent, piiConfirmed: boolean): Promise<void> {
    // No fabricated ratings: only a real click or key press may submit (SECURITY.md, “Only a real user action submits”).
    if (!e.isTrusted) {
      console.warn('<hcp-rating> ignored a submit that did not come from a real user action.');
      return;
    }
    if (this._state.phase !== 'editing' || !this._result.ok) return;
    const config = this._result.config;
    // No coercion: a rating given while the page hid or shrank a level is not accepted.
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const unfair = levelIssues(choicesOf(config, this._messages).map((c) => c.label), radios);
    this._dispatch({ type: 'submitRequested', levelsHidden: unfair.length > 0, piiConfirmed });
    const s = this._state;
    if (unfair.length) {
      console.error(`<hcp-rating> refused to submit:\n${unfair.map((i) => `- ${i.message}`).join('\n')}`);
      emit(this, 'hcp-error', { issues: unfair });
      return;
    }
    if (s.error) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(errorFocus[s.error as keyof typeof errorFocus])?.focus();
      return;
    }
    // Privacy: personal data in the comment is pointed out (the PII warning), never silently removed.
    if (s.pii) return;
    const evaluation = evaluationOf(config, s, this._lang.locale, this._remote.catalog(config).version, performance.now() - this._shownAt);
    // Listeners see a frozen copy: a page may cancel a rating, never alter what the citizen chose.
    const detail = Object.freeze({ ...evaluation, tags: Object.freeze([...evaluation.tags]) }) as Evaluation;
    if (emit(this, 'hcp-submit', detail, true)) this._delivery.send(evaluation, config);
  }
}

/** The configuration properties (`el.taskCode = '…'`), typed from src/config/options.ts. */
export interface HcpRating extends ConfigProperties {}

declare global {
  interface HTMLElementTagNameMap {
    'hcp-rating': HcpRating;
  }
}
