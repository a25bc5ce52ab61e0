// Offline shell: the page and its assets come from the cache when the network is down; the API and the realtime
// hub never do (a stale farm state is worse than none: the page shows its own last-seen copy and says it is offline).
// Bump the version when the list changes; activation removes older caches.
const shell = 'lwf-shell-v4';
const assets = ['/', '/index.html', '/app.js', '/farm-text.js', '/server.js', '/app.css', '/lib/llama-wool-farm-client.js', '/manifest.webmanifest',
  '/icon.svg', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png'];

self.addEventListener('install', e => e.waitUntil(caches.open(shell).then(c => c.addAll(assets)).then(() => self.skipWaiting())));
self.addEventListener('activate', e => e.waitUntil(caches.keys()
  .then(keys => Promise.all(keys.filter(k => k !== shell).map(k => caches.delete(k))))
  .then(() => self.clients.claim())));
// Network first, so a deployment is seen at once; each shell file fetched refreshes its cached copy.
self.addEventListener('fetch', e => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
  e.respondWith(fetch(e.request)
    .then(response => {
      if (response.ok && assets.includes(url.pathname)) {
        const copy = response.clone();
        caches.open(shell).then(c => c.put(e.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(e.request, { ignoreSearch: true }).then(hit => hit ?? (e.request.mode === 'navigate' ? caches.match('/') : Response.error()))));
});
