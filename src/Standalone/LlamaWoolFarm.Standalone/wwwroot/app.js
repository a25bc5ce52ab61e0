// Minimal client: a guest farm whose wool counter runs on the server's rate and is corrected by every push.
(() => {
  const api = (path, options = {}) => fetch(`/api/v1/${path}`, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  }).then(r => r.json());

  let token = null;
  let wool = 0, rate = 0, syncedAt = performance.now();
  const $ = id => document.getElementById(id);

  const deviceId = localStorage.getItem('lwf.deviceId') || `web-${crypto.randomUUID()}`;
  localStorage.setItem('lwf.deviceId', deviceId);

  function apply(state) {
    wool = Number(state.woolCounts.basic ?? 0);
    rate = Number(state.ratesPerSecond.basic ?? 0);
    syncedAt = performance.now();
    $('rate').textContent = `${rate} per second`;
  }

  function render() {
    const now = wool + rate * (performance.now() - syncedAt) / 1000;
    $('wool').textContent = Math.floor(now).toLocaleString();
    requestAnimationFrame(render);
  }

  async function start() {
    const auth = await api('auth/guest', { method: 'POST', body: JSON.stringify({ deviceId }) });
    if (!auth.success) { $('status').textContent = auth.error.message; return; }
    token = auth.data.accessToken;

    const state = await api('game/state');
    if (state.success) apply(state.data);
    requestAnimationFrame(render);

    const hub = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/game', { accessTokenFactory: () => token })
      .withAutomaticReconnect()
      .build();
    hub.on('gameStateChanged', m => apply(m.data));
    hub.on('commandRejected', m => { $('status').textContent = `refused: ${m.data.code}`; });
    hub.on('ready', () => { $('status').textContent = 'live'; $('shear').disabled = false; });
    hub.onreconnecting(() => { $('status').textContent = 'reconnecting…'; });
    await hub.start();

    let pending = 0;
    $('shear').addEventListener('click', () => { pending++; wool++; });
    // Clicks are sent in batches once a second, as the server counts them against elapsed time.
    setInterval(async () => {
      if (pending === 0) return;
      const quantity = Math.min(pending, 20);
      pending -= quantity;
      await api('game/actions', { method: 'POST', body: JSON.stringify({ type: 'click', quantity }) });
    }, 1000);
  }

  start().catch(e => { $('status').textContent = `error: ${e.message}`; });
})();
