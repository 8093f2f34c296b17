/// Normalization across every scored period at once (COINr's `Normalise(purse, global =
/// TRUE)`).
///
/// COINr stacks the data sets of all time points of a purse into one table, normalizes each
/// column of it, and splits the result by time again: the minimum, maximum, mean, standard
/// deviation and ranks of an indicator come from the whole panel, so a score of 2020 and one of
/// 2025 are on the same scale. This does the same on an indicator's cells, which are already
/// period-major. Normalizers with fixed bounds give the same result either way. `dist2ref`
/// measures against the reference entity's value of each period, which has no pooled
/// equivalent, so it stays per period.

/// One indicator's values over several periods (period-major, `entityCount` per period),
/// normalized as one set of values.
public func normalizeAcrossPeriods(
  _ values: [Double], entityCount: Int, direction: Direction, with normalizer: Normalizer,
  entityCodes: [String] = []
) -> NormalizeOutcome {
  let inner = normalizer.pooledMethod
  guard case .dist2ref = inner, entityCount > 0 else {
    return normalize(values, direction: direction, with: inner, entityCodes: entityCodes)
  }
  var out: [Double] = []
  out.reserveCapacity(values.count)
  var problem: NormalizeProblem?
  var start = 0
  while start < values.count {
    let end = Swift.min(start + entityCount, values.count)
    let period = normalize(
      Array(values[start..<end]), direction: direction, with: inner, entityCodes: entityCodes)
    out += period.values
    problem = problem ?? period.problem
    start = end
  }
  return NormalizeOutcome(values: out, problem: problem)
}

extension Normalizer {
  /// Whether the normalizer pools every scored period (`global`).
  public var isGlobal: Bool {
    if case .global = self { return true }
    return false
  }

  /// The method a `global` normalizer pools with (a loop: a hand-built plan may nest them).
  public var pooledMethod: Normalizer {
    var inner = self
    while case .global(let wrapped) = inner { inner = wrapped }
    return inner
  }
}
