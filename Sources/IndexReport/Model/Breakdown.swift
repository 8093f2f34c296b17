import IndexAnalysis
import ScoringEngine

/// Explain's exact terms, summed the way the charts group them.
///
/// The ranking's bar of an entity is its terms summed by segment (the index's members, the
/// adjustments on the index, the scaling offset); the gap between two entities is A's terms
/// minus B's, by segment and by row (the deepest node the page holds: an indicator, or an
/// embedded aggregate of a large methodology). Both add up exactly, because every term of
/// `Explanation` lands in one segment and one row.
struct Breakdown: Sendable {
  /// One row of a gap: a node's part of each side, or an adjustment's.
  struct Row: Sendable, Equatable {
    /// Tree index of the node the row is about (the root for the scaling offset).
    var node: Int
    /// Set for an adjustment, with its reason.
    var because: String?
    var isOffset = false
    var a: Double
    var b: Double
    var gap: Double { a - b }
  }

  let model: ReportModel
  private let positions: [Int?]

  init(_ model: ReportModel) {
    self.model = model
    positions = model.tree.positions(planCount: model.results.plan.nodes.count)
  }

  /// The explanation of an entity's score in a period, nil when it has no score.
  func explanation(entity e: Int, period p: Int) -> Explanation? {
    Explanation(model.results, entity: e, period: p)
  }

  /// Which segment a term belongs to.
  func segment(of term: Explanation.Term) -> Int? {
    let kind: ReportModel.Segment.Kind
    switch term.kind {
    case .scalingOffset:
      kind = .scalingOffset
    case .adjustment where term.node == model.results.plan.root:
      kind = .rootAdjustments
    default:
      guard let t = positions[term.node] else { return nil }
      guard let top = model.tree.topMember(of: t) else {
        // Only a non-additive index (Copeland) gives a term at the root itself.
        return model.segments.firstIndex { $0.kind == .whole }
      }
      kind = .member(top)
    }
    return model.segments.firstIndex { $0.kind == kind }
  }

  /// The entity's terms summed by segment (zeros when it has no score).
  func segmentSums(entity e: Int, period p: Int) -> [Double] {
    var sums = [Double](repeating: 0, count: model.segments.count)
    guard let explanation = explanation(entity: e, period: p) else { return sums }
    for term in explanation.terms {
      if let s = segment(of: term) { sums[s] += term.contribution }
    }
    return sums
  }

  /// A's terms minus B's, by segment.
  func segmentGap(_ a: Int, _ b: Int, period p: Int) -> [Double] {
    zip(segmentSums(entity: a, period: p), segmentSums(entity: b, period: p)).map { $0 - $1 }
  }

  /// A's and B's terms by row, in the order first met, both sides summed.
  func rows(_ a: Int, _ b: Int, period p: Int) -> [Row] {
    var order: [String] = []
    var table: [String: Row] = [:]
    for (side, e) in [(0, a), (1, b)] {
      guard let explanation = explanation(entity: e, period: p) else { continue }
      for term in explanation.terms {
        var row = Row(node: 0, a: 0, b: 0)
        switch term.kind {
        case .scalingOffset:
          row.isOffset = true
        case .adjustment(let because):
          row.node = positions[term.node].map { model.tree.row(for: $0) } ?? 0
          if model.tree.nodes[row.node].role == .live { row.because = because }
        case .indicator:
          row.node = positions[term.node].map { model.tree.row(for: $0) } ?? 0
        }
        let key = "\(row.node)|\(row.isOffset)|\(row.because ?? "")"
        if table[key] == nil {
          order.append(key)
          table[key] = row
        }
        if side == 0 {
          table[key]?.a += term.contribution
        } else {
          table[key]?.b += term.contribution
        }
      }
    }
    return order.compactMap { table[$0] }
  }

  /// The rows with the largest gaps first (ties in the order first met).
  func largestRows(_ a: Int, _ b: Int, period p: Int) -> [Row] {
    let all = rows(a, b, period: p)
    return all.indices.sorted { i, j in
      let (x, y) = (Swift.abs(all[i].gap), Swift.abs(all[j].gap))
      return x != y ? x > y : i < j
    }.map { all[$0] }
  }
}
