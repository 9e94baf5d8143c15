import { css } from 'lit';
import { tokens } from '../theme.js';

/**
 * Shadow-DOM styles, adopted as a constructable stylesheet (no inline `<style>`, so strict
 * CSP pages need no `unsafe-inline`), after the shared colour tokens (src/theme.ts; 7:1 for
 * text in 长辈模式 and kiosk mode); targets are at least 44×44 CSS px (60×60 in 长辈模式 and kiosk mode).
 *
 * Sizes are in `em` from `.base`, whose font size is `--hcp-font-size` (default: the reader's
 * own browser setting): a page's `html { font-size: 62.5% }` or a huge root size
 * cannot shrink or blow up the widget, and every inherited property a host page might set on
 * `*` (line height, letter spacing, alignment…) is reset on `.base`.
 */
export const styles = [
  tokens,
  css`
  :host {
    --hcp-font-size: 1em;
    display: block;
    /*
     * The reader's own browser text size. Important, because host pages often set
     * "* { font-size: 12px }"; an important declaration inside the shadow tree wins over the
     * page's. Integrators size the widget with --hcp-font-size instead.
     */
    font-size: medium !important;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * .big is set on .base in 长辈模式 and in kiosk mode, which share their larger, higher-contrast
   * look (one selector instead of .elder X, .kiosk X): 7:1 text contrast on the light surface.
   * The dark theme (src/theme.ts) has over 7:1 already, so it takes the host's (dark) tokens back.
   * Not inside "not (prefers-color-scheme: dark)": Chrome < 76 drops such a query whole.
   */
  .big {
    --hcp-accent: #0842a0;
    --hcp-muted: #3d3d3d;
    --hcp-error: #8c1d18;
  }
  @media (prefers-color-scheme: dark) {
    .big {
      --hcp-accent: inherit;
      --hcp-muted: inherit;
      --hcp-error: inherit;
    }
  }
  .base,
  .notice {
    box-sizing: border-box;
    margin: 0;
    color: var(--hcp-text);
    background: var(--hcp-surface);
    font-family: var(--hcp-font);
    font-size: calc(var(--hcp-font-size) * var(--_hcp-scale, 1));
    font-weight: 400;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    white-space: normal;
    overflow-wrap: break-word;
    visibility: visible;
  }
  .base {
    display: grid;
    gap: 1em;
    max-width: 40em;
  }
  .field {
    display: grid;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .legend {
    margin: 0;
    padding: 0;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /*
   * Each native radio and checkbox lies over its tile, transparent and above it (the pattern of
   * GOV.UK Frontend's radios): the input itself takes the click, and its box is the tile's, for
   * a screen magnifier following focus, voice control, touch exploration and test tools that
   * click by role. The label is the tile people see, and it fills its slot.
   */
  .slot {
    position: relative;
    display: grid;
    min-width: 0;
  }
  .cover {
    position: absolute;
    top: 0;
    left: 0;
    z-index: 1;
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    /* A plain square box: a native radio is hit-tested as a circle, letting corner clicks through. */
    border-radius: 0;
    -webkit-appearance: none;
    appearance: none;
    opacity: 0;
    cursor: pointer;
  }
  /* One row of equal tiles; never a wrapped last row that sets one level apart. */
  .choices {
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: 0.5em;
  }
  .choices.good-bad {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .choice,
  .tag {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
    border: 1px solid var(--hcp-border);
    border-radius: var(--hcp-radius);
    color: var(--hcp-text);
    background: var(--hcp-surface);
    cursor: pointer;
    user-select: none;
    transition:
      background-color 0.15s ease-out,
      border-color 0.15s ease-out;
  }
  /*
   * Spacing in flex boxes is margins, not gap: flex gap needs Chrome 84, and the floor is 69.
   * The icon is the first of the two items of a tile (icon, then text).
   */
  .choice {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    padding: 0.625em 0.25em;
    text-align: center;
  }
  /* The thicker chosen border eats into the padding, so nothing inside moves. */
  input:checked + .choice {
    padding: calc(0.625em - 2px) calc(0.25em - 2px);
  }
  .icon {
    flex: none;
    width: 2em;
    height: 2em;
    margin: 0 0 0.25em;
  }
  /*
   * Too narrow for five tiles (phones, 400 % zoom), and always in 长辈模式 and kiosk mode (a
   * simpler layout): a list of equal full-width rows. Engines without container queries
   * (Chrome < 105, Safari < 16) decide by the viewport instead.
   */
  @container (max-width: 30em) {
    .choices,
    .choices.good-bad {
      grid-template-columns: minmax(0, 1fr);
    }
    .choice {
      flex-direction: row;
      justify-content: flex-start;
      padding: 0.625em 0.75em;
      text-align: start;
    }
    .icon {
      margin: 0 0.75em 0 0;
    }
    input:checked + .choice {
      padding: calc(0.625em - 2px) calc(0.75em - 2px);
    }
  }
  @supports not (container-type:inline-size) {
    @media (max-width: 30em) {
      .choices,
      .choices.good-bad {
        grid-template-columns: minmax(0, 1fr);
      }
      .choice {
        flex-direction: row;
        justify-content: flex-start;
        padding: 0.625em 0.75em;
        text-align: start;
      }
      .icon {
        margin: 0 0.75em 0 0;
      }
      input:checked + .choice {
        padding: calc(0.625em - 2px) calc(0.75em - 2px);
      }
    }
  }
  input:checked + .choice,
  input:checked + .tag {
    border: 3px solid var(--hcp-accent);
    background: var(--hcp-accent-soft);
    font-weight: 700;
  }
  /*
   * The focus ring sits outside the control, on the surface: on :focus, then taken off again
   * where :focus-visible says the reader does not need it (a mouse click). Engines without
   * :focus-visible (Chrome < 86, Safari < 15.4) drop that second rule whole, so they keep the
   * ring on every focus (no @supports selector(): Chrome < 83 has none).
   */
  input:focus + .choice,
  input:focus + .tag,
  textarea:focus,
  button:focus,
  .status:focus {
    outline: 3px solid var(--hcp-focus);
    outline-offset: 2px;
  }
  input:focus:not(:focus-visible) + .choice,
  input:focus:not(:focus-visible) + .tag,
  textarea:focus:not(:focus-visible),
  button:focus:not(:focus-visible),
  .status:focus:not(:focus-visible) {
    outline: none;
  }
  /*
   * Tags 0.5em apart, as a gap would put them: each has the space on its left and top, and the
   * list reaches as far out to the left and top (never right or down, where it could widen
   * the page or the dialog), so the first row and column stay in line and wrap where a gap would.
   */
  .tag-list {
    display: flex;
    flex-wrap: wrap;
    margin: -0.5em 0 0 -0.5em;
  }
  .tag-list > .slot {
    margin: 0.5em 0 0 0.5em;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    padding: 0.5em 0.75em;
  }
  input:checked + .tag {
    padding: calc(0.5em - 2px) calc(0.75em - 2px);
  }
  /* A tick beside a chosen tag: its state never rests on colour alone. */
  input:checked + .tag::before {
    content: '✓';
    margin-right: 0.5em;
    font-weight: 700;
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 5.5em;
    margin: 0;
    padding: 0.5em;
    border: 1px solid var(--hcp-border);
    border-radius: var(--hcp-radius);
    color: inherit;
    background: var(--hcp-surface);
    font: inherit;
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border: 2px solid var(--hcp-error);
  }
  .count {
    margin: 0;
    color: var(--hcp-muted);
    font-size: 0.875em;
  }
  .count.over {
    color: var(--hcp-error);
    font-weight: 600;
  }
  .error {
    margin: 0;
    color: var(--hcp-error);
    font-weight: 600;
  }
  .submit {
    box-sizing: border-box;
    justify-self: start;
    min-width: 44px;
    min-height: 44px;
    margin: 0;
    padding: 0.625em 1.5em;
    border: 2px solid var(--hcp-accent);
    border-radius: var(--hcp-radius);
    color: var(--hcp-on-accent);
    background: var(--hcp-accent);
    font: inherit;
    font-weight: 600;
    line-height: 1.5;
    cursor: pointer;
  }
  .status {
    margin: 0;
    font-weight: 600;
  }
  .status.retryable,
  .status.paused,
  .status.refused {
    color: var(--hcp-error);
  }
  .notice {
    display: block;
    color: var(--hcp-muted);
  }
  /*
   * Text from pages and servers can be anything: long words wrap instead of widening the widget.
   * word-break: break-word is the same for engines without overflow-wrap: anywhere (Chrome < 80).
   */
  .base,
  .notice {
    overflow-wrap: anywhere;
    word-break: break-word;
    min-width: 0;
  }
  .pii-list {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
  }
  .pii-text {
    font-weight: 600;
    unicode-bidi: isolate;
  }
  .pii-actions {
    display: flex;
    flex-wrap: wrap;
    margin: -0.5rem 0 0 -0.5rem;
  }
  .pii-actions > * {
    margin: 0.5rem 0 0 0.5rem;
  }
  .secondary {
    min-width: 44px;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--hcp-accent);
    border-radius: var(--hcp-radius);
    color: var(--hcp-accent);
    background: var(--hcp-surface);
    font: inherit;
    cursor: pointer;
  }
  .big {
    --_hcp-scale: 1.25;
    line-height: 1.6;
  }
  .big .legend,
  .big .choice {
    font-size: 1.125em;
  }
  .big .count {
    font-size: 1em;
  }
  .big .choices {
    grid-template-columns: minmax(0, 1fr);
  }
  .big .choice {
    flex-direction: row;
    justify-content: flex-start;
    padding: 0.625em 0.75em;
    text-align: start;
  }
  .big input:checked + .choice {
    padding: calc(0.625em - 2px) calc(0.75em - 2px);
  }
  .big .choice,
  .big .tag,
  .big .submit {
    min-height: 60px;
    min-width: 60px;
  }
  .big .icon {
    width: 2.5em;
    height: 2.5em;
    margin: 0 0.75em 0 0;
  }
  /* The counter tablet: the whole screen, nothing else to look at. */
  .kiosk {
    max-width: none;
    min-height: 100vh;
    align-content: start;
    padding: 1.5em;
  }
  .thanks {
    font-size: 1.5em;
    text-align: center;
    padding: 2em 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .choice,
    .tag {
      transition: none;
    }
  }
  /* Windows high contrast and similar: system colours for every state and the focus ring. */
  @media (forced-colors: active) {
    .choice,
    .tag,
    textarea,
    .submit {
      border-color: CanvasText;
    }
    /*
     * Text stays the system's CanvasText on Canvas; a thick Highlight border (with the tick
     * and bold text) marks the choice. Only system colours, so the reader's theme still rules.
     */
    input:checked + .choice,
    input:checked + .tag {
      forced-color-adjust: none;
      border-color: Highlight;
      color: CanvasText;
      background: Canvas;
    }
    input:focus + .choice,
    input:focus + .tag,
    textarea:focus,
    button:focus,
    .status:focus {
      outline-color: Highlight;
    }
    .submit {
      color: ButtonText;
      background: ButtonFace;
    }
  }
`,
];
