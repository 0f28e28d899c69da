// Keeps the public status page live: every store change arrives as a server-sent event and is applied to
// its row and to the counts. Without JavaScript the page still works; it just needs a reload.

// The labels sit in a <template>, whose children live in its content fragment, not in the document.
const labels = Object.fromEntries(
  [...document.getElementById('status-labels').content.querySelectorAll('span')].map((el) => [
    el.dataset.status,
    el.textContent,
  ]),
);
const liveLabels = document.getElementById('live-labels').dataset;
const liveState = document.getElementById('live-state');
const announcer = document.getElementById('announcer');
const statusById = new Map();
const updatedAtById = new Map();
let synced = false; // counts are recomputed only once the full list is known

// The stream only carries changes made after it connected, and the page itself may be a few seconds old
// (it is cached briefly). So on every (re)connect the whole list is fetched and any row that differs is
// corrected; a store whose newer state already came as an event is left alone.
async function catchUp() {
  const response = await fetch('/api/v1/stores', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const body = await response.json();
  for (const store of body.stores) {
    if (updatedAtById.get(store.id) > Date.parse(store.updatedAt)) continue;
    const row = rowOf(store.id);
    const shown = row
      && row.querySelector('.badge').dataset.status === store.status
      && row.querySelector('.message').textContent === (store.message ?? '');
    if (row && !shown) {
      applyStore(store);
    } else {
      statusById.set(store.id, store.status);
      updatedAtById.set(store.id, Date.parse(store.updatedAt));
    }
  }
  synced = true;
  renderCounts();
}

function rowOf(id) {
  return document.querySelector(`tr[data-store-id="${CSS.escape(id)}"]`);
}

function renderCounts() {
  if (!synced) return;
  const counts = { OPEN: 0, APP_ONLY: 0, CLOSED: 0 };
  for (const status of statusById.values()) counts[status] += 1;
  for (const [status, count] of Object.entries(counts)) {
    const el = document.getElementById(`count-${status}`);
    if (el) el.textContent = String(count);
  }
}

function applyStore(store) {
  statusById.set(store.id, store.status);
  updatedAtById.set(store.id, Date.parse(store.updatedAt));
  const row = rowOf(store.id);
  if (row) {
    const badge = row.querySelector('.badge');
    badge.className = `badge status-${store.status.toLowerCase()}`;
    badge.dataset.status = store.status;
    badge.textContent = labels[store.status] ?? store.status;
    row.querySelector('.message').textContent = store.message ?? '';
    row.classList.remove('changed');
    void row.offsetWidth; // restart the highlight animation
    row.classList.add('changed');
    announcer.textContent = liveLabels.changed
      .replace('{0}', store.name)
      .replace('{1}', labels[store.status] ?? store.status);
  }
  renderCounts();
}

function connect() {
  const events = new EventSource('/stores/events');
  events.addEventListener('ready', () => {
    catchUp()
      .catch(() => {}) // rows still update from the stream; the counts keep what the server rendered
      .finally(() => {
        if (events.readyState !== EventSource.OPEN) return;
        liveState.textContent = liveLabels.on;
        document.body.dataset.live = 'on';
      });
  });
  events.addEventListener('store', (event) => applyStore(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    liveState.textContent = liveLabels.off;
    document.body.dataset.live = 'off';
    // the browser retries a dropped stream by itself, but gives up on a refusal (503 when the node is full):
    // try again later, spread out so that refused pages do not come back all at once
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 20000 + Math.random() * 20000);
  });
}

connect();
