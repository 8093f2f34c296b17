/// The page's script, second half: the views and the controls.
///
/// Each view updates the elements its panel drew (found by `data-` attributes) from the
/// recomputed values, with the panel's geometry from the page's data, and never writes user
/// text as markup (only `textContent`). Tables, the charts' text alternatives, are rebuilt
/// when open and marked stale otherwise, so a 2,000-row ranking costs nothing while closed.
/// `window.idxReport` exposes the page's state read-only, for people and for the tests.
enum PageViews {
  static let source = charts + PageControls.source

  /// The helpers and the ranking, framework, profile and gap views.
  static let charts = #"""
    const L = D.layout, dec = D.decimals;
    const NS = document.querySelector('svg').namespaceURI;
    let period = D.initialPeriod;
    let sortKey = 'rank';
    let lastUpdate = 0;
    const $ = function (s, r) { return (r || document).querySelector(s); };
    const $$ = function (s, r) { return Array.from((r || document).querySelectorAll(s)); };

    function fmt(v, d) {
      if (!isFinite(v)) return '\u2014';
      if (Math.abs(v) >= 1e15) return String(v);
      let s = 1;
      for (let i = 0; i < d; i++) s *= 10;
      const r = Math.round(Math.abs(v) * s) / s, whole = Math.floor(r);
      let text = String(whole);
      if (d > 0) { const f = String(Math.round((r - whole) * s)); text += '.' + '0'.repeat(Math.max(0, d - f.length)) + f; }
      return v < 0 && r !== 0 ? '-' + text : text;
    }
    function num(v) {
      if (!isFinite(v)) return '0';
      let t = fmt(v, 2);
      while (t.indexOf('.') >= 0 && t.endsWith('0')) t = t.slice(0, -1);
      if (t.endsWith('.')) t = t.slice(0, -1);
      return t === '-0' ? '0' : t;
    }
    function pct(share) { return fmt(share * 100, 1) + '%'; }

    // The report's AxisTicks: round steps of 1, 2 or 5 times a power of ten.
    function ticks(lo, hi, count) {
      if (!isFinite(lo)) lo = 0;
      if (!isFinite(hi)) hi = 1;
      if (hi <= lo) { const pad = Math.abs(lo) > 0 ? Math.abs(lo) / 2 : 1; lo -= pad; hi += pad; }
      const raw = (hi - lo) / Math.max(1, count || 5);
      const mag = Math.pow(10, Math.floor(Math.log10(raw))), n = raw / mag;
      const step = (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
      const a = { low: Math.floor(lo / step) * step, high: Math.ceil(hi / step) * step, step: step };
      a.decimals = Math.max(0, Math.trunc(-Math.floor(Math.log10(step) + 1e-9)));
      a.values = [];
      const k = Math.round((a.high - a.low) / step);
      for (let i = 0; i <= k; i++) a.values.push(a.low + i * step);
      a.at = function (v, start, length) { return start + (v - a.low) / (a.high - a.low) * length; };
      return a;
    }

    function el(name, attrs, text) {
      const node = document.createElementNS(NS, name);
      for (const k in attrs) node.setAttribute(k, attrs[k]);
      if (text !== undefined) node.textContent = text;
      return node;
    }
    // Writes only what changed: an unchanged attribute or text costs the browser no layout.
    function set(node, attrs) {
      for (const k in attrs) { const v = String(attrs[k]); if (node.getAttribute(k) !== v) node.setAttribute(k, v); }
    }
    function put(node, text) { if (node.textContent !== text) node.textContent = text; }

    // Redraws a vertical-gridline axis; `zero` marks the 0 line.
    function drawAxis(g, axis, start, length, top, bottom) {
      g.replaceChildren();
      for (const v of axis.values) {
        const x = num(axis.at(v, start, length));
        g.appendChild(el('line', { x1: x, y1: num(top - 4), x2: x, y2: num(bottom - 4), class: v === 0 ? 'zero' : 'grid' }));
        g.appendChild(el('text', { x: x, y: num(top - 8), 'text-anchor': 'middle', class: 'tick' }, fmt(v, axis.decimals)));
      }
    }

    const entityName = function (e) { return D.entities[e][1]; };
    const label = function (t) { return nodes[t].label; };

    // Tables: rebuilt when open, else when next opened.
    const stale = new Set();
    function fillTable(id, rows) {
      const table = document.getElementById(id);
      if (!table) return;
      const details = table.closest('details');
      if (details && !details.open) { stale.add(id); table.pendingRows = rows; return; }
      const body = table.tBodies[0];
      const heads = $$('th', table);
      body.replaceChildren();
      for (const row of (typeof rows === 'function' ? rows() : rows)) {
        const tr = document.createElement('tr');
        row.forEach(function (cell, i) {
          const td = document.createElement('td');
          if (heads[i] && heads[i].classList.contains('num')) td.className = 'num';
          td.textContent = cell;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      }
    }
    $$('details.alt').forEach(function (d) {
      d.addEventListener('toggle', function () {
        const table = $('table', d);
        if (d.open && table && stale.has(table.id)) { stale.delete(table.id); fillTable(table.id, table.pendingRows); }
      });
    });

    // Ranking
    const rankingRows = new Map();
    $$('#ranking-chart g.row').forEach(function (g) {
      rankingRows.set(+g.dataset.e, { g: g, rects: $$('rect', g), rk: $('.rk', g), sc: $('.sc', g) });
    });
    function renderRanking() {
      const R = L.ranking, base = period * E, sums = [];
      let lo = 0, hi = 0;
      for (let e = 0; e < E; e++) {
        sums[e] = segmentSums(e, period);
        let neg = 0, pos = 0;
        for (const v of sums[e]) { if (v < 0) neg += v; else if (v > 0) pos += v; }
        lo = Math.min(lo, neg); hi = Math.max(hi, pos);
      }
      const axis = ticks(lo, hi);
      const height = R.top + E * R.rowHeight + 6;
      drawAxis($('#ranking-chart [data-role=axis]'), axis, R.barStart, R.barLength, R.top, height);
      const order = D.entities.map(function (_, e) { return e; });
      const rankOf = function (e) { return rnk[base + e] || Infinity; };
      order.sort(function (a, b) {
        if (sortKey === 'name') return entityName(a) < entityName(b) ? -1 : entityName(a) > entityName(b) ? 1 : a - b;
        if (sortKey !== 'rank') {
          const k = +sortKey, sa = rnk[base + a] ? sums[a][k] : -Infinity, sb = rnk[base + b] ? sums[b][k] : -Infinity;
          if (sa !== sb) return sb - sa;
        }
        return rankOf(a) - rankOf(b) || a - b;
      });
      const scale = R.barLength / (axis.high - axis.low), zero = axis.at(0, R.barStart, R.barLength);
      order.forEach(function (e, position) {
        const row = rankingRows.get(e);
        if (!row) return;
        row.g.setAttribute('transform', 'translate(0,' + num(R.top + position * R.rowHeight) + ')');
        let right = zero, left = zero;
        sums[e].forEach(function (v, s) {
          const width = Math.abs(v) * scale;
          let x;
          if (v >= 0) { x = right; right += width; } else { left -= width; x = left; }
          set(row.rects[s], { x: num(x), width: num(Math.max(0, width)) });
        });
        const r = rnk[base + e];
        put(row.rk, r > 0 ? String(r) : '\u2014');
        put(row.sc, r > 0 ? fmt(fin[base + e], dec[0]) : 'no score');
      });
      const scored = order.filter(function (e) { return rnk[base + e] > 0; });
      const top = scored.slice().sort(function (a, b) { return rnk[base + a] - rnk[base + b] || a - b; }).slice(0, 3);
      $('#ranking-chart desc').textContent = 'Scores of ' + scored.length + ' entities, best first: '
        + top.map(function (e) { return entityName(e) + ' ' + fmt(fin[base + e], dec[0]); }).join(', ')
        + (scored.length > top.length ? ' and ' + (scored.length - top.length) + ' more' : '')
        + '. Each bar is split into the contributions of '
        + D.segments.map(function (s) { return s.label; }).join(', ') + '; the table below lists them.';
      fillTable('ranking-table', function () {
        return order.map(function (e) {
          const r = rnk[base + e];
          return [r > 0 ? String(r) : '\u2014', D.entities[e][0], entityName(e), fmt(fin[base + e], dec[0])]
            .concat(sums[e].map(function (v) { return r > 0 ? fmt(v, dec[1]) : '\u2014'; }));
        });
      });
      return top;
    }

    // Framework
    function effectiveWeights() {
      const eff = new Array(T).fill(1);
      for (let t = 1; t < T; t++) {
        const p = nodes[t].parent, i = nodes[p].members.indexOf(t);
        eff[t] = eff[p] * shareOf(p, i);
      }
      return eff;
    }
    function aggText(n) { return n.agg ? (n.agg.kind === 'power' ? 'power(' + n.agg.p + ')' : n.agg.kind) : ''; }
    function nominal(t) { const p = nodes[t].parent; return p === null ? 1 : shareOf(p, nodes[p].members.indexOf(t)); }
    function renderFramework() {
      const eff = effectiveWeights(), F = L.framework;
      $$('#framework-chart g.fw').forEach(function (g) {
        const t = +g.dataset.t, nom = $('.nom', g);
        if (nom) put(nom, pct(nominal(t)));
        set($('rect.eff', g), { width: num(eff[t] * F.barLength) });
        put($('.effv', g), pct(eff[t]));
      });
      fillTable('framework-table', function () {
        return F.rows.map(function (t) {
          const n = nodes[t];
          return ['\u00b7 '.repeat(n.depth) + n.label, n.name, aggText(n),
            n.doc || '', t === 0 ? '' : pct(nominal(t)), pct(eff[t])];
        });
      });
    }
    $$('#framework-chart g.fw').forEach(function (g) {
      const show = function () { $('[data-role=doc]', $('#panel-framework')).textContent = $('title', g).textContent; };
      g.addEventListener('mouseenter', show);
      g.addEventListener('focus', show);
    });

    // Profile
    function field(t, p) {
      const v = [];
      for (let e = 0; e < E; e++) { const x = val[t][p * E + e]; if (x === x) v.push(x); }
      v.sort(function (a, b) { return a - b; });
      if (!v.length) return [NaN, NaN, NaN];
      const m = v.length >> 1;
      return [v[0], v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2, v[v.length - 1]];
    }
    function headline(e) {
      const c = period * E + e, r = rnk[c];
      let scored = 0;
      for (let k = 0; k < E; k++) if (rnk[period * E + k] > 0) scored++;
      return entityName(e) + ': score ' + fmt(fin[c], dec[0]) + ', ' + (r > 0 ? 'rank ' + r + ' of ' + scored : 'no rank')
        + (D.showPeriods ? ' in ' + D.periods[period] : '') + '.';
    }
    function renderProfile() {
      const panel = $('#panel-profile');
      if (!panel) return;
      const e = +$('[data-role=entity]', panel).value, Q = L.profile;
      const fields = Q.rows.map(function (t) { return field(t, period); });
      let lo = Infinity, hi = -Infinity;
      for (const f of fields) { if (f[0] === f[0]) { lo = Math.min(lo, f[0]); hi = Math.max(hi, f[2]); } }
      const axis = ticks(lo === Infinity ? 0 : lo, hi === -Infinity ? 1 : hi);
      const svg = $('#profile-chart');
      drawAxis($('[data-role=axis]', svg), axis, Q.axisStart, Q.axisLength, Q.top, Q.top + Q.rows.length * 18 + 4);
      const x = function (v) { return num(axis.at(v, Q.axisStart, Q.axisLength)); };
      $$('g.pr', svg).forEach(function (g, k) {
        const t = Q.rows[k], f = fields[k], v = val[t][period * E + e];
        let range = $('.range', g), median = $('.median', g);
        if (!range && f[0] === f[0]) {
          range = el('line', { class: 'range', y1: 9, y2: 9 }); median = el('line', { class: 'median', y1: 3, y2: 15 });
          g.insertBefore(median, $('circle', g)); g.insertBefore(range, median);
        }
        if (range) {
          set(range, { x1: x(f[0]), x2: x(f[2]), visibility: f[0] === f[0] ? 'visible' : 'hidden' });
          set(median, { x1: x(f[1]), x2: x(f[1]), visibility: f[0] === f[0] ? 'visible' : 'hidden' });
        }
        set($('circle', g), { cx: v === v ? x(v) : num(Q.axisStart), r: v === v ? 5 : 0 });
        put($('.sc', g), fmt(v, dec[1]));
      });
      put($('title', svg), 'Profile of ' + entityName(e));
      put($('[data-role=headline]', panel), headline(e));
      fillTable('profile-table', function () {
        return Q.rows.map(function (t, k) {
          return [label(t), fmt(val[t][period * E + e], dec[1]), fmt(fields[k][1], dec[1]), fmt(fields[k][0], dec[1]), fmt(fields[k][2], dec[1])];
        });
      });
    }

    // Gap
    function rowLabel(row) {
      if (row.offset) return 'scaling offset';
      const labels = [];
      for (let t = row.t; t !== null && t !== 0; t = nodes[t].parent) labels.push(label(t));
      const path = labels.reverse().join(' \u203a ');
      if (row.because === null) return path;
      return 'adjustment' + (path ? ' of ' + path : '') + ': ' + row.because;
    }
    function drawGapChart(svg, rows) {
      const G = L.gap;
      let largest = 0;
      for (const r of rows) if (isFinite(r.gap)) largest = Math.max(largest, Math.abs(r.gap));
      const axis = ticks(-largest, largest, 6), slots = $$('g.gp', svg);
      drawAxis($('[data-role=axis]', svg), axis, G.axisStart, G.axisLength, G.top, G.top + slots.length * 18 + 4);
      const x = function (v) { return axis.at(v, G.axisStart, G.axisLength); };
      slots.forEach(function (g, k) {
        const r = rows[k], text = r ? r.label : '';
        put($('title', g), text);
        put($('.nm', g), text.length <= 60 ? text : text.slice(0, 59) + '\u2026');
        const start = x(0), end = x(r && isFinite(r.gap) ? r.gap : 0);
        set($('rect', g), { x: num(Math.min(start, end)), width: num(Math.abs(end - start)), fill: r ? r.color : '#999999' });
        put($('.sc', g), r ? fmt(r.gap, dec[1]) : '');
      });
      $('desc', svg).textContent = 'A\'s part minus B\'s, by row: ' + rows.slice(0, 3).map(function (r) { return r.label + ' ' + fmt(r.gap, dec[1]); }).join(', ')
        + (rows.length > 3 ? ' and ' + (rows.length - 3) + ' more' : '') + '. The table below lists every row.';
    }
    function renderGap() {
      const panel = $('#panel-gap');
      if (!panel) return;
      const a = +$('[data-role=a]', panel).value, b = +$('[data-role=b]', panel).value;
      const sa = segmentSums(a, period), sb = segmentSums(b, period);
      drawGapChart($('#gap-members'), D.segments.map(function (s, i) { return { label: s.label, gap: sa[i] - sb[i], color: s.color }; }));
      const rows = gapRows(a, b, period).map(function (r, i) { r.gap = r.a - r.b; r.order = i; r.label = rowLabel(r); return r; });
      rows.sort(function (x, y) { return Math.abs(y.gap) - Math.abs(x.gap) || x.order - y.order; });
      rows.forEach(function (r) { r.color = r.gap >= 0 ? L.gap.colors[0] : L.gap.colors[1]; });
      drawGapChart($('#gap-nodes'), rows);
      const ca = period * E + a, cb = period * E + b;
      $('[data-role=headline]', panel).textContent = entityName(a) + ' ' + fmt(fin[ca], dec[1]) + ' vs ' + entityName(b) + ' '
        + fmt(fin[cb], dec[1]) + ': gap ' + fmt(fin[ca] - fin[cb], dec[1]) + ', the sum of the rows below.';
      fillTable('gap-table', function () {
        return rows.map(function (r) { return [r.label, fmt(r.a, dec[1]), fmt(r.b, dec[1]), fmt(r.gap, dec[1])]; });
      });
    }

    """#
}
