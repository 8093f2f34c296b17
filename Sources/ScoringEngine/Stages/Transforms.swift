#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fixed transformations of one indicator, one period: plain logs and COINr's shifted
/// logs and Box–Cox (`R/treat.R`: `log_CT`, `log_CT_plus`, `log_CT_orig`, `log_GII`,
/// `boxcox`).
///
/// Each is one function of the values (entity order, NaN = missing). Minimum, maximum and
/// skew are those of the values present (COINr with `na.rm = TRUE`). A value whose transform
/// has no finite result (the log of a number ≤ 0) becomes missing and is listed, so the
/// caller can say which entities were lost; the others are transformed.

/// The transformed values and the entities that became missing.
public struct TransformOutcome: Sendable, Equatable {
  public var values: [Double]
  /// Entities with a value whose transform is undefined (NaN in `values`).
  public var undefined: [Int]
}

/// Applies one of the fixed transformations; any other treatment returns the values as they
/// are.
public func transform(_ x: [Double], with treatment: Treatment) -> TransformOutcome {
  switch treatment {
  case .log: naturalLog(x)
  case .log10: commonLog(x)
  case .shiftedLog: shiftedLog(x)
  case .signedShiftedLog: signedShiftedLog(x)
  case .logPlusOne: logPlusOne(x)
  case .giiLog: giiLog(x)
  case .boxCox(let lambda): boxCox(x, lambda: lambda)
  case .none, .winsorize: TransformOutcome(values: x, undefined: [])
  }
}

/// ln x; x ≤ 0 is undefined.
public func naturalLog(_ x: [Double]) -> TransformOutcome {
  mapDefined(x) { $0 > 0 ? log($0) : .nan }
}

/// log₁₀ x; x ≤ 0 is undefined.
public func commonLog(_ x: [Double]) -> TransformOutcome {
  mapDefined(x) { $0 > 0 ? log10($0) : .nan }
}

/// COINr's `log_CT`: ln(x − min + a) with a = 0.01·(max − min); with no spread every value is
/// undefined (ln 0).
public func shiftedLog(_ x: [Double]) -> TransformOutcome {
  let (low, high) = (Statistics.minimum(x), Statistics.maximum(x))
  let pad = 0.01 * (high - low)
  return mapDefined(x) { v in
    let argument = v - low + pad
    return argument > 0 ? log(argument) : .nan
  }
}

/// COINr's `log_CT_plus`, a shifted log that also pulls in a long left tail.
///
/// `log_CT` when the skew is positive, else −ln(max + a − x), the same shift mirrored. An
/// undefined skew (fewer than three values, or no spread) takes the second branch (in COINr
/// the `skew > 0` test then stops with an error and the indicator is left untreated).
public func signedShiftedLog(_ x: [Double]) -> TransformOutcome {
  guard Statistics.skewness(x) > 0 else {
    let (low, high) = (Statistics.minimum(x), Statistics.maximum(x))
    let pad = 0.01 * (high - low)
    return mapDefined(x) { v in
      let argument = high + pad - v
      return argument > 0 ? -log(argument) : .nan
    }
  }
  return shiftedLog(x)
}

/// COINr's `log_CT_orig`: ln(x − min + 1), defined for every value.
public func logPlusOne(_ x: [Double]) -> TransformOutcome {
  let low = Statistics.minimum(x)
  return mapDefined(x) { log($0 - low + 1) }
}

/// The GII 2020 log, COINr's `log_GII`: ln((max − 1)(x − min)/(max − min) + 1).
///
/// It maps min to 0 and max to ln(max), so it reverses the order when max < 1 and is undefined
/// for values whose argument is ≤ 0 (COINr warns against it for that reason). With no spread
/// every value is undefined.
public func giiLog(_ x: [Double]) -> TransformOutcome {
  let (low, high) = (Statistics.minimum(x), Statistics.maximum(x))
  guard high > low else { return mapDefined(x) { _ in .nan } }
  return mapDefined(x) { v in
    let argument = (high - 1) * (v - low) / (high - low) + 1
    return argument > 0 ? log(argument) : .nan
  }
}

/// COINr's `boxcox(x, lambda, makepos = TRUE)`, the Box–Cox transform of shifted values.
///
/// z = x − min + 1, then (z^λ − 1)/λ, or ln z for λ = 0. A result beyond the double range is
/// undefined.
public func boxCox(_ x: [Double], lambda: Double) -> TransformOutcome {
  let low = Statistics.minimum(x)
  return mapDefined(x) { v in
    let z = v - low + 1
    return lambda == 0 ? log(z) : (pow(z, lambda) - 1) / lambda
  }
}

/// Maps the present values; results that are not finite become missing and are listed.
private func mapDefined(_ x: [Double], _ f: (Double) -> Double) -> TransformOutcome {
  var values = [Double](repeating: .nan, count: x.count)
  var undefined: [Int] = []
  for (e, v) in x.enumerated() where !v.isNaN {
    let result = f(v)
    if result.isFinite {
      values[e] = result
    } else {
      undefined.append(e)
    }
  }
  return TransformOutcome(values: values, undefined: undefined)
}
