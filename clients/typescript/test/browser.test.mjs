// The single-file browser bundle (dist/browser) in Debian's headless Chromium against a real Standalone: the page
// and the bundle are served from one origin that forwards everything else (API, hub, WebSocket upgrades) to the
// Standalone, as when the web client loads the bundle from wwwroot.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { startStandalone } from './support.mjs';

const chromium = process.env.LWF_CHROMIUM ?? '/usr/bin/chromium';
const files = {
  '/sdk/page.html': [new URL('./fixtures/browser.html', import.meta.url), 'text/html'],
  '/sdk/llama-wool-farm-client.js': [new URL('../dist/browser/llama-wool-farm-client.js', import.meta.url), 'text/javascript'],
};
let server;
let site;
let reported;
const result = new Promise(resolve => { reported = resolve; });

before(async () => {
  server = await startStandalone();
  const target = new URL(server.baseUrl);
  site = createServer((req, res) => {
    if (req.url === '/sdk/result' && req.method === 'POST') {
      let body = '';
      req.on('data', chunk => { body += chunk; }).on('end', () => { res.writeHead(204).end(); reported(body); });
      return;
    }
    const file = files[req.url];
    if (file) {
      res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(file[0]));
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // WebSocket upgrades go through as raw bytes.
  site.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    const close = () => { socket.destroy(); upstream.destroy(); };
    socket.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise(resolve => site.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  site?.closeAllConnections?.();
  await new Promise(resolve => (site ? site.close(() => resolve()) : resolve()));
  await server?.stop();
});

test('the browser bundle signs in a guest and receives the click\'s commandCompleted push in Chromium', async () => {
  const page = `http://127.0.0.1:${site.address().port}/sdk/page.html`;
  const profile = mkdtempSync(join(tmpdir(), 'lwf-sdk-chromium-'));
  const browser = spawn(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, page,
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  browser.stderr.on('data', chunk => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise(resolve => browser.once('exit', resolve));
  try {
    const text = await Promise.race([
      result,
      exited.then(code => { throw new Error(`Chromium exited (${code}) before the page reported:\n${stderr}`); }),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`The page did not report within 90 s:\n${stderr}`)), 90_000)),
    ]);
    assert.ok(!text.startsWith('ERROR'), `page said: ${text}`);
    const outcome = JSON.parse(text);
    assert.match(outcome.playerId, /^[0-9a-f-]{36}$/);
    assert.equal(outcome.same, true, 'the push names the posted command');
    assert.deepEqual(outcome.changes, { basic: '4' });
    assert.equal(outcome.status, 'connected');
    assert.equal(outcome.formatted, '123.46K');
  } finally {
    // Chromium's helper processes outlive a killed browser process and keep writing to the profile: kill the whole
    // process group (detached above), then retry the removal while the last writes settle.
    try { process.kill(-browser.pid, 'SIGKILL'); } catch { browser.kill('SIGKILL'); }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
