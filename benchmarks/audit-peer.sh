#!/usr/bin/env bash
# The whole `idx audit` process on the synthetic 2,000 × 500 case as a CSV, and numpy's audit of
# the same data in the same run (benchmarks/numpy_audit.py), when the shared numpy peer
# (../shared/bench/gen_synth.py and numpy_synth.py) is at hand. Called by run.sh.
#
#   benchmarks/audit-peer.sh IDX OUT_DIR
set -uo pipefail
idx=$1
out=$2
peer=""
for candidate in ../shared/bench ../../shared/bench; do
  [ -f "$candidate/gen_synth.py" ] && peer=$candidate && break
done
echo
echo "== idx audit on the synthetic CSV (whole process) and numpy's audit"
if [ -z "$peer" ] || [ ! -x "$idx" ]; then
  echo "skipped: no numpy peer (../shared/bench) or no $idx"
  exit 0
fi
synth=$out/synth
[ -f "$synth/data.csv" ] || python3 "$peer/gen_synth.py" "$synth" 2000 500 || exit 1
"$idx" audit "$synth/generated.idx" >/dev/null || exit 1
times=()
for _ in $(seq 5); do
  start=$(date +%s%N)
  "$idx" audit "$synth/generated.idx" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
verdict=$([ "$median" -lt 2000 ] && echo met || echo MISSED)
echo "idx audit (read CSV, score, audit, print) median of 5: $median ms; target < 2000 ms: $verdict"
OPENBLAS_NUM_THREADS=1 python3 benchmarks/numpy_audit.py "$peer" "$synth/data.csv" \
  "$synth/iMeta.csv" 5 || exit 1
