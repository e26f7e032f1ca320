// Draws the dashboard charts with the locally bundled Apache ECharts. Each chart reads its numbers from a JSON block next to it;
// the same numbers are in the table under the chart, so the page says everything without JavaScript.
(function () {
  'use strict';
  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    if (!source || !window.echarts) return;
    var c = JSON.parse(source.textContent);
    var horizontal = c.kind === 'hbar';
    var type = c.kind === 'line' ? 'line' : 'bar';
    var category = { type: 'category', data: c.categories, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 }, inverse: horizontal };
    var value = { type: 'value' };
    var series = c.series.map(function (s) {
      var one = { name: s.name, type: type, data: s.data };
      if (c.target !== null && c.target !== undefined) {
        one.markLine = { symbol: 'none', data: [{ yAxis: c.target, name: c.targetName }], label: { formatter: c.targetName + ' {c}' } };
      }
      return one;
    });
    var chart = window.echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
    chart.setOption({
      aria: { enabled: true, decal: { show: true } },
      title: { text: c.title, left: 'center', textStyle: { fontSize: 16 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 60, right: 30, top: 50, bottom: horizontal ? 40 : 90, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  function start() {
    var charts = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < charts.length; i++) draw(charts[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
