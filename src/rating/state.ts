/**
 * A rating's life as a pure state machine: what the citizen chose and typed, where the rating
 * is on its way to the endpoint, and what the widget shows for it. DOM-free: the element turns
 * DOM and outbox events into actions, calls `reduce`, and renders through the selectors here.
 */
import { findPii, type PiiFinding } from '../schema/pii.js';
import { LEVELS, tagVerdictOf, verdictOfChoice, type Level, type Scale, type Verdict } from '../schema/domain.js';
import type { Messages } from '../i18n/messages.js';
import type { FailureCode, Outcome } from '../outbox/outcome.js';

export type Choice = Level | Verdict;
/** Where the widget is in a rating's life. */
export type Phase = 'editing' | 'sending' | 'sent' | 'retryable' | 'queued' | 'paused' | 'refused' | 'full' | 'rated';
export type FormError = 'needLevel' | 'needReason' | 'commentTooLong' | 'levelsHidden';

/** The parts of the configuration the form's rules depend on. */
export interface Rules {
  maxComment: number;
  reasonOptional: boolean;
  allowFollowUp: boolean;
}

export interface RatingState {
  rules: Rules;
  phase: Phase;
  choice?: Choice;
  tags: readonly string[];
  comment: string;
  /** Shown since the last 提交; goes once fixed, new ones wait for the next 提交. */
  error?: FormError;
  /** PII guard: what the comment seems to reveal, shown until edited away or sent anyway. */
  pii?: readonly PiiFinding[];
  /** The endpoint's last HTTP status for the rating being sent. */
  status?: number;
  /** Whether the rating being sent is stored durably (known once the outbox has stored it). */
  durable?: boolean;
  /** The id of the rating this widget is sending and shows the result of. */
  pending?: string;
  /** Kiosk: ratings of earlier citizens still being delivered after the form was cleared. */
  handedOff: readonly string[];
  /** 一次一评: the transaction this widget rates, and how often this browser has rated it. */
  rated?: { key: string; times: 0 | 1 | 2; followUp?: boolean };
  /** Kiosk: the thank-you screen is showing. */
  thanking: boolean;
}

export type Action =
  | { type: 'configured'; rules: Rules }
  | { type: 'choose'; choice: Choice }
  | { type: 'toggleTag'; code: string; checked: boolean }
  | { type: 'editComment'; comment: string }
  /** 提交 (or 仍然提交, `piiConfirmed`); `levelsHidden` when the page hid or shrank a level. */
  | { type: 'submitRequested'; levelsHidden: boolean; piiConfirmed: boolean }
  | { type: 'sendStarted'; id: string }
  | { type: 'queued'; id: string; durable: boolean }
  /** The outbox took the rating: it is this browser's first rating of the transaction, or its 追评. */
  | { type: 'enqueued'; times: 1 | 2 }
  | { type: 'queueFull' }
  | { type: 'outcome'; id: string; kind: Outcome['kind']; status?: number; code?: FailureCode }
  | { type: 'retryStarted' }
  /** `before`: the phase the retry started from, shown again when nothing was attempted. */
  | { type: 'retryEnded'; before: Phase }
  /** The transaction being rated (`undefined`: none); its memory is being looked up. */
  | { type: 'ratedLookup'; key?: string }
  | { type: 'alreadyRatedKnown'; key: string; times: 0 | 1 | 2 }
  | { type: 'followUp' }
  | { type: 'thank' }
  | { type: 'freshForm' };

export const initialState: RatingState = {
  rules: { maxComment: 500, reasonOptional: false, allowFollowUp: false },
  phase: 'editing',
  tags: [],
  comment: '',
  handedOff: [],
  thanking: false,
};

/** The values of the levels offered, in order. */
export const choiceValues = (scale: Scale): readonly Choice[] => (scale === 'good-bad' ? ['good', 'bad'] : LEVELS);

/**
 * The level group's keys: which level (by index) `key` moves to from `at`, or -1 for other keys.
 * Arrows wrap at the ends (and follow the writing direction), Home/End go to the first and last.
 */
export function nextLevel(key: string, at: number, count: number, rtl: boolean): number {
  const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
  return key === 'Home' ? 0 : key === 'End' ? count - 1 : key in step ? (at + step[key] + count) % count : -1;
}

/** What the element's helpers read and change the state through. */
export interface Store {
  get(): RatingState;
  dispatch(action: Action): void;
}

export const commentLength = (s: RatingState): number => [...s.comment].length;

/** What keeps the form from being submitted as it is (a hidden level is found by the element). */
export function problem(s: RatingState): Exclude<FormError, 'levelsHidden'> | undefined {
  if (s.choice === undefined) return 'needLevel';
  if (commentLength(s) > s.rules.maxComment) return 'commentTooLong';
  const bad = verdictOfChoice(s.choice) === 'bad';
  if (bad && !s.rules.reasonOptional && !s.tags.length && !s.comment.trim()) return 'needReason';
  return undefined;
}

/** An edit of the form: an error shown goes away as soon as the citizen has fixed it. */
function edit(s: RatingState, change: Partial<RatingState>): RatingState {
  const next = { ...s, ...change };
  return next.error ? { ...next, error: problem(next) } : next;
}

export function reduce(s: RatingState, a: Action): RatingState {
  switch (a.type) {
    case 'configured':
      return { ...s, rules: a.rules };
    case 'choose': {
      // Reasons belong to one side: switching between positive and negative tags clears them.
      const keep = s.choice !== undefined && tagVerdictOf(s.choice) === tagVerdictOf(a.choice);
      return edit(s, { choice: a.choice, tags: keep ? s.tags : [] });
    }
    case 'toggleTag': {
      const tags = s.tags.filter((t) => t !== a.code);
      return edit(s, { tags: a.checked ? [...tags, a.code] : tags });
    }
    case 'editComment': {
      // The warning follows the comment: it lists what is still there and goes once it is removed.
      const findings = s.pii && findPii(a.comment);
      return edit(s, { comment: a.comment, pii: findings?.length ? findings : undefined });
    }
    case 'submitRequested': {
      if (s.phase !== 'editing') return s;
      // No coercion: a rating given while the page hid or shrank a level is not accepted.
      if (a.levelsHidden) return { ...s, error: 'levelsHidden' };
      const error = problem(s);
      if (error) return { ...s, error };
      // Privacy: personal data in the comment is pointed out, never silently removed.
      const findings = a.piiConfirmed ? [] : findPii(s.comment);
      return { ...s, error, pii: findings.length ? findings : undefined };
    }
    case 'sendStarted':
      return { ...s, phase: 'sending', pending: a.id, durable: undefined };
    case 'queued':
      return a.id === s.pending ? { ...s, durable: a.durable } : s;
    case 'enqueued':
      return s.rated ? { ...s, rated: { ...s.rated, times: a.times } } : s;
    case 'queueFull':
      return { ...s, phase: 'full', pending: undefined };
    case 'outcome': {
      const final = a.kind === 'sent' || a.kind === 'refused';
      // Kiosk: the form has moved on; an earlier citizen's rating is forgotten once it is settled.
      if (s.handedOff.includes(a.id)) return final ? { ...s, handedOff: s.handedOff.filter((id) => id !== a.id) } : s;
      if (a.id !== s.pending) return s;
      // A durably stored rating is retried by itself: say it is saved, not that it failed.
      // Already rated on the server (409, perhaps from another phone): say so, as for a rating made here.
      const rated = a.kind === 'refused' && a.code === 'already-rated';
      const phase = rated ? 'rated' : a.kind === 'retry' ? (s.durable ? 'queued' : 'retryable') : a.kind;
      return { ...s, phase, status: a.status, pending: final ? undefined : s.pending };
    }
    case 'retryStarted':
      return { ...s, phase: 'sending' };
    case 'retryEnded':
      // Nothing was attempted (the server asked for quiet, or another tab holds the rating): say what held before.
      return s.phase === 'sending' && s.pending ? { ...s, phase: a.before } : s;
    case 'ratedLookup':
      if (a.key === undefined) return { ...s, rated: undefined };
      return s.rated?.key === a.key ? s : { ...s, rated: { key: a.key, times: 0 } };
    case 'alreadyRatedKnown': {
      if (s.rated?.key !== a.key) return s;
      // Only a form nobody has touched yet gives way to “already rated”.
      const untouched = a.times && s.phase === 'editing' && s.choice === undefined;
      return { ...s, rated: { key: a.key, times: a.times }, phase: untouched ? 'rated' : s.phase };
    }
    case 'followUp':
      return s.rated ? { ...s, rated: { ...s.rated, followUp: true }, phase: 'editing' } : s;
    case 'thank':
      return { ...s, thanking: true };
    case 'freshForm':
      // Kiosk: the last citizen's choice, tags, comment and result go. A rating still on its way
      // keeps its events (hcp-sent, hcp-failed), but no longer its screen.
      return { ...initialState, rules: s.rules, rated: s.rated, handedOff: s.pending ? [...s.handedOff, s.pending] : s.handedOff };
  }
}

/** Whether this widget waits for outbox events: for its own rating, or for handed-off ones. */
export const listening = (s: RatingState): boolean => !!s.pending || s.handedOff.length > 0;

export type StatusKey = {
  [K in keyof Messages]: Messages[K] extends string ? K : never;
}[keyof Messages];

/** The status line: a message and its `{status}`; `undefined` while editing. */
export function statusMessage(s: RatingState): { key: StatusKey; status: number | '—' } | undefined {
  const key = s.thanking ? 'kioskThanks' : s.phase === 'editing' ? undefined : STATUS[s.phase]?.(s) ?? (s.phase as StatusKey);
  return key ? { key, status: s.status ?? '—' } : undefined;
}

/** The phases whose message is not simply the one named like the phase (queued, full, sent, paused, refused). */
const STATUS: Partial<Record<Phase, (s: RatingState) => StatusKey>> = {
  // Kept in memory only: closing the page would lose it, so never say 已保存.
  sending: (s) => (s.durable === false ? 'sendingUnsaved' : 'sending'),
  rated: (s) => (s.rated?.times === 2 || !s.rules.allowFollowUp ? 'alreadyRatedFinal' : 'alreadyRated'),
  retryable: (s) => (s.status ? 'serverBusy' : 'retryable'),
};

/** The buttons under the status line (the form has its own). */
export function actions(s: RatingState): { followUp: boolean; retry: boolean } {
  return {
    // With `allow-follow-up`, one 追评 for a transaction rated once.
    followUp: !s.thanking && s.phase === 'rated' && s.rated?.times === 1 && s.rules.allowFollowUp,
    retry: !s.thanking && (s.phase === 'retryable' || s.phase === 'queued' || s.phase === 'paused'),
  };
}

export const formShown = (s: RatingState): boolean => s.phase === 'editing';

/** Reason tags follow the choice, once the catalog they come from is known. */
export const tagsShown = (s: RatingState, catalogLoading: boolean): boolean => s.choice !== undefined && !catalogLoading;

/** Which reason tags go with the choice. */
export const tagVerdict = (s: RatingState): Verdict | undefined => (s.choice === undefined ? undefined : tagVerdictOf(s.choice));

/** What each field of the form says about the error shown. */
export function fieldErrors(s: RatingState) {
  const over = commentLength(s) > s.rules.maxComment;
  return {
    /** The message under the levels. */
    level: s.error === 'needLevel' || s.error === 'levelsHidden' ? s.error : undefined,
    /** The level group is marked invalid (a hidden level is the page's fault, not the citizen's). */
    levelInvalid: s.error === 'needLevel',
    reason: s.error === 'needReason',
    over,
    comment: (over && s.error === 'commentTooLong') || !!s.pii,
  };
}
