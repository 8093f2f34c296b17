"""numpy's side of the uncertainty case: Monte Carlo draws of the ASEM index with every weight
perturbed by ±25% (then renormalized within its group), min-max [0, 100] or z-score (50, 10)
with direction, and arithmetic or geometric (floor 1) means, as methodologies/asem-uncertain.idx
declares them.

It starts from COINr's treated data (imputed and winsorized: the stages no draw changes, which
idx also computes once), so it times what every draw must redo: normalize, aggregate three
levels, rank. Vectorized over blocks of draws (draws × entities × indicators arrays).

  asem_uncertainty_numpy.py DRAWS [REPS]     time REPS runs of DRAWS draws (median), and print
                                             P(CHE ahead of NLD) and the gap's 90% interval
"""
import csv
import sys
import time

import numpy as np

ROOT = "methodologies/data/asem/"


def load():
    with open(ROOT + "indicators.csv") as f:
        meta = list(csv.DictReader(f))
    with open(ROOT + "expected-treated.csv") as f:
        rows = list(csv.DictReader(f))
    codes = [m["IndCode"] for m in meta]
    units = [r["UnitCode"] for r in rows]
    x = np.array([[float(r[c]) for c in codes] for r in rows])
    direction = np.array([float(m["Direction"]) for m in meta])
    pillars = sorted({m["Agg1"] for m in meta}, key=[m["Agg1"] for m in meta].index)
    pillar_of = np.array([pillars.index(m["Agg1"]) for m in meta])
    subs = sorted({m["Agg2"] for m in meta}, key=[m["Agg2"] for m in meta].index)
    sub_of_pillar = np.array(
        [subs.index(next(m["Agg2"] for m in meta if m["Agg1"] == p)) for p in pillars])
    return units, x * direction, pillar_of, sub_of_pillar, len(pillars), len(subs)


def weighted_mean(values, weights, group_of, groups, geometric):
    """values: draws × entities × members; weights: draws × members; group_of: member → group."""
    out = np.empty(values.shape[:2] + (groups,))
    for g in range(groups):
        members = group_of == g
        w = weights[:, members]
        w = w / w.sum(axis=1, keepdims=True)
        v = values[:, :, members]
        if geometric is None:
            out[:, :, g] = np.einsum("dem,dm->de", v, w)
        else:
            ln = np.log(np.maximum(v, 1.0))
            geo = np.exp(np.einsum("dem,dm->de", ln, w))
            ari = np.einsum("dem,dm->de", v, w)
            out[:, :, g] = np.where(geometric[:, None], geo, ari)
    return out


def draws(x, pillar_of, sub_of_pillar, pillars, subs, n, rng):
    entities, indicators = x.shape
    zscore = rng.random(n) < 0.5
    geometric = rng.random(n) < 0.5
    wi = 1 + rng.uniform(-0.25, 0.25, (n, indicators))
    wp = 1 + rng.uniform(-0.25, 0.25, (n, pillars))
    ws = 1 + rng.uniform(-0.25, 0.25, (n, subs))
    lo, hi = x.min(axis=0), x.max(axis=0)
    mm = (x - lo) / (hi - lo) * 100
    zs = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1) * 10 + 50
    norm = np.where(zscore[:, None, None], zs[None], mm[None])
    p = weighted_mean(norm, wi, pillar_of, pillars, geometric)
    s = weighted_mean(p, wp, sub_of_pillar, subs, geometric)
    i = weighted_mean(s, ws, np.zeros(subs, dtype=int), 1, geometric)[:, :, 0]
    ranks = (-i).argsort(axis=1).argsort(axis=1) + 1
    return i, ranks


def main():
    n = int(sys.argv[1])
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    units, x, pillar_of, sub_of_pillar, pillars, subs = load()
    block = 1000
    times, cpus = [], []
    for rep in range(reps):
        rng = np.random.default_rng(2018 + rep)
        start, cpu = time.perf_counter(), time.process_time()
        scores = [draws(x, pillar_of, sub_of_pillar, pillars, subs, min(block, n - k), rng)[0]
                  for k in range(0, n, block)]
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    scores = np.concatenate(scores)
    gap = scores[:, units.index("CHE")] - scores[:, units.index("NLD")]
    print("numpy %d draws: median %.3f s wall (min %.3f), cpu %.3f s; %.0f draws/s"
          % (n, np.median(times), min(times), np.median(cpus), n / np.median(times)))
    print("numpy P(CHE ahead of NLD) = %.1f %%; gap 90%% interval %.2f to %.2f"
          % (100 * (gap > 0).mean(), np.quantile(gap, 0.05), np.quantile(gap, 0.95)))


if __name__ == "__main__":
    main()
