import ScoringEngine

/// The scores of a block of printed rows, copied out of the results' columns row by row.
///
/// Results keep one array per node, in entity order; output goes row by row in rank order.
/// Read straight, every number of a 2,000 × 500 CSV is a cache miss (each row takes one value
/// from each of 556 columns, at an entity's position that has nothing to do with the last
/// row's): perf put 96 % of the CSV writer's own time on that one load. Gathered a column at a
/// time for a block of rows, the loads are independent of each other and of the formatting,
/// so the processor overlaps them; the formatting then reads the block in order. The block is
/// at most `maximumValues` doubles (1 MiB), whatever the size of the output.
struct ScoreBlock {
  /// The most values a block holds.
  static let maximumValues = 1 << 17

  /// The printed columns' scores, each indexed by cell.
  ///
  /// A column computed on read (`ScoreColumn.isComputed`) is mapped here, cell by cell,
  /// rather than stored first.
  let columns: [ScoreColumn]
  /// How many rows one block holds.
  let rowsPerBlock: Int
  /// The gathered values, row-major: `values[row * columns.count + column]`.
  private(set) var values: [Double]

  /// The rows of a block of at most `maximumValues` values (and 256 rows).
  static func rowsPerBlock(columns: Int, maximumValues: Int = maximumValues) -> Int {
    max(1, min(256, maximumValues / max(1, columns)))
  }

  init(columns: [ScoreColumn], rowsPerBlock: Int? = nil) {
    self.columns = columns
    self.rowsPerBlock = rowsPerBlock ?? Self.rowsPerBlock(columns: columns.count)
    values = [Double](repeating: 0, count: self.rowsPerBlock * columns.count)
  }

  /// Copies the values of these cells (at most `rowsPerBlock`), one row per cell.
  mutating func gather(_ cells: ArraySlice<Int>) {
    let width = columns.count
    values.withUnsafeMutableBufferPointer { block in
      for (column, scores) in columns.enumerated() {
        for (row, cell) in cells.enumerated() {
          block[row * width + column] = scores[cell]
        }
      }
    }
  }

  /// Calls `body` once per block of rows, with the block's values gathered: `body` gets the
  /// index in `cells` of the block's first row, its number of rows, and its values (the row at
  /// `first + r` has its columns from `values[r * columns.count]` on).
  mutating func forEachBlock(
    of cells: [Int],
    _ body: (_ first: Int, _ count: Int, _ values: UnsafeBufferPointer<Double>) -> Void
  ) {
    var first = 0
    while first < cells.count {
      let end = min(cells.count, first + rowsPerBlock)
      gather(cells[first..<end])
      values.withUnsafeBufferPointer { body(first, end - first, $0) }
      first = end
    }
  }
}
