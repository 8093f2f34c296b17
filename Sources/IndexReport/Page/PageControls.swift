/// The page's script, last part: the timeline, the weights controls and the events, then the
/// first computation and `window.idxReport`.
enum PageControls {
  static let source = #"""
    // Over time
    function renderTimeline() {
      const panel = $('#panel-timeline');
      if (!panel) return;
      const M = L.timeline, slots = M.colors.length;
      const chosen = $$('[data-role=entities] option', panel).filter(function (o) { return o.selected; })
        .map(function (o) { return +o.value; }).slice(0, slots);
      let lo = Infinity, hi = -Infinity, worst = 2;
      for (const e of chosen) {
        for (let p = 0; p < P; p++) {
          const c = p * E + e;
          if (fin[c] === fin[c]) { lo = Math.min(lo, fin[c]); hi = Math.max(hi, fin[c]); }
          worst = Math.max(worst, rnk[c]);
        }
      }
      $$('[data-role=lines] li', panel).forEach(function (li, slot) {
        li.hidden = chosen[slot] === undefined;
        put(li.lastElementChild, chosen[slot] === undefined ? '' : entityName(chosen[slot]));
      });
      [false, true].forEach(function (ranks) {
        const svg = $(ranks ? '#timeline-rank' : '#timeline-score');
        const axis = ranks ? ticks(1, worst) : ticks(lo === Infinity ? 0 : lo, hi === -Infinity ? 1 : hi);
        const y = function (v) {
          const f = (v - axis.low) / (axis.high - axis.low);
          return ranks ? M.top + f * (M.bottom - M.top) : M.bottom - f * (M.bottom - M.top);
        };
        const g = $('[data-role=axis]', svg);
        g.replaceChildren();
        for (const v of axis.values) {
          if (ranks && v < 1) continue;
          g.appendChild(el('line', { x1: num(M.left), y1: num(y(v)), x2: num(M.right), y2: num(y(v)), class: 'grid' }));
          g.appendChild(el('text', { x: num(M.left - 6), y: num(y(v) + 4), 'text-anchor': 'end', class: 'tick' }, fmt(v, ranks ? 0 : axis.decimals)));
        }
        $$('g.ln', svg).forEach(function (line, slot) {
          let d = '', drawing = false, end = [0, 0];
          const e = chosen[slot];
          if (e !== undefined) {
            for (let p = 0; p < P; p++) {
              const c = p * E + e, v = ranks ? rnk[c] : fin[c];
              if (v !== v || (ranks && v === 0)) { drawing = false; continue; }
              d += (drawing ? 'L' : 'M') + num(M.xs[p]) + ' ' + num(y(v));
              drawing = true; end = [M.xs[p], y(v)];
            }
          }
          set($('path', line), { d: d });
          const text = $('text', line);
          put(text, e === undefined ? '' : D.entities[e][0]);
          set(text, { x: num(end[0] + 6), y: num(end[1] + 4) });
        });
        $('desc', svg).textContent = (ranks ? 'Ranks' : 'Scores') + ' of ' + chosen.map(entityName).join(', ')
          + ' in each period from ' + D.periods[0] + ' to ' + D.periods[P - 1] + '; the table below lists them.';
      });
      fillTable('timeline-table', function () {
        return chosen.map(function (e) {
          return [D.entities[e][0], entityName(e)].concat(D.periods.map(function (_, p) {
            const c = p * E + e;
            return rnk[c] > 0 ? fmt(fin[c], dec[0]) + ' (' + rnk[c] + ')' : '\u2014';
          }));
        });
      });
    }

    // Weights
    const sliders = $$('input[type=range][data-t]');
    function renderSliders() {
      for (const s of sliders) {
        const share = shareOf(+s.dataset.t, +s.dataset.i), text = fmt(share * 100, 1);
        if (s.nextElementSibling.textContent === text + '%') continue;
        s.value = text;
        s.setAttribute('aria-valuetext', text + '%');
        s.nextElementSibling.textContent = text + '%';
      }
      const fork = forkText(), area = $('[data-role=fork]');
      if (area.value !== fork) area.value = fork;
    }

    function renderAll() {
      const top = renderRanking();
      renderFramework(); renderProfile(); renderGap(); renderTimeline(); renderSliders();
      const base = period * E;
      $('[data-role=status]').textContent = changedGroups().length === 0 ? 'The methodology\'s weights.'
        : 'Recomputed. Top three: ' + top.map(function (e) { return entityName(e) + ' ' + fmt(fin[base + e], dec[0]); }).join(', ') + '.';
    }

    function update() {
      const start = performance.now();
      recompute();
      renderAll();
      lastUpdate = performance.now() - start;
    }

    for (const s of sliders) {
      s.addEventListener('input', function () { setShare(+s.dataset.t, +s.dataset.i, +s.value / 100); update(); });
    }
    $('[data-role=reset]').addEventListener('click', function () { W = W0.map(function (w) { return w && w.slice(); }); update(); });
    $('[data-role=copy]').addEventListener('click', function () {
      const area = $('[data-role=fork]'), status = $('[data-role=status]');
      area.value = forkText();
      area.select();
      const done = function () { status.textContent = 'The fork is on the clipboard: save it next to ' + D.source + '.'; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(area.value).then(done, function () { status.textContent = 'Select the text below and copy it.'; });
      } else {
        status.textContent = 'Select the text below and copy it.';
      }
    });
    const periodSelect = $('[data-role=period]');
    if (periodSelect) periodSelect.addEventListener('change', function () { period = +periodSelect.value; renderAll(); });
    $('#panel-ranking [data-role=sort]').addEventListener('change', function (ev) { sortKey = ev.target.value; renderRanking(); });
    $$('#panel-profile select').forEach(function (s) { s.addEventListener('change', renderProfile); });
    $$('#panel-gap select').forEach(function (s) { s.addEventListener('change', renderGap); });
    $$('#panel-timeline select').forEach(function (s) { s.addEventListener('change', renderTimeline); });

    // Printing shows every table.
    const closed = [];
    window.addEventListener('beforeprint', function () {
      $$('details').forEach(function (d) { if (!d.open) { closed.push(d); d.open = true; } });
      // The toggle events come too late for the printout: bring stale tables up to date now.
      for (const id of Array.from(stale)) { stale.delete(id); fillTable(id, document.getElementById(id).pendingRows); }
    });
    window.addEventListener('afterprint', function () { while (closed.length) closed.pop().open = false; });

    recompute();
    window.idxReport = Object.freeze({
      ready: true,
      weights: function () {
        const out = {};
        for (let t = 0; t < T; t++) if (W[t]) out[nodes[t].name] = W[t].slice();
        return out;
      },
      scores: function () {
        const out = { periods: D.periods.slice(), final: nullable(fin), ranks: Array.from(rnk), nodes: {} };
        for (let t = 0; t < T; t++) if (isLive[t]) out.nodes[nodes[t].name] = nullable(val[t]);
        return out;
      },
      segments: function (e, p) { return segmentSums(e, p); },
      fork: forkText,
      lastUpdateMs: function () { return lastUpdate; }
    });
    })();

    """#
}
