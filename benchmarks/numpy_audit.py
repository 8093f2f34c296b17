"""numpy's side of the audit benchmark: the statistics `idx audit` computes, on the synthetic
2,000 x 500 case that ../shared/bench/gen_synth.py writes, scored by the shared numpy peer.

  numpy_audit.py PEER_DIR DATA.csv iMeta.csv REPS

The CSVs are read and the index scored before the clock starts (with the peer's `load` and
`score`). Each timed repetition computes what the audit computes, vectorized where numpy can:
per indicator min, max, mean, median, sd, type-2 skew and kurtosis, non-zero, distinct and
most-frequent counts; per aggregate Pearson and Spearman (average ranks) of every member with
the aggregate and with the index, the members' correlation matrix, Cronbach's alpha from the
covariance matrix, the eigen decomposition of the correlation matrix; per member the correlation
ratio with the index by the same local linear smoother (Epanechnikov kernel, bandwidth
2.34 min(sd, IQR/1.349) n^-1/5, 128 evaluation points, linear interpolation). Prints the median
wall and CPU time of REPS repetitions after one warm-up.
"""
import sys
import time

import numpy as np


def ranks(x):
    """Average ranks, 1 = smallest (no missing values in the synthetic case)."""
    order = np.argsort(x, kind="stable")
    sorted_x = x[order]
    r = np.empty(len(x))
    r[order] = np.arange(1, len(x) + 1)
    _, inverse, counts = np.unique(sorted_x, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    average = starts + (counts + 1) / 2.0
    r[order] = average[inverse]
    return r


def correlation_ratio(y, x):
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    n = len(xs)
    q1, q3 = np.quantile(xs, [0.25, 0.75])
    sd = xs.std(ddof=1)
    iqr = (q3 - q1) / 1.349
    h = 2.34 * (min(sd, iqr) if iqr > 0 else sd) * n ** -0.2
    distinct = np.flatnonzero(np.r_[True, xs[1:] != xs[:-1]])
    if len(distinct) > 128:
        distinct = distinct[np.rint(np.arange(128) * (len(distinct) - 1) / 127).astype(int)]
    points = xs[distinct]
    low = np.searchsorted(xs, points - h, side="right")
    high = np.searchsorted(xs, points + h, side="left")
    fitted = np.empty(len(points))
    for k, (a, b) in enumerate(zip(low, high)):
        d = xs[a:b] - points[k]
        w = 1 - (d / h) ** 2
        w[w < 0] = 0
        s0, s1, s2 = w.sum(), (w * d).sum(), (w * d * d).sum()
        t0, t1 = (w * ys[a:b]).sum(), (w * d * ys[a:b]).sum()
        det = s0 * s2 - s1 * s1
        fitted[k] = (s2 * t0 - s1 * t1) / det if det > 1e-12 * s0 * s2 else t0 / s0
    m = np.interp(xs, points, fitted)
    return min(max(m.var() / ys.var(), 0.0), 1.0)


def audit(raw, cols, scores, meta):
    n = raw.shape[0]
    # Data: per indicator.
    s = np.sort(raw, axis=0)
    d = raw - raw.mean(axis=0)
    m2, m3, m4 = (d ** 2).sum(0), (d ** 3).sum(0), (d ** 4).sum(0)
    skew = np.sqrt(n) * m3 / m2 ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    r = n * m4 / m2 ** 2
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    stats = [s[0], s[-1], raw.mean(0), np.median(raw, 0), raw.std(0, ddof=1), skew, kurt,
             (raw != 0).sum(0)]
    change = np.diff(s, axis=0) != 0
    unique = change.sum(0) + 1
    same = [np.unique(s[:, j], return_counts=True)[1].max() for j in range(s.shape[1])]
    # Coherence and influence: per aggregate.
    parent = {r["iCode"]: r["Parent"] for r in meta}
    children = {}
    for code in [r["iCode"] for r in meta]:
        if parent[code] and parent[code] in scores:
            children.setdefault(parent[code], []).append(code)
    index = scores["Index"]
    index_ranks = ranks(index)
    rank_cache = {}
    out = []
    for aggregate, members in children.items():
        M = np.column_stack([scores[c] for c in members])
        y = scores[aggregate]
        y_ranks = ranks(y)
        R = np.column_stack([rank_cache.setdefault(c, ranks(scores[c])) for c in members])
        pearson = [np.corrcoef(M[:, i], y)[0, 1] for i in range(len(members))]
        spearman = [np.corrcoef(R[:, i], y_ranks)[0, 1] for i in range(len(members))]
        pearson_index = [np.corrcoef(M[:, i], index)[0, 1] for i in range(len(members))]
        spearman_index = [np.corrcoef(R[:, i], index_ranks)[0, 1] for i in range(len(members))]
        C = np.corrcoef(M, rowvar=False)
        cov = np.cov(M, rowvar=False)
        k = len(members)
        alpha = k * k * (cov.sum() - np.trace(cov)) / (k * (k - 1)) / cov.sum()
        values, vectors = np.linalg.eigh(C)
        influence = [correlation_ratio(index, M[:, i]) for i in range(k)]
        out.append((pearson, spearman, pearson_index, spearman_index, alpha, values[-1], influence))
    return stats, unique, same, out


def main():
    peer, data, meta_path, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sys.path.insert(0, peer)
    import numpy_synth

    units, cols, X, meta = numpy_synth.load(data, meta_path)
    scores = numpy_synth.score(cols, X, meta)
    wall, cpu = [], []
    audit(X, cols, scores, meta)
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        audit(X, cols, scores, meta)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    print("numpy audit x %d: median %.1f ms (min %.1f, max %.1f), cpu median %.1f ms"
          % (reps, np.median(wall) * 1e3, min(wall) * 1e3, max(wall) * 1e3,
             np.median(cpu) * 1e3))


if __name__ == "__main__":
    main()
