// 429 with Retry-After from a real Standalone whose sign-in limit is two per ten seconds per address (long enough
// that three sign-ins fall into one window even on a loaded machine).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError, LlamaWoolFarmClient } from '../dist/index.js';
import { startStandalone, uniqueId } from './support.mjs';

let server;

before(async () => {
  server = await startStandalone({ environment: { RateLimits__Auth: '2', RateLimits__Window: '00:00:10' } });
});

after(async () => {
  await server?.stop();
});

const recording = attempts => (request, init) =>
  fetch(request, init).then(response => {
    attempts.push({ path: new URL(request.url).pathname, status: response.status, retryAfter: response.headers.get('Retry-After'), at: Date.now() });
    return response;
  });

test('a sign-in refused with 429 is sent again after Retry-After and succeeds', async () => {
  const attempts = [];
  const client = new LlamaWoolFarmClient({ baseUrl: server.baseUrl, fetch: recording(attempts) });

  for (let i = 0; i < 3; i++) await client.auth.guest(uniqueId('device'));

  const refused = attempts.filter(a => a.status === 429);
  assert.ok(refused.length >= 1, `the limit refused a sign-in: ${JSON.stringify(attempts)}`);
  assert.ok(Number(refused[0].retryAfter) >= 1, 'with Retry-After');
  const after429 = attempts[attempts.indexOf(refused[0]) + 1];
  assert.ok(after429, 'sent again');
  assert.ok(after429.at - refused[0].at >= Number(refused[0].retryAfter) * 1000 - 50, 'after the wait the server asked for');
  assert.ok([200, 201].includes(attempts.at(-1).status), 'the last attempt signed in');
  assert.ok(client.session, 'signed in');
});

test('a Retry-After longer than the longest accepted wait fails at once with the wait in the error', async () => {
  const attempts = [];
  const client = new LlamaWoolFarmClient({ baseUrl: server.baseUrl, fetch: recording(attempts), retry: { maxDelayMs: 100 } });

  const error = await (async () => {
    for (let i = 0; i < 5; i++) await client.auth.guest(uniqueId('device'));
    return null;
  })().catch(e => e);

  assert.ok(error instanceof ApiError, `refused: ${JSON.stringify(attempts)}`);
  assert.equal(error.status, 429);
  assert.ok(error.retryAfterMs >= 1000);
  assert.equal(attempts.filter(a => a.status === 429).length, 1, 'not sent again');
});
