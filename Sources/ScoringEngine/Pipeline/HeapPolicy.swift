#if canImport(Glibc)
  import Glibc
#endif

/// Keeps memory a run freed in the process, so the next run does not fault it in again: an
/// opt-in for long-lived processes, never applied by the engine itself.
///
/// A run allocates one array per node and stage (8 MB for 2,000 × 500) and frees them when its
/// results go. glibc gives the top of the heap back to the kernel once more than 128 KB is free
/// there, so each run of a long-lived process (the REPL, the language server, a benchmark, a
/// scenario loop) can pay for thousands of page faults again. Raising the trim threshold keeps
/// up to 256 MB of freed heap for reuse; memory the process still needs is unaffected, and the
/// kernel reclaims everything at exit.
///
/// This changes a process-wide malloc setting, so it is the process's decision, not a side
/// effect of `run`: a one-shot `idx run` gains nothing (it runs once), a process that scores
/// repeatedly calls `keepFreedMemory()` once at start. `benchmarks/README.md` ("Engine and
/// rescoring") gives the measured difference.
public enum HeapPolicy {
  /// Applies the policy, once per process (later calls cost one load); false where it cannot
  /// (not glibc).
  @discardableResult
  public static func keepFreedMemory() -> Bool {
    applied
  }

  private static let applied: Bool = {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module does not export: look it
      // up by name. M_TRIM_THRESHOLD is -1 in glibc's <malloc.h>.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else {
        return false
      }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      return mallopt(-1, 256 << 20) == 1
    #else
      return false
    #endif
  }()
}
