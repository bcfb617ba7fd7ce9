// The HTML report in a real browser: Debian's Chromium driven by the pinned playwright-core.
// Makes a short comparison of the default story, writes its report twice (`compare --report`
// and `report RESULTS`) and checks they are the same page; then adds hand-made uncertainty
// results (tests/data/report/uncertainty.json, made to match the study) beside the comparison,
// opens `report RESULTS` offline and checks that it loads without a console error or a failed
// or outside request, that every chart draws, that every number in the page and in the charts
// equals the results it came from, and that `report --pdf` prints it. Leaves report.png and
// report.pdf in --work for inspection.
//
//   node report_page.test.mjs --txsim BIN --web DIR --chromium BIN --work DIR --fixture FILE
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const options = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) options[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const key of ['txsim', 'web', 'chromium', 'work', 'fixture']) assert.ok(options[key], `missing --${key}`);
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

// Same page apart from when and how it was written (the provenance section).
function withoutProvenance(html) {
  return html.replace(/<section id="provenance">[\s\S]*?<\/section>/, '');
}

fs.rmSync(options.work, { recursive: true, force: true });
fs.mkdirSync(options.work, { recursive: true });
const results = path.join(options.work, 'results');
const fromCompare = path.join(options.work, 'compare-report.html');
const fromResults = path.join(options.work, 'report.html');
txsim('compare', 'scenarios/default.yaml', '-r', '2', '--threads', '2', '--set', 'horizon.days=60',
      '--out', results, '--report', fromCompare);
const withoutUncertainty = path.join(options.work, 'report-without-uncertainty.html');
txsim('report', results, '-o', withoutUncertainty);
const comparison = JSON.parse(fs.readFileSync(path.join(results, 'comparison.json'), 'utf8'));
// Uncertainty results of this very study, so that the report shows them without a caution.
const uncertainty = JSON.parse(fs.readFileSync(options.fixture, 'utf8'));
uncertainty.study.sha256 = comparison.provenance.scenario_sha256;
fs.writeFileSync(path.join(results, 'uncertainty.json'), JSON.stringify(uncertainty, null, 2));
const withUncertainty = txsim('report', results, '-o', fromResults);
const sources = { comparison, uncertainty };

// The PDF is printed by a Chromium of its own, which takes a while: it runs beside the page's
// checks and is checked last.
const pdf = path.join(options.work, 'report.pdf');
const printing = new Promise((resolve) => {
  const child = spawn(options.txsim, ['report', results, '-o', path.join(options.work, 'printed.html'), '--pdf', pdf],
                      { env: { ...process.env, TXSIM_CHROMIUM: options.chromium }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.on('close', (status) => resolve({ status, stderr }));
});

await check('both reports have the assumptions table', () => {
  for (const file of [fromCompare, withoutUncertainty]) {
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /<section id="assumptions">/);
    assert.match(html, /contact_types\.billing\.balk_probability<\/code><\/th><td><code>0\.03<\/code>/);
  }
});

await check('compare --report and compare --out + report RESULTS write the same page', () => {
  assert.equal(withoutProvenance(fs.readFileSync(fromCompare, 'utf8')),
               withoutProvenance(fs.readFileSync(withoutUncertainty, 'utf8')));
});

await check('uncertainty results of the same study are shown without a warning', () => {
  assert.equal(withUncertainty.stderr, '');
  assert.doesNotMatch(fs.readFileSync(fromResults, 'utf8'), /class="caution"/);
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
    const embeddedUncertainty =
      await page.evaluate(() => JSON.parse(document.getElementById('txsim-uncertainty').textContent));
    assert.deepEqual(embeddedUncertainty, uncertainty);
  });

  await check('every section is there, with a summary per policy', async () => {
    for (const id of ['summary', 'scorecard', 'tradeoffs', 'months', 'business-case', 'robustness', 'policies',
                      'assumptions', 'provenance'])
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
    assert.ok(charts.length >= 9 + 1 + 2 * 2 * 5, `only ${charts.length} charts`);
    for (const kind of ['tradeoff', 'month', 'cashflow', 'verdicts', 'sobol', 'tornado'])
      assert.ok(charts.some((c) => c.kind === kind), `no ${kind} chart`);
    assert.equal(Number(await page.getAttribute('body', 'data-charts-ready')), charts.length);
    for (const c of charts) {
      assert.ok(c.width > 100 && c.height > 100, `${c.kind} ${c.series}: ${c.width} x ${c.height}`);
      assert.ok(c.shapes > 10, `${c.kind} ${c.series}: only ${c.shapes} shapes`);
    }
  });

  await check('every number in the text equals the results, rounded as shown', async () => {
    const numbers = await page.$$eval('span.num', (spans) => spans.map((s) => ({
      path: s.dataset.path, value: s.dataset.value, scale: s.dataset.scale, decimals: s.dataset.decimals,
      source: s.dataset.source || 'comparison', text: s.textContent })));
    assert.ok(numbers.length > 200, `only ${numbers.length} numbers`);
    assert.ok(numbers.filter((n) => n.source === 'uncertainty').length > 100, 'too few numbers of the uncertainty results');
    for (const n of numbers) {
      const source = pointer(sources[n.source], n.path);
      assert.equal(typeof source, 'number', `${n.path}: no number in the results`);
      assert.equal(Number(n.value), source, `${n.path}: data-value ${n.value}, results ${source}`);
      const shown = Number(n.text.replace(/,/g, '').replace(/^\+/, ''));
      const exact = source * Number(n.scale);
      const tolerance = 0.5 * 10 ** -Number(n.decimals) * (1 + 1e-9) + 1e-12 * Math.abs(exact);
      assert.ok(Math.abs(shown - exact) <= tolerance, `${n.path}: shows ${n.text}, results ${exact}`);
    }
  });

  await check('every share computed from two results equals their ratio, rounded as shown', async () => {
    const ratios = await page.$$eval('span.ratio', (spans) => spans.map((s) => ({
      numerator: s.dataset.numerator, denominator: s.dataset.denominator, source: s.dataset.source,
      scale: s.dataset.scale, decimals: s.dataset.decimals, text: s.textContent })));
    assert.ok(ratios.length >= 10, `only ${ratios.length} ratios`);
    for (const r of ratios) {
      const exact = pointer(sources[r.source], r.numerator) / pointer(sources[r.source], r.denominator) * Number(r.scale);
      assert.ok(Math.abs(Number(r.text) - exact) <= 0.5 * 10 ** -Number(r.decimals) * (1 + 1e-9),
                `${r.numerator}: shows ${r.text}, results ${exact}`);
    }
  });

  await check('every chart plots the values of the results', async () => {
    const options = await page.evaluate(() => Array.from(document.querySelectorAll('[data-chart]')).map((element, i) => ({
      kind: element.dataset.chart, series: element.dataset.series, scale: Number(element.dataset.scale || 1),
      policy: Number(element.dataset.policy), metric: element.dataset.metric,
      categories: window.txsimReport.charts[i].getOption().yAxis[0].data,
      data: window.txsimReport.charts[i].getOption().series.map((s) => s.data) })));
    const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    for (const chart of options) {
      if (chart.kind === 'month') {
        comparison.policies.forEach((p, i) => p.months.forEach((m, k) =>
          close(chart.data[i][k], pointer(m, `/${chart.series}/mean`) * chart.scale, `${chart.series} ${p.name} month ${k}`)));
      } else if (chart.kind === 'cashflow') {
        comparison.policies.slice(1).forEach((p, i) => p.months.forEach((m, k) =>
          close(chart.data[2 * i][k], -m.business_case.total_cost_incl_churn.diff, `saving of ${p.name} month ${k}`)));
      } else if (chart.kind === 'verdicts') {
        assert.deepEqual(chart.categories, uncertainty.policies.map((p) => p.name));
        ['dominates', 'trade_off', 'no_difference', 'is_dominated'].forEach((verdict, k) =>
          uncertainty.policies.forEach((p, i) =>
            close(chart.data[k][i], 100 * p.verdicts[verdict].p, `${p.name} ${verdict}`)));
      } else if (chart.kind === 'sobol') {
        const entries = uncertainty.policies[chart.policy].sobol[chart.metric];
        const shown = chart.categories;
        assert.ok(shown.length > 0 && shown.length <= Math.min(8, entries.length), `${chart.metric}: ${shown.length} bars`);
        const totals = entries.map((e) => e.total.estimate).sort((a, b) => b - a);
        shown.forEach((name, k) => {
          const e = entries.find((x) => x.parameter === name);
          close(chart.data[0][k], e.total.estimate, `${name} total index of ${chart.metric}`);
          close(chart.data[1][k], e.first_order.estimate, `${name} first-order index of ${chart.metric}`);
          close(e.total.estimate, totals[k], `${name}: the ${k + 1}th largest total index`);
        });
      } else if (chart.kind === 'tornado') {
        const entries = uncertainty.policies[chart.policy].tornado[chart.metric];
        const swings = entries.map((e) => Math.abs(e.at_high - e.at_low)).sort((a, b) => b - a);
        chart.categories.forEach((name, k) => {
          const e = entries.find((x) => x.parameter === name);
          close(chart.data[0][k][0], e.at_low, `${name} at its low value, ${chart.metric}`);
          close(chart.data[0][k][2], e.at_high, `${name} at its high value, ${chart.metric}`);
          close(Math.abs(e.at_high - e.at_low), swings[k], `${name}: the ${k + 1}th widest swing`);
        });
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

await check('report --pdf prints the page through headless Chromium', async () => {
  const printed = await printing;
  assert.equal(printed.status, 0, `report --pdf exited ${printed.status}:\n${printed.stderr}`);
  const bytes = fs.readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 50000, `only ${bytes.length} bytes`);
  assert.ok(!fs.existsSync(pdf + '.partial'));
});
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
