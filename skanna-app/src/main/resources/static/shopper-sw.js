// The shopper app's service worker: keeps the app shell (the store's page, its modules, styles, icon and the
// barcode decoder) so the app opens on a poor in-store connection or none at all. API answers are never
// cached here: the server prices the cart, scans made offline are queued by the app itself (IndexedDB) and
// replayed with their scanId, and the offline product snapshot is kept by the app too.
//
// Versioned: a new VERSION installs beside the old one and waits; the page asks it to take over when it next
// opens (app.js), so an open trip keeps the modules it started with. Activating removes every older cache.

const VERSION = 'v4';
const SHELL = `skanna-shell-${VERSION}`;
const ASSETS = [
  '/css/skanna.css',
  '/css/shopper.css',
  '/js/shopper/app.js',
  '/js/shopper/api.js',
  '/js/shopper/assist.js',
  '/js/shopper/db.js',
  '/js/shopper/format.js',
  '/js/shopper/snapshot.js',
  '/js/camera-ui.js',
  '/js/scanner.js',
  '/decoder/worker.js',
  '/decoder/zxing.js',
  '/img/skanna-icon.svg',
];
// Same-origin files the app may load later (a decoder's worker, say) are kept once fetched.
const RUNTIME = /^\/(js|css|img|webjars)\//;
const APP_PAGE = /^\/s\/[^/]+$/;
// On a weak signal, waiting for the network longer than this is worse than the copy on the phone.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(ASSETS.map((path) => new Request(path, { cache: 'reload' })));
      // the page that registered this worker was loaded before any worker ran: keep it now, so the very
      // first visit already opens offline
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      await Promise.all(windows.map((client) => keepPage(cache, client.url)));
      // the first worker takes over at once; a new version waits for the app's next open
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('skanna-shell-') && key !== SHELL).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'take-over') {
    self.skipWaiting();
  } else if (message.type === 'keep-page' && typeof message.url === 'string') {
    event.waitUntil(
      caches
        .open(SHELL)
        .then((cache) => keepPage(cache, message.url))
        .then((kept) => kept && event.source?.postMessage({ type: 'page-kept' })),
    );
  }
});

async function keepPage(cache, href) {
  const url = new URL(href, self.location.origin);
  if (url.origin !== self.location.origin || !APP_PAGE.test(url.pathname)) return false;
  try {
    const response = await fetch(url.pathname, { cache: 'no-store', credentials: 'same-origin' });
    if (isApp(response)) {
      await cache.put(url.pathname, response);
      return true;
    }
  } catch {
    // offline already: the next online open keeps it
  }
  return (await cache.match(url.pathname, { ignoreVary: true })) !== undefined;
}

/** Only the app itself is kept as a store's page: never a closed store's or an unknown store's page. */
function isApp(response) {
  return response.status === 200 && response.headers.get('X-Skanna-Page') !== 'closed';
}

function isShell(url, request) {
  if (url.origin !== self.location.origin || request.method !== 'GET') return false;
  if (url.pathname.startsWith('/api/')) return false;
  return ASSETS.includes(url.pathname) || RUNTIME.test(url.pathname) || APP_PAGE.test(url.pathname);
}

// Network first, so a deploy shows at once; the kept copy when the network fails or is too slow.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!isShell(url, event.request)) return;
  const key = url.pathname; // the page and the files without query strings
  event.respondWith(
    (async () => {
      const cache = await caches.open(SHELL);
      const network = fetch(event.request).then((response) => {
        if (isApp(response)) cache.put(key, response.clone());
        return response;
      });
      const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
      try {
        const first = await Promise.race([network, timeout]);
        if (first) return first;
      } catch {
        // no network: the kept copy below
      }
      const cached = await cache.match(key, { ignoreVary: true });
      if (cached) return cached;
      return network.catch(() => Response.error());
    })(),
  );
});
