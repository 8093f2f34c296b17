#!/bin/sh
# Times `idx check` on the hostile shapes of issue 16 (generated, never committed): each must
# finish in about linear time with a diagnostic or the right result. The last one has 20,000
# unknown members and 20,000 formulas reading unknown names (40,000 diagnostics).
#
#   benchmarks/shapes.sh [IDX]      IDX defaults to .build/release/idx (built if missing)
#
# Prints one line per shape: seconds, peak memory, exit code and the error codes reported.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IDX=${1:-"$ROOT/.build/release/idx"}
if [ ! -x "$IDX" ]; then
  (cd "$ROOT" && swift build -c release --product idx >/dev/null)
fi
WORK=$(mktemp -d /tmp/idx-shapes-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

header() { # members
  printf 'index t "T" {\n  period: 2024\n  normalize: minmax\n  members { %s }\n}\n' "$1"
  printf 'data d = csv("data.csv") {\n  key: code\n  period: year\n}\n'
}

shape() { # name
  mkdir -p "$WORK/$1"
  printf 'code,year,x,y\nA,2024,1,5\nB,2024,2,3\nC,2024,4,1\n' >"$WORK/$1/data.csv"
  echo "$WORK/$1"
}

dir=$(shape operators-100k)
{ header a; printf 'indicator a { value: d.x'; awk 'BEGIN { for (i = 0; i < 100000; i++) printf " + 0" }'
  printf ' }\n'; } >"$dir/m.idx"

dir=$(shape parentheses-100k)
{ header a; printf 'indicator a { value: '; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "(" }'
  printf 'd.x }\n'; } >"$dir/m.idx"

for depth in 5000 10000; do
  dir=$(shape "tree-$depth")
  { header d0; awk -v n="$depth" 'BEGIN { for (i = 0; i < n; i++)
      printf "dimension d%d { members { %s } }\n", i, (i == n - 1 ? "a" : "d" (i + 1)) }'
    printf 'indicator a { value: d.x }\n'; } >"$dir/m.idx"
done

for count in 20000 100000; do
  dir=$(shape "indicators-$count")
  { header a; awk -v n="$count" 'BEGIN { for (i = 0; i < n; i++)
      printf "indicator %s { value: k%d }\n", (i == 0 ? "a" : "k" i), i + 1
      printf "indicator k%d { value: d.x }\n", n }'; } >"$dir/m.idx"
done

dir=$(shape files-1000)
printf 'extends "f1.idx"\nindex t "T" { version: "0" }\n' >"$dir/m.idx"
i=1
while [ $i -lt 999 ]; do
  printf 'extends "f%d.idx"\nindex t%d "T" { version: "%d" }\n' $((i + 1)) $i $i >"$dir/f$i.idx"
  i=$((i + 1))
done
{ header a | sed 's/index t /index t999 /'; printf 'indicator a { value: d.x }\n'; } >"$dir/f999.idx"

dir=$(shape libraries-used-twice-20)
{ printf 'use "l0.idx"\n'; header a; printf 'indicator a { value: d.x }\n'; } >"$dir/m.idx"
i=0
while [ $i -lt 20 ]; do
  { [ $i -lt 19 ] && printf 'use "l%d.idx"\nuse "l%d.idx"\n' $((i + 1)) $((i + 1))
    printf 'indicator x%d { value: d.y }\n' $i; } >"$dir/l$i.idx"
  i=$((i + 1))
done

dir=$(shape unknown-names-20000)
{ awk 'BEGIN { printf "index t \"T\" {\n  period: 2024\n  normalize: minmax\n  members { "
    for (i = 0; i < 20000; i++) printf "%sy%d", (i ? ", " : ""), i
    printf " }\n}\n" }'
  printf 'data d = csv("data.csv") {\n  key: code\n  period: year\n}\n'
  awk 'BEGIN { for (i = 0; i < 20000; i++) printf "indicator x%d { value: z%d }\n", i, i }'
} >"$dir/m.idx"

printf '%-26s %8s %10s %5s  %s\n' shape seconds "peak KB" exit errors
for dir in "$WORK"/*/; do
  name=$(basename "$dir")
  extra=""
  [ "$name" = files-1000 ] && extra="--max-files 2000"
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$WORK/time" timeout 300 "$IDX" check "$dir/m.idx" $extra \
    >"$WORK/out" 2>&1 && code=0 || code=$?
  errors=$(grep -o 'error\[E[0-9]*\]' "$WORK/out" | sort -u | tr '\n' ' ' || true)
  read -r seconds memory <<EOT
$(tail -n 1 "$WORK/time")
EOT
  printf '%-26s %8s %10s %5s  %s\n' "$name" "$seconds" "$memory" "$code" "$errors"
done
