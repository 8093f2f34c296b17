/// The page's script: the engine's arithmetic for weights, then the views.
///
/// This half recomputes. It mirrors the engine line by line, so that the page gives the
/// engine's numbers (the browser test checks 1e-9): `aggregateNode` is `ScoringEngine.aggregate`
/// (members missing for an entity are dropped and the weights renormalized, coverage,
/// non-positive values, each aggregation's formula in the same order of operations),
/// `scalePeriod` is `ScoringEngine.scale`, `sportRanks` is the engine's, and `explain` is
/// `IndexAnalysis.Explanation`. Nodes are visited in reverse pre-order (members before their
/// aggregate) and explained with an explicit stack: nothing recurses over the tree. The
/// script is ASCII and makes no request; the page's Content-Security-Policy allows it by its
/// SHA-256 (`hash`, checked by a test).
enum PageScript {
  /// The CSP source of the script: `sha256-` and the base64 of the SHA-256 of `source`.
  static let hash = "sha256-EQjaYyAICp06ZOHpzqHyjJGzJTpJ9uA5LOcIvwtXu/U="

  static let source = arithmetic + PageViews.source

  static let arithmetic = #"""

    'use strict';
    (function () {
    const D = JSON.parse(document.getElementById('idx-data').textContent);
    const E = D.entities.length, P = D.periods.length, C = E * P, T = D.nodes.length;
    const nodes = D.nodes;
    const isLive = nodes.map(function (n) { return n.role === 'live'; });
    const W0 = nodes.map(function (n) { return n.weights ? n.weights.slice() : null; });
    let W = W0.map(function (w) { return w && w.slice(); });
    const val = new Array(T).fill(null);
    for (let t = 0; t < T; t++) {
      if (nodes[t].values) val[t] = Float64Array.from(nodes[t].values, function (v) { return v === null ? NaN : v; });
    }
    const fin = new Float64Array(C);
    const rnk = new Int32Array(C);

    function allPositive(x) { for (let i = 0; i < x.length; i++) if (!(x[i] > 0)) return false; return true; }
    function allNonNegative(x) { for (let i = 0; i < x.length; i++) if (!(x[i] >= 0)) return false; return true; }

    function geometricMean(x, w) {
      if (!allPositive(x)) return NaN;
      let ws = 0, ls = 0;
      for (let i = 0; i < x.length; i++) { ws += w[i]; ls += w[i] * Math.log(x[i]); }
      return Math.exp(ls / ws);
    }

    function weightedMedian(x, w) {
      const order = [];
      for (let i = 0; i < x.length; i++) if (w[i] !== 0) order.push(i);
      order.sort(function (a, b) { return x[a] - x[b] || a - b; });
      let total = 0;
      for (const i of order) total += w[i];
      if (order.length === 0 || !(total > 0)) return NaN;
      const tolerance = 1e-12 * total;
      let running = 0;
      for (let k = 0; k < order.length; k++) {
        running += w[order[k]];
        const excess = 2 * running - total;
        if (Math.abs(excess) <= tolerance && k + 1 < order.length) return (x[order[k]] + x[order[k + 1]]) / 2;
        if (excess >= -tolerance) return x[order[k]];
      }
      return x[order[order.length - 1]];
    }

    // One entity's score from its present member values (ScoringEngine's combine).
    function combine(a, x, w) {
      switch (a.kind) {
        case 'geometric': {
          let shift = 0;
          if (a.policy === 'floor') { x = x.map(function (v) { return v < a.c ? a.c : v; }); }
          if (a.policy === 'shift') { shift = a.c; x = x.map(function (v) { return v + a.c; }); }
          return geometricMean(x, w) - shift;
        }
        case 'harmonic': {
          if (!allPositive(x)) return NaN;
          let ws = 0, inv = 0;
          for (let i = 0; i < x.length; i++) { ws += w[i]; inv += w[i] / x[i]; }
          return ws / inv;
        }
        case 'power': {
          const p = a.p;
          if (p === 0) return geometricMean(x, w);
          if (!(p < 0 ? allPositive(x) : allNonNegative(x))) return NaN;
          let ws = 0, ps = 0;
          for (let i = 0; i < x.length; i++) { ws += w[i]; ps += w[i] * Math.pow(x[i], p); }
          return Math.pow(ps / ws, 1 / p);
        }
        case 'median': return weightedMedian(x, w);
        case 'sum': {
          let s = 0;
          for (let i = 0; i < x.length; i++) s += w[i] * x[i];
          return s;
        }
        case 'min': {
          let m = NaN;
          for (let i = 0; i < x.length; i++) if (w[i] !== 0 && !(x[i] >= m)) m = x[i];
          return m;
        }
      }
      return NaN;
    }

    // A live aggregate's scores in every covered period (ScoringEngine's aggregate).
    function aggregateNode(t) {
      const n = nodes[t], w = W[t], k = n.members.length;
      const cols = n.members.map(function (m) { return val[m]; });
      const out = new Float64Array(C);
      const xs = [], ws = [];
      for (let c = 0; c < C; c++) {
        let present = 0;
        for (let i = 0; i < k; i++) if (cols[i][c] === cols[i][c]) present++;
        if (present === 0 || (n.coverage !== null && present / k < n.coverage)) { out[c] = NaN; continue; }
        if (n.agg.kind === 'arithmetic') {
          let num = 0, den = 0;
          for (let i = 0; i < k; i++) { const v = cols[i][c]; if (v === v) { num += w[i] * v; den += w[i]; } }
          out[c] = den === 0 ? NaN : num / den;
          continue;
        }
        xs.length = 0; ws.length = 0;
        for (let i = 0; i < k; i++) { const v = cols[i][c]; if (v === v) { xs.push(v); ws.push(w[i]); } }
        out[c] = combine(n.agg, xs.slice(), ws);
      }
      for (const adj of n.adjust) {
        for (let p = 0; p < P; p++) { const c = p * E + adj[0]; if (out[c] === out[c]) out[c] += adj[1]; }
      }
      return out;
    }

    function maximum(s) { let r = NaN; for (const v of s) if (v === v && !(v <= r)) r = v; return r; }

    // The root's final scores in one period (ScoringEngine's scale).
    function scalePeriod(p) {
      const root = val[0], base = p * E, s = root.subarray(base, base + E);
      const out = fin.subarray(base, base + E);
      const sc = D.scaling;
      let any = false;
      for (const v of s) if (v === v) any = true;
      if (sc.kind === 'none' || !any) { out.set(s); return; }
      if (sc.kind === 'leader') {
        const top = maximum(s);
        for (let e = 0; e < E; e++) out[e] = top > 0 ? sc.factor * s[e] / top : NaN;
      } else if (sc.kind === 'minmax') {
        let lo = Infinity, hi = -Infinity;
        for (const v of s) { lo = v < lo ? v : lo; hi = v > hi ? v : hi; }
        const scale = (sc.high - sc.low) / (hi - lo);
        for (let e = 0; e < E; e++) out[e] = lo < hi ? (s[e] - lo) * scale + sc.low : NaN;
      } else if (sc.kind === 'relative') {
        const ref = sc.entity === null ? NaN : s[sc.entity];
        for (let e = 0; e < E; e++) out[e] = ref > 0 ? sc.factor * s[e] / ref : NaN;
      }
    }

    function rankPeriod(p) {
      const base = p * E, order = [];
      for (let e = 0; e < E; e++) { rnk[base + e] = 0; if (fin[base + e] === fin[base + e]) order.push(e); }
      order.sort(function (a, b) { return fin[base + b] - fin[base + a] || a - b; });
      for (let k = 0; k < order.length; k++) {
        const e = order[k];
        rnk[base + e] = k > 0 && fin[base + order[k - 1]] === fin[base + e] ? rnk[base + order[k - 1]] : k + 1;
      }
    }

    function recompute() {
      for (let t = T - 1; t >= 0; t--) if (isLive[t]) val[t] = aggregateNode(t);
      for (let p = 0; p < P; p++) { scalePeriod(p); rankPeriod(p); }
    }

    // How a node's value splits among its present members (IndexAnalysis's Walker.parts).
    function parts(a, x, w, result) {
      function shares(terms) {
        let sum = 0;
        for (const v of terms) sum += v;
        if (sum === 0 || !isFinite(sum)) return { additive: w };
        return { additive: terms.map(function (v) { return v / sum; }) };
      }
      switch (a.kind) {
        case 'arithmetic': case 'sum': return shares(x.map(function (v, i) { return v * w[i]; }));
        case 'geometric': case 'harmonic': return shares(x.map(function (v, i) { return v > 0 ? w[i] * Math.log(v) : 0; }));
        case 'power': return shares(x.map(function (v, i) { return w[i] * Math.pow(Math.max(v, 0), a.p); }));
        case 'min': { let k = 0; for (let i = 1; i < x.length; i++) if (x[i] < x[k]) k = i; return { decided: k }; }
        case 'median': { let k = 0; for (let i = 1; i < x.length; i++) if (Math.abs(x[i] - result) < Math.abs(x[k] - result)) k = i; return { decided: k }; }
      }
      return { additive: w };
    }

    // An entity's score as exact terms (IndexAnalysis's Explanation), down to the nodes the
    // page holds; null when it has no score.
    function explain(e, p) {
      const c = p * E + e, final = fin[c], unscaled = val[0][c];
      if (final !== final || unscaled !== unscaled) return null;
      const terms = [];
      const stack = [{ t: 0, share: unscaled, top: -1 }];
      while (stack.length) {
        const f = stack.pop(), n = nodes[f.t];
        if (!isLive[f.t]) { terms.push({ t: f.t, kind: 'value', top: f.top, c: f.share }); continue; }
        const score = val[f.t][c];
        let adjusted = 0;
        for (const adj of n.adjust) {
          if (adj[0] !== e) continue;
          adjusted += adj[1];
          terms.push({ t: f.t, kind: 'adjust', because: adj[2], top: f.top, c: score === 0 ? adj[1] : adj[1] * f.share / score });
        }
        const aggregated = score - adjusted;
        const memberShare = score === 0 ? 0 : f.share * aggregated / score;
        const present = [];
        for (let i = 0; i < n.members.length; i++) {
          if (val[n.members[i]][c] === val[n.members[i]][c] && W[f.t][i] > 0) present.push(i);
        }
        if (present.length === 0) continue;
        let total = 0;
        for (const i of present) total += W[f.t][i];
        const x = present.map(function (i) { return val[n.members[i]][c]; });
        const split = parts(n.agg, x, present.map(function (i) { return W[f.t][i] / total; }), aggregated);
        const top = function (i) { return f.t === 0 ? n.members[i] : f.top; };
        if (split.additive) {
          for (let k = present.length - 1; k >= 0; k--) {
            stack.push({ t: n.members[present[k]], share: memberShare * split.additive[k], top: top(present[k]) });
          }
        } else {
          stack.push({ t: n.members[present[split.decided]], share: memberShare, top: top(present[split.decided]) });
        }
      }
      let factor = 1, offset = 0;
      const sc = D.scaling;
      if (sc.kind === 'leader' || sc.kind === 'relative') {
        if (unscaled === 0) offset = final - unscaled; else factor = final / unscaled;
      } else if (sc.kind === 'minmax') {
        let lo = NaN, hi = NaN;
        for (let k = 0; k < E; k++) {
          const v = val[0][p * E + k];
          if (v === v) { lo = lo === lo ? Math.min(lo, v) : v; hi = hi === hi ? Math.max(hi, v) : v; }
        }
        if (hi > lo) { factor = (sc.high - sc.low) / (hi - lo); offset = sc.low - lo * factor; }
      }
      for (const term of terms) term.c *= factor;
      if (offset !== 0 || sc.kind === 'minmax') terms.push({ t: 0, kind: 'offset', top: -1, c: offset });
      return { score: final, terms: terms };
    }

    const segmentOf = new Map();
    D.segments.forEach(function (s, i) { segmentOf.set(s.kind === 'member' ? s.node : s.kind, i); });

    // Explain's terms summed by segment of the ranking's bars.
    function segmentSums(e, p) {
      const sums = new Array(D.segments.length).fill(0);
      const x = explain(e, p);
      if (!x) return sums;
      for (const term of x.terms) {
        const key = term.kind === 'offset' ? 'offset' : term.kind === 'adjust' && term.t === 0 ? 'adjust'
          : term.t === 0 ? 'whole' : term.top;
        const s = segmentOf.get(key);
        if (s !== undefined) sums[s] += term.c;
      }
      return sums;
    }

    // A's and B's terms by row (node, adjustment or offset), in the order first met.
    function gapRows(a, b, p) {
      const rows = [], index = new Map();
      [a, b].forEach(function (e, side) {
        const x = explain(e, p);
        if (!x) return;
        for (const term of x.terms) {
          const because = term.kind === 'adjust' ? term.because : null;
          const key = term.kind === 'offset' ? 'offset' : term.t + '|' + (because === null ? '' : because);
          if (!index.has(key)) { index.set(key, rows.length); rows.push({ t: term.t, because: because, offset: term.kind === 'offset', a: 0, b: 0 }); }
          const row = rows[index.get(key)];
          if (side === 0) row.a += term.c; else row.b += term.c;
        }
      });
      return rows;
    }

    // Sets member i's share of group t; the siblings share the rest in their proportions.
    function setShare(t, i, share) {
      const w = W[t];
      let total = 0;
      for (const v of w) total += Math.max(0, v);
      if (!(total > 0)) total = 1;
      const target = Math.min(1, Math.max(0, share)) * total;
      const rest = total - w[i], others = total - target;
      for (let j = 0; j < w.length; j++) {
        if (j !== i) w[j] = rest > 0 ? w[j] * others / rest : others / (w.length - 1);
      }
      w[i] = target;
    }

    function shareOf(t, i) {
      let total = 0;
      for (const v of W[t]) total += Math.max(0, v);
      return total > 0 ? Math.max(0, W[t][i]) / total : 0;
    }

    function changedGroups() {
      const groups = [];
      for (let t = 0; t < T; t++) {
        if (W[t] && W[t].some(function (v, i) { return v !== W0[t][i]; })) groups.push(t);
      }
      return groups;
    }

    // The weights edits that make a fork of the methodology give the page's scores.
    function forkText() {
      const groups = changedGroups();
      if (groups.length === 0) return '// The weights are the methodology\'s own: nothing to fork.\n';
      let text = 'extends "' + D.source.replace(/[\\"]/g, function (c) { return '\\' + c; }) + '"\n\n';
      for (const t of groups) {
        const n = nodes[t];
        const items = n.members.map(function (m, i) { return nodes[m].name + ': ' + String(Number((shareOf(t, i) * 100).toFixed(12))) + '%'; });
        text += 'weights ' + (t === 0 ? '' : n.name + ' ') + '{ ' + items.join(', ') + ' }';
        text += '  because "Weights chosen in the idx report"\n';
      }
      return text;
    }

    function nullable(a) { return Array.from(a, function (v) { return v === v ? v : null; }); }

    """#
}
