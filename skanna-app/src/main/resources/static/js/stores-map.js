// Keeps the map live: every store change (a server-sent event) recolours its dot, and the legend's counts follow.
// Without JavaScript the map is the server's picture as of the page load.
const labels = Object.fromEntries(
  [...document.getElementById('status-labels').content.querySelectorAll('span')].map((el) => [
    el.dataset.status,
    el.textContent,
  ]),
);
const liveLabels = document.getElementById('live-labels').dataset;
const liveState = document.getElementById('live-state');
const dots = document.querySelector('#store-map .dots');
const RADIUS = { OPEN: '2.2', APP_ONLY: '3', CLOSED: '3.6' };
const ORDER = ['OPEN', 'APP_ONLY', 'CLOSED'];

function dotOf(id) {
  return dots.querySelector(`circle[data-store-id="${CSS.escape(id)}"]`);
}

function apply(store) {
  const dot = dotOf(store.id);
  if (!dot || dot.dataset.status === store.status) return;
  dot.dataset.status = store.status;
  dot.setAttribute('class', `dot dot-${store.status.toLowerCase()}`);
  dot.setAttribute('r', RADIUS[store.status] ?? '3');
  dot.querySelector('title').textContent = `${store.name}: ${labels[store.status] ?? store.status}`;
  // drawn after every dot of a calmer status, so a closed store is never hidden under open ones
  const later = [...dots.children].find((other) => ORDER.indexOf(other.dataset.status) > ORDER.indexOf(store.status));
  dots.insertBefore(dot, later ?? null);
  counts();
}

function counts() {
  for (const status of ORDER) {
    document.getElementById(`count-${status}`).textContent = String(
      dots.querySelectorAll(`circle[data-status="${status}"]`).length,
    );
  }
}

async function catchUp() {
  const response = await fetch('/api/v1/stores', {
    headers: { Accept: 'application/json', 'If-None-Match': `W/"stores-${document.body.dataset.revision}"` },
  });
  if (response.status === 304 || !response.ok) return;
  (await response.json()).stores.forEach(apply);
}

function connect() {
  const events = new EventSource('/stores/events');
  events.addEventListener('ready', () => {
    catchUp().catch(() => {}).finally(() => {
      if (events.readyState !== EventSource.OPEN) return;
      liveState.textContent = liveLabels.on;
      document.body.dataset.live = 'on';
    });
  });
  events.addEventListener('store', (event) => apply(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    liveState.textContent = liveLabels.off;
    document.body.dataset.live = 'off';
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 20000 + Math.random() * 20000);
  });
}

connect();
