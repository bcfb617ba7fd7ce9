// Draws the report's charts from the comparison results embedded in the page
// (#txsim-results, the JSON of `txsim compare`). Tables and text are already in the HTML;
// this script adds only the charts. When every chart has rendered, <body> gets
// data-charts-ready with the number of charts, and window.txsimReport.charts holds them.
(function () {
  'use strict';
  var results = JSON.parse(document.getElementById('txsim-results').textContent);
  var policies = results.policies;
  var palette = ['#5b6472', '#b23b3b', '#2e7d4f', '#c98a1b', '#2f5d8a', '#7b4fa0', '#1f8a8a', '#a0522d',
                 '#d16ba5', '#3b7d23'];
  var base = { animation: false, color: palette, textStyle: { fontFamily: 'system-ui, sans-serif' } };
  var charts = [];
  var finished = 0;
  var built = false;

  // 'finished' may come during setOption or later: ready once every chart is built and drawn.
  function markReady() {
    if (built && finished === charts.length) document.body.dataset.chartsReady = String(charts.length);
  }

  function at(object, path) {
    return path.split('/').reduce(function (o, key) { return o == null ? undefined : o[key]; }, object);
  }
  function finite(x) { return typeof x === 'number' && isFinite(x); }
  function round(x) { return Math.round(x * 1e6) / 1e6; }
  // "M1", ..., with the length of a last, shorter month: its totals cover fewer days.
  function monthLabels() {
    return policies[0].months.map(function (m) {
      return 'M' + (m.month + 1) + (m.days < 30 ? ' (' + m.days + ' d)' : '');
    });
  }

  function draw(element, option) {
    var chart = echarts.init(element, null, { renderer: 'svg' });
    charts.push(chart);
    chart.on('finished', function once() {
      chart.off('finished', once);
      finished += 1;
      markReady();
    });
    chart.setOption(Object.assign({}, base, option));
  }

  function tradeoff(element) {
    var rows = policies.slice(1).map(function (p, i) {
      return { name: p.name, colour: palette[(i + 1) % palette.length],
               cx: p.scores.cx.diff, ex: p.scores.ex.diff,
               cxCi: p.scores.cx.diff_ci95 || [null, null], exCi: p.scores.ex.diff_ci95 || [null, null],
               npv: p.npv_vs_baseline ? p.npv_vs_baseline.mean : null };
    }).filter(function (r) { return finite(r.cx) && finite(r.ex); });
    var largest = rows.reduce(function (m, r) { return Math.max(m, finite(r.npv) ? Math.abs(r.npv) : 0); }, 0);
    function size(r) { return largest > 0 && finite(r.npv) ? 12 + 30 * Math.sqrt(Math.abs(r.npv) / largest) : 14; }
    var bars = [];
    rows.forEach(function (r) {
      if (finite(r.cxCi[0]) && finite(r.cxCi[1])) bars.push([r.cxCi[0], r.ex, r.cxCi[1], r.ex]);
      if (finite(r.exCi[0]) && finite(r.exCi[1])) bars.push([r.cx, r.exCi[0], r.cx, r.exCi[1]]);
    });
    draw(element, {
      grid: { left: 70, right: 110, top: 30, bottom: 60 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', name: '\u0394 CX (index points)', nameLocation: 'middle', nameGap: 32,
               splitLine: { lineStyle: { color: '#eceff3' } } },
      yAxis: { type: 'value', name: '\u0394 EX (index points)', nameLocation: 'middle', nameGap: 44,
               splitLine: { lineStyle: { color: '#eceff3' } } },
      series: [
        { name: 'error bars', type: 'custom', silent: true, data: bars,
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(1)]);
            var b = api.coord([api.value(2), api.value(3)]);
            return { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] },
                     style: { stroke: '#8a93a0', lineWidth: 1.5 } };
          } },
        { name: 'policies', type: 'scatter',
          data: rows.map(function (r) {
            return { name: r.name, value: [r.cx, r.ex], symbolSize: size(r),
                     itemStyle: { color: !finite(r.npv) ? '#8a93a0' : r.npv >= 0 ? '#2e7d4f' : '#b23b3b',
                                  opacity: 0.85 } };
          }),
          label: { show: true, position: 'right', formatter: '{b}', color: '#1d2430' },
          labelLayout: { moveOverlap: 'shiftY' },
          markLine: { silent: true, symbol: 'none', label: { show: false },
                      lineStyle: { color: '#5b6472', type: 'dashed' }, data: [{ xAxis: 0 }, { yAxis: 0 }] } },
        { name: 'baseline', type: 'scatter', data: [{ name: 'baseline', value: [0, 0] }], symbol: 'diamond',
          symbolSize: 12, itemStyle: { color: '#1d2430' },
          label: { show: true, position: 'left', formatter: '{b}' } }
      ]
    });
  }

  function monthly(element) {
    var path = element.dataset.series;
    var scale = Number(element.dataset.scale || 1);
    draw(element, {
      grid: { left: 64, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: monthLabels() },
      yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: '#eceff3' } } },
      series: policies.map(function (p) {
        return { name: p.name, type: 'line', showSymbol: false,
                 data: p.months.map(function (m) {
                   var v = at(m, path + '/mean');
                   return finite(v) ? round(v * scale) : null;
                 }) };
      })
    });
  }

  function cashflow(element) {
    var series = [];
    policies.slice(1).forEach(function (p, i) {
      var colour = palette[(i + 1) % palette.length];
      var savings = p.months.map(function (m) {
        var d = m.business_case.total_cost_incl_churn.diff;
        return finite(d) ? round(-d) : null;
      });
      var total = 0;
      var cumulative = savings.map(function (s) { total += s || 0; return round(total); });
      series.push({ name: p.name, type: 'bar', data: savings, itemStyle: { color: colour } });
      series.push({ name: p.name + ' (cumulative)', type: 'line', data: cumulative, showSymbol: false,
                    lineStyle: { type: 'dashed', color: colour }, itemStyle: { color: colour } });
    });
    draw(element, {
      grid: { left: 90, right: 20, top: 20, bottom: 70 },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      xAxis: { type: 'category', data: monthLabels() },
      yAxis: { type: 'value', name: 'saving (' + (results.currency || 'EUR') + ')',
               splitLine: { lineStyle: { color: '#eceff3' } } },
      series: series
    });
  }

  // One legend for all the month charts: the same colour is the same policy in each.
  function legend(element) {
    policies.forEach(function (p, i) {
      var item = document.createElement('span');
      item.className = 'legend-item';
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = palette[i % palette.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(p.name));
      element.appendChild(item);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-legend]'), legend);

  var builders = { tradeoff: tradeoff, month: monthly, cashflow: cashflow };
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (element) {
    builders[element.dataset.chart](element);
  });
  window.txsimReport = { charts: charts };
  built = true;
  markReady();
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
})();
