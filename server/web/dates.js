// Dates as Danes write and read them, whatever the browser's locale: shown
// as "5. marts 2024" (English: "5 March 2024"), typed as 05.03.2024, 5.3.2024,
// 5/3-2024, 5-3-2024, "5. marts 2024" or 2024-03-05. The API speaks ISO
// (YYYY-MM-DD, YYYY-MM-DDTHH:MM); these convert at the page's edge.
const MONTHS = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const pad = (n) => String(n).padStart(2, '0');

function valid(y, m, d) {
  if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// The month a word names (Danish or English, whole or its first three letters).
function monthOf(word) {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const names of Object.values(MONTHS)) {
    const i = names.findIndex((n) => n.toLowerCase() === w || (w.length >= 3 && n.toLowerCase().startsWith(w)));
    if (i >= 0) return i + 1;
  }
  return 0;
}

// YYYY-MM-DD from what someone typed, or null.
export function parseDate(text) {
  const s = String(text ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]) ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : null;
  m = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]) ? `${m[3]}-${pad(m[2])}-${pad(m[1])}` : null;
  m = /^(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]+\.?)\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthOf(m[2]);
    return month && valid(+m[3], month, +m[1]) ? `${m[3]}-${pad(month)}-${pad(m[1])}` : null;
  }
  return null;
}

// HH:MM from "9.30", "09:30" or "0930", or null.
export function parseTime(text) {
  const m = /^(\d{1,2})(?:[:.]?)(\d{2})$/.exec(String(text ?? '').trim());
  if (!m || +m[1] > 23 || +m[2] > 59) return null;
  return `${pad(m[1])}:${m[2]}`;
}

// What a date field shows for an ISO date: 05.03.2024.
export function dateField(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  return m ? `${m[3]}.${m[2]}.${m[1]}` : String(iso ?? '');
}

// A date or date-time from the API in words: "5. marts 2024 kl. 09.30".
export function dateWords(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  const names = MONTHS[lang] ?? MONTHS.da;
  const day = Number(m[3]);
  const month = names[Number(m[2]) - 1];
  const date = lang === 'en' ? `${day} ${month} ${m[1]}` : `${day}. ${month} ${m[1]}`;
  if (m[4] === undefined) return date;
  return lang === 'en' ? `${date} at ${m[4]}:${m[5]}` : `${date} kl. ${m[4]}.${m[5]}`;
}

// Today in the browser's own time zone, as YYYY-MM-DD.
export function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// Days from one ISO date to another (the time of day ignored).
export function daysBetween(from, to) {
  const day = (s) => { const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s)); return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : NaN; };
  return day(to) - day(from);
}
