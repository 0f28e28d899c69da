// Calling staff from the app: "Kalla på personal" posts a request for the current trip (a second press while one
// is open answers the same request), then the app follows it every few seconds until staff resolve it, showing
// "notified" while it waits and "on their way" once a staff member has acknowledged it.

import { json, NetworkError, Problem } from './api.js';
import { t, problemText } from './format.js';

const POLL_MS = 4000;
const $ = (id) => document.getElementById(id);
let currentTrip = () => null;
let timer = null;

/** Wires the form; getTrip() answers the current { tripId, token } or null. */
export function initAssist(getTrip) {
  currentTrip = getTrip;
  $('assist-form').addEventListener('submit', (event) => {
    event.preventDefault();
    callStaff();
  });
  // a new trip starts clean: the last trip's call for staff is not this one's
  document.addEventListener('skanna:new-trip', () => {
    clearTimeout(timer);
    $('assist').dataset.seen = '';
    $('assist-message').value = '';
    render(null);
    refreshAssist();
  });
  refreshAssist();
}

/** Asks the server for the trip's latest request and shows it; keeps following an open one. */
export async function refreshAssist() {
  const trip = currentTrip();
  if (!trip) return;
  try {
    render(await json('GET', assistPath(trip), { token: trip.token }));
  } catch (e) {
    if (e instanceof Problem && e.code === 'assistance_not_found') {
      render(null);
    } else if (e instanceof NetworkError || (e instanceof Problem && e.transient)) {
      follow();
    }
  }
}

async function callStaff() {
  const trip = currentTrip();
  if (!trip) return;
  const message = $('assist-message').value.trim();
  $('call-staff').disabled = true;
  try {
    const request = await json('POST', assistPath(trip), {
      token: trip.token,
      body: message ? { message } : {},
    });
    $('assist-message').value = '';
    render(request);
  } catch (e) {
    $('call-staff').disabled = false;
    const text =
      e instanceof NetworkError
        ? t('app.error.network')
        : e instanceof Problem && e.status === 429
          ? t('app.assist.wait', e.retryAfter ?? 30)
          : (problemText(e?.code) ?? t('app.error.generic'));
    show(text);
  }
}

function render(request) {
  const state = request?.state ?? 'NONE';
  const section = $('assist');
  const changed = section.dataset.state !== state;
  section.dataset.state = state;
  const open = state === 'OPEN' || state === 'ACKNOWLEDGED';
  $('call-staff').disabled = open;
  $('assist-message').disabled = open;
  if (state === 'OPEN') show(t('app.assist.notified'));
  else if (state === 'ACKNOWLEDGED') show(t('app.assist.coming'));
  else if (state === 'RESOLVED' && changed && section.dataset.seen === 'yes') show(t('app.assist.resolved'));
  else $('assist-state').hidden = true;
  if (open) section.dataset.seen = 'yes';
  if (open) follow();
}

function follow() {
  clearTimeout(timer);
  timer = setTimeout(refreshAssist, POLL_MS);
}

function show(text) {
  const el = $('assist-state');
  el.textContent = text;
  el.hidden = false;
}

function assistPath(trip) {
  return `/api/v1/trips/${encodeURIComponent(trip.tripId)}/assistance`;
}
