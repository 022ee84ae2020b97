// End-to-end tests of the page `pligt serve` embeds: Debian's chromium driven
// by playwright-core, against the real server on a free loopback port.
//
//   node tests/e2e/web.spec.mjs build/pligt
//
// Starts `PLIGT serve --port 0`, reads the port from its "listening on" log
// line, waits for /healthz, runs every test in a fresh browser profile, stops
// the server and prints "N passed, M failed" last. Exit status 1 on any
// failure. Every wait is bounded. The page may only reach the server: any
// other request fails the test that made it.
// E2E_SERVER_URL=http://127.0.0.1:PORT uses a running server instead;
// E2E_SCREENSHOTS=DIR saves a screenshot after each test.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binary = resolve(process.argv[2] || join(root, 'build/pligt'));
const screenshots = process.env.E2E_SCREENSHOTS;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 10_000;     // one action or expectation
const TEST_MS = 60_000;     // one test
const START_MS = 20_000;    // the server's start

const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
// A golden file of `pligt check --json`: the command line, the JSON, the exit status.
const golden = (path) => {
  const text = readFileSync(join(root, path), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n{') + 1, text.lastIndexOf('\n}') + 2));
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); })])
    .finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------ the server
async function startServer() {
  if (process.env.E2E_SERVER_URL) return { url: process.env.E2E_SERVER_URL.replace(/\/$/, ''), stop: async () => {} };
  const child = spawn(binary, ['serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await withTimeout(new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolveUrl(m[1].replace(/\/$/, ''));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${binary} serve exited with ${code} before listening:\n${log}`)));
  }), START_MS, `${binary} serve to say where it listens`).catch((e) => { child.kill('SIGKILL'); throw e; });
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    child.kill('SIGKILL');
    throw new Error(`the server listens on ${host}, not on loopback`);
  }
  const deadline = Date.now() + START_MS;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`${url}/healthz did not answer:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await withTimeout(exited, 5000, 'the server to stop').catch(() => child.kill('SIGKILL'));
  };
  return { url, stop };
}

// ------------------------------------------------------------------ helpers on the page
async function openPage(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  // The browser logs each 4xx answer; the page's own errors are what counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) page.problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${url}/`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

async function chooseMunicipality(page, typed, expected) {
  const input = page.getByRole('combobox', { name: /Kommune|Municipality/ });
  await input.fill('');
  await input.pressSequentially(typed);
  await page.getByRole('option', { name: new RegExp(expected) }).first().waitFor();
  await input.press('ArrowDown');
  await input.press('Enter');
  assert.equal(await input.inputValue(), expected);
}

// Fills event row `i` (0-based), adding it when needed.
async function fillEvent(page, i, { event, date, time, check = [] }) {
  const rows = page.locator('#events > li');
  if (await rows.count() <= i) await page.getByRole('button', { name: 'Tilføj hændelse' }).click();
  const row = rows.nth(i);
  await row.getByLabel(`Hændelse ${i + 1}`, { exact: true }).selectOption(event);
  if (date !== undefined) await row.getByLabel('Dato', { exact: true }).fill(date);
  if (time !== undefined) await row.getByLabel('Klokkeslæt (valgfrit)').fill(time);
  for (const label of check) await row.getByLabel(label).check();
}

const duty = (page, id) => page.locator(`#duties > li[data-duty="${id}"]`);

// ------------------------------------------------------------------ the tests
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('fill the form for the Gladsaxe 2019 example and see the investigation waived with its basis', async ({ context, url }) => {
  const page = await openPage(context, url);
  const expected = golden('tests/golden/check/gladsaxe_2019_waived.expected');
  const investigation = expected.duties.find((d) => d.duty === 'child_investigation');

  await page.getByLabel('Sagsnummer (valgfrit)').fill('gladsaxe-2019-17');
  await chooseMunicipality(page, 'glads', 'Gladsaxe Kommune');
  await page.getByLabel('Opgjort pr. dato').fill('2019-06-01');
  await page.getByLabel('Barnets fødselsdato').fill('2011-05-14');
  await fillEvent(page, 0, { event: 'notification_received', date: '2019-03-04', time: '09:30', check: ['Underretter er fagperson'] });
  await fillEvent(page, 1, { event: 'notification_assessed', date: '2019-03-04', time: '15:10' });
  await fillEvent(page, 2, { event: 'receipt_confirmed', date: '2019-03-06' });
  await fillEvent(page, 3, { event: 'concern_registered', date: '2019-03-05' });
  await page.getByRole('button', { name: 'Tjek sagen' }).click();

  const card = duty(page, 'child_investigation');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'waived');
  assert.equal((await card.locator('.badge').innerText()).trim().toLowerCase(), 'frafaldet');
  const text = await card.innerText();
  assert.ok(text.includes('Børnefaglig undersøgelse'), text);
  assert.ok(text.includes('frikommune_boern'), text);
  assert.ok(text.includes(investigation.waived_by.basis), `the basis is shown:\n${text}`);
  assert.ok(text.includes('Socialfaglig vurdering (frikommuneforsøg)'), `replaced by the assessment:\n${text}`);
  // The citation links to the text of the version in force on the trigger's date.
  assert.equal(investigation.cite_url, 'https://www.retsinformation.dk/eli/lta/2018/1114');
  const cite = card.getByRole('link', { name: investigation.cite });
  assert.equal(await cite.getAttribute('href'), investigation.cite_url);
  // The why lines on demand.
  const why = card.locator('details.why li').first();
  assert.equal(await why.isVisible(), false, 'why lines start hidden');
  await card.getByText('Hvorfor?').click();
  await why.waitFor({ state: 'visible' });
  assert.equal(await why.innerText(), investigation.why[0]);
  // The trial's assessment has no statutory deadline, and says so instead of counting days.
  const assessment = await duty(page, 'child_assessment').innerText();
  assert.ok(assessment.includes('ingen lovbestemt frist'), assessment);
  assert.ok(!assessment.includes('dage tilbage'), assessment);

  // Download: exactly the API's result, the same as `pligt check --json`.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent resultatet som JSON' }).click()]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(saved, expected);
  return page;
});

test('paste the Aarhus case and see it overdue', async ({ context, url }) => {
  const page = await openPage(context, url);
  await page.getByLabel('Opgjort pr. dato').fill('2019-07-06');
  await page.getByText('Indsæt eller indlæs en sag som JSON').click();
  await page.getByLabel('Sag (JSON)').fill(readFileSync(join(root, 'examples/aarhus_concern_2019.json'), 'utf8'));
  await page.getByRole('button', { name: 'Indlæs i formularen og tjek' }).click();

  const card = duty(page, 'child_investigation');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'overdue');
  assert.equal((await card.locator('.badge').innerText()).trim().toLowerCase(), 'overskredet');
  assert.ok((await card.innerText()).includes('2019-07-05 — 1 dag overskredet'), await card.innerText());
  // The pasted case is now in the form.
  assert.equal(await page.getByRole('combobox', { name: 'Kommune' }).inputValue(), 'Aarhus Kommune');
  assert.equal(await page.locator('#events > li').count(), 4);
  // Every duty the CLI reports, with its status.
  const expected = golden('tests/golden/check/aarhus_2019_overdue.expected');
  const shown = await page.locator('#duties > li').evaluateAll((lis) => lis.map((li) => [li.dataset.duty, li.dataset.status]));
  assert.deepEqual(shown, expected.duties.map((d) => [d.duty, d.status]));
  // The citation links to the consolidation in force for this case (2019),
  // the address the answer gives, not to a later one.
  const link = card.getByRole('link', { name: expected.duties.find((d) => d.duty === 'child_investigation').cite });
  assert.equal(await link.getAttribute('href'), expected.duties.find((d) => d.duty === 'child_investigation').cite_url);
  assert.equal(await link.getAttribute('href'), 'https://www.retsinformation.dk/eli/lta/2018/1114');
  return page;
});

test('submit a broken case and see the error next to the field', async ({ context, url }) => {
  const page = await openPage(context, url);
  await chooseMunicipality(page, '751', 'Aarhus Kommune');
  await page.getByLabel('Opgjort pr. dato').fill('2019-06-01');
  await fillEvent(page, 0, { event: 'notification_received', date: '2019-03-04', check: ['Underretter er fagperson'] });
  await fillEvent(page, 1, { event: 'concern_registered' });   // no date
  await page.getByRole('button', { name: 'Tjek sagen' }).click();

  await page.locator('#error-summary').waitFor({ state: 'visible' });
  const date = page.locator('#events > li').nth(1).getByLabel('Dato', { exact: true });
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  const describedBy = (await date.getAttribute('aria-describedby')) || '';
  const message = page.locator(`[id="${describedBy.split(' ').pop()}"]`);
  assert.ok(/is not a date|date/i.test(await message.innerText()), await message.innerText());
  // Next to the field: in the same labelled field box.
  const sameField = await date.evaluate((el, id) => el.closest('.field').contains(document.getElementById(id)), describedBy.split(' ').pop());
  assert.ok(sameField, 'the message sits in the date field');
  assert.equal(await page.locator('#result').isVisible(), false);
  // The summary links to the field.
  await page.locator('#error-list a').first().click();
  assert.equal(await date.evaluate((el) => el === document.activeElement), true);

  // A pasted case with a misspelt event: the error sits by that event's select.
  await page.getByText('Indsæt eller indlæs en sag som JSON').click();
  await page.getByLabel('Sag (JSON)').fill(readFileSync(join(root, 'tests/golden/check/unknown_event.json'), 'utf8'));
  await page.getByRole('button', { name: 'Indlæs i formularen og tjek' }).click();
  const select = page.locator('#events > li').nth(1).getByLabel('Hændelse 2', { exact: true });
  await page.locator('#events > li').nth(1).locator('.field-error').first().waitFor();
  assert.equal(await select.getAttribute('aria-invalid'), 'true');
  const near = await select.evaluate((el) => el.closest('.field').querySelector('.field-error').textContent);
  assert.ok(near.includes("did you mean 'concern_registered'"), near);
  assert.equal(await page.locator('#error-list li').count(), 3);

  // Malformed JSON is caught before sending, next to the text area.
  await page.getByLabel('Sag (JSON)').fill('{"municipality": ');
  await page.getByRole('button', { name: 'Indlæs i formularen og tjek' }).click();
  await page.locator('#case-json-error').waitFor({ state: 'visible' });
  assert.equal(await page.getByLabel('Sag (JSON)').getAttribute('aria-invalid'), 'true');
  return page;
});

test('the municipality picker lists all 98 and finds one by kommunekode', async ({ context, url }) => {
  const page = await openPage(context, url);
  const input = page.getByRole('combobox', { name: 'Kommune' });
  await input.focus();
  await input.press('ArrowDown');
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 98);
  await input.fill('0756');
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 1);
  assert.ok((await page.getByRole('listbox').getByRole('option').innerText()).includes('Ikast-Brande'));
  await input.press('Enter');
  assert.equal(await input.inputValue(), 'Ikast-Brande Kommune');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  return page;
});

test('English labels, keyboard use, labelled fields, contrast and a clean print', async ({ context, url }) => {
  const page = await openPage(context, url);
  // As-of defaults to today.
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  assert.equal(await page.getByLabel('Opgjort pr. dato').inputValue(), today);

  // The whole case by keyboard: pick, type, submit with Enter.
  await page.getByLabel('Sagsnummer (valgfrit)').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type('gladsaxe');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('combobox', { name: 'Kommune' }).inputValue(), 'Gladsaxe Kommune');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'as-of');
  await page.getByLabel('Opgjort pr. dato').fill('2019-06-01');
  await fillEvent(page, 0, { event: 'concern_registered', date: '2019-03-05' });
  await page.getByLabel('Dato', { exact: true }).press('Enter');
  await duty(page, 'child_investigation').waitFor();
  assert.equal(await duty(page, 'child_investigation').getAttribute('data-status'), 'waived');

  // Focus is visible.
  await page.getByRole('button', { name: 'Udskriv' }).focus();
  const outline = await page.getByRole('button', { name: 'Udskriv' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');

  // Every form control has a label.
  const unlabelled = await page.locator('input, select, textarea').evaluateAll((els) => els
    .filter((el) => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML));
  assert.deepEqual(unlabelled, []);

  // Status text on its colour, and all visible text, at 4.5:1 or more.
  const lowContrast = await page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((a, c, i) => a + c * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
      return [255, 255, 255];
    };
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
  assert.deepEqual(lowContrast, []);

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Check the case' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal((await duty(page, 'child_investigation').locator('.badge').innerText()).trim().toLowerCase(), 'waived');
  assert.ok(await page.getByRole('combobox', { name: 'Municipality' }).isVisible());
  await page.getByRole('button', { name: 'Dansk' }).click();
  await page.getByRole('button', { name: 'Tjek sagen' }).waitFor();

  // Print: the checklist alone, the why lines open.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('#case-form').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Udskriv' }).isVisible(), false);
  assert.equal(await duty(page, 'child_investigation').locator('details.why li').first().isVisible(), true);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  return page;
});

// ------------------------------------------------------------------ the runner
async function main() {
  let passed = 0;
  let failed = 0;
  let server;
  let context;
  const profile = mkdtempSync(join(tmpdir(), 'pligt-e2e-'));
  const watchdog = setTimeout(() => { console.error('e2e: gave up after 5 minutes'); process.exit(1); }, 300_000);
  watchdog.unref();
  try {
    server = await startServer();
    context = await withTimeout(chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
      locale: 'da-DK',
    }), START_MS, 'chromium to start');
    const serverOrigin = new URL(server.url).origin;
    if (screenshots) mkdirSync(screenshots, { recursive: true });

    for (const [n, { name, fn }] of tests.entries()) {
      const outside = [];
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith(`${serverOrigin}/`) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
        outside.push(u);
        return route.abort();
      });
      let page;
      try {
        page = await withTimeout(fn({ context, url: server.url }), TEST_MS, name);
        assert.deepEqual(outside, [], 'the page requested nothing but its server');
        assert.deepEqual(page.problems, [], 'no script errors');
        passed++;
        console.log(`ok ${n + 1} - ${name}`);
      } catch (e) {
        failed++;
        console.log(`not ok ${n + 1} - ${name}\n  ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
      } finally {
        const pages = context.pages();
        const last = page || pages[pages.length - 1];
        if (screenshots && last) await last.screenshot({ path: join(screenshots, `${n + 1}.png`), fullPage: true }).catch(() => {});
        for (const p of pages) await p.close().catch(() => {});
        await context.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
      }
    }
  } catch (e) {
    failed++;
    console.log(`not ok - setup\n  ${String(e && e.stack || e).split('\n').slice(0, 8).join('\n  ')}`);
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
