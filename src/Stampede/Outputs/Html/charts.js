// The time charts of the HTML report and of the live dashboard: one number format, one palette and one way to
// draw a uPlot chart, so a chart looks the same in both and a fix to one is a fix to the other.
window.StampedeCharts = (function () {
  'use strict';
  var palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];

  function format(v, unit) {
    if (v == null || !isFinite(v)) { return '-'; }
    if (unit === 'ms') {
      if (v < 1) { return +(v * 1000).toFixed(0) + 'µs'; }
      if (v < 1000) { return +v.toPrecision(3) + 'ms'; }
      return +(v / 1000).toPrecision(3) + 's';
    }
    if (unit === 'bytes') {
      var units = ['B', 'kB', 'MB', 'GB', 'TB'], i = 0;
      while (Math.abs(v) >= 1000 && i < units.length - 1) { v /= 1000; i++; }
      return +v.toPrecision(3) + ' ' + units[i];
    }
    if (Math.abs(v) >= 1e6) { return +(v / 1e6).toPrecision(3) + 'M'; }
    if (Math.abs(v) >= 1e4) { return +(v / 1e3).toPrecision(3) + 'k'; }
    return String(+v.toPrecision(4));
  }

  // Rates and shares are plain numbers on the axis; the unit is in the caption.
  function valueUnit(unit) { return unit === '/s' || unit === '%' ? '' : unit; }

  function width(host) {
    return Math.max(host.clientWidth > 1200 ? (host.clientWidth - 12) / 2 : host.clientWidth, 320) - 18;
  }

  // Draws what happened to the run (faults as bands over their window, control actions as lines) over a chart's
  // plot area, behind nothing: marks() gives [{ from, to?, kind }] in the chart's x units. The figure's data-marks
  // says how many fell inside the visible range.
  function marksPlugin(marks, box) {
    return {
      hooks: {
        draw: function (u) {
          var list = marks() || [], drawn = 0, ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
          var min = u.scales.x.min, max = u.scales.x.max;
          ctx.save();
          list.forEach(function (m) {
            var to = m.to == null ? m.from : m.to;
            if (to < min || m.from > max) { return; }
            drawn++;
            var x0 = u.valToPos(Math.max(m.from, min), 'x', true), x1 = u.valToPos(Math.min(to, max), 'x', true);
            var color = m.kind === 'control' ? '71, 85, 105' : '220, 38, 38';
            if (x1 - x0 >= 2) {
              ctx.fillStyle = 'rgba(' + color + ', 0.12)';
              ctx.fillRect(x0, top, x1 - x0, height);
            }
            ctx.strokeStyle = 'rgba(' + color + ', 0.8)';
            ctx.lineWidth = 1;
            ctx.setLineDash(m.kind === 'control' ? [4, 3] : []);
            ctx.beginPath();
            ctx.moveTo(Math.round(x0) + 0.5, top);
            ctx.lineTo(Math.round(x0) + 0.5, top + height);
            ctx.stroke();
          });
          ctx.restore();
          box.setAttribute('data-marks', String(drawn));
        },
      },
    };
  }

  // Adds a figure with a time chart to host. spec: { id, caption, unit, labels, marks? }; data: [x seconds, ...lines].
  function timeChart(host, spec, data) {
    var box = document.createElement('figure');
    box.className = 'chart';
    box.setAttribute('data-chart', spec.id);
    var caption = document.createElement('figcaption');
    caption.textContent = spec.caption;
    box.appendChild(caption);
    host.appendChild(box);
    var unit = valueUnit(spec.unit);
    var series = [{}].concat(spec.labels.map(function (label, k) {
      return { label: label, stroke: palette[k % palette.length], width: 1.5, points: { show: false },
        value: function (u, v) { return format(v, unit); } };
    }));
    var opts = {
      width: width(host),
      height: 220,
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { size: 60, values: function (u, vals) { return vals.map(function (v) { return format(v, unit); }); } }],
      plugins: spec.marks ? [marksPlugin(spec.marks, box)] : [],
    };
    return { plot: new uPlot(opts, data, box), box: box };
  }

  function fit(charts) {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(c.box.clientWidth - 18, 300), height: 220 }); });
  }

  return { palette: palette, format: format, timeChart: timeChart, fit: fit };
})();
