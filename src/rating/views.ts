import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { format, plural, type Locale, type Messages } from '../i18n/messages.js';
import { maskPii } from '../schema/pii.js';
import type { Tag } from '../schema/catalog.js';
import type { Config } from '../config/options.js';
import { levelIcon } from './level-icons.js';
import { actions, choiceValues, commentLength, fieldErrors, statusMessage, tagVerdict, type Choice, type FormError, type RatingState } from './state.js';

/** The levels offered, in order, with their labels. */
export const choicesOf = (config: Config, m: Messages): { value: Choice; label: string }[] =>
  choiceValues(config.scale).map((value) => ({
    value,
    label: typeof value === 'number' ? m[`level${value}`] : value === 'good' ? m.good : m.bad,
  }));

/** The counter under the comment: characters left, or over the limit. */
export function countText(s: RatingState, m: Messages, locale: Locale): string {
  const left = s.rules.maxComment - commentLength(s);
  return plural(locale, left < 0 ? m.charsOver : m.charsLeft, Math.abs(left));
}

/** Where focus goes when 提交 finds a problem the citizen can fix. */
export const errorFocus: Record<Exclude<FormError, 'levelsHidden'>, string> = {
  needLevel: 'input[name=choice]',
  needReason: '.tags input',
  commentTooLong: '#comment',
};

export function tagLabel(tag: Tag, locale: Locale): string {
  if (typeof tag.label === 'string') return tag.label;
  return tag.label[locale] ?? tag.label['zh-CN'] ?? Object.values(tag.label)[0];
}

/** What the form shows, and where the citizen's input goes. */
export interface FormProps {
  state: RatingState;
  config: Config;
  m: Messages;
  locale: Locale;
  /** The reason tags that go with the choice; `undefined` while they are not shown. */
  tags?: Tag[];
  /** What the live region last said of the comment's length. */
  countSpoken: string;
  onChoose(e: Event, choice: Choice): void;
  onLevelKey(e: KeyboardEvent): void;
  onTag(e: Event, code: string): void;
  onComment(e: InputEvent): void;
  onSubmit(e: MouseEvent): void;
  onPiiEdit(): void;
  onPiiSend(e: MouseEvent): void;
}

export function formView(p: FormProps): TemplateResult {
  const { state, config, m } = p;
  const errors = fieldErrors(state);
  return html`
    <div class="field">
      <p id="levels-label" class="legend">${config.scale === 'good-bad' ? m.goodBadLegend : m.levelsLegend}</p>
      <div
        role="radiogroup"
        class="choices ${config.scale}"
        aria-labelledby="levels-label"
        aria-required="true"
        aria-invalid=${errors.levelInvalid ? 'true' : nothing}
        aria-describedby=${errors.levelInvalid ? 'level-error' : nothing}
        @keydown=${p.onLevelKey}
      >
        ${choicesOf(config, m).map(({ value, label }) => {
          const id = `choice-${value}`;
          return html`<span class="slot"
            ><input
              type="radio"
              class="cover"
              id=${id}
              name="choice"
              .checked=${live(state.choice === value)}
              @change=${(e: Event) => p.onChoose(e, value)}
            /><label for=${id} class="choice" part="level"
              >${levelIcon(typeof value === 'number' ? value : value === 'good' ? 5 : 1)}<span>${label}</span></label
            ></span
          >`;
        })}
      </div>
      <p id="level-error" class="error" role="alert">${errors.level ? m[errors.level] : ''}</p>
    </div>
    ${p.tags ? tagsView(p, p.tags, errors.reason) : nothing}
    <div class="field">
      <label for="comment" class="legend">${m.commentLabel}</label>
      <textarea
        id="comment"
        part="comment"
        rows="3"
        aria-describedby=${state.pii ? 'comment-count pii-warning' : 'comment-count'}
        aria-invalid=${errors.comment ? 'true' : nothing}
        .value=${live(state.comment)}
        @input=${p.onComment}
      ></textarea>
      <p id="comment-count" class="count ${errors.over ? 'over' : ''}" aria-hidden="true">
        ${countText(state, m, p.locale)}
      </p>
      <p id="comment-live" class="visually-hidden" aria-live="polite">${p.countSpoken}</p>
      ${piiView(p)}
    </div>
    <button type="button" class="submit" part="submit" @click=${p.onSubmit}>${m.submit}</button>
  `;
}

function tagsView(p: FormProps, tags: Tag[], error: boolean): TemplateResult {
  const { m } = p;
  return html`<fieldset
      class="field tags"
      aria-describedby=${error ? 'reason-error' : nothing}
      aria-invalid=${error ? 'true' : nothing}
    >
      <legend class="legend">${tagVerdict(p.state) === 'good' ? m.tagsLegendGood : m.tagsLegendBad}</legend>
      <div class="tag-list">
        ${tags.map((tag) => {
          const id = `tag-${tag.code}`;
          return html`<span class="slot"
            ><input
              type="checkbox"
              class="cover"
              id=${id}
              .checked=${live(p.state.tags.includes(tag.code))}
              @change=${(e: Event) => p.onTag(e, tag.code)}
            /><label for=${id} class="tag" part="tag">${tagLabel(tag, p.locale)}</label></span
          >`;
        })}
      </div>
    </fieldset>
    <p id="reason-error" class="error" role="alert">${error ? m.needReason : ''}</p>`;
}

function piiView(p: FormProps): TemplateResult {
  const { m, state } = p;
  const kinds = { idCard: m.piiIdCard, mobile: m.piiMobile, email: m.piiEmail };
  return html`<div id="pii-warning" class="pii" role="alert">
      ${state.pii
        ? html`<p class="error">${m.piiWarning}</p>
            <ul class="pii-list">
              ${state.pii.map((f) => html`<li>${kinds[f.kind]}：<span class="pii-text">${maskPii(f)}</span></li>`)}
            </ul>`
        : nothing}
    </div>
    ${state.pii
      ? html`<div class="pii-actions">
          <button type="button" class="secondary" @click=${p.onPiiEdit}>${m.piiEdit}</button>
          <button type="button" class="secondary" @click=${p.onPiiSend}>${m.piiSendAnyway}</button>
        </div>`
      : nothing}`;
}

/** The status line (sending, sent, errors; the kiosk thank-you screen), and 追评 or 重新提交 under it. */
export function statusView(s: RatingState, m: Messages, onFollowUp: (e: MouseEvent) => void, onRetry: (e: MouseEvent) => void): TemplateResult {
  const status = statusMessage(s);
  const buttons = actions(s);
  const button = (label: string, onClick: (e: MouseEvent) => void) =>
    html`<button type="button" class="submit" part="submit" @click=${onClick}>${label}</button>`;
  return html`<p id="status" class="status ${s.phase} ${s.thanking ? 'thanks' : ''}" part="status" role="status" tabindex="-1"
      >${status ? format(m[status.key], { status: status.status }) : ''}</p
    >
    ${buttons.followUp ? button(m.followUp, onFollowUp) : nothing}
    ${buttons.retry ? button(m.retry, onRetry) : nothing}`;
}
