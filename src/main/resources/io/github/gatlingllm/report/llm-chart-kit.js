/*
 * What the LLM block's charts share (llm-report.js, llm-capacity.js): Gatling's colours, number formats, the common
 * chart options and the plot-line labels Highcharts 5 no longer draws. Defined once per page, whichever script comes
 * first, as window.llmChartKit; nothing without the Highcharts that Gatling's report loads.
 */
window.llmChartKit = window.llmChartKit || (function () {
  'use strict';
  var H = window.Highcharts;
  if (!H) {
    return null;
  }

  var BLUE = '#5E7BE2';
  var ORANGE = '#FFA900';
  var GREEN = '#68b65c';
  var RED = '#f15b4f';

  /** Text for Highcharts, which reads a few HTML tags in labels: scenario names and error labels stay text. */
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function num(v, decimals) {
    return H.numberFormat(v, decimals, '.', ',');
  }

  /** Milliseconds with the decimals that matter at that size. */
  function ms(v) {
    var a = Math.abs(v);
    return num(v, a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0) + ' ms';
  }

  /**
   * Labels of plot lines and bands (option llmLabel), drawn here: Highcharts 5 skips its own in today's browsers (it
   * tests path.flat to spot empty paths, and every array now has a native flat method). Redrawn on zoom.
   */
  function ownLabels(chart) {
    (chart.llmLabels || []).forEach(function (label) {
      label.destroy();
    });
    chart.llmLabels = [];
    chart.axes.forEach(function (axis) {
      var row = 0;
      (axis.plotLinesAndBands || []).forEach(function (item) {
        var o = item.options;
        if (!o.llmLabel) {
          return;
        }
        var at = axis.toPixels(o.value !== undefined ? o.value : o.from);
        var x;
        var y;
        var align = 'left';
        if (axis.horiz) {
          if (at < chart.plotLeft - 1 || at > chart.plotLeft + chart.plotWidth + 1) {
            return;
          }
          x = Math.max(at, chart.plotLeft) + 4;
          if (x > chart.plotLeft + chart.plotWidth * 0.75) {
            // Near the right edge the label would run out of the plot: it goes on the left of its line or band.
            x = Math.max(at, chart.plotLeft) - 4;
            align = 'right';
          }
          // Lines (percentiles) alternate between two rows so that close ones stay readable; bands share one.
          y = chart.plotTop + 11 + (o.value !== undefined ? 12 * (row++ % 2) : 0);
        } else {
          if (at < chart.plotTop || at > chart.plotTop + chart.plotHeight) {
            return;
          }
          x = chart.plotLeft + chart.plotWidth - 4;
          y = at - 4;
          align = 'right';
        }
        chart.llmLabels.push(chart.renderer.text(o.llmLabel, x, y)
            .attr({ align: align, zIndex: 6, 'class': 'highcharts-plot-line-label' })
            .css({ color: '#666', fontSize: '10px' })
            .add());
      });
    });
  }

  /** What every chart shares, in the style of Gatling's own chart declarations. */
  function base(id, title, subtitle) {
    return {
      chart: {
        renderTo: id, zoomType: 'x', spacingTop: 12,
        events: {
          load: function () { ownLabels(this); },
          redraw: function () { ownLabels(this); }
        }
      },
      credits: { enabled: false },
      title: { text: '<span class="chart_title">' + esc(title) + '</span>', useHTML: true },
      subtitle: { text: esc(subtitle || '') },
      legend: {
        enabled: true,
        borderWidth: 0,
        itemStyle: { fontWeight: 'normal' },
        symbolRadius: 0
      },
      plotOptions: { series: { animation: false } }
    };
  }

  function draw(options) {
    if (document.getElementById(options.chart.renderTo)) {
      new H.Chart(options);
    }
  }

  return {
    H: H, BLUE: BLUE, ORANGE: ORANGE, GREEN: GREEN, RED: RED,
    esc: esc, num: num, ms: ms, base: base, draw: draw
  };
})();
