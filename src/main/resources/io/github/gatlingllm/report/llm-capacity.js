/*
 * Draws the capacity charts from the JSON in #llm-capacity-data with the shared kit (llm-chart-kit.js): latency
 * against achieved throughput with the SLO thresholds and the capacity found, and the Pareto view of per-user
 * against total output throughput. Passed steps in the series' colour, failed ones as red crosses.
 */
(function () {
  'use strict';
  var source = document.getElementById('llm-capacity-data');
  var K = window.llmChartKit;
  if (!source || !K) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var esc = K.esc;
  var num = K.num;
  var ms = K.ms;
  var SERIES_COLORS = [K.BLUE, K.ORANGE, K.GREEN, '#9b59b6'];
  var BAND = 'rgba(104, 182, 92, 0.15)';

  /** A step as a Highcharts point: failed steps drawn as red crosses, whatever their series' colour. */
  function point(p) {
    var o = {
      x: p.x, y: p.y, load: esc(p.load), phase: esc(p.phase), step: p.step, passed: p.passed, stopped: p.stopped
    };
    if (!p.passed) {
      o.marker = { symbol: 'cross-x', fillColor: K.RED, lineColor: K.RED, lineWidth: 2, radius: 5 };
      o.color = K.RED;
    }
    return o;
  }

  function stepLine(p) {
    return '<b>step ' + p.step + ': ' + p.load + '</b> (' + p.phase + ')'
        + (p.passed ? '' : ' <span style="color:' + K.RED + '">failed</span>') + '<br/>';
  }

  // A cross symbol (Highcharts 5 has none): two diagonals in the marker's box.
  K.H.SVGRenderer.prototype.symbols['cross-x'] = function (x, y, w, h) {
    return ['M', x, y, 'L', x + w, y + h, 'M', x + w, y, 'L', x, y + h, 'z'];
  };

  function latency() {
    var l = data.latency;
    // Each axis is titled with the metrics drawn on it, so a reader never guesses which scale a line uses.
    function axisTitle(axis) {
      return l.series.filter(function (s) { return s.axis === axis; })
          .map(function (s) { return esc(s.name); }).join(', ') + ' (ms)';
    }
    var axes = [{ title: { text: axisTitle(0) }, min: 0, plotLines: [] }];
    if (l.series.some(function (s) { return s.axis === 1; })) {
      axes.push({ title: { text: axisTitle(1) }, min: 0, opposite: true, gridLineWidth: 0, plotLines: [] });
    }
    var series = l.series.map(function (s, i) {
      var color = SERIES_COLORS[i % SERIES_COLORS.length];
      s.thresholds.forEach(function (t, j) {
        // The axis must reach the threshold, or the line and its label fall outside the plot.
        var axis = axes[s.axis];
        axis.max = Math.max(axis.max || 0, t * 1.1, 0);
        axis.plotLines.push({
          value: t, color: color, width: 1.5, dashStyle: 'Dash', zIndex: 3, llmLabel: esc(s.clauses[j])
        });
      });
      var name = esc(s.name) + (s.axis === 1 ? ' (right axis)' : '');
      // Steps stopped early are apart from the curve: their figures cover only the part they ran.
      return [{
        type: 'line', name: name, yAxis: s.axis, color: color, lineWidth: 1.5,
        data: s.points.filter(function (p) { return !p.stopped; }).map(point),
        marker: { enabled: true, radius: 4, symbol: 'circle' }
      }, {
        type: 'scatter', name: name + ', stopped early', linkedTo: ':previous', yAxis: s.axis, color: color,
        data: s.points.filter(function (p) { return p.stopped; }).map(point)
      }];
    }).reduce(function (all, pair) { return all.concat(pair); }, []);
    axes.forEach(function (a) {
      // Let points above the threshold show: the threshold sets a floor for the axis, not a ceiling.
      var top = 0;
      l.series.forEach(function (s) {
        if (axes[s.axis] === a) {
          s.points.forEach(function (p) { top = Math.max(top, p.y); });
        }
      });
      a.max = a.max ? Math.max(a.max, top * 1.05) : undefined;
    });
    var bands = [];
    var lines = [];
    var c = l.capacity;
    if (c) {
      if (c.from !== null && c.to !== null) {
        bands.push({ from: c.from, to: c.to, color: BAND, llmLabel: esc(c.label) });
      } else {
        lines.push({
          value: c.from !== null ? c.from : c.to, color: K.GREEN, width: 2, zIndex: 3, llmLabel: esc(c.label)
        });
      }
    }
    var subtitle = 'one point per step';
    if (l.series.some(function (s) { return s.clauses.length; })) {
      subtitle += ' · dashed: the SLO thresholds';
    }
    if (l.series.some(function (s) { return s.points.some(function (p) { return !p.passed; }); })) {
      subtitle += ' · red crosses: steps that failed';
    }
    if (l.series.some(function (s) { return s.points.some(function (p) { return p.stopped; }); })) {
      subtitle += ' (unjoined: stopped early)';
    }
    K.draw(K.H.merge(K.base('llm-chart-capacity-latency', 'Latency against achieved throughput', subtitle), {
      chart: { zoomType: 'xy' },
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: {
        title: { text: 'Achieved request throughput (req/s)' }, min: 0, plotBands: bands, plotLines: lines
      },
      yAxis: axes,
      tooltip: {
        formatter: function () {
          return stepLine(this.point) + num(this.x, 2) + ' req/s achieved<br/>' + this.series.name.replace(
              ' (right axis)', '').replace(', stopped early', '') + ': ' + ms(this.y)
              + (this.point.stopped ? '<br/>stopped early: figures of the part it ran' : '');
        }
      },
      series: series
    }));
  }

  function pareto() {
    var p = data.pareto;
    K.draw(K.H.merge(K.base('llm-chart-capacity-pareto', 'Pareto: per-user against total output throughput',
        'one point per step, labelled with its load · line: the steps no other step beats on both'), {
      chart: { zoomType: 'xy' },
      legend: { align: 'center', verticalAlign: 'bottom', margin: 4, padding: 4 },
      xAxis: { title: { text: 'Total output throughput (tok/s)' }, min: 0 },
      yAxis: { title: { text: 'Per-user output throughput (tok/s)' }, min: 0 },
      tooltip: {
        formatter: function () {
          if (!this.point.load) {
            return false;
          }
          return stepLine(this.point) + num(this.x, 1) + ' output tok/s in all<br/>' + num(this.y, 1)
              + ' tok/s per user';
        }
      },
      series: [{
        type: 'line', name: 'Pareto front', data: p.front, color: K.ORANGE, lineWidth: 2,
        marker: { enabled: false }, enableMouseTracking: false
      }, {
        type: 'scatter', name: 'steps', data: p.points.map(point), color: K.BLUE,
        marker: { radius: 4, symbol: 'circle' },
        dataLabels: {
          enabled: true, formatter: function () { return this.point.load; },
          style: { fontWeight: 'normal', textOutline: 'none', fontSize: '10px' }
        }
      }]
    }));
  }

  latency();
  pareto();
})();
