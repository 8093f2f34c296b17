import ScoringEngine

/// What happened to every entity's score and rank between two sides (two methodologies, or
/// one methodology in two periods), with each difference split exactly into terms.
///
/// Entities are matched by code. Each entity's Δscore is the sum of its `contributions` (one
/// per member of the index, on either side), the adjustments on the index itself, the change
/// of the final scaling (`scaling`) and, for a Copeland index, `indexTerm`; the same Δscore
/// is also the sum of its `indicators` terms, all its `adjustments` and `scaling`. See
/// `Attributor` for how the terms are computed.
public struct ResultsDiff: Sendable {
  /// One side of the comparison: a run and the period compared.
  public struct Side: Sendable {
    public var results: Results
    /// The period (as in the data, `2025`), one of `results.periods`.
    public var period: Int
    /// The data the run scored: with it, an adjustment of an indicator's raw value is a term
    /// of its own (the plan is run once without it); without it, it stays in the indicator.
    public var table: DataTable?

    public init(results: Results, period: Int, table: DataTable? = nil) {
      self.results = results
      self.period = period
      self.table = table
    }
  }

  /// One entity on both sides.
  public struct EntityChange: Sendable {
    public enum Status: String, Sendable {
      case changed
      case unchanged
      case onlyInA = "only in A"
      case onlyInB = "only in B"
    }

    public var code: String
    public var name: String
    public var status: Status
    public var scoreA: Double?
    public var scoreB: Double?
    public var rankA: Int?
    public var rankB: Int?
    /// For an entity on one side only: the other side's unit screening left it out, and why.
    public var screenedOut: ScreenedEntity?
    /// scoreB − scoreA, when both exist.
    public var delta: Double?
    /// Per member of the index (`ResultsDiff.members`): its part of `delta`.
    public var contributions: [Double] = []
    /// Per member: the weight ω each side gave it for this entity (0 where absent).
    public var weightsA: [Double] = []
    public var weightsB: [Double] = []
    /// Per member: its score on each side (NaN where missing).
    public var valuesA: [Double] = []
    public var valuesB: [Double] = []
    /// Per term node (`ResultsDiff.terms`): its part of `delta`.
    public var indicators: [Double] = []
    /// The whole difference of an index that is not additive (Copeland), else 0.
    public var indexTerm = 0.0
    /// The change of the final scaling line, Δa·S̄ + Δb (a leader factor that moved).
    public var scaling = 0.0
    /// Every adjustment that names the entity, with its part of `delta`.
    public var adjustments: [AdjustmentTerm] = []
    /// `contributions` minus their mean over the entities scored on both sides.
    public var vsField: [Double] = []
    public var scalingVsField = 0.0
    /// What moved its rank most, relative to the entity it passed or that passed it.
    public var driver: Driver?
    /// The min, median and Copeland nodes on its path, and what decided each on each side.
    public var decisions: [Decision] = []
  }

  /// What decided a node that is not a mean: its deciding member(s), or the outranking count.
  public struct Decision: Sendable, Equatable {
    /// The node's path from the index's member down (empty for the index).
    public var path: [String]
    /// The deciding member(s) on each side (nil where the node is a mean).
    public var a: String?
    public var b: String?

    public init(path: [String], a: String?, b: String?) {
      (self.path, self.a, self.b) = (path, a, b)
    }
  }

  /// The member that did most to move an entity past another (or the other past it).
  public struct Driver: Sendable, Equatable {
    public var member: String
    /// The entity passed (or that passed), nearest in score on side B.
    public var other: String
    /// Whether the entity moved ahead of `other`.
    public var overtook: Bool
    /// The member's contribution to the entity minus its contribution to `other`.
    public var effect: Double
  }

  public struct Summary: Sendable, Equatable {
    public var changed = 0
    public var unchanged = 0
    public var onlyInA = 0
    public var onlyInB = 0
    /// Entities scored on both sides whose rank differs.
    public var rankChanges = 0
    /// Spearman's ρ of the scores of the entities scored on both sides (nil below two).
    public var spearman: Double?
    public var meanAbsoluteRankChange = 0.0
    public var maxAbsoluteRankChange = 0
  }

  public var a: Side
  public var b: Side
  /// The members of the index on either side, A's first.
  public var members: [String]
  /// The nodes that carry terms (indicators, and nodes kept whole), as paths from the index.
  public var terms: [[String]]
  public var entities: [EntityChange]
  public var summary: Summary
  /// Per entity code, with `keepChecks`: every decomposed node's difference and the sum of
  /// its local terms (for tests).
  public var checks: [String: [(node: String, delta: Double, sum: Double)]] = [:]
  /// Nodes kept whole because their terms did not sum (expected 0).
  public var fallbacks = 0

  public init(a: Side, b: Side, keepChecks: Bool = false) {
    self.a = a
    self.b = b
    let tree = UnionTree(a.results.plan, b.results.plan)
    members = tree.nodes[0].edges.map { tree.nodes[tree.edges[$0].child].name }
    entities = []
    summary = Summary()
    terms = []
    guard let pA = a.results.periodIndex(a.period), let pB = b.results.periodIndex(b.period)
    else { return }
    let sideA = AttributionSide(
      results: a.results, period: pA, tree: tree, isA: true,
      rawEffects: Self.rawEffects(a, period: pA))
    let sideB = AttributionSide(
      results: b.results, period: pB, tree: tree, isA: false,
      rawEffects: Self.rawEffects(b, period: pB))
    var attributor = Attributor(tree: tree, a: sideA, b: sideB)
    var codes = a.results.entities.map(\.code)
    codes += b.results.entities.map(\.code).filter { sideA.entityIndex[$0] == nil }
    var termColumns: [[Double]] = []
    var termEntity: [Int] = []
    for code in codes {
      let eA = sideA.entityIndex[code]
      let eB = sideB.entityIndex[code]
      let scoreA = eA.map { a.results.index[sideA.cell($0)] }.flatMap { $0.isNaN ? nil : $0 }
      let scoreB = eB.map { b.results.index[sideB.cell($0)] }.flatMap { $0.isNaN ? nil : $0 }
      guard scoreA != nil || scoreB != nil else { continue }
      let name =
        (eB.map { b.results.entities[$0].name } ?? eA.map { a.results.entities[$0].name })
        ?? code
      var entity = EntityChange(
        code: code, name: name, status: .changed, scoreA: scoreA, scoreB: scoreB,
        rankA: eA.flatMap { Self.rank(a.results, sideA.cell($0)) },
        rankB: eB.flatMap { Self.rank(b.results, sideB.cell($0)) })
      guard let eA, let eB, let scoreA, let scoreB else {
        entity.status = scoreA == nil ? .onlyInB : .onlyInA
        let other = scoreA == nil ? a.results : b.results
        entity.screenedOut = other.screened.first { $0.code == code }
        entities.append(entity)
        continue
      }
      let delta = scoreB - scoreA
      entity.delta = delta
      let scale = Swift.max(1, Swift.abs(scoreA), Swift.abs(scoreB))
      entity.status = Swift.abs(delta) <= 1e-9 * scale ? .unchanged : .changed
      let found = attributor.attribute(code: code, entityA: eA, entityB: eB, keepChecks: keepChecks)
      entity.contributions = found.members
      entity.weightsA = found.weightsA.isEmpty ? found.members.map { _ in 0 } : found.weightsA
      entity.weightsB = found.weightsB.isEmpty ? found.members.map { _ in 0 } : found.weightsB
      entity.valuesA = tree.nodes[0].edges.map { attributor.valueA[tree.edges[$0].child] }
      entity.valuesB = tree.nodes[0].edges.map { attributor.valueB[tree.edges[$0].child] }
      entity.indexTerm = found.rootWhole
      entity.scaling = found.scaling
      entity.adjustments = found.adjustments
      entity.decisions = found.decisions.map {
        Decision(path: tree.nodes[$0.node].path, a: $0.a, b: $0.b)
      }
      termColumns.append(found.terms)
      termEntity.append(entities.count)
      if keepChecks {
        checks[code] = found.checks.map {
          (node: $0.node == 0 ? "index" : tree.nodes[$0.node].name, delta: $0.delta, sum: $0.sum)
        }
      }
      entities.append(entity)
    }
    fallbacks = attributor.fallbacks
    let carriers = Self.termNodes(tree, a.results.plan, b.results.plan, termColumns)
    terms = carriers.map { tree.nodes[$0].path }
    for (column, e) in zip(termColumns, termEntity) {
      entities[e].indicators = carriers.map { column[$0] }
    }
    compareWithField()
    findDrivers()
    summarize()
  }

  /// The nodes that carry terms: indicators of either tree, and any other node that got a
  /// term for some entity (Copeland nodes, nodes whose kind changed), in tree order.
  private static func termNodes(_ tree: UnionTree, _ a: Plan, _ b: Plan, _ columns: [[Double]])
    -> [Int]
  {
    let leaves = Set(tree.leaves(a, b))
    var seen = Set<Int>()
    return (tree.orderA + tree.orderB).filter { u in
      guard u != 0, seen.insert(u).inserted else { return false }
      return leaves.contains(u) || columns.contains { $0[u] != 0 }
    }
  }

  private static func rank(_ results: Results, _ cell: Int) -> Int? {
    let rank = results.ranks[cell]
    return rank == 0 ? nil : rank
  }

  /// Each raw-unit adjustment's effect alone on its indicator's normalized value, by running
  /// the plan once without it (it passes through normalization, so nothing else is exact).
  private static func rawEffects(_ side: Side, period p: Int)
    -> [AttributionSide.AdjustmentKey: Double]
  {
    guard let table = side.table else { return [:] }
    let plan = side.results.plan
    var effects: [AttributionSide.AdjustmentKey: Double] = [:]
    for (node, spec) in plan.nodes.enumerated() where spec.indicator != nil {
      for (position, adjustment) in spec.adjustments.enumerated() {
        guard let e = side.results.entityIndex(adjustment.entity) else { continue }
        var without = plan
        without.nodes[node].adjustments.remove(at: position)
        let rerun = run(without, on: table)
        let cell = side.results.cell(entity: e, period: p)
        guard rerun.nodes.indices.contains(node), rerun.nodes[node].score.indices.contains(cell)
        else { continue }
        let effect = side.results.nodes[node].score[cell] - rerun.nodes[node].score[cell]
        if effect.isFinite { effects[.init(node: node, position: position)] = effect }
      }
    }
    return effects
  }
}
