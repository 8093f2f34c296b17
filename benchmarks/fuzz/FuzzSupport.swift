import Diagnostics
import Glibc

// Shared by both fuzz targets (compiled into each by run.sh).

/// Traps with a message when an invariant is broken; libFuzzer saves the input.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant broken: " + message()) }
}

/// CPU time of this thread, in seconds: unlike wall time, it does not grow when a busy
/// machine makes the fuzzer wait for a core.
func cpuSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The bound on one input, in CPU seconds (of the instrumented build).
let secondsPerInput = 1.0

/// Runs one input's work and traps when it took more than `secondsPerInput` of CPU.
func bounded(_ body: () -> Void) {
  let start = cpuSeconds()
  body()
  let spent = cpuSeconds() - start
  require(spent <= secondsPerInput, "one input took \(spent) s of CPU")
}

/// The body of `LLVMFuzzerTestOneInput`: the input as bytes, checked within the time bound.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int, _ check: ([UInt8]) -> Void) -> Int32 {
  let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  bounded { check(input) }
  return 0
}

/// Every error has a location; every location lies within its file's bytes, in a file whose
/// path starts with `prefix`.
func checkLocations(_ diagnostics: [Diagnostic], in prefix: String) {
  for diagnostic in diagnostics {
    if diagnostic.isError {
      require(diagnostic.primary != nil, "error \(diagnostic.code) has no location")
    }
    for label in (diagnostic.primary.map { [$0] } ?? []) + diagnostic.secondary {
      let span = label.span
      require(
        span.start >= 0 && span.start <= span.end && span.end <= span.file.bytes.count,
        "\(diagnostic.code) span \(span.start)..<\(span.end) outside \(span.file.path)")
      require(span.file.path.hasPrefix(prefix), "\(diagnostic.code) points into \(span.file.path)")
    }
  }
}
