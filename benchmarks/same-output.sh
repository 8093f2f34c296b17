#!/bin/bash
# Whether a build prints the same bytes as another: `idx run --format csv|json` of every
# bundled methodology and of the numpy peer's generated.idx, stdout, stderr and exit status
# compared with `cmp`. Exits 1 when any differs.
#
#   benchmarks/same-output.sh NEW_IDX BASE_IDX [GENERATED_IDX]
#
# GENERATED_IDX defaults to benchmarks/out/synth/generated.idx, written first when missing by
# ../shared/bench/gen_synth.py (2,000 × 500; ../../shared from a worktree).
set -u
new=${1:?usage: same-output.sh NEW_IDX BASE_IDX [GENERATED_IDX]}
base=${2:?usage: same-output.sh NEW_IDX BASE_IDX [GENERATED_IDX]}
root=$(cd "$(dirname "$0")/.." && pwd)
generated=${3:-$root/benchmarks/out/synth/generated.idx}
if [ ! -f "$generated" ]; then
  for peer in "$root/../shared/bench" "$root/../../shared/bench"; do
    [ -f "$peer/gen_synth.py" ] && break
  done
  python3 "$peer/gen_synth.py" "$(dirname "$generated")" 2000 500 >/dev/null || exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$root" || exit 1
compared=0
differ=0
for methodology in methodologies/*.idx "$generated"; do
  for format in csv json; do
    "$new" run "$methodology" --format "$format" >"$scratch/new.out" 2>"$scratch/new.err"
    new_status=$?
    "$base" run "$methodology" --format "$format" >"$scratch/base.out" 2>"$scratch/base.err"
    base_status=$?
    compared=$((compared + 1))
    if ! cmp -s "$scratch/new.out" "$scratch/base.out" || ! cmp -s "$scratch/new.err" "$scratch/base.err" \
      || [ "$new_status" != "$base_status" ]; then
      echo "DIFFERENT: $methodology --format $format (exit $new_status, base $base_status)"
      differ=$((differ + 1))
    fi
  done
done
echo "same-output: $compared outputs compared, $differ different"
[ "$differ" = 0 ]
