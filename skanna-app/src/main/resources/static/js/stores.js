// Keeps the public status page live: every store change arrives as a server-sent event and is applied to
// its row, and the counts are fetched again for the page's search. Without JavaScript the page still works; it
// just needs a reload. Also the "near me" button: the browser's location, asked for only when it is tapped.

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
const lang = document.body.dataset.lang;
const updatedAtById = new Map();
const page = new URL(window.location.href).searchParams;

/** The page's search (not its status filter: the counts show every status of what was searched). */
function search(withStatus) {
  const params = new URLSearchParams();
  for (const name of ['q', 'region'].concat(withStatus ? ['status'] : [])) {
    const value = page.get(name);
    if (value) params.set(name, value);
  }
  return params.toString();
}

/** The store's message in the page's language, else the other one (as the server renders it). */
function messageOf(store) {
  const messages = store.messages ?? {};
  const wanted = lang === 'en' ? messages.en : messages.sv;
  return wanted ?? (lang === 'en' ? messages.sv : messages.en) ?? store.message ?? '';
}

// The stream only carries changes made after it connected, and the page itself may be a few seconds old
// (it is cached briefly). So on every (re)connect the page's stores are fetched, unless the store list has not
// changed since the page was rendered (the API answers 304 to the page's revision), and any row that differs is
// corrected; a store whose newer state already came as an event is left alone.
async function catchUp() {
  const response = await fetch(`/api/v1/stores?${search(true)}`, {
    headers: { Accept: 'application/json', 'If-None-Match': `W/"stores-${document.body.dataset.revision}"` },
  });
  if (response.status === 304 || !response.ok) return;
  const body = await response.json();
  for (const store of body.stores) {
    if (updatedAtById.get(store.id) > Date.parse(store.updatedAt)) continue;
    const row = rowOf(store.id);
    const shown = row
      && row.querySelector('.badge').dataset.status === store.status
      && row.querySelector('.message').textContent === messageOf(store);
    if (row && !shown) applyStore(store);
  }
}

function rowOf(id) {
  return document.querySelector(`tr[data-store-id="${CSS.escape(id)}"]`);
}

async function refreshCounts() {
  const response = await fetch(`/api/v1/store-counts?${search(false)}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const body = await response.json();
  for (const [status, count] of Object.entries(body.counts)) {
    const el = document.getElementById(`count-${status}`);
    if (el) el.textContent = String(count);
  }
  // the map thumbnail is the server's picture of one revision: show the current one
  const thumb = document.getElementById('map-thumb');
  const src = `/stores/map.svg?r=${body.revision}`;
  if (thumb && !thumb.src.endsWith(src)) thumb.src = src;
}

let countsTimer = null;
function countsSoon() {
  clearTimeout(countsTimer);
  countsTimer = setTimeout(() => refreshCounts().catch(() => {}), 250);
}

function applyStore(store) {
  updatedAtById.set(store.id, Date.parse(store.updatedAt));
  const row = rowOf(store.id);
  if (row) {
    const badge = row.querySelector('.badge');
    badge.className = `badge status-${store.status.toLowerCase()}`;
    badge.dataset.status = store.status;
    badge.textContent = labels[store.status] ?? store.status;
    row.querySelector('.message').textContent = messageOf(store);
    row.classList.remove('changed');
    void row.offsetWidth; // restart the highlight animation
    row.classList.add('changed');
    announcer.textContent = liveLabels.changed
      .replace('{0}', store.name)
      .replace('{1}', labels[store.status] ?? store.status);
  }
  countsSoon();
}

function connect() {
  const events = new EventSource('/stores/events');
  events.addEventListener('ready', () => {
    Promise.all([catchUp(), refreshCounts()])
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

// "Near me": the location is asked for only on a tap, then the server sorts the stores by distance.
const nearMe = document.getElementById('near-me');
const nearState = document.getElementById('near-state');
if (nearMe && 'geolocation' in navigator) {
  nearMe.hidden = false;
  nearMe.addEventListener('click', () => {
    nearState.textContent = nearState.dataset.asking;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const params = new URLSearchParams();
        for (const name of ['q', 'status']) {
          const value = page.get(name);
          if (value) params.set(name, value);
        }
        const { latitude, longitude } = position.coords;
        params.set('near', `${latitude.toFixed(4)},${longitude.toFixed(4)}`);
        window.location.assign(`/stores?${params}`);
      },
      (error) => {
        nearState.textContent = error.code === error.PERMISSION_DENIED
          ? nearState.dataset.denied
          : nearState.dataset.unavailable;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
}

connect();
