import { LitElement, css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { inheritedLang, onLangChange } from '../i18n/lang.js';
import { messagesFor, resolveLocale, type Locale } from '../i18n/messages.js';
import type { HcpRating } from '../rating/hcp-rating.js';

/**
 * The floating launcher (`data-launcher="floating"` on the script tag): a small “评价” button
 * in the bottom corner that opens a modal `<dialog>` holding an `<hcp-rating>` with the page's
 * defaults. The dialog is modal (`showModal()`: the page behind is inert), focus moves in,
 * Escape or “关闭” closes it, and focus returns to the button. The button can be hidden for
 * the page view, so it never covers the page's own content for good. Styles are adopted
 * stylesheets: strict CSP pages need no `unsafe-inline`.
 *
 * @tagname hcp-launcher
 * @csspart launcher - The floating “评价” button.
 * @csspart hide - The small button that hides the launcher.
 * @csspart dialog - The modal dialog.
 * @csspart close - The dialog's “关闭” button.
 */
export class HcpLauncher extends LitElement {
  static override styles = css`
    :host {
      --hcp-accent: #0b57d0;
      --hcp-on-accent: #ffffff;
      --hcp-surface: #ffffff;
      --hcp-text: #1f1f1f;
      --hcp-border: #767676;
      --hcp-radius: 8px;
      --hcp-font: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
      /* A corner, clear of phone notches and home indicators. */
      position: fixed;
      right: max(16px, env(safe-area-inset-right, 0px));
      bottom: max(16px, env(safe-area-inset-bottom, 0px));
      z-index: 2147483000;
      display: flex;
      align-items: center;
      gap: 4px;
      font-size: medium !important;
      font-family: var(--hcp-font);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --hcp-accent: #a8c7fa;
        --hcp-on-accent: #041e49;
        --hcp-surface: #1b1b1b;
        --hcp-text: #ececec;
        --hcp-border: #9a9a9a;
      }
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
      font-size: 0.875em;
    }
    button:focus-visible {
      outline: 3px solid var(--hcp-accent);
      outline-offset: 2px;
    }
    .launcher:focus-visible {
      outline-color: var(--hcp-text);
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
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1em;
      margin-bottom: 1em;
    }
    h2 {
      margin: 0;
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
  `;

  // Not a decorator: see HcpRating.properties.
  static override properties: PropertyDeclarations = { _dismissed: { state: true, attribute: false } };

  /** Hidden for this page view by its “hide” button. */
  private _dismissed = false;
  private _stopLang?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._stopLang = onLangChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopLang?.();
  }

  private get _locale(): Locale {
    return resolveLocale(this.getAttribute('lang') || inheritedLang(this));
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
      <dialog part="dialog" aria-labelledby="hcp-launcher-title" @close=${this._onClose}>
        <header>
          <h2 id="hcp-launcher-title">${m.launcherTitle}</h2>
          <button type="button" class="close" part="close" @click=${this.close}>${m.close}</button>
        </header>
        <hcp-rating lang=${locale}></hcp-rating>
      </dialog>
    `;
  }

  /** Opens the dialog and moves focus to the first level. */
  open = async (): Promise<void> => {
    const dialog = this._dialog;
    if (!dialog.open) dialog.showModal();
    const rating = dialog.querySelector<HcpRating>('hcp-rating');
    await rating?.updateComplete;
    const first = rating?.shadowRoot?.querySelector<HTMLElement>('input[name=choice], [role=status]:not(:empty), button');
    (first ?? dialog.querySelector<HTMLElement>('.close'))?.focus();
  };

  close = (): void => {
    this._dialog.close();
  };

  private _onClose = (): void => {
    // Not every engine restores focus on close yet: send it back to the launcher ourselves.
    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
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
