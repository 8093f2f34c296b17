import Testing

@testable import ScoringEngine

/// A computed score column must read as the stored scores would, bit for bit, wherever it is
/// read (subscript, iteration, slices, `array`, the arithmetic mean's sums), and rescoring a
/// plan whose first level is computed must give what a full run gives.
@Suite struct ScoreColumnTests {
  /// Values over three periods of `entities` each, with missing values and signed zeros.
  static func values(entities: Int, seed: UInt64) -> [Double] {
    var random = SplitMix64(seed: seed)
    return (0..<(3 * entities)).map { _ in
      let bits = random.next()
      if bits % 11 == 0 { return .nan }
      if bits % 17 == 0 { return bits % 2 == 0 ? 0 : -0.0 }
      return Double(Int64(bitPattern: bits) >> 30) / 1_000_003
    }
  }

  /// One mapping per period, as the fused first level finds them, and the scores `normalize`
  /// writes for the same periods.
  static func column(entities: Int, seed: UInt64) -> (ScoreColumn, [Double]) {
    let x = values(entities: entities, seed: seed)
    let outputs: [ClosedRange<Double>] = [0...100, -3...7.5, 1...10]
    var mappings: [MinMaxMapping] = []
    var stored: [Double] = []
    for p in 0..<3 {
      let period = Array(x[(p * entities)..<((p + 1) * entities)])
      let sign: Double = p == 1 ? -1 : 1
      let mapping = period.withUnsafeBufferPointer {
        MinMaxMapping($0, sign: sign, output: outputs[p])
      }
      if let mapping { mappings.append(mapping) }
      stored +=
        normalize(
          period, direction: sign < 0 ? .lower : .higher, with: .minmax(output: outputs[p])
        ).values
    }
    precondition(mappings.count == 3)
    return (ScoreColumn(mapping: x, entities: entities, mappings: mappings[...]), stored)
  }

  static func bits(_ values: some Sequence<Double>) -> [UInt64] { values.map(\.bitPattern) }

  @Test func aComputedColumnReadsAsTheStoredScores() {
    let (column, stored) = Self.column(entities: 41, seed: 3)
    #expect(column.isComputed && column.count == stored.count)
    #expect(Self.bits(column) == Self.bits(stored))
    #expect(Self.bits(column.indices.map { column[$0] }) == Self.bits(stored))
    #expect(Self.bits(column.array) == Self.bits(stored))
    #expect(Self.bits(column[50..<90]) == Self.bits(stored[50..<90]))
    #expect(Self.bits(column.reversed()) == Self.bits(stored.reversed()))
    #expect(stored.contains { $0.isNaN } && column == column)
  }

  /// `scores(in:)`, the run's way to take one period of a column, reads as a slice does:
  /// computed or stored, within one period or across two, empty or whole.
  @Test func scoresInARangeReadAsTheSlice() {
    let (column, stored) = Self.column(entities: 41, seed: 7)
    let kept = ScoreColumn(stored)
    for range in [0..<41, 41..<82, 82..<123, 30..<95, 0..<123, 60..<60, 122..<123] {
      #expect(Self.bits(column.scores(in: range)) == Self.bits(stored[range]), "\(range)")
      #expect(Self.bits(kept.scores(in: range)) == Self.bits(stored[range]), "\(range)")
    }
  }

  @Test func writingACellStoresTheColumn() {
    var (column, stored) = Self.column(entities: 20, seed: 5)
    let before = column
    column[45] = 1234
    stored[45] = 1234
    #expect(!column.isComputed)
    #expect(Self.bits(column) == Self.bits(stored))
    // The copy taken before is still computed, and unchanged.
    #expect(before.isComputed && before[45] != 1234)
    #expect(!ScoreColumn.sameStorage(before, column))
    var again = before
    again.store()
    #expect(!again.isComputed && Self.bits(again) == Self.bits(before))
  }

  @Test func sameStorageTellsSharedColumnsFromEqualOnes() {
    let (column, stored) = Self.column(entities: 10, seed: 9)
    let copy = column
    #expect(ScoreColumn.sameStorage(column, copy))
    #expect(!ScoreColumn.sameStorage(column, ScoreColumn(stored)))
    let kept = ScoreColumn(stored)
    #expect(
      ScoreColumn.sameStorage(kept, kept) && ScoreColumn.sameStorage(kept, ScoreColumn(kept.array)))
    // Equal values in other storage are equal, as arrays are; a NaN makes them unequal.
    #expect(ScoreColumn([1, 2]) == [1, 2] && ScoreColumn([1, .nan]) != [1, .nan])
  }

  /// The arithmetic mean's sums read a computed column as they read its stored scores, with
  /// and without the count of present members that a coverage rule needs.
  @Test(arguments: [false, true])
  func theArithmeticMeanAddsComputedScoresAsStoredOnes(counting: Bool) {
    let (first, firstStored) = Self.column(entities: 33, seed: 11)
    let (second, secondStored) = Self.column(entities: 33, seed: 12)
    var computed = ArithmeticMean()
    var stored = ArithmeticMean()
    computed.start(cells: first.count, counting: counting)
    stored.start(cells: first.count, counting: counting)
    computed.add(first, weight: 0.3)
    computed.add(second, weight: 1.7)
    stored.add(firstStored, weight: 0.3)
    stored.add(secondStored, weight: 1.7)
    computed.finish()
    stored.finish()
    #expect(Self.bits(computed.means) == Self.bits(stored.means))
    if counting {
      #expect(
        computed.belowCoverage(1, members: 2, cells: 0..<first.count)
          == stored.belowCoverage(1, members: 2, cells: 0..<first.count))
      #expect(!stored.belowCoverage(1, members: 2, cells: 0..<first.count).isEmpty)
    }
  }

  /// The fused first level's indicators are computed columns.
  @Test func theFusedLevelKeepsMappingsNotScores() {
    let table = MinMaxMeanTests.table(seed: 2, entities: 30, groups: 2, missingEvery: 7)
    let results = run(MinMaxMeanTests.plan(groups: 2) { _ in 0...100 }, on: table)
    #expect(!results.diagnostics.hasErrors)
    for index in 0..<8 { #expect(results.nodes[index].score.isComputed, "v\(index)") }
    for index in 8..<11 { #expect(!results.nodes[index].score.isComputed) }
  }

  /// Random edits of a plan whose first level is computed, scored from the base and in a
  /// chain, against full runs: the computed columns are shared, recomputed or stored as the
  /// stages dictate, with the same bits.
  @Test func rescoringComputedColumnsMatchesAFullRun() {
    let nominal = MinMaxMeanTests.plan(groups: 5) { i in [0...100, 1...10, -5 ... -1][i % 3] }
    let table = MinMaxMeanTests.table(seed: 21, entities: 37, groups: 5, missingEvery: 13)
    let rescorer = Rescorer(plan: nominal, on: table)
    #expect(rescorer.results.nodes[0].score.isComputed)
    var random = SplitMix64(seed: 20_261_202)
    for _ in 0..<40 {
      var plan = nominal
      var edited = table
      let (changes, what) = RescorerTests.edit(&plan, &edited, using: &random)
      let got = rescorer.score(plan, table: edited, changes: changes)
      RescorerTests.expectIdentical(got, run(plan, on: edited), "from the base: \(what)")
    }
    var plan = nominal
    var edited = table
    var chain = Rescorer(plan: plan, on: edited)
    for step in 0..<40 {
      let (changes, what) = RescorerTests.edit(&plan, &edited, using: &random)
      let got = chain.rescore(plan, table: edited, changes: changes)
      RescorerTests.expectIdentical(got, run(plan, on: edited), "step \(step): \(what)")
    }
  }
}
