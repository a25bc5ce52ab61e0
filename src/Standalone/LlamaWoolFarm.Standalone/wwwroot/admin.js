// The operations page: sign in with an admin account, then poll GET /api/v1/admin/overview every 5 s.
// The access token stays in memory only; the scheduler dashboard gets a short-lived HttpOnly cookie of its own.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let token = null;
  let timer = null;

  async function api(method, path, body) {
    const response = await fetch(`/api/v1/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const envelope = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(envelope.error ? `${envelope.error.code}: ${envelope.error.message}` : `HTTP ${response.status}`);
    }
    return envelope.data;
  }

  const figure = (value, digits = 0) => (value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits));

  function render(overview) {
    const players = overview.players;
    $('activeThisHour').textContent = figure(players.activeThisHour);
    $('activeToday').textContent = figure(players.activeToday);
    $('actionsPerMinute').textContent = figure(players.actionsPerMinute, 1);
    $('prestigesToday').textContent = figure(players.prestigesToday);
    $('transport').textContent = overview.transport;
    $('updated').textContent = new Date(overview.at).toLocaleTimeString();

    const rabbit = overview.links.rabbitMqUi;
    $('rabbitLink').hidden = !rabbit;
    if (rabbit) $('rabbitLink').firstElementChild.href = rabbit;
    const scheduler = overview.links.schedulerDashboard;
    $('schedulerLink').hidden = !scheduler;
    if (scheduler) $('schedulerLink').firstElementChild.href = scheduler;

    const rows = $('queueRows');
    rows.replaceChildren();
    if (!overview.queues) {
      $('queuesNote').textContent = overview.transport === 'RabbitMq'
        ? 'The RabbitMQ management API did not answer (Admin:RabbitMqManagementUrl).'
        : 'In-memory transport: queues live inside this process.';
      return;
    }
    $('queuesNote').textContent = '';
    for (const q of overview.queues) {
      const tr = document.createElement('tr');
      if (q.isErrorQueue && q.ready > 0) tr.style.color = 'var(--bad)';
      for (const value of [q.name, q.ready, q.unacknowledged, q.consumers, q.publishRate.toFixed(1)]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.append(td);
      }
      rows.append(tr);
    }
  }

  function renderMaintenance(m) {
    $('maintenanceState').textContent = m.active
      ? `Active until ${new Date(m.endsAt).toLocaleString()}: ${m.message}`
      : m.scheduled ? `Scheduled ${new Date(m.startsAt).toLocaleString()} – ${new Date(m.endsAt).toLocaleString()}: ${m.message}` : 'No maintenance window.';
  }

  $('maintenanceForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('maintenanceError').textContent = '';
    try {
      const starts = $('maintenanceStarts').value;
      const set = await api('POST', 'admin/maintenance', {
        message: $('maintenanceMessage').value,
        startsAt: starts ? new Date(starts).toISOString() : undefined,
        endsAt: new Date($('maintenanceEnds').value).toISOString(),
      });
      renderMaintenance(set.maintenance);
    } catch (e) {
      $('maintenanceError').textContent = e.message;
    }
  });
  $('maintenanceEnd').addEventListener('click', async () => {
    try { renderMaintenance((await api('DELETE', 'admin/maintenance')).maintenance); } catch (e) { $('maintenanceError').textContent = e.message; }
  });

  function describeOverride(o) {
    if (!o) return '–';
    if (!o.enabled) return 'off for everyone';
    if (o.percentage === null && o.players.length === 0) return 'on for everyone';
    return `${o.percentage ?? 0} % of players + ${o.players.length} listed`;
  }

  async function loadFeatures() {
    const { features } = await api('GET', 'admin/features');
    const rows = $('featureRows');
    rows.replaceChildren();
    const select = $('featureName');
    const chosen = select.value;
    select.replaceChildren();
    for (const f of features) {
      const tr = document.createElement('tr');
      tr.dataset.feature = f.name;
      for (const value of [f.name, f.source, describeOverride(f.override)]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.append(td);
      }
      rows.append(tr);
      select.append(new Option(f.name, f.name));
    }
    if (chosen) select.value = chosen;
  }

  $('featureForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('featureError').textContent = '';
    try {
      const percentage = $('featurePercentage').value;
      const players = $('featurePlayers').value.split(',').map(p => p.trim()).filter(p => p);
      const enabled = $('featureEnabled').checked;
      await api('PUT', `admin/features/${encodeURIComponent($('featureName').value)}`, {
        enabled,
        percentage: enabled && percentage !== '' ? Number(percentage) : undefined,
        players: enabled && players.length ? players : undefined,
      });
      await loadFeatures();
    } catch (e) {
      $('featureError').textContent = e.message;
    }
  });
  $('featureReset').addEventListener('click', async () => {
    try { await api('DELETE', `admin/features/${encodeURIComponent($('featureName').value)}`); await loadFeatures(); } catch (e) { $('featureError').textContent = e.message; }
  });

  // The anti-cheat review: players by score; choosing one shows its history and the ban / clear actions.
  let chosenPlayer = null;
  const when = (at) => (at ? new Date(at).toLocaleString() : '–');
  const row = (values, attrs = {}) => {
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, attrs);
    for (const value of values) {
      const td = document.createElement('td');
      td.textContent = value ?? '–';
      tr.append(td);
    }
    return tr;
  };
  const describeBan = (ban) => (ban ? `banned: ${ban.reason}${ban.expiresAt ? ` (until ${when(ban.expiresAt)})` : ' (until lifted)'}` : 'not banned');

  async function loadAnomalies() {
    const page = await api('GET', 'admin/anomalies?limit=50');
    const rows = $('anomalyRows');
    rows.replaceChildren();
    for (const p of page.players) {
      const tr = row([p.playerId, p.score.toFixed(2), p.anomalies, p.unreviewed, when(p.lastAt), p.ban ? 'banned' : ''], { player: p.playerId });
      tr.style.cursor = 'pointer';
      tr.addEventListener('click', () => showPlayer(p.playerId).catch(e => { $('banError').textContent = e.message; }));
      rows.append(tr);
    }
  }

  async function showPlayer(playerId) {
    chosenPlayer = playerId;
    const history = await api('GET', `admin/players/${playerId}/anomalies`);
    $('playerCard').hidden = false;
    $('playerId').textContent = playerId;
    $('playerScore').textContent = history.score.toFixed(2);
    $('playerBan').textContent = describeBan(history.ban);
    const rows = $('playerAnomalyRows');
    rows.replaceChildren();
    for (const a of history.anomalies) {
      const tr = row([when(a.lastAt), a.kind, a.rule, a.bound, a.claimed, a.count, a.source, a.reviewed ? 'yes' : 'no']);
      tr.title = a.detail;
      rows.append(tr);
    }
  }

  async function loadBans() {
    const { bans } = await api('GET', 'admin/bans');
    $('banRows').replaceChildren(...bans.map(b => row([b.playerId, b.reason, when(b.bannedAt), b.expiresAt ? when(b.expiresAt) : 'until lifted'], { player: b.playerId })));
  }

  async function loadAudit() {
    const { entries } = await api('GET', 'admin/audit?limit=50');
    $('auditRows').replaceChildren(...entries.map(e => row([when(e.at), e.adminId, e.action, e.target, e.details])));
  }

  async function reloadReview() {
    await Promise.all([loadAnomalies(), loadBans(), loadAudit()]);
    if (chosenPlayer) await showPlayer(chosenPlayer);
  }

  async function moderate(path, body) {
    $('banError').textContent = '';
    try {
      await api('POST', `admin/players/${chosenPlayer}/${path}`, body);
      await reloadReview();
    } catch (e) {
      $('banError').textContent = e.message;
    }
  }

  $('banForm').addEventListener('submit', (event) => {
    event.preventDefault();
    const expires = $('banExpires').value;
    moderate('ban', { reason: $('banReason').value, expiresAt: expires ? new Date(expires).toISOString() : undefined });
  });
  $('liftBan').addEventListener('click', () => moderate('clear', { liftBan: true }));
  $('markReviewed').addEventListener('click', () => moderate('clear', { markReviewed: true }));
  $('anomaliesReload').addEventListener('click', () => reloadReview().catch(e => { $('banError').textContent = e.message; }));

  async function refresh() {
    try {
      renderMaintenance(await api('GET', 'admin/maintenance'));
      render(await api('GET', 'admin/overview'));
      $('status').textContent = 'live';
      $('status').className = 'sync live';
    } catch (e) {
      $('status').textContent = e.message;
      $('status').className = 'sync off';
    }
  }

  $('signinForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('signinError').textContent = '';
    try {
      const session = await api('POST', 'auth/login', {
        email: $('email').value,
        password: $('password').value,
        twoFactorCode: $('code').value || undefined,
      });
      token = session.accessToken;
      await api('POST', 'admin/dashboard-session');
      for (const id of ['counts', 'links', 'maintenanceCard', 'featuresCard', 'anomaliesCard', 'bansCard', 'auditCard', 'queues']) $(id).hidden = false;
      $('signin').hidden = true;
      await refresh();
      await loadFeatures().catch(e => { $('featureError').textContent = e.message; });
      await reloadReview().catch(e => { $('banError').textContent = e.message; });
      clearInterval(timer);
      timer = setInterval(refresh, 5000);
    } catch (e) {
      token = null;
      $('signinError').textContent = e.message;
    }
  });
})();
