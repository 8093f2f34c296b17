import ScoringEngine

/// The rows of the experiment: N plain Monte Carlo draws (matrix A), and for a sensitivity
/// analysis also the Saltelli design's B and one AB_i per source (N(d + 2) rows in all).
///
/// Row j of A is the same draw with or without the sensitivity analysis, so the rank and gap
/// statistics (computed from A) do not change when `--sobol` is added. AB_i is A with source
/// i's numbers taken from B: a source is a group of numbers (all the weights of `weights`,
/// every rating of a panel), swapped together.
struct SaltelliDesign: Sendable {
  let baseDraws: Int
  let sourceCount: Int
  let withSensitivity: Bool

  var rowCount: Int { withSensitivity ? baseDraws * (sourceCount + 2) : baseDraws }

  /// The matrix and position that source `source`'s numbers come from in row `row`.
  func origin(row: Int, source: Int) -> (matrix: RandomStream.Matrix, position: Int) {
    let block = row / baseDraws
    let position = row % baseDraws
    switch block {
    case 0: return (.a, position)
    case 1: return (.b, position)
    default: return (block - 2 == source ? .b : .a, position)
    }
  }

  /// The rows of block `block` (0 = A, 1 = B, 2 + i = AB_i).
  func rows(ofBlock block: Int) -> Range<Int> {
    (block * baseDraws)..<((block + 1) * baseDraws)
  }
}

/// Every row of a design, scored: the analysed period's index per entity.
struct DrawMatrix: Sendable {
  let rowCount: Int
  let entityCount: Int
  /// Row-major: entity `e` of row `r` at `r * entityCount + e`; NaN where unscored.
  let scores: [Double]
  /// The problems each row's run reported (empty for most rows).
  let problems: [[DrawProblem]]
  /// Sport ranks of each row's scores (0 = no score), row-major like `scores`.
  let ranks: [Int]

  func score(row: Int, entity: Int) -> Double {
    scores[row * entityCount + entity]
  }

  /// One row's scores.
  func row(_ row: Int) -> ArraySlice<Double> {
    scores[(row * entityCount)..<((row + 1) * entityCount)]
  }
}

/// Samples, builds and scores the rows of a design, on several threads.
struct DrawRunner: Sendable {
  let sampler: DrawSampler
  let builder: VariantBuilder
  let scorer: VariantScorer
  let design: SaltelliDesign
  let seed: UInt64
  /// The path of the draws that need no plan, nil when the model's sources need one.
  var direct: DirectScorer?

  /// What every source drew in one row.
  func draws(row: Int) -> [SourceDraw] {
    (0..<design.sourceCount).map { source in
      let origin = design.origin(row: row, source: source)
      var stream = RandomStream(
        seed: seed, matrix: origin.matrix, row: origin.position, source: source)
      return sampler.draw(source: source, using: &stream)
    }
  }

  /// One row, scored.
  func score(row: Int) -> DrawScore {
    var workspace = DirectWorkspace()
    return score(row: row, reusing: &workspace)
  }

  /// One row, scored with what the thread reuses: without a plan where the draw needs none.
  func score(row: Int, reusing workspace: inout DirectWorkspace) -> DrawScore {
    let draws = draws(row: row)
    if let score = direct?.score(draws, into: &workspace) { return score }
    return scorer.score(builder.variant(draws))
  }

  /// The analysis's runner over a prepared plan and table (screened, one period, stable
  /// stages run): draws rescored from `nominal`, and the direct path where they can take it.
  static func rescoring(
    nominal: Plan, table: DataTable, model: UncertaintyModel, design: SaltelliDesign,
    seed: UInt64
  ) -> DrawRunner {
    let builder = VariantBuilder(nominal: nominal, table: table, model: model)
    return DrawRunner(
      sampler: DrawSampler(
        model: model, plan: nominal, entityCodes: table.entities.map(\.code),
        cellCount: table.entities.count * table.periods.count),
      builder: builder,
      scorer: VariantScorer(
        entityCount: table.entities.count, nominal: builder.nominal, table: builder.table),
      design: design, seed: seed
    ).withDirectPath()
  }

  /// A runner whose draws take the direct path where they can (`DirectScorer`).
  func withDirectPath() -> DrawRunner {
    var runner = self
    if let rescorer = scorer.rescorer {
      runner.direct = DirectScorer(
        builder: builder, rescorer: rescorer, entityCount: scorer.entityCount)
    }
    return runner
  }

  /// A runner for one thread: the same, over deep copies (see `DeepCopy`).
  func forThread() -> DrawRunner {
    let model = DeepCopy.model(builder.model)
    let copied = VariantBuilder(
      nominal: DeepCopy.plan(builder.nominal), table: DeepCopy.table(builder.table),
      model: model)
    let runner = DrawRunner(
      sampler: DrawSampler(
        model: model, plan: DeepCopy.plan(sampler.plan),
        entityCodes: sampler.entityCodes.map { String(decoding: Array($0.utf8), as: UTF8.self) },
        cellCount: sampler.cellCount),
      builder: copied,
      scorer: scorer.rescorer == nil
        ? scorer
        : VariantScorer(
          entityCount: scorer.entityCount, nominal: copied.nominal, table: copied.table),
      design: design, seed: seed)
    return direct == nil ? runner : runner.withDirectPath()
  }

  /// Every row, scored; `progress(done)` is called as rows finish.
  func run(threads: Int, progress: (@Sendable (Int) -> Void)? = nil) -> DrawMatrix {
    let rows = design.rowCount
    let entities = scorer.entityCount
    let scores = RowStore<Double>(count: rows * entities, repeating: .nan)
    let problems = RowStore<[DrawProblem]>(count: rows, repeating: [])
    let ranks = RowStore<Int>(count: rows * entities, repeating: 0)
    let workers = ParallelRows.workers(count: rows, threads: threads)
    // Each thread's runner and workspace stay in their slots: a row copies neither.
    let runners = RowStore<DrawRunner>(count: workers, repeating: self)
    for worker in 1..<max(1, workers) { runners[worker] = forThread() }
    let workspaces = RowStore<DirectWorkspace>(count: workers, repeating: DirectWorkspace())
    ParallelRows.run(count: rows, threads: threads, progress: progress) { worker, row in
      let outcome = runners.update(worker) { runner in
        workspaces.update(worker) { runner.score(row: row, reusing: &$0) }
      }
      scores.write(outcome.index, at: row * entities)
      ranks.write(outcome.ranks ?? sportRanks(outcome.index), at: row * entities)
      if !outcome.problems.isEmpty { problems[row] = outcome.problems }
    }
    return DrawMatrix(
      rowCount: rows, entityCount: entities, scores: scores.elements(),
      problems: problems.elements(), ranks: ranks.elements())
  }
}
