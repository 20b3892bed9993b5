// The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium), driven headless by
// playwright-core, loads the sample corpus's report from disk and checks the page: every
// diagnostic, corroboration and document present, no script error, no network request, no
// serious or critical WCAG 2.1 A/AA violation (axe-core), no horizontal scrolling at 390 px, and
// keyboard navigation, skipped passages marked in words in the shown paragraphs, and the other
// claims summarised per subject; it writes screenshots to tests/browser/out/ (desktop and phone; with
// FACTLINT_SCREENSHOTS=docs also docs/report-desktop.png, the README's). Run from .ci/run after cargo test (which builds the binary).
//
// FACTLINT_REPORT=path.html node --test report.test.mjs times the first screen of another report
// (the generated 10 MB corpus's) and prints the page's performance timings.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(here, 'out');
const bin = process.env.FACTLINT_BIN ?? path.join(repo, 'target/debug/factlint');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// as root in CI: no sandbox; nothing that phones home
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** `factlint check examples/corpus --format F` (exit 1: the corpus has planted conflicts). */
function check(format) {
  try {
    return execFileSync(bin, ['check', 'examples/corpus', '--format', format], {
      cwd: repo, maxBuffer: 1 << 28, encoding: 'utf8',
    });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
}

let profile, context, expected, reportUrl;
const requests = [];

before(async () => {
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'sample.html');
  writeFileSync(file, check('html'));
  expected = JSON.parse(check('json'));
  reportUrl = pathToFileURL(file).href;
  profile = mkdtempSync(path.join(tmpdir(), 'factlint-chromium-'));
  // a new, empty --user-data-dir (playwright passes it for a persistent context)
  context = await chromium.launchPersistentContext(profile, {
    executablePath, args, headless: true, bypassCSP: true, // (to inject axe-core)
    viewport: { width: 1280, height: 1400 },
  });
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:')) requests.push(u);
  });
  await context.addInitScript(() => {
    window.__errors = [];
    window.onerror = (msg, src, line) => { window.__errors.push(`${msg} at ${src}:${line}`); };
    window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(url, viewport) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

test('every diagnostic, corroboration and document is on the page', async () => {
  const { page, errors } = await open(reportUrl);
  const msgs = await page.$$eval('article.diag .msg', (ps) => ps.map((p) => p.textContent));
  assert.equal(msgs.length, expected.diagnostics.length);
  assert.ok(expected.diagnostics.length >= 8, 'the sample corpus plants one conflict a rule');
  for (const d of expected.diagnostics) {
    assert.ok(msgs.includes(d.message), `diagnostic missing: ${d.message}`);
  }
  const helps = await page.$$eval('article.diag .help', (ps) => ps.map((p) => p.textContent));
  for (const d of expected.diagnostics) {
    assert.ok(helps.some((h) => h.includes(d.help)), `arithmetic missing: ${d.help}`);
  }
  const agreements = await page.$$eval('article.agreement', (a) => a.map((x) => x.getAttribute('aria-label')));
  assert.equal(agreements.length, expected.corroborations.length);
  for (const c of expected.corroborations) {
    assert.ok(agreements.includes(`Agreement on ${c.subject}: ${c.value}`), `${c.subject} = ${c.value}`);
  }
  const docs = await page.$$eval('#documents article.doc h3', (h) => h.map((x) => x.textContent));
  assert.deepEqual(docs, expected.documents.map((d) => d.path));
  // every labelled claim links to its paragraph, which is on the page and marks the claim
  const links = await page.$$eval('li.claim .note a', (as) => as.map((a) => a.getAttribute('href')));
  const labels = expected.diagnostics.reduce((n, d) => n + d.labels.length, 0)
    + expected.corroborations.reduce((n, c) => n + c.sources.length, 0);
  assert.equal(links.length, labels);
  for (const href of new Set(links)) {
    assert.match(href, /^#p\d+-\d+$/);
    assert.equal(await page.locator(`${href} mark`).count() > 0, true, href);
  }
  // what the corpus stage skipped inside a shown paragraph is said in words, not only counted:
  // the sample's doubled Vísir page folds repeats next to a labelled claim
  const skips = await page.$$eval('#documents .para .elided', (s) => s.map((x) => x.textContent));
  assert.ok(skips.length >= 1, 'a skipped passage is marked in a shown paragraph');
  for (const s of skips) assert.match(s, /^\[skipped: (page furniture \([\w-]+\)|a repeat, folded), \d+ bytes(: “.+”)?\]$/);
  // and shown in the text's flow, where it was skipped
  const marker = page.locator('#documents .para .elided').first();
  await marker.scrollIntoViewIfNeeded();
  const box = await marker.boundingBox();
  assert.ok(box && box.x >= 0 && box.width > 0, `the marker is on the page: ${JSON.stringify(box)}`);
  // the claims no conflict or agreement names: summarised a row a subject, none of them again
  const others = await page.$$eval('#others tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.ok(others.length >= 1, 'other claims are summarised');
  const labelled = new Set(expected.diagnostics.map((d) => d.subject).concat(expected.corroborations.map((c) => c.subject)));
  for (const [subject, values, sources] of others) {
    assert.ok(!labelled.has(subject), `${subject} has a section of its own`);
    assert.match(values, /\(×\d+\)/);
    assert.match(sources, /^\d+$/);
  }
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [], 'the page makes no network request');
  await page.screenshot({ path: path.join(out, 'desktop.png') });
  // FACTLINT_SCREENSHOTS=docs renews the README's picture
  if (process.env.FACTLINT_SCREENSHOTS === 'docs') {
    await page.screenshot({ path: path.join(repo, 'docs/report-desktop.png') });
    // and the first subject with a timeline, as a desk reads a conflict
    await page.locator('section.subject:has(figure)').first().screenshot({ path: path.join(repo, 'docs/report-subject.png') });
  }
  await page.screenshot({ path: path.join(out, 'desktop-full.png'), fullPage: true });
  await page.close();
});

test('axe-core finds no serious or critical WCAG 2.1 A/AA violation', async () => {
  const { page } = await open(reportUrl);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const said = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target}`);
  assert.deepEqual(said, []);
  console.log(`axe-core ${result.testEngine.version}: ${result.passes.length} rules pass, `
    + `${result.violations.length} violations (${result.violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'})`);
  await page.close();
});

test('a phone (390 px) scrolls no sideways', async () => {
  const { page } = await open(reportUrl, { width: 390, height: 844 });
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `page is ${scroll} px wide in a ${client} px window`);
  await page.screenshot({ path: path.join(out, 'phone.png') });
  await page.screenshot({ path: path.join(out, 'phone-full.png'), fullPage: true });
  await page.close();
});

test('keyboard: the skip link comes first and takes the reader to the subjects', async () => {
  const { page } = await open(reportUrl);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the subjects');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#subjects');
  // the next stops are links; following a claim's link focuses its paragraph
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'A');
  const href = await page.getAttribute('li.claim .note a', 'href');
  await page.focus('li.claim .note a');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), href);
  await page.close();
});

test('the archive view (sources --format html): axe-core and a phone', async () => {
  const db = path.join(profile, 'archive.db');
  execFileSync(bin, ['index', 'examples/corpus', '--db', db], { cwd: repo });
  const file = path.join(out, 'sources.html');
  writeFileSync(file, execFileSync(bin, ['sources', '--db', db, 'travel@kim', '--format', 'html'], { cwd: repo, encoding: 'utf8' }));
  const { page, errors } = await open(pathToFileURL(file).href, { width: 390, height: 844 });
  assert.ok(await page.locator('section.subject').count() >= 1);
  assert.ok(await page.getByText('✗ disagrees:').count() >= 1, 'the dissenting outlet is said in words');
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `page is ${scroll} px wide in a ${client} px window`);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact})`), []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(out, 'sources-phone.png') });
  await page.close();
});

test('first screen of a large report', { skip: !process.env.FACTLINT_REPORT }, async () => {
  const file = path.resolve(process.env.FACTLINT_REPORT);
  // (the generated 10 MB corpus's report: under 20 MB, its first screen within 3 s)
  assert.ok(statSync(file).size < 20e6, `the page is ${statSync(file).size} bytes`);
  const url = pathToFileURL(file).href;
  const started = Date.now();
  const { page } = await open(url);
  const wall = Date.now() - started;
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    return {
      responseEnd: nav.responseEnd, domInteractive: nav.domInteractive,
      domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
      firstPaint: paint['first-paint'], firstContentfulPaint: paint['first-contentful-paint'],
      elements: document.getElementsByTagName('*').length,
    };
  });
  console.log(JSON.stringify({ ...t, wallToLoadMs: wall }));
  assert.ok(t.firstContentfulPaint < 3000, `first contentful paint ${t.firstContentfulPaint} ms`);
  await page.screenshot({ path: path.join(out, 'large-first-screen.png') });
  await page.close();
});
