import IndexAnalysis
import ScoringEngine

/// The uncertainty panel of `idx report`: the analysis `idx uncertainty` runs, with the
/// block's draws and seed unless `--draws`/`--seed` say otherwise, in the report's opening
/// period.
extension ReportCommand {
  /// What the command line asks of the analysis.
  struct UncertaintyRequest {
    var draws: Int?
    var seed: UInt64?
    var pair: (String, String)?
    /// `--sobol`: add the sensitivity indices whatever they cost.
    var sobol = false
    /// `--no-uncertainty`: leave the panel out.
    var skip = false
  }

  /// The sensitivity indices come without `--sobol` when the Saltelli design's runs times
  /// the cells each run scores (entities × plan nodes) stay within this: the AI index's
  /// 50,000 runs of 12 × 17 cells (10.2 million) are in, ASEM's 50,000 runs of 51 × 60
  /// (153 million) are not.
  static let sobolBudget = 20_000_000

  /// Whether the analysis computes the sensitivity indices.
  static func wantsSensitivity(
    _ request: UncertaintyRequest, model: UncertaintyModel, draws: Int, cells: Int
  ) -> Bool {
    guard !model.sources.isEmpty else { return false }
    return request.sobol || draws * (model.sources.count + 2) * cells <= sobolBudget
  }

  /// What became of the analysis.
  enum UncertaintyOutcome {
    /// No block, `--no-uncertainty`, or no pair to compare (with a note for stderr).
    case none(note: String)
    case analysed(UncertaintyResult)
    case failed(CLI.Outcome)
  }

  /// Runs the analysis for the page, in period `period` (as in the data).
  func analyse(
    _ results: Results, table: DataTable, model: UncertaintyModel?, period: Int?,
    context: CLI.Context
  ) -> UncertaintyOutcome {
    guard let model else {
      let asked =
        uncertainty.draws != nil || uncertainty.seed != nil || uncertainty.pair != nil
        || uncertainty.sobol
      return .none(
        note: asked
          ? "note: `--draws`, `--seed`, `--pair` and `--sobol` do nothing here: "
            + "the methodology declares no `uncertainty` block\n" : "")
    }
    guard !uncertainty.skip else { return .none(note: "") }
    let draws = uncertainty.draws ?? model.draws
    var options = UncertaintyOptions()
    options.draws = uncertainty.draws
    options.seed = uncertainty.seed
    options.pair = uncertainty.pair
    options.period = period
    options.threads = context.processors
    options.sensitivity = Self.wantsSensitivity(
      uncertainty, model: model, draws: draws,
      cells: table.entities.count * results.plan.nodes.count)
    let runs = draws * (options.sensitivity ? model.sources.count + 2 : 1)
    if runs * max(1, table.entities.count) > UncertaintyCommand.maximumCells {
      return .failed(
        CLI.Outcome(
          code: 2,
          stderr: "error: \(runs) runs of \(table.entities.count) entities are too many to "
            + "keep; lower `--draws`, or leave the panel out with `--no-uncertainty`\n"))
    }
    var bar: UncertaintyProgress?
    if let write = context.liveError {
      let progress = UncertaintyProgress(write: write)
      options.progress = { done, total in progress.update(done: done, total: total) }
      bar = progress
    }
    let outcome = UncertaintyAnalysis.run(
      plan: results.plan, table: table, model: model, options: options)
    bar?.finish()
    switch outcome {
    case .success(let result):
      return .analysed(result)
    case .failure(.noPair) where uncertainty.pair == nil:
      return .none(
        note: "note: the uncertainty panel is left out: fewer than two entities have a score\n")
    case .failure(let failure):
      return .failed(
        UncertaintyCommand.failed(failure, file: file, rendered: "", context: context))
    }
  }
}
