import { css } from 'lit';

/**
 * The `--hcp-*` design tokens with their defaults, light and dark, shared by `<hcp-rating>` and
 * the floating launcher so that both look like one product and a page restyles both at once.
 * Colours meet 4.5:1 for text and 3:1 for boundaries and focus on the default surface; the dark
 * theme has over 7:1 for text. Documented as the element's CSS custom properties.
 */
export const tokens = css`
  :host {
    --hcp-accent: #0b57d0;
    --hcp-accent-soft: #e8f0fe;
    --hcp-on-accent: #ffffff;
    --hcp-text: #1f1f1f;
    --hcp-muted: #595959;
    --hcp-surface: #ffffff;
    --hcp-border: #767676;
    --hcp-error: #b3261e;
    --hcp-focus: var(--hcp-accent);
    --hcp-radius: 8px;
    --hcp-font: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --hcp-accent: #a8c7fa;
      --hcp-accent-soft: #0b2f66;
      --hcp-on-accent: #041e49;
      --hcp-text: #ececec;
      --hcp-muted: #c4c4c4;
      --hcp-surface: #1b1b1b;
      --hcp-border: #9a9a9a;
      --hcp-error: #ffb4ab;
    }
  }
`;
