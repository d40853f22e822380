// The live dashboard: draws each second the server pushes (Server-Sent Events) with the report's own charts
// (charts.js) and sends the controls' requests with the token from the address's #token=… fragment, which the
// browser never sends to a server by itself.
(function () {
  'use strict';
  var charts = window.StampedeCharts, format = charts.format;
  var config = JSON.parse(document.getElementById('dashboard-config').textContent);
  var token = new URLSearchParams(location.hash.slice(1)).get('token') || new URLSearchParams(location.search).get('token') || '';
  var keep = 3600;
  var xs = [], lines = {}, views = {}, order = [];
  var frames = 0, ended = false, source = null;
  // Faults and control actions on the charts' time axis (unix seconds): the run's start plus their run second.
  var runStart = null, marks = [];

  function $(id) { return document.getElementById(id); }
  function text(id, value) { var e = $(id); if (e) { e.textContent = value; } }

  function set(key, value) {
    var line = lines[key];
    if (!line) { line = lines[key] = new Array(xs.length).fill(null); }
    line[xs.length - 1] = value == null || !isFinite(value) ? null : value;
  }

  function view(id, section, caption, unit, labels, keys) {
    if (views[id]) { return; }
    var host = document.querySelector('.charts[data-section="' + section + '"]');
    if (!host) { return; }
    host.closest('section').classList.remove('hidden');
    keys.forEach(function (k) { if (!lines[k]) { lines[k] = new Array(xs.length).fill(null); } });
    views[id] = { keys: keys, chart: charts.timeChart(host, { id: id, caption: caption, unit: unit, labels: labels, marks: function () { return marks; } }, data(keys)) };
    order.push(views[id].chart);
  }

  function data(keys) { return [xs.slice()].concat(keys.map(function (k) { return lines[k].slice(); })); }

  function metricView(m) {
    var id = 'm-' + m.name;
    if (m.kind === 'trend') {
      view(id, m.section, m.name + (m.unit ? ' (' + m.unit + ')' : ''), m.unit, ['p50', 'p95', 'p99', 'avg'], [id + ':p50', id + ':p95', id + ':p99', id + ':avg']);
      set(id + ':p50', m.p[0]); set(id + ':p95', m.p[2]); set(id + ':p99', m.p[3]); set(id + ':avg', m.p[5]);
    } else if (m.kind === 'rate') {
      view(id, m.section, m.name + ' (%)', '%', ['rate %'], [id]);
      set(id, m.p[1] ? 100 * m.p[0] / m.p[1] : null);
    } else if (m.kind === 'counter') {
      view(id, m.section, m.name + ' per second' + (m.unit ? ' (' + m.unit + ')' : ''), m.unit, [m.name + '/s'], [id]);
      set(id, m.p[0]);
    } else {
      view(id, m.section, m.name + (m.unit ? ' (' + m.unit + ')' : ''), m.unit, [m.name], [id]);
      set(id, m.p[0]);
    }
  }

  function row(table, cells, className) {
    var tr = document.createElement('tr');
    if (className) { tr.className = className; }
    cells.forEach(function (c) { var td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
    table.appendChild(tr);
  }

  function fill(id, items, cells, classOf) {
    var body = document.querySelector('#' + id + ' tbody');
    if (!body) { return; }
    body.textContent = '';
    items.forEach(function (item) { row(body, cells(item), classOf ? classOf(item) : ''); });
    var section = body.closest('section');
    if (section) { section.classList.toggle('hidden', items.length === 0); }
  }

  function second(f) {
    frames++;
    if (frames === 1) { text('verdict', 'running'); }
    runStart = f.t - f.second;
    xs.push(f.t);
    Object.keys(lines).forEach(function (k) { lines[k].push(null); });
    if (xs.length > keep) { xs.shift(); Object.keys(lines).forEach(function (k) { lines[k].shift(); }); }
    var byName = {};
    f.metrics.forEach(function (m) { byName[m.name] = m; });
    view('vus', 'load', 'Virtual users', '', ['vus', 'vus_max'], ['vus', 'vusMax']);
    set('vus', f.vus); set('vusMax', f.vusMax);
    var iterations = byName.iterations ? byName.iterations.p[0] : 0;
    view('throughput', 'load', 'Request rate (/s)', '/s', ['requests/s', 'failed/s', 'iterations/s'], ['requests', 'failures', 'iterations']);
    set('requests', f.requests); set('failures', f.failures); set('iterations', iterations);
    var failed = byName.http_req_failed;
    var errorRate = failed && failed.p[1] ? 100 * failed.p[0] / failed.p[1] : (failed ? 0 : null);
    view('error-rate', 'errors', 'Error rate (%)', '%', ['failed %'], ['errorRate']);
    set('errorRate', errorRate);
    var latency = byName.http_req_duration || byName.iteration_duration;
    if (latency) {
      view('latency', 'latency', latency.name + ' percentiles (ms)', 'ms', ['p50', 'p90', 'p95', 'p99', 'max'], ['p50', 'p90', 'p95', 'p99', 'max']);
      ['p50', 'p90', 'p95', 'p99', 'max'].forEach(function (k, i) { set(k, latency.p[i]); });
    }
    f.metrics.forEach(function (m) { if (m.section !== 'builtin') { metricView(m); } });
    events(f.events);
    Object.keys(views).forEach(function (id) { views[id].chart.plot.setData(data(views[id].keys)); });

    text('tile-vus', String(f.vus));
    text('tile-rps', format(f.requests, ''));
    text('tile-errors', errorRate == null ? '-' : format(errorRate, '') + '%');
    text('tile-p95', latency ? format(latency.p[2], 'ms') : '-');
    text('tile-elapsed', format(f.elapsed, '') + ' s');
    text('tile-dropped', String(f.droppedFrames));
    document.body.classList.toggle('paused', f.paused);
    text('state', f.paused ? 'paused' : 'running');
    fill('endpoints', f.endpoints, function (e) {
      return [e.group, e.method, e.name, String(e.count), String(e.failures), format(e.avg, 'ms'), format(e.p50, 'ms'), format(e.p95, 'ms'), format(e.p99, 'ms')];
    }, function (e) { return e.failures > 0 ? 'failing' : ''; });
    fill('checks', f.checks, function (c) { return [c.group, c.name, String(c.passes), String(c.fails)]; }, function (c) { return c.fails > 0 ? 'failed' : 'passed'; });
    thresholds(f.thresholds);
    fill('scenarios', f.scenarios, function (s) {
      return [s.name, s.executor, s.state, String(s.vus), String(s.iterations), String(s.dropped), format(s.elapsed, '') + ' / ' + format(s.scheduled, '') + ' s'];
    });
    document.body.setAttribute('data-frames', String(frames));
    document.body.setAttribute('data-points', String(xs.length));
    document.body.setAttribute('data-vus', String(f.vus));
  }

  function thresholds(list) {
    fill('thresholds', list, function (t) { return [t.failing ? '✗' : '✓', t.metric, t.expression, t.failing ? 'failing' : 'passing']; },
      function (t) { return t.failing ? 'failed' : 'passed'; });
  }

  function events(list) {
    fill('events', list, function (e) { return [format(e.at, ''), e.kind, e.description]; });
    if (runStart != null) {
      marks = list.map(function (e) { return { from: runStart + e.at, to: e.end == null ? null : runStart + e.end, kind: e.kind }; });
    }
  }

  function end(f) {
    ended = true;
    if (source) { source.close(); }
    thresholds(f.thresholds);
    events(f.events);
    order.forEach(function (c) { c.plot.redraw(false, false); });
    var verdict = $('verdict');
    verdict.className = 'verdict ' + (f.passed ? 'pass' : 'fail');
    verdict.textContent = (f.passed ? 'PASSED' : 'FAILED') + ' · ran ' + format(f.duration, '') + ' s' + (f.stopReason ? ' · stopped early: ' + f.stopReason : '');
    verdict.setAttribute('data-stop-reason', f.stopReason || '');
    if (f.report) {
      var link = document.createElement('a');
      link.id = 'report-link';
      link.href = f.report;
      link.textContent = 'Open the HTML report';
      verdict.appendChild(document.createTextNode(' · '));
      verdict.appendChild(link);
    }
    document.body.classList.add('ended');
    text('state', 'finished');
    document.body.setAttribute('data-ended', 'true');
  }

  function waiting(f) {
    if (document.body.classList.contains('started')) { return; }
    text('state', 'waiting for Start');
    text('verdict', 'not started');
    text('start-note', 'set the load (empty fields keep the plan\'s) and press Start within ' + format(f.timeout, '') + ' s');
  }

  function connect() {
    source = new EventSource('events' + (token ? '?token=' + encodeURIComponent(token) : ''));
    source.onmessage = function (message) {
      var f = JSON.parse(message.data);
      if (f.type === 'second') { document.body.classList.add('started'); second(f); } else if (f.type === 'end') { end(f); } else if (f.type === 'waiting') { waiting(f); }
    };
    source.onerror = function () { if (!ended) { text('state', 'reconnecting…'); } };
  }

  // Resolves true when the dashboard took the action; its answer goes in the note beside the buttons.
  function control(body, noteId) {
    var note = $(noteId || 'control-note');
    note.textContent = '…';
    return fetch('api/control', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token },
      body: JSON.stringify(body),
    }).then(function (r) { return r.text().then(function (t) { note.textContent = t; note.className = r.ok ? 'ok' : 'refused'; return r.ok; }); },
      function () { note.textContent = 'the dashboard did not answer'; note.className = 'refused'; return false; });
  }

  function number(id) { var v = $(id).value; return v === '' ? null : Number(v); }

  if (config.mode === 'fleet') { text('state', 'waiting for the workers'); }
  $('stop').addEventListener('click', function () { control({ action: 'stop' }); });
  $('pause').addEventListener('click', function () { control({ action: 'pause' }); });
  $('resume').addEventListener('click', function () { control({ action: 'resume' }); });
  $('set-vus').addEventListener('click', function () { control({ action: 'vus', vus: number('vus'), ramp: number('ramp') }); });
  $('set-rate').addEventListener('click', function () { control({ action: 'rate', rate: number('rate') }); });
  if (config.mode === 'ui') {
    $('start').addEventListener('click', function () {
      control({ action: 'start', vus: number('start-vus'), rate: number('start-rate'), duration: $('start-duration').value || null }, 'start-note')
        .then(function (ok) { if (ok) { document.body.classList.add('started'); text('state', 'starting…'); } });
    });
  }

  window.addEventListener('resize', function () { charts.fit(order); });
  connect();
  document.body.setAttribute('data-rendered', 'true');
})();
