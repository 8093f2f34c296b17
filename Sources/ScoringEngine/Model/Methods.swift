/// The fixed library of methods a methodology chooses from, as plain values.
///
/// Each case is one row of a table in METHODS.md. The stage functions that carry them out
/// live in `Stages/`; a Swift user can build any of these by hand.

/// Whether higher raw values are better.
///
/// Lower-is-better indicators are negated before normalization (COINr's convention), so every normalizer sees "higher is better".
public enum Direction: String, Sendable, Equatable {
  case higher
  case lower

  /// The sign the raw values are multiplied by.
  public var sign: Double { self == .higher ? 1 : -1 }
}

/// How missing values of one indicator are filled.
public enum Imputation: Sendable, Equatable {
  /// Missing stays missing; aggregation drops it (the default).
  case none
  /// Mean of the entity's peers in the same period.
  case mean
  /// Median of the entity's peers in the same period.
  case median
  /// Mean within the entity's group (a data column such as `region`).
  case groupMean(group: String)
  /// Median within the entity's group.
  case groupMedian(group: String)
  /// Zero.
  case zero
  /// Last observation carried forward, from at most `maxAge` periods before (any age if nil).
  case latest(maxAge: Int?)
  /// Linear interpolation between the entity's observed periods, constant beyond the ends.
  case linear
  /// The entity's previous observation carried forward, and before its first observation the
  /// first one carried back (COINr's `impute_panel(imp_type = "constant")`, R's
  /// `approx(method = "constant", rule = 2)`).
  case constant
  /// The entity's own other indicators in the same aggregate and period (COINr's
  /// `impute_by = "row"`): their mean or median, on each indicator's min-max scale when
  /// `normalizeFirst` (COINr's `normalise_first`, its default), mapped back onto this one's.
  case row(RowStatistic, normalizeFirst: Bool)

  /// Whether the method works along an entity's time series rather than across entities.
  public var isPanel: Bool {
    switch self {
    case .latest, .linear, .constant: true
    default: false
    }
  }
}

/// What row imputation takes of an entity's other indicators.
public enum RowStatistic: String, Sendable, Equatable {
  case mean
  case median
}

/// Outlier treatment or a fixed transformation, applied after imputation.
public indirect enum Treatment: Sendable, Equatable {
  case none
  /// The JRC/COINr rule (`Winsorization`): only when |skew| and kurtosis exceed their
  /// thresholds, winsorize up to `winmax` points, then a fallback transform if it still fails.
  case winsorize(Winsorization)
  /// Natural log of the values (missing with a warning where not positive).
  case log
  /// Base-10 log of the values.
  case log10
  /// ln(x − min + 0.01·(max − min)): COINr's `log_CT`, a log that works for any values.
  case shiftedLog
  /// COINr's `log_CT_plus`: `shiftedLog` when the skew is positive, else
  /// −ln(max + 0.01·(max − min) − x), so a left tail is pulled in too.
  case signedShiftedLog
  /// ln(x − min + 1): COINr's `log_CT_orig`.
  case logPlusOne
  /// ln((max − 1)(x − min)/(max − min) + 1): the GII 2020 log, COINr's `log_GII`.
  case giiLog
  /// Box–Cox of x − min + 1: ((·)^λ − 1)/λ, or ln(·) for λ = 0 (COINr's `boxcox`).
  case boxCox(lambda: Double)

  /// COINr's defaults: winmax 5, |skew| > 2, kurtosis > 3.5, `log_CT` as the fallback.
  public static let jrcWinsorize = Treatment.winsorize(winmax: 5, skewness: 2, kurtosis: 3.5)

  /// The JRC rule with COINr's defaults beyond the three numbers (fallback `log_CT` on the
  /// original values, not forced).
  public static func winsorize(winmax: Int, skewness: Double, kurtosis: Double) -> Treatment {
    .winsorize(Winsorization(winmax: winmax, skewness: skewness, kurtosis: kurtosis))
  }

  /// Whether this is one of the fixed transformations (a valid winsorization fallback).
  public var isTransform: Bool {
    switch self {
    case .none, .winsorize: false
    case .log, .log10, .shiftedLog, .signedShiftedLog, .logPlusOne, .giiLog, .boxCox: true
    }
  }
}

/// The settings of the JRC/COINr winsorizing rule (COINr's `Treat()` with `f1 = "winsorise"`).
public struct Winsorization: Sendable, Equatable {
  /// The most points moved, counted as COINr counts them (METHODS.md).
  public var winmax: Int
  /// |skew| above this (and kurtosis above `kurtosis`) means the indicator fails.
  public var skewness: Double
  public var kurtosis: Double
  /// COINr's `force_win`: once an indicator fails, winsorize the full `winmax` points even
  /// if it passes earlier.
  public var force: Bool
  /// The transform applied when winsorization leaves the indicator failing (COINr's `f2`);
  /// `.none` keeps the winsorized values.
  public var fallback: Treatment
  /// COINr's `combine_treat`: apply the fallback to the winsorized values instead of the
  /// original ones.
  public var combine: Bool

  public init(
    winmax: Int = 5, skewness: Double = 2, kurtosis: Double = 3.5, force: Bool = false,
    fallback: Treatment = .shiftedLog, combine: Bool = false
  ) {
    self.winmax = winmax
    self.skewness = skewness
    self.kurtosis = kurtosis
    self.force = force
    self.fallback = fallback
    self.combine = combine
  }
}

/// How one indicator's values become comparable scores.
public indirect enum Normalizer: Sendable, Equatable {
  /// Leave values as they are (already scores).
  case identity
  /// (x − min)/(max − min), mapped onto `output` (default 0...100).
  case minmax(output: ClosedRange<Double>)
  /// (x − mean)/sd · sd' + mean', with the sample standard deviation.
  case zscore(mean: Double, sd: Double)
  /// (x − low)/(high − low) · factor, with fixed bounds and no clipping.
  case scaled(low: Double, high: Double, factor: Double)
  /// (x − low)/(high − low) clipped to [0, 1], mapped onto `output` (default 0...1).
  /// With `logarithmic`, the HDI income rule: (ln x − ln low)/(ln high − ln low).
  case goalposts(low: Double, high: Double, output: ClosedRange<Double>, logarithmic: Bool)
  /// x / max, mapped onto `output` (`ratio_to_leader`).
  case fracmax(output: ClosedRange<Double>)
  /// 1 − (max − x)/(max − min), mapped onto `output`.
  case dist2max(output: ClosedRange<Double>)
  /// 1 − (x_e − x)/(x_e − min) for the reference entity e, optionally capped at 1.
  case dist2ref(entity: String, cap: Bool, output: ClosedRange<Double>)
  /// (x − min)/(target − min), optionally capped at 1.
  case dist2target(target: Double, cap: Bool, output: ClosedRange<Double>)
  /// Rank ascending (1 = smallest), tied values ranked by `ties`.
  case rank(ties: RankTies)
  /// Rank − 1.
  case borda(ties: RankTies)
  /// (rank − 1)/(n − 1), mapped onto `output`.
  case percentile(output: ClosedRange<Double>, ties: RankTies)
  /// The normalizer over every scored period at once (COINr's `global = TRUE`): its minimum,
  /// maximum, mean, sd and ranks come from the whole panel, so scores compare across periods.
  case global(Normalizer)

  /// The default output of min-max: 0 to 100.
  public static let minmax100 = Normalizer.minmax(output: 0...100)
  /// Ranks with ties at the lowest rank (COINr's default).
  public static let rank = Normalizer.rank(ties: .min)
  public static let borda = Normalizer.borda(ties: .min)

  /// Percentile ranks with ties at the lowest rank (COINr's default).
  public static func percentile(output: ClosedRange<Double>) -> Normalizer {
    .percentile(output: output, ties: .min)
  }
}

/// The rank tied values share, as R's `rank(ties.method = …)`: for values tied at places
/// k…k+m−1, `min` gives k (sport ranking), `average` (k + k+m−1)/2, `max` k+m−1.
public enum RankTies: String, Sendable, Equatable, CaseIterable {
  case min
  case average
  case max
}

/// What a geometric mean does with a member value ≤ 0.
public enum NonPositivePolicy: Sendable, Equatable {
  /// The entity's score is missing and an error names the entity and member (the default).
  case error
  /// Values below `epsilon` are raised to it.
  case floor(Double)
  /// Every member value is shifted up by the constant before the mean (and back after).
  case shift(Double)
}

/// How a node combines its members' scores.
public enum Aggregator: Sendable, Equatable {
  /// Σ wᵢxᵢ / Σ wᵢ.
  case arithmetic
  /// Σ wᵢxᵢ over the members present, weights as written (not renormalized).
  case sum
  /// exp(Σ wᵢ ln xᵢ / Σ wᵢ).
  case geometric(NonPositivePolicy)
  /// Σ wᵢ / Σ (wᵢ/xᵢ).
  case harmonic
  /// (Σ wᵢ xᵢᵖ / Σ wᵢ)^(1/p).
  case power(Double)
  /// Weighted median.
  case median
  /// Minimum member score (full non-compensation).
  case minimum
  /// Copeland outranking score across entities.
  case copeland
  /// Benefit of the doubt: each entity's score under its own most favourable weights, the
  /// optimum of a small linear program (Cherchye et al. 2007); 1 = on the frontier.
  case benefitOfDoubt(ShareBounds)
  /// Mazziotta–Pareto index: M − S·cv with the sample standard deviation S of the member
  /// values, cv = S/M (Compind's `ci_mpi`, penalty for an index where higher is better).
  case mazziottaPareto
  /// Adjusted Mazziotta–Pareto index: M − S·cv with the population standard deviation
  /// (Compind's `ci_ampi`).
  case adjustedMazziottaPareto

  /// A geometric mean that rejects values ≤ 0.
  public static let geometricStrict = Aggregator.geometric(.error)

  /// Whether the method ignores declared weights: benefit of the doubt solves its own per
  /// entity, Mazziotta–Pareto is unweighted.
  public var setsItsOwnWeights: Bool {
    switch self {
    case .benefitOfDoubt, .mazziottaPareto, .adjustedMazziottaPareto: true
    default: false
    }
  }
}

/// How the final index score is rescaled for presentation.
public enum Scaling: Sendable, Equatable {
  case none
  /// factor · s / max s: the leader shows `factor` (Tortoise style).
  case leader(Double)
  /// min-max of the final scores onto the range.
  case minmax(ClosedRange<Double>)
  /// factor · s / s_e, relative to the named entity.
  case relative(entity: String, factor: Double)
}

/// Bounds on the share wᵢyᵢ / Σ wₗyₗ that one member may take of an entity's benefit-of-the-doubt
/// score (Cherchye et al.'s "pie shares"); 0 and 1 leave the weights free.
public struct ShareBounds: Sendable, Equatable {
  public var minimum: Double
  public var maximum: Double

  public init(minimum: Double = 0, maximum: Double = 1) {
    self.minimum = minimum
    self.maximum = maximum
  }

  /// No bound beyond non-negative weights.
  public static let free = ShareBounds()
}

/// Where an aggregate's member weights come from.
public enum Weighting: Sendable, Equatable {
  /// The weights written in the member list (the default).
  case declared
  /// Squared loadings of the first principal component of the members' scores, per period
  /// (OECD/JRC Handbook).
  case principalComponent
  /// Weights under which the members' correlation ratios with the aggregate are as equal as
  /// possible, per period (COINr's `get_opt_weights` idea, on first-order influence).
  case equalInfluence

  /// Whether the weights are computed from the data at run time.
  public var isDerived: Bool { self != .declared }
}
