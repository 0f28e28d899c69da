// The shopper app's service worker: keeps the app shell (the store's page, its modules, styles and icon) so
// the app opens on a poor in-store connection. API answers are never cached: the server prices the cart, and
// scans made offline are queued by the app itself (IndexedDB) and replayed with their scanId.

const SHELL = 'skanna-shell-v3';
const ASSETS = [
  '/css/skanna.css',
  '/css/shopper.css',
  '/js/shopper/app.js',
  '/js/shopper/api.js',
  '/js/shopper/assist.js',
  '/js/shopper/db.js',
  '/js/shopper/format.js',
  '/js/camera-ui.js',
  '/js/scanner.js',
  '/decoder/worker.js',
  '/decoder/zxing.js',
  '/img/skanna-icon.svg',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function isShell(url, request) {
  if (url.origin !== self.location.origin || request.method !== 'GET') return false;
  if (url.pathname.startsWith('/api/')) return false;
  return ASSETS.includes(url.pathname) || (request.mode === 'navigate' && /^\/s\/[^/]+$/.test(url.pathname));
}

// Network first, so a deploy shows at once; the cached copy only when the network does not answer.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!isShell(url, event.request)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(SHELL).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((cached) => cached ?? Response.error())),
  );
});
