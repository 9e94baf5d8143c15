/**
 * The deployable collector as a function: an HTTP server over the handler (handler.mjs), a
 * store (store.mjs) and, with a target, the forwarder (forwarder.mjs). The CLI (cli.mjs) is a
 * thin layer over startCollector(); tests start it in-process too.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { toGovCn } from 'haochaping/schema';
import { loadCalendar } from './calendar.mjs';
import { createCases } from './cases.mjs';
import { createForwarder } from './forwarder.mjs';
import { createHandler, requestId } from './handler.mjs';
import { json } from './http.mjs';
import { CollectorError, openStore } from './store.mjs';

/**
 * Starts the collector. Options: the database (`store`, or `databaseUrl` / `dbFile` for
 * openStore), `port` (0: a free one), `host`, the handler's options (`path`, `origins`,
 * `bodyLimit`, `rateLimit`, `trustProxy`), `target` (a loaded target module: forward in this
 * process), `queue` (queue ratings for a separate `forward` process), `forward` (forwarder
 * options), `log` (JSON log function), `shutdownTimeoutMs`; the loop (SPEC §7): `caseDays`
 * (working days a case is due after receipt, default 15), `minGroup` (the statistics' smallest
 * group, default 5), `publicStats` (serve /api/stats without a token), `calendar` (default:
 * chinese-days), `now()` (ms; tests).
 * Resolves `{ url, port, store, cases, forwarder, server, close() }`; close() is the graceful stop.
 */
export async function startCollector(options = {}) {
  const {
    port = 8080,
    host = '127.0.0.1',
    target,
    queue = false,
    forward = {},
    log = () => {},
    shutdownTimeoutMs = 10_000,
    caseDays = 15,
    minGroup = 5,
    publicStats = false,
    now = () => Date.now(),
  } = options;
  const calendar = options.calendar ?? (await loadCalendar());
  const store = options.store ?? (await openStore(options));
  const cases = createCases({ store, calendar, caseDays, now, log });
  // Cases opened while the calendar had no data for their days get their due date now.
  const filled = await cases.fillDueDates();
  if (filled.set) log({ msg: 'due-dates', set: filled.set, waiting: filled.waiting });
  const forwarder = target ? createForwarder({ store, target, toGovCn, log, ...forward }) : null;
  let stopping = false;
  const handler = createHandler({
    store,
    path: options.path,
    origins: options.origins,
    bodyLimit: options.bodyLimit,
    rateLimit: options.rateLimit === undefined ? { rate: 5, burst: 20 } : options.rateLimit,
    trustProxy: options.trustProxy,
    enqueue: Boolean(forwarder) || queue,
    onStored: () => forwarder?.wake(),
    isStopping: () => stopping,
    cases,
    minGroup,
    publicStats,
    now,
  });

  const inFlight = new Set();
  const server = createServer(async (req, res) => {
    const started = performance.now();
    const reqId = requestId();
    let path = '(malformed)';
    inFlight.add(res);
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      // One line per request: no body, no headers, no query string — nothing a citizen wrote.
      log({
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        reqId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.hcpId ? { id: res.hcpId } : {}),
        ...(res.hcpOutcome ? { outcome: res.hcpOutcome } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    try {
      let url;
      try {
        url = new URL(req.url, 'http://localhost');
      } catch {
        return json(res, 400, { error: 'malformed request target' });
      }
      path = url.pathname.slice(0, 200);
      if (!(await handler.handle(req, res, url))) json(res, 404, { error: `no endpoint at ${path}: POST ratings to ${handler.path}` });
    } catch (error) {
      log({ level: 'error', msg: 'request-failed', reqId, path, error: String(error.message).slice(0, 300) });
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  });
  // Production basics: slow clients cannot hold connections open for ever.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    await store.close();
    if (error.code === 'EADDRINUSE') throw new CollectorError(`port ${port} on ${host} is in use: choose another with --port`);
    if (error.code === 'EACCES') throw new CollectorError(`no permission to listen on ${host}:${port} (ports below 1024 need privileges: use a higher port behind nginx)`);
    throw error;
  }
  forwarder?.start();
  const address = server.address();
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing;
  /**
   * Graceful stop: no new connections, requests in flight finish (each answered with
   * Connection: close), then the forwarder finishes its sends and the database closes.
   * After `timeoutMs` the remaining connections are cut.
   */
  function close({ timeoutMs = shutdownTimeoutMs } = {}) {
    closing ??= (async () => {
      stopping = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
      await closed;
      clearTimeout(cut);
      await forwarder?.stop();
      await store.close();
    })();
    return closing;
  }

  return {
    url: `http://${hostname}:${address.port}/`,
    endpoint: `http://${hostname}:${address.port}${handler.path}`,
    port: address.port,
    store,
    cases,
    forwarder,
    server,
    origins: handler.cors.origins,
    close,
  };
}
