import Synchronization

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
/// effect of `run`: a process that scores repeatedly calls `keepFreedMemory()` once at start,
/// and the `idx` executable calls `reserveHugePages()`, which includes it, before anything
/// else (a one-shot `idx run` of 2,000 × 500 faults 91 % fewer pages). `benchmarks/README.md`
/// ("Engine and rescoring", "fourth pass") gives the measured differences.
public enum HeapPolicy {
  /// Applies the policy, once per process (later calls cost one load); false where it cannot
  /// (not glibc).
  @discardableResult
  public static func keepFreedMemory() -> Bool {
    applied
  }

  /// Keeps freed memory (`keepFreedMemory`) and backs the next `megabytes` of heap with
  /// transparent huge pages, so a run faults a few 2 MB pages in rather than thousands of
  /// 4 KB ones: an opt-in for a process that scores large data, applied once (later calls
  /// cost one load); false where it cannot (not glibc, or the kernel refused the advice).
  ///
  /// glibc grows its heap with `brk` and hands out small blocks (every result column) from
  /// its top; it madvises huge pages only under the `glibc.malloc.hugetlb` tunable, read at
  /// process start. This does the same from inside the process: it asks glibc to grow the heap
  /// by `megabytes` more whenever it grows (`M_TOP_PAD`), makes it grow once, and advises the
  /// untouched, 2 MB-aligned part of that growth `MADV_HUGEPAGE` (transparent huge pages are
  /// `madvise`-only on this machine: /sys/kernel/mm/transparent_hugepage/enabled). The memory
  /// is virtual until touched; a huge page is resident as a whole once touched.
  /// `benchmarks/README.md` gives the page faults and times with and without it.
  @discardableResult
  public static func reserveHugePages(megabytes: Int = 64) -> Bool {
    hugePages(megabytes)
  }

  private static let reservedHugePages = Mutex<Bool?>(nil)

  private static func hugePages(_ megabytes: Int) -> Bool {
    reservedHugePages.withLock { done in
      if let done { return done }
      let result = advise(megabytes)
      done = result
      return result
    }
  }

  private static func advise(_ megabytes: Int) -> Bool {
    #if canImport(Glibc)
      guard keepFreedMemory(), let mallopt = malloptFunction(), megabytes > 0 else {
        return false
      }
      let pad = min(megabytes, 1024) << 20
      // M_TOP_PAD is -2 in glibc's <malloc.h>; M_ARENA_MAX is -8: one arena, so that a
      // second thread of a run (`run(_:on:threads:)`) allocates from this heap too rather
      // than from an arena of its own, which glibc trims and which has no huge pages.
      guard mallopt(-2, Int32(pad)) == 1, mallopt(-8, 1) == 1 else { return false }
      // Blocks below the mmap threshold come from the heap's free memory, then its top; once
      // neither has room for one, the heap grows by the block and the pad. A process that
      // freed much already takes many blocks to get there (at most 4,096: 480 MB).
      let probe = 120 << 10
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(4096)
      defer { for block in blocks { free(block) } }
      let before = sbrk(0)
      while blocks.count < 4096, let block = malloc(probe) {
        blocks.append(block)
        if sbrk(0) != before { break }
      }
      guard let last = blocks.last, let top = sbrk(0), top != before else { return false }
      let hugePage = 2 << 20
      let start = (Int(bitPattern: last) + probe + hugePage - 1) & ~(hugePage - 1)
      let end = Int(bitPattern: top) & ~(hugePage - 1)
      guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else {
        return false
      }
      return madvise(address, end - start, MADV_HUGEPAGE) == 0
    #else
      return false
    #endif
  }

  #if canImport(Glibc)
    /// `mallopt`, declared in <malloc.h>, which the Glibc module does not export: looked up
    /// by name.
    private static func malloptFunction() -> (@convention(c) (Int32, Int32) -> Int32)? {
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else {
        return nil
      }
      return unsafeBitCast(symbol, to: Mallopt.self)
    }
  #endif

  private static let applied: Bool = {
    #if canImport(Glibc)
      // M_TRIM_THRESHOLD is -1 in glibc's <malloc.h>.
      guard let mallopt = malloptFunction() else { return false }
      return mallopt(-1, 256 << 20) == 1
    #else
      return false
    #endif
  }()
}
