#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Normalization: one indicator's values, one period, onto a common scale.
///
/// Direction is applied first by negating the values (COINr's convention), so every normalizer
/// sees "higher is better". Fixed bounds are negated with the values (the interval [l, u] becomes
/// [−u, −l]), so `goalposts(l, u)` on a lower-is-better indicator gives (u − x)/(u − l). The one
/// exception is the logarithmic goalpost, whose bounds cannot be negated: it is computed on the
/// raw values and reversed as 1 − r.

/// The normalized values, and what went wrong if anything did.
public struct NormalizeOutcome: Sendable {
  /// One value per entity, in entity order; NaN where missing.
  public var values: [Double]
  /// Why some or all values are missing, when the normalizer could not do its job.
  public var problem: NormalizeProblem?

  public init(values: [Double], problem: NormalizeProblem? = nil) {
    self.values = values
    self.problem = problem
  }
}

/// Why a normalizer (or the final scaling) could not produce every value.
///
/// Every case except `nonPositiveForLog` means the whole result is missing.
public enum NormalizeProblem: Sendable, Equatable {
  /// No entity has a value.
  case allMissing
  /// The present values do not vary (max = min, sd = 0, or a single value).
  case noSpread
  /// The reference entity is not one of the entities.
  case referenceUnknown(String)
  /// The reference entity has no value.
  case referenceMissing(String)
  /// The divisor (the maximum for `fracmax` and `leader`, the reference for `relative`) is ≤ 0,
  /// so the ratio would be undefined or reversed.
  case nonPositiveReference
  /// The target (of `dist2target`, or the reference value of `dist2ref`) is not above the
  /// minimum, so the distance to it is zero or reversed.
  case targetNotAboveMinimum
  /// Fixed bounds are empty or reversed (high ≤ low), or not positive for a logarithmic goalpost.
  case invalidBounds
  /// A logarithmic goalpost met values ≤ 0: these entities are missing, the others are scored.
  case nonPositiveForLog(entities: [Int])
}

/// Normalizes one indicator's values (one period, entity order, NaN = missing).
///
/// `entityCodes` names the entities in order; only `dist2ref` reads it.
public func normalize(
  _ x: [Double], direction: Direction, with normalizer: Normalizer, entityCodes: [String] = []
) -> NormalizeOutcome {
  let sign = direction.sign
  // One period is a panel of one (`normalizeAcrossPeriods` pools several).
  let normalizer = normalizer.pooledMethod
  if case .minmax(let output) = normalizer {
    return minmax(x, sign: sign, output: output)
  }
  let y = sign == 1 ? x : x.map { -$0 }
  guard y.contains(where: { !$0.isNaN }) else {
    return NormalizeOutcome(values: y, problem: y.isEmpty ? nil : .allMissing)
  }
  switch normalizer {
  case .identity, .global:
    return NormalizeOutcome(values: y)
  case .minmax(let output):
    return minmax(x, sign: sign, output: output)
  case .zscore(let mean, let sd):
    let m = Statistics.mean(y)
    let s = Statistics.sampleStandardDeviation(y)
    guard s > 0 else { return missing(y, .noSpread) }
    return NormalizeOutcome(values: y.map { ($0 - m) / s * sd + mean })
  case .scaled(let low, let high, let factor):
    guard high > low else { return missing(y, .invalidBounds) }
    let (l, u) = sign == 1 ? (low, high) : (-high, -low)
    return NormalizeOutcome(values: y.map { ratio($0, l, u, l) * factor })
  case .goalposts(let low, let high, let output, let logarithmic):
    if logarithmic {
      return logGoalposts(x, low: low, high: high, output: output, reversed: sign != 1)
    }
    guard high > low else { return missing(y, .invalidBounds) }
    let (l, u) = sign == 1 ? (low, high) : (-high, -low)
    return NormalizeOutcome(values: y.map { onto(output, clipped(ratio($0, l, u, l))) })
  case .fracmax(let output):
    let top = Statistics.maximum(y)
    guard top > 0 else { return missing(y, .nonPositiveReference) }
    return NormalizeOutcome(values: y.map { onto(output, $0 / top) })
  case .dist2max(let output):
    let (bottom, top) = (Statistics.minimum(y), Statistics.maximum(y))
    guard top > bottom else { return missing(y, .noSpread) }
    return NormalizeOutcome(values: y.map { onto(output, 1 - ratio(top, $0, top, bottom)) })
  case .dist2ref(let code, let cap, let output):
    guard let e = entityCodes.firstIndex(of: code), e < y.count else {
      return missing(y, .referenceUnknown(code))
    }
    let reference = y[e]
    guard !reference.isNaN else { return missing(y, .referenceMissing(code)) }
    let bottom = Statistics.minimum(y)
    guard reference > bottom else { return missing(y, .targetNotAboveMinimum) }
    return NormalizeOutcome(
      values: y.map { v in
        let r = 1 - ratio(reference, v, reference, bottom)
        return onto(output, cap ? min(r, 1) : r)
      })
  case .dist2target(let target, let cap, let output):
    let t = sign * target
    let bottom = Statistics.minimum(y)
    guard t > bottom else { return missing(y, .targetNotAboveMinimum) }
    return NormalizeOutcome(
      values: y.map { v in
        let r = ratio(v, bottom, t, bottom)
        return onto(output, cap ? min(r, 1) : r)
      })
  case .rank(let ties):
    return NormalizeOutcome(values: ascendingRanks(y, ties: ties))
  case .borda(let ties):
    return NormalizeOutcome(values: ascendingRanks(y, ties: ties).map { $0 - 1 })
  case .percentile(let output, let ties):
    let n = Double(Statistics.count(y))
    guard n > 1 else { return missing(y, .noSpread) }
    return NormalizeOutcome(
      values: ascendingRanks(y, ties: ties).map { onto(output, ($0 - 1) / (n - 1)) })
  }
}

/// Min-max as one pass for the extremes and one for the mapping, with no per-cell allocation:
/// it runs on every indicator of every period, so it is written for speed.
private func minmax(_ x: [Double], sign: Double, output: ClosedRange<Double>) -> NormalizeOutcome {
  let (bottom, top) = x.withUnsafeBufferPointer { signedExtremes($0, sign: sign) }
  guard bottom <= top else {
    return NormalizeOutcome(values: x, problem: x.isEmpty ? nil : .allMissing)
  }
  guard bottom < top else { return missing(x, .noSpread) }
  // Data spanning more than the double range is halved first (exact), so the span is finite.
  let half = (top - bottom).isFinite ? 1.0 : 0.5
  let scale = (output.upperBound - output.lowerBound) / (top * half - bottom * half)
  let offset = output.lowerBound
  let values = [Double](unsafeUninitializedCapacity: x.count) { target, initialized in
    x.withUnsafeBufferPointer { source in
      for i in 0..<source.count {
        target[i] = (sign * source[i] * half - bottom * half) * scale + offset
      }
    }
    initialized = x.count
  }
  return NormalizeOutcome(values: values)
}

/// The HDI income rule: (ln min(x, high) − ln low)/(ln high − ln low), clipped to [0, 1].
///
/// Values ≤ 0 have no logarithm: they become missing and are listed.
private func logGoalposts(
  _ x: [Double], low: Double, high: Double, output: ClosedRange<Double>, reversed: Bool
) -> NormalizeOutcome {
  guard low > 0, high > low else { return missing(x, .invalidBounds) }
  let lnLow = log(low)
  let lnSpan = log(high) - lnLow
  var nonPositive: [Int] = []
  var values = [Double](repeating: .nan, count: x.count)
  for (e, v) in x.enumerated() where !v.isNaN {
    guard v > 0 else {
      nonPositive.append(e)
      continue
    }
    let r = clipped((log(min(v, high)) - lnLow) / lnSpan)
    values[e] = onto(output, reversed ? 1 - r : r)
  }
  return NormalizeOutcome(
    values: values, problem: nonPositive.isEmpty ? nil : .nonPositiveForLog(entities: nonPositive))
}

/// (a − b)/(c − d), right even for values near ±1.8e308.
///
/// When a difference overflows, every term is halved first (exactly), so the ratio is not
/// 0 or infinity.
@inline(__always)
private func ratio(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
  let numerator = a - b
  let denominator = c - d
  if numerator.isFinite && denominator.isFinite { return numerator / denominator }
  return (a * 0.5 - b * 0.5) / (c * 0.5 - d * 0.5)
}

/// Every value missing, for the given reason.
private func missing(_ x: [Double], _ problem: NormalizeProblem) -> NormalizeOutcome {
  NormalizeOutcome(values: [Double](repeating: .nan, count: x.count), problem: problem)
}

/// A value in [0, 1] placed on the output range; NaN stays NaN.
func onto(_ output: ClosedRange<Double>, _ r: Double) -> Double {
  output.lowerBound + r * (output.upperBound - output.lowerBound)
}

/// Clips to [0, 1], keeping NaN.
private func clipped(_ r: Double) -> Double {
  r.isNaN ? r : min(max(r, 0), 1)
}
