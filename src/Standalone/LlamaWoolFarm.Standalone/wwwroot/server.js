// Every call the web client makes to the server, HTTP and realtime, goes through this one object (window.LwfServer)
// so that it can be swapped for the TypeScript SDK (clients/typescript) without touching the game's page: app.js
// knows nothing of URLs, headers, envelopes or SignalR.
window.LwfServer = (() => {
  'use strict';
  let token = null;
  let reauth = null;

  // Every answer is the envelope { success, data, error, meta }. A network failure or a body that is not the
  // envelope becomes one with a code of its own (NETWORK_ERROR, HTTP_<status>), so callers handle one shape.
  async function request(path, options = {}, retried = false) {
    let response;
    try {
      response = await fetch(`/api/v1/${path}`, {
        ...options,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.headers || {}) },
      });
    } catch {
      return { success: false, error: { code: 'NETWORK_ERROR', message: 'The server cannot be reached.' } };
    }
    // An access token expires: sign in again once (a guest's device id names the same farm) and repeat the call.
    if (response.status === 401 && reauth && !retried && !path.startsWith('auth/')) {
      if (await reauth()) return request(path, options, true);
    }
    let body = null;
    try { body = await response.json(); } catch { /* empty body */ }
    return body ?? { success: false, error: { code: `HTTP_${response.status}`, message: response.statusText } };
  }
  const post = (path, body, headers) => request(path, { method: 'POST', body: JSON.stringify(body ?? {}), headers });
  // Commands carry an Idempotency-Key so that a retried request is applied once.
  const command = (path, body) => post(path, body, { 'Idempotency-Key': crypto.randomUUID() });

  async function signInGuest(deviceId) {
    const auth = await post('auth/guest', { deviceId });
    if (auth.success) token = auth.data.accessToken;
    reauth = async () => (await post('auth/guest', { deviceId }).then(a => { if (a.success) token = a.data.accessToken; return a.success; }));
    return auth;
  }

  // The realtime connection: pushes are handed to onPush(type, message); status changes to onStatus.
  function connect({ pushTypes, onPush, onReady, onStatus }) {
    const hub = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/game', { accessTokenFactory: () => token })
      .withAutomaticReconnect()
      .build();
    // The server sends `ready` from its connect handler, which can reach the page before SignalR reports the
    // reconnection: `ready` decides "live", so a late onreconnected does not turn it back into "connecting".
    let ready = false;
    hub.on('ready', () => { ready = true; onStatus('live'); onReady(); });
    for (const type of pushTypes) hub.on(type, m => onPush(type, m));
    hub.onreconnecting(() => { ready = false; onStatus('reconnecting'); });
    hub.onreconnected(() => { if (!ready) onStatus('connecting'); });
    hub.onclose(() => onStatus('offline'));
    return {
      start: () => hub.start(),
      stop: () => hub.stop(),
      get connected() { return hub.state === signalR.HubConnectionState.Connected; },
      resume: seq => hub.invoke('resume', seq),
      heartbeat: () => hub.send('heartbeat'),
    };
  }

  return {
    signInGuest,
    get signedIn() { return token !== null; },
    maintenance: () => request('config/maintenance'),
    config: () => request('game/config'),
    state: () => request('game/state'),
    act: (type, target, quantity) => command('game/actions', { type, ...(target ? { target } : {}), ...(quantity ? { quantity } : {}) }),
    offline: () => request('game/offline'),
    claimOffline: () => command('game/offline/claim', {}),
    profile: () => request('players/me'),
    rename: displayName => request('players/me', { method: 'PATCH', body: JSON.stringify({ displayName }) }),
    board: (category, limit) => request(`leaderboards/${encodeURIComponent(category)}?limit=${limit}`),
    rank: category => request(`leaderboards/${encodeURIComponent(category)}/rank`),
    notifications: () => request('notifications'),
    connect,
  };
})();
