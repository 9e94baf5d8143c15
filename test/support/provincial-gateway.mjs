/**
 * A simulated provincial 好差评 endpoint for the collector's forwarder tests, failing the way real
 * ones do on request.
 */
import { createServer } from 'node:http';

/**
 * A simulated provincial endpoint. `behave(n, body, req)` says what to do with the n-th request:
 * `{ status, headers?, body? }`, `'hang'` (never answer), `'reset'` (drop the connection), or
 * undefined for 200 `{"code":"200","msg":"成功"}`.
 */
export async function gateway(behave = () => undefined) {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ at: Date.now(), key: req.headers['idempotency-key'], type: req.headers['content-type'], body });
      const action = (await behave(received.length, body, req)) ?? { status: 200, body: { code: '200', msg: '成功' } };
      if (action === 'hang') return;
      if (action === 'reset') return req.socket.destroy();
      res.writeHead(action.status, { 'Content-Type': 'application/json; charset=utf-8', ...action.headers }).end(JSON.stringify(action.body ?? {}));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hcp/evaluation`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
