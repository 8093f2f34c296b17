import Dispatch

/// The rows of an output formatted a block at a time on several threads, and written in order.
///
/// Writing the numbers is most of `idx run --format csv|json` (a 2,000 × 500 methodology
/// prints 1.1 million shortest decimals), and each row's text depends only on its own values.
/// So blocks of rows are gathered (`ScoreBlock`) and formatted on up to `threads` threads at
/// once, each block into its own chunk, and the chunks are handed to the output in block
/// order: the bytes are those of one thread, whatever the number of threads. Memory stays
/// bounded by the chunks (one block of rows per thread), not the document.
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
    cells: [Int], columns: [[Double]], threads: Int,
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
    let slots = (0..<min(threads, blocks)).map { _ in
      Slot(columns: columns, rowsPerBlock: rowsPerBlock)
    }
    var firstBlock = 0
    while firstBlock < blocks {
      let round = min(slots.count, blocks - firstBlock)
      let start = firstBlock
      DispatchQueue.concurrentPerform(iterations: round) { index in
        let firstRow = (start + index) * rowsPerBlock
        let end = min(cells.count, firstRow + rowsPerBlock)
        slots[index].format(cells[firstRow..<end], first: firstRow, body)
      }
      for slot in slots.prefix(round) { slot.chunk.drain(into: &out) }
      firstBlock += round
    }
  }

  /// One thread's block of values and the chunk of text it formats them into.
  ///
  /// Unchecked `Sendable`: each slot is used by one iteration of a round at a time, and read
  /// by the writing thread only once the round is over.
  private final class Slot: @unchecked Sendable {
    var block: ScoreBlock
    var chunk: OutputBuffer

    init(columns: [[Double]], rowsPerBlock: Int) {
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
