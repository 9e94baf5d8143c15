import type { Outbox } from './outbox.js';

/**
 * 一次一评 memory: which transactions (`project-no`, per endpoint and `task-code`) this
 * browser has rated, and whether the one 追评 has been used. Kept in the outbox's best
 * store, next to the queue (`outbox.memory`), so it is as durable as the ratings themselves.
 */
const key = (endpoint: string, projectNo: string, taskCode = '') => JSON.stringify([endpoint, projectNo, taskCode]);

/** 0: not rated here; 1: rated; 2: rated and followed up. */
export async function ratedTimes(outbox: Outbox, endpoint: string, projectNo: string, taskCode?: string): Promise<0 | 1 | 2> {
  try {
    const value = (await outbox.memory.get(key(endpoint, projectNo, taskCode))) as { assessNumber?: unknown } | undefined;
    return value?.assessNumber === 2 ? 2 : value?.assessNumber === 1 ? 1 : 0;
  } catch {
    return 0; // unreadable memory must not block a rating
  }
}

export async function rememberRated(outbox: Outbox, endpoint: string, projectNo: string, taskCode: string | undefined, assessNumber: 1 | 2): Promise<void> {
  try {
    await outbox.memory.update(key(endpoint, projectNo, taskCode), (old) => {
      const previous = (old as { assessNumber?: number } | undefined)?.assessNumber ?? 0;
      return { assessNumber: Math.max(previous, assessNumber), at: Date.now() };
    });
  } catch (error) {
    console.warn(`haochaping: could not remember that ${projectNo} was rated (${(error as Error)?.message ?? error}).`);
  }
}
