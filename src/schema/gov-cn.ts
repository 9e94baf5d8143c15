import { CHANNEL_CODES, type Channel } from './domain.js';
import type { Evaluation } from './payload.js';

/** An evaluation in the field names of provincial 好差评 systems (`format="gov-cn"`). */
export interface GovCnEvaluation {
  evaluationId: string;
  projectNo?: string;
  serviceNumber?: string;
  taskCode?: string;
  taskName?: string;
  deptCode?: string;
  deptName?: string;
  areaCode?: string;
  pf: number;
  satisfaction: number;
  evalDetail: string;
  tagVersion: string;
  writingEvaluation?: string;
  assessNumber: 1 | 2;
  assessTime: string;
  evaluatorToken?: string;
  ticket?: string;
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time, whatever the device's time zone. */
export function chinaTime(date: Date): string {
  const d = new Date(date.getTime() + CST_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Maps a five-level canonical evaluation to the gov-cn field names; absent values stay absent. */
export function toGovCn(e: Evaluation): GovCnEvaluation {
  if (e.level === undefined) throw new TypeError('gov-cn needs a five-level evaluation (satisfaction 1–5)');
  const optional = <K extends keyof GovCnEvaluation>(key: K, value: GovCnEvaluation[K] | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    evaluationId: e.id,
    ...optional('projectNo', e.projectNo),
    ...optional('serviceNumber', e.serviceNumber),
    ...optional('taskCode', e.taskCode),
    ...optional('taskName', e.taskName),
    ...optional('deptCode', e.deptCode),
    ...optional('deptName', e.deptName),
    ...optional('areaCode', e.areaCode),
    pf: CHANNEL_CODES[e.channel as Channel],
    satisfaction: e.level,
    evalDetail: e.tags.join(','),
    tagVersion: e.tagVersion,
    ...optional('writingEvaluation', e.comment),
    assessNumber: e.assessNumber,
    assessTime: chinaTime(new Date(e.createdAt)),
    ...optional('evaluatorToken', e.evaluatorToken),
    ...optional('ticket', e.ticket),
  };
}
