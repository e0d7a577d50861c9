/**
 * The HTML report's script, inline in the page: reads the records from the JSON data block and
 * draws the summary, the filters, the truth tables and the detail of a clicked cell. Every text
 * from the records goes in through textContent, never as markup.
 */
export const HTML_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var records = data.records;
  var marks = data.marks;
  var live = records.some(function (r) { return r.live !== undefined; });
  var FAILING = { 'disagrees': true, 'document-defect': true, 'enforcement-mismatch': true, 'flaky': true };
  var VERDICTS = ['pass', 'disagrees', 'document-defect', 'enforcement-mismatch', 'flaky', 'inconclusive', 'not-sent'];
  var cells = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  /* A probe not sent is no failure: grey, with the reason it was not sent. */
  function kind(v) { return v === 'pass' ? 'pass' : v === 'inconclusive' ? 'inconclusive' : v === 'not-sent' ? 'not-sent' : 'fail'; }
  function whyNotSent(r) { return r.liveReason || r.reason; }
  function probeName(r) { return r.scenario + ' / ' + r.step + ': ' + r.from + ' → ' + r.to + ' (' + r.tool + ')'; }

  /* Each cell's id, the same in every report of the same scenarios: its permalink is #id. */
  var ids = {};
  records.forEach(function (r, i) {
    var base = 'cell/' + [r.scenario, r.stepIndex, r.from, r.to, r.port, r.protocol, r.tool].join('/') + (r.family ? '/' + r.family : '');
    base = base.replace(/\s/g, '_');
    var id = base;
    for (var n = 2; Object.prototype.hasOwnProperty.call(ids, id); n++) id = base + '~' + n;
    ids[id] = i;
    r.__id = id;
  });
  /* An id as a URL fragment: escaped, but for the characters a fragment may hold as they are. */
  function fragment(id) { return encodeURIComponent(id).replace(/%(2F|3A|40|2C|3D|2B|7E)/g, function (m) { return decodeURIComponent(m); }); }
  function cellOfHash() {
    var h = location.hash.slice(1);
    try { h = decodeURIComponent(h); } catch (e) { /* as it is */ }
    return Object.prototype.hasOwnProperty.call(ids, h) ? ids[h] : -1;
  }
  function link(i, text) {
    var a = el('a', { href: '#' + fragment(records[i].__id), class: 'cell-link', 'data-index': String(i), text: text });
    a.addEventListener('click', function (e) { e.preventDefault(); openCell(i); });
    return a;
  }
  function answerOf(r) { return live ? (r.live === undefined ? 'inconclusive' : r.live) : r.model; }
  function markOf(o) { return marks[o] || '?'; }
  function seconds(ms) { return (ms / 1000).toFixed(2) + ' s'; }
  function enforcementText(e) { return e.lowerMs > 0 ? 'between ' + seconds(e.lowerMs) + ' and ' + seconds(e.upperMs) : 'within ' + seconds(e.upperMs); }
  function provenanceText(p) { return p.kind === 'derived' ? 'derived' + (p.reason ? ' (' + p.reason + ')' : '') : p.file + ' § ' + p.section; }
  function historyText(h) {
    var runs = [];
    h.forEach(function (o) { var last = runs[runs.length - 1]; if (last && last.o === o) last.n++; else runs.push({ o: o, n: 1 }); });
    return runs.map(function (x) { return x.n > 1 ? x.o + ' ×' + x.n : x.o; }).join(' → ');
  }
  function shellWord(w) { return /^[A-Za-z0-9_.,:\/=@%+-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'"; }
  function sortedNumbers(xs) { return xs.slice().sort(function (a, b) { return a - b; }); }

  /* Scenarios and steps in the order of the records; a scenario's document is where its documented rows come from. */
  var scenarios = [];
  var byName = {};
  records.forEach(function (r, i) {
    var s = byName[r.scenario];
    if (!s) { s = byName[r.scenario] = { name: r.scenario, file: r.scenarioFile, document: '', steps: [], byStep: {}, failing: false }; scenarios.push(s); }
    if (!s.document && r.provenance.kind === 'documented') s.document = r.provenance.file;
    var st = s.byStep[r.stepIndex];
    if (!st) { st = s.byStep[r.stepIndex] = { index: r.stepIndex, name: r.step, items: [], failing: false, enforcement: r.enforcement }; s.steps.push(st); }
    st.items.push(i);
    if (FAILING[r.verdict]) { st.failing = true; s.failing = true; }
  });
  scenarios.forEach(function (s) { if (!s.document) s.document = '(derived rows only)'; s.steps.sort(function (a, b) { return a.index - b.index; }); });

  function renderSummary() {
    var box = document.getElementById('summary');
    var counts = {};
    VERDICTS.forEach(function (v) { counts[v] = 0; });
    records.forEach(function (r) { counts[r.verdict] = (counts[r.verdict] || 0) + 1; });
    var table = el('table', { class: 'counts', id: 'verdict-counts' }, [el('tr', {}, [el('th', { text: 'verdict' }), el('th', { text: 'probes' })])]);
    VERDICTS.forEach(function (v) {
      if (!live && (v === 'document-defect' || v === 'enforcement-mismatch' || v === 'flaky' || v === 'not-sent') && counts[v] === 0) return;
      table.appendChild(el('tr', { 'data-verdict': v }, [el('td', { text: v }), el('td', {}, [el('span', { class: 'badge ' + (counts[v] ? kind(v) : ''), text: String(counts[v]) })])]));
    });
    var documented = records.filter(function (r) { return r.provenance.kind === 'documented'; }).length;
    box.appendChild(el('div', {}, [
      el('p', { text: scenarios.length + ' scenarios, ' + records.length + ' probes (' + documented + ' documented, ' + (records.length - documented) + ' derived)' + (live ? ', ' + records.filter(function (r) { return r.sent; }).length + ' sent to the cluster' : '') }),
      table,
    ]));
    // Several nodes: the probes sent between pods, same-node and cross-node, by verdict.
    var pairs = records.filter(function (r) { return r.sent && r.nodePair; });
    if (pairs.some(function (r) { return r.nodePair === 'cross-node'; })) {
      var byPair = el('table', { class: 'counts', id: 'node-pairs' }, [el('tr', {}, [el('th', { text: 'node pair' }), el('th', { text: 'sent' }), el('th', { text: 'not passing' })])]);
      ['cross-node', 'same-node'].forEach(function (p) {
        var these = pairs.filter(function (r) { return r.nodePair === p; });
        var bad = these.filter(function (r) { return FAILING[r.verdict]; }).length;
        byPair.appendChild(el('tr', { 'data-node-pair': p }, [el('td', { text: p }), el('td', { text: String(these.length) }), el('td', {}, [el('span', { class: 'badge ' + (bad ? 'fail' : ''), text: String(bad) })])]));
      });
      box.appendChild(byPair);
    }
    var failing = [];
    records.forEach(function (r, i) { if (FAILING[r.verdict]) failing.push(i); });
    // The heading lists what it counts, and is not shown when there is nothing to list.
    if (failing.length) {
      var items = el('ol');
      failing.forEach(function (i) {
        var r = records[i];
        items.appendChild(el('li', { 'data-verdict': r.verdict }, [link(i, probeName(r)), ' ', el('span', { class: 'badge ' + kind(r.verdict), text: r.verdict }), ' ' + r.reason]));
      });
      box.appendChild(el('div', { id: 'not-passing' }, [el('details', failing.length <= 50 ? { open: '' } : {}, [el('summary', {}, [el('h2', { text: failing.length + ' not passing' })]), items])]));
    }
    var findings = data.meta.findings || [];
    if (findings.length) {
      var ol = el('ol');
      findings.forEach(function (f) {
        var at = -1;
        records.forEach(function (r, i) { if (at < 0 && r.scenario === f.scenario && r.line === f.line) at = i; });
        ol.appendChild(el('li', {}, [
          el('strong', { text: f.title }), ' ', at >= 0 ? link(at, f.where) : f.where,
          el('br'), 'claims: ' + f.claim, el('br'), 'actual: ' + f.actual,
          f.fix ? el('div', { class: 'fix' }, [el('span', { class: 'dim', text: 'suggested fix: ' }), f.fix]) : null,
        ]));
      });
      box.appendChild(el('div', { id: 'findings' }, [el('details', { open: '' }, [el('summary', {}, [el('h2', { text: findings.length + (findings.length === 1 ? ' finding' : ' findings') })]), ol])]));
    }
    renderEnforcement(box);
  }

  function renderEnforcement(box) {
    var seen = {};
    var values = [];
    records.forEach(function (r) {
      var key = r.scenario + '\u0000' + r.stepIndex;
      if (r.enforcement && !seen[key]) { seen[key] = true; values.push(r.enforcement.upperMs); }
    });
    if (!values.length) return;
    var s = sortedNumbers(values);
    var mid = Math.floor(s.length / 2);
    var median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    var p90 = s[Math.min(s.length - 1, Math.max(0, Math.ceil(0.9 * s.length) - 1))];
    var max = s[s.length - 1];
    var bins = Math.max(1, Math.ceil(max / 1000));
    var hist = new Array(bins).fill(0);
    s.forEach(function (v) { hist[Math.min(bins - 1, Math.floor(v / 1000))]++; });
    var top = Math.max.apply(null, hist);
    var ns = 'http://www.w3.org/2000/svg';
    var barW = Math.max(6, Math.floor(320 / bins));
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', String(barW * bins + 10));
    svg.setAttribute('height', '96');
    svg.setAttribute('role', 'img');
    hist.forEach(function (n, i) {
      var h = top ? Math.round((n / top) * 70) : 0;
      var rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(i * barW + 1));
      rect.setAttribute('y', String(76 - h));
      rect.setAttribute('width', String(barW - 2));
      rect.setAttribute('height', String(h));
      var title = document.createElementNS(ns, 'title');
      title.textContent = i + '–' + (i + 1) + ' s: ' + n + ' changes';
      rect.appendChild(title);
      svg.appendChild(rect);
    });
    [0, bins].forEach(function (b) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('x', String(b === 0 ? 1 : b * barW - 24));
      t.setAttribute('y', '90');
      t.textContent = b + ' s';
      svg.appendChild(t);
    });
    box.appendChild(el('div', { class: 'chart', id: 'enforcement' }, [
      el('h2', { text: 'Enforcement time' }),
      el('p', { class: 'dim', text: values.length + ' changes: median ' + seconds(median) + ', p90 ' + seconds(p90) + ', max ' + seconds(max) + ' (upper bounds, 1 s bins)' }),
      svg,
    ]));
  }

  var onlyFailures = el('input', { type: 'checkbox', id: 'only-failures' });
  var docSelect = el('select', { id: 'document' }, [el('option', { value: '', text: 'all documents' })]);
  var search = el('input', { type: 'search', id: 'search', placeholder: 'search: scenario, pod, target, step, reason…', size: '36' });
  var verdictBoxes = [];
  var shown = el('span', { id: 'shown', class: 'dim' });
  function renderFilters() {
    var docs = [];
    scenarios.forEach(function (s) { if (docs.indexOf(s.document) < 0) docs.push(s.document); });
    docs.sort().forEach(function (d) { docSelect.appendChild(el('option', { value: d, text: d })); });
    onlyFailures.addEventListener('change', applyFilters);
    docSelect.addEventListener('change', applyFilters);
    search.addEventListener('input', applyFilters);
    var byVerdict = el('span', { id: 'verdict-filter' });
    VERDICTS.forEach(function (v) {
      if (!records.some(function (r) { return r.verdict === v; })) return;
      var box = el('input', { type: 'checkbox', value: v });
      box.checked = true;
      box.addEventListener('change', applyFilters);
      verdictBoxes.push(box);
      byVerdict.appendChild(el('label', { class: 'verdict ' + kind(v) }, [box, ' ' + v]));
    });
    var legend = 'marks: . allowed  X blocked  R refused  D dns-failure  P no-such-port  ! check-failed  ? undefined or inconclusive  – not sent (grey); "≠ doc" where the document differs';
    document.getElementById('filters').appendChild(el('div', {}, [
      el('div', { class: 'row' }, [
        el('label', {}, [search]),
        el('label', {}, [onlyFailures, ' only failures']),
        el('label', {}, ['document ', docSelect]),
        shown,
      ]),
      el('div', { class: 'row' }, [byVerdict]),
      el('div', { class: 'legend dim', text: legend }),
    ]));
  }

  function searchText(r) {
    return [r.scenario, r.scenarioFile + ':' + r.line, r.step, r.from, r.to, r.tool, r.protocol, r.verdict, r.reason, r.documented.join(' '), r.model, r.live || '', r.liveReason || ''].join(' ').toLowerCase();
  }

  /* only failures keeps whole steps (a failing cell's row and column); search and verdicts pick cells. */
  function applyFilters() {
    var doc = docSelect.value;
    var failures = onlyFailures.checked;
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var allowed = {};
    verdictBoxes.forEach(function (b) { allowed[b.value] = b.checked; });
    var count = 0;
    scenarios.forEach(function (s) {
      var scenarioShown = false;
      s.steps.forEach(function (st) {
        var stepShown = false;
        st.items.forEach(function (i) {
          var r = records[i];
          var text = words.length ? searchText(r) : '';
          var show = (doc === '' || s.document === doc) && (!failures || st.failing) && allowed[r.verdict] !== false &&
            words.every(function (w) { return text.indexOf(w) >= 0; });
          cells[i].classList.toggle('hidden', !show);
          if (show) { stepShown = true; count++; }
        });
        st.section.classList.toggle('hidden', !stepShown);
        if (stepShown) scenarioShown = true;
      });
      s.section.classList.toggle('hidden', !scenarioShown);
    });
    shown.textContent = count === records.length ? '' : 'showing ' + count + ' of ' + records.length + ' probes';
  }

  function cellButton(i) {
    var r = records[i];
    var answer = answerOf(r);
    var text = r.verdict === 'not-sent' ? marks['not-sent'] : markOf(answer);
    if (FAILING[r.verdict]) text += ' ≠ doc ' + r.documented.map(markOf).join('|');
    var title = r.verdict === 'not-sent' ? 'not sent: ' + whyNotSent(r) : r.verdict + ': ' + r.reason;
    var b = el('button', { type: 'button', id: r.__id, class: 'cell ' + kind(r.verdict), 'data-index': String(i), 'data-verdict': r.verdict, title: title, text: text });
    b.addEventListener('click', function () { openCell(i); });
    cells[i] = b;
    return b;
  }

  function renderScenarios() {
    var main = document.getElementById('scenarios');
    scenarios.forEach(function (s) {
      var section = el('section', { class: 'scenario', 'data-scenario': s.name }, [el('h2', {}, [s.name, el('span', { class: 'dim', text: '  ' + s.file + ' — ' + s.document })])]);
      s.steps.forEach(function (st) {
        var sources = [];
        var columns = [];
        st.items.forEach(function (i) {
          if (sources.indexOf(records[i].from) < 0) sources.push(records[i].from);
          if (columns.indexOf(data.columns[i]) < 0) columns.push(data.columns[i]);
        });
        var head = el('tr', {}, [el('th', { text: 'from \\ to' })]);
        columns.forEach(function (c) { head.appendChild(el('th', { scope: 'col', text: c })); });
        var body = el('tbody');
        sources.forEach(function (src) {
          var row = el('tr', {}, [el('th', { scope: 'row', text: src })]);
          columns.forEach(function (c) {
            var td = el('td');
            st.items.forEach(function (i) { if (records[i].from === src && data.columns[i] === c) td.appendChild(cellButton(i)); });
            row.appendChild(td);
          });
          body.appendChild(row);
        });
        var timing = st.enforcement ? ' (took effect ' + enforcementText(st.enforcement) + ' after the change)' : '';
        st.section = el('div', { class: 'step' }, [el('h3', { text: 'step ' + (st.index + 1) + ': ' + st.name + timing }), el('table', { class: 'matrix' }, [el('thead', {}, [head]), body])]);
        section.appendChild(st.section);
      });
      s.section = section;
      main.appendChild(section);
    });
  }

  /* Shows a cell (even one the filters hide), selects it, and makes the address its permalink. */
  function openCell(i) {
    var b = cells[i];
    if (b.classList.contains('hidden') || b.closest('.hidden')) {
      search.value = '';
      onlyFailures.checked = false;
      docSelect.value = '';
      verdictBoxes.forEach(function (x) { x.checked = true; });
      applyFilters();
    }
    if (location.hash.slice(1) !== records[i].__id && history.replaceState) history.replaceState(null, '', '#' + fragment(records[i].__id));
    b.scrollIntoView({ block: 'center' });
    showDetail(i, b);
  }

  function copyText(text, button) {
    function done(ok) { button.textContent = ok ? 'copied' : 'select and copy'; setTimeout(function () { button.textContent = 'copy'; }, 1500); }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback()); });
    else done(fallback());
    function fallback() {
      var area = el('textarea', { class: 'offscreen' });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      area.remove();
      return ok;
    }
  }

  function showDetail(i, button) {
    var r = records[i];
    var prev = document.querySelector('button.cell.selected');
    if (prev) prev.classList.remove('selected');
    button.classList.add('selected');
    var aside = document.getElementById('detail');
    aside.textContent = '';
    var rows = [];
    function row(label, value) { if (value !== undefined && value !== null && value !== '') rows.push(el('dt', { text: label }), el('dd', {}, [typeof value === 'string' ? value : value])); }
    function pre(text, cls) { return el('pre', { class: cls, text: text }); }
    row('verdict', el('span', { class: 'badge ' + kind(r.verdict), text: r.verdict === 'not-sent' ? 'not sent' : r.verdict }));
    row('why', r.verdict === 'not-sent' ? whyNotSent(r) : r.reason);
    row('permalink', el('a', { class: 'permalink', href: '#' + fragment(r.__id), text: '#' + r.__id }));
    row('scenario', r.scenario + ', step ' + (r.stepIndex + 1) + ': ' + r.step);
    row('line', r.scenarioFile + ':' + r.line);
    row('probe', r.from + ' → ' + r.to + ' (' + r.tool + ', ' + r.port + '/' + r.protocol + ')');
    row('document', r.documented.join(' or ') + ' [' + provenanceText(r.provenance) + ']');
    if (r.provenance.quote) row('quote', r.provenance.quote);
    row('model', r.model + (r.destination ? ' (to ' + r.destination + ')' : ''));
    row('explanation', el('ul', { class: 'explanation' }, r.explanation.map(function (line) { return el('li', { text: line }); })));
    if (r.live !== undefined) {
      row('live', r.live + (r.flaky ? ' (flaky)' : '') + (r.sent === false ? ' (not sent)' : ''));
      row('live reason', r.liveReason);
      row('attempts', String(r.attempts === undefined ? 0 : r.attempts) + (r.history && r.history.length ? ' (' + historyText(r.history) + ')' : ''));
      row('baseline', r.baseline);
      row('sent to', r.sentTo);
      row('nodes', r.sourceNode || r.destinationNode ? (r.sourceNode || '?') + ' → ' + (r.destinationNode || '?') : '');
      row('enforcement', r.enforcement ? enforcementText(r.enforcement) + ' after the change' : '');
      row('command', r.command ? el('code', { class: 'command', text: r.command.map(shellWord).join(' ') }) : '');
      row('exit code', r.exitCode === undefined || r.exitCode === null ? '' : String(r.exitCode));
      row('output', r.output === undefined ? '' : pre(r.output, 'output'));
      row('duration', r.durationMs === undefined ? '' : seconds(r.durationMs));
      row('via', r.via ? r.via + (r.transportNote ? ': ' + r.transportNote : '') : '');
      if (r.repro) {
        var copy = el('button', { type: 'button', class: 'copy', text: 'copy' });
        copy.addEventListener('click', function () { copyText(r.repro, copy); });
        row('repro', el('span', {}, [el('code', { class: 'repro', text: r.repro }), ' ', copy]));
      }
    }
    var close = el('button', { type: 'button', class: 'close', text: 'close' });
    close.addEventListener('click', function () { aside.hidden = true; button.classList.remove('selected'); });
    aside.appendChild(close);
    aside.appendChild(el('h2', { text: r.from + ' → ' + data.columns[i] }));
    aside.appendChild(el('dl', {}, rows));
    aside.hidden = false;
  }

  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') document.getElementById('detail').hidden = true; });
  function followHash() { var i = cellOfHash(); if (i >= 0) openCell(i); }
  window.addEventListener('hashchange', followHash);
  renderSummary();
  renderFilters();
  renderScenarios();
  applyFilters();
  followHash();
})();
`;
