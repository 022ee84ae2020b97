// The caseworker's desk (Sagsoversigt): many cases from a JSONL file or
// pasted lines, sent to POST /api/v1/caseload as JSON Lines in parts (the
// API takes at most 1000 cases a request), the open duties shown overdue first, with the
// counts at the top, filters, sortable columns, and a row that opens its case
// in the checklist. Rows are rendered a page at a time, so a caseload of ten
// thousand cases stays quick.
import { dateWords, parseDate, dateField, todayIso } from './dates.js';

const PART_CASES = 1000;       // the API's batch limit
const PART_BYTES = 900 * 1024; // below its 1 MiB body limit
const PARALLEL = 6;            // requests in flight at once (a browser's connections to one host)
const PAGE_ROWS = 200;         // rows rendered before "show more"

export function initCaseload(ui) {
  const { t, el, $ } = ui;
  const state = { lines: [], bytes: new Uint8Array(), rows: [], asOf: '', shown: PAGE_ROWS, sort: { key: 'desk', dir: 1 } };

  // The desk's own order: overdue first (most days over first), then by due
  // date, undated last; as the server sends them, kept for a reset.
  const deskKey = (r) => [r.days_left === undefined ? 1 : 0, r.status === 'overdue' ? 0 : 1, r.days_left ?? 0, r.case_index, r.duty, r.instance];
  const compareKeys = (a, b) => { for (let i = 0; i < a.length; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; } return 0; };
  const sorters = {
    desk: (a, b) => compareKeys(deskKey(a), deskKey(b)),
    days: (a, b) => compareKeys([a.days_left === undefined ? 1 : 0, a.days_left ?? 0], [b.days_left === undefined ? 1 : 0, b.days_left ?? 0]),
    case: (a, b) => String(a.case ?? '').localeCompare(String(b.case ?? ''), 'da') || a.case_index - b.case_index,
    municipality: (a, b) => ui.municipalityName(a.municipality).localeCompare(ui.municipalityName(b.municipality), 'da'),
    duty: (a, b) => a.title.localeCompare(b.title, 'da'),
    status: (a, b) => (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1),
  };

  // ---------------------------------------------------------------- loading
  // The cases' lines as byte ranges of the file: the parts are sent as
  // slices of it, never decoded to text and encoded again, and a line is
  // decoded only when a row opens its case.
  function linesOf(bytes) {
    const out = [];
    let start = 0;
    let number = 1;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      let end = i;
      if (end > start && bytes[end - 1] === 13) end--;
      for (let j = start; j < end; j++) {
        if (bytes[j] !== 32 && bytes[j] !== 9) { out.push({ number, start, end }); break; }
      }
      start = i + 1;
      number++;
    }
    return out;
  }
  const decoder = new TextDecoder();
  const textOf = (line) => decoder.decode(state.bytes.subarray(line.start, line.end));

  // Parts of at most PART_CASES cases and PART_BYTES bytes, in order.
  function partsOf(lines) {
    const parts = [];
    let part = null;
    lines.forEach((line, i) => {
      if (!part || i - part.start >= PART_CASES || line.end - part.from > PART_BYTES) {
        part = { start: i, from: line.start, to: line.end, lines: [] };
        parts.push(part);
      }
      part.lines.push(line);
      part.to = line.end;
    });
    return parts;
  }

  async function send(part, asOf, source) {
    // The cases go as the lines they are (JSON Lines): the server reads
    // each in one pass and judges it, naming a bad one by its place.
    const response = await fetch(`/api/v1/caseload?as_of=${encodeURIComponent(asOf)}`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-ndjson', Accept: 'application/json' },
      body: source.slice(part.from, part.to),
    });
    let payload = null;
    try { payload = await response.json(); } catch { payload = null; }
    if (response.ok && payload && Array.isArray(payload.rows)) {
      for (const row of payload.rows) row.case_index += part.start;
      return { rows: payload.rows, errors: [] };
    }
    // Errors point into the part's cases (/cases/N/…): name the line.
    const errors = (payload && Array.isArray(payload.errors) && payload.errors.length ? payload.errors : [{ pointer: '', detail: (payload && (payload.detail || payload.title)) || `HTTP ${response.status}` }])
      .map((e) => {
        const m = /^\/cases\/(\d+)(.*)$/.exec(e.pointer ?? '');
        if (!m) return { line: null, pointer: e.pointer ?? '', detail: e.detail ?? '' };
        const line = part.lines[Number(m[1])];
        return { line: line ? line.number : null, pointer: m[2], detail: e.detail ?? '' };
      });
    return { rows: [], errors };
  }

  // `source`: the file, or the pasted text as one; `started`: when the
  // caseworker asked, so reading the file counts too.
  async function load(source, started) {
    const asOf = parseDate($('#caseload-as-of').value) ?? todayIso();
    $('#caseload-as-of').value = dateField(asOf);
    const bytes = new Uint8Array(await source.arrayBuffer());
    const lines = linesOf(bytes);
    hideErrors();
    if (!lines.length) { showErrors([{ line: null, pointer: '', detail: t('caseloadEmptyInput') }]); return; }
    ui.announce(t('caseloadLoading', lines.length));
    const parts = partsOf(lines);
    const answers = new Array(parts.length);
    let next = 0;
    const worker = async () => {
      while (next < parts.length) {
        const i = next++;
        try { answers[i] = await send(parts[i], asOf, source); } catch (e) { answers[i] = { rows: [], errors: [{ line: null, pointer: '', detail: t('requestFailed', e.message) }] }; }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, parts.length) }, worker));
    const errors = answers.flatMap((a) => a.errors);
    if (errors.length) { showErrors(errors); return; }
    state.lines = lines;
    state.bytes = bytes;
    state.asOf = asOf;
    state.rows = answers.flatMap((a) => a.rows);
    state.sort = { key: 'desk', dir: 1 };
    state.rows.sort(sorters.desk);
    fillFilters();
    state.shown = PAGE_ROWS;
    render();
    const ms = Math.round(performance.now() - started);
    $('#caseload-result').dataset.loadMs = String(ms);
    ui.announce(t('caseloadLoaded', lines.length, state.rows.length));
    $('#caseload-counts').focus();
  }

  // ---------------------------------------------------------------- errors
  function hideErrors() {
    $('#caseload-errors').hidden = true;
    $('#caseload-error-list').replaceChildren();
  }
  function showErrors(errors) {
    const shown = errors.slice(0, 50);
    $('#caseload-error-list').replaceChildren(...shown.map((e) => el('li', {},
      e.line !== null ? `${t('lineN', e.line)}: ` : '', e.pointer ? el('code', { text: e.pointer }) : null, e.pointer ? ': ' : '', e.detail)));
    if (errors.length > shown.length) $('#caseload-error-list').append(el('li', { text: t('moreErrors', errors.length - shown.length) }));
    $('#caseload-errors').hidden = false;
    $('#caseload-errors').focus();
    ui.announce(t('errorsFound', errors.length));
  }

  // ---------------------------------------------------------------- filters and table
  function fillFilters() {
    const options = (select, values, label) => {
      const keep = select.value;
      select.replaceChildren(el('option', { value: '', text: t('all') }), ...values.map(([v, text]) => el('option', { value: v, text })));
      select.value = values.some(([v]) => v === keep) ? keep : '';
      select.setAttribute('aria-label', label);
    };
    const unique = (f) => [...new Map(state.rows.map((r) => f(r))).entries()].sort((a, b) => a[1].localeCompare(b[1], 'da'));
    options($('#filter-status'), [['overdue', ui.statusText('overdue')], ['pending', ui.statusText('pending')]], t('filterStatus'));
    options($('#filter-duty'), unique((r) => [r.duty, r.title]), t('filterDuty'));
    options($('#filter-municipality'), unique((r) => [r.municipality, ui.municipalityName(r.municipality)]), t('filterMunicipality'));
  }

  function filtered() {
    const status = $('#filter-status').value;
    const duty = $('#filter-duty').value;
    const municipality = $('#filter-municipality').value;
    const maxDays = $('#filter-days').value.trim();
    const limit = /^-?\d+$/.test(maxDays) ? Number(maxDays) : null;
    return state.rows.filter((r) => (!status || r.status === status) && (!duty || r.duty === duty)
      && (!municipality || r.municipality === municipality)
      && (limit === null || (r.days_left !== undefined && r.days_left <= limit)));
  }

  function daysText(r) {
    if (r.days_left === undefined) return '';
    if (r.days_left < 0) return t(r.days_left === -1 ? 'dayOverdue' : 'daysOverdue', -r.days_left);
    if (r.days_left === 0) return t('dueToday');
    return t(r.days_left === 1 ? 'dayLeft' : 'daysLeft', r.days_left);
  }
  function dueText(r) {
    if (r.due === undefined) return t('noStatutoryDeadline');
    if (typeof r.due === 'object') return t('dueBefore', ui.eventLabel(r.due.before));
    return dateWords(r.due, ui.lang());
  }

  function render() {
    const rows = filtered();
    const overdue = state.rows.filter((r) => r.status === 'overdue').length;
    const sunday = (() => { const d = new Date(`${state.asOf}T00:00:00Z`); const wd = (d.getUTCDay() + 6) % 7; return 6 - wd; })();
    const thisWeek = state.rows.filter((r) => r.status === 'pending' && r.days_left !== undefined && r.days_left <= sunday).length;
    const cases = state.lines.length;
    $('#caseload-counts').replaceChildren(
      el('span', { class: overdue ? 'count over' : 'count', text: t('countOverdue', overdue) }),
      el('span', { class: 'count', text: t('countThisWeek', thisWeek) }),
      el('span', { class: 'count muted', text: t('countOpen', state.rows.length, cases, dateWords(state.asOf, ui.lang())) }));
    const page = rows.slice(0, state.shown);
    $('#caseload-body').replaceChildren(...page.map((r) => {
      const open = el('button', { type: 'button', class: 'secondary small', text: t('openCase'), 'aria-label': t('openCaseN', r.case ?? `#${r.case_index + 1}`, r.title) });
      open.addEventListener('click', () => openRow(r));
      const cite = r.cite_url ? el('a', { href: r.cite_url, rel: 'noopener noreferrer', target: '_blank', text: r.cite }) : el('span', { text: r.cite });
      return el('tr', { class: `status-${r.status}`, 'data-duty': r.duty, 'data-status': r.status, 'data-case': r.case ?? '' },
        el('td', { 'data-label': t('colStatus') }, el('span', { class: 'badge', text: ui.statusText(r.status) })),
        el('td', { 'data-label': t('colDays'), class: r.status === 'overdue' ? 'days over' : 'days', text: daysText(r) }),
        el('td', { 'data-label': t('colDue'), text: dueText(r) }),
        el('td', { 'data-label': t('colCase'), text: r.case ?? `#${r.case_index + 1}` }),
        el('td', { 'data-label': t('colMunicipality'), text: ui.municipalityName(r.municipality) }),
        el('td', { 'data-label': t('colDuty') }, el('span', { text: r.instance > 1 ? `${r.title} (#${r.instance})` : r.title })),
        el('td', { 'data-label': t('colCite') }, cite),
        el('td', {}, open));
    }));
    $('#caseload-shown').textContent = t('shownOf', page.length, rows.length);
    $('#caseload-more').hidden = rows.length <= state.shown;
    for (const th of document.querySelectorAll('#caseload-table th[data-sort]')) {
      const key = th.dataset.sort;
      th.setAttribute('aria-sort', state.sort.key === key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    $('#caseload-result').hidden = false;
  }

  function sortBy(key) {
    state.sort = state.sort.key === key ? { key, dir: -state.sort.dir } : { key, dir: 1 };
    const by = sorters[key];
    state.rows.sort((a, b) => state.sort.dir * by(a, b) || sorters.desk(a, b));
    render();
    ui.announce(t('sortedBy', t(`col${key.charAt(0).toUpperCase()}${key.slice(1)}`)));
  }

  function openRow(r) {
    const line = state.lines[r.case_index];
    if (!line) return;
    let c;
    try { c = JSON.parse(textOf(line)); } catch { return; }
    ui.openCase(c, state.asOf);
  }

  // ---------------------------------------------------------------- wiring
  $('#caseload-as-of').value = dateField(todayIso());
  $('#caseload-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const started = performance.now();
    const file = $('#caseload-file').files && $('#caseload-file').files[0];
    const source = file ?? new Blob([$('#caseload-text').value], { type: 'application/x-ndjson' });
    try {
      await load(source, started);
    } catch {
      showErrors([{ line: null, pointer: '', detail: t('fileFailed') }]);
    }
  });
  $('#caseload-file').addEventListener('change', () => $('#caseload-form').requestSubmit());
  for (const id of ['#filter-status', '#filter-duty', '#filter-municipality']) $(id).addEventListener('change', () => { state.shown = PAGE_ROWS; render(); });
  $('#filter-days').addEventListener('input', () => { state.shown = PAGE_ROWS; render(); });
  $('#caseload-more').addEventListener('click', () => { state.shown += PAGE_ROWS; render(); });
  for (const th of document.querySelectorAll('#caseload-table th[data-sort]')) $('button', th).addEventListener('click', () => sortBy(th.dataset.sort));
  return { rerender: () => { if (state.rows.length) { fillFilters(); render(); } } };
}
