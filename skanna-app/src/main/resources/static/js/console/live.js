// Live console pages (the exit console's store page, the open trips): every few seconds the page fetches itself
// again and swaps in each part marked data-live (by id) that changed; what staff type elsewhere on the page is
// left alone. The page says whether it is live: signed out (the login page, 401 or 403 instead of the page) shows a
// banner with a sign-in link that comes back here, and stops refreshing; no network or a failing server shows
// "no connection" and keeps trying. An optional short beep (WebAudio, off by default, remembered in localStorage)
// sounds when a new call for staff or age check arrives. Without JavaScript the page is the same, not live.
// Where the page names an event stream (data-events-url: server-sent events from any node, see
// console.FloorEventStream), a new call or age check makes it re-read at once instead of at the next tick.

const EVERY_MS = 5000;
const SOUND_KEY = 'skanna:console-sound';

const main = document.querySelector('main[data-live-url]');
const banner = document.getElementById('live-banner');
const state = document.getElementById('live-state');
const toggle = document.getElementById('sound-toggle');
let seen = alertKeys(document);
let audio = null;
let timer = null;
let events = null;

/** The next re-read in {@code ms}; an earlier one replaces a later one already planned. */
function schedule(ms) {
  clearTimeout(timer);
  timer = setTimeout(refresh, ms);
}

function alertKeys(root) {
  return new Set([...root.querySelectorAll('[data-alert-key]')].map((el) => el.dataset.alertKey));
}

function show(which) {
  // which: 'live', 'signed-out', 'offline'
  banner.hidden = which === 'live';
  document.getElementById('live-signed-out').hidden = which !== 'signed-out';
  document.getElementById('live-offline').hidden = which !== 'offline';
  banner.dataset.state = which;
  state.hidden = which !== 'live';
  document.body.classList.toggle('not-live', which !== 'live');
  // signed out: the header no longer claims a signed-in account
  document.querySelectorAll('.masthead .who, .masthead form.logout').forEach((el) => {
    el.hidden = which === 'signed-out';
  });
}

function beep() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = 880;
    const now = audio.currentTime;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.3, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
    tone.connect(gain).connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.4);
  } catch {
    // no WebAudio: the list still shows the new row
  }
  toggle.dataset.beeps = String(Number(toggle.dataset.beeps ?? '0') + 1);
}

function soundOn() {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function showSound() {
  const on = soundOn();
  toggle.setAttribute('aria-pressed', String(on));
  toggle.textContent = on ? toggle.dataset.textOn : toggle.dataset.textOff;
}

/** The element that had focus, as something findable again in the new part: its id, or its row and class. */
function focusMark() {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const row = active.closest('[data-trip-id],[data-request-id]');
  return { id: active.id, row: row?.dataset.requestId ?? row?.dataset.tripId, className: active.className };
}

function refocus(mark) {
  if (!mark) return;
  let target = mark.id ? document.getElementById(mark.id) : null;
  if (!target && mark.row) {
    const row = document.querySelector(`[data-request-id="${CSS.escape(mark.row)}"],[data-trip-id="${CSS.escape(mark.row)}"]`);
    target = row?.querySelector(mark.className ? `.${mark.className.trim().split(/\s+/).map(CSS.escape).join('.')}` : 'button');
  }
  target?.focus();
}

function stamp() {
  document.getElementById('live-time').textContent = new Date().toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

function swap(page) {
  const mark = focusMark();
  let focusLost = false;
  for (const shown of document.querySelectorAll('[data-live]')) {
    const fresh = page.getElementById(shown.id);
    if (fresh && fresh.innerHTML !== shown.innerHTML) {
      focusLost ||= shown.contains(document.activeElement);
      shown.replaceWith(document.importNode(fresh, true));
    }
  }
  if (focusLost) refocus(mark);
  const now = alertKeys(document);
  const arrived = [...now].some((key) => !seen.has(key));
  seen = now;
  if (arrived && soundOn()) beep();
  stamp();
}

async function refresh() {
  try {
    const response = await fetch(main.dataset.liveUrl, {
      headers: { Accept: 'text/html' },
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'manual', // the page itself never redirects: a redirect is to the login page
    });
    if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
      show('signed-out');
      events?.close();
      return; // not live any more: the banner's link signs in again and comes back here
    }
    if (!response.ok) {
      show('offline');
    } else {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (!page.querySelector('main[data-live-url]')) {
        show('signed-out'); // some other page (a login form served without a redirect)
        events?.close();
        return;
      }
      swap(page);
      show('live');
    }
  } catch {
    show('offline'); // no network: try again on the next tick
  }
  schedule(EVERY_MS);
}

function listen() {
  if (!main.dataset.eventsUrl || !('EventSource' in window)) return;
  events = new EventSource(main.dataset.eventsUrl);
  // says on the page whether pushes arrive (the stream's first event is "ready")
  events.addEventListener('ready', () => {
    main.dataset.events = 'open';
  });
  events.addEventListener('error', () => {
    main.dataset.events = 'closed';
  });
  // a burst of changes (a call taken, then resolved) makes one re-read
  events.addEventListener('floor', () => schedule(150));
}

if (main && banner) {
  state.hidden = false;
  stamp();
  if (toggle) {
    toggle.hidden = false;
    showSound();
    toggle.addEventListener('click', () => {
      try {
        localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on');
      } catch {
        // private mode without storage: the sound stays off
      }
      showSound();
      if (soundOn()) {
        audio ??= new AudioContext(); // created on a click, so the browser lets it play later
        audio.resume?.();
      }
    });
  }
  schedule(EVERY_MS);
  listen();
}
