import type { Evaluation } from '../schema/payload.js';
import type { Format } from '../schema/domain.js';
import { toGovCn } from '../schema/gov-cn.js';
import { isoWithOffset } from './time.js';

/**
 * A queued rating as the body of one attempt: stamped with when it was sent and which attempt
 * this is (the canonical format carries both), in the field names `format` asks for.
 */
export function requestBody(payload: Evaluation, format: Format, attempt: number, sentAt: Date): string {
  const stamped = { ...payload, sentAt: isoWithOffset(sentAt), attempt };
  return JSON.stringify(format === 'gov-cn' ? toGovCn(stamped) : stamped);
}
