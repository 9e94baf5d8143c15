import type { Evaluation } from '../schema/payload.js';
import { PAYLOAD_SCHEMA, verdictOfChoice, type Channel, type ContextField, type Level, type Scale, type Verdict } from '../schema/domain.js';
import { isoWithOffset } from './time.js';
import { uuidv7 } from './uuid.js';
import { version } from '../version.js';

/** What the citizen chose, plus the facts of the moment the widget knows. */
export interface Draft {
  choice: Level | Verdict;
  tags: string[];
  tagVersion: string;
  comment: string;
  channel: Channel;
  locale: string;
  dwellMs: number;
  /** The page address, already without query string or fragment. */
  page?: string;
  assessNumber?: 1 | 2;
}

/** What the payload takes from the widget's configuration (a `Config` is one). */
export interface Setting {
  scale: Scale;
  context: Partial<Record<ContextField, string>>;
}

/**
 * Turns a finished draft into the canonical evaluation. The id is minted here, once per
 * rating; `sentAt` and `attempt` are stamped per attempt by the outbox.
 */
export function buildEvaluation(config: Setting, draft: Draft, now = new Date()): Evaluation {
  const fiveLevel = typeof draft.choice === 'number';
  const comment = draft.comment.trim();
  return {
    schema: PAYLOAD_SCHEMA,
    id: uuidv7(now.getTime()),
    createdAt: isoWithOffset(now),
    scale: config.scale,
    ...(fiveLevel ? { level: draft.choice as Level } : {}),
    verdict: verdictOfChoice(draft.choice),
    tags: draft.tags,
    tagVersion: draft.tagVersion,
    ...(comment ? { comment } : {}),
    ...config.context,
    channel: draft.channel,
    assessNumber: draft.assessNumber ?? 1,
    ...(draft.page ? { page: draft.page } : {}),
    locale: draft.locale,
    dwellMs: Math.max(0, Math.round(draft.dwellMs)),
    sdkVersion: version,
  };
}

/** `https://host/path?q#f` → `https://host/path`: queries often carry personal data. */
export function pageAddress(location: { origin: string; pathname: string; protocol: string }): string | undefined {
  return /^https?:$/.test(location.protocol) ? location.origin + location.pathname : undefined;
}
