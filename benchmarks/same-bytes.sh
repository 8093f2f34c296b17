#!/bin/sh
# Compares two builds of idx on every bundled methodology: stdout, stderr and the exit status
# of `idx run M --format csv|json|md` must be identical. Usage: benchmarks/same-bytes.sh NEW BASE
# (run from the repository root). Prints one line per difference and exits 1 if there is any.
set -u
new=$1
base=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
checked=0
for methodology in methodologies/*.idx; do
  for format in csv json md; do
    "$new" run "$methodology" --format "$format" >"$out/new.stdout" 2>"$out/new.stderr"
    echo $? >"$out/new.status"
    "$base" run "$methodology" --format "$format" >"$out/base.stdout" 2>"$out/base.stderr"
    echo $? >"$out/base.status"
    for part in stdout stderr status; do
      if ! cmp -s "$out/new.$part" "$out/base.$part"; then
        echo "DIFFERENT: $methodology --format $format ($part)"
        status=1
      fi
    done
    checked=$((checked + 1))
  done
done
echo "$checked runs compared (stdout, stderr, exit status): $([ $status = 0 ] && echo identical || echo differences above)"
exit $status
