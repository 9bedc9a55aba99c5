// capfleet HTML report: sorting, filtering, copy buttons, print. Reads only the page; no network, no eval.
(function () {
  'use strict';
  var table = document.getElementById('hosts');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('filter');
  var verdictFilter = document.getElementById('verdict-filter');
  var shown = document.getElementById('shown');

  function key(row, column, type) {
    var cell = row.cells[column];
    var v = cell.getAttribute('data-value');
    if (v === null) { v = cell.textContent; }
    if (type === 'number') { return v === '' ? -Infinity : Number(v); }
    return v.toLowerCase();
  }

  function sortBy(th) {
    var column = th.cellIndex;
    var type = th.getAttribute('data-type');
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = key(a, column, type), y = key(b, column, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      if (order === 0) { order = Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')); }
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function applyFilter() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var verdict = verdictFilter.value;
    var n = 0;
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      var ok = (verdict === '' || r.getAttribute('data-verdict') === verdict)
        && words.every(function (w) { return text.indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + rows.length + ' hosts shown';
  }

  function copied(button, ok) {
    button.classList.toggle('copied', ok);
    button.setAttribute('data-copied', ok ? 'true' : 'false');
    button.textContent = ok ? 'Copied' : 'Select and copy';
  }

  function copyFallback(button, text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    copied(button, ok);
  }

  function copy(button) {
    var text = button.getAttribute('data-copy');
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { copied(button, true); },
        function () { copyFallback(button, text); });
    } else {
      copyFallback(button, text);
    }
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.tabIndex = 0;
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); } });
  });
  filter.addEventListener('input', applyFilter);
  verdictFilter.addEventListener('change', applyFilter);
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button.copy') : null;
    if (b) { copy(b); }
  });
  // a host's detail opens when its name is followed from the table
  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a.host-link') : null;
    if (a) {
      var d = document.getElementById(a.getAttribute('href').slice(1));
      if (d) { d.open = true; }
    }
  });
  // closed <details> would print as their summary line only
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.host'), function (d) { d.open = true; });
  });
  document.documentElement.setAttribute('data-ready', 'true');
  applyFilter();
}());
