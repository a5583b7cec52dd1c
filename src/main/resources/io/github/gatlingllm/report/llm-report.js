/*
 * Draws the LLM block's charts from the JSON in #llm-report-data, with the Highcharts that Gatling's report already
 * loads (js/highstock.js, v5) and the theme its js/theme.js set: nothing is fetched, the page works offline.
 * Colours are Gatling's: blue for the main series, orange for the second one, red for errors.
 */
(function () {
  'use strict';
  var source = document.getElementById('llm-report-data');
  var K = window.llmChartKit;
  if (!source || !K) {
    return;
  }
  var H = K.H;
  var data = JSON.parse(source.textContent);

  var BLUE = K.BLUE;
  var ORANGE = K.ORANGE;
  var GREEN = K.GREEN;
  var RED = K.RED;
  var esc = K.esc;
  var num = K.num;
  var ms = K.ms;
  var base = K.base;
  var draw = K.draw;
  var ERROR_COLORS = ['#f15b4f', '#FFA900', '#9b59b6', '#f78557', '#a93226', '#7f8c8d', '#d4ac0d', '#34495e'];
  var METRICS = {
    ttft: ['Time to First Token', 'TTFT'],
    tpot: ['Time per Output Token (excl. 1st token)', 'TPOT'],
    itl: ['Inter-token Latency', 'ITL'],
    e2el: ['End-to-end Latency', 'E2EL']
  };
  var TIME_AXIS = 'Time since the first request (s)';

  function bare(v) {
    return ms(v).replace(' ms', '');
  }

  function seconds(v) {
    return num(v, v === Math.round(v) ? 0 : 1) + ' s';
  }

  // ---------------------------------------------------------------- latency distributions

  /**
   * Percentile p on a "nines" scale: 0 at P0, 1 at P90, 2 at P99, 3 at P99.9 ... The maximum (p = 100) sits at one
   * in n, just past the last level the samples support.
   */
  function nines(p, n) {
    return p >= 100 ? Math.log(Math.max(n, 1)) / Math.LN10 : -Math.log(1 - p / 100) / Math.LN10;
  }

  /** The label of a whole "nines" tick: 0%, 90%, 99%, 99.9%, 99.99% ... */
  function ninesLabel(y) {
    if (y < 1) {
      return '0%';
    }
    return y === 1 ? '90%' : '99' + (y > 2 ? '.' + new Array(y - 1).join('9') : '') + '%';
  }

  function percentileName(p) {
    return 'P' + (Math.round(p * 1000) / 1000);
  }

  function distribution(key) {
    var m = data.latency[key];
    var h = m.hist;
    var c = m.curve;
    var short = METRICS[key][1];
    var id = 'llm-chart-' + key;
    if (h.n === 0) {
      draw(H.merge(base(id, METRICS[key][0], 'no samples'), { series: [] }));
      return;
    }
    var bins = h.counts.map(function (count, i) {
      return [h.start + (i + 0.5) * h.width, count];
    });
    var curve = c.p.map(function (p, i) {
      return { x: c.v[i], y: nines(p, c.n), p: p };
    });
    var top = Math.max(1, Math.ceil(curve[curve.length - 1].y));
    var ticks = [0];
    for (var t = 1; t <= top; t++) {
      ticks.push(t);
    }
    // One unit at the end keeps the line short enough for a half-width chart.
    var subtitle = num(h.n, 0) + ' samples · mean ' + bare(m.mean) + ' · median ' + bare(m.median);
    m.percentiles.forEach(function (pv) {
      subtitle += ' · ' + percentileName(pv[0]) + ' ' + bare(pv[1]);
    });
    subtitle += ' ms';
    var axisTitle = short + ' (ms)';
    if (h.above > 0) {
      axisTitle += ' \u2014 ' + num(h.above, 0) + ' above ' + ms(h.hi) + ' not drawn, max ' + ms(h.max);
    }
    var markers = m.percentiles.map(function (pv) {
      return {
        value: pv[1], color: '#999', width: 1, dashStyle: 'ShortDash', zIndex: 3, llmLabel: percentileName(pv[0])
      };
    });
    draw(H.merge(base(id, METRICS[key][0], subtitle), {
      chart: { alignTicks: false },
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: {
        title: { text: esc(axisTitle) },
        min: h.start,
        max: h.start + h.counts.length * h.width,
        plotLines: markers
      },
      yAxis: [{
        title: { text: 'Samples' }, min: 0, allowDecimals: false
      }, {
        title: { text: 'Percentile' }, opposite: true, min: 0, max: top, tickPositions: ticks, gridLineWidth: 0,
        labels: { formatter: function () { return ninesLabel(this.value); } }
      }],
      tooltip: {
        formatter: function () {
          if (this.series.index === 0) {
            var lo = this.x - h.width / 2;
            return '<b>' + ms(lo) + ' to ' + ms(lo + h.width) + '</b><br/>' + num(this.y, 0) + ' samples';
          }
          return '<b>' + (this.point.p >= 100 ? 'max' : percentileName(this.point.p)) + '</b>: ' + ms(this.x);
        }
      },
      series: [{
        type: 'column', name: 'samples per ' + ms(h.width) + ' bin', data: bins, color: BLUE,
        pointRange: h.width, pointPadding: 0, groupPadding: 0, borderWidth: 0.5, borderColor: 'rgba(255, 255, 255, 0.4)'
      }, {
        type: 'line', name: 'percentile (right axis)', yAxis: 1, data: curve, color: ORANGE, lineWidth: 2,
        marker: { enabled: false, radius: 2 }
      }]
    }));
  }

  // ---------------------------------------------------------------- over time

  /** The time axis, with each scenario's window shaded and named when a run has several (a sweep's steps). */
  function timeAxis() {
    var bands = (data.time.scenarios || []).map(function (w, i) {
      return {
        from: w.from, to: w.to, color: i % 2 === 0 ? 'rgba(94, 123, 226, 0.07)' : 'rgba(255, 169, 0, 0.08)',
        llmLabel: esc(w.name)
      };
    });
    return { title: { text: TIME_AXIS }, min: 0, plotBands: bands };
  }

  function throughput() {
    var t = data.time;
    var per = t.width === 1 ? '1 s' : seconds(t.width);
    draw(H.merge(base('llm-chart-throughput', 'Output tokens per second and requests in flight',
        'per ' + per + ' bucket · mean over the run ' + num(t.meanOutputTps, 2) + ' tok/s'), {
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: timeAxis(),
      yAxis: [{
        title: { text: 'Output tokens / s' }, min: 0,
        plotLines: [{
          value: t.meanOutputTps, color: BLUE, width: 1, dashStyle: 'ShortDash', zIndex: 3, llmLabel: 'run mean'
        }]
      }, {
        title: { text: 'Requests in flight' }, min: 0, opposite: true, allowDecimals: false, gridLineWidth: 0
      }],
      tooltip: { shared: true, headerFormat: '<b>{point.key} s</b><br/>', valueDecimals: 1 },
      series: [{
        type: 'area', name: 'output tokens/s', data: t.outputTps, pointStart: 0, pointInterval: t.width,
        color: BLUE, fillOpacity: 0.2, lineWidth: 1.5, marker: { enabled: false }
      }, {
        type: 'line', name: 'in flight (mean)', yAxis: 1, data: t.inFlightMean, pointStart: 0,
        pointInterval: t.width, color: ORANGE, lineWidth: 2, marker: { enabled: false }
      }, {
        type: 'line', name: 'in flight (peak)', yAxis: 1, data: t.inFlightPeak, pointStart: 0,
        pointInterval: t.width, color: ORANGE, lineWidth: 1, dashStyle: 'ShortDot', marker: { enabled: false },
        tooltip: { valueDecimals: 0 }
      }]
    }));
  }

  /** The server's own view, from its /metrics scraped during the run: KV-cache usage and its request queue. */
  function server() {
    var v = data.server;
    if (!v) {
      return;
    }
    var series = [];
    if (v.kvPercent) {
      series.push({
        type: 'area', name: 'KV cache usage (%)', data: v.kvPercent, color: BLUE, fillOpacity: 0.2,
        lineWidth: 1.5, marker: { enabled: false }, tooltip: { valueDecimals: 1 }
      });
    }
    if (v.running) {
      series.push({
        type: 'line', name: 'running', yAxis: 1, data: v.running, color: ORANGE, lineWidth: 2,
        marker: { enabled: false }, tooltip: { valueDecimals: 0 }
      });
    }
    if (v.waiting) {
      series.push({
        type: 'line', name: 'waiting', yAxis: 1, data: v.waiting, color: GREEN, lineWidth: 2,
        marker: { enabled: false }, tooltip: { valueDecimals: 0 }
      });
    }
    var axes = [{ title: { text: 'KV cache usage (%)' }, min: 0, max: 100 }, {
      title: { text: 'Requests' }, min: 0, opposite: true, allowDecimals: false, gridLineWidth: 0
    }];
    if (v.gpuGiB) {
      // a third axis: memory has its own scale, and a GPU that fills up is read against it, not against the queue
      axes.push({ title: { text: 'GPU memory (GiB)' }, min: 0, opposite: true, gridLineWidth: 0 });
      series.push({
        type: 'line', name: 'GPU memory used (GiB)', yAxis: 2, data: v.gpuGiB, color: RED, lineWidth: 1.5,
        dashStyle: 'ShortDash', marker: { enabled: false }, tooltip: { valueDecimals: 2 }
      });
    }
    draw(H.merge(base('llm-chart-server', v.gpuGiB ? 'Server: KV cache, queue and GPU memory' : 'Server: KV cache and queue',
        'sampled from the server\u2019s /metrics (and any extra endpoint) at each scrape'), {
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: timeAxis(),
      yAxis: axes,
      tooltip: { shared: true, headerFormat: '<b>{point.key} s</b><br/>' },
      series: series
    }));
  }

  function queue() {
    var q = data.queue;
    if (!q) {
      return;
    }
    var subtitle = 'requests by arrival second: how long they waited before being sent';
    if (q.cap !== null) {
      subtitle += ' · concurrency cap ' + q.cap;
    }
    draw(H.merge(base('llm-chart-queue', 'Client queue time', subtitle), {
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: timeAxis(),
      yAxis: { title: { text: 'Queue time (ms)' }, min: 0 },
      tooltip: {
        shared: true, headerFormat: '<b>{point.key} s</b><br/>',
        pointFormatter: function () {
          return '<span style="color:' + this.color + '">\u25CF</span> ' + this.series.name + ': <b>' + ms(this.y)
              + '</b><br/>';
        }
      },
      series: [{
        type: 'line', name: 'mean', data: q.mean, pointStart: 0, pointInterval: q.width, color: BLUE,
        lineWidth: 2, marker: { enabled: false }
      }, {
        type: 'line', name: 'max', data: q.max, pointStart: 0, pointInterval: q.width, color: ORANGE,
        lineWidth: 1, marker: { enabled: false }
      }]
    }));
  }

  function errors() {
    var e = data.errors;
    if (!e) {
      return;
    }
    draw(H.merge(base('llm-chart-errors', 'Failed requests per second by error',
        'by the second the request ended'), {
      chart: { type: 'column' },
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: timeAxis(),
      yAxis: { title: { text: 'Failed requests / s' }, min: 0, reversedStacks: false },
      tooltip: { shared: true, headerFormat: '<b>{point.key} s</b><br/>', valueDecimals: 2 },
      plotOptions: { column: { stacking: 'normal', pointPadding: 0, groupPadding: 0.05, borderWidth: 0 } },
      series: e.labels.map(function (label, i) {
        return {
          name: esc(label), data: e.perSecond[i], pointStart: 0, pointInterval: e.width,
          color: ERROR_COLORS[i % ERROR_COLORS.length]
        };
      })
    }));
  }

  // ---------------------------------------------------------------- relations

  function promptTtft() {
    var s = data.promptTtft;
    if (!s) {
      return;
    }
    var shown = s.points.length;
    var subtitle = shown === s.total ? num(s.total, 0) + ' successful requests'
        : num(shown, 0) + ' of ' + num(s.total, 0) + ' requests shown: the 50 slowest and an even sample of the rest';
    draw(H.merge(base('llm-chart-prompt-ttft', 'Time to first token against prompt length', subtitle), {
      chart: { type: 'scatter', zoomType: 'xy' },
      legend: { enabled: false },
      xAxis: { title: { text: 'Input tokens' }, allowDecimals: false, minPadding: 0.05, maxPadding: 0.05 },
      yAxis: { title: { text: 'TTFT (ms)' }, min: 0 },
      tooltip: {
        formatter: function () {
          return '<b>' + num(this.x, 0) + ' input tokens</b><br/>TTFT ' + ms(this.y);
        }
      },
      series: [{
        name: 'requests', data: s.points, color: 'rgba(94, 123, 226, 0.55)',
        marker: { radius: 3, symbol: 'circle' }, turboThreshold: 0
      }]
    }));
  }

  function scenarios() {
    var rows = data.scenarios;
    if (!rows) {
      return;
    }
    var sorted = rows.slice().sort(function (a, b) { return a.outputTps - b.outputTps; });
    function points(field) {
      return sorted.map(function (r) {
        return { x: r.outputTps, y: r[field], name: esc(r.name) };
      });
    }
    draw(H.merge(base('llm-chart-scenarios', 'Latency against throughput, one point per scenario',
        'P99 TTFT and mean TPOT at each scenario\u2019s output throughput'), {
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: { title: { text: 'Output tokens / s' }, min: 0 },
      yAxis: [{
        title: { text: 'P99 TTFT (ms)' }, min: 0
      }, {
        title: { text: 'Mean TPOT (ms)' }, min: 0, opposite: true, gridLineWidth: 0
      }],
      tooltip: {
        shared: false,
        formatter: function () {
          return '<b>' + this.point.name + '</b><br/>' + num(this.x, 1) + ' output tok/s<br/>'
              + this.series.name + ': ' + ms(this.y);
        }
      },
      series: [{
        type: 'line', name: 'P99 TTFT', data: points('p99Ttft'), color: ORANGE, lineWidth: 2,
        marker: { enabled: true, radius: 4, symbol: 'circle' },
        dataLabels: {
          enabled: true, formatter: function () { return this.point.name; },
          style: { fontWeight: 'normal', textOutline: 'none' }
        }
      }, {
        type: 'line', name: 'mean TPOT (right axis)', yAxis: 1, data: points('meanTpot'), color: GREEN,
        lineWidth: 2, marker: { enabled: true, radius: 4, symbol: 'diamond' }
      }]
    }));
  }

  scenarios();
  Object.keys(METRICS).forEach(distribution);
  throughput();
  server();
  queue();
  errors();
  promptTtft();
})();
