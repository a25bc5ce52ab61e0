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
      for (const id of ['counts', 'links', 'maintenanceCard', 'featuresCard', 'queues']) $(id).hidden = false;
      $('signin').hidden = true;
      await refresh();
      await loadFeatures().catch(e => { $('featureError').textContent = e.message; });
      clearInterval(timer);
      timer = setInterval(refresh, 5000);
    } catch (e) {
      token = null;
      $('signinError').textContent = e.message;
    }
  });
})();
