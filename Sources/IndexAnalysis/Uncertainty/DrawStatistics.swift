import ScoringEngine

/// The statistics of a scored design: intervals over the plain draws (matrix A), the pair's
/// gap, the problems the runs reported, and the sensitivity indices over all runs.
///
/// Every reduction runs over rows in row order, after all rows are scored, so the figures
/// are the same for any number of threads.
struct DrawStatistics {
  let matrix: DrawMatrix
  let design: SaltelliDesign
  let entities: [Entity]
  let nominalIndex: [Double]
  let nominalRanks: [Int]
  /// Sport ranks of every row (0 = no score), row-major like `matrix.scores`, ranked by the
  /// threads that scored the rows.
  let ranks: [Int]

  init(
    matrix: DrawMatrix, design: SaltelliDesign, entities: [Entity], nominalIndex: [Double],
    nominalRanks: [Int]
  ) {
    self.matrix = matrix
    self.design = design
    self.entities = entities
    self.nominalIndex = nominalIndex
    self.nominalRanks = nominalRanks
    self.ranks = matrix.ranks
  }

  private var plainRows: Range<Int> { 0..<design.baseDraws }

  /// The plain draws' scores, row-major.
  func plainScores() -> [Double] {
    Array(matrix.scores[0..<(design.baseDraws * matrix.entityCount)])
  }

  /// Entities in nominal rank order, unscored last by code.
  func nominalOrder() -> [Int] {
    entities.indices.sorted { a, b in
      let ra = nominalRanks[a] == 0 ? Int.max : nominalRanks[a]
      let rb = nominalRanks[b] == 0 ? Int.max : nominalRanks[b]
      return (ra, entities[a].code) < (rb, entities[b].code)
    }
  }

  func entityIntervals() -> [UncertaintyResult.EntityInterval] {
    nominalOrder().map { e in
      var scores: [Double] = []
      var entityRanks: [Double] = []
      for row in plainRows {
        let rank = ranks[row * matrix.entityCount + e]
        guard rank > 0 else { continue }
        scores.append(matrix.score(row: row, entity: e))
        entityRanks.append(Double(rank))
      }
      return .init(
        code: entities[e].code, name: entities[e].name,
        nominalScore: nominalIndex[e].isNaN ? nil : nominalIndex[e],
        nominalRank: nominalRanks[e] == 0 ? nil : nominalRanks[e], scoredDraws: scores.count,
        rank: Self.interval(entityRanks), score: Self.interval(scores))
    }
  }

  /// The median and 5th–95th percentiles (R's type 7, as COINr), nil without values.
  static func interval(_ values: [Double]) -> UncertaintyResult.Interval? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return .init(
      low: quantile(sorted, 0.05), median: quantile(sorted, 0.5), high: quantile(sorted, 0.95))
  }

  /// `Statistics.quantile` (R's type 7) of values already sorted and present.
  static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    Statistics.quantile(sorted: sorted, p)
  }

  /// The gap between two entities over the plain draws.
  func pairComparison(_ pair: (Int, Int)) -> UncertaintyResult.PairComparison {
    let (a, b) = pair
    var gaps: [Double] = []
    for row in plainRows {
      let gap = matrix.score(row: row, entity: a) - matrix.score(row: row, entity: b)
      if !gap.isNaN { gaps.append(gap) }
    }
    let ahead = gaps.filter { $0 > 0 }.count
    let nominal = nominalIndex[a] - nominalIndex[b]
    return .init(
      first: entities[a].code, firstName: entities[a].name, second: entities[b].code,
      secondName: entities[b].name, nominalGap: nominal.isNaN ? nil : nominal,
      comparedDraws: gaps.count,
      probabilityAhead: gaps.isEmpty ? nil : Double(ahead) / Double(gaps.count),
      gap: Self.interval(gaps))
  }

  /// The problems of the plain draws by code, in order of first appearance, leaving out
  /// those the nominal methodology has as well (`idx run` and `idx check` report them).
  func problemSummaries(nominal: [DrawProblem]) -> [UncertaintyResult.DrawProblemSummary] {
    var summaries: [UncertaintyResult.DrawProblemSummary] = []
    var position: [String: Int] = [:]
    for row in plainRows {
      var seen = Set<String>()
      for problem in matrix.problems[row]
      where !nominal.contains(problem) && seen.insert(problem.code).inserted {
        if let index = position[problem.code] {
          summaries[index].draws += 1
        } else {
          position[problem.code] = summaries.count
          summaries.append(
            .init(
              code: problem.code, message: problem.message, draws: 1, isError: problem.isError))
        }
      }
    }
    return summaries
  }

  /// Sensitivity indices of the pair's gap and of each entity's rank, over every run.
  func sensitivity(
    pair: (Int, Int), order: [String], resamples: Int, seed: UInt64, threads: Int
  ) -> UncertaintyResult.Sensitivity {
    let n = matrix.entityCount
    let rows = 0..<matrix.rowCount
    // Output 0 is the gap; output 1 + e is entity e's rank.
    var outputs = [
      rows.map { matrix.score(row: $0, entity: pair.0) - matrix.score(row: $0, entity: pair.1) }
    ]
    for e in 0..<n {
      outputs.append(
        rows.map { row in
          let rank = ranks[row * n + e]
          return rank == 0 ? .nan : Double(rank)
        })
    }
    let indices = SobolEstimator.indices(
      of: outputs, design: design, resamples: resamples, seed: seed, threads: threads)
    let gap = indices[0].map { values in
      values.enumerated().map { UncertaintyResult.SourceSensitivity(source: $0, index: $1) }
        .sorted { ($0.index.total, -$0.source) > ($1.index.total, -$1.source) }
    }
    let codes = entities.map(\.code)
    let byEntity = order.map { code in
      let e = codes.firstIndex(of: code) ?? 0
      return UncertaintyResult.EntitySensitivity(code: code, indices: indices[e + 1])
    }
    return .init(
      baseDraws: design.baseDraws, runs: design.rowCount, resamples: resamples, gap: gap,
      ranks: byEntity)
  }
}
