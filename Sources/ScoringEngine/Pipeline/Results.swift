import Diagnostics

/// How one cell came to have its value; raw cells have no flags.
public struct CellFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Filled by the indicator's imputation method.
  public static let imputed = CellFlags(rawValue: 1 << 0)
  /// Moved by winsorization.
  public static let winsorized = CellFlags(rawValue: 1 << 1)
  /// Log-transformed (a declared transform or the winsorization fallback).
  public static let transformed = CellFlags(rawValue: 1 << 2)
  /// Changed by an `adjust` statement.
  public static let adjusted = CellFlags(rawValue: 1 << 3)
  /// Missing after every stage.
  public static let missing = CellFlags(rawValue: 1 << 4)
}

/// Everything a run computed: every node's values for every entity and scored period, with
/// the provenance of each indicator cell.
///
/// Arrays over cells are period-major over `periods`: entity `e` of period index `p` is at
/// `p * entities.count + e`. Stages that changed nothing share storage with the stage before,
/// so keeping every stage costs little.
public struct Results: Sendable {
  public var plan: Plan
  public var entities: [Entity]
  /// The scored periods, ascending.
  public var periods: [Int]
  /// Whether the periods come from the data or the methodology (`DataTable.hasPeriods`); when
  /// false there is one placeholder period, which output does not show.
  public var hasPeriods = true
  /// Per node, in plan order.
  public var nodes: [NodeResult]
  /// Per node: the product of its normalized weights up the tree (1 for the root).
  public var effectiveWeights: [Double]
  /// The root score after the plan's scaling.
  public var index: [Double]
  /// Sport ranks of `index` (1 = best, 0 = no score).
  public var ranks: [Int]
  public var diagnostics: [Diagnostic]
  /// Entities of the data that unit screening left out, in data order (not in `entities`).
  public var screened: [ScreenedEntity] = []

  /// Values of one node through the pipeline.
  public struct NodeResult: Sendable {
    /// Raw values after the formula (indicators only; empty for aggregates).
    public var raw: [Double] = []
    /// After imputation (indicators only).
    public var imputed: [Double] = []
    /// After treatment (indicators only).
    public var treated: [Double] = []
    /// The node's score: normalized value for indicators, aggregate for others
    /// (including adjustments on aggregates).
    public var score = ScoreColumn()
    /// Provenance per cell (indicators only; empty when every cell is raw).
    public var flags: [CellFlags] = []
    /// Treatment applied, per scored period (indicators only).
    public var treatment: [TreatOutcomeSummary] = []
    /// For cells filled from another period (`latest`): cell → source period.
    public var imputedFrom: [Int: Int] = [:]
    /// Aggregates whose weights came from the data: the weights each period (or entity) used.
    public var derivedWeights: DerivedWeights?
  }

  /// What treatment did to one indicator in one period.
  public struct TreatOutcomeSummary: Sendable, Equatable {
    public var action: TreatAction
    public var changed: Int
  }

  /// The number of entities.
  public var entityCount: Int { entities.count }

  /// Position of a cell in the period-major arrays.
  public func cell(entity: Int, period: Int) -> Int {
    period * entities.count + entity
  }

  /// Index of an entity code.
  public func entityIndex(_ code: String) -> Int? {
    entities.firstIndex { $0.code == code }
  }

  /// Index of a scored period.
  public func periodIndex(_ period: Int) -> Int? {
    periods.firstIndex(of: period)
  }

  /// A node's score for an entity and period, or nil when any is unknown or the score is
  /// missing.
  public func score(_ node: String, entity: String, period: Int) -> Double? {
    guard let n = plan.nodeIndex(node), let e = entityIndex(entity), let p = periodIndex(period)
    else { return nil }
    let value = nodes[n].score[cell(entity: e, period: p)]
    return value.isNaN ? nil : value
  }

  /// The scaled index score for an entity and period, or nil.
  public func indexScore(entity: String, period: Int) -> Double? {
    guard let e = entityIndex(entity), let p = periodIndex(period) else { return nil }
    let value = index[cell(entity: e, period: p)]
    return value.isNaN ? nil : value
  }

  /// The index rank for an entity and period, or nil when it has no score.
  public func rank(entity: String, period: Int) -> Int? {
    guard let e = entityIndex(entity), let p = periodIndex(period) else { return nil }
    let value = ranks[cell(entity: e, period: p)]
    return value == 0 ? nil : value
  }

  /// Sport ranks of one node's score in one period (1 = best, 0 = no score).
  public func ranks(ofNode node: Int, period: Int) -> [Int] {
    sportRanks(Array(slice(nodes[node].score, period: period)))
  }

  /// One period's slice of a period-major array.
  public func slice<T>(_ values: [T], period: Int) -> ArraySlice<T> {
    values[(period * entities.count)..<((period + 1) * entities.count)]
  }

  /// One period's slice of a node's scores.
  public func slice(_ scores: ScoreColumn, period: Int) -> Slice<ScoreColumn> {
    scores[(period * entities.count)..<((period + 1) * entities.count)]
  }
}

extension Results {
  /// Periods as people write them: runs of three or more consecutive periods as ranges
  /// ("1990–1994, 1996, 2000–2022"), the others one by one.
  public static func periodText(_ periods: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < periods.count {
      var end = index
      while end + 1 < periods.count && periods[end + 1] == periods[end] + 1 { end += 1 }
      if end - index >= 2 {
        parts.append("\(periods[index])–\(periods[end])")
      } else {
        parts += periods[index...end].map(String.init)
      }
      index = end + 1
    }
    return parts.joined(separator: ", ")
  }
}
