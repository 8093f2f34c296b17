/// The numbers a method carries, so a plan can check that each is finite before it runs.
extension Normalizer {
  /// Bounds, targets and scales, in no particular order.
  public var parameters: [Double] {
    switch self {
    case .identity, .rank, .borda: []
    case .minmax(let output), .fracmax(let output), .dist2max(let output),
      .dist2ref(_, _, let output), .percentile(let output, _):
      [output.lowerBound, output.upperBound]
    case .zscore(let mean, let sd): [mean, sd]
    case .scaled(let low, let high, let factor): [low, high, factor]
    case .goalposts(let low, let high, let output, _):
      [low, high, output.lowerBound, output.upperBound]
    case .dist2target(let target, _, let output): [target, output.lowerBound, output.upperBound]
    case .global: pooledMethod.parameters
    }
  }
}

extension Aggregator {
  /// The power of a power mean and a geometric mean's floor or shift.
  public var parameters: [Double] {
    switch self {
    case .power(let p): [p]
    case .geometric(.floor(let value)), .geometric(.shift(let value)): [value]
    default: []
    }
  }
}

extension Treatment {
  /// The thresholds of the winsorizing rule (and its fallback's), or a Box–Cox λ.
  public var parameters: [Double] {
    switch self {
    case .winsorize(let rule):
      if case .boxCox(let lambda) = rule.fallback { return [rule.skewness, rule.kurtosis, lambda] }
      return [rule.skewness, rule.kurtosis]
    case .boxCox(let lambda): return [lambda]
    default: return []
    }
  }
}

extension Scaling {
  /// The factor or the range of the final scaling.
  public var parameters: [Double] {
    switch self {
    case .none: []
    case .leader(let factor), .relative(_, let factor): [factor]
    case .minmax(let range): [range.lowerBound, range.upperBound]
    }
  }
}
