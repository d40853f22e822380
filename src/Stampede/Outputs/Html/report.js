// Draws the Stampede report's charts from the JSON embedded in the page. Time charts are the ones the live
// dashboard draws too (charts.js, on uPlot, both bundled above); the histogram and heatmap are drawn here on
// canvases from buckets the report writer already computed.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = window.StampedeCharts, format = charts.format;
  var plots = [];
  var drawn = 0;

  var axes = {};
  function timeAxis(step) {
    if (!axes[step]) {
      var n = Math.ceil(data.seconds / step), xs = new Array(n);
      for (var i = 0; i < n; i++) { xs[i] = data.t0 + i * step; }
      axes[step] = xs;
    }
    return axes[step];
  }

  data.charts.forEach(function (chart) {
    var host = document.querySelector('.charts[data-section="' + chart.section + '"]');
    if (!host) { return; }
    plots.push(charts.timeChart(host, {
      id: chart.id, unit: chart.unit, labels: chart.labels,
      caption: chart.title + (chart.unit ? ' (' + chart.unit + ')' : '') + (chart.step > 1 ? ' · mean of ' + chart.step + ' s' : ''),
    }, [timeAxis(chart.step || 1)].concat(chart.data)));
    drawn++;
  });

  document.querySelectorAll('.chart-section').forEach(function (section) {
    if (!section.querySelector('figure') && !section.querySelector('table')) {
      var host = section.querySelector('.charts');
      var note = document.createElement('p');
      note.className = 'empty';
      note.textContent = section.id === 'section-errors' ? 'No failed requests.' : 'Not measured in this run.';
      host.replaceWith(note);
      if (section.id !== 'section-errors') { section.classList.add('hidden'); }
    }
  });

  function prepare(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || 600, height = canvas.clientHeight || 260;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    var ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.font = '11px system-ui, sans-serif';
    return { ctx: ctx, width: width, height: height };
  }

  function drawHistogram(h) {
    var canvas = document.getElementById('histogram');
    var c = prepare(canvas), ctx = c.ctx;
    var left = 56, bottom = 28, top = 8, right = 28;
    var plotW = c.width - left - right, plotH = c.height - top - bottom;
    var max = Math.max.apply(null, h.counts) || 1;
    var n = h.counts.length, barW = plotW / n;
    ctx.fillStyle = '#2563eb';
    for (var k = 0; k < n; k++) {
      var barH = plotH * h.counts[k] / max;
      ctx.fillRect(left + k * barW, top + plotH - barH, Math.max(barW - 1, 1), barH);
    }
    ctx.fillStyle = '#667085';
    ctx.strokeStyle = '#e4e7ec';
    ctx.beginPath(); ctx.moveTo(left, top + plotH); ctx.lineTo(left + plotW, top + plotH); ctx.stroke();
    ctx.textAlign = 'center';
    for (var t = 0; t <= 6; t++) {
      var edge = Math.round(t * n / 6);
      ctx.fillText(format(h.edges[edge], h.unit), left + edge * barW, c.height - 10);
    }
    ctx.textAlign = 'right';
    ctx.fillText(format(max, ''), left - 6, top + 10);
    ctx.fillText('0', left - 6, top + plotH);
    canvas.setAttribute('data-drawn', 'true');
    drawn++;
  }

  function drawHeatmap(m) {
    var canvas = document.getElementById('heatmap');
    var c = prepare(canvas), ctx = c.ctx;
    var left = 56, bottom = 28, top = 8, right = 28;
    var plotW = c.width - left - right, plotH = c.height - top - bottom;
    var cols = m.columns.length, rows = m.edges.length - 1;
    var max = 0;
    m.columns.forEach(function (col) { col.forEach(function (v) { if (v > max) { max = v; } }); });
    var logMax = Math.log(max + 1) || 1;
    var cw = plotW / cols, rh = plotH / rows;
    for (var x = 0; x < cols; x++) {
      var col = m.columns[x];
      for (var y = 0; y < rows; y++) {
        var v = col[y];
        if (!v) { continue; }
        var level = Math.log(v + 1) / logMax;
        ctx.fillStyle = 'hsl(' + (220 - 200 * level) + ', 85%, ' + (88 - 45 * level) + '%)';
        ctx.fillRect(left + x * cw, top + plotH - (y + 1) * rh, Math.ceil(cw), Math.ceil(rh));
      }
    }
    ctx.fillStyle = '#667085';
    ctx.textAlign = 'right';
    for (var t = 0; t <= 4; t++) {
      var row = Math.round(t * rows / 4);
      ctx.fillText(format(m.edges[row], m.unit), left - 6, top + plotH - row * rh + 4);
    }
    ctx.textAlign = 'left';
    ctx.fillText(new Date(data.t0 * 1000).toLocaleTimeString(), left, c.height - 10);
    ctx.textAlign = 'right';
    ctx.fillText(new Date((data.t0 + data.seconds) * 1000).toLocaleTimeString(), left + plotW, c.height - 10);
    canvas.setAttribute('data-drawn', 'true');
    drawn++;
  }

  if (data.histogram) { drawHistogram(data.histogram); }
  if (data.heatmap) { drawHeatmap(data.heatmap); }
  if (!data.histogram && !data.heatmap) {
    var pair = document.querySelector('#section-latency .pair');
    if (pair) { pair.remove(); }
  }

  window.addEventListener('resize', function () {
    charts.fit(plots);
  });

  document.body.setAttribute('data-charts', String(drawn));
  document.body.setAttribute('data-rendered', 'true');
})();
