import { html, type TemplateResult } from 'lit';
import type { Level } from '../schema/domain.js';

/** Mouths from a broad smile (5) to a deep frown (1): the face differs, not only the colour. */
const MOUTHS: Record<Level, string> = {
  5: 'M7 13.5q5 6 10 0z',
  4: 'M7.5 14q4.5 4 9 0',
  3: 'M8 15h8',
  2: 'M8 16.5q4-3 8 0',
  1: 'M7 17.5q5-6 10 0',
};

/** A decorative face for a level; the level's name is always shown beside it. */
export function levelIcon(level: Level): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="10.25" fill="none" stroke="currentColor" stroke-width="1.5"/>
    <circle cx="8.5" cy="9.5" r="1.25" fill="currentColor"/><circle cx="15.5" cy="9.5" r="1.25" fill="currentColor"/>
    <path d="${MOUTHS[level]}" fill="${level === 5 ? 'currentColor' : 'none'}" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>
  </svg>`;
}
