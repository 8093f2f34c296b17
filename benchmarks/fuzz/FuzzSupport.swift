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
