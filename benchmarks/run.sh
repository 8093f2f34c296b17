#!/usr/bin/env bash
# Builds idx-bench (and idx, when the package has it) in release mode, prints the machine, runs
# every case in its own process and times `idx run` on the AI Capability methodology.
#
# Targets are reported, never asserted: the exit status is non-zero only when a build fails or a
# case cannot run at all.
#
#   benchmarks/run.sh [CASE …]        cases: panel, coinr, language, text, diff, audit, editor, fmt,
#                                     report, uncertainty, repl, memory, import, peer (default: all)
#
# `peer` is benchmarks/peer.py: idx beside the numpy peer (../shared/bench) in the same run.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
out=benchmarks/out
mkdir -p "$out"
status=0

echo "== build"
swift build -c release --product idx-bench || exit 1
has_idx=$(swift package dump-package 2>/dev/null | python3 -c '
import json, sys
package = json.load(sys.stdin)
products = any(p["name"] == "idx" and "executable" in p["type"] for p in package["products"])
targets = any(t["name"] == "idx" and t["type"] == "executable" for t in package["targets"])
print("yes" if products or targets else "no")' 2>/dev/null || echo no)
if [ "$has_idx" = yes ]; then
  swift build -c release --product idx || exit 1
else
  echo "(no idx product in Package.swift: skipping its build)"
fi

echo
echo "== machine"
echo "date:    $(date -u +%Y-%m-%d)"
echo "kernel:  $(uname -srm)"
echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "swift:   $(swift --version 2>&1 | head -1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews times)"

cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(panel coinr language text diff audit editor fmt report uncertainty repl memory import peer)
for name in "${cases[@]}"; do
  [ "$name" = peer ] && continue  # after the loop: it needs idx too
  echo
  echo "== $name (own process)"
  .build/release/idx-bench --out "$out" "$name" || status=1
  if [ "$name" = coinr ]; then
    # The same case with glibc told not to hand freed memory back to the kernel: the engine
    # allocates its results afresh on every run, and re-faulting those pages is a large share
    # of a 2,000 × 500 run. This is the figure for repeated runs in one process.
    echo
    echo "== coinr, steady heap (own process)"
    GLIBC_TUNABLES=glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432 \
      .build/release/idx-bench --out "$out" coinr || status=1
  fi
  if [ "$name" = uncertainty ]; then
    # The peer, in the same run: numpy redoing what each draw must (normalize, aggregate, rank)
    # from COINr's treated data, one core.
    echo
    echo "== uncertainty peer: numpy (own process, one core)"
    if python3 -c 'import numpy' 2>/dev/null; then
      OPENBLAS_NUM_THREADS=1 python3 benchmarks/peers/asem_uncertainty_numpy.py 10000 3 || status=1
    else
      echo "skipped: python3 has no numpy"
    fi
  fi
done

idx=.build/release/idx
if printf '%s\n' "${cases[@]}" | grep -qx audit; then
  benchmarks/audit-peer.sh "$idx" "$out" || status=1
fi
if printf '%s\n' "${cases[@]}" | grep -qx peer; then
  echo
  peer=""
  for candidate in ../shared/bench ../../shared/bench; do
    [ -f "$candidate/numpy_synth.py" ] && peer=$candidate && break
  done
  if [ -n "$peer" ] && [ -x "$idx" ]; then
    nice -n 19 python3 benchmarks/peer.py .build/release/idx-bench "$idx" "$peer" "$out" || status=1
  else
    echo "== peer: skipped (no ../shared/bench/numpy_synth.py or no $idx)"
  fi
fi

# time_process LABEL TARGET_MS COMMAND…: the median of 21 runs of a whole process, wall clock.
time_process() {
  local label=$1 target=$2
  shift 2
  "$@" >/dev/null 2>&1
  echo "exit status of $label: $? (timed anyway)"
  local times=() start end
  for _ in $(seq 21); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  local sorted median low high verdict
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n 11p)
  low=$(echo "$sorted" | head -1)
  high=$(echo "$sorted" | tail -1)
  verdict=$([ "$median" -le $((target * 1000)) ] && echo met || echo MISSED)
  printf '%s median of 21: %d.%03d ms (min %d.%03d, max %d.%03d); target ≤ %d ms: %s\n' \
    "$label" $((median / 1000)) $((median % 1000)) $((low / 1000)) $((low % 1000)) \
    $((high / 1000)) $((high % 1000)) "$target" "$verdict"
}

methodology=methodologies/ai-capability.idx
echo
echo "== idx run $methodology (whole process, wall clock)"
if [ -x "$idx" ] && [ -f "$methodology" ]; then
  time_process "idx run" 30 "$idx" run "$methodology"
  echo
  echo "== idx diff ai-capability ai-soft (whole process, wall clock)"
  time_process "idx diff" 30 "$idx" diff "$methodology" methodologies/ai-soft.idx
else
  echo "skipped: $idx or $methodology does not exist"
fi

echo
echo "== idx report methodologies/asem.idx (whole process, wall clock)"
if [ -x "$idx" ] && [ -f methodologies/asem.idx ]; then
  time_process "idx report" 200 "$idx" report methodologies/asem.idx -o "$out/asem-report.html"
  echo "page: $(wc -c <"$out/asem-report.html") bytes"
else
  echo "skipped: $idx or methodologies/asem.idx does not exist"
fi
exit $status
