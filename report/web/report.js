// Draws the report's charts from the results embedded in the page: #txsim-results, the JSON of
// `txsim compare`, and #txsim-uncertainty, that of `txsim uncertainty` (null without it).
// Tables and text are already in the HTML;
// this script adds only the charts. When every chart has rendered, <body> gets
// data-charts-ready with the number of charts, and window.txsimReport.charts holds them.
(function () {
  'use strict';
  var results = JSON.parse(document.getElementById('txsim-results').textContent);
  var policies = results.policies;
  var uncertainty = JSON.parse(document.getElementById('txsim-uncertainty').textContent);
  var palette = ['#5b6472', '#b23b3b', '#2e7d4f', '#c98a1b', '#2f5d8a', '#7b4fa0', '#1f8a8a', '#a0522d',
                 '#d16ba5', '#3b7d23'];
  var base = { animation: false, color: palette, textStyle: { fontFamily: 'system-ui, sans-serif' } };
  var charts = [];
  // Parameters per Sobol or tornado chart (report::detail::kTopParameters).
  var TOP_PARAMETERS = 8;
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
    var barColours = [];
    var lanes = [-0.3, -0.1, 0.1, 0.3];
    function percent(x) { return round(100 * Math.min(1, Math.max(0, x))); }
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

  // Whiskers of an interval, [x_lo, y, x_hi, y, lane] in data coordinates, on a horizontal
  // category axis (y is the category's index); the lane (-0.5 .. 0.5, default `offset`) shifts
  // them within the band; `colours`, when given, colours whisker k with colours[k].
  function whiskers(name, data, offset, colours) {
    return { name: name, type: 'custom', silent: true, data: data, z: 10,
      renderItem: function (params, api) {
        var band = api.size([0, 1])[1];
        var a = api.coord([api.value(0), api.value(1)]);
        var b = api.coord([api.value(2), api.value(1)]);
        var lane = data[params.dataIndex].length > 4 ? api.value(4) : (offset || 0);
        var y = a[1] + lane * band;
        var cap = Math.min(6, band * 0.15);
        var style = { stroke: colours ? colours[params.dataIndex] : '#1d2430', lineWidth: 1.5 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: a[0], y1: y, x2: b[0], y2: y }, style: style },
          { type: 'line', shape: { x1: a[0], y1: y - cap, x2: a[0], y2: y + cap }, style: style },
          { type: 'line', shape: { x1: b[0], y1: y - cap, x2: b[0], y2: y + cap }, style: style }] };
      } };
  }
  var verdictKinds = [
    { key: 'dominates', label: 'dominates', colour: '#2e7d4f', whisker: '#103d22' },
    { key: 'trade_off', label: 'trade-off', colour: '#c98a1b', whisker: '#5c3d05' },
    { key: 'no_difference', label: 'no difference', colour: '#9aa3ae', whisker: '#2b3138' },
    { key: 'is_dominated', label: 'is dominated', colour: '#b23b3b', whisker: '#4f1010' }];
  // Probabilities of the four verdicts per policy, stacked to 100%. Each interval is drawn in a
  // lane of its own, where its segment would end at the interval's bounds; the last segment's,
  // whose end is always 100%, where it would begin. Ends beyond 0 or 100% are cut there.
  function verdicts(element) {
    var rows = uncertainty.policies;
    var series = [];
    var bars = [];
    var barColours = [];
    var lanes = [-0.3, -0.1, 0.1, 0.3];
    function percent(x) { return round(100 * Math.min(1, Math.max(0, x))); }
    var start = rows.map(function () { return 0; });
    var last = rows.map(function (p) {
      var present = verdictKinds.filter(function (kind) {
        var v = p.verdicts && p.verdicts[kind.key];
        return v && finite(v.p) && v.p > 0;
      });
      return present.length ? present[present.length - 1].key : null;
    });
    verdictKinds.forEach(function (kind) {
      series.push({ name: kind.label, type: 'bar', stack: 'verdicts', itemStyle: { color: kind.colour },
                    barWidth: '85%',
                    data: rows.map(function (p) {
                      var v = p.verdicts && p.verdicts[kind.key];
                      return v && finite(v.p) ? round(100 * v.p) : 0;
                    }) });
      rows.forEach(function (p, i) {
        var v = p.verdicts && p.verdicts[kind.key];
        if (!v || !finite(v.p)) return;
        if (finite(v.lo) && finite(v.hi) && v.p > 0) {
          var lane = lanes[verdictKinds.indexOf(kind)];
          if (kind.key === last[i])
            bars.push([percent(start[i] + v.p - v.hi), i, percent(start[i] + v.p - v.lo), i, lane]);
          else
            bars.push([percent(start[i] + v.lo), i, percent(start[i] + v.hi), i, lane]);
          barColours.push(kind.whisker);
        }
        start[i] += v.p;
      });
    });
    series.push(whiskers('intervals', bars, 0, barColours));
    draw(element, {
      grid: { left: 140, right: 30, top: 40, bottom: 40 },
      legend: { top: 0, data: verdictKinds.map(function (k) { return k.label; }) },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', min: 0, max: 100, name: 'probability (%)', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (p) { return p.name; }) },
      series: series
    });
  }

  function axisLabel() {
    return { width: 210, overflow: 'truncate', fontSize: 11 };
  }

  // The top parameters of one difference by total Sobol index, first-order and total bars with
  // their bootstrap intervals.
  function sobol(element) {
    var policy = uncertainty.policies[Number(element.dataset.policy)];
    var entries = (policy.sobol[element.dataset.metric] || []).slice();
    function total(e) { return e.total && finite(e.total.estimate) ? e.total.estimate : -Infinity; }
    entries = entries.map(function (e, k) { return { e: e, k: k }; })
      .sort(function (a, b) { return total(b.e) - total(a.e) || a.k - b.k; })
      .slice(0, TOP_PARAMETERS).map(function (x) { return x.e; });
    function values(kind) {
      return entries.map(function (e) { return e[kind] && finite(e[kind].estimate) ? round(e[kind].estimate) : null; });
    }
    function intervals(kind) {
      var out = [];
      entries.forEach(function (e, i) {
        var v = e[kind];
        if (v && finite(v.lo) && finite(v.hi)) out.push([round(v.lo), i, round(v.hi), i]);
      });
      return out;
    }
    draw(element, {
      grid: { left: 220, right: 20, top: 30, bottom: 36 },
      legend: { top: 0, data: ['total', 'first order'] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'Sobol index', nameLocation: 'middle', nameGap: 22,
               min: function (v) { return Math.min(0, Math.floor(v.min * 10) / 10); },
               max: function (v) { return Math.max(1, Math.ceil(v.max * 10) / 10); } },
      yAxis: { type: 'category', inverse: true, axisLabel: axisLabel(),
               data: entries.map(function (e) { return e.parameter; }) },
      series: [
        { name: 'total', type: 'bar', data: values('total'), itemStyle: { color: '#2f5d8a' }, barGap: '10%' },
        { name: 'first order', type: 'bar', data: values('first_order'), itemStyle: { color: '#8fb3d9' } },
        whiskers('total intervals', intervals('total'), -0.2),
        whiskers('first-order intervals', intervals('first_order'), 0.2)
      ]
    });
  }

  // One-at-a-time swings of one difference: a bar from the difference with the parameter at the
  // low end of its prior to the one at the high end; the widest first.
  function tornado(element) {
    var metric = element.dataset.metric;
    var policy = uncertainty.policies[Number(element.dataset.policy)];
    function swing(e) { return finite(e.at_low) && finite(e.at_high) ? Math.abs(e.at_high - e.at_low) : -Infinity; }
    var entries = (policy.tornado[metric] || []).map(function (e, k) { return { e: e, k: k }; })
      .sort(function (a, b) { return swing(b.e) - swing(a.e) || a.k - b.k; })
      .slice(0, TOP_PARAMETERS).map(function (x) { return x.e; });
    // The difference at the study's own values when the results give it, else the mean over the
    // priors.
    var base = policy.tornado_base && policy.tornado_base[metric];
    var difference = policy.differences && policy.differences[metric];
    var centre = finite(base) ? base : difference && finite(difference.mean) ? difference.mean : null;
    var lines = [{ xAxis: 0, lineStyle: { type: 'dashed', color: '#5b6472' } }];
    if (centre !== null) lines.push({ xAxis: round(centre), lineStyle: { type: 'dotted', color: '#1d2430' } });
    draw(element, {
      grid: { left: 220, right: 24, top: 30, bottom: 36 },
      legend: { top: 0, data: ['parameter at its low value', 'parameter at its high value'] },
      tooltip: { trigger: 'item', formatter: function (p) {
        var e = entries[p.dataIndex];
        return e.parameter + '<br>low ' + e.low_value + ': ' + e.at_low + '<br>high ' + e.high_value + ': ' + e.at_high;
      } },
      xAxis: { type: 'value',
               name: '\u0394 ' + (metric === 'npv' ? 'NPV (' + (results.currency || 'EUR') + ')' : metric.toUpperCase()),
               nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', inverse: true, axisLabel: axisLabel(),
               data: entries.map(function (e) { return e.parameter; }) },
      series: [
        { name: 'swing', type: 'custom', data: entries.map(function (e, i) {
            return [round(e.at_low), i, round(e.at_high)]; }),
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(1)]);
            var b = api.coord([api.value(2), api.value(1)]);
            var h = api.size([0, 1])[1] * 0.5;
            return { type: 'rect', shape: { x: Math.min(a[0], b[0]), y: a[1] - h / 2,
                                            width: Math.max(1, Math.abs(b[0] - a[0])), height: h },
                     style: { fill: '#c9d6e6' } };
          },
          encode: { x: [0, 2], y: 1 },
          markLine: { silent: true, symbol: 'none', label: { show: false }, data: lines } },
        { name: 'parameter at its low value', type: 'scatter', symbol: 'circle', symbolSize: 9,
          itemStyle: { color: '#2f5d8a' },
          data: entries.map(function (e, i) { return [round(e.at_low), i]; }) },
        { name: 'parameter at its high value', type: 'scatter', symbol: 'diamond', symbolSize: 11,
          itemStyle: { color: '#c98a1b' },
          data: entries.map(function (e, i) { return [round(e.at_high), i]; }) }
      ]
    });
  }

  var builders = { tradeoff: tradeoff, month: monthly, cashflow: cashflow, verdicts: verdicts, sobol: sobol,
                   tornado: tornado };
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
