import Diagnostics
import ScoringEngine

/// Scores the draws that vary only weights, normalizers, aggregators and the member left out
/// straight from what the sources drew, with no plan built: the analysis's commonest draws
/// (a JRC audit's first three assumptions), on the engine's variant path
/// (`Rescorer.scoreVariant`).
///
/// Such a draw changes nothing upstream of normalization: each indicator's normalized column
/// under each declared normalizer is computed once, here, and a draw is its weights
/// (`DrawnWeights`, the arithmetic `VariantBuilder` uses), its choices of column and aggregator,
/// then an aggregation over those columns on a workspace the thread reuses. Where the engine
/// cannot vouch for a draw (anything its run would report), `score` returns nil and the draw
/// takes the general path, a variant plan rescored (`VariantScorer`); either way the draw gets
/// the index and problems a full `run` of its plan gives, bit for bit.
struct DirectScorer: Sendable {
  let model: UncertaintyModel
  let weights: DrawnWeights
  let entityCount: Int
  private let rescorer: Rescorer
  private let nominal: VariantDraw
  /// Per source, per choice, per node the source lists: the column it reads (normalizer
  /// sources only).
  private let columns: [[[Int]]]
  /// Per node: the problems of a draw that leaves it out (its unused nodes), nil where such a
  /// draw takes the general path.
  private let leftOutProblems: [[DrawProblem]?]
  /// The problems of a draw that leaves nothing out.
  private let problems: [DrawProblem]
  private let isAggregate: [Bool]

  /// A scorer of `builder`'s draws on `rescorer` (built over `builder.nominal` and
  /// `builder.table`), or nil when a source changes what comes before normalization.
  init?(builder: VariantBuilder, rescorer: Rescorer, entityCount: Int) {
    var rescorer = rescorer
    var columns: [[[Int]]] = []
    var leftOut = [[DrawProblem]?](repeating: nil, count: builder.nominal.nodes.count)
    for source in builder.model.sources {
      switch source.kind {
      case .weights:
        columns.append([])
      case .aggregator(_, let choices):
        for value in choices.values { rescorer.addAggregator(value) }
        columns.append([])
      case .normalizer(let nodes, let choices):
        var perChoice: [[Int]] = []
        for value in choices.values {
          var perNode: [Int] = []
          for node in nodes {
            guard let column = rescorer.addNormalizer(value, for: node) else { return nil }
            perNode.append(column)
          }
          perChoice.append(perNode)
        }
        columns.append(perChoice)
      case .exclusion(let choices):
        columns.append([])
        for case let node? in choices.values where leftOut.indices.contains(node) {
          let plan = builder.variant(excluding: node).plan
          leftOut[node] = Self.problems(rescorer.unusedDiagnostics(plan))
        }
      case .imputation, .treatment, .ratings, .noise:
        return nil
      }
    }
    rescorer.prepareVariants()
    self.model = builder.model
    self.weights = builder.weights
    self.entityCount = entityCount
    self.rescorer = rescorer
    self.nominal = VariantDraw(nominal: builder.nominal)
    self.columns = columns
    self.leftOutProblems = leftOut
    self.problems = Self.problems(rescorer.unusedDiagnostics(builder.nominal)) ?? []
    self.isAggregate = builder.nominal.nodes.map { $0.aggregate != nil }
  }

  /// Diagnostics as draw problems, nil when one is an error (the draw cannot run).
  private static func problems(_ diagnostics: [Diagnostic]) -> [DrawProblem]? {
    guard !diagnostics.hasErrors else { return nil }
    return diagnostics.map { DrawProblem(code: $0.code, message: $0.message, isError: false) }
  }

  /// The draw's score, or nil when it takes the general path.
  func score(_ draws: [SourceDraw], into workspace: inout DirectWorkspace) -> DrawScore? {
    workspace.draw.reset(to: nominal)
    workspace.touched.removeAll(keepingCapacity: true)
    workspace.touched.append(contentsOf: repeatElement(false, count: isAggregate.count))
    var excluded: Int?
    for (s, (source, draw)) in zip(model.sources, draws).enumerated() {
      switch (source.kind, draw) {
      case (.weights(let spreads), .weights(let factors)):
        weights.multiply(
          &workspace.draw.weights, spreads: spreads, factors: factors,
          touched: &workspace.touched)
      case (.normalizer(let nodes, _), .choice(let choice)):
        for (i, node) in nodes.enumerated() { workspace.draw.columns[node] = columns[s][choice][i] }
      case (.aggregator(let nodes, let choices), .choice(let choice)):
        for node in nodes where isAggregate[node] {
          workspace.draw.aggregators[node] = choices.values[choice]
        }
      case (.exclusion(let choices), .choice(let choice)):
        excluded = choices.values[choice]
      default:
        return nil
      }
    }
    let group = weights.rescale(
      &workspace.draw.weights, touched: &workspace.touched, excluding: excluded)
    var problems = self.problems
    if group != nil, let excluded {
      guard let leftOut = leftOutProblems[excluded] else { return nil }
      problems = leftOut
      workspace.draw.excluded = excluded
    }
    guard rescorer.scoreVariant(workspace.draw, into: &workspace.rescore),
      workspace.rescore.index.count >= entityCount
    else { return nil }
    return DrawScore(
      index: Array(workspace.rescore.index.prefix(entityCount)), problems: problems,
      ranks: Array(workspace.rescore.ranks.prefix(entityCount)))
  }
}

/// What one thread reuses from draw to draw.
struct DirectWorkspace: Sendable {
  var draw = VariantDraw(weights: [], columns: [], aggregators: [])
  var touched: [Bool] = []
  var rescore = RescoreWorkspace()
}
