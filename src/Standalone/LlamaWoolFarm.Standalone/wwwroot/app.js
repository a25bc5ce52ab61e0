// Llama Wool Farm web client. The server is the authority: this page renders what it computes, ticks the counters
// forward at the server's rates between pushes, and sends the player's intentions as commands.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  // The links of account mails open the site's root; their pages live on the account page.
  if (/^#(reset-password|verify-email)\?/.test(location.hash)) { location.replace(`account.html${location.hash}`); return; }
  const state = { token: null, config: null, view: null, syncedAt: performance.now(), pendingClicks: 0, board: 'totalWool', hub: null };

  // ---------- numbers: the server sends big numbers as decimal strings that may exceed a double ----------
  const suffixes = ['', 'K', 'M', 'B', 'T', 'Qa', 'Qi', 'Sx', 'Sp', 'Oc', 'No', 'Dc'];
  function parseBig(s) {
    if (s === undefined || s === null) return { m: 0, e: 0 };
    const text = String(s).toLowerCase();
    const [mant, exp] = text.includes('e') ? text.split('e') : [text, '0'];
    let m = Number(mant), e = Number(exp);
    if (!isFinite(m) || m === 0) return { m: 0, e: 0 };
    const shift = Math.floor(Math.log10(Math.abs(m)));
    return { m: m / 10 ** shift, e: e + shift };
  }
  function toNumber(s) { const b = parseBig(s); return b.e > 300 ? Infinity : b.m * 10 ** b.e; }
  function format(value) {
    const b = typeof value === 'number' ? parseBig(value.toExponential()) : parseBig(value);
    if (b.m === 0) return '0';
    if (b.e < 3) return (b.m * 10 ** b.e).toFixed(b.e < 0 ? 2 : (b.e < 2 ? 1 : 0));
    const group = Math.floor(b.e / 3);
    if (group < suffixes.length) return `${(b.m * 10 ** (b.e - group * 3)).toFixed(2)}${suffixes[group]}`;
    return `${b.m.toFixed(2)}e${b.e}`;
  }

  // ---------- API: every answer is the envelope { success, data, error, meta } ----------
  async function api(path, options = {}) {
    const response = await fetch(`/api/v1/${path}`, {
      ...options,
      headers: { 'Content-Type': 'application/json', ...(state.token ? { Authorization: `Bearer ${state.token}` } : {}), ...(options.headers || {}) },
    });
    let body = null;
    try { body = await response.json(); } catch { /* empty body */ }
    return body ?? { success: false, error: { code: `HTTP_${response.status}`, message: response.statusText } };
  }
  function toast(text) {
    const t = $('toast'); t.textContent = text; t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 3500);
  }
  function sync(text, cls) { const s = $('sync'); s.textContent = text; s.className = `sync ${cls || ''}`; }

  async function act(type, target, quantity) {
    const body = { type, ...(target ? { target } : {}), ...(quantity ? { quantity } : {}) };
    const result = await api('game/actions', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': crypto.randomUUID() } });
    if (!result.success) toast(result.error?.message ?? 'Refused');
    if (result.error?.code === 'MAINTENANCE') loadMaintenance();
    return result;
  }

  // ---------- maintenance: a banner while a window is active or coming (public, read without a token) ----------
  async function loadMaintenance() {
    const r = await api('config/maintenance');
    const banner = $('maintenance');
    if (!r.success || (!r.data.active && !r.data.scheduled)) { banner.hidden = true; return; }
    const end = new Date(r.data.endsAt).toLocaleTimeString();
    banner.textContent = r.data.active
      ? `Maintenance until ${end}: ${r.data.message} Your farm is safe; actions resume then.`
      : `Maintenance from ${new Date(r.data.startsAt).toLocaleString()} to ${end}: ${r.data.message}`;
    banner.hidden = false;
  }

  // ---------- rendering ----------
  const woolName = id => state.config?.woolTypes?.find(w => w.id === id)?.name ?? id;
  const elapsed = () => (performance.now() - state.syncedAt) / 1000;
  const current = id => toNumber(state.view?.woolCounts?.[id]) + toNumber(state.view?.ratesPerSecond?.[id]) * elapsed();

  function applyView(view) {
    if (!view) return;
    if (state.view && view.revision !== undefined && state.view.revision > view.revision) return;
    state.view = view; state.syncedAt = performance.now();
    renderStatic();
  }

  function renderStatic() {
    const v = state.view, c = state.config;
    if (!v) return;
    $('rate').textContent = `${format(toNumber(v.ratesPerSecond?.basic ?? 0))} per second`;
    $('soulShears').textContent = format(v.soulShears ?? 0);
    $('prestiges').textContent = v.totalPrestiges ?? 0;

    const rows = Object.keys(v.woolCounts ?? {}).filter(id => id !== 'basic')
      .map(id => `<tr><td>${woolName(id)}</td><td data-wool="${id}">${format(v.woolCounts[id])}</td><td class="muted">${format(toNumber(v.ratesPerSecond?.[id] ?? 0))}/s</td></tr>`);
    $('woolTypes').innerHTML = rows.join('');

    if (c?.buildings) {
      $('buildings').innerHTML = c.buildings.map(b => {
        const level = v.buildings?.[b.id] ?? 0;
        const price = v.nextBuildingPrices?.[b.id] ?? v.buildingPrices?.[b.id];
        return `<div class="item" data-building="${b.id}"><div><b>${b.name}</b> <span class="meta">level ${level}</span>
          <div class="meta">${price ? `next: ${format(price)} ${woolName(b.paidIn)}` : `paid in ${woolName(b.paidIn)}`}</div></div>
          <div><button data-buy="${b.id}" data-qty="1">Buy</button> <button data-buy="${b.id}" data-qty="10">×10</button></div></div>`;
      }).join('');
    }
    if (c?.upgrades) {
      const owned = new Set(v.upgrades ?? []);
      $('upgrades').innerHTML = c.upgrades.map(u => `<div class="item${owned.has(u.id) ? ' locked' : ''}" data-upgrade="${u.id}">
          <div><b>${u.name}</b><div class="meta">${format(u.cost)} ${woolName(u.paidIn)}</div></div>
          <button data-upgrade-buy="${u.id}" ${owned.has(u.id) ? 'disabled' : ''}>${owned.has(u.id) ? 'Owned' : 'Buy'}</button></div>`).join('');
    }
  }

  function tick() {
    if (state.view) {
      $('wool').textContent = format(current('basic') + state.pendingClicks * toNumber(state.view.clickPower ?? 1));
      // Clicks not yet sent are shown ahead of the server; the attribute says how many (tests wait for 0).
      $('wool').dataset.pending = String(state.pendingClicks);
      for (const cell of document.querySelectorAll('[data-wool]')) cell.textContent = format(current(cell.dataset.wool));
    }
    requestAnimationFrame(tick);
  }

  // ---------- leaderboards and notifications ----------
  const categories = ['totalWool', 'netWorth', 'prestige', 'woolPerSecond'];
  function renderTabs() {
    $('boardTabs').innerHTML = categories.map(c => `<button data-board="${c}" class="${c === state.board ? 'active' : ''}">${c}</button>`).join(' ');
  }
  async function loadBoard() {
    renderTabs();
    const page = await api(`leaderboards/${state.board}?limit=10`);
    const entries = page.success ? (page.data.entries ?? page.data.items ?? page.data ?? []) : [];
    $('board').innerHTML = Array.isArray(entries) && entries.length
      ? entries.map(e => `<li>${e.displayName ?? String(e.playerId).slice(0, 8)} — ${format(e.score)}</li>`).join('')
      : '<li class="muted">No scores yet.</li>';
    const mine = await api(`leaderboards/${state.board}/rank`);
    $('myRank').textContent = mine.success && mine.data?.rank ? `Your rank: #${mine.data.rank}` : '';
  }
  async function loadNotifications() {
    const list = await api('notifications');
    const items = list.success ? (list.data.items ?? list.data ?? []) : [];
    if (Array.isArray(items) && items.length) {
      $('notifications').innerHTML = items.map(n => `<li>${n.title ?? n.type}: ${n.message ?? ''}</li>`).join('');
    }
  }
  function notify(text) {
    const list = $('notifications');
    if (list.querySelector('.muted')) list.innerHTML = '';
    const li = document.createElement('li'); li.textContent = text; list.prepend(li);
  }

  // ---------- offline welcome ----------
  async function offerOffline() {
    const offline = await api('game/offline');
    const earned = offline.success ? offline.data?.woolEarned ?? offline.data?.offline?.woolEarned : null;
    if (!earned || !Object.values(earned).some(v => toNumber(v) > 0)) return;
    const list = Object.entries(earned).filter(([, v]) => toNumber(v) > 0).map(([id, v]) => `${format(v)} ${woolName(id)}`).join(', ');
    $('welcomeText').textContent = `While you were away for ${Math.round((offline.data.cappedSeconds ?? 0) / 60)} minutes your llamas made ${list}.`;
    $('welcome').showModal();
  }

  // ---------- realtime ----------
  // Pushes to this player carry a number (seq) and are applied strictly in order, each once: a number at or below
  // the last applied is a repeat; one that comes early waits for those before it. After every (re)connect the page
  // asks `resume` for what it missed since the last number it applied; a resync answer means the server no longer
  // has those pushes, so the page re-reads its state instead. Broadcasts and presence pushes carry no number.
  const numbered = { last: null, held: new Map(), gapTimer: null };
  const handlers = {
    commandCompleted: () => { /* the state arrives as gameStateChanged */ },
    commandRejected: m => toast(`Refused: ${m.data.code}`),
    gameStateChanged: m => applyView(m.data),
    offlineProgressGranted: () => toast('Offline wool collected'),
    achievementUnlocked: m => { toast(`Achievement: ${m.data.achievementId ?? m.data.id ?? ''}`); notify(`Achievement unlocked: ${m.data.achievementId ?? m.data.id ?? ''}`); },
    notification: m => { notify(`${m.data.title ?? m.data.type}: ${m.data.message ?? ''}`); if (m.data.kind === 'maintenance') loadMaintenance(); },
    rankChanged: m => { $('myRank').textContent = `Your rank: #${m.data.rank ?? m.data.newRank}`; },
    backupRestored: () => resyncState(),
    saveAccepted: () => { /* the state arrives as gameStateChanged */ },
    saveConflictResolved: () => resyncState(),
  };
  function deliver(m) {
    if (m.seq === undefined || m.seq === null) { handlers[m.type]?.(m); return; }
    if (numbered.last !== null && m.seq <= numbered.last) return;
    numbered.held.set(m.seq, m);
    drain();
  }
  function drain() {
    if (numbered.last === null) return;
    while (numbered.held.has(numbered.last + 1)) {
      const next = numbered.held.get(numbered.last + 1);
      numbered.held.delete(numbered.last + 1);
      numbered.last += 1;
      handlers[next.type]?.(next);
    }
    for (const seq of numbered.held.keys()) if (seq <= numbered.last) numbered.held.delete(seq);
    clearTimeout(numbered.gapTimer);
    // Pushes relayed by different replicas can overtake each other; a gap still open after 2 s is asked for (a
    // connection that is down asks on its next `ready`).
    if (numbered.held.size) numbered.gapTimer = setTimeout(() => { if (state.hub?.state === signalR.HubConnectionState.Connected) resume(state.hub); }, 2000);
  }
  async function resyncState() {
    const s = await api('game/state');
    if (s.success) applyView(s.data);
    loadNotifications();
  }
  async function resume(hub) {
    try {
      const answer = await hub.invoke('resume', numbered.last ?? 0);
      if (answer.resync) {
        numbered.last = answer.seq;
        await resyncState();
      } else {
        numbered.last ??= 0;
        for (const m of answer.missed) if (m.seq > numbered.last) numbered.held.set(m.seq, m);
      }
    } catch {
      // No history to ask (HISTORY_UNAVAILABLE, or the connection dropped again): the state is the catch-up, and
      // the pushes held carry on from the first of them.
      await resyncState();
      if (numbered.held.size) numbered.last = Math.min(...numbered.held.keys()) - 1;
      // Nothing to carry on from yet: ask again in 5 s, or the pushes would wait for the next reconnect.
      else if (numbered.last === null) setTimeout(() => { if (hub.state === signalR.HubConnectionState.Connected) resume(hub); }, 5000);
    }
    drain();
  }

  async function connect() {
    const hub = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/game', { accessTokenFactory: () => state.token })
      .withAutomaticReconnect()
      .build();
    // `ready` comes after each (re)connect once this connection receives its player's pushes: from then on nothing
    // numbered after the resume answer can be missed.
    hub.on('ready', () => { sync('live', 'live'); $('shear').disabled = false; resume(hub); });
    for (const type of Object.keys(handlers)) hub.on(type, deliver);
    hub.on('leaderboardUpdated', () => loadBoard());
    // Pushes may overtake each other: keep the latest change per friend by its server time.
    const friendSeen = new Map();
    const friendPresence = (m, online) => {
      const { playerId, displayName, at } = m.data;
      if ((friendSeen.get(playerId) ?? '') > at) return;
      friendSeen.set(playerId, at);
      notify(`${displayName ?? 'A friend'} is ${online ? 'online' : 'offline'}`);
    };
    hub.on('friendOnline', m => friendPresence(m, true));
    hub.on('friendOffline', m => friendPresence(m, false));
    hub.onreconnecting(() => sync('reconnecting…', 'off'));
    hub.onclose(() => sync('offline', 'off'));
    state.hub = hub;
    await hub.start();
    // The presence lease lasts 90 s: a heartbeat every 30 s keeps the player online through two lost ones.
    setInterval(() => { if (hub.state === signalR.HubConnectionState.Connected) hub.send('heartbeat').catch(() => { /* the next one retries */ }); }, 30000);
  }

  // ---------- start ----------
  async function start() {
    loadMaintenance();
    // The window can start or end with no push (scheduled, or ended on time): the banner is read again every 30 s.
    setInterval(() => loadMaintenance().catch(() => { /* the next read retries */ }), 30000);
    const deviceId = localStorage.getItem('lwf.deviceId') || `web-${crypto.randomUUID()}`;
    localStorage.setItem('lwf.deviceId', deviceId);
    const auth = await api('auth/guest', { method: 'POST', body: JSON.stringify({ deviceId }) });
    if (!auth.success) { sync(auth.error?.message ?? 'cannot sign in', 'off'); return; }
    state.token = auth.data.accessToken;

    const [config, view] = await Promise.all([api('game/config'), api('game/state')]);
    if (config.success) state.config = config.data;
    if (view.success) applyView(view.data);
    requestAnimationFrame(tick);
    await connect();
    offerOffline();
    loadBoard();
    loadNotifications();

    $('shear').addEventListener('click', () => { state.pendingClicks++; });
    // Clicks go to the server in batches once a second, because the server counts them against elapsed time.
    setInterval(async () => {
      if (state.pendingClicks === 0) return;
      const quantity = Math.min(state.pendingClicks, 20);
      state.pendingClicks -= quantity;
      await act('click', null, quantity);
    }, 1000);
    document.body.addEventListener('click', async e => {
      const t = e.target;
      if (t.dataset.buy) await act('purchaseBuilding', t.dataset.buy, Number(t.dataset.qty));
      else if (t.dataset.upgradeBuy) await act('purchaseUpgrade', t.dataset.upgradeBuy);
      else if (t.dataset.board) { state.board = t.dataset.board; loadBoard(); }
    });
    $('prestige').addEventListener('click', async () => { if (confirm('Prestige resets this run for Soul Shears. Continue?')) await act('prestige'); });
    $('collect').addEventListener('click', async () => {
      $('welcome').close();
      const r = await api('game/offline/claim', { method: 'POST', body: '{}' });
      if (!r.success) toast(r.error?.message ?? 'Could not collect');
    });
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => { /* the game works without it */ });
  }

  start().catch(e => sync(`error: ${e.message}`, 'off'));
})();
