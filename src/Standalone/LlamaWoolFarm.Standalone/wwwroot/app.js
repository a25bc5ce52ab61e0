// Llama Wool Farm web client. The server is the authority: this page renders what it computes, ticks the counters
// forward at the server's rates between pushes, and sends the player's intentions as commands. Every server call
// goes through window.LwfServer (server.js, on the TypeScript SDK); both load as modules, server.js first.
import { duration, escape, format, messageFor, refusals, toNumber } from './farm-text.js';

(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  // The links of account mails open the site's root; their pages live on the account page.
  if (/^#(reset-password|verify-email)\?/.test(location.hash)) { location.replace(`account.html${location.hash}`); return; }
  const server = window.LwfServer;
  const state = { config: null, view: null, profile: null, syncedAt: performance.now(), pendingClicks: 0, board: 'totalWool', hub: null, started: false };
  // Read by the browser tests (and handy in a console): counts of pushes received and board reads made, and the
  // ids of the last commands completed.
  const stats = { pushes: {}, boardPushes: {}, boardReads: {}, completed: [] };

  // ---------- names: everything shown by name comes from the catalog the server serves ----------
  const find = (list, id) => state.config?.[list]?.find(x => x.id === id);
  const woolName = id => find('woolTypes', id)?.name ?? id;
  const buildingName = id => find('buildings', id)?.name ?? id;
  const upgradeName = id => find('upgrades', id)?.name ?? id;
  const achievementName = id => find('achievements', id)?.name ?? id;
  // A guest has no name until it picks one: "Guest llama" and the start of its id tell guests apart.
  const guestName = playerId => `Guest llama ${String(playerId ?? '').replace(/-/g, '').slice(0, 4).toUpperCase()}`;
  const playerName = () => state.profile?.displayName || guestName(state.profile?.playerId ?? state.view?.playerId);

  function toast(text) {
    const t = $('toast'); t.textContent = text; t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 5000);
  }
  // What a command was about, for its refusal message: the item's name and what it still needs.
  const pendingCommands = new Map();
  function contextFor(type, target) {
    if (type === 'purchaseBuilding') return { name: buildingName(target), needs: needsText(find('buildings', target)?.unlockRequirements) };
    if (type === 'purchaseUpgrade') return { name: upgradeName(target), needs: needsText(find('upgrades', target)?.requirements) };
    return {};
  }
  function refuse(code, context) {
    toast(messageFor(code, context));
    $('toast').dataset.code = code ?? '';
    if (code === 'MAINTENANCE') loadMaintenance();
  }

  async function act(type, target, quantity) {
    const result = await server.act(type, target, quantity);
    if (result.success) pendingCommands.set(result.data.commandId, contextFor(type, target));
    else refuse(result.error?.code, { ...contextFor(type, target), message: result.error?.message });
    return result;
  }

  // ---------- status: connecting / live / reconnecting / offline, always visible in the header ----------
  const statusText = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };
  function setStatus(status, detail) {
    const s = $('sync');
    s.textContent = detail ? `${statusText[status]} — ${detail}` : statusText[status];
    s.className = `sync ${status}`;
    s.dataset.status = status;
  }

  // ---------- maintenance: a banner while a window is active or coming (public, read without a token) ----------
  async function loadMaintenance() {
    const r = await server.maintenance();
    const banner = $('maintenance');
    if (!r.success || (!r.data.active && !r.data.scheduled)) { banner.hidden = true; return; }
    const end = new Date(r.data.endsAt).toLocaleTimeString();
    banner.textContent = r.data.active
      ? `Maintenance until ${end}: ${r.data.message} Your farm is safe; actions resume then.`
      : `Maintenance from ${new Date(r.data.startsAt).toLocaleString()} to ${end}: ${r.data.message}`;
    banner.hidden = false;
  }

  // ---------- rules the page shows (the server checks them again on every command) ----------
  const elapsed = () => (performance.now() - state.syncedAt) / 1000;
  const current = id => toNumber(state.view?.woolCounts?.[id]) + toNumber(state.view?.ratesPerSecond?.[id]) * elapsed();
  const level = id => state.view?.buildings?.[id] ?? 0;
  function requirementMet(r) {
    const amount = toNumber(r.amount);
    switch (r.kind) {
      case 'buildingLevel': return level(r.id) >= amount;
      case 'woolCount': return current(r.id) >= amount;
      case 'upgradeOwned': return (state.view?.upgrades ?? []).includes(r.id);
      case 'totalPrestiges': return (state.view?.totalPrestiges ?? 0) >= amount;
      default: return true;
    }
  }
  // Levels and prestiges are counts: written whole ("level 5"), wool amounts as big numbers ("10.00K").
  const whole = s => { const n = toNumber(s); return n < 1000 ? String(Math.round(n)) : format(n); };
  function requirementText(r) {
    switch (r.kind) {
      case 'buildingLevel': return `${buildingName(r.id)} level ${whole(r.amount)} (you have ${level(r.id)})`;
      case 'woolCount': return `${format(r.amount)} ${woolName(r.id)}`;
      case 'upgradeOwned': return `the ${upgradeName(r.id)} upgrade`;
      case 'totalPrestiges': return `${whole(r.amount)} prestiges`;
      default: return r.kind;
    }
  }
  const needsText = requirements => {
    const missing = (requirements ?? []).filter(r => !requirementMet(r));
    return missing.length ? `needs ${missing.map(requirementText).join(' and ')}` : '';
  };
  // A building bought at least once stays unlocked for the rest of the run (GAME_RULES §3).
  const buildingLocked = b => level(b.id) === 0 && (b.unlockRequirements ?? []).some(r => !requirementMet(r));
  const upgradeLocked = u => (u.requirements ?? []).some(r => !requirementMet(r));
  function bulkPrice(b, k) {
    const price = toNumber(state.view?.nextBuildingPrices?.[b.id]);
    const m = b.costMultiplier;
    return m === 1 ? price * k : price * (m ** k - 1) / (m - 1);
  }
  // Prestige needs runWoolProduced ≥ 10^(base + step × prestiges) and a gain of at least 1 (10^(base + 1)).
  function prestigeNeeds() {
    const t = state.config?.tuning ?? { prestigeBaseExponent: 6, prestigeThresholdStepExponent: 2 };
    const threshold = 10 ** (t.prestigeBaseExponent + t.prestigeThresholdStepExponent * (state.view?.totalPrestiges ?? 0));
    return Math.max(threshold, 10 ** (t.prestigeBaseExponent + 1));
  }

  // ---------- rendering ----------
  function applyView(view) {
    if (!view) return;
    if (state.view && view.revision !== undefined && state.view.revision > view.revision) return;
    state.view = view; state.syncedAt = performance.now();
    try { localStorage.setItem('lwf.lastView', JSON.stringify(view)); } catch { /* storage full: nothing to keep */ }
    renderStatic();
    renderLive();
  }

  // What changes only with a new state: the lists and their structure. renderLive fills in what changes with wool.
  function renderStatic() {
    const v = state.view, c = state.config;
    if (!v) return;
    $('woolLabel').textContent = woolName('basic');
    $('rate').textContent = `${format(toNumber(v.ratesPerSecond?.basic ?? 0))} per second`;
    $('soulShears').textContent = format(v.soulShears ?? 0);
    $('prestiges').textContent = v.totalPrestiges ?? 0;

    const unlocked = new Set(v.unlockedWoolTypes ?? ['basic']);
    $('woolTypes').innerHTML = (c?.woolTypes ?? []).filter(w => w.id !== 'basic').map(w => unlocked.has(w.id)
      ? `<tr data-wool-type="${w.id}"><td>${escape(w.name)}</td><td data-wool="${w.id}">${format(v.woolCounts?.[w.id])}</td><td class="muted">${format(toNumber(v.ratesPerSecond?.[w.id] ?? 0))}/s</td></tr>`
      : `<tr data-wool-type="${w.id}" class="locked"><td>🔒 ${escape(w.name)}</td><td colspan="2" class="muted">unlocks at ${format(w.unlockCost)} wool produced this run</td></tr>`).join('');

    $('buildings').innerHTML = (c?.buildings ?? []).map(b => `<div class="item" data-building="${b.id}">
        <div><b>${escape(b.name)}</b> <span class="meta">level ${level(b.id)}</span>
          <div class="meta" data-role="price"></div><div class="needs" data-role="needs"></div></div>
        <div class="buy"><button data-buy="${b.id}" data-qty="1">Buy</button> <button data-buy="${b.id}" data-qty="10">×10</button></div></div>`).join('');

    const owned = new Set(v.upgrades ?? []);
    $('upgrades').innerHTML = (c?.upgrades ?? []).map(u => `<div class="item${owned.has(u.id) ? ' owned' : ''}" data-upgrade="${u.id}">
        <div><b>${escape(u.name)}</b><div class="meta">${format(u.cost)} ${escape(woolName(u.paidIn))}</div><div class="needs" data-role="needs"></div></div>
        <button data-upgrade-buy="${u.id}">${owned.has(u.id) ? 'Owned' : 'Buy'}</button></div>`).join('');

    const got = new Set(v.achievements ?? []);
    $('achievementCount').textContent = `${got.size} / ${c?.achievements?.length ?? 0}`;
    $('achievements').innerHTML = (c?.achievements ?? []).map(a =>
      `<li data-achievement="${a.id}" class="${got.has(a.id) ? 'unlocked' : 'muted'}">${got.has(a.id) ? '🏆' : '○'} ${escape(a.name)}</li>`).join('');
  }

  // Costs, affordability, locks and prestige follow the wool as it grows between pushes.
  function renderLive() {
    const v = state.view, c = state.config;
    if (!v || !c) return;
    for (const b of c.buildings ?? []) {
      const row = document.querySelector(`[data-building="${b.id}"]`);
      if (!row) continue;
      const locked = buildingLocked(b);
      const have = current(b.paidIn);
      const one = toNumber(v.nextBuildingPrices?.[b.id]), ten = bulkPrice(b, 10);
      const maxed = level(b.id) >= (c.tuning?.maxBuildingLevel ?? 1000);
      row.classList.toggle('locked', locked);
      row.classList.toggle('affordable', !locked && have >= one);
      row.dataset.locked = String(locked);
      row.dataset.affordable = String(!locked && have >= one);
      setText(row.querySelector('[data-role=price]'), maxed ? 'highest level' : `next: ${format(one)} ${woolName(b.paidIn)} · ×10: ${format(ten)}`);
      setText(row.querySelector('[data-role=needs]'), locked ? `🔒 Locked: ${needsText(b.unlockRequirements)}` : '');
      setDisabled(row.querySelector('[data-qty="1"]'), locked || maxed || have < one);
      setDisabled(row.querySelector('[data-qty="10"]'), locked || maxed || have < ten);
    }
    const owned = new Set(v.upgrades ?? []);
    for (const u of c.upgrades ?? []) {
      const row = document.querySelector(`[data-upgrade="${u.id}"]`);
      if (!row) continue;
      const isOwned = owned.has(u.id);
      const locked = !isOwned && upgradeLocked(u);
      const affordable = !isOwned && !locked && current(u.paidIn) >= toNumber(u.cost);
      row.classList.toggle('locked', locked);
      row.classList.toggle('affordable', affordable);
      row.dataset.locked = String(locked);
      row.dataset.affordable = String(affordable);
      setText(row.querySelector('[data-role=needs]'), locked ? `🔒 Locked: ${needsText(u.requirements)}` : '');
      setDisabled(row.querySelector('button'), !affordable);
    }
    const gain = Number(v.prestigeGain ?? 0);
    const button = $('prestige');
    setDisabled(button, gain < 1);
    setText(button, gain >= 1 ? `Prestige: +${gain} Soul Shear${gain === 1 ? '' : 's'}` : 'Prestige');
    setText($('prestigeHint'), gain >= 1
      ? `Resets this run for +${gain} Soul Shear${gain === 1 ? '' : 's'} (each Soul Shear adds 10% to all production, kept forever).`
      : `Prestige needs ${format(prestigeNeeds())} wool produced this run (so far ${format(v.runWoolProduced)}).`);
  }
  // Written only when changed, so a button under the pointer is not replaced 5 times a second.
  function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }
  function setDisabled(el, disabled) { if (el && el.disabled !== disabled) el.disabled = disabled; }

  let lastLive = 0;
  function tick(now) {
    if (state.view) {
      $('wool').textContent = format(current('basic') + state.pendingClicks * toNumber(state.view.clickPower ?? 1));
      // Clicks not yet sent are shown ahead of the server; the attribute says how many (tests wait for 0).
      $('wool').dataset.pending = String(state.pendingClicks);
      for (const cell of document.querySelectorAll('[data-wool]')) cell.textContent = format(current(cell.dataset.wool));
      if (now - lastLive > 200) { lastLive = now; renderLive(); }
    }
    requestAnimationFrame(tick);
  }

  // ---------- the player's name ----------
  function renderName() { $('playerName').textContent = playerName(); }
  async function loadProfile() {
    const p = await server.profile();
    if (p.success) { state.profile = p.data; renderName(); try { localStorage.setItem('lwf.profile', JSON.stringify(p.data)); } catch { /* optional */ } }
  }
  function startRename() {
    $('nameInput').value = state.profile?.displayName ?? '';
    $('nameForm').hidden = false; $('nameView').hidden = true;
    $('nameInput').focus();
  }
  async function saveName(e) {
    e.preventDefault();
    const name = $('nameInput').value.trim();
    if (!name) { refuse('VALIDATION_ERROR', { message: 'a name cannot be empty.' }); return; }
    const r = await server.rename(name);
    if (!r.success) { refuse(r.error?.code, { message: r.error?.message }); return; }
    state.profile = r.data; renderName();
    $('nameForm').hidden = true; $('nameView').hidden = false;
    toast(`You are now ${r.data.displayName}.`);
  }

  // ---------- leaderboards: a push asks for a refresh; reads of one board are at most one per 5 s ----------
  const categories = { totalWool: 'Total wool', netWorth: 'Net worth', prestige: 'Prestige', woolPerSecond: 'Wool per second' };
  const boardInterval = 5000;
  const boards = new Map();
  const boardSlot = category => boards.get(category) ?? boards.set(category, { lastRead: -Infinity, timer: null, reading: false }).get(category);
  function renderTabs() {
    $('boardTabs').innerHTML = Object.entries(categories).map(([id, name]) => `<button data-board="${id}" class="${id === state.board ? 'active' : ''}">${name}</button>`).join(' ');
  }
  // However many pushes arrive, a board is read at once if its last read is 5 s old, otherwise once when it is.
  function refreshBoard(category) {
    const slot = boardSlot(category);
    if (slot.timer) return;
    const wait = slot.lastRead + boardInterval - performance.now();
    if (wait > 0 || slot.reading) { slot.timer = setTimeout(() => { slot.timer = null; refreshBoard(category); }, Math.max(wait, 250)); return; }
    readBoard(category);
  }
  async function readBoard(category) {
    const slot = boardSlot(category);
    slot.reading = true; slot.lastRead = performance.now();
    stats.boardReads[category] = (stats.boardReads[category] ?? 0) + 1;
    try {
      const [page, mine] = await Promise.all([server.board(category, 10), server.rank(category)]);
      if (category !== state.board) return;
      const entries = page.success ? (page.data.entries ?? []) : [];
      const me = state.profile?.playerId ?? state.view?.playerId;
      $('board').innerHTML = entries.length
        ? entries.map(e => `<li class="${e.playerId === me ? 'me' : ''}">${escape(e.playerId === me ? `${playerName()} (you)` : (e.displayName || guestName(e.playerId)))} — ${format(e.score)}</li>`).join('')
        : '<li class="muted">No scores yet.</li>';
      $('myRank').textContent = mine.success && mine.data?.rank ? `Your rank: #${mine.data.rank}` : '';
    } finally { slot.reading = false; }
  }

  // ---------- notifications ----------
  async function loadNotifications() {
    const list = await server.notifications();
    // GET notifications answers { notifications: [{ kind, title, body, read, ... }], unread }.
    const items = list.success ? (list.data.notifications ?? []) : [];
    if (Array.isArray(items) && items.length) {
      $('notifications').innerHTML = items.map(n => `<li${n.read ? '' : ' class="unread"'}>${escape(n.title ?? n.kind)}: ${escape(n.body ?? '')}</li>`).join('');
    }
  }
  function notify(text) {
    const list = $('notifications');
    if (list.querySelector('.muted')) list.innerHTML = '';
    const li = document.createElement('li'); li.textContent = text; list.prepend(li);
  }

  // ---------- welcome back: offline gains waiting to be collected ----------
  function offerOffline(offline) {
    if (!offline?.pending) return;
    const earned = Object.entries(offline.woolEarned ?? {}).filter(([, v]) => toNumber(v) > 0);
    if (!earned.length) return;
    $('welcomeAway').textContent = `You were away for ${duration(offline.offlineSeconds ?? 0)}${offline.cappedSeconds < offline.offlineSeconds ? ` (counted up to ${duration(offline.cappedSeconds)})` : ''}. Your llamas kept working:`;
    $('welcomeGains').innerHTML = earned.map(([id, v]) => `<li data-gain="${id}"><b>${format(v)}</b> ${escape(woolName(id))}</li>`).join('');
    $('welcomeNote').textContent = `Offline efficiency ${Math.round((offline.efficiency ?? 0) * 100)}%${offline.bonusApplied ? ', plus a 10% welcome-back bonus for a long absence' : ''}.`;
    if (!$('welcome').open) $('welcome').showModal();
  }

  // ---------- realtime ----------
  // The SDK's connection (through server.js) delivers the pushes to this player in order and each once, replays
  // after every reconnect those missed while away (the hub's `resume`), and re-reads the state after a reconnect or
  // when the server no longer keeps the missed pushes (onState). Broadcasts and presence pushes carry no number.
  const handlers = {
    commandCompleted: m => { pendingCommands.delete(m.data.commandId); stats.completed = [...stats.completed.slice(-19), m.data.commandId]; },
    commandRejected: m => { refuse(m.data.code, { ...(pendingCommands.get(m.data.commandId) ?? contextFor(m.data.actionType, null)), message: m.data.message }); pendingCommands.delete(m.data.commandId); },
    gameStateChanged: m => applyView(m.data),
    offlineProgressGranted: m => {
      const earned = Object.entries(m.data.woolEarned ?? {}).filter(([, v]) => toNumber(v) > 0).map(([id, v]) => `${format(v)} ${woolName(id)}`);
      toast(earned.length ? `Collected ${earned.join(', ')}` : 'Offline wool collected');
    },
    achievementUnlocked: m => { const name = achievementName(m.data.achievementId ?? m.data.id); toast(`🏆 Achievement unlocked: ${name}`); notify(`Achievement unlocked: ${name}`); },
    notification: m => { notify(`${m.data.title ?? m.data.type}: ${m.data.message ?? ''}`); if (m.data.kind === 'maintenance') loadMaintenance(); },
    rankChanged: m => { $('myRank').textContent = `Your rank: #${m.data.rank ?? m.data.newRank}`; },
    backupRestored: () => resyncState(),
    saveAccepted: () => { /* the state arrives as gameStateChanged */ },
    saveConflictResolved: () => { toast(messageFor('SAVE_CONFLICT')); resyncState(); },
  };
  // A state read outside a push (after a reconnect, a resync, a restored backup): the farm, waiting offline gains
  // and the notifications.
  function caughtUp(view) {
    applyView(view);
    offerOffline(view?.offlinePending);
    loadNotifications();
  }
  async function resyncState() {
    const s = await server.state();
    if (s.success) caughtUp(s.data);
    else loadNotifications();
  }

  // The SDK reconnects a dropped connection for ever (showing `reconnecting…`); a first connection that could not
  // be made is tried again every 15 s and whenever the browser says it is back online, and the header says so.
  let retryTimer = null;
  function scheduleReconnect() {
    clearTimeout(retryTimer);
    let left = 15;
    const count = () => {
      setStatus('offline', `retrying in ${left} s`);
      if (left-- <= 0) { connect(); return; }
      retryTimer = setTimeout(count, 1000);
    };
    count();
  }
  async function connect() {
    clearTimeout(retryTimer);
    const hub = server.connect({
      pushTypes: [...Object.keys(handlers), 'leaderboardUpdated', 'friendOnline', 'friendOffline'],
      onReady: () => { $('shear').disabled = false; refreshBoard(state.board); },
      onState: view => caughtUp(view),
      onStatus: status => { if (hub === state.hub) { setStatus(status); if (status === 'offline') scheduleReconnect(); } },
      onPush: (type, m) => {
        stats.pushes[type] = (stats.pushes[type] ?? 0) + 1;
        if (type === 'leaderboardUpdated') { const c = m.data?.category; stats.boardPushes[c] = (stats.boardPushes[c] ?? 0) + 1; if ((m.data?.category ?? state.board) === state.board) refreshBoard(state.board); }
        else if (type === 'friendOnline' || type === 'friendOffline') friendPresence(m, type === 'friendOnline');
        else handlers[type]?.(m);
      },
    });
    state.hub = hub;
    setStatus('connecting');
    try { await hub.start(); } catch { if (hub === state.hub) scheduleReconnect(); }
  }
  // Pushes may overtake each other: keep the latest change per friend by its server time.
  const friendSeen = new Map();
  function friendPresence(m, online) {
    const { playerId, displayName, at } = m.data;
    if ((friendSeen.get(playerId) ?? '') > at) return;
    friendSeen.set(playerId, at);
    notify(`${displayName || guestName(playerId)} is ${online ? 'online' : 'offline'}`);
  }

  // ---------- start ----------
  function wireUi() {
    $('shear').addEventListener('click', () => { state.pendingClicks++; });
    // Clicks go to the server in batches once a second, because the server counts them against elapsed time.
    setInterval(async () => {
      if (state.pendingClicks === 0 || !server.signedIn) return;
      const quantity = Math.min(state.pendingClicks, 20);
      state.pendingClicks -= quantity;
      await act('click', null, quantity);
    }, 1000);
    document.body.addEventListener('click', async e => {
      const t = e.target.closest('button');
      if (!t) return;
      if (t.dataset.buy) await act('purchaseBuilding', t.dataset.buy, Number(t.dataset.qty));
      else if (t.dataset.upgradeBuy) await act('purchaseUpgrade', t.dataset.upgradeBuy);
      else if (t.dataset.board) { state.board = t.dataset.board; renderTabs(); $('board').innerHTML = '<li class="muted">Loading…</li>'; refreshBoard(state.board); }
    });
    $('prestige').addEventListener('click', async () => {
      const gain = Number(state.view?.prestigeGain ?? 0);
      if (confirm(`Prestige resets this run (wool, buildings, upgrades) for +${gain} Soul Shears. Continue?`)) await act('prestige');
    });
    $('collect').addEventListener('click', async () => {
      $('welcome').close();
      const r = await server.claimOffline();
      if (!r.success) refuse(r.error?.code, { message: r.error?.message });
    });
    $('rename').addEventListener('click', startRename);
    $('nameForm').addEventListener('submit', saveName);
    $('nameCancel').addEventListener('click', () => { $('nameForm').hidden = true; $('nameView').hidden = false; });
    // Installable: the browser offers installing once the manifest and service worker qualify.
    window.addEventListener('beforeinstallprompt', e => {
      e.preventDefault();
      $('install').hidden = false;
      $('install').onclick = async () => { $('install').hidden = true; await e.prompt(); };
    });
    window.addEventListener('online', () => { if (!state.started) start(); else if (!state.hub || state.hub.status === 'offline') connect(); else setStatus(state.hub.status); });
    window.addEventListener('offline', () => setStatus('offline', 'no network'));
  }

  async function start() {
    setStatus('connecting');
    loadMaintenance();
    const deviceId = localStorage.getItem('lwf.deviceId') || `web-${crypto.randomUUID()}`;
    localStorage.setItem('lwf.deviceId', deviceId);
    const auth = await server.signInGuest(deviceId);
    if (!auth.success) {
      // Offline (or the server down): the shell shows the last farm it saw and tries again.
      if (!state.view) {
        try { const config = JSON.parse(localStorage.getItem('lwf.config')); const view = JSON.parse(localStorage.getItem('lwf.lastView')); if (config && view) { state.config = config; state.profile = JSON.parse(localStorage.getItem('lwf.profile')); applyView(view); renderName(); } } catch { /* nothing kept */ }
      }
      setStatus('offline', auth.error?.code === 'NETWORK_ERROR' ? 'showing your farm as last seen' : messageFor(auth.error?.code));
      clearTimeout(retryTimer); retryTimer = setTimeout(start, 15000);
      return;
    }
    state.started = true;
    const [config, view, offline] = await Promise.all([server.config(), server.state(), server.offline(), loadProfile()]);
    if (config.success) { state.config = config.data; try { localStorage.setItem('lwf.config', JSON.stringify(config.data)); } catch { /* optional */ } }
    if (view.success) applyView(view.data);
    renderName();
    renderTabs();
    offerOffline(offline.success ? offline.data : view.data?.offlinePending);
    await connect();
    loadNotifications();
  }

  window.lwf = { messageFor, hasMessage: code => code in refusals, stats, guestName, playerId: () => state.profile?.playerId ?? state.view?.playerId };
  wireUi();
  requestAnimationFrame(tick);
  // The window can start or end with no push (scheduled, or ended on time): the banner is read again every 30 s.
  setInterval(() => loadMaintenance().catch(() => { /* the next read retries */ }), 30000);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => { /* the game works without it */ });
  start().catch(e => setStatus('offline', `error: ${e.message}`));
})();
