// The shopper app for one store (/s/{storeId}): starts or resumes a trip, scans codes (with the camera, see
// ../camera-ui.js, or typed in), keeps scans made offline in IndexedDB and replays
// them with their scanId (the server adds nothing twice), pays with the test method, shows the receipt
// and the exit pass QR code. The server prices everything; this page only shows what it answers.

import * as db from './db.js';
import { json, call, NetworkError, Problem } from './api.js';
import { t, hasText, sek, weight, rate, problemText } from './format.js';
import { bindCameraUi } from '../camera-ui.js';
import { initAssist } from './assist.js';
import { initSnapshot, estimate, isStale, madeAt } from './snapshot.js';

const $ = (id) => document.getElementById(id);
const storeId = document.body.dataset.storeId;
let storeStatus = document.body.dataset.storeStatus ?? 'OPEN';
const tripKey = `trip:${storeId}`;
let trip = null; // { tripId, token }
let cart = null;
let retryTimer = null;
let chain = Promise.resolve(); // scans are sent one at a time, in the order they were made
let camera = null;
let lastMethod = null; // the method of the last attempt, for "pay again" after the age check
let paymentPending = false; // a payment is waiting for the payer or the provider: no second one
let ageTimer = null; // while the age check waits: tries the payment again by itself

const pendingKey = () => `pending:${trip.tripId}`;
const cartKey = () => `cart:${trip.tripId}`;
const attemptKey = () => `attempt:${trip.tripId}`;
const tripPath = (rest = '') => `/api/v1/trips/${encodeURIComponent(trip.tripId)}${rest}`;

// ---- start ---------------------------------------------------------------------------------------------

async function start() {
  bindUi();
  showNetworkState();
  registerServiceWorker();
  await initSnapshot(storeId);
  trip = (await db.get(tripKey)) ?? null;
  if (trip) {
    await resume();
  } else if (storeStatus === 'CLOSED') {
    setView('closed');
  } else {
    await newTrip();
  }
  await renderPending();
  sync();
  followStore();
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
    if (storeStatus === 'CLOSED' && view.status !== 'PAYING') {
      setView('closed');
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
    startClean();
    setView('shopping');
    renderCart(started.cart);
  } catch (e) {
    if (e instanceof Problem && e.code === 'store_closed') {
      storeChanged({ status: 'CLOSED' });
      setView('closed');
      return;
    }
    if (e instanceof Problem && e.status === 429) {
      // too many trips started from here just now: say how long, and start by itself then
      const wait = e.retryAfter ?? 10;
      showProblemText('scan-error', t('app.trip.wait', wait));
      setTimeout(() => {
        if (!trip) newTrip();
      }, wait * 1000);
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
  // what the phone's copy of the catalog says, shown until the server answers; never sent
  const guess = estimate(code, quantity ?? 1);
  if (guess) scan.estimate = guess;
  const queue = (await db.get(pendingKey())) ?? [];
  queue.push(scan);
  await db.put(pendingKey(), queue);
  await renderPending();
  await sync();
  const still = (await db.get(pendingKey())) ?? [];
  if (still.some((s) => s.scanId === scan.scanId)) {
    const name = scan.estimate?.name ?? code;
    announce(t('app.queued', name));
    showFeedback(t('app.queued', name), scan.estimate?.amount != null ? `≈ ${sek(scan.estimate.amount)}` : '', 'queued');
    clearField(code);
  }
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
      const body = { scanId: scan.scanId, code: scan.code };
      if (scan.quantity) body.quantity = scan.quantity;
      if (scan.entry) body.entry = scan.entry;
      const answer = await json('POST', tripPath('/scans'), { token: trip.token, body });
      await dropPending(scan.scanId);
      await cartChanged(answer.cart);
      const name = answer.line?.name ?? scan.code;
      announce(t('app.added', name));
      showFeedback(t('app.added', name), answer.line ? sek(lineAmountOfScan(answer.line, scan)) : '', 'added');
      if (scan.estimate && answer.line && scan.estimate.unitPrice !== answer.line.unitPrice) {
        priceChanged(name, scan.estimate.unitPrice, answer.line.unitPrice);
      }
      clearField(scan.code);
      showLine(answer.line?.lineId);
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
      hide('scan-feedback');
      keepInField(scan.code);
      announce(problemText(e.code) ?? t('app.error.generic'));
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

async function checkout(method, { quiet = false } = {}) {
  if (!trip || !method) return;
  hide('checkout-error');
  clearTimeout(ageTimer);
  let attempt = await db.get(attemptKey());
  if (!attempt || attempt.method !== method) {
    // the same key on every retry of this attempt, so it never pays twice
    attempt = { key: crypto.randomUUID(), method };
    await db.put(attemptKey(), attempt);
  }
  lastMethod = method;
  payButtons().forEach((button) => (button.disabled = true));
  $('retry-checkout').disabled = true;
  if (!quiet) showState(t('app.paying'));
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
      const already = !$('age-check').hidden;
      setView('age');
      if (already) {
        // "pay again" before staff have approved: say that it still waits, and keep trying by itself
        if (!quiet) {
          showAgeState(t('app.age.waiting'));
          announce(t('app.age.waiting'));
        }
      } else {
        showAgeState(t('app.age.pending'));
        announce(`${t('app.age.heading')}. ${t('app.age.text')}`);
        $('age-heading').focus();
      }
      ageTimer = setTimeout(() => checkout(method, { quiet: true }), 3000);
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
  $('cancel-payment').hidden = !paymentPending;
  updateCheckoutButton();
  if (payment.status === 'PAID') {
    await db.remove(attemptKey());
    announce(t('app.paid'));
    await showReceipt();
  } else if (payment.status === 'PENDING') {
    if (!$('age-check').hidden) {
      setView('shopping');
      announce(t('app.age.approved'));
    }
    showState(t(payment.action?.type === 'swish' ? 'app.swish.waiting' : 'app.payment.pending'));
    setTimeout(pollPayment, 1000);
  } else {
    await db.remove(attemptKey());
    hide('checkout-state');
    setView('shopping');
    if (payment.status === 'CANCELLED') showProblemText('checkout-error', t('app.payment.cancelled'));
    else showProblemText('checkout-error', t('app.declined', declineText(payment)));
  }
}

/** The shopper calls a payment that does not confirm off (at the provider too, where it allows). */
async function cancelPayment() {
  $('cancel-payment').disabled = true;
  try {
    await handlePayment(await json('POST', tripPath('/payment/cancel'), { token: trip.token }));
  } catch (e) {
    showError('checkout-error', e);
  } finally {
    $('cancel-payment').disabled = false;
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

/**
 * A provider's decline reason in the shopper's language: mapped from the provider's error code where the
 * reason carries one (Swish: RF07 declined, BANKIDCL cancelled by the payer, TM01 timed out), else from the
 * payment's status; never the provider's own (English) words.
 */
const DECLINE_CODES = { RF07: 'declined', BANKIDCL: 'cancelled', TM01: 'timeout' };

function declineText(payment) {
  const code = Object.keys(DECLINE_CODES).find((c) => new RegExp(`\\b${c}\\b`).test(payment.reason ?? ''));
  const key = `app.declined.${code ? DECLINE_CODES[code] : String(payment.status ?? '').toLowerCase()}`;
  return hasText(key) ? t(key) : t('app.declined.other');
}

// ---- receipt and exit pass ------------------------------------------------------------------------------

async function showReceipt() {
  setView('receipt');
  clearTimeout(ageTimer);
  try {
    const receipt = await json('GET', tripPath('/receipt'), { token: trip.token });
    renderReceipt(receipt);
  } catch (e) {
    showProblemText('receipt-number', e instanceof Problem ? t('app.error.generic') : t('app.error.network'));
  }
  await loadExitPass();
  $('paid-heading').focus();
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
    // no pass to show (expired, already used, a refunded trip…): say so in the shopper's language
    $('pass-expires').textContent =
      e instanceof Problem ? (problemText(e.code) ?? t('app.pass.unavailable')) : t('app.error.network');
  }
}

// ---- rendering ------------------------------------------------------------------------------------------

function renderCart(next) {
  cart = next;
  showTripCode();
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
  if (line.ageLimit) li.querySelector('.name').append(ageBadge(line.ageLimit));
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
  // a price label carries its own price: the kilo price next to it would only mislead
  const labelled = line.quantity === 1 && line.amount !== line.unitPrice && line.amount > 0;
  const parts = [labelled ? t('app.label.price') : `${line.quantity} × ${sek(line.unitPrice)}`];
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
  let estimated = 0;
  let known = true;
  $('pending').replaceChildren(
    ...queue.map((scan) => {
      const guess = scan.estimate ?? estimate(scan.code, scan.quantity ?? 1);
      const li = guess
        ? lineItem(guess.name, `${t('app.estimated')} · ${t('app.pending')}`, guess.amount != null ? `≈ ${sek(guess.amount)}` : '…')
        : lineItem(scan.code, t('app.pending'), '…');
      if (guess?.ageLimit) li.querySelector('.name').append(ageBadge(guess.ageLimit));
      li.className = 'pending';
      li.dataset.scanId = scan.scanId;
      if (guess?.amount != null) {
        li.dataset.estimate = String(guess.amount);
        estimated += guess.amount + (guess.deposit ?? 0);
      } else {
        known = false;
      }
      return li;
    }),
  );
  $('pending').dataset.count = String(queue.length);
  if (queue.length > 0) $('cart-empty').hidden = true;
  $('estimate-row').hidden = queue.length === 0;
  $('estimated-total').textContent = `≈ ${sek((cart?.total ?? 0) + estimated)}${known ? '' : ' +'}`;
  const stale = queue.length > 0 && isStale();
  $('snapshot-state').hidden = !stale;
  if (stale) {
    const made = madeAt();
    $('snapshot-state').textContent = made
      ? t('app.snapshot.stale', made.toLocaleString(document.documentElement.lang || 'sv'))
      : t('app.snapshot.missing');
  }
  updateCheckoutButton();
}

function ageBadge(limit) {
  const badge = span('age-badge', `${limit}+`);
  badge.title = t('app.age.badge', limit);
  badge.setAttribute('aria-label', t('app.age.badge', limit));
  return badge;
}

/** The amount the scanned piece added: a line's amount for a piece of its own, the unit price otherwise. */
function lineAmountOfScan(line, scan) {
  if (line.weightGrams != null || line.quantity === 1) return line.amount;
  return line.unitPrice * (scan.quantity ?? 1);
}

/** The visible "added" next to the scan field: what was scanned and what it costs. */
function showFeedback(text, price, kind) {
  const el = $('scan-feedback');
  el.replaceChildren(span('what', text), span('price', price));
  el.dataset.kind = kind;
  el.hidden = false;
}

function priceChanged(name, estimated, real) {
  const text = t('app.price.changed', name, sek(real), sek(estimated));
  showProblemText('price-notice', text);
  announce(text);
}

/** Scrolls the line just changed into view and marks it for a moment. */
function showLine(lineId) {
  if (!lineId) return;
  const li = [...$('lines').children].find((el) => el.dataset.lineId === lineId);
  if (!li) return;
  li.classList.add('changed');
  li.scrollIntoView({ block: 'nearest' });
  setTimeout(() => li.classList.remove('changed'), 2000);
}

/** Empties the code field once its code is in, unless the shopper has already typed the next one. */
function clearField(code) {
  const input = $('code');
  if (input.value.trim() === code.trim()) input.value = '';
}

/** A refused code stays in the field (or comes back to it), so "check the digits" points at the digits. */
function keepInField(code) {
  const input = $('code');
  if (input.value.trim() === '' || input.value.trim() === code.trim()) {
    input.value = code;
    input.setAttribute('aria-invalid', 'true');
  }
}

function showAgeState(text) {
  const el = $('age-state');
  el.textContent = text;
  el.hidden = false;
}

/** Everything a finished trip left on screen goes, so a new trip starts clean. */
function startClean() {
  clearTimeout(ageTimer);
  paymentPending = false;
  lastMethod = null;
  for (const id of ['checkout-error', 'checkout-state', 'scan-error', 'scan-feedback', 'price-notice', 'age-state', 'swish', 'cancel-payment']) {
    hide(id);
  }
  $('code').value = '';
  $('code').removeAttribute('aria-invalid');
  camera?.stop();
  for (const id of ['camera-state']) {
    const el = document.getElementById(id);
    if (el) el.textContent = '';
  }
  document.dispatchEvent(new CustomEvent('skanna:new-trip'));
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

/** The trip's short code, as staff see it in their lists (se.skanna.trip.TripCodes derives it the same way). */
function tripCode(tripId) {
  return String(tripId ?? '')
    .replace(/^t-/, '')
    .replace(/-/g, '')
    .slice(0, 5)
    .toUpperCase();
}

function showTripCode() {
  const code = trip ? tripCode(trip.tripId) : '';
  document.querySelectorAll('.trip-code-value').forEach((el) => (el.textContent = code));
  document.querySelectorAll('.trip-code').forEach((el) => (el.hidden = !code));
}

function setView(view) {
  showTripCode();
  $('shopping').hidden = view === 'receipt' || view === 'closed';
  $('age-check').hidden = view !== 'age';
  $('receipt').hidden = view !== 'receipt';
  $('closed-view').hidden = view !== 'closed';
  $('assist').hidden = view === 'closed';
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
    showProblemText(id, problemText(e?.code) ?? t('app.error.generic'));
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

// ---- the store's status ---------------------------------------------------------------------------------

/** Follows the store's status live (server-sent events for this store), so a change shows within seconds. */
function followStore() {
  json('GET', `/api/v1/stores/${encodeURIComponent(storeId)}`)
    .then((store) => {
      if (store.status !== storeStatus) storeChanged(store);
    })
    .catch(() => {});
  if ('EventSource' in window) listenForStoreStatus();
}

function listenForStoreStatus() {
  const events = new EventSource(`/stores/events?storeId=${encodeURIComponent(storeId)}`);
  events.addEventListener('store', (event) => {
    try {
      const store = JSON.parse(event.data);
      if (store.id === storeId) storeChanged(store);
    } catch {
      // not ours to read
    }
  });
  // a refused stream (503: the node or this address has too many) is not retried by the browser: try later
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED) setTimeout(listenForStoreStatus, 20000 + Math.random() * 20000);
  });
}

function storeChanged(store) {
  storeStatus = store.status;
  document.body.dataset.storeStatus = store.status;
  const banner = $('store-status');
  const message = store.message ? ` ${store.message}` : '';
  if (store.status === 'CLOSED') {
    banner.textContent = t('app.store.closed') + message;
  } else if (store.status === 'APP_ONLY') {
    banner.textContent = t('app.store.appOnly') + message;
  } else {
    banner.textContent = t('app.store.open');
  }
  banner.hidden = false;
  banner.dataset.status = store.status;
  if (store.status === 'CLOSED' && $('receipt').hidden && !paymentPending) {
    if (!trip) setView('closed');
  }
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
    input.removeAttribute('aria-invalid');
    addCode(input.value, undefined, 'MANUAL');
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
  $('cancel-payment').addEventListener('click', cancelPayment);
  $('new-trip').addEventListener('click', async () => {
    await forgetTrip();
    await newTrip();
    await renderPending();
    $('code').focus();
  });
  $('receipt-heading').tabIndex = -1;
  $('paid-heading').tabIndex = -1;
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
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/shopper-sw.js', { scope: '/s/' })
    .then((registration) => {
      // a new version installed since the last open takes over now: this page keeps the modules it loaded
      registration.waiting?.postMessage({ type: 'take-over' });
      return navigator.serviceWorker.ready;
    })
    .then((registration) => {
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data?.type === 'page-kept') document.body.dataset.shell = 'kept';
      });
      registration.active?.postMessage({ type: 'keep-page', url: window.location.pathname });
    })
    .catch(() => {});
}

start();
