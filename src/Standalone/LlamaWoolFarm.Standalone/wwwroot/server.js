// Every call the web client makes to the server, HTTP and realtime, goes through this one object (window.LwfServer),
// built on the TypeScript SDK (clients/typescript; its browser bundle, @microsoft/signalr inside, is committed as
// lib/llama-wool-farm-client.js by `npm run build:web`). The SDK does the work: refresh-token rotation, commands with
// an Idempotency-Key retried with the same key (lost answers, 503, 429, Retry-After), the realtime connection with
// reconnect for ever, ordered pushes, the `resume` catch-up and the state re-read. This module only turns its answers
// into the envelope app.js handles ({ success, data } or { success: false, error: { code, message } }) and its
// connection status into the page's words; app.js knows nothing of URLs, headers, tokens or SignalR.
import { ApiError, LlamaWoolFarmClient } from './lib/llama-wool-farm-client.js';

const client = new LlamaWoolFarmClient({ baseUrl: location.origin });
let deviceId = null;

const ok = data => ({ success: true, data });
// A refusal keeps the server's stable code; no answer at all is NETWORK_ERROR (the SDK's status 0).
function failure(error) {
  if (error instanceof ApiError) return { success: false, error: { code: error.code, message: error.message, details: error.details } };
  return { success: false, error: { code: 'NETWORK_ERROR', message: String(error?.message ?? error) } };
}

// A 401 is refreshed by the SDK; a refresh refused too (the family expired or was revoked) signs out. A guest's
// device id names the same farm, so the page then signs in again once and repeats the call.
async function call(send) {
  try {
    return ok(await send());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401 && deviceId && !client.session)) return failure(error);
    try {
      await client.auth.guest(deviceId);
      return ok(await send());
    } catch (again) {
      return failure(again);
    }
  }
}

async function signInGuest(id) {
  deviceId = id;
  try {
    return ok(await client.auth.guest(id));
  } catch (error) {
    return failure(error);
  }
}

// The realtime connection: pushes (in order, each once, the missed ones replayed after a reconnect) are handed to
// onPush(type, push); the state the SDK re-reads after a reconnect or a resync to onState; status changes to onStatus
// as the page names them: connecting, live (the hub said `ready`), reconnecting, offline. onReady follows every
// (re)connect. One SDK connection serves the page: a later connect() replaces the handlers of the one before.
const subscriptions = [];
function connect({ pushTypes, onPush, onReady, onStatus, onState }) {
  const live = client.realtime();
  for (const off of subscriptions.splice(0)) off();
  for (const type of pushTypes) subscriptions.push(live.on(type, push => onPush(type, push)));
  if (onState) subscriptions.push(live.onState(onState));
  const words = { connecting: 'connecting', connected: 'live', reconnecting: 'reconnecting', disconnected: 'offline' };
  let shown = null;
  subscriptions.push(live.onStatus(status => {
    // The SDK says `connected` when SignalR reconnects and again at the hub's `ready`: the page hears it once.
    if (words[status] === shown) return;
    shown = words[status];
    onStatus(shown);
    if (status === 'connected') onReady();
  }));
  return {
    // The SDK reconnects on its own; only a connection that is down for good (its first start failed) starts again.
    start: () => (live.status === 'disconnected' ? live.start() : Promise.resolve()),
    stop: () => live.stop(),
    get status() { return words[live.status]; },
    get connected() { return live.status === 'connected'; },
  };
}

window.LwfServer = {
  signInGuest,
  get signedIn() { return client.session !== null; },
  maintenance: () => call(async () => (await client.http.request('config/maintenance', { anonymous: true })).data),
  config: () => call(() => client.game.config()),
  state: () => call(() => client.game.state()),
  act: (type, target, quantity) => call(() => client.game.act({ type, ...(target ? { target } : {}), ...(quantity ? { quantity } : {}) })),
  offline: () => call(() => client.game.offline()),
  claimOffline: () => call(() => client.game.claimOffline()),
  profile: () => call(async () => (await client.http.request('players/me')).data),
  rename: displayName => call(async () => (await client.http.request('players/me', { method: 'PATCH', body: { displayName } })).data),
  board: (category, limit) => call(() => client.leaderboards.page(category, { limit })),
  rank: category => call(() => client.leaderboards.rank(category)),
  notifications: () => call(() => client.notifications.list()),
  connect,
};
