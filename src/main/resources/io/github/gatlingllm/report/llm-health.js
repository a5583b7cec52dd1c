/*
 * Draws the measurement-health chart from the JSON in #llm-health-data with the shared kit (llm-chart-kit.js): the
 * event loops' lag (p99 and max per bucket) and the GC pause time in each bucket on a milliseconds axis, the JIT's
 * compile time in each bucket on an axis of its own (compiler threads add up to more than the bucket's wall time at
 * start-up, and would flatten the lag), and the client's CPU use as a share of its cores on a percent axis.
 */
(function () {
  'use strict';
  var source = document.getElementById('llm-health-data');
  var K = window.llmChartKit;
  if (!source || !K) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var PERCENT = 1;
  var JIT = 2;
  K.draw(K.H.merge(K.base('llm-chart-health', 'Measurement health of the load generator',
      'per ' + K.num(data.bucketSeconds, 0) + ' s bucket \u00b7 dashed: the lag threshold that flags requests ('
          + K.ms(data.thresholdMs) + ')'), {
    legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
    xAxis: { title: { text: 'Time since the run started (s)' } },
    yAxis: [{
      title: { text: 'Loop lag, GC pauses (ms)' }, min: 0,
      plotLines: [{
        value: data.thresholdMs, color: K.RED, width: 1.5, dashStyle: 'Dash', zIndex: 3, llmLabel: 'lag threshold'
      }]
    }, {
      title: { text: 'Client CPU (% of its cores)' }, min: 0, max: 100, opposite: true, gridLineWidth: 0
    }, {
      title: { text: 'JIT compile time (ms)' }, min: 0, opposite: true, gridLineWidth: 0
    }],
    tooltip: {
      shared: true,
      formatter: function () {
        var s = '<b>' + K.num(this.x, 1) + ' s</b>';
        this.points.forEach(function (p) {
          s += '<br/><span style="color:' + p.series.color + '">\u25CF</span> ' + p.series.name + ': '
              + (p.series.options.yAxis === PERCENT ? K.num(p.y, 1) + ' %' : K.ms(p.y));
        });
        return s;
      }
    },
    series: [
      { type: 'line', name: 'loop lag p99', data: data.lag_p99_ms, color: K.BLUE, marker: { enabled: false } },
      { type: 'line', name: 'loop lag max', data: data.lag_max_ms, color: K.BLUE, dashStyle: 'ShortDot',
        marker: { enabled: false } },
      { type: 'column', name: 'GC pause time', data: data.gc_ms, color: K.RED, pointPadding: 0, groupPadding: 0.1 },
      { type: 'column', name: 'JIT compile time (right axis)', data: data.jit_ms, yAxis: JIT,
        color: 'rgba(255, 169, 0, 0.55)', pointPadding: 0, groupPadding: 0.1 },
      { type: 'line', name: 'client CPU (right axis)', data: data.cpu_percent, yAxis: PERCENT, color: K.GREEN,
        marker: { enabled: false } }
    ]
  }));
})();
