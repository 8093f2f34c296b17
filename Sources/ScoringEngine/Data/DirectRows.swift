import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

// Most data files are clean: every row has its fields, a key, and numbers or missing tokens in
// its numeric cells. For those the loader reads the rows straight into column storage, a cell
// at a time with no per-cell array of fields or values (`readRows` appends to three arrays per
// cell), and, when the file has no quote that could hide a line break, in parts on several
// threads. The first sign of anything else (a ragged row, a cell that is not a number, a
// repeated or empty key, an unclosed quote) abandons the shortcut, and `readRows` reads the
// file from its header again: the diagnostics, and the table, always come from one place.
// Every value the shortcut stores is the one `readRows` would store (the same scan, or the same
// `number(_:)`), so the table is the same bit for bit; `DirectRowsTests` compares the two.

/// What a header column is to the direct reader.
private enum CellKind {
  /// A numeric column: the index of its `NumberColumn`.
  case number(Int)
  /// A key, period, name or group column: its slot among the fields kept per row.
  case role(Int)
  /// Any other column: skipped.
  case skipped
}

/// The rows of one part of a file read straight into column storage.
///
/// Sendable by hand: each part is filled by one thread, and read once every thread is done.
private final class DirectPart: @unchecked Sendable {
  /// One buffer per numeric column, `capacity` values each, the first `rows` of them read;
  /// those before `released` are freed already.
  let columns: [UnsafeMutablePointer<Double>]
  let capacity: Int
  var rows = 0
  /// Whether the part was read to its end; false when the file needs `readRows`.
  var complete = false
  /// The fields of the role columns, `roleCount` per row in header order.
  var roleFields: [CSVField] = []
  private var released = 0

  init(columns: [UnsafeMutablePointer<Double>], capacity: Int) {
    self.columns = columns
    self.capacity = capacity
  }

  /// Parts with room for `capacities[p]` values per column, allocated column by column (each
  /// column's buffers of all parts one after the other) on the thread that frees them.
  ///
  /// When a column's buffers are freed, after it is copied, they are adjacent and merge into
  /// one block as large as a whole column, which the next column's array then reuses: the
  /// table costs no memory beyond the parts' (another thread's allocations may come from
  /// another arena, and separate blocks would each be too small).
  static func allocate(columns: Int, capacities: [Int]) -> [DirectPart] {
    var buffers = [[UnsafeMutablePointer<Double>]](repeating: [], count: capacities.count)
    for _ in 0..<columns {
      for (part, capacity) in capacities.enumerated() {
        buffers[part].append(.allocate(capacity: capacity))
      }
    }
    return zip(buffers, capacities).map { DirectPart(columns: $0, capacity: $1) }
  }

  /// Frees the next column's buffer, once it is copied.
  func releaseNextColumn() {
    columns[released].deallocate()
    released += 1
  }

  deinit { for column in columns[released...] { column.deallocate() } }
}

/// Reads the records of a byte range of a clean file into a `DirectPart`.
///
/// Sendable by hand: it reads the file's bytes through its reader's pointer, which stays valid
/// for the whole load, and each thread scans with a copy of its own.
private struct DirectRowScan: @unchecked Sendable {
  var reader: CSVReader
  let parser: NumberParser
  let missing: MissingTokens
  let kinds: [CellKind]
  let roleCount: Int
  /// Whether some missing token reads as a plain number (`-999`), so a number must be checked
  /// against the tokens as `nextRecord(into:numbers:…)` does; usually none does.
  let tokensLookLikeNumbers: Bool

  /// Reads the records that start in `start..<stop` (a line start to a line start) into
  /// `part`, and marks it complete; stops at the first thing only `readRows` handles.
  mutating func scan(from start: Int, to stop: Int, into part: DirectPart) {
    guard let base = reader.base else { return }
    let capacity = part.capacity
    let count = reader.count
    let delimiter = reader.delimiter
    part.roleFields.reserveCapacity(capacity * roleCount)
    let quotesBefore = reader.unclosedQuotes.count
    let fieldCount = kinds.count
    // The last cell start from which the short scan may read its bytes (none when a missing
    // token reads as a number, for `number(_:at:)` to check every cell against the tokens).
    let shortLimit = tokensLookLikeNumbers ? -1 : count - NumberParser.wordScanReach
    var index = start
    var row = 0
    // The commonest cell, a short decimal, is read in this loop; everything else (the other
    // columns, longer numbers, missing tokens) through calls, so that the loop keeps its
    // values in registers.
    part.columns.withUnsafeBufferPointer { columns in
      kinds.withUnsafeBufferPointer { kinds in
        while index < stop {
          guard row < capacity else { return }
          for field in 0..<fieldCount {
            let fieldStart = index
            if case .number(let column) = kinds[field] {
              if fieldStart <= shortLimit,
                let (end, value) = NumberParser.scanShortCell(base, from: fieldStart),
                reader.isFieldEnd(base[end])
              {
                columns[column][row] = value
                index = end
              } else {
                guard let (end, value) = number(base, at: fieldStart) else { return }
                columns[column][row] = value
                index = end
              }
            } else {
              index = otherField(base, at: fieldStart, kinds[field], into: part)
            }
            if field + 1 < fieldCount {
              guard index < count && base[index] == delimiter else { return }
              index += 1
            }
          }
          if index < count {
            guard base[index] == lineFeed || base[index] == carriageReturn else { return }
            if base[index] == carriageReturn { index += 1 }
            if index < count && base[index] == lineFeed { index += 1 }
          }
          row += 1
        }
        part.rows = row
        part.complete = reader.unclosedQuotes.count == quotesBefore
      }
    }
  }

  /// Reads a key, period, name, group or skipped field at `start` (keeping a role's field in
  /// `part`) and returns where it ends.
  @inline(never)
  private mutating func otherField(
    _ base: UnsafePointer<UInt8>, at start: Int, _ kind: CellKind, into part: DirectPart
  ) -> Int {
    let end = reader.endOfField(base, from: start)
    if case .role = kind { part.roleFields.append(CSVField(start: start, end: end)) }
    return end
  }

  /// The value of the numeric cell at `start` and where the cell ends, as `readRows` reads it;
  /// nil when the cell is not a number or a missing token.
  @inline(never)
  private mutating func number(_ base: UnsafePointer<UInt8>, at start: Int) -> (Int, Double)? {
    let count = reader.count
    if start + NumberParser.wordScanReach <= count, !tokensLookLikeNumbers {
      // Most cells are short decimals (`7815.663`): one eight-lane conversion.
      if let (end, value) = NumberParser.scanShortCell(base, from: start),
        reader.isFieldEnd(base[end])
      {
        return (end, value)
      }
      if let (end, value) = parser.scanShortNumber(base, from: start), reader.isFieldEnd(base[end])
      {
        return (end, value)
      }
    }
    // What `nextRecord(into:numbers:…)` and `number(at:)` do for one field.
    let (end, value) = parser.scanPlainNumber(base, from: start, to: count)
    if let value, end == count || reader.isFieldEnd(base[end]),
      !missing.matches(UnsafeBufferPointer(start: base + start, count: end - start))
    {
      return (end, value)
    }
    let fieldEnd = reader.endOfField(base, from: start)
    let field = CSVField(start: start, end: fieldEnd)
    guard let full = reader.number(field, parser: parser, missing: missing) else { return nil }
    return (fieldEnd, full)
  }
}

extension ColumnRoles {
  /// The key, period, name and group columns, each once, in header order: the order in which
  /// the direct reader keeps their fields.
  fileprivate var columnsInOrder: [Int] {
    Set([key] + [period, name].compactMap { $0 } + groups.map(\.column)).sorted()
  }
}

extension TableLoader {
  /// Reads every data row like `readRows`, straight into the columns, when the file is clean;
  /// nil (and nothing changed) when it is not, for `readRows` to read it.
  mutating func readRowsDirectly(
    _ header: Header, _ roles: ColumnRoles, _ columns: inout [NumberColumn],
    oneRowPerPeriod: Bool
  ) -> RowsRead? {
    guard directParts > 0, let scan = directScan(header, roles, columns),
      let base = reader.base
    else { return nil }
    let start = reader.position
    let bounds = partBounds(base, from: start, parts: directParts)
    // Each part's lines, counted for all parts but the last, which has the rest; a few values
    // of slack let two freed buffers hold a whole column's array (with its header).
    var capacities: [Int] = []
    var counted = 0
    for part in 0..<(bounds.count - 2) {
      let range = UnsafeBufferPointer(
        start: base + bounds[part], count: bounds[part + 1] - bounds[part])
      let lines = countLineFeeds(range)
      counted += lines
      capacities.append(lines + Self.partSlack)
    }
    capacities.append(max(0, lineCountEstimate() - counted) + Self.partSlack)
    let parts = DirectPart.allocate(columns: columns.count, capacities: capacities)
    if parts.count == 1 {
      var single = scan
      single.scan(from: start, to: reader.count, into: parts[0])
    } else {
      DispatchQueue.concurrentPerform(iterations: parts.count) { part in
        var own = scan
        own.scan(from: bounds[part], to: bounds[part + 1], into: parts[part])
      }
    }
    guard parts.allSatisfy(\.complete),
      let rows = identifyRows(parts, header, roles, oneRowPerPeriod: oneRowPerPeriod)
    else {
      return nil
    }
    let total = rows.entityOfRow.count
    for index in columns.indices {
      columns[index].values = [Double](unsafeUninitializedCapacity: total) { buffer, filled in
        filled = 0
        for part in parts {
          guard let out = buffer.baseAddress else { break }
          (out + filled).update(from: part.columns[index], count: part.rows)
          filled += part.rows
        }
      }
      for part in parts { part.releaseNextColumn() }
    }
    return rows
  }

  /// The direct reader for this header, or nil when a column is both numeric and a role.
  private func directScan(
    _ header: Header, _ roles: ColumnRoles, _ columns: [NumberColumn]
  ) -> DirectRowScan? {
    var kinds = [CellKind](repeating: .skipped, count: header.count)
    let roleColumns = roles.columnsInOrder
    for (slot, column) in roleColumns.enumerated() { kinds[column] = .role(slot) }
    for (index, column) in columns.enumerated() {
      guard case .skipped = kinds[column.column] else { return nil }
      kinds[column.column] = .number(index)
    }
    let tokensLookLikeNumbers = missing.tokens.contains { token in
      let bytes = token + [0]
      return bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return false }
        let (end, value) = parser.scanPlainNumber(base, from: 0, to: buffer.count - 1)
        return value != nil && end == buffer.count - 1
      }
    }
    return DirectRowScan(
      reader: reader, parser: parser, missing: missing, kinds: kinds,
      roleCount: roleColumns.count, tokensLookLikeNumbers: tokensLookLikeNumbers)
  }

  /// Where the parts begin (each at a line start) and the file ends: one part unless the file
  /// is large and has no quote (a quoted field may hold a line break, so lines may not be
  /// records).
  private func partBounds(_ base: UnsafePointer<UInt8>, from start: Int, parts: Int) -> [Int] {
    let count = reader.count
    let length = count - start
    let parts = min(parts, 1 + length / max(1, minimumPartBytes))
    guard parts > 1, memchr(base + start, Int32(quote), length) == nil else {
      return [start, count]
    }
    var bounds = [start]
    for part in 1..<parts {
      let target = start + length / parts * part
      guard target > bounds[bounds.count - 1],
        let found = memchr(base + target, Int32(lineFeed), count - target)
      else { break }
      let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
      if next < count { bounds.append(next) }
    }
    bounds.append(count)
    return bounds
  }

  /// Each row's entity and period, as `readRows` finds them; nil at a row without a key, with
  /// a period that is not a whole number, or repeated.
  private mutating func identifyRows(
    _ parts: [DirectPart], _ header: Header, _ roles: ColumnRoles, oneRowPerPeriod: Bool
  ) -> RowsRead? {
    let slotColumns = roles.columnsInOrder
    var rows = RowsRead()
    var reports = RowReports()
    var seen = Set<Int64>()
    let total = parts.reduce(0) { $0 + $1.rows }
    guard total > 0 else { return nil }
    rows.entityOfRow.reserveCapacity(total)
    rows.periodOfRow.reserveCapacity(total)
    fields = [CSVField](repeating: CSVField(start: 0, end: 0), count: header.count)
    for part in parts {
      for row in 0..<part.rows {
        for (slot, column) in slotColumns.enumerated() {
          fields[column] = part.roleFields[row * slotColumns.count + slot]
        }
        guard let identity = identifyRow(header, roles, &rows.registry, &reports) else {
          return nil
        }
        let period = oneRowPerPeriod ? identity.period : 0
        let key = Int64(identity.entity) << 32 ^ Int64(truncatingIfNeeded: period)
        guard seen.insert(key).inserted else { return nil }
        rows.entityOfRow.append(identity.entity)
        rows.periodOfRow.append(identity.period)
      }
    }
    return rows
  }

  /// How many threads the direct reader uses for a large file: every core, up to eight.
  static let directThreads: Int = {
    #if canImport(Glibc)
      return max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 1
    #endif
  }()

  /// Values of room added to each part's count of lines.
  static let partSlack = 8

  /// Below this many bytes a file is read on one thread: a thread costs more than it saves.
  static let bytesPerExtraThread = 1 << 20
}

private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
