#!/bin/sh
# Builds the libFuzzer targets with AddressSanitizer and runs them.
#
#   benchmarks/fuzz/run.sh build                 build both targets only
#   benchmarks/fuzz/run.sh frontend [SECONDS]    fuzz the front end (default 60 s)
#   benchmarks/fuzz/run.sh csv [SECONDS]         fuzz the CSV loader
#   benchmarks/fuzz/run.sh both [SECONDS]        both at once, in parallel
#   benchmarks/fuzz/run.sh repro TARGET FILE     run one input (a saved crash) and exit
#
# The targets are compiled with swiftc directly, module by module, so they never touch
# `swift build` or `swift test`. Corpora grow in .build/fuzz/corpus-TARGET (seeded from the
# bundled methodologies, the gallery and the data files); crashes, timeouts and leaks are
# saved as .build/fuzz/artifacts/TARGET-crash-…; see docs/limits.md for reproducing one. Each
# target traps when one input takes more than 1 s of CPU; libFuzzer's own 30 s wall-clock
# timeout only catches hangs, since a busy machine can make any input wait for a core.
# Extra libFuzzer flags can be passed in FUZZ_FLAGS. Runs at the lowest priority (nice 19)
# unless FUZZ_NICE says otherwise (e.g. FUZZ_NICE=0 on a machine shared with builds).
set -eu
NICE=${FUZZ_NICE:-19}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/.build/fuzz"
SWIFTC=${SWIFTC:-swiftc}
if ! command -v "$SWIFTC" >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swiftc ]; then
  SWIFTC=/opt/swift/usr/bin/swiftc
fi
FLAGS="-O -g -sanitize=fuzzer,address -swift-version 6 -parse-as-library -I $OUT"
mkdir -p "$OUT/artifacts"
# The Swift runtime's crash reporter reads memory in ways AddressSanitizer reports.
export SWIFT_BACKTRACE=enable=no

module() { # name
  name=$1
  sources=$(find "$ROOT/Sources/$name" -name '*.swift' | sort)
  rm -f "$OUT/lib$name.a" "$OUT/$name.swiftmodule"
  # shellcheck disable=SC2086
  compile -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
    -emit-library -static -o "$OUT/lib$name.a" $sources
}

# Runs swiftc with the fuzzing flags; stops the script when it fails, so that a stale library
# from an earlier build is never linked.
compile() {
  # shellcheck disable=SC2086
  if ! nice -n "$NICE" "$SWIFTC" $FLAGS "$@" >"$OUT/compile.log" 2>&1; then
    grep -v "Cannot export local symbol" "$OUT/compile.log" >&2
    echo "fuzz build failed" >&2
    exit 1
  fi
  grep -v "Cannot export local symbol" "$OUT/compile.log" >&2 || true
}

build() {
  # In dependency order (Package.swift): IndexCLI links the language server and the report.
  modules="Diagnostics ScoringEngine IndexLanguage IndexAnalysis LanguageServer IndexReport IndexCLI"
  libraries=""
  for name in $modules; do
    echo "building $name" >&2
    module "$name"
    libraries="-l$name $libraries"
  done
  for target in frontend csv; do
    file=FrontendFuzz.swift
    [ "$target" = csv ] && file=CSVFuzz.swift
    rm -f "$OUT/fuzz-$target"
    # shellcheck disable=SC2086
    compile "$ROOT/benchmarks/fuzz/$file" "$ROOT/benchmarks/fuzz/FuzzSupport.swift" \
      -L "$OUT" $libraries -o "$OUT/fuzz-$target"
  done
}

seed() { # target
  corpus="$OUT/corpus-$1"
  mkdir -p "$corpus"
  if [ -z "$(ls -A "$corpus")" ]; then
    if [ "$1" = frontend ]; then
      find "$ROOT/methodologies" "$ROOT/Tests" -name '*.idx' -exec cp {} "$corpus/" \;
    else
      find "$ROOT/methodologies/data" "$ROOT/Tests" -name '*.csv' -size -64k \
        -exec cp {} "$corpus/" \;
    fi
  fi
}

fuzz() { # target seconds
  seed "$1"
  if [ "$1" = frontend ]; then length=32768; else length=16384; fi
  # shellcheck disable=SC2086
  nice -n "$NICE" "$OUT/fuzz-$1" "$OUT/corpus-$1" -dict="$ROOT/benchmarks/fuzz/idx.dict" \
    -max_total_time="$2" -timeout=30 -rss_limit_mb=4096 -max_len=$length \
    -artifact_prefix="$OUT/artifacts/$1-" -print_final_stats=1 ${FUZZ_FLAGS:-} \
    2>&1 | tee "$OUT/$1.log" | grep -E 'pulse|DONE|NEW_FUNC|ERROR|SUMMARY|stat::|Test unit' || true
}

case "${1:-}" in
  build) build ;;
  frontend | csv)
    [ -x "$OUT/fuzz-$1" ] || build
    fuzz "$1" "${2:-60}"
    ;;
  both)
    [ -x "$OUT/fuzz-frontend" ] && [ -x "$OUT/fuzz-csv" ] || build
    fuzz frontend "${2:-60}" &
    fuzz csv "${2:-60}"
    wait
    ;;
  repro)
    [ -x "$OUT/fuzz-$2" ] || build
    "$OUT/fuzz-$2" "$3"
    ;;
  *)
    sed -n '2,16p' "$0"
    exit 2
    ;;
esac
