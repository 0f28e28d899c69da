// Times and money as people read them, in Swedish local time (the same rules as se.skanna.web.HumanFormat):
// "14:05" today, "i går 22:10" / "yesterday 22:10", "28 nov 09:00", "3 jan 2025 09:00"; öre as "17,95 kr"
// and "−12,50 kr", never "−0,00 kr".

const ZONE = 'Europe/Stockholm';

function parts(date, options, lang) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { timeZone: ZONE, ...options }).format(date);
}

function swedishDay(date) {
  return parts(date, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'sv');
}

/** An instant (Date or ISO text) in the page's language; '' for nothing or junk. */
export function humanTime(value, lang = document.documentElement.lang || 'sv', now = new Date()) {
  const date = value instanceof Date ? value : new Date(value ?? NaN);
  if (Number.isNaN(date.getTime())) return '';
  const clock = parts(date, { hour: '2-digit', minute: '2-digit', hour12: false }, lang);
  const day = swedishDay(date);
  if (day === swedishDay(now)) return clock;
  if (day === swedishDay(new Date(now.getTime() - 86_400_000))) return `${lang === 'en' ? 'yesterday' : 'i går'} ${clock}`;
  const sameYear = parts(date, { year: 'numeric' }, 'sv') === parts(now, { year: 'numeric' }, 'sv');
  const dayMonth = parts(date, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }, lang);
  return `${dayMonth.replace(/\./g, '')} ${clock}`;
}

const kronor = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Öre as kronor: 1795 → "17,95 kr", -1250 → "−12,50 kr" (plain spaces between thousands). */
export function sek(ore) {
  const text = kronor.format(Math.abs(ore) / 100).replace(/[\u00a0\u202f]/g, ' ');
  return `${ore < 0 ? '\u2212' : ''}${text} kr`;
}
