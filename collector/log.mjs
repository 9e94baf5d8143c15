/**
 * JSON logs, one object per line: `{ time, level, msg, … }`. Callers pass only what may be
 * logged — ids, statuses, timings, paths — never a body, a comment, a header or a token.
 */
export function createLogger({ stream = process.stdout, enabled = true } = {}) {
  if (!enabled) return () => {};
  return (entry) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...entry })}\n`);
  };
}
