// Keeps one store's public page live: when its status or message changes (a server-sent event for this store
// only), the page is fetched again, so what works there is always said by the server in one place.
const storeId = document.body.dataset.storeId;
const liveLabels = document.getElementById('live-labels').dataset;
const liveState = document.getElementById('live-state');
const shownStatus = document.getElementById('store-status').dataset.status;
const shownMessage = document.getElementById('store-message').textContent;
const lang = document.body.dataset.lang;

function messageOf(store) {
  const messages = store.messages ?? {};
  const wanted = lang === 'en' ? messages.en : messages.sv;
  return wanted ?? (lang === 'en' ? messages.sv : messages.en) ?? '';
}

function connect() {
  const events = new EventSource(`/stores/events?storeId=${encodeURIComponent(storeId)}`);
  events.addEventListener('ready', async () => {
    // the page may come from the browser's cache: compare it with the store as it is now
    const response = await fetch(`/api/v1/stores/${encodeURIComponent(storeId)}`, { cache: 'no-store' })
      .catch(() => null);
    if (response && response.ok) changed(await response.json());
    liveState.textContent = liveLabels.on;
    document.body.dataset.live = 'on';
  });
  events.addEventListener('store', (event) => changed(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    liveState.textContent = liveLabels.off;
    document.body.dataset.live = 'off';
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 20000 + Math.random() * 20000);
  });
}

function changed(store) {
  if (store.id !== storeId) return;
  if (store.status === shownStatus && messageOf(store) === shownMessage) return;
  // one reload per state of the store, should a cache keep serving the old page
  const key = `reloaded-${storeId}`;
  if (sessionStorage.getItem(key) === store.updatedAt) return;
  sessionStorage.setItem(key, store.updatedAt);
  fetch(window.location.href, { cache: 'no-cache' }).finally(() => window.location.reload());
}

connect();
