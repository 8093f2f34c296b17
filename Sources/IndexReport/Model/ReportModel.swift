import IndexAnalysis
import ScoringEngine

/// Everything the panels draw, computed once from a run: the tree and its roles, the
/// periods shown, the segments of the ranking's bars and the choices the page starts with.
///
/// Panels read the model and never the engine's arrays directly, so a panel is a small
/// function from analysis values to markup.
struct ReportModel: Sendable {
  /// One piece of a ranking bar.
  ///
  /// A member of the index, the adjustments on the index itself, or the offset of a min-max
  /// final scaling. Explain's terms are summed into these, so the pieces of a bar add up to
  /// the score.
  struct Segment: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
      case member(Int)
      case rootAdjustments
      case scalingOffset
      /// The whole score, when the index's own aggregation is not additive (Copeland).
      case whole
    }

    var kind: Kind
    var label: String
    var color: String
  }

  let results: Results
  let options: ReportOptions
  let tree: ReportTree
  /// Indices into `results.periods` of the periods the report covers, ascending.
  let periods: [Int]
  let segments: [Segment]
  /// Period index (into `results.periods`) the page opens on: the latest covered.
  let initialPeriod: Int
  /// Decimals for scores and for their parts (contributions, gaps).
  let scoreDecimals: Int
  let partDecimals: Int
  /// Entities in rank order in the initial period, scored ones first.
  let rankOrder: [Int]
  /// The comparison with another methodology (`--vs`), in the initial period.
  let comparison: ComparisonModel?
  /// How each aggregate's members hang together in the initial period (the audit's
  /// correlations, α and principal components).
  let coherence: Coherence?
  /// The declared uncertainty's Monte Carlo analysis, as the uncertainty panel draws it.
  let uncertainty: UncertaintyFigures?

  /// `table` is the data the run scored (for the comparison's attribution of raw-unit
  /// adjustments); `versus` the other methodology of a comparison; `uncertainty` the
  /// analysis of the methodology's `uncertainty` block.
  init(
    results: Results, periods: [Int], options: ReportOptions, table: DataTable? = nil,
    versus: ReportVersus? = nil, uncertainty: UncertaintyResult? = nil
  ) {
    self.results = results
    self.options = options
    let indices = periods.compactMap { results.periodIndex($0) }.sorted()
    self.periods = indices.isEmpty ? Array(results.periods.indices.suffix(1)) : indices
    initialPeriod = self.periods.last ?? 0
    tree = ReportTree(
      plan: results.plan, cells: results.entityCount * self.periods.count,
      budget: options.valueBudget)
    var segments: [Segment] = []
    if results.plan.nodes[results.plan.root].aggregate?.aggregator == .copeland {
      segments.append(Segment(kind: .whole, label: "Copeland score", color: Palette.color(0)))
    } else {
      for (position, member) in tree.topMembers.enumerated() {
        segments.append(
          Segment(
            kind: .member(member),
            label: Self.label(results.plan.nodes[tree.nodes[member].plan]),
            color: Palette.color(position)))
      }
    }
    if !results.plan.nodes[results.plan.root].adjustments.isEmpty {
      segments.append(
        Segment(kind: .rootAdjustments, label: "adjustments", color: Palette.neutral))
    }
    if case .minmax = results.plan.scaling {
      segments.append(Segment(kind: .scalingOffset, label: "scaling offset", color: "#555555"))
    }
    self.segments = segments
    let finals = self.periods.flatMap { Array(results.slice(results.index, period: $0)) }
    let largest = finals.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 0
    scoreDecimals = largest <= 1 ? 3 : 1
    partDecimals = largest <= 1 ? 3 : 2
    let ranks = results.slice(results.ranks, period: initialPeriod).map { $0 }
    rankOrder = results.entities.indices.sorted { a, b in
      let (ra, rb) = (ranks[a] == 0 ? Int.max : ranks[a], ranks[b] == 0 ? Int.max : ranks[b])
      return ra != rb ? ra < rb : a < b
    }
    let opening = initialPeriod
    coherence = Coherence(results, period: results.periods[opening])
    let decimals = scoreDecimals
    self.uncertainty = uncertainty.map { UncertaintyFigures($0, decimals: decimals) }
    comparison = versus.map {
      ComparisonModel(
        results: results, table: table, period: opening, sourceName: options.sourceName,
        versus: $0)
    }
  }

  /// A node's label, or its name when it has none.
  static func label(_ node: Plan.Node) -> String {
    node.label ?? node.name
  }

  /// The plan node of tree node `t`.
  func planNode(_ t: Int) -> Plan.Node {
    results.plan.nodes[tree.nodes[t].plan]
  }

  /// The final score of an entity in a period (NaN when missing).
  func score(entity e: Int, period p: Int) -> Double {
    results.index[results.cell(entity: e, period: p)]
  }

  /// The rank of an entity in a period (0 when it has no score).
  func rank(entity e: Int, period p: Int) -> Int {
    results.ranks[results.cell(entity: e, period: p)]
  }

  /// Tree node `t`'s score for an entity in a period (NaN when missing).
  func nodeScore(_ t: Int, entity e: Int, period p: Int) -> Double {
    results.nodes[tree.nodes[t].plan].score[results.cell(entity: e, period: p)]
  }

  /// The entities scored in the initial period, best first.
  var scoredInOrder: [Int] {
    rankOrder.filter { rank(entity: $0, period: initialPeriod) > 0 }
  }

  /// The period's display name ("2025"), or nil when the data has no periods.
  func periodName(_ p: Int) -> String? {
    results.hasPeriods ? String(results.periods[p]) : nil
  }

  /// The title of the index.
  var title: String {
    results.plan.label ?? results.plan.name
  }

  /// An entity's display name: its name, or its code when they are the same.
  func entityName(_ e: Int) -> String {
    results.entities[e].name
  }
}
