/**
 * Small HTTP helpers shared by the collector's handler and the demo server: JSON answers,
 * a body reader with a byte limit (413), and Retry-After parsing.
 */

/** The default body limit: the widget keeps comments far below (5,000 characters at most). */
export const BODY_LIMIT = 64 * 1024;

/** Sends `value` as JSON with `status` (and extra `headers`). */
export function json(res, status, value, headers = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** `{ value }`, the parsed JSON, or `undefined` after answering 400 when `text` is not JSON. */
export function parseJson(text, res) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    json(res, 400, { error: `the body is not valid JSON: ${error.message}` });
    return undefined;
  }
}

/**
 * The request body as text, or `undefined` after answering 413 when it exceeds `limit` bytes
 * (announced by Content-Length or found while reading).
 */
export function readBody(req, res, limit = BODY_LIMIT) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      json(res, 413, { error: `the body is larger than ${limit} bytes` }, { Connection: 'close' });
      resolve(undefined);
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      // After a 413, keep reading (and dropping) what the client still sends, so it gets to
      // read the answer instead of a connection reset; give up on clients that keep sending.
      if (refused) {
        if (size > 16 * limit) req.destroy();
      } else if (size > limit) {
        refuse();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => refused || resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => refused || reject(error));
    if (Number(req.headers['content-length']) > limit) refuse();
  });
}

/**
 * Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or `undefined`
 * when absent or unreadable. Never negative.
 */
export function retryAfterSeconds(value, now = Date.now()) {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
