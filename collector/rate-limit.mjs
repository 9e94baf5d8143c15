/**
 * Per-client rate limit: a token bucket per key (the client's address). Each client may make
 * `burst` requests at once and `rate` per second sustained; beyond that the answer is 429
 * with Retry-After (seconds until the next token). Memory is bounded: at most `maxClients`
 * buckets, least recently seen dropped first (a dropped bucket was idle and is full anyway).
 */
export function createRateLimiter({ rate = 5, burst = 20, maxClients = 50_000 } = {}) {
  if (!(rate > 0) || !(burst >= 1)) throw new RangeError('rate must be > 0 and burst ≥ 1');
  const buckets = new Map();
  return {
    /** `{ ok: true }` or `{ ok: false, retryAfter }` (whole seconds, at least 1). */
    take(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key); // re-inserted below: Map order is then "least recently seen first"
        bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
        bucket.at = now;
      } else {
        bucket = { tokens: burst, at: now };
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value);
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The client's address: the socket's peer, or with `trustProxy` hops (1 = one nginx in front)
 * the address that many hops back in X-Forwarded-For. Only the entries our own proxies
 * appended are trusted; whatever the client wrote itself stays to the left and is ignored.
 */
export function clientAddress(req, trustProxy = 0) {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
    if (hops.length) address = hops[Math.max(0, hops.length - trustProxy)];
  }
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
