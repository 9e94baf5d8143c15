import { css } from 'lit';

/**
 * Shadow-DOM styles, adopted as a constructable stylesheet (no inline `<style>`, so strict
 * CSP pages need no `unsafe-inline`). Colours meet 4.5:1 for text and 3:1 for boundaries
 * on the default surface; targets are at least 44×44 CSS px (60×60 in 长辈模式).
 */
export const styles = css`
  :host {
    --hcp-accent: #0b57d0;
    --hcp-accent-soft: #e8f0fe;
    --hcp-on-accent: #ffffff;
    --hcp-text: #1f1f1f;
    --hcp-muted: #5c5c5c;
    --hcp-surface: #ffffff;
    --hcp-border: #767676;
    --hcp-error: #b3261e;
    --hcp-radius: 8px;
    --hcp-font: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
    display: block;
    max-width: 40rem;
    container-type: inline-size;
    color: var(--hcp-text);
    background: var(--hcp-surface);
    font: 1rem/1.5 var(--hcp-font);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: grid;
    gap: 1rem;
  }
  .field {
    display: grid;
    gap: 0.5rem;
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
  /* One row of equal tiles; never a wrapped last row that sets one level apart. */
  .choices {
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: 0.5rem;
  }
  .choices.good-bad {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .choice,
  .tag {
    box-sizing: border-box;
    min-height: 44px;
    border: 1px solid var(--hcp-border);
    border-radius: var(--hcp-radius);
    background: var(--hcp-surface);
    cursor: pointer;
    user-select: none;
  }
  .choice {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.25rem;
    padding: 0.625rem 0.25rem;
    text-align: center;
  }
  .icon {
    flex: none;
    width: 2rem;
    height: 2rem;
  }
  /* Too narrow for five tiles (phones, 400 % zoom): a list of equal full-width rows. */
  @container (max-width: 30rem) {
    .choices,
    .choices.good-bad {
      grid-template-columns: minmax(0, 1fr);
    }
    .choice {
      flex-direction: row;
      justify-content: flex-start;
      gap: 0.75rem;
      padding-inline: 0.75rem;
      text-align: start;
    }
    input:checked + .choice {
      padding-inline: calc(0.75rem - 2px);
    }
  }
  input:checked + .choice,
  input:checked + .tag {
    border: 3px solid var(--hcp-accent);
    background: var(--hcp-accent-soft);
    font-weight: 700;
  }
  input:checked + .choice {
    padding: calc(0.625rem - 2px) calc(0.25rem - 2px);
  }
  input:focus-visible + .choice,
  input:focus-visible + .tag,
  textarea:focus-visible,
  button:focus-visible,
  .status:focus-visible {
    outline: 3px solid var(--hcp-accent);
    outline-offset: 2px;
  }
  .tag-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
  }
  input:checked + .tag {
    padding: calc(0.5rem - 2px) calc(0.75rem - 2px);
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 5.5rem;
    padding: 0.5rem;
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
    font-size: 0.875rem;
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
    justify-self: start;
    min-width: 44px;
    min-height: 44px;
    padding: 0.625rem 1.5rem;
    border: 2px solid var(--hcp-accent);
    border-radius: var(--hcp-radius);
    color: var(--hcp-on-accent);
    background: var(--hcp-accent);
    font: inherit;
    font-weight: 600;
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
    margin: 0;
    color: var(--hcp-muted);
  }
  /* Text from pages and servers can be anything: long words wrap instead of widening the widget. */
  .base,
  .notice {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .pii-list {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .pii-text {
    font-weight: 600;
    unicode-bidi: isolate;
  }
  .pii-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
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
  .elder {
    font-size: 1.25rem;
    line-height: 1.6;
  }
  .elder .choice,
  .elder .tag,
  .elder .submit {
    min-height: 60px;
    min-width: 60px;
  }
  .elder .icon {
    width: 2.5rem;
    height: 2.5rem;
  }
`;
