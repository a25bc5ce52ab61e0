// Offline shell: the page and its assets come from the cache when the network is down; the API never does.
const shell = 'lwf-shell-v1';
const assets = ['/', '/index.html', '/app.js', '/app.css', '/lib/signalr.min.js', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', e => e.waitUntil(caches.open(shell).then(c => c.addAll(assets))));
self.addEventListener('activate', e => e.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== shell).map(k => caches.delete(k))))));
self.addEventListener('fetch', e => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
  e.respondWith(fetch(e.request).catch(() => caches.match(e.request)));
});
