import ScoringEngine

/// The final scaling of one scored period as a straight line: score = factor · S + offset,
/// where S is the unscaled index score.
///
/// `leader(f)` is f / max S, `relative(E, f)` is f / S_E, `minmax(lo, hi)` maps [min S, max S]
/// onto [lo, hi]. Explain multiplies every term by the factor and shows the offset as a term;
/// diff splits a change of the line from a change of S (midpoint: ā·ΔS + Δa·S̄ + Δb).
public struct FinalScaling: Sendable, Equatable {
  public var factor: Double
  public var offset: Double
  /// The method, as written in the methodology (`leader(100)`, `none`).
  public var method: Scaling

  public init(factor: Double, offset: Double, method: Scaling) {
    self.factor = factor
    self.offset = offset
    self.method = method
  }

  /// The line of a run's scaling in one scored period (an index into `results.periods`);
  /// factor 1 and offset 0 when the period has nothing to scale by.
  public init(_ results: Results, period p: Int) {
    method = results.plan.scaling
    factor = 1
    offset = 0
    let root = results.slice(results.nodes[results.plan.root].score, period: p)
    switch results.plan.scaling {
    case .none:
      return
    case .leader(let f):
      var top = -Double.infinity
      for value in root where !value.isNaN { top = Swift.max(top, value) }
      if top > 0 && top.isFinite { factor = f / top }
    case .relative(let entity, let f):
      guard let e = results.entityIndex(entity) else { return }
      let reference = results.nodes[results.plan.root].score[results.cell(entity: e, period: p)]
      if reference > 0 { factor = f / reference }
    case .minmax(let range):
      var low = Double.infinity
      var high = -Double.infinity
      for value in root where !value.isNaN {
        low = Swift.min(low, value)
        high = Swift.max(high, value)
      }
      guard high > low else { return }
      factor = (range.upperBound - range.lowerBound) / (high - low)
      offset = range.lowerBound - low * factor
    }
  }
}
