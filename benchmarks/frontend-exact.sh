#!/usr/bin/env bash
# Compares what two `idx` binaries print for every .idx file of the repository and for
# mutants of them: `idx check --format json`, `idx check` and `idx run --format csv`, with
# stdout, stderr and the exit code of each. The front end may change how it works, never
# what it says.
#
#   benchmarks/frontend-exact.sh /tmp/main6-idx .build/release/idx
#
# Run from the repository's root. Mutants (a line removed, a name or a number changed, a data
# path broken) are written next to their originals' copies in a temporary folder, so the data
# files they name are found as before. Prints the number of outputs compared and each one
# that differs; exits 1 when one does.
set -u
old=${1:?usage: frontend-exact.sh OLD-IDX NEW-IDX}
new=${2:?usage: frontend-exact.sh OLD-IDX NEW-IDX}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t files < <(find methodologies Tests -name '*.idx' | sort)

# Mutants: a copy of each file's folder, with the mutated file beside the original.
mutants=()
for file in "${files[@]}"; do
  folder=$(dirname "$file")
  copy="$work/tree/$folder"
  if [ ! -d "$copy" ]; then
    mkdir -p "$copy"
    cp -R "$folder/." "$copy/"
  fi
  base=$(basename "$file" .idx)
  lines=$(wc -l < "$file")
  [ "$lines" -gt 2 ] || continue
  middle=$((lines / 2 + 1))
  sed "${middle}d" "$file" > "$copy/$base.m1.idx"
  sed 's/normalize/normalise/' "$file" > "$copy/$base.m2.idx"
  sed 's/\b\([0-9][0-9]*\)%/\1\1%/' "$file" > "$copy/$base.m3.idx"
  sed 's/csv("\([^"]*\)")/csv("missing-\1")/' "$file" > "$copy/$base.m4.idx"
  sed 's/members {/members { nowhere,/' "$file" > "$copy/$base.m5.idx"
  sed 's/period: *\([0-9]\)/period: 1\1/' "$file" > "$copy/$base.m6.idx"
  mutants+=("$copy/$base.m1.idx" "$copy/$base.m2.idx" "$copy/$base.m3.idx"
    "$copy/$base.m4.idx" "$copy/$base.m5.idx" "$copy/$base.m6.idx")
done

compared=0
differing=0
run() {
  local binary=$1
  shift
  "$binary" "$@" > "$work/out" 2>&1
  echo "exit $?" >> "$work/out"
}
for file in "${files[@]}" "${mutants[@]}"; do
  for command in "check --format json" "check" "run --format csv"; do
    # shellcheck disable=SC2086
    run "$old" $command "$file"
    mv "$work/out" "$work/old"
    # shellcheck disable=SC2086
    run "$new" $command "$file"
    compared=$((compared + 1))
    if ! cmp -s "$work/old" "$work/out"; then
      differing=$((differing + 1))
      echo "differs: idx $command ${file#"$work/tree/"}"
      diff "$work/old" "$work/out" | head -5
    fi
  done
done
echo "$compared outputs compared, $differing differ"
[ "$differing" -eq 0 ]
