import Dispatch
import ScoringEngine
import Synchronization

/// The rows of an output formatted a block at a time on several threads, and written in order.
///
/// Writing the numbers is most of `idx run --format csv|json` (a 2,000 × 500 methodology
/// prints 1.1 million shortest decimals), and each row's text depends only on its own values.
/// So blocks of rows are gathered (`ScoreBlock`) and formatted on up to `threads` threads at
/// once, each block into its own thread's chunk, and the chunks are handed to the output in
/// block order: the bytes are those of one thread, whatever the number of threads. Memory stays
/// bounded by the chunks (one block of rows per thread), not the document.
///
/// The threads run from the first block to the last without meeting: each takes the next
/// block from a shared counter, formats it, waits for the block before it to be written, writes
/// its own and takes another. (Formatting in rounds of one block per thread, with the output
/// written between rounds, left the second core idle for part of every round: the thread that
/// called `concurrentPerform` often formatted both blocks of a round before the other woke.)
enum ParallelBlocks {
  /// The values a gathered block holds with more than one thread: about 60 rows of 556
  /// columns, so each chunk of text stays near half a megabyte.
  static let valuesPerParallelBlock = 1 << 15

  /// Formats the rows of `cells` a block at a time and appends the text in block order.
  ///
  /// `body` is called once per block, in order when `threads` is 1. It gets the index in
  /// `cells` of the block's first row, its number of rows, the block's values (row `r` has its
  /// columns from `values[r * columns.count]` on) and the buffer to write into. With several
  /// threads a block holds at most `valuesPerBlock` values (and at least one row).
  static func write(
    cells: [Int], columns: [ScoreColumn], threads: Int,
    valuesPerBlock: Int = valuesPerParallelBlock, into out: inout OutputBuffer,
    _ body:
      @Sendable (
        _ first: Int, _ count: Int, _ values: UnsafeBufferPointer<Double>,
        _ out: inout OutputBuffer
      ) -> Void
  ) {
    guard threads > 1, cells.count > 1 else {
      var block = ScoreBlock(columns: columns)
      block.forEachBlock(of: cells) { first, count, values in body(first, count, values, &out) }
      return
    }
    let rowsPerBlock = ScoreBlock.rowsPerBlock(
      columns: columns.count, maximumValues: valuesPerBlock)
    let blocks = (cells.count + rowsPerBlock - 1) / rowsPerBlock
    let workers = min(threads, blocks)
    let slots = (0..<workers).map { _ in Slot(columns: columns, rowsPerBlock: rowsPerBlock) }
    withUnsafeMutablePointer(to: &out) { output in
      let order = WriteOrder(output: output, workers: workers)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let slot = slots[worker]
        var block = order.claim()
        while block < blocks {
          let firstRow = block * rowsPerBlock
          let end = min(cells.count, firstRow + rowsPerBlock)
          slot.format(cells[firstRow..<end], first: firstRow, body)
          order.write(block) { slot.chunk.drain(into: &$0) }
          block = order.claim()
        }
      }
    }
  }

  /// Which block a thread formats next, and whose turn it is to write.
  ///
  /// Unchecked `Sendable`: the output is touched only by the thread whose block is next in
  /// order, between the semaphore that gives it the turn and the one it passes on.
  private final class WriteOrder: @unchecked Sendable {
    private let next = Atomic<Int>(0)
    /// The turn of each block in hand.
    ///
    /// `turns[b % count]` is signalled once block b − 1 has been written. Blocks in hand are
    /// always fewer than `count` apart (each thread holds one), so one ring serves them all.
    private let turns: [DispatchSemaphore]
    private let output: UnsafeMutablePointer<OutputBuffer>

    init(output: UnsafeMutablePointer<OutputBuffer>, workers: Int) {
      self.output = output
      turns = (0...workers).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The next block nobody has taken (possibly past the last).
    func claim() -> Int {
      next.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Waits for the blocks before `block` to be written, then writes it with `body`.
    func write(_ block: Int, _ body: (inout OutputBuffer) -> Void) {
      if block > 0 { turns[block % turns.count].wait() }
      body(&output.pointee)
      turns[(block + 1) % turns.count].signal()
    }
  }

  /// One thread's block of values and the chunk of text it formats them into.
  ///
  /// Unchecked `Sendable`: each slot is used by one thread only.
  private final class Slot: @unchecked Sendable {
    var block: ScoreBlock
    var chunk: OutputBuffer

    init(columns: [ScoreColumn], rowsPerBlock: Int) {
      block = ScoreBlock(columns: columns, rowsPerBlock: rowsPerBlock)
      // Room for a block's numbers at their longest, so the chunk rarely grows.
      chunk = OutputBuffer(.memory, capacity: rowsPerBlock * (columns.count + 8) * 24)
    }

    func format(
      _ cells: ArraySlice<Int>, first: Int,
      _ body: (Int, Int, UnsafeBufferPointer<Double>, inout OutputBuffer) -> Void
    ) {
      block.gather(cells)
      block.values.withUnsafeBufferPointer { body(first, cells.count, $0, &chunk) }
    }
  }
}
