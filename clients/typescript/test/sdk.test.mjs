// The SDK against a real Standalone (gateway, realtime hub, every worker; in-memory bus; SQLite in a temp folder),
// started from its build output for this file and stopped after it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as signalR from '@microsoft/signalr';
import { ApiError, LlamaWoolFarmClient, formatBig, saveChecksum, toNumber } from '../dist/index.js';
import { fetchDocument, generateSource, generatedFile } from '../scripts/openapi.mjs';
import { eventually, startProxy, startStandalone, tamperedToken, uniqueId } from './support.mjs';

const adminEmail = 'ops@example.org';
let server;

before(async () => {
  server = await startStandalone({
    environment: {
      // Many sign-ins from one address in a minute; the 429 path has its own test (retry.test.mjs).
      RateLimits__Auth: '1000',
      Accounts__AdminEmails: adminEmail,
    },
  });
});

after(async () => {
  await server?.stop();
});

const quiet = { logLevel: signalR.LogLevel.None };
const newClient = (options = {}) => new LlamaWoolFarmClient({ baseUrl: server.baseUrl, realtime: quiet, ...options });

describe('generated types', () => {
  test('the committed src/generated/openapi.ts is what the running server\'s document generates (run `npm run generate` after an API change)', async () => {
    const expected = await generateSource(await fetchDocument(server.baseUrl));
    const committed = readFileSync(generatedFile, 'utf8');
    assert.ok(committed.includes('"/api/v1/game/actions"'), 'the generated file names the game actions route');
    assert.equal(committed, expected, 'src/generated/openapi.ts differs from the served /openapi/v1.json: run `npm run generate`');
  });

  test('with response schemas in the document the helpers answer the generated types, and the SDK still compiles', async () => {
    const document = await fetchDocument(server.baseUrl);
    const envelope = data => ({
      description: 'OK',
      content: { 'application/json': { schema: { type: 'object', required: ['success', 'data'], properties: { success: { type: 'boolean' }, data } } } },
    });
    document.paths['/api/v1/game/state'].get.responses = {
      200: envelope({ type: 'object', required: ['playerId', 'revision'], properties: { playerId: { type: 'string' }, revision: { type: 'integer' } } }),
    };
    document.paths['/api/v1/commands/{commandId}'].get.responses = {
      200: envelope({ type: 'object', required: ['commandId', 'status'], properties: { commandId: { type: 'string' }, status: { type: 'string', enum: ['pending', 'completed', 'rejected'] } } }),
    };
    const root = new URL('..', import.meta.url).pathname;
    const copy = mkdtempSync(join(tmpdir(), 'lwf-sdk-types-'));
    try {
      cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
      cpSync(join(root, 'tsconfig.json'), join(copy, 'tsconfig.json'));
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
      writeFileSync(join(copy, 'src', 'generated', 'openapi.ts'), await generateSource(document));
      cpSync(join(root, 'test', 'fixtures', 'typed-check.ts'), join(copy, 'src', 'typed-check.ts'));
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      // Throws with tsc's messages when a helper's type does not follow the document (or the SDK does not compile).
      execFileSync(process.execPath, [tsc, '-p', join(copy, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8', stdio: 'pipe' });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('sign-in', () => {
  test('a guest session: the same device gets the same player, a link keeps the player id and email sign-in finds it', async () => {
    const deviceId = uniqueId('device');
    const client = newClient();
    const first = await client.auth.guest(deviceId);
    assert.match(first.playerId, /^[0-9a-f-]{36}$/);
    assert.equal(client.playerId, first.playerId);
    const profile = await client.http.request('players/me');
    assert.equal(profile.data.isGuest, true);

    const again = await newClient().auth.guest(deviceId);
    assert.equal(again.playerId, first.playerId, 'the same device id signs in the same player');

    const email = `${uniqueId('player')}@example.org`;
    const linked = await client.auth.link({ email, password: 'Correct-Horse-9' });
    assert.equal(linked.playerId, first.playerId, 'a link keeps the player id');
    assert.equal((await client.http.request('players/me')).data.isGuest, false);

    const byEmail = await newClient().auth.login({ email, password: 'Correct-Horse-9' });
    assert.equal(byEmail.playerId, first.playerId);
    await assert.rejects(newClient().auth.login({ email, password: 'Wrong-Horse-9' }), e => e instanceof ApiError && e.status === 401 && e.code === 'INVALID_CREDENTIALS');
  });
});

describe('refresh rotation', () => {
  test('a forced refresh rotates the refresh token: the new one works, the old one is refused', async () => {
    const client = newClient();
    const first = await client.auth.guest(uniqueId('device'));
    const rotated = await client.auth.refresh();
    assert.notEqual(rotated.refreshToken, first.refreshToken);
    assert.notEqual(rotated.accessToken, first.accessToken);
    assert.equal(rotated.playerId, first.playerId);
    assert.equal(client.session.refreshToken, rotated.refreshToken);
    assert.equal((await client.game.state()).playerId, first.playerId);

    const reuse = await fetch(`${server.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: first.refreshToken }),
    });
    assert.equal(reuse.status, 401, 'a rotated-out refresh token is refused');
  });

  test('an access token the server refuses is refreshed once and the call retried', async () => {
    const sessions = [];
    const client = newClient({ onSession: s => sessions.push(s) });
    const signedIn = await client.auth.guest(uniqueId('device'));
    client.http.setSession({ ...signedIn, accessToken: tamperedToken(signedIn.accessToken) });
    sessions.length = 0;

    const state = await client.game.state();

    assert.equal(state.playerId, signedIn.playerId);
    assert.equal(sessions.length, 1, 'one refresh');
    assert.notEqual(client.session.refreshToken, signedIn.refreshToken);
  });

  test('an expired access token is refreshed before the call is sent', async () => {
    const sent = [];
    const client = newClient({ fetch: (request, init) => { sent.push(new URL(request.url).pathname); return fetch(request, init); } });
    const signedIn = await client.auth.guest(uniqueId('device'));
    client.http.setSession({ ...signedIn, accessToken: tamperedToken(signedIn.accessToken, { exp: Math.floor(Date.now() / 1000) - 60 }) });
    sent.length = 0;

    const state = await client.game.state();

    assert.equal(state.playerId, signedIn.playerId);
    assert.deepEqual(sent, ['/api/v1/auth/refresh', '/api/v1/game/state'], 'refreshed first, and the state read went out once');
  });

  test('concurrent calls refused with the same token share one refresh (a second refresh would reuse the token and revoke the family)', async () => {
    let refreshes = 0;
    const client = newClient({ fetch: (request, init) => { if (request.url.endsWith('/auth/refresh')) refreshes++; return fetch(request, init); } });
    const signedIn = await client.auth.guest(uniqueId('device'));
    client.http.setSession({ ...signedIn, accessToken: tamperedToken(signedIn.accessToken) });

    const answers = await Promise.all(Array.from({ length: 8 }, () => client.game.state()));

    assert.equal(answers.length, 8);
    for (const state of answers) assert.equal(state.playerId, signedIn.playerId);
    assert.equal(refreshes, 1, 'one refresh for eight refused calls');
    // The family is intact: the rotated token still refreshes.
    await client.auth.refresh();
    assert.equal(refreshes, 2);
  });
});

describe('commands', () => {
  test('a command whose answer was lost is retried with the same Idempotency-Key: the same command id, applied once', async () => {
    const keys = [];
    let dropped = false;
    const client = newClient({
      fetch: async (request, init) => {
        const isAction = new URL(request.url).pathname === '/api/v1/game/actions';
        if (isAction) keys.push(request.headers.get('Idempotency-Key'));
        const response = await fetch(request, init);
        // The server applied the first attempt; its answer is lost on the way back, as on a flaky network.
        if (isAction && !dropped) { dropped = true; throw new TypeError('socket hang up'); }
        return response;
      },
    });
    await client.auth.guest(uniqueId('device'));

    const { commandId, idempotencyKey } = await client.game.click(5);

    assert.equal(keys.length, 2, 'sent twice');
    assert.equal(keys[0], keys[1], 'the retry carried the same key');
    assert.equal(keys[0], idempotencyKey);
    const status = await client.game.waitForCommand(commandId);
    assert.equal(status.status, 'completed');
    assert.deepEqual(status.changes, { basic: '5' });

    // Sent a third time by the caller with the same key: the same command again, still applied once.
    const again = await client.game.click(5, { idempotencyKey });
    assert.equal(again.commandId, commandId);
    const state = await client.game.state();
    assert.equal(state.revision, 1, 'one command applied to the fresh farm');
  });

  test('a command refused with 503 MAINTENANCE and Retry-After is sent again after the wait, with the same key', async () => {
    const admin = newClient();
    await admin.auth.register({ email: adminEmail, password: 'Admin-Horse-9' });
    // The role is granted at the next sign-in of a listed email.
    await admin.auth.login({ email: adminEmail, password: 'Admin-Horse-9' });
    // Long enough that the first click still meets the window on a loaded machine; the SDK then waits it out.
    const endsAt = new Date(Date.now() + 10_000).toISOString();
    await admin.http.request('admin/maintenance', { method: 'POST', body: { message: 'SDK test window', endsAt, notify: false } });

    const attempts = [];
    const player = newClient({
      fetch: async (request, init) => {
        const response = await fetch(request, init);
        if (new URL(request.url).pathname === '/api/v1/game/actions') {
          attempts.push({ status: response.status, key: request.headers.get('Idempotency-Key'), retryAfter: response.headers.get('Retry-After'), at: Date.now() });
        }
        return response;
      },
    });
    await player.auth.guest(uniqueId('device'));
    // The gateway reads the window at most once a second.
    await eventually(() => fetch(`${server.baseUrl}/api/v1/config/maintenance`).then(r => r.json()), b => b.data?.active === true);
    await new Promise(r => setTimeout(r, 1100));

    const { commandId } = await player.game.click(1);

    assert.equal(attempts[0].status, 503);
    assert.ok(Number(attempts[0].retryAfter) >= 1, 'Retry-After sent');
    const last = attempts.at(-1);
    assert.equal(last.status, 202);
    assert.ok(attempts.every(a => a.key === attempts[0].key), 'every attempt carried the same key');
    assert.ok(last.at - attempts[0].at >= 900, 'waited as told before the successful attempt');
    assert.equal((await player.game.waitForCommand(commandId)).status, 'completed');
  });
});

describe('realtime', () => {
  test('the README example: a guest session, then the click\'s commandCompleted and gameStateChanged pushes', async () => {
    const client = newClient();
    await client.auth.guest(uniqueId('device'));
    const live = client.realtime();
    const applied = [];
    const wool = [];
    live.on('commandCompleted', push => applied.push(push.data.changes));
    live.on('gameStateChanged', push => wool.push([push.data.woolCounts.basic, formatBig(push.data.woolCounts.basic)]));
    await live.start();
    try {
      await client.game.click(10);
      await eventually(() => applied.length > 0 && wool.length > 0, Boolean);
      assert.deepEqual(applied[0], { basic: '10' });
      const [raw, formatted] = wool.at(-1);
      assert.ok(toNumber(raw) >= 10, `the state after ten clicks holds at least 10 wool: ${raw}`);
      assert.match(formatted, /^\d+(\.\d+)?$/);
    } finally {
      await client.close();
    }
  });

  test('commandCompleted for a posted click arrives over SignalR with its number', async () => {
    const client = newClient();
    await client.auth.guest(uniqueId('device'));
    const connection = client.realtime();
    await connection.start();
    try {
      assert.equal(connection.status, 'connected');
      const startSeq = connection.lastSeq;
      assert.equal(typeof startSeq, 'number');
      const pushed = connection.waitFor('commandCompleted', p => p.data.quantity === 3);
      const { commandId } = await client.game.click(3);
      const { push, info } = await pushed;
      assert.equal(push.data.commandId, commandId);
      assert.equal(push.data.actionType, 'click');
      assert.equal(info.replayed, false);
      assert.ok(push.seq > startSeq, 'numbered after the resume point');
    } finally {
      await client.close();
    }
  });

  test('after the connection is dropped it reconnects, replays the pushes missed meanwhile and re-reads the state', async () => {
    const proxy = await startProxy(server.baseUrl);
    const deviceId = uniqueId('device');
    const away = new LlamaWoolFarmClient({
      baseUrl: proxy.url,
      realtime: { ...quiet, transport: signalR.HttpTransportType.WebSockets, reconnectDelaysMs: [0, 500, 1000] },
    });
    const other = newClient();
    try {
      await away.auth.guest(deviceId);
      await other.auth.guest(deviceId);
      const connection = away.realtime();
      const statuses = [];
      connection.onStatus(s => statuses.push(s));
      const states = [];
      connection.onState(s => states.push(s));
      const live = [];
      connection.on('commandCompleted', (p, info) => live.push({ id: p.data.commandId, replayed: info.replayed, seq: p.seq }));
      await connection.start();

      const statesBefore = states.length;
      proxy.cut();
      await eventually(() => connection.status, s => s === 'reconnecting' || s === 'disconnected', 10_000);
      // Another device of the same player acts while this one is away.
      const missed = await other.game.click(2);
      assert.equal((await other.game.waitForCommand(missed.commandId)).status, 'completed');
      assert.ok(!live.some(p => p.id === missed.commandId), 'not delivered while away');

      const replayed = connection.waitFor('commandCompleted', p => p.data.commandId === missed.commandId, 30_000);
      proxy.restore();
      const { info } = await replayed;

      assert.equal(info.replayed, true, 'delivered by the catch-up');
      assert.ok(statuses.includes('reconnecting'));
      await eventually(() => states.length, n => n > statesBefore, 10_000);
      assert.ok(states.at(-1).revision >= 1, 'the state read after the reconnect includes the missed command');
      assert.equal(live.filter(p => p.id === missed.commandId).length, 1, 'delivered once');

      // Live again: the next push comes over the new connection, numbered right after the replayed one.
      const next = connection.waitFor('commandCompleted', p => p.data.quantity === 4);
      const { commandId } = await other.game.click(4);
      const { push, info: liveInfo } = await next;
      assert.equal(push.data.commandId, commandId);
      assert.equal(liveInfo.replayed, false);
    } finally {
      await away.close();
      await proxy.close();
    }
  });
});

describe('leaderboards, saves and notifications', () => {
  test('a click shows on the totalWool board and in the player\'s rank', async () => {
    const client = newClient();
    const { playerId } = await client.auth.guest(uniqueId('device'));
    const { commandId } = await client.game.click(7);
    await client.game.waitForCommand(commandId);

    const rank = await eventually(() => client.leaderboards.rank('totalWool').catch(() => null), r => r?.rank >= 1);
    assert.equal(rank.playerId, playerId);
    const page = await client.leaderboards.page('totalWool', { limit: 100 });
    const mine = page.entries.find(e => e.playerId === playerId);
    assert.ok(mine, 'on the first page');
    assert.equal(mine.rank, rank.rank);
    await assert.rejects(client.leaderboards.page('noSuchBoard'), e => e instanceof ApiError && e.status === 404 && e.code === 'UNKNOWN_CATEGORY');
  });

  test('a save downloads with the checksum the SDK computes, uploads as the next revision, and a wrong checksum is refused', async () => {
    const client = newClient();
    await client.auth.guest(uniqueId('device'));
    await client.game.waitForCommand((await client.game.click(3)).commandId);

    const downloaded = await client.saves.download();
    assert.equal(downloaded.revision, 0);
    assert.equal(await saveChecksum(downloaded.save), downloaded.checksum, 'the SDK\'s canonical checksum is the server\'s');

    const uploaded = await client.saves.upload(downloaded.save, downloaded.revision);
    assert.equal(uploaded.revision, 1);
    assert.equal(uploaded.replayed, false);
    const again = await client.saves.download();
    assert.equal(again.revision, 1);
    assert.equal(await saveChecksum(again.save), again.checksum);

    await assert.rejects(
      client.http.request('saves/current', { method: 'PUT', body: { baseRevision: 1, save: again.save, checksum: '0'.repeat(64) } }),
      e => e instanceof ApiError && e.status === 422 && e.code === 'INTEGRITY_MISMATCH');
    const history = await client.saves.history(10);
    assert.equal(history.revisions?.length ?? history.length, 1, 'the refused upload made no revision');
  });

  test('notifications list the achievement of the first click and mark it read', async () => {
    const client = newClient();
    await client.auth.guest(uniqueId('device'));
    await client.game.waitForCommand((await client.game.click(1)).commandId);

    const listed = await eventually(() => client.notifications.list(), l => l.notifications.length >= 1);
    const achievement = listed.notifications.find(n => n.kind === 'achievement');
    assert.ok(achievement, 'the first_wool achievement');
    assert.equal(listed.unread, listed.notifications.length);

    const marked = await client.notifications.markRead([achievement.notificationId]);
    assert.equal(marked.unread, listed.unread - 1);
    const unread = await client.notifications.list({ unreadOnly: true });
    assert.ok(!unread.notifications.some(n => n.notificationId === achievement.notificationId));
  });
});
