// The shopper app for one store (/s/{storeId}): starts or resumes a trip, scans codes (with the camera, see
// ../camera-ui.js, or typed in), keeps scans made offline in IndexedDB and replays
// them with their scanId (the server adds nothing twice), pays with the test method, shows the receipt
// and the exit pass QR code. The server prices everything; this page only shows what it answers.

import * as db from './db.js';
import { json, call, NetworkError, Problem } from './api.js';
import { t, hasText, sek, weight, rate, problemText } from './format.js';
import { bindCameraUi } from '../camera-ui.js';
import { initAssist } from './assist.js';

const $ = (id) => document.getElementById(id);
const storeId = document.body.dataset.storeId;
const tripKey = `trip:${storeId}`;
let trip = null; // { tripId, token }
let cart = null;
let retryTimer = null;
let chain = Promise.resolve(); // scans are sent one at a time, in the order they were made
let camera = null;
let lastMethod = null; // the method of the last attempt, for "pay again" after the age check
let paymentPending = false; // a payment is waiting for the payer or the provider: no second one

const pendingKey = () => `pending:${trip.tripId}`;
const cartKey = () => `cart:${trip.tripId}`;
const attemptKey = () => `attempt:${trip.tripId}`;
const tripPath = (rest = '') => `/api/v1/trips/${encodeURIComponent(trip.tripId)}${rest}`;

// ---- start ---------------------------------------------------------------------------------------------

async function start() {
  bindUi();
  showNetworkState();
  registerServiceWorker();
  trip = (await db.get(tripKey)) ?? null;
  if (trip) {
    await resume();
  } else {
    await newTrip();
  }
  await renderPending();
  sync();
  initAssist(() => trip); // "call staff": its own module, following whichever trip is current
  $('app').dataset.state = 'ready';
}

async function resume() {
  try {
    const view = await json('GET', tripPath(), { token: trip.token });
    if (view.status === 'PAID') {
      await showReceipt();
      return;
    }
    if (view.status === 'EXPIRED') {
      await forgetTrip();
      await newTrip();
      announce(t('app.trip.expired'));
      return;
    }
    renderCart(view.cart);
    if (view.status === 'PAYING') pollPayment();
  } catch (e) {
    if (e instanceof NetworkError) {
      // offline: show the cart as last seen; scans queue until the network is back
      renderCart((await db.get(cartKey())) ?? null);
      return;
    }
    if (e instanceof Problem && [401, 403, 404].includes(e.status)) {
      await forgetTrip();
      await newTrip();
      return;
    }
    showError('scan-error', e);
  }
}

async function newTrip() {
  try {
    const started = await json('POST', '/api/v1/trips', { body: { storeId } });
    trip = { tripId: started.tripId, token: started.token };
    await db.put(tripKey, trip);
    setView('shopping');
    renderCart(started.cart);
  } catch (e) {
    if (e instanceof Problem && e.code === 'store_closed') {
      window.location.reload(); // the server renders the closed page with the store's message
      return;
    }
    showError('scan-error', e);
  }
}

async function forgetTrip() {
  if (trip) {
    await db.remove(pendingKey());
    await db.remove(cartKey());
    await db.remove(attemptKey());
  }
  await db.remove(tripKey);
  trip = null;
}

// ---- scanning -------------------------------------------------------------------------------------------

/** Adds a scanned or typed code: saved on the phone first, then sent. */
export async function addCode(raw, quantity, entry) {
  const code = raw.trim();
  if (!code) {
    showProblemText('scan-error', t('app.error.empty'));
    return;
  }
  if (!trip) return;
  hide('scan-error');
  const scan = { scanId: crypto.randomUUID(), code };
  if (quantity) scan.quantity = quantity;
  if (entry) scan.entry = entry; // typed in by hand: the server counts typed scale labels as an audit risk
  const queue = (await db.get(pendingKey())) ?? [];
  queue.push(scan);
  await db.put(pendingKey(), queue);
  await renderPending();
  await sync();
  const still = (await db.get(pendingKey())) ?? [];
  if (still.some((s) => s.scanId === scan.scanId)) announce(t('app.queued', code));
}

function sync() {
  chain = chain.then(sendPending).catch(() => {});
  return chain;
}

async function sendPending() {
  if (!trip) return;
  let sent = 0;
  for (;;) {
    const queue = (await db.get(pendingKey())) ?? [];
    if (queue.length === 0) break;
    const scan = queue[0];
    try {
      const answer = await json('POST', tripPath('/scans'), { token: trip.token, body: scan });
      await dropPending(scan.scanId);
      await cartChanged(answer.cart);
      announce(t('app.added', answer.line?.name ?? scan.code));
      sent += 1;
    } catch (e) {
      if (e instanceof NetworkError || (e instanceof Problem && e.transient)) {
        if (e instanceof NetworkError) setOffline(true);
        scheduleRetry();
        break;
      }
      // refused (unknown product, bad barcode, weight required…): drop it and say why
      await dropPending(scan.scanId);
      showError('scan-error', e);
      announce(problemText(e.code) ?? e.detail ?? t('app.error.generic'));
      if (e.code === 'trip_not_open') await resume();
    }
  }
  if (sent > 0) setOffline(false);
  await renderPending();
}

async function dropPending(scanId) {
  const queue = (await db.get(pendingKey())) ?? [];
  await db.put(
    pendingKey(),
    queue.filter((s) => s.scanId !== scanId),
  );
}

function scheduleRetry() {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    sync();
  }, 4000);
}

async function changeQuantity(line, quantity) {
  try {
    const changed =
      quantity <= 0
        ? await json('DELETE', tripPath(`/lines/${encodeURIComponent(line.lineId)}`), { token: trip.token })
        : await json('PATCH', tripPath(`/lines/${encodeURIComponent(line.lineId)}`), {
            token: trip.token,
            body: { quantity },
          });
    hide('scan-error');
    await cartChanged(changed);
    announce(quantity <= 0 ? t('app.removed', line.name) : `${line.name}: ${t('app.quantity')} ${quantity}`);
  } catch (e) {
    showError('scan-error', e);
  }
}

async function cartChanged(next) {
  // a changed cart means no payment is under way: the next checkout is a new attempt with a new key
  await db.remove(attemptKey());
  renderCart(next);
}

// ---- checkout -------------------------------------------------------------------------------------------

async function checkout(method) {
  if (!trip || !method) return;
  hide('checkout-error');
  let attempt = await db.get(attemptKey());
  if (!attempt || attempt.method !== method) {
    // the same key on every retry of this attempt, so it never pays twice
    attempt = { key: crypto.randomUUID(), method };
    await db.put(attemptKey(), attempt);
  }
  lastMethod = method;
  payButtons().forEach((button) => (button.disabled = true));
  $('retry-checkout').disabled = true;
  showState(t('app.paying'));
  try {
    const payment = await json('POST', tripPath('/checkout'), {
      token: trip.token,
      headers: { 'Idempotency-Key': attempt.key },
      body: { method },
    });
    await handlePayment(payment);
  } catch (e) {
    hide('checkout-state');
    if (e instanceof Problem && e.code === 'age_check_required') {
      setView('age');
      announce(`${t('app.age.heading')}. ${t('app.age.text')}`);
      $('age-heading').focus();
    } else if (e instanceof Problem && e.code === 'payment_in_progress') {
      pollPayment();
    } else if (e instanceof Problem && e.code === 'trip_not_open') {
      await resume();
    } else {
      if (e instanceof Problem && e.code === 'idempotency_key_reused') await db.remove(attemptKey());
      showError('checkout-error', e, t('app.error.network'));
    }
  } finally {
    $('retry-checkout').disabled = false;
    updateCheckoutButton();
  }
}

async function handlePayment(payment) {
  showSwish(payment.status === 'PENDING' ? payment.action : null);
  paymentPending = payment.status === 'PENDING';
  updateCheckoutButton();
  if (payment.status === 'PAID') {
    await db.remove(attemptKey());
    announce(t('app.paid'));
    await showReceipt();
  } else if (payment.status === 'PENDING') {
    showState(t(payment.action?.type === 'swish' ? 'app.swish.waiting' : 'app.payment.pending'));
    setTimeout(pollPayment, 1000);
  } else {
    await db.remove(attemptKey());
    hide('checkout-state');
    setView('shopping');
    showProblemText('checkout-error', t('app.declined', payment.reason ?? payment.status));
  }
}

async function pollPayment() {
  try {
    await handlePayment(await json('GET', tripPath('/payment'), { token: trip.token }));
  } catch (e) {
    if (e instanceof NetworkError || (e instanceof Problem && e.transient)) {
      setTimeout(pollPayment, 3000);
    } else {
      showError('checkout-error', e);
    }
  }
}

// ---- receipt and exit pass ------------------------------------------------------------------------------

async function showReceipt() {
  setView('receipt');
  try {
    const receipt = await json('GET', tripPath('/receipt'), { token: trip.token });
    renderReceipt(receipt);
  } catch (e) {
    showProblemText('receipt-number', e.detail ?? t('app.error.network'));
  }
  await loadExitPass();
  $('receipt-heading').focus();
}

function renderReceipt(receipt) {
  $('receipt').dataset.receiptId = receipt.receiptId;
  $('receipt-number').textContent = `${t('app.receipt.number', receipt.number)} · ${receipt.storeName} · ${new Date(
    receipt.issuedAt,
  ).toLocaleString(document.documentElement.lang || 'sv')}`;
  const list = $('receipt-lines');
  list.replaceChildren();
  for (const line of receipt.lines) {
    list.append(lineItem(line.name, quantityText(line), sek(line.amount)));
  }
  for (const d of receipt.discounts ?? []) {
    list.append(lineItem(d.description, '', `-${sek(d.amount)}`));
  }
  if (receipt.depositTotal > 0) list.append(lineItem(t('app.deposit'), '', sek(receipt.depositTotal)));
  $('receipt-total').textContent = sek(receipt.total);
  renderVat($('receipt-vat'), receipt.vat);
}

async function loadExitPass() {
  const box = $('exit-qr');
  try {
    const response = await call('GET', tripPath('/exit-pass.svg'), {
      token: trip.token,
      headers: { Accept: 'image/svg+xml, application/problem+json' },
    });
    const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
    svg.setAttribute('aria-label', t('app.pass.label'));
    box.replaceChildren(document.importNode(svg, true));
    box.dataset.token = response.headers.get('X-Exit-Pass-Token') ?? '';
    const expires = response.headers.get('X-Exit-Pass-Expires');
    $('pass-expires').textContent = expires
      ? t('app.pass.expires', new Date(expires).toLocaleTimeString(document.documentElement.lang || 'sv'))
      : '';
  } catch (e) {
    box.replaceChildren();
    $('pass-expires').textContent = e.detail ?? t('app.error.network');
  }
}

// ---- rendering ------------------------------------------------------------------------------------------

function renderCart(next) {
  cart = next;
  if (trip && next) db.put(cartKey(), next).catch(() => {});
  const lines = next?.lines ?? [];
  const list = $('lines');
  list.replaceChildren(...lines.map(cartLine));
  $('cart-empty').hidden = lines.length > 0;
  const discounts = next?.discounts ?? [];
  $('discounts-block').hidden = discounts.length === 0;
  $('discounts').replaceChildren(
    ...discounts.map((d) => {
      const li = document.createElement('li');
      li.append(span('description', d.description), span('amount', `-${sek(d.amount)}`));
      return li;
    }),
  );
  $('deposit-row').hidden = !(next?.depositTotal > 0);
  $('deposit-total').textContent = sek(next?.depositTotal ?? 0);
  $('total').textContent = sek(next?.total ?? 0);
  $('vat-table').hidden = !(next?.vat?.length > 0);
  renderVat($('vat'), next?.vat ?? []);
  updateCheckoutButton();
}

function cartLine(line) {
  const li = lineItem(line.name, quantityText(line), sek(line.amount));
  li.dataset.lineId = line.lineId;
  li.dataset.quantity = String(line.quantity);
  const controls = document.createElement('div');
  controls.className = 'controls';
  if (line.weightGrams == null) {
    controls.append(
      button('−', t('app.decrease', line.name), 'decrease', () => changeQuantity(line, line.quantity - 1)),
      span('qty', String(line.quantity)),
      button('+', t('app.increase', line.name), 'increase', () => changeQuantity(line, line.quantity + 1)),
    );
  }
  const remove = button(t('app.remove', '').trim(), t('app.remove', line.name), 'remove', () => changeQuantity(line, 0));
  controls.append(remove);
  li.append(controls);
  return li;
}

function quantityText(line) {
  if (line.weightGrams != null) return `${weight(line.weightGrams)} × ${sek(line.unitPrice)}/kg`;
  const parts = [`${line.quantity} × ${sek(line.unitPrice)}`];
  if (line.deposit > 0) parts.push(`${t('app.deposit')} ${sek(line.deposit)}`);
  return parts.join(' · ');
}

function lineItem(name, detail, amount) {
  const li = document.createElement('li');
  li.append(span('name', name), span('amount', amount));
  if (detail) li.append(span('detail', detail));
  return li;
}

function renderVat(tbody, vat) {
  tbody.replaceChildren(
    ...vat.map((v) => {
      const tr = document.createElement('tr');
      tr.append(cell(`${rate(v.rate)} %`), cell(sek(v.net), 'num'), cell(sek(v.vat), 'num'), cell(sek(v.gross), 'num'));
      return tr;
    }),
  );
}

async function renderPending() {
  const queue = trip ? ((await db.get(pendingKey())) ?? []) : [];
  $('pending').replaceChildren(
    ...queue.map((scan) => {
      const li = lineItem(scan.code, t('app.pending'), '…');
      li.className = 'pending';
      li.dataset.scanId = scan.scanId;
      return li;
    }),
  );
  $('pending').dataset.count = String(queue.length);
  if (queue.length > 0) $('cart-empty').hidden = true;
  updateCheckoutButton();
}

function payButtons() {
  return [...document.querySelectorAll('#pay-buttons button.pay')];
}

function updateCheckoutButton() {
  const pending = Number($('pending').dataset.count ?? '0');
  const lines = cart?.lines?.length ?? 0;
  for (const button of payButtons()) {
    const key = `app.pay.${button.dataset.method}`;
    button.textContent = t(hasText(key) ? key : 'app.pay', sek(cart?.total ?? 0));
    button.disabled = lines === 0 || pending > 0 || paymentPending;
  }
}

/** The Swish step of a PENDING Swish payment: open the Swish app, which comes back to this very page. */
function showSwish(action) {
  const swish = action?.type === 'swish' ? action : null;
  $('swish').hidden = !swish;
  if (!swish) return;
  $('swish-open').href = swish.swishToken
    ? `swish://paymentrequest?token=${encodeURIComponent(swish.swishToken)}` +
      `&callbackurl=${encodeURIComponent(window.location.href)}`
    : swish.swishUrl;
}

function setView(view) {
  $('shopping').hidden = view === 'receipt';
  $('age-check').hidden = view !== 'age';
  $('receipt').hidden = view !== 'receipt';
  $('app').dataset.view = view;
  if (view === 'receipt') camera?.stop();
}

function showState(text) {
  const el = $('checkout-state');
  el.textContent = text;
  el.hidden = false;
}

function showError(id, e, networkText = t('app.error.network')) {
  if (e instanceof NetworkError) {
    setOffline(true);
    showProblemText(id, networkText);
  } else {
    showProblemText(id, problemText(e?.code) ?? e?.detail ?? t('app.error.generic'));
  }
}

function showProblemText(id, text) {
  const el = $(id);
  el.textContent = text;
  el.hidden = false;
}

function hide(id) {
  $(id).hidden = true;
}

function announce(text) {
  const el = $('announcer');
  el.textContent = '';
  // a fresh text node after a tick, so screen readers announce the same text twice in a row too
  setTimeout(() => {
    el.textContent = text;
  }, 50);
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(text, label, className, action) {
  const el = document.createElement('button');
  el.type = 'button';
  el.textContent = text;
  el.className = className;
  el.setAttribute('aria-label', label);
  el.addEventListener('click', action);
  return el;
}

// ---- network and wiring ---------------------------------------------------------------------------------

function setOffline(offline) {
  $('network-state').hidden = !offline;
  document.body.dataset.network = offline ? 'offline' : 'online';
}

function showNetworkState() {
  setOffline(!navigator.onLine);
}

function bindUi() {
  $('manual-entry').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('code');
    const code = input.value;
    input.value = '';
    addCode(code, undefined, 'MANUAL');
    input.focus();
  });
  camera = bindCameraUi({
    text: (key, code) => t(`app.camera.${key}`, code),
    onCode: (code) => addCode(code),
    memory: `skanna:last-code:${storeId}`,
    active: () => !$('shopping').hidden,
  });
  payButtons().forEach((button) => button.addEventListener('click', () => checkout(button.dataset.method)));
  $('retry-checkout').addEventListener('click', () => checkout(lastMethod ?? payButtons()[0]?.dataset.method));
  $('refresh-pass').addEventListener('click', loadExitPass);
  $('new-trip').addEventListener('click', async () => {
    await forgetTrip();
    await newTrip();
    await renderPending();
    $('code').focus();
  });
  $('receipt-heading').tabIndex = -1;
  $('age-heading').tabIndex = -1;
  window.addEventListener('online', async () => {
    setOffline(false);
    if (!trip) await newTrip(); // opened without network: the trip starts now
    sync().then(() => {
      if (Number($('pending').dataset.count ?? '0') === 0) announce(t('app.synced'));
    });
  });
  window.addEventListener('offline', () => setOffline(true));
}

function registerServiceWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/shopper-sw.js', { scope: '/s/' }).catch(() => {});
  }
}

start();
