import Dispatch
import Synchronization

/// Runs independent rows of work on several threads, each row writing only its own slot.
///
/// Rows are handed out in small chunks from one atomic counter, so threads that finish early
/// take more; which thread computes a row never matters, because a row's result depends only
/// on its position (its random numbers come from its own stream). Results are therefore the
/// same for any number of threads.
enum ParallelRows {
  /// The number of threads `run` uses for `count` rows.
  static func workers(count: Int, threads: Int, chunk: Int = 16) -> Int {
    max(1, min(threads, (count + chunk - 1) / chunk))
  }

  /// Calls `body(worker, row)` for every row in 0..<count on `threads` threads (at least
  /// one; `worker` is the thread's number, below `workers(count:threads:chunk:)`), and
  /// `progress(done)` after each chunk, from whichever thread finished it.
  static func run(
    count: Int, threads: Int, chunk: Int = 16, progress: (@Sendable (Int) -> Void)? = nil,
    body: @Sendable (_ worker: Int, _ row: Int) -> Void
  ) {
    guard count > 0 else { return }
    let counter = ChunkCounter()
    let workers = workers(count: count, threads: threads, chunk: chunk)
    @Sendable func work(_ worker: Int) {
      while true {
        let start = counter.next.add(chunk, ordering: .relaxed).oldValue
        guard start < count else { return }
        let end = min(count, start + chunk)
        for row in start..<end { body(worker, row) }
        let done = counter.done.add(end - start, ordering: .relaxed).newValue
        progress?(done)
      }
    }
    if workers == 1 {
      work(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { work($0) }
    }
  }

  private final class ChunkCounter: Sendable {
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
  }
}

/// A fixed number of slots that different threads fill, each slot by one thread only.
///
/// The one unchecked-Sendable type of the analysis: `ParallelRows` guarantees that a slot is
/// written by exactly one row, and the store is read only after every row has finished.
final class RowStore<Element>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<Element>

  init(count: Int, repeating value: Element) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: value)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  var count: Int { buffer.count }

  subscript(index: Int) -> Element {
    get { buffer[index] }
    set { buffer[index] = newValue }
  }

  /// Runs `body` on slot `index` in place (no copy of what the slot holds).
  func update<Result>(_ index: Int, _ body: (inout Element) -> Result) -> Result {
    body(&buffer[index])
  }

  /// Copies `values` into the slots from `start` on.
  func write(_ values: [Element], at start: Int) {
    for (offset, value) in values.enumerated() { buffer[start + offset] = value }
  }

  /// Every slot, in order.
  func elements() -> [Element] {
    Array(buffer)
  }
}
