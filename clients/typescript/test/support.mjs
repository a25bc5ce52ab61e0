// Test support: one Standalone per test file (scripts/standalone.mjs) and a TCP proxy whose connections the tests
// can cut, to drop a client's realtime connection the way a network does while the server stays up.
import { createServer, connect } from 'node:net';

export { startStandalone } from '../scripts/standalone.mjs';

/** A loopback TCP proxy to `target` (`http://host:port`). `cut()` drops every connection and refuses new ones until `restore()`. */
export async function startProxy(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let blocked = false;
  const server = createServer(client => {
    if (blocked) { client.destroy(); return; }
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() {
      blocked = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() { blocked = false; },
    close: () => new Promise(resolve => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}

/** A JWT whose payload is changed as given and whose signature therefore no longer verifies. */
export function tamperedToken(token, change = {}) {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${'A'.repeat(43)}`;
}

export const uniqueId = prefix => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Polls `read` until `accept` holds (answers the value) or the timeout passes (throws with the last value). */
export async function eventually(read, accept, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise(r => setTimeout(r, 200));
  }
}
