// Tests of syntaxes/pligt.tmLanguage.json, tokenized as VS Code does it
// (vscode-textmate with the Oniguruma regex engine). Run: npm test.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const extensionDir = path.join(__dirname, '..');
const repoDir = path.join(extensionDir, '..', '..');
const grammarPath = path.join(extensionDir, 'syntaxes', 'pligt.tmLanguage.json');

let grammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  // Only the file's own bytes: a Buffer may be a view into a larger pool.
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.pligt' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  grammar = await registry.loadGrammar('source.pligt');
});

// The tokens of each line of `text`: {text, start, scopes}.
function tokenize(text) {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes }));
  });
}

// Asserts the scopes of tokens of one line, given as [text, scope…] with the
// innermost scopes last and source.pligt left out. Each text is looked for
// after the previous one and must be a token of its own; one expected with no
// scope may lie within a longer unscoped token (plain names and blanks are
// one token).
function expectScopes(line, expected) {
  const tokens = tokenize(line)[0];
  let from = 0;
  for (const [text, ...scopes] of expected) {
    const at = line.indexOf(text, from);
    assert.notEqual(at, -1, `no ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
    const token = tokens.find((t) => t.start <= at && at < t.start + t.text.length);
    const whole = scopes.length ? token.text === text : token.text.includes(text);
    assert.ok(whole, `${JSON.stringify(text)} is not a token of its own: ${describe(tokens)}`);
    assert.deepEqual(token.scopes, ['source.pligt', ...scopes], `the scopes of ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
    from = at + text.length;
  }
}

function describe(tokens) {
  return tokens.map((t) => `[${t.text}|${t.scopes.slice(1).join(' ')}]`).join('');
}

const string = (text) => [
  ['"', 'string.quoted.double.pligt', 'punctuation.definition.string.begin.pligt'],
  [text, 'string.quoted.double.pligt'],
  ['"', 'string.quoted.double.pligt', 'punctuation.definition.string.end.pligt'],
];

// The lines below are taken from rules/*.pligt and rules/tests/*.pligt.

test('a comment, whole line and after a clause', () => {
  expectScopes('  # Retsinformation marks each paragraph of a consolidation with an id made', [
    ['#', 'comment.line.number-sign.pligt', 'punctuation.definition.comment.pligt'],
    [' Retsinformation marks each paragraph of a consolidation with an id made', 'comment.line.number-sign.pligt'],
  ]);
  expectScopes('    effort 0.25 hours  # estimate for simulation', [
    ['effort', 'keyword.other.pligt'],
    ['0.25', 'constant.numeric.pligt'],
    ['hours', 'keyword.other.unit.pligt'],
    ['#', 'comment.line.number-sign.pligt', 'punctuation.definition.comment.pligt'],
    [' estimate for simulation', 'comment.line.number-sign.pligt'],
  ]);
});

test('a duty, its name and its Danish title', () => {
  expectScopes('  duty child_investigation "Børnefaglig undersøgelse" {', [
    ['duty', 'storage.type.duty.pligt'],
    ['child_investigation', 'entity.name.function.duty.pligt'],
    ...string('Børnefaglig undersøgelse'),
    ['{', 'punctuation.section.braces.begin.pligt'],
  ]);
});

test('a law and its period in force', () => {
  expectScopes('law serviceloven "Lov om social service, kapitel 11" {', [
    ['law', 'storage.type.law.pligt'],
    ['serviceloven', 'entity.name.type.law.pligt'],
    ...string('Lov om social service, kapitel 11'),
  ]);
  expectScopes('  in force 2011-01-01 to 2023-12-31', [
    ['in', 'keyword.other.pligt'],
    ['force', 'keyword.other.pligt'],
    ['2011-01-01', 'constant.numeric.date.pligt'],
    ['to', 'keyword.other.pligt'],
    ['2023-12-31', 'constant.numeric.date.pligt'],
  ]);
});

test('deadlines: within 4 months, working days, before age', () => {
  expectScopes('    due within 4 months', [
    ['due', 'keyword.other.pligt'],
    ['within', 'keyword.control.pligt'],
    ['4', 'constant.numeric.pligt'],
    ['months', 'keyword.other.unit.pligt'],
  ]);
  expectScopes('    due within 6 working days', [
    ['6', 'constant.numeric.pligt'],
    ['working days', 'keyword.other.unit.pligt'],
  ]);
  expectScopes('    due 6 months before age 18', [
    ['months', 'keyword.other.unit.pligt'],
    ['before', 'keyword.control.pligt'],
    ['age', 'keyword.other.pligt'],
    ['18', 'constant.numeric.pligt'],
  ]);
});

test('waive DUTY where …', () => {
  expectScopes(
    '  waive child_interview where not kind in {placement_without_consent, placement_review} dated by decision_made',
    [
      ['waive', 'keyword.other.pligt'],
      ['child_interview', 'entity.name.function.duty.pligt'],
      ['where', 'keyword.control.pligt'],
      ['not', 'keyword.operator.logical.pligt'],
      ['kind'], // an attribute here, not the declaration keyword
      ['in', 'keyword.operator.in.pligt'],
      ['{', 'punctuation.section.braces.begin.pligt'],
      [',', 'punctuation.separator.comma.pligt'],
      ['}', 'punctuation.section.braces.end.pligt'],
      ['dated', 'keyword.other.pligt'],
      ['by', 'keyword.other.pligt'],
    ],
  );
  expectScopes('    on decision_made where kind == placement and age >= 16', [
    ['on', 'keyword.other.pligt'],
    ['==', 'keyword.operator.comparison.pligt'],
    ['and', 'keyword.operator.logical.pligt'],
    ['age', 'variable.language.age.pligt'],
    ['>=', 'keyword.operator.comparison.pligt'],
  ]);
});

test('expect lines: status, date, date-time, none', () => {
  expectScopes('  expect confirm_receipt met due 2024-04-30', [
    ['expect', 'keyword.other.pligt'],
    ['confirm_receipt', 'entity.name.function.duty.pligt'],
    ['met', 'constant.language.status.pligt'],
    ['due', 'keyword.other.pligt'],
    ['2024-04-30', 'constant.numeric.date.pligt'],
  ]);
  expectScopes('  expect assess_notification met due 2024-01-02T08:00', [
    ['2024-01-02T08:00', 'constant.numeric.date.pligt'],
  ]);
  expectScopes('  expect notifier_feedback met due none cite "BL § 138, stk. 2"', [
    ['none', 'constant.language.none.pligt'],
    ['cite', 'keyword.other.pligt'],
    ...string('BL § 138, stk. 2'),
  ]);
  expectScopes('  expect no child_investigation instance 2 overdue', [
    ['no', 'keyword.other.pligt'],
    ['child_investigation', 'entity.name.function.duty.pligt'],
    ['instance', 'keyword.other.pligt'],
    ['2', 'constant.numeric.pligt'],
    ['overdue', 'constant.language.status.pligt'],
  ]);
});

test('vocabulary items, calendars and municipalities', () => {
  expectScopes('  fact birthdate: date "Barnets fødselsdato"', [
    ['fact', 'storage.type.fact.pligt'],
    ['birthdate', 'entity.name.variable.fact.pligt'],
    [':', 'punctuation.separator.key-value.pligt'],
    ['date', 'support.type.primitive.pligt'],
    ...string('Barnets fødselsdato'),
  ]);
  expectScopes('  holiday "Skærtorsdag" on easter - 3 days', [
    ['holiday', 'keyword.other.pligt'],
    ['easter', 'keyword.other.pligt'],
    ['-', 'keyword.operator.arithmetic.pligt'],
    ['days', 'keyword.other.unit.pligt'],
  ]);
  expectScopes('  holiday "Juledag" on 12-25', [['12-25', 'constant.numeric.date.month-day.pligt']]);
  expectScopes('  population 60000 source "Danmarks Statistik, FOLK1A, 2024K1"', [
    ['population', 'keyword.other.pligt'],
    ['60000', 'constant.numeric.pligt'],
    ['source', 'constant.language.provenance.pligt'],
  ]);
  expectScopes('municipality ikast-brande "Ikast-Brande" {', [
    ['municipality', 'storage.type.municipality.pligt'],
    ['ikast-brande', 'entity.name.type.municipality.pligt'],
  ]);
});

test('escapes in a text, and a text left open ends with its line', () => {
  const [line, next] = tokenize('  wording "han sagde \\"nej\\" \\\\ ja"\n  due within 3 months');
  assert.deepEqual(
    line.filter((t) => t.scopes.includes('constant.character.escape.pligt')).map((t) => t.text),
    ['\\"', '\\"', '\\\\'],
  );
  assert.ok(line.every((t) => t.start < 10 || t.scopes.includes('string.quoted.double.pligt')), describe(line));
  const [open, after] = tokenize('  short "SEL\n  due within 3 months');
  assert.ok(open.at(-1).scopes.includes('string.quoted.double.pligt'), describe(open));
  assert.deepEqual(after, next);
});

// The words of the language, read from the string literals of the C++
// grammar so that the highlighting cannot fall behind it.
function cppStringLiterals(source) {
  const literals = [];
  for (let i = 0; i < source.length; ) {
    if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 2;
    else if (source[i] === "'") i += source[i + 1] === '\\' ? 4 : 3; // '"', '\\', '\0'
    else if (source[i] === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      literals.push(source.slice(i + 1, j));
      i = j + 1;
    } else i += 1;
  }
  return literals;
}

const cpp = fs.readFileSync(path.join(repoDir, 'dsl', 'grammar_def.hpp'), 'utf8');
const cppLiterals = cppStringLiterals(cpp);
const cppWords = [...new Set(cppLiterals.filter((s) => /^[A-Za-z_]+$/.test(s)))].sort();

// Where the words are looked for in use: the shipped rules, the language's
// documentation and test/samples.pligt, for words none of those use.
function corpus() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.pligt')) files.push([full, fs.readFileSync(full, 'utf8')]);
    }
  };
  walk(path.join(repoDir, 'rules'));
  walk(path.join(repoDir, 'municipalities'));
  const docs = fs.readFileSync(path.join(repoDir, 'docs', 'language.md'), 'utf8');
  const blocks = [...docs.matchAll(/^```pligt\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  files.push(['docs/language.md', blocks.join('\n')]);
  files.push(['test/samples.pligt', fs.readFileSync(path.join(__dirname, 'samples.pligt'), 'utf8')]);
  return files;
}

const keywordScope = /^(keyword|storage\.type|constant\.language)\./;

test('the C++ grammar has words to check', () => {
  // A guard against the parsing above silently finding nothing.
  for (const word of ['duty', 'within', 'expect', 'met', 'lapsed', 'working', 'source', 'none'])
    assert.ok(cppWords.includes(word), `${word} not among ${cppWords.join(' ')}`);
});

test('every word of dsl/grammar_def.hpp is highlighted as a keyword somewhere in use', () => {
  const found = new Set();
  for (const [, text] of corpus()) {
    const lines = tokenize(text);
    for (const tokens of lines)
      for (const token of tokens) {
        if (!token.scopes.some((s) => keywordScope.test(s))) continue;
        for (const word of token.text.match(/[a-z_]+/g) ?? []) found.add(word);
      }
  }
  const missing = cppWords.filter((w) => !found.has(w));
  assert.deepEqual(
    missing,
    [],
    'these words of dsl/grammar_def.hpp are never highlighted as keywords in rules/, municipalities/, ' +
      "docs/language.md's pligt blocks or test/samples.pligt: add them to syntaxes/pligt.tmLanguage.json " +
      '(and a line using each to test/samples.pligt if nothing else uses it)',
  );
});

test('every operator of dsl/grammar_def.hpp is highlighted as one', () => {
  const operators = cppLiterals.filter((s) => /^[=!<>]+$/.test(s));
  assert.deepEqual([...operators].sort(), ['!=', '<', '<=', '==', '>', '>=']);
  for (const op of operators)
    expectScopes(`  on e where a ${op} 1`, [[op, 'keyword.operator.comparison.pligt']]);
});
