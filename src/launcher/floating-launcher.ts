import { LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { LocaleController } from '../rating/controllers.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import { tokens } from '../theme.js';
import type { HcpRating } from '../rating/hcp-rating.js';

/**
 * The floating launcher (`data-launcher="floating"` on the script tag): a small “评价” button
 * in the bottom corner that opens a modal `<dialog>` holding an `<hcp-rating>` with the page's
 * defaults. The dialog is modal (`showModal()`: the page behind is inert), focus moves in,
 * Escape or “关闭” closes it, and focus returns to the button. Where `showModal()` is missing
 * (Safari < 15.4) the launcher does the same itself: a backdrop takes the clicks, focus stays
 * in the dialog, Escape closes it. The button can be hidden for
 * the page view, so it never covers the page's own content for good. Styles are adopted
 * stylesheets: strict CSP pages need no `unsafe-inline`.
 *
 * The launcher is a labelled landmark (`role="complementary"`, named like its button).
 *
 * @tagname hcp-launcher
 * @csspart launcher - The floating “评价” button.
 * @csspart hide - The small button that hides the launcher.
 * @csspart dialog - The modal dialog.
 * @csspart close - The dialog's “关闭” button.
 */
export class HcpLauncher extends LitElement {
  static override styles = [
    tokens,
    css`
    :host {
      /* A corner, clear of phone notches and home indicators. No flex gap (Chrome < 84). */
      position: fixed;
      right: max(16px, env(safe-area-inset-right, 0px));
      bottom: max(16px, env(safe-area-inset-bottom, 0px));
      z-index: 2147483000;
      display: flex;
      align-items: center;
      font-size: medium !important;
      font-family: var(--hcp-font);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    button {
      box-sizing: border-box;
      min-width: 44px;
      min-height: 44px;
      margin: 0;
      border-radius: var(--hcp-radius);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .launcher {
      padding: 0.5em 1.25em;
      border: 2px solid var(--hcp-on-accent);
      color: var(--hcp-on-accent);
      background: var(--hcp-accent);
      box-shadow: 0 2px 6px rgb(0 0 0 / 0.3);
    }
    .hide,
    .close {
      padding: 0;
      border: 1px solid var(--hcp-border);
      color: var(--hcp-text);
      background: var(--hcp-surface);
    }
    .hide {
      margin-left: 4px;
      font-size: 0.875em;
    }
    /*
     * The ring on :focus, off again where :focus-visible says it is not needed; engines without
     * :focus-visible (Chrome < 86, Safari < 15.4) drop that last rule and keep it on every focus.
     */
    button:focus {
      outline: 3px solid var(--hcp-accent);
      outline-offset: 2px;
    }
    .launcher:focus {
      outline-color: var(--hcp-text);
    }
    button:focus:not(:focus-visible) {
      outline: none;
    }
    dialog {
      box-sizing: border-box;
      width: min(42em, calc(100vw - 16px));
      max-height: calc(100vh - 16px);
      padding: max(1em, env(safe-area-inset-top, 0px)) max(1em, env(safe-area-inset-right, 0px))
        max(1em, env(safe-area-inset-bottom, 0px)) max(1em, env(safe-area-inset-left, 0px));
      border: 1px solid var(--hcp-border);
      border-radius: var(--hcp-radius);
      color: var(--hcp-text);
      background: var(--hcp-surface);
      overflow: auto;
      overscroll-behavior: contain;
    }
    /*
     * Without max() and min() (Chrome < 79). Not a declaration before each: one with env() is
     * only checked once env() is substituted, so it would still win and then compute to nothing.
     * The max-width is current engines' own for a modal dialog, which those old ones lack.
     */
    @supports not (width:min(1px, 2px)) {
      :host {
        right: 16px;
        bottom: 16px;
      }
      dialog {
        width: 42em;
        max-width: calc(100% - 6px - 2em);
        padding: 1em;
      }
    }
    dialog::backdrop,
    .backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    dialog:not([open]) {
      display: none;
    }
    /*
     * Without showModal() (Safari < 15.4 has no <dialog> at all) the launcher opens the dialog
     * itself: fixed in the middle of the viewport, over a backdrop that takes every click.
     */
    .backdrop {
      position: fixed;
      top: 0;
      right: 0;
      bottom: 0;
      left: 0;
    }
    .modal {
      display: block;
      position: fixed;
      top: 50%;
      left: 50%;
      transform: translate(-50%, -50%);
      margin: 0;
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 1em;
    }
    h2 {
      margin: 0 1em 0 0;
      font-size: 1.25em;
    }
    .close {
      padding: 0 0.75em;
    }
    @media (forced-colors: active) {
      .launcher,
      .hide,
      .close {
        border-color: ButtonText;
      }
    }
  `,
  ];

  // Not a decorator: see HcpRating.properties.
  static override properties: PropertyDeclarations = { _dismissed: { state: true, attribute: false }, _emulated: { state: true, attribute: false } };

  /** Hidden for this page view by its “hide” button. */
  private _dismissed = false;
  /** Open without showModal(): the launcher keeps focus inside the dialog itself. */
  private _emulated = false;
  /** The language, by the element's rule (own lang, then data-lang or configure(), then the page's). */
  private _lang = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // A labelled landmark of its own (the button sits after the page's <main>), so a screen-reader
    // user moving by landmarks finds “评价” too; the label follows the language in updated().
    this.setAttribute('role', 'complementary');
  }

  protected override updated(): void {
    this.setAttribute('aria-label', messagesFor(this._locale).launcher);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this._keepFocus, true);
  }

  private get _locale(): Locale {
    return this._lang.locale;
  }

  private get _dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  protected override render(): TemplateResult {
    const locale = this._locale;
    const m = messagesFor(locale);
    return html`
      ${this._dismissed
        ? null
        : html`<button type="button" class="launcher" part="launcher" aria-haspopup="dialog" @click=${this.open}>${m.launcher}</button
            ><button type="button" class="hide" part="hide" aria-label=${m.hideLauncher} title=${m.hideLauncher} @click=${this._dismiss}>
              <span aria-hidden="true">×</span>
            </button>`}
      ${this._emulated ? html`<div class="backdrop"></div>` : null}
      <dialog
        part="dialog"
        class=${this._emulated ? 'modal' : ''}
        role=${this._emulated ? 'dialog' : nothing}
        aria-modal=${this._emulated ? 'true' : nothing}
        aria-labelledby="hcp-launcher-title"
        @close=${this._onClose}
        @keydown=${this._onKeydown}
      >
        ${this._emulated ? html`<span class="sentinel" tabindex="0" @focus=${this._focusLast}></span>` : null}
        <div class="head">
          <h2 id="hcp-launcher-title">${m.launcherTitle}</h2>
          <button type="button" class="close" part="close" @click=${this.close}>${m.close}</button>
        </div>
        <hcp-rating lang=${locale}></hcp-rating>
        ${this._emulated ? html`<span class="sentinel" tabindex="0" @focus=${this._focusFirst}></span>` : null}
      </dialog>
    `;
  }

  /** Whether the dialog is open, natively or as the launcher's own modal. */
  get isOpen(): boolean {
    return this._dialog.hasAttribute('open');
  }

  /** Opens the dialog and moves focus to the first level. */
  open = async (): Promise<void> => {
    const dialog = this._dialog;
    if (!this.isOpen) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else {
        dialog.setAttribute('open', '');
        this._emulated = true;
        document.addEventListener('focusin', this._keepFocus, true);
        await this.updateComplete;
      }
    }
    const rating = dialog.querySelector<HcpRating>('hcp-rating');
    await rating?.updateComplete;
    const first = rating?.shadowRoot?.querySelector<HTMLElement>('input[name=choice], [role=status]:not(:empty), button');
    (first ?? dialog.querySelector<HTMLElement>('.close'))?.focus();
  };

  close = (): void => {
    const dialog = this._dialog;
    if (!this._emulated) return dialog.close();
    dialog.removeAttribute('open');
    this._emulated = false;
    document.removeEventListener('focusin', this._keepFocus, true);
    this._onClose();
  };

  private _onClose = (): void => {
    // Not every engine restores focus on close yet: send it back to the launcher ourselves.
    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  /** Escape closes; a native modal dialog does this itself (and fires `close`). */
  private _onKeydown = (event: KeyboardEvent): void => {
    if (this._emulated && event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  };

  private _focusFirst = (): void => this.renderRoot.querySelector<HTMLElement>('.close')?.focus();

  /** The last control of the widget (its 提交 button, usually), else “关闭”. */
  private _focusLast = (): void => {
    const controls = this._dialog.querySelector('hcp-rating')?.shadowRoot?.querySelectorAll<HTMLElement>('button:not([disabled]), textarea');
    (controls?.[controls.length - 1] ?? this.renderRoot.querySelector<HTMLElement>('.close'))?.focus();
  };

  /** While the launcher's own modal is open, focus that lands on the page behind goes back in. */
  private _keepFocus = (event: FocusEvent): void => {
    if (event.target !== this) this._focusFirst();
  };

  private _dismiss = (): void => {
    this._dismissed = true;
    this.hidden = true;
  };
}

/** Adds the floating launcher to the page (once), when the body exists. */
export function mountFloatingLauncher(doc: Document = document): HcpLauncher {
  if (!customElements.get('hcp-launcher')) customElements.define('hcp-launcher', HcpLauncher);
  const existing = doc.querySelector('hcp-launcher');
  if (existing) return existing as HcpLauncher;
  const launcher = doc.createElement('hcp-launcher') as HcpLauncher;
  const attach = () => doc.body.append(launcher);
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach, { once: true });
  return launcher;
}

declare global {
  interface HTMLElementTagNameMap {
    'hcp-launcher': HcpLauncher;
  }
}
