import ScoringEngine

/// The statistics COINr's `get_stats()` reports for one indicator in one data set, with its
/// four flags, computed the same way.
///
/// Missing values are ignored by every statistic; `available` counts the values present.
/// Shares: `nonZeroShare`, `uniqueShare` and `sameShare` are over the values present (COINr's
/// `Frc.*`), `availability` over all entities. The flags follow COINr 1.1.14 exactly, which
/// divides by all entities for three of them (`Flag.NonZero` and `Flag.Unique` use n, not the
/// number available): availability < 65%, non-zero values < 50% of the entities, distinct
/// values < 50% of the entities, and |skew| > 2 together with kurtosis > 3.5.
public struct DescriptiveStatistics: Sendable, Equatable {
  /// How many entities there are (present or not).
  public var entities: Int
  /// How many values are present.
  public var available: Int
  public var minimum: Double
  public var maximum: Double
  public var mean: Double
  public var median: Double
  /// Sample standard deviation (n − 1).
  public var standardDeviation: Double
  /// Type-2 skewness and excess kurtosis (METHODS.md).
  public var skewness: Double
  public var kurtosis: Double
  /// Present values that are not zero.
  public var nonZero: Int
  /// Distinct present values.
  public var unique: Int
  /// How many present values share the most frequent value.
  public var same: Int
  /// The four flags.
  public var flags: Flags

  /// Thresholds of the flags (COINr's defaults).
  public struct Thresholds: Sendable, Equatable {
    public var availability = 0.65
    public var nonZero = 0.5
    public var unique = 0.5
    public var skewness = 2.0
    public var kurtosis = 3.5

    public init() {}
  }

  /// Which of COINr's flags are raised.
  public struct Flags: Sendable, Equatable {
    /// Fewer than 65% of the entities have a value.
    public var lowAvailability: Bool
    /// Fewer than 50% of the entities have a value other than zero.
    public var manyZeros: Bool
    /// Fewer than 50% of the entities have a distinct value.
    public var fewUnique: Bool
    /// |skew| > 2 and kurtosis > 3.5: likely outliers.
    public var outliers: Bool

    /// Whether any flag is raised.
    public var any: Bool { lowAvailability || manyZeros || fewUnique || outliers }
  }

  /// The share of entities with a value.
  public var availability: Double { entities == 0 ? .nan : Double(available) / Double(entities) }
  /// The share of present values that are not zero.
  public var nonZeroShare: Double { share(nonZero) }
  /// The share of present values that are distinct.
  public var uniqueShare: Double { share(unique) }
  /// The share of present values equal to the most frequent one.
  public var sameShare: Double { share(same) }

  private func share(_ count: Int) -> Double {
    available == 0 ? .nan : Double(count) / Double(available)
  }

  /// The statistics of `values` (one per entity, NaN = missing).
  public init(_ values: [Double], thresholds: Thresholds = Thresholds()) {
    entities = values.count
    let present = values.filter { !$0.isNaN }.sorted()
    available = present.count
    minimum = present.first ?? .nan
    maximum = present.last ?? .nan
    mean = Statistics.mean(present)
    let middle = present.count / 2
    median =
      present.isEmpty
      ? .nan
      : present.count % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2
    standardDeviation = Statistics.sampleStandardDeviation(present)
    skewness = Statistics.skewness(present)
    kurtosis = Statistics.kurtosis(present)
    nonZero = present.filter { $0 != 0 }.count
    var unique = 0
    var same = 0
    var run = 0
    for (i, v) in present.enumerated() {
      if i > 0 && present[i - 1] == v {
        run += 1
      } else {
        unique += 1
        run = 1
      }
      same = Swift.max(same, run)
    }
    self.unique = unique
    self.same = same
    let n = Double(entities)
    flags = Flags(
      lowAvailability: Double(available) / n < thresholds.availability,
      manyZeros: Double(nonZero) / n < thresholds.nonZero,
      fewUnique: Double(unique) / n < thresholds.unique,
      outliers: abs(skewness) > thresholds.skewness && kurtosis > thresholds.kurtosis)
  }
}
