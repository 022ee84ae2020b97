// pligt's page: a case form built from the vocabulary, sent to /api/v1/check,
// and the result shown as a checklist with each duty's begrundelse; and the
// caseworker's desk over many cases (caseload.js). Plain JavaScript modules,
// no build step, and no request beyond this server's own API.
import { dateField, dateWords, daysBetween, parseDate, parseTime, todayIso } from './dates.js';
import { initCaseload } from './caseload.js';

(() => {
  // ---------------------------------------------------------------- texts
  const TEXTS = {
    da: {
      skip: 'Spring til indhold', tagline: 'tjekliste for en sag', language: 'Sprog',
      errorsTitle: 'Sagen kunne ikke tjekkes', caseLegend: 'Sagen', caseId: 'Sagsnummer (valgfrit)',
      municipality: 'Kommune', municipalityHint: 'Søg på navn eller kommunekode', noMatch: 'Ingen kommune matcher',
      asOf: 'Opgjort pr. dato', factsLegend: 'Fakta', eventsLegend: 'Hændelser',
      eventsHint: 'Hændelserne kan stå i vilkårlig rækkefølge. Et klokkeslæt er valgfrit.',
      addEvent: 'Tilføj hændelse', check: 'Tjek sagen', clear: 'Ryd formularen',
      jsonSummary: 'Indsæt eller indlæs en sag som JSON', caseJson: 'Sag (JSON)',
      useJson: 'Indlæs i formularen og tjek', uploadJson: 'Indlæs fil', showJson: 'Vis formularen som JSON',
      download: 'Hent resultatet som JSON', print: 'Udskriv',
      showAllWhy: 'Vis alle begrundelser', hideAllWhy: 'Skjul alle begrundelser',
      event: 'Hændelse', eventN: 'Hændelse {0}', date: 'Dato', time: 'Klokkeslæt (valgfrit)',
      chooseEvent: '— vælg hændelse —', choose: '— vælg —', byDefault: 'standard: {0}', notGiven: '— ikke angivet —',
      yes: 'ja', no: 'nej', unknownValue: '{0} (ukendt)',
      removeEvent: 'Fjern', removeEventN: 'Fjern hændelse {0}',
      resultTitle: 'Resultat', caseLabel: 'Sag {0}', asOfLabel: 'opgjort pr. {0}',
      noDuties: 'Ingen pligter er udløst af sagens hændelser pr. denne dato.',
      dutyCount: '{0} pligter', dutyCount1: '1 pligt',
      cite: 'Hjemmel', law: 'Regelsæt', triggeredBy: 'Udløst af', due: 'Frist', lawDue: 'Lovens egen frist',
      dueBefore: 'før {0}', noDeadline: 'ingen',
      noStatutoryDeadline: 'ingen lovbestemt frist', lawVersion: 'Lovgrundlag', transition: 'Overgangsregel',
      transitionFrom: '{0} (sagen påbegyndt efter {1})', target: 'Mål', targetPassed: 'ikke nået', targetBy: 'Mål fastsat af',
      daysLeft: '{0} dage tilbage', dayLeft: '1 dag tilbage', dueToday: 'udløber i dag',
      daysOverdue: '{0} dage overskredet', dayOverdue: '1 dag overskredet', overdueToday: 'overskredet i dag',
      daysLate: '{0} dage for sent', dayLate: '1 dag for sent',
      doneBy: 'Udført', waivedBy: 'Frafaldet efter', basis: 'Grundlag', replacedBy: 'Erstattet af',
      exceptedBy: 'Undtaget efter', reason: 'Begrundelse', instance: 'nr. {0}',
      why: 'Begrundelse', checking: 'Tjekker sagen …', checked: 'Sagen er tjekket: {0}.',
      errorsFound: '{0} fejl i sagen', general: 'Sagen',
      loadFailed: 'Ordforrådet eller kommunerne kunne ikke hentes fra serveren: {0}',
      requestFailed: 'Serveren kunne ikke nås: {0}', badJson: 'Ugyldig JSON: {0}', notAnObject: 'En sag er et JSON-objekt.',
      fileFailed: 'Filen kunne ikke læses.',
      viewsLabel: 'Visning', viewCase: 'Tjekliste for en sag', viewCaseload: 'Sagsoversigt',
      dateHint: 'dd.mm.åååå, fx 05.03.2024', timeHint: 'tt:mm', badDate: 'Skriv datoen som dd.mm.åååå, fx 05.03.2024.',
      badTime: 'Skriv klokkeslættet som tt:mm, fx 09:30.', saveCase: 'Gem sagen som fil',
      begrundelse: 'Begrundelse', copy: 'Kopiér begrundelse', copied: 'Begrundelsen er kopieret.', statute: 'Loven',
      caseloadHint: 'Alle åbne pligter i mange sager: overskredne først, derefter efter frist.',
      caseloadFile: 'Indlæs sager fra fil (JSONL, én sag pr. linje)', caseloadText: '… eller indsæt sager, én JSON-sag pr. linje',
      caseloadShow: 'Vis oversigten', caseloadErrors: 'Sagerne kunne ikke tjekkes', caseloadEmptyInput: 'Der er ingen sager at vise: vælg en fil eller indsæt sager.',
      caseloadLoading: 'Tjekker {0} sager …', caseloadLoaded: '{0} sager tjekket: {1} åbne pligter.',
      caseloadCaption: 'Åbne pligter, overskredne først', lineN: 'Linje {0}', moreErrors: '… og {0} fejl mere',
      all: 'Alle', filterStatus: 'Status', filterDuty: 'Pligt', filterMunicipality: 'Kommune', filterDays: 'Højst dage til fristen',
      colStatus: 'Status', colDays: 'Dage', colDue: 'Frist', colCase: 'Sag', colMunicipality: 'Kommune', colDuty: 'Pligt',
      colCite: 'Hjemmel', colOpen: 'Åbn', openCase: 'Åbn', openCaseN: 'Åbn sag {0}: {1}', showMore: 'Vis flere',
      shownOf: 'Viser {0} af {1} pligter', sortedBy: 'Sorteret efter {0}',
      countOverdue: 'Overskredet: {0}', countThisWeek: 'Frist denne uge: {0}', countOpen: '{0} åbne pligter i {1} sager pr. {2}',
    },
    en: {
      skip: 'Skip to content', tagline: 'a case checklist', language: 'Language',
      errorsTitle: 'The case could not be checked', caseLegend: 'The case', caseId: 'Case id (optional)',
      municipality: 'Municipality', municipalityHint: 'Search by name or municipality code', noMatch: 'No municipality matches',
      asOf: 'As of', factsLegend: 'Facts', eventsLegend: 'Events',
      eventsHint: 'Events may come in any order. A time of day is optional.',
      addEvent: 'Add event', check: 'Check the case', clear: 'Clear the form',
      jsonSummary: 'Paste or upload a case as JSON', caseJson: 'Case (JSON)',
      useJson: 'Load into the form and check', uploadJson: 'Upload a file', showJson: 'Show the form as JSON',
      download: 'Download the result as JSON', print: 'Print',
      showAllWhy: 'Show every explanation', hideAllWhy: 'Hide every explanation',
      event: 'Event', eventN: 'Event {0}', date: 'Date', time: 'Time (optional)',
      chooseEvent: '— choose an event —', choose: '— choose —', byDefault: 'default: {0}', notGiven: '— not given —',
      yes: 'yes', no: 'no', unknownValue: '{0} (unknown)',
      removeEvent: 'Remove', removeEventN: 'Remove event {0}',
      resultTitle: 'Result', caseLabel: 'Case {0}', asOfLabel: 'as of {0}',
      noDuties: 'No duty is triggered by the case\'s events as of this date.',
      dutyCount: '{0} duties', dutyCount1: '1 duty',
      cite: 'Citation', law: 'Rules', triggeredBy: 'Triggered by', due: 'Deadline', lawDue: 'The law\'s own deadline',
      dueBefore: 'before {0}', noDeadline: 'none',
      noStatutoryDeadline: 'no statutory deadline', lawVersion: 'Law version', transition: 'Transitional provision',
      transitionFrom: '{0} (begun under {1})', target: 'Target', targetPassed: 'not met', targetBy: 'Target set by',
      daysLeft: '{0} days left', dayLeft: '1 day left', dueToday: 'due today',
      daysOverdue: '{0} days overdue', dayOverdue: '1 day overdue', overdueToday: 'overdue today',
      daysLate: '{0} days late', dayLate: '1 day late',
      doneBy: 'Done', waivedBy: 'Waived by', basis: 'Basis', replacedBy: 'Replaced by',
      exceptedBy: 'Excepted by', reason: 'Reason', instance: 'no. {0}',
      why: 'Reasons', checking: 'Checking the case …', checked: 'The case is checked: {0}.',
      errorsFound: '{0} errors in the case', general: 'The case',
      loadFailed: 'Could not load the vocabulary or the municipalities from the server: {0}',
      requestFailed: 'Could not reach the server: {0}', badJson: 'Invalid JSON: {0}', notAnObject: 'A case is a JSON object.',
      fileFailed: 'The file could not be read.',
      viewsLabel: 'View', viewCase: 'Checklist for a case', viewCaseload: 'Caseload',
      dateHint: 'dd.mm.yyyy, e.g. 05.03.2024', timeHint: 'hh:mm', badDate: 'Write the date as dd.mm.yyyy, e.g. 05.03.2024.',
      badTime: 'Write the time as hh:mm, e.g. 09:30.', saveCase: 'Save the case as a file',
      begrundelse: 'Reasons', copy: 'Copy the reasons', copied: 'The reasons are copied.', statute: 'The statute',
      caseloadHint: 'Every open duty across many cases: overdue first, then by deadline.',
      caseloadFile: 'Load cases from a file (JSONL, one case a line)', caseloadText: '… or paste cases, one JSON case a line',
      caseloadShow: 'Show the caseload', caseloadErrors: 'The cases could not be checked', caseloadEmptyInput: 'There are no cases: choose a file or paste cases.',
      caseloadLoading: 'Checking {0} cases …', caseloadLoaded: '{0} cases checked: {1} open duties.',
      caseloadCaption: 'Open duties, overdue first', lineN: 'Line {0}', moreErrors: '… and {0} more errors',
      all: 'All', filterStatus: 'Status', filterDuty: 'Duty', filterMunicipality: 'Municipality', filterDays: 'At most days to the deadline',
      colStatus: 'Status', colDays: 'Days', colDue: 'Deadline', colCase: 'Case', colMunicipality: 'Municipality', colDuty: 'Duty',
      colCite: 'Citation', colOpen: 'Open', openCase: 'Open', openCaseN: 'Open case {0}: {1}', showMore: 'Show more',
      shownOf: 'Showing {0} of {1} duties', sortedBy: 'Sorted by {0}',
      countOverdue: 'Overdue: {0}', countThisWeek: 'Due this week: {0}', countOpen: '{0} open duties in {1} cases as of {2}',
    },
  };

  let lang = 'da';
  let vocab = { title: '', facts: [], events: [], kinds: {} };
  let municipalities = [];
  let lastResult = null;
  let caseload = null;    // the Sagsoversigt view, once started
  let extraFields = {};   // case fields the form has no control for, kept from a loaded JSON
  let uid = 0;

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  function t(key, ...args) {
    const text = TEXTS[lang][key] ?? TEXTS.da[key] ?? key;
    return String(text).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
  }
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k in node && typeof v !== 'string') node[k] = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  const nextId = (base) => `${base}-${++uid}`;
  const humanize = (id) => String(id).replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

  // ---------------------------------------------------------------- the API's shapes
  // The one place that reads /api/v1/vocabulary: tolerant of lists or objects
  // keyed by id, and of a type written "int?" or given as {name, kind}.
  function normalizeVocabulary(raw) {
    const v = (raw && raw.vocabulary) || raw || {};
    const list = (x) => Array.isArray(x) ? x
      : (x && typeof x === 'object') ? Object.entries(x).map(([id, o]) => (o && typeof o === 'object' && !Array.isArray(o)) ? { id, ...o } : { id, values: o })
      : [];
    const valueId = (x) => (x && typeof x === 'object') ? (x.id ?? x.value ?? x.name) : x;
    const kinds = {};
    const kindTitles = {};
    for (const k of list(v.kinds)) {
      kinds[k.id ?? k.name] = (k.values ?? k.members ?? []).map(valueId);
      kindTitles[k.id ?? k.name] = k.value_titles ?? {};
    }
    const scalar = ['bool', 'int', 'date', 'datetime', 'text', 'kind'];
    const attribute = (a) => {
      let type = a.type;
      let kind = a.kind;
      let optional = Boolean(a.optional);
      if (type && typeof type === 'object') {
        kind = type.kind ?? kind;
        optional = optional || Boolean(type.optional);
        type = type.name ?? type.type ?? (kind ? 'kind' : 'text');
      }
      if (typeof type === 'string' && type.endsWith('?')) { optional = true; type = type.slice(0, -1); }
      if (typeof type === 'string' && !scalar.includes(type)) { kind = kind ?? type; type = 'kind'; }
      if (typeof kind === 'object' && kind) kind = kind.id ?? kind.name;
      const values = (a.values ?? (kind !== undefined ? kinds[kind] : undefined) ?? []).map(valueId);
      if (!type) type = values.length ? 'kind' : 'text';
      const hasDefault = a.default !== undefined && a.default !== null;
      const valueTitles = a.value_titles ?? (kind !== undefined ? kindTitles[kind] : undefined) ?? {};
      return { id: a.id ?? a.name, title: a.title ?? '', type, kind, values, valueTitles, optional, hasDefault, default: hasDefault ? a.default : undefined };
    };
    return {
      title: v.title ?? '',
      facts: list(v.facts).map(attribute),
      // A birthday is derived from the birthdate, never entered: it is
      // kept for its title, apart from the events a form offers.
      events: list(v.events).filter((e) => !e.birthday)
        .map((e) => ({ id: e.id ?? e.name, title: e.title ?? '', attributes: list(e.attributes).map(attribute) })),
      birthdays: list(v.events).filter((e) => e.birthday).map((e) => ({ id: e.id, title: e.title ?? '' })),
      kinds,
    };
  }

  function normalizeMunicipalities(raw) {
    const items = Array.isArray(raw) ? raw : (raw && raw.municipalities) || [];
    return items.map((m) => {
      const code = m.code ?? m.kommunekode ?? '';
      return { id: String(m.id), name: m.name ?? m.title ?? m.id, code: code === '' ? '' : String(code).padStart(4, '0'), region: m.region ?? '' };
    }).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }

  const vocabTitle = (item) => (lang === 'da' && item.title) ? item.title : humanize(item.id);
  const eventById = (id) => vocab.events.find((e) => e.id === id);
  const eventLabel = (id) => {
    const e = eventById(id) ?? (vocab.birthdays ?? []).find((b) => b.id === id);
    return e ? vocabTitle(e) : id;
  };

  // ---------------------------------------------------------------- municipality picker
  const combo = {
    input: null, list: null, selected: null, active: -1, matches: [],
    init() {
      this.input = $('#municipality');
      this.list = $('#municipality-list');
      this.input.addEventListener('input', () => { this.selected = null; this.open(); });
      this.input.addEventListener('focus', () => {});
      this.input.addEventListener('click', () => this.open());
      this.input.addEventListener('keydown', (e) => this.key(e));
      this.input.addEventListener('blur', () => { this.close(); this.resolveTyped(); });
      this.list.addEventListener('mousedown', (e) => e.preventDefault());
      this.list.addEventListener('click', (e) => {
        const li = e.target.closest('[role=option]');
        if (li) this.choose(this.matches[Number(li.dataset.index)]);
      });
    },
    filter(query) {
      const q = query.trim().toLowerCase().replace(/\s+kommune$/, '');
      if (!q) return municipalities;
      const digits = /^\d+$/.test(q);
      return municipalities.filter((m) => digits
        ? m.code.startsWith(q.padStart(Math.min(4, Math.max(q.length, 1)), '0')) || String(Number(m.code)).startsWith(q)
        : m.name.toLowerCase().includes(q) || m.id.includes(q));
    },
    open() {
      this.matches = this.filter(this.input.value);
      this.active = this.matches.length === 1 ? 0 : -1;
      this.render();
      this.list.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
    },
    close() {
      this.list.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    },
    render() {
      this.list.replaceChildren(...(this.matches.length ? this.matches.map((m, i) => el('li', {
        id: `municipality-option-${i}`, role: 'option', 'data-index': String(i), 'aria-selected': String(i === this.active),
      }, el('span', { text: m.name }), el('span', { class: 'code', text: m.code })))
        : [el('li', { class: 'empty', role: 'presentation', text: t('noMatch') })]));
      if (this.active >= 0) {
        this.input.setAttribute('aria-activedescendant', `municipality-option-${this.active}`);
        const node = $(`#municipality-option-${this.active}`);
        if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
      } else this.input.removeAttribute('aria-activedescendant');
    },
    key(e) {
      const isOpen = !this.list.hidden;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!isOpen) { this.open(); return; }
        const n = this.matches.length;
        if (!n) return;
        this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active <= 0 ? n - 1 : this.active - 1);
        this.render();
      } else if (e.key === 'Enter' && isOpen) {
        if (this.active >= 0) { e.preventDefault(); this.choose(this.matches[this.active]); }
        else this.close();
      } else if (e.key === 'Escape' && isOpen) {
        e.preventDefault();
        this.close();
      }
    },
    choose(m) {
      if (!m) return;
      this.selected = m;
      this.input.value = m.name;
      this.close();
      clearFieldError(this.input);
    },
    // An id, a code or a name typed without picking from the list.
    lookup(text) {
      const q = String(text ?? '').trim().toLowerCase();
      if (!q) return null;
      return municipalities.find((m) => m.id === q || m.name.toLowerCase() === q
        || m.name.toLowerCase().replace(/\s+kommune$/, '') === q || (/^\d+$/.test(q) && Number(m.code) === Number(q))) ?? null;
    },
    resolveTyped() {
      if (this.selected && this.input.value === this.selected.name) return;
      const m = this.lookup(this.input.value);
      if (m) { this.selected = m; this.input.value = m.name; }
    },
    set(value) {
      this.selected = this.lookup(value);
      this.input.value = this.selected ? this.selected.name : (value === undefined || value === null ? '' : String(value));
    },
    // What the case sends: the id when known, else the text as typed (the server says what is wrong).
    value() {
      this.resolveTyped();
      return this.selected ? this.selected.id : this.input.value.trim();
    },
  };

  // ---------------------------------------------------------------- form controls
  // A labelled control for a fact or an attribute. `key` is the last token of
  // its JSON Pointer. Returns the field's wrapper; the control has data-key.
  function makeControl(attr, key, value, { isFact }) {
    const id = nextId(isFact ? `fact-${attr.id}` : `attr-${attr.id}`);
    const label = vocabTitle(attr);
    const base = { id, 'data-key': key, 'data-type': attr.type, name: key };
    if (attr.type === 'bool' && !isFact) {
      const checked = value !== undefined ? value === true : attr.default === true;
      return el('div', { class: 'field check' },
        el('input', { ...base, type: 'checkbox', checked }),
        el('label', { for: id, text: label }));
    }
    let control;
    if (attr.type === 'bool' || attr.type === 'kind') {
      const values = attr.type === 'bool' ? [true, false] : attr.values;
      const blank = attr.hasDefault ? t('byDefault', attr.type === 'bool' ? t(attr.default ? 'yes' : 'no') : vocabKind(attr.default, attr))
        : (isFact || attr.optional) ? t('notGiven') : t('choose');
      control = el('select', base, el('option', { value: '', text: blank }),
        values.map((v) => el('option', { value: String(v), text: attr.type === 'bool' ? t(v ? 'yes' : 'no') : vocabKind(v, attr) })));
      if (value !== undefined && value !== null) {
        const s = String(value);
        if (!values.map(String).includes(s)) control.append(el('option', { value: s, text: t('unknownValue', s) }));
        control.value = s;
      }
    } else {
      const type = attr.type === 'int' ? 'number' : 'text';
      const isDate = attr.type === 'date';
      control = el('input', { ...base, type, step: attr.type === 'int' ? '1' : undefined, autocomplete: 'off',
        inputmode: isDate ? 'numeric' : undefined, placeholder: isDate ? t('dateHint').split(',')[0] : undefined });
      if (value !== undefined && value !== null) {
        if (type === 'number' && !/^-?\d+$/.test(String(value))) control.type = 'text';
        control.value = isDate ? dateField(value) : String(value);
      }
    }
    return el('div', { class: 'field' }, el('label', { for: id, text: label }), control);
  }
  // A kind's value as a reader sees it: its title from the rules (Danish), else its id in words.
  const vocabKind = (v, attr) => (lang === 'da' && attr && attr.valueTitles && attr.valueTitles[v])
    ? attr.valueTitles[v] : (lang === 'da' ? String(v).replace(/_/g, ' ') : humanize(v));

  // The value a control contributes, or undefined to leave it out.
  function controlValue(c) {
    const type = c.dataset.type;
    if (c.type === 'checkbox') return c.checked;
    const raw = c.value;
    if (raw === '') return undefined;
    if (type === 'bool') return raw === 'true' ? true : raw === 'false' ? false : raw;
    if (type === 'int' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
    // A date as typed (05.03.2024) goes as ISO; one that does not read as a
    // date goes as typed, so the server's error lands beside the field.
    if (type === 'date') return parseDate(raw) ?? raw;
    return raw;
  }

  function renderFacts(values = {}) {
    const box = $('#facts');
    box.replaceChildren(...vocab.facts.map((f) => makeControl(f, f.id, values[f.id], { isFact: true })));
    $('#facts-fieldset').hidden = vocab.facts.length === 0;
  }

  function addEventRow(data = {}) {
    const li = el('li', { class: 'event' });
    li.extra = {};
    const selectId = nextId('event');
    const select = el('select', { id: selectId, 'data-key': 'event', name: 'event' },
      el('option', { value: '', text: t('chooseEvent') }),
      vocab.events.map((e) => el('option', { value: e.id, text: vocabTitle(e) })));
    if (data.event !== undefined) {
      const s = String(data.event);
      if (!eventById(s)) select.append(el('option', { value: s, text: t('unknownValue', s) }));
      select.value = s;
    }
    const dateId = nextId('at');
    const timeId = nextId('time');
    const date = el('input', { id: dateId, type: 'text', inputmode: 'numeric', autocomplete: 'off', 'data-key': 'at', name: 'at',
      placeholder: t('dateHint').split(',')[0] });
    const time = el('input', { id: timeId, type: 'text', inputmode: 'numeric', autocomplete: 'off', name: 'time', placeholder: t('timeHint') });
    if (data.at !== undefined) {
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?)?$/.exec(String(data.at));
      if (m) { date.value = dateField(m[1]); time.value = m[2] ?? ''; } else date.value = String(data.at);
    }
    const remove = el('button', { type: 'button', class: 'danger remove', text: t('removeEvent') });
    remove.addEventListener('click', () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumberRows();
      (next ? $('select', next) : $('#add-event')).focus();
    });
    const eventLabelNode = el('label', { for: selectId, class: 'event-label' });
    const attrs = el('div', { class: 'event-attrs' });
    li.append(el('div', { class: 'event-head' },
      el('div', { class: 'field' }, eventLabelNode, select),
      el('div', { class: 'field' }, el('label', { for: dateId, text: t('date') }), date),
      el('div', { class: 'field' }, el('label', { for: timeId, text: t('time') }), time),
      remove), attrs);

    const renderAttrs = (values) => {
      const e = eventById(select.value);
      const known = new Set(e ? e.attributes.map((a) => a.id) : []);
      attrs.replaceChildren(...(e ? e.attributes.map((a) => makeControl(a, a.id, values[a.id], { isFact: false })) : []));
      li.extra = Object.fromEntries(Object.entries(values).filter(([k]) => !known.has(k) && k !== 'event' && k !== 'at'));
    };
    select.addEventListener('change', () => renderAttrs(currentAttrValues(li)));
    renderAttrs(data);
    $('#events').append(li);
    renumberRows();
    return li;
  }

  function currentAttrValues(li) {
    const out = { ...li.extra };
    for (const c of $$('.event-attrs [data-key]', li)) {
      const v = controlValue(c);
      if (v !== undefined) out[c.dataset.key] = v;
    }
    return out;
  }

  function renumberRows() {
    $$('#events > li').forEach((li, i) => {
      $('.event-label', li).textContent = t('eventN', i + 1);
      $('.remove', li).setAttribute('aria-label', t('removeEventN', i + 1));
    });
  }

  // ---------------------------------------------------------------- case <-> form
  function caseFromForm() {
    const c = { ...extraFields };
    const id = $('#case-id').value.trim();
    if (id) c.id = id;
    c.municipality = combo.value();
    const facts = {};
    for (const ctl of $$('#facts [data-key]')) {
      const v = controlValue(ctl);
      if (v !== undefined) facts[ctl.dataset.key] = v;
    }
    if (Object.keys(facts).length) c.facts = facts;
    c.events = $$('#events > li').map((li) => {
      const event = $('[data-key=event]', li).value;
      const typed = $('[data-key=at]', li).value.trim();
      const date = parseDate(typed) ?? typed;
      const typedTime = $('input[name=time]', li).value.trim();
      const time = parseTime(typedTime) ?? typedTime;
      const at = date && time && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T${time}` : date;
      // An empty date is sent as "", so the server's error points at the field.
      return { event, at, ...currentAttrValues(li) };
    });
    return c;
  }

  function formFromCase(c) {
    clearErrors();
    const known = new Set(['id', 'municipality', 'facts', 'events']);
    extraFields = Object.fromEntries(Object.entries(c).filter(([k]) => !known.has(k)));
    $('#case-id').value = c.id === undefined || c.id === null ? '' : String(c.id);
    combo.set(c.municipality);
    const facts = c.facts && typeof c.facts === 'object' ? c.facts : {};
    renderFacts(facts);
    $('#events').replaceChildren();
    for (const e of Array.isArray(c.events) ? c.events : []) addEventRow(e && typeof e === 'object' ? e : {});
  }

  // ---------------------------------------------------------------- errors
  function clearFieldError(control) {
    const holder = control.closest('.field') || control;
    for (const p of $$(':scope > .field-error', holder)) p.remove();
    control.removeAttribute('aria-invalid');
    const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((s) => s && !s.startsWith('err-'));
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' ')); else control.removeAttribute('aria-describedby');
  }

  function clearErrors() {
    $('#error-summary').hidden = true;
    $('#error-list').replaceChildren();
    for (const p of $$('#case-form .field-error, #case-form .row-error')) p.remove();
    for (const c of $$('#case-form [aria-invalid]')) clearFieldError(c);
    for (const li of $$('#events > li.invalid')) li.classList.remove('invalid');
    $('#load-error').hidden = true;
  }

  const unescapeToken = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');

  // The control (or, failing that, the container) a JSON Pointer names.
  function targetOf(pointer) {
    if (pointer === '#as-of') return { control: $('#as-of') };
    const tokens = String(pointer || '').split('/').slice(1).map(unescapeToken);
    if (tokens[0] === 'id') return { control: $('#case-id') };
    if (tokens[0] === 'municipality') return { control: $('#municipality') };
    if (tokens[0] === 'facts') {
      const ctl = tokens[1] !== undefined ? $$('#facts [data-key]').find((c) => c.dataset.key === tokens[1]) : null;
      return ctl ? { control: ctl } : { container: $('#facts-fieldset') };
    }
    if (tokens[0] === 'events') {
      const li = tokens[1] !== undefined ? $$('#events > li')[Number(tokens[1])] : null;
      if (!li) return { container: $('#events-fieldset') };
      const ctl = tokens[2] !== undefined ? $$('[data-key]', li).find((c) => c.dataset.key === tokens[2]) : null;
      return ctl ? { control: ctl, row: li } : { container: li, row: li };
    }
    return { container: null };
  }

  function showErrors(errors) {
    clearErrors();
    const list = $('#error-list');
    errors.forEach((err, i) => {
      const { control, container, row } = targetOf(err.pointer);
      const errId = `err-${i}`;
      const message = el('p', { id: errId, class: 'field-error', text: err.detail });
      let focusTarget = null;
      if (control) {
        (control.closest('.field') || control.parentElement).append(message);
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), errId].filter(Boolean).join(' '));
        focusTarget = control;
      } else if (container) {
        message.classList.add('row-error');
        container.append(message);
        focusTarget = container.matches('li') ? $('select', container) : $('input, select', container) || container;
      }
      if (row) row.classList.add('invalid');
      const where = err.pointer === '#as-of' ? t('asOf') : err.pointer ? el('code', { text: err.pointer }) : t('general');
      const item = el('li', {}, focusTarget
        ? el('a', { href: `#${focusTarget.id || ''}`, onclick: (e) => { e.preventDefault(); focusTarget.focus(); } }, where)
        : where, ': ', err.detail);
      list.append(item);
    });
    $('#error-summary h2').textContent = t('errorsTitle');
    $('#error-summary').hidden = false;
    $('#error-summary').focus();
    announce(t('errorsFound', errors.length));
  }

  function announce(text) { $('#status').textContent = text; }

  // ---------------------------------------------------------------- checking
  // `keepFocus`: asked again for another language, so the focus stays on the
  // language button the reader pressed.
  async function check({ keepFocus = false } = {}) {
    const typedAsOf = $('#as-of').value.trim();
    const asOf = typedAsOf ? parseDate(typedAsOf) : todayIso();
    if (!asOf) {
      showErrors([{ pointer: '#as-of', detail: t('badDate') }]);
      return;
    }
    $('#as-of').value = dateField(asOf);
    const body = JSON.stringify(caseFromForm());
    announce(t('checking'));
    let response;
    try {
      response = await fetch(`/api/v1/check?as_of=${encodeURIComponent(asOf)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
        body,
      });
    } catch (e) {
      showErrors([{ pointer: '', detail: t('requestFailed', e.message) }]);
      return;
    }
    let payload = null;
    try { payload = await response.json(); } catch { payload = null; }
    if (response.ok && payload && Array.isArray(payload.duties)) {
      clearErrors();
      lastResult = payload;
      renderResult();
      const statuses = summarize(payload.duties);
      announce(t('checked', statuses));
      if (!keepFocus) $('#result-title').focus();
      return;
    }
    const errors = payload && Array.isArray(payload.errors) && payload.errors.length
      ? payload.errors.map((e) => ({ pointer: e.pointer ?? '', detail: e.detail ?? String(e.message ?? '') }))
      : [{ pointer: '', detail: (payload && (payload.detail || payload.title)) || `HTTP ${response.status}` }];
    showErrors(errors);
  }

  // ---------------------------------------------------------------- the checklist

  function summarize(duties) {
    const counts = {};
    for (const d of duties) counts[d.status] = (counts[d.status] || 0) + 1;
    const head = duties.length === 1 ? t('dutyCount1') : t('dutyCount', duties.length);
    const parts = statusWords.map((w) => w.id).filter((s) => counts[s]).map((s) => `${counts[s]} ${statusText(s).toLowerCase()}`);
    return parts.length ? `${head}: ${parts.join(', ')}` : head;
  }
  // The words of each status come from the server (/api/v1/statuses), the
  // same table the command line prints from; a badge starts with a capital.
  let statusWords = [];
  const statusWord = (s) => {
    const w = statusWords.find((x) => x.id === s);
    return (w && (w[lang] ?? w.da)) || s;
  };
  const statusText = (s) => { const word = statusWord(s); return word.charAt(0).toUpperCase() + word.slice(1); };

  // A citation links to the statute as the answer gives it (cite_url: the
  // consolidation in force on the instance's governing date, recorded in the
  // rule files); without one it is text.
  function citation(cite, url) {
    return url ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank', text: cite }) : el('span', { text: cite });
  }

  const moment = (s) => dateWords(s, lang);
  const at = (ref) => `${eventLabel(ref.event)} · ${moment(ref.at)}`;

  function deadline(d, asOf) {
    if (d.due === undefined) return d.status === 'pending' || d.status === 'met' ? el('span', { text: t('noStatutoryDeadline') }) : null;
    if (d.due && typeof d.due === 'object') return el('span', { text: t('dueBefore', eventLabel(d.due.before)) });
    const node = el('span', { text: moment(d.due) });
    let text = null;
    let over = false;
    const diff = daysBetween(asOf, d.due);
    if (d.status === 'pending' && !Number.isNaN(diff)) {
      text = diff <= 0 ? t('dueToday') : diff === 1 ? t('dayLeft') : t('daysLeft', diff);
    } else if (d.status === 'overdue' && !Number.isNaN(diff)) {
      over = true;
      text = diff >= 0 ? t('overdueToday') : diff === -1 ? t('dayOverdue') : t('daysOverdue', -diff);
    } else if (d.status === 'late' && d.done_by) {
      const late = daysBetween(d.due, d.done_by.at);
      if (late > 0) { over = true; text = late === 1 ? t('dayLate') : t('daysLate', late); }
    }
    if (text) node.append(' — ', el('span', { class: over ? 'days over' : 'days', text }));
    return node;
  }

  function renderResult() {
    const r = lastResult;
    if (!r) return;
    const m = municipalities.find((x) => x.id === r.municipality);
    const title = [r.case !== undefined ? t('caseLabel', r.case) : t('resultTitle'),
      m ? `${m.name} (${m.code})` : r.municipality, t('asOfLabel', moment(r.as_of))].filter(Boolean).join(' · ');
    $('#result-title').textContent = title;
    $('#result-summary').textContent = r.duties.length ? summarize(r.duties) : t('noDuties');
    const titleOf = (duty) => { const x = r.duties.find((d) => d.duty === duty); return x ? `${x.title} (${duty})` : duty; };
    $('#duties').replaceChildren(...r.duties.map((d) => {
      const rows = [];
      const row = (term, ...value) => { if (value.some((v) => v !== null && v !== undefined)) rows.push(el('dt', { text: term }), el('dd', {}, ...value)); };
      row(t('cite'), citation(d.cite, d.cite_url), d.law ? el('span', { class: 'id', text: ` · ${d.law}` }) : null);
      if (d.law_version) row(t('lawVersion'), d.law_version);
      if (d.transition) row(t('transition'), t('transitionFrom', d.transition.cite, d.transition.from));
      if (d.triggered_by) row(t('triggeredBy'), at(d.triggered_by));
      row(t('due'), deadline(d, r.as_of));
      if (d.target !== undefined) {
        row(t('target'), el('span', { text: moment(d.target) }),
          d.past_target ? el('span', { class: 'days over', text: ` — ${t('targetPassed')}` }) : null);
        if (d.target_by) row(t('targetBy'), `${d.target_by.municipality ?? d.target_by.exemptions} · ${d.target_by.basis}`);
      }
      if (d.law_due !== undefined) row(t('lawDue'), typeof d.law_due === 'object' ? t('dueBefore', eventLabel(d.law_due.before)) : moment(d.law_due));
      if (d.done_by) row(t('doneBy'), at(d.done_by));
      if (d.waived_by) {
        row(t('waivedBy'), d.waived_by.exemptions);
        row(t('basis'), d.waived_by.basis);
      }
      if (d.replaced_by) row(t('replacedBy'), titleOf(d.replaced_by));
      if (d.excepted_by) {
        row(t('exceptedBy'), citation(d.excepted_by.cite));
        row(t('reason'), d.excepted_by.reason);
      }
      const why = Array.isArray(d.why) && d.why.length ? begrundelse(d) : null;
      return el('li', { class: `duty status-${d.status}`, 'data-duty': d.duty, 'data-status': d.status },
        el('h3', {},
          el('span', { class: 'badge', text: statusText(d.status) }),
          el('span', { class: 'title', text: d.title }),
          el('span', { class: 'id', text: d.instance !== undefined ? `${d.duty} · ${t('instance', d.instance)}` : d.duty })),
        el('dl', {}, rows), why);
    }));
    $('#result').hidden = false;
    setWhyToggle(false);
  }

  // The begrundelse as the server words it, in the page's language: one
  // paragraph to paste into the journal, with a button that copies it (the
  // title, citation and status first, the statute's address last, as `pligt
  // check --explain` prints it).
  function begrundelse(d) {
    const paragraph = d.why.join(' ');
    const copyText = [`${d.title} · ${d.cite} · ${statusWord(d.status)}`, paragraph, d.cite_url ? `${t('statute')}: ${d.cite_url}` : null]
      .filter(Boolean).join('\n');
    const button = el('button', { type: 'button', class: 'secondary small copy', text: t('copy') });
    button.addEventListener('click', async () => {
      await copyToClipboard(copyText);
      announce(t('copied'));
      button.textContent = t('copied');
      setTimeout(() => { button.textContent = t('copy'); }, 2500);
    });
    return el('details', { class: 'why' }, el('summary', { text: t('why') }),
      el('p', { class: 'begrundelse', text: paragraph }), el('div', { class: 'actions no-print' }, button));
  }

  async function copyToClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Without the Clipboard API (an insecure origin, a refused permission):
      // the old way, through a selected text area.
      const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true', tabindex: '-1' });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  }

  function setWhyToggle(open) {
    const b = $('#toggle-why');
    b.setAttribute('aria-pressed', String(open));
    b.textContent = open ? t('hideAllWhy') : t('showAllWhy');
  }

  // ---------------------------------------------------------------- language
  function applyLanguage(next) {
    const kept = vocab.events.length ? caseFromForm() : null;
    lang = next;
    document.documentElement.lang = lang;
    document.title = lang === 'da' ? 'pligt – tjekliste for en sag' : 'pligt – a case checklist';
    for (const node of $$('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of $$('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
    for (const node of $$('input[placeholder]')) {
      if (node.getAttribute('name') === 'time') node.placeholder = t('timeHint');
      else if (node.placeholder) node.placeholder = t('dateHint').split(',')[0];
    }
    if (caseload) caseload.rerender();
    for (const b of $$('.lang-btn')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    if (kept) {
      const hadErrors = !$('#error-summary').hidden;
      formFromCase(kept);
      if (hadErrors) clearErrors();
    }
    // The begrundelse comes from the server in the page's language: ask again.
    if (lastResult) check({ keepFocus: true });
    try { localStorage.setItem('pligt.lang', lang); } catch { /* private mode */ }
  }

  // ---------------------------------------------------------------- JSON in and out
  function loadJsonText(text) {
    const area = $('#case-json');
    const out = $('#case-json-error');
    out.hidden = true;
    area.removeAttribute('aria-invalid');
    let c;
    try {
      c = JSON.parse(text);
      if (!c || typeof c !== 'object' || Array.isArray(c)) throw new Error(t('notAnObject'));
    } catch (e) {
      out.textContent = e instanceof SyntaxError ? t('badJson', e.message) : e.message;
      out.hidden = false;
      area.setAttribute('aria-invalid', 'true');
      area.focus();
      return;
    }
    formFromCase(c);
    check();
  }

  function download() {
    if (!lastResult) return;
    const blob = new Blob([JSON.stringify(lastResult, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const name = `pligt-${String(lastResult.case ?? lastResult.municipality).replace(/[^\w.-]+/g, '_')}-${lastResult.as_of}.json`;
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // The case as typed, as a file to keep or send (loaded again through
  // "Indlæs fil").
  function saveCase() {
    const c = caseFromForm();
    const blob = new Blob([JSON.stringify(c, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const name = `sag-${String(c.id || c.municipality || 'ny').replace(/[^\w.-]+/g, '_')}.json`;
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // The checklist of one case, or the caseload: one view at a time.
  function showView(view) {
    $('#view-case').hidden = view !== 'case';
    $('#view-caseload').hidden = view !== 'caseload';
    for (const b of $$('.view-btn')) {
      if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    }
    (view === 'case' ? $('#case-id') : $('#caseload-title')).focus({ preventScroll: false });
  }

  // ---------------------------------------------------------------- start
  async function getJson(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  }

  async function start() {
    try { const saved = localStorage.getItem('pligt.lang'); if (saved && TEXTS[saved]) lang = saved; } catch { /* none */ }
    combo.init();
    $('#as-of').value = dateField(todayIso());
    applyLanguage(lang);
    $('#case-form').addEventListener('submit', (e) => { e.preventDefault(); check(); });
    $('#add-event').addEventListener('click', () => { const li = addEventRow(); $('select', li).focus(); });
    $('#clear').addEventListener('click', () => { formFromCase({ events: [{}] }); extraFields = {}; $('#case-id').focus(); });
    $('#use-json').addEventListener('click', () => loadJsonText($('#case-json').value));
    $('#case-file').addEventListener('change', async (e) => {
      const file = e.target.files && e.target.files[0];
      if (!file) return;
      try { $('#case-json').value = await file.text(); } catch { $('#case-json-error').textContent = t('fileFailed'); $('#case-json-error').hidden = false; return; }
      e.target.value = '';
      loadJsonText($('#case-json').value);
    });
    $('#show-json').addEventListener('click', () => { $('#case-json').value = JSON.stringify(caseFromForm(), null, 2); $('#case-json').focus(); });
    $('#download').addEventListener('click', download);
    $('#save-case').addEventListener('click', saveCase);
    for (const b of $$('.view-btn')) b.addEventListener('click', () => showView(b.dataset.view));
    $('#print').addEventListener('click', () => window.print());
    $('#toggle-why').addEventListener('click', () => {
      const open = $('#toggle-why').getAttribute('aria-pressed') !== 'true';
      for (const d of $$('#duties details.why')) d.open = open;
      setWhyToggle(open);
    });
    for (const b of $$('.lang-btn')) b.addEventListener('click', () => applyLanguage(b.dataset.lang));
    let reopen = [];
    window.addEventListener('beforeprint', () => { reopen = $$('#duties details.why:not([open])'); for (const d of reopen) d.open = true; });
    window.addEventListener('afterprint', () => { for (const d of reopen) d.open = false; reopen = []; });

    try {
      const [v, m, s] = await Promise.all([getJson('/api/v1/vocabulary'), getJson('/api/v1/municipalities'), getJson('/api/v1/statuses')]);
      statusWords = Array.isArray(s && s.statuses) ? s.statuses : [];
      vocab = normalizeVocabulary(v);
      municipalities = normalizeMunicipalities(m);
    } catch (e) {
      const p = $('#load-error');
      p.textContent = t('loadFailed', e.message);
      p.hidden = false;
      return;
    }
    formFromCase({ events: [{}] });
    caseload = initCaseload({
      t, el, $, lang: () => lang, statusText, announce, eventLabel,
      municipalityName: (id) => (municipalities.find((m) => m.id === id) ?? { name: id }).name,
      openCase: (c, asOf) => {
        formFromCase(c);
        $('#as-of').value = dateField(asOf);
        showView('case');
        check();
      },
    });
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
