import { urlProblem } from './config.js';
import { parseEvaluation } from './payload.js';

/**
 * A check for outbox records read back from storage (IndexedDB, localStorage), which other
 * scripts on the origin, extensions or an older SDK may have written. A record holds only the
 * payload and where to send it; one that fails this check is set aside, never sent, because
 * sending it would turn storage into a way to fabricate ratings or exfiltrate data.
 *
 * Expected shape: `{ payload, target: { endpoint, headers?, withCredentials?, format? }, attempts? }`
 * (the in-memory outbox record). Returns why the record is unusable, or `undefined`.
 */
export function storedRecordProblem(record: unknown): string | undefined {
  if (!isObject(record)) return 'not an object';
  const extra = Object.keys(record).filter((k) => !['payload', 'target', 'attempts'].includes(k));
  if (extra.length) return `unexpected fields ${extra.join(', ')}: a record holds only the payload and its target`;
  const parsed = parseEvaluation(record.payload);
  if (!parsed.ok) return `payload is not a valid evaluation (${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`;
  if (record.attempts !== undefined && !(Number.isInteger(record.attempts) && (record.attempts as number) >= 0)) {
    return 'attempts must be a whole number';
  }
  const target = record.target;
  if (!isObject(target)) return 'target is missing';
  const extraTarget = Object.keys(target).filter((k) => !['endpoint', 'headers', 'withCredentials', 'format'].includes(k));
  if (extraTarget.length) return `unexpected target fields ${extraTarget.join(', ')}`;
  if (typeof target.endpoint !== 'string' || !/^https?:\/\//i.test(target.endpoint)) return 'target.endpoint must be an absolute http(s) URL';
  const problem = urlProblem('endpoint', target.endpoint);
  if (problem) return `target.${problem}`;
  if (target.headers !== undefined) {
    if (!isObject(target.headers) || !Object.values(target.headers).every((v) => typeof v === 'string')) {
      return 'target.headers must map header names to strings';
    }
  }
  if (target.withCredentials !== undefined && typeof target.withCredentials !== 'boolean') return 'target.withCredentials must be true or false';
  if (target.format !== undefined && target.format !== 'canonical' && target.format !== 'gov-cn') return 'target.format must be "canonical" or "gov-cn"';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
