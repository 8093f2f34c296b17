import Diagnostics
import ScoringEngine

/// One side of a comparison as the attribution reads it: a run, one of its scored periods,
/// and per union node the plan node, its aggregator and its mean form.
///
/// A class: the attribution reads it for every node of every entity, and a struct of this
/// many arrays would be retained field by field at each read.
final class AttributionSide: Sendable {
  let results: Results
  /// Index into `results.periods`.
  let period: Int
  let scaling: FinalScaling
  /// Per union node: the node in this side's plan, if its tree has it.
  let planNode: [Int?]
  /// Per union node: the aggregator, nil for an indicator or a node this side lacks.
  let aggregators: [Aggregator?]
  /// Per union node: the aggregator's mean form, nil also for Copeland.
  let forms: [MeanForm?]
  let entityIndex: [String: Int]
  /// Per union node: its adjustments (of every entity), empty for most nodes.
  let adjustmentLists: [[Plan.Adjustment]]
  /// Raw-unit adjustments on indicators: their effect alone on the indicator's normalized
  /// value for the adjusted entity, by plan node and position in its `adjustments`.
  let rawEffects: [AdjustmentKey: Double]
  /// Where each union edge's member sits among its plan node's members, for nodes whose
  /// weights came from the data on this side.
  ///
  /// Those are `weights: pca`, `equal_influence` and benefit of the doubt; nil marks an edge
  /// whose member is not a member on this side. Empty for a node with declared weights,
  /// whose weights are the union tree's.
  let derivedPositions: [[Int?]]

  /// Identifies one adjustment of a plan.
  struct AdjustmentKey: Hashable, Sendable {
    var node: Int
    var position: Int
  }

  init(
    results: Results, period: Int, tree: UnionTree, isA: Bool,
    rawEffects: [AdjustmentKey: Double]
  ) {
    self.results = results
    self.period = period
    self.rawEffects = rawEffects
    scaling = FinalScaling(results, period: period)
    let planNode = tree.nodes.map { isA ? $0.a : $0.b }
    self.planNode = planNode
    adjustmentLists = planNode.map { node in node.map { results.plan.nodes[$0].adjustments } ?? [] }
    let aggregators = planNode.map { node in
      node.flatMap { results.plan.nodes[$0].aggregate?.aggregator }
    }
    self.aggregators = aggregators
    forms = aggregators.map { $0.flatMap(MeanForm.init) }
    derivedPositions = tree.nodes.map { union -> [Int?] in
      guard let node = isA ? union.a : union.b, results.nodes[node].derivedWeights != nil,
        let members = results.plan.nodes[node].aggregate?.members
      else { return [] }
      return tree.edges[union.edges].map { edge in
        let child = isA ? tree.nodes[edge.child].a : tree.nodes[edge.child].b
        return members.lastIndex { $0.node == child }
      }
    }
    var index: [String: Int] = [:]
    for (e, entity) in results.entities.enumerated() where index[entity.code] == nil {
      index[entity.code] = e
    }
    entityIndex = index
  }

  /// The cell of an entity in the compared period.
  func cell(_ entity: Int) -> Int {
    results.cell(entity: entity, period: period)
  }

  /// A union node's score for an entity (NaN when this side lacks the node or the value).
  func value(_ union: Int, cell: Int) -> Double {
    guard let node = planNode[union] else { return .nan }
    return results.nodes[node].score[cell]
  }

  /// The weights this side applied to union node `u`'s members for one cell, in the order
  /// of its union edges (NaN where not a member here); nil when they are the declared ones.
  ///
  /// Derived weights differ by period (`pca`, `equal_influence`) or by entity (benefit of the
  /// doubt), so the attribution reads them cell by cell, as explain does.
  func appliedWeights(_ u: Int, cell: Int) -> [Double]? {
    let positions = derivedPositions[u]
    guard !positions.isEmpty, let node = planNode[u] else { return nil }
    let weights = results.memberWeights(ofNode: node, cell: cell)
    return positions.map { position in
      position.map { $0 < weights.count ? weights[$0] : .nan } ?? .nan
    }
  }

  /// The adjustments of a union node that name the entity, with their positions.
  func adjustments(_ union: Int, entity code: String) -> [(
    position: Int, adjustment: Plan.Adjustment
  )] {
    let all = adjustmentLists[union]
    guard !all.isEmpty else { return [] }
    return all.enumerated().filter { $0.element.entity == code }.map { ($0.offset, $0.element) }
  }

  /// The unscaled index score of an entity.
  func root(_ cell: Int) -> Double {
    results.nodes[results.plan.root].score[cell]
  }
}

/// One adjustment's part of a score difference: what it adds on each side and its term.
public struct AdjustmentTerm: Sendable {
  /// The adjusted node's name (`index` for the index itself).
  public var node: String
  /// The path of the adjusted node from the index's member down (empty for the index).
  public var path: [String]
  public var entity: String
  public var because: String
  public var source: String?
  /// Where it is written on each side, nil on the side that lacks it.
  public var spanA: Span?
  public var spanB: Span?
  /// The delta on each side (points on aggregates, raw units on indicators).
  public var deltaA: Double?
  public var deltaB: Double?
  /// Its part of the entity's score difference.
  public var effect: Double
  /// Whether it adjusts an indicator's raw value (its effect then goes through normalization).
  public var isRaw: Bool
}
