// The store's offline product snapshot (GET /api/v1/stores/{id}/offline-catalog), kept in IndexedDB and
// refreshed with deltas, so a scan made without network shows a name and an estimated price at once. The
// server stays the price authority: every estimate is marked as such until the server has priced the scan.

import * as db from './db.js';

const REFRESH_MS = 5 * 60 * 1000;
let storeId = null;
let current = null; // { version, generatedAt, freshUntil, products: {gtin: [..row]}, fields, offers, layouts }
let timer = null;

/** Loads the copy on the phone, then refreshes it from the server in the background (and every few minutes). */
export async function initSnapshot(id) {
  storeId = id;
  current = (await db.get(key())) ?? null;
  mark();
  refresh();
}

/** Whether the copy on the phone is past its freshUntil (or missing). */
export function isStale() {
  return !current || Date.parse(current.freshUntil) < Date.now();
}

/** When the copy on the phone was made, or null. */
export function madeAt() {
  return current ? new Date(current.generatedAt) : null;
}

export async function refresh() {
  clearTimeout(timer);
  timer = setTimeout(refresh, REFRESH_MS);
  const path = `/api/v1/stores/${encodeURIComponent(storeId)}/offline-catalog`;
  const headers = { Accept: 'application/json' };
  let url = path;
  if (current) {
    headers['If-None-Match'] = `W/"${current.version}"`;
    url += `?since=${encodeURIComponent(current.generatedAt)}`;
  }
  try {
    const response = await fetch(url, { headers, cache: 'no-store', credentials: 'omit' });
    if (response.status === 304) {
      current.freshUntil = new Date(Date.now() + (Date.parse(current.freshUntil) - Date.parse(current.generatedAt))).toISOString();
      await db.put(key(), current);
      return;
    }
    if (!response.ok) return;
    const answer = await response.json();
    const index = answer.fields.indexOf('gtin');
    const products = answer.since && current ? { ...current.products } : {};
    for (const row of answer.products) products[row[index]] = row;
    current = {
      version: answer.version,
      generatedAt: answer.generatedAt,
      // fresh for as long from now as the server says (its answer may have been built a while ago)
      freshUntil: new Date(Date.now() + (Date.parse(answer.freshUntil) - Date.parse(answer.generatedAt))).toISOString(),
      fields: answer.fields,
      offers: answer.offers,
      layouts: answer.layouts,
      products,
    };
    await db.put(key(), current);
    mark();
  } catch {
    // offline: the copy on the phone stays, marked stale once past freshUntil
  }
}

/**
 * What the copy on the phone says a scanned code is: {gtin, name, unitPrice, amount, deposit, ageLimit,
 * weightGrams}, amount null when it cannot be known (a kilo product scanned by its bare number), or null
 * when the code is not in the snapshot or cannot be read here.
 */
export function estimate(code, quantity = 1) {
  if (!current) return null;
  const read = readCode(code.trim(), current.layouts ?? []);
  if (!read) return null;
  const row = current.products[read.gtin];
  if (!row) return null;
  const field = (name) => row[current.fields.indexOf(name)];
  const unitPrice = field('price');
  const deposit = field('deposit') ?? 0;
  let amount = null;
  if (read.price != null && read.price > 0) amount = read.price;
  else if (field('unit') === 'EACH') amount = unitPrice * quantity;
  else if (read.grams != null && read.grams > 0) amount = Math.floor((unitPrice * read.grams + 500) / 1000);
  return {
    gtin: read.gtin,
    name: field('name'),
    unitPrice,
    amount,
    deposit: deposit * (field('unit') === 'EACH' ? quantity : 1),
    ageLimit: field('ageLimit'),
    weightGrams: read.grams ?? null,
    labelPrice: read.price ?? null,
  };
}

/** The offers of the copy on the phone that name this GTIN. */
export function offersFor(gtin) {
  return (current?.offers ?? []).filter((offer) => offer.gtins.includes(gtin));
}

/** The version on the phone, on the page for tests and support: <body data-snapshot="…">. */
function mark() {
  if (current) document.body.dataset.snapshot = current.version;
}

function key() {
  return `snapshot:${storeId}`;
}

// ---- reading a code as the server does, for the common cases (GTIN, in-store labels, Digital Link) ----

function checkDigit(body) {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) sum += Number(body[i]) * weight;
  return String((10 - (sum % 10)) % 10);
}

function validGtin(digits) {
  return checkDigit(digits.slice(0, -1)) === digits.slice(-1);
}

function readCode(code, layouts) {
  const link = /\/01\/(\d{14})(?:[/?#]|$)/.exec(code);
  if (link) return validGtin(link[1]) ? { gtin: link[1] } : null;
  if (!/^\d+$/.test(code) || ![8, 12, 13, 14].includes(code.length) || !validGtin(code)) return null;
  const ean13 = code.length === 12 ? `0${code}` : code;
  if (ean13.length === 13) {
    const layout = layouts.find((l) => ean13.startsWith(l.prefix));
    if (layout) return readLabel(ean13, layout);
  }
  return { gtin: code.padStart(14, '0') };
}

function readLabel(ean13, layout) {
  const digits = ean13.slice(0, 12).split('');
  const raw = Number(ean13.slice(layout.valueStart, layout.valueStart + layout.valueLength));
  for (let i = layout.valueStart; i < layout.valueStart + layout.valueLength; i += 1) digits[i] = '0';
  if (layout.priceCheckDigitIndex >= 0) digits[layout.priceCheckDigitIndex] = '0';
  const body = digits.join('');
  const gtin = `${body}${checkDigit(body)}`.padStart(14, '0');
  const scale = (layout.measure === 'PRICE' ? 2 : 3) - layout.decimals;
  const value = Math.round(raw * 10 ** scale);
  return layout.measure === 'PRICE' ? { gtin, price: value } : { gtin, grams: value };
}
