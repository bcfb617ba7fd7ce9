// The HTML report in a real browser: Debian's Chromium driven by the pinned playwright-core.
// Makes a short comparison of the default story, writes its report twice (`compare --report`
// and `report RESULTS`), opens it offline and checks that it loads without a console error or
// a failed or outside request, that every chart draws, that every number in the page and in
// the charts equals the results it came from, and that `report --pdf` prints it. Leaves
// report.png and report.pdf in --work for inspection.
//
//   node report_page.test.mjs --txsim BIN --web DIR --chromium BIN --work DIR
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const options = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) options[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const key of ['txsim', 'web', 'chromium', 'work']) assert.ok(options[key], `missing --${key}`);
const { chromium } = createRequire(path.resolve(options.web, 'package.json'))('playwright-core');

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok: ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED: ${name}\n${error.stack || error}`);
  }
}

function txsim(...args) {
  const run = spawnSync(options.txsim, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `txsim ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run;
}

function pointer(root, path) {
  return path.split('/').slice(1).reduce((o, key) => (o == null ? undefined : o[key]), root);
}

// Same page apart from when and how it was written (the provenance section) and the
// assumptions table, which needs the scenario that only `compare --report` has at hand.
function withoutProvenance(html) {
  return html.replace(/<section id="provenance">[\s\S]*?<\/section>/, '')
    .replace(/<section id="assumptions">[\s\S]*?<\/section>\n/, '')
    .replace('<a href="#assumptions">Assumptions</a> ', '');
}

fs.rmSync(options.work, { recursive: true, force: true });
fs.mkdirSync(options.work, { recursive: true });
const results = path.join(options.work, 'results');
const fromCompare = path.join(options.work, 'compare-report.html');
const fromResults = path.join(options.work, 'report.html');
txsim('compare', 'scenarios/default.yaml', '-r', '2', '--threads', '2', '--set', 'horizon.days=60',
      '--out', results, '--report', fromCompare);
txsim('report', results, '-o', fromResults);
const comparison = JSON.parse(fs.readFileSync(path.join(results, 'comparison.json'), 'utf8'));

await check('compare --report adds the assumptions table', () => {
  const html = fs.readFileSync(fromCompare, 'utf8');
  assert.match(html, /<section id="assumptions">/);
  assert.match(html, /contact_types\.billing\.balk_probability<\/code><\/th><td><code>0\.03<\/code>/);
});

await check('compare --report and report RESULTS write the same page', () => {
  assert.equal(withoutProvenance(fs.readFileSync(fromCompare, 'utf8')),
               withoutProvenance(fs.readFileSync(fromResults, 'utf8')));
});

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'txsim-report-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: options.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
try {
  const page = await context.newPage();
  const consoleErrors = [];
  const failedRequests = [];
  const outsideRequests = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  page.on('request', (request) => { if (!request.url().startsWith('file:')) outsideRequests.push(request.url()); });
  await page.goto(pathToFileURL(fromResults).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-charts-ready]', { timeout: 20000 });

  await check('the page loads with no console error, failed request or request outside the file', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(outsideRequests, []);
  });

  await check('the page carries the results it was made from', async () => {
    const embedded = await page.evaluate(() => JSON.parse(document.getElementById('txsim-results').textContent));
    assert.deepEqual(embedded, comparison);
  });

  await check('every section is there, with a summary per policy', async () => {
    for (const id of ['summary', 'scorecard', 'tradeoffs', 'months', 'business-case', 'policies', 'provenance'])
      assert.ok(await page.$(`section#${id}`), `section ${id}`);
    assert.equal(await page.locator('article.policy-summary').count(), comparison.policies.length - 1);
  });

  await check('every chart draws something non-empty', async () => {
    const charts = await page.evaluate(() => Array.from(document.querySelectorAll('[data-chart]')).map((element) => {
      const svg = element.querySelector('svg');
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return { kind: element.dataset.chart, series: element.dataset.series || '', width: box.width,
               height: box.height, shapes: svg ? svg.querySelectorAll('path, circle, line, rect').length : 0 };
    }));
    assert.ok(charts.length >= 9, `only ${charts.length} charts`);
    assert.equal(Number(await page.getAttribute('body', 'data-charts-ready')), charts.length);
    for (const c of charts) {
      assert.ok(c.width > 100 && c.height > 100, `${c.kind} ${c.series}: ${c.width} x ${c.height}`);
      assert.ok(c.shapes > 10, `${c.kind} ${c.series}: only ${c.shapes} shapes`);
    }
  });

  await check('every number in the text equals the results, rounded as shown', async () => {
    const numbers = await page.$$eval('span.num', (spans) => spans.map((s) => ({
      path: s.dataset.path, value: s.dataset.value, scale: s.dataset.scale, decimals: s.dataset.decimals,
      text: s.textContent })));
    assert.ok(numbers.length > 200, `only ${numbers.length} numbers`);
    for (const n of numbers) {
      const source = pointer(comparison, n.path);
      assert.equal(typeof source, 'number', `${n.path}: no number in the results`);
      assert.equal(Number(n.value), source, `${n.path}: data-value ${n.value}, results ${source}`);
      const shown = Number(n.text.replace(/,/g, '').replace(/^\+/, ''));
      const exact = source * Number(n.scale);
      const tolerance = 0.5 * 10 ** -Number(n.decimals) * (1 + 1e-9) + 1e-12 * Math.abs(exact);
      assert.ok(Math.abs(shown - exact) <= tolerance, `${n.path}: shows ${n.text}, results ${exact}`);
    }
  });

  await check('every chart plots the values of the results', async () => {
    const options = await page.evaluate(() => Array.from(document.querySelectorAll('[data-chart]')).map((element, i) => ({
      kind: element.dataset.chart, series: element.dataset.series, scale: Number(element.dataset.scale || 1),
      data: window.txsimReport.charts[i].getOption().series.map((s) => s.data) })));
    const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    for (const chart of options) {
      if (chart.kind === 'month') {
        comparison.policies.forEach((p, i) => p.months.forEach((m, k) =>
          close(chart.data[i][k], pointer(m, `/${chart.series}/mean`) * chart.scale, `${chart.series} ${p.name} month ${k}`)));
      } else if (chart.kind === 'cashflow') {
        comparison.policies.slice(1).forEach((p, i) => p.months.forEach((m, k) =>
          close(chart.data[2 * i][k], -m.business_case.total_cost_incl_churn.diff, `saving of ${p.name} month ${k}`)));
      } else if (chart.kind === 'tradeoff') {
        const points = chart.data[1];
        comparison.policies.slice(1).forEach((p, i) => {
          close(points[i].value[0], p.scores.cx.diff, `${p.name} CX difference`);
          close(points[i].value[1], p.scores.ex.diff, `${p.name} EX difference`);
        });
      }
    }
  });

  await page.screenshot({ path: path.join(options.work, 'report.png'), fullPage: true });
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

await check('report --pdf prints the page through headless Chromium', () => {
  const pdf = path.join(options.work, 'report.pdf');
  spawnSync(options.txsim, ['report', results, '-o', path.join(options.work, 'printed.html'), '--pdf', pdf],
            { encoding: 'utf8', env: { ...process.env, TXSIM_CHROMIUM: options.chromium } });
  const bytes = fs.readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 50000, `only ${bytes.length} bytes`);
  assert.ok(!fs.existsSync(pdf + '.partial'));
});
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
