import IndexAnalysis
import ScoringEngine

/// The other methodology of `idx report FILE --vs OTHER.idx`, scored.
public struct ReportVersus: Sendable {
  public var results: Results
  /// The data it scored, when at hand: an adjustment of an indicator's raw value is then a
  /// term of its own in the attribution (as in `idx diff`).
  public var table: DataTable?
  /// Its file name as the page names it (`ai-soft.idx`).
  public var sourceName: String

  public init(results: Results, table: DataTable? = nil, sourceName: String) {
    self.results = results
    self.table = table
    self.sourceName = sourceName
  }
}

/// The report's run (side A, in the page's opening period) against another methodology
/// (side B): `idx diff`'s scores, ranks and exact attribution, and how the comparison panel
/// names and colours its parts.
///
/// B is compared in the same period when it scores it, else in its latest. Both sides are
/// the methodologies as written: the page's sliders and period menu do not change them.
struct ComparisonModel: Sendable {
  /// One kind of term of an entity's Δ: a member of the index (either side's), the
  /// index's own terms (its adjustments, a Copeland index's whole difference), the change
  /// of the final scaling.
  struct Part: Sendable, Equatable {
    var label: String
    var color: String
  }

  let diff: ResultsDiff
  let nameA: String
  let nameB: String
  /// The compared periods as in the data (`2025`), nil when the data has no periods.
  let periodA: Int?
  let periodB: Int?
  /// Per member of the index (`diff.members`), then the index's own terms and the scaling
  /// when some entity has them.
  let parts: [Part]
  private let hasIndexTerms: Bool
  private let hasScaling: Bool

  init(
    results: Results, table: DataTable?, period p: Int, sourceName: String,
    versus: ReportVersus
  ) {
    let period = results.periods[p]
    let other = versus.results
    let periodB = other.periods.contains(period) ? period : (other.periods.last ?? period)
    let diff = ResultsDiff(
      a: .init(results: results, period: period, table: table),
      b: .init(results: other, period: periodB, table: versus.table))
    self.diff = diff
    nameA = sourceName
    nameB = versus.sourceName
    self.periodA = results.hasPeriods ? period : nil
    self.periodB = other.hasPeriods ? periodB : nil
    var parts = diff.members.enumerated().map { position, name in
      let node =
        results.plan.nodeIndex(name).map { results.plan.nodes[$0] }
        ?? other.plan.nodeIndex(name).map { other.plan.nodes[$0] }
      return Part(label: node.map(ReportModel.label) ?? name, color: Palette.color(position))
    }
    let both = diff.entities.filter { $0.delta != nil }
    let hasIndexTerms = both.contains { diff.indexLevel($0) != 0 }
    let hasScaling = both.contains { $0.scaling != 0 }
    (self.hasIndexTerms, self.hasScaling) = (hasIndexTerms, hasScaling)
    if hasIndexTerms { parts.append(Part(label: "the index itself", color: Palette.neutral)) }
    if hasScaling { parts.append(Part(label: "final scaling", color: "#555555")) }
    self.parts = parts
  }

  /// An entity's Δ split into `parts`: they add up to the Δ (zeros when it is on one side).
  func terms(_ entity: ResultsDiff.EntityChange) -> [Double] {
    var terms = entity.contributions
    if terms.count < diff.members.count {
      terms += [Double](repeating: 0, count: diff.members.count - terms.count)
    }
    if hasIndexTerms { terms.append(diff.indexLevel(entity)) }
    if hasScaling { terms.append(entity.scaling) }
    return terms
  }

  /// The entities scored on both sides, in B's rank order.
  var bothInOrder: [ResultsDiff.EntityChange] {
    diff.entities.filter { $0.delta != nil }.sorted {
      ($0.rankB ?? Int.max, $0.rankA ?? Int.max, $0.code)
        < ($1.rankB ?? Int.max, $1.rankA ?? Int.max, $1.code)
    }
  }

  /// A side's name with its period: `ai-soft.idx, 2025`.
  func side(_ isA: Bool) -> String {
    let (name, period) = isA ? (nameA, periodA) : (nameB, periodB)
    return name + (period.map { ", \($0)" } ?? "")
  }
}
