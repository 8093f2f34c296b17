import ScoringEngine

/// The statistical checks of a JRC audit for one scored period: data, coherence, influence.
///
/// Design: everything is read off a finished run, so the audit sees exactly the values the
/// index was built from. Which values each check uses follows COINr, the reference:
/// - data statistics use the raw values (after the formula, before imputation) and the treated
///   values (after imputation and outlier treatment, before normalization);
/// - coherence uses each aggregate's members' scores: normalized indicators for an aggregate of
///   indicators, aggregate scores above it (COINr correlates pillars with normalised indicators
///   and higher levels with aggregated scores); correlations are pairwise complete, PCA uses the
///   complete rows;
/// - influence is the correlation ratio of the index's score on each member's score, next to the
///   weight the run applied (derived weights included), both normalized within the aggregate.
/// The tree is walked with an explicit stack (pre-order: an aggregate before its members, in
/// declaration order), so a deep methodology cannot exhaust the call stack.
public struct Audit: Sendable {
  /// Thresholds of the findings.
  public struct Options: Sendable {
    /// COINr's data flags.
    public var thresholds = DescriptiveStatistics.Thresholds()
    /// A pair of members correlated above this may be redundant (the JRC's 0.92).
    public var redundancy = 0.92
    /// Cronbach's α below this is low internal consistency (the usual 0.7).
    public var alpha = 0.7
    /// Influence and weight shares further apart than this are named in the summary.
    public var departure = 0.05
    /// Audit only this node's subtree (the index when nil).
    public var node: Int?

    public init() {}
  }

  /// The scored period.
  public var period: Int
  /// Entities in the data.
  public var entityCount: Int
  /// The audited subtree's root.
  public var root: Int
  public var indicators: [IndicatorAudit] = []
  public var aggregates: [AggregateAudit] = []
  public var entities: [EntityCoverage] = []
  public var findings: [AuditFinding] = []

  /// Audits `period` of a run; nil when the period was not scored or the node is unknown.
  public init?(_ results: Results, period: Int, options: Options = Options()) {
    guard let p = results.periodIndex(period) else { return nil }
    let root = options.node ?? results.plan.root
    guard results.plan.nodes.indices.contains(root) else { return nil }
    self.period = period
    self.entityCount = results.entityCount
    self.root = root
    let tree = Self.preorder(results.plan, from: root)
    let view = PeriodView(
      results: results, period: p, nodes: tree.map(\.node) + [results.plan.root])
    for (node, parent) in tree where results.plan.nodes[node].indicator != nil {
      indicators.append(view.indicator(node, parent: parent, options: options))
    }
    let effective = results.effectiveWeights(period: p)
    let levels = Self.levels(results.plan, tree.map(\.node))
    for (node, _) in tree where results.plan.nodes[node].aggregate != nil {
      aggregates.append(
        view.aggregate(node, level: levels[node] ?? 1, effective: effective, options: options))
    }
    entities = view.coverage(aggregates: aggregates.map(\.node), indicators: indicators.map(\.node))
    findings = AuditFindings(options: options).findings(for: self)
  }

  /// Nodes under `root` with their parent, root first, members in declaration order.
  static func preorder(_ plan: Plan, from root: Int) -> [(node: Int, parent: Int?)] {
    var order: [(node: Int, parent: Int?)] = []
    var stack: [(node: Int, parent: Int?)] = [(root, nil)]
    var seen = Set<Int>()
    while let (node, parent) = stack.popLast() {
      guard seen.insert(node).inserted else { continue }
      order.append((node, parent))
      let members = plan.nodes[node].aggregate?.members ?? []
      for member in members.reversed() where plan.nodes.indices.contains(member.node) {
        stack.append((member.node, node))
      }
    }
    return order
  }

  /// COINr's level of each aggregate: 1 above indicators, else one more than its highest
  /// member (computed members first, by walking the pre-order backwards).
  static func levels(_ plan: Plan, _ preorder: [Int]) -> [Int: Int] {
    var level: [Int: Int] = [:]
    for node in preorder.reversed() {
      guard let aggregate = plan.nodes[node].aggregate else {
        level[node] = 0
        continue
      }
      level[node] = 1 + (aggregate.members.compactMap { level[$0.node] }.max() ?? 0)
    }
    return level
  }
}

/// One period of a run, sliced per node, with the computations of each audit part.
struct PeriodView {
  let results: Results
  let period: Int
  /// Each audited node's score, sort order and ranks, computed once.
  let columns: ScoreColumns
  var n: Int { results.entityCount }

  init(results: Results, period: Int, nodes: [Int]) {
    self.results = results
    self.period = period
    self.columns = ScoreColumns(results: results, period: period, nodes: nodes)
  }

  /// A node's values of one stage in this period.
  func values(_ stage: [Double]) -> [Double] {
    stage.isEmpty
      ? [Double](repeating: .nan, count: n) : Array(results.slice(stage, period: period))
  }

  /// A node's score in this period.
  func score(_ node: Int) -> [Double] { values(results.nodes[node].score.array) }

  func indicator(_ node: Int, parent: Int?, options: Audit.Options) -> IndicatorAudit {
    let result = results.nodes[node]
    let spec = results.plan.nodes[node]
    let imputedValues = values(result.imputed)
    let flags = result.flags.isEmpty ? [] : Array(results.slice(result.flags, period: period))
    let treatment = spec.indicator?.treatment ?? .none
    var skewThreshold = options.thresholds.skewness
    var kurtosisThreshold = options.thresholds.kurtosis
    if case .winsorize(let rule) = treatment {
      skewThreshold = rule.skewness
      kurtosisThreshold = rule.kurtosis
    }
    let outcome = period < result.treatment.count ? result.treatment[period] : nil
    let verdict = TreatmentVerdict(
      skewness: Statistics.skewness(imputedValues), kurtosis: Statistics.kurtosis(imputedValues),
      skewnessThreshold: skewThreshold, kurtosisThreshold: kurtosisThreshold,
      treatment: treatment, action: outcome?.action, changed: outcome?.changed ?? 0)
    let rawValues = values(result.raw)
    let treatedValues = values(result.treated)
    let raw = DescriptiveStatistics(rawValues, thresholds: options.thresholds)
    // Nothing imputed or treated: the same values, so the same statistics (no second sort).
    let unchanged = zip(rawValues, treatedValues).allSatisfy {
      $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN)
    }
    return IndicatorAudit(
      node: node, name: spec.name, parent: parent, raw: raw,
      imputed: flags.filter { $0.contains(.imputed) }.count,
      treated: unchanged
        ? raw : DescriptiveStatistics(treatedValues, thresholds: options.thresholds),
      verdict: verdict)
  }

  func aggregate(_ node: Int, level: Int, effective: [Double], options: Audit.Options)
    -> AggregateAudit
  {
    let spec = results.plan.nodes[node]
    let members = spec.aggregate?.members ?? []
    let parentScore = columns.score(node)
    let index = columns.score(results.plan.root)
    let parentRanks = columns.ranks(node)
    let indexRanks = columns.ranks(results.plan.root)
    let memberScores = members.map { columns.score($0.node) }
    let weights = results.memberWeights(ofNode: node, period: period)
    var audits: [MemberAudit] = []
    for (m, member) in members.enumerated() {
      let x = memberScores[m]
      let ranks = columns.ranks(member.node)
      audits.append(
        MemberAudit(
          node: member.node, name: results.plan.nodes[member.node].name,
          pearson: Correlation.pearson(x, parentScore),
          spearman: Correlation.pearson(ranks, parentRanks),
          pearsonWithIndex: Correlation.pearson(x, index),
          spearmanWithIndex: Correlation.pearson(ranks, indexRanks),
          correlationRatio: CorrelationRatio.estimate(
            index, given: x, order: columns.order(member.node)), influence: nil,
          weight: m < weights.count ? weights[m] : 0, effectiveWeight: effective[member.node]))
    }
    let ratioTotal = audits.compactMap(\.correlationRatio).reduce(0, +)
    if ratioTotal > 0 {
      for m in audits.indices {
        audits[m].influence = audits[m].correlationRatio.map { $0 / ratioTotal }
      }
    }
    let coherence = Coherence.measures(memberScores)
    return AggregateAudit(
      node: node, name: spec.name, level: level,
      weightSource: results.nodes[node].derivedWeights?.source, members: audits,
      correlations: coherence.correlations, cronbachAlpha: coherence.alpha,
      components: coherence.components,
      largestDepartures: AuditFindings.largestDepartures(audits, departure: options.departure))
  }

  /// Each entity's share of raw values present, overall and per aggregate: one pass over each
  /// indicator column per aggregate that contains it.
  func coverage(aggregates: [Int], indicators: [Int]) -> [EntityCoverage] {
    let position = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1, $0) })
    let present = indicators.map { node in values(results.nodes[node].raw).map { !$0.isNaN } }
    func counts(_ columns: [Int]) -> [Double] {
      var count = [Double](repeating: 0, count: n)
      for column in columns {
        for e in 0..<n where present[column][e] { count[e] += 1 }
      }
      return count.map { columns.isEmpty ? .nan : $0 / Double(columns.count) }
    }
    let overall = counts(Array(indicators.indices))
    let byAggregate = aggregates.map { aggregate in
      counts(Audit.preorder(results.plan, from: aggregate).compactMap { position[$0.node] })
    }
    return (0..<n).map { e in
      EntityCoverage(
        entity: e, code: results.entities[e].code, overall: overall[e],
        byAggregate: byAggregate.map { $0[e] })
    }
  }
}

/// The scores of the audited nodes in one period, each with its ascending order and average
/// ranks, so that a node's column is sorted once whatever uses it (Spearman as a member and as
/// a parent, the correlation ratio).
struct ScoreColumns {
  private var scores: [Int: [Double]] = [:]
  private var orders: [Int: [Int]] = [:]
  private var rankings: [Int: [Double]] = [:]

  init(results: Results, period: Int, nodes: [Int]) {
    for node in nodes where scores[node] == nil {
      let stage = results.nodes[node].score
      let values =
        stage.isEmpty
        ? [Double](repeating: .nan, count: results.entityCount)
        : Array(results.slice(stage, period: period))
      let order = ascendingOrder(values)
      scores[node] = values
      orders[node] = order
      rankings[node] = Correlation.ranks(values, order: order)
    }
  }

  func score(_ node: Int) -> [Double] { scores[node] ?? [] }
  func order(_ node: Int) -> [Int] { orders[node] ?? [] }
  func ranks(_ node: Int) -> [Double] { rankings[node] ?? [] }
}
