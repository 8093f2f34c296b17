/// One node's scores over every cell, period-major like the other arrays of `Results`: either
/// stored, or computed on read from the indicator's treated values by its min-max mapping.
///
/// The commonest first level of an index is an arithmetic mean of min-max indicators. Its
/// members' scores are a fixed affine map of their treated values per period, so the run keeps
/// the map (four doubles a period) instead of writing a column of scores per indicator: the
/// fused first level (`Run+MinMaxMean.swift`) reads each raw column and adds its mapped values
/// into the parent's sums without storing them, which halves its memory traffic and saves a
/// buffer per indicator. A computed value is `(x · signHalf − bottomHalf) · scale + offset`,
/// the expression that writes a stored score, so it is the same double bit for bit.
///
/// Readers index it (`score[cell]`), count it and iterate it like the array it replaces;
/// `array` gives a `[Double]` where one is needed (the stored buffer itself, without a copy).
/// Writing a cell turns a computed column into a stored one first.
public struct ScoreColumn: RandomAccessCollection, MutableCollection, Sendable {
  public typealias Index = Int
  public typealias Indices = Range<Int>

  /// The stored scores, or the values a computed column maps.
  @usableFromInline var values: [Double]
  /// The mapping of the first period's cells (unused when stored).
  @usableFromInline var mapping: MinMaxMapping
  /// The mappings of the later periods, in order (empty with one period or when stored).
  @usableFromInline var laterMappings: [MinMaxMapping]
  /// Cells per period of a computed column; 0 when the scores are stored.
  @usableFromInline var periodLength: Int

  /// Stored scores.
  public init(_ scores: [Double] = []) {
    values = scores
    mapping = .identity
    laterMappings = []
    periodLength = 0
  }

  /// Scores computed from `values` (period-major, `entities` cells a period) by one mapping per
  /// period.
  init(mapping values: [Double], entities: Int, mappings: ArraySlice<MinMaxMapping>) {
    precondition(
      entities > 0 && !mappings.isEmpty && values.count == mappings.count * entities,
      "one mapping per period of entities")
    self.values = values
    mapping = mappings[mappings.startIndex]
    // One period (the common case) allocates nothing.
    laterMappings = mappings.count == 1 ? [] : Array(mappings.dropFirst())
    periodLength = entities
  }

  /// Whether the scores are computed on read rather than stored.
  public var isComputed: Bool { periodLength > 0 }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { values.count }
  @inlinable public var count: Int { values.count }
  @inlinable public var indices: Range<Int> { 0..<values.count }

  @inlinable public subscript(position: Int) -> Double {
    get {
      if periodLength == 0 { return values[position] }
      if position < periodLength { return mapping.score(values[position]) }
      return laterMappings[position / periodLength - 1].score(values[position])
    }
    set {
      store()
      values[position] = newValue
    }
  }

  /// The scores as an array: the stored buffer itself (no copy), or computed once.
  public var array: [Double] {
    guard isComputed else { return values }
    return [Double](unsafeUninitializedCapacity: values.count) { out, initialized in
      forEachPeriod { range, mapping in
        for cell in range { out[cell] = mapping.score(values[cell]) }
      }
      initialized = values.count
    }
  }

  /// The scores of `cells` as an array, read straight from the buffer: `Array(column[cells])`
  /// would go through `Slice<ScoreColumn>`, whose type the runtime builds, with a search of
  /// the binary's conformances, the first time a process scores.
  public func scores(in cells: Range<Int>) -> [Double] {
    precondition(cells.lowerBound >= 0 && cells.upperBound <= count, "cells within the column")
    return [Double](unsafeUninitializedCapacity: cells.count) { out, initialized in
      for (k, cell) in cells.enumerated() { out[k] = self[cell] }
      initialized = cells.count
    }
  }

  /// Makes the scores stored (a computed column computes them once).
  public mutating func store() {
    guard isComputed else { return }
    self = ScoreColumn(array)
  }

  /// Calls `body` with each period's range of cells and its mapping, in order (computed only).
  func forEachPeriod(_ body: (Range<Int>, MinMaxMapping) -> Void) {
    guard isComputed else { return }
    body(0..<periodLength, mapping)
    for (p, later) in laterMappings.enumerated() {
      body(((p + 1) * periodLength)..<((p + 2) * periodLength), later)
    }
  }

  /// Whether two columns are one buffer read the same way (not merely equal values): a
  /// rescoring shares the columns it did not recompute (`Results.recomputed(since:)`).
  static func sameStorage(_ a: ScoreColumn, _ b: ScoreColumn) -> Bool {
    let same = a.values.withUnsafeBufferPointer { x in
      b.values.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count }
    }
    return same && a.periodLength == b.periodLength
      && (!a.isComputed || (a.mapping == b.mapping && a.laterMappings == b.laterMappings))
  }
}

extension ScoreColumn: Equatable {
  /// Equal values cell by cell (NaN is unequal to itself, as in `[Double]`'s `==`, which also
  /// takes one buffer read the same way as equal).
  public static func == (a: ScoreColumn, b: ScoreColumn) -> Bool {
    sameStorage(a, b) || a.elementsEqual(b)
  }
}

extension ScoreColumn: ExpressibleByArrayLiteral {
  public init(arrayLiteral scores: Double...) { self.init(scores) }
}

extension ScoreColumn: CustomStringConvertible {
  public var description: String { array.description }
}
