// Texts in the page's language (rendered by the server into <template id="texts">) and Swedish money.

const texts = new Map(
  [...document.getElementById('texts').content.querySelectorAll('span')].map((el) => [
    el.dataset.key,
    el.textContent,
  ]),
);

/** The text for key with {0}, {1}… filled in. */
export function t(key, ...args) {
  return (texts.get(key) ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** Whether the page brought a text for key. */
export function hasText(key) {
  return texts.has(key);
}

/** A shopper-readable text for a problem+json code in the page's language, or null when there is none. */
export function problemText(code) {
  return code && texts.has(`app.problem.${code}`) ? texts.get(`app.problem.${code}`) : null;
}

const money = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kilos = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** Öre as Swedish kronor: 1795 → "17,95 kr" (plain spaces, so it reads and copies the same everywhere). */
export function sek(ore) {
  return `${money.format(ore / 100).replace(/[\u00a0\u202f]/g, ' ').replace('\u2212', '-')} kr`;
}

export function weight(grams) {
  return `${kilos.format(grams / 1000)} kg`;
}

/** A VAT rate in hundredths of a percent (600) as "6". */
export function rate(hundredths) {
  return String(hundredths / 100).replace('.', ',');
}
