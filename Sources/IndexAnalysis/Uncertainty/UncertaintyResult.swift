/// What a Monte Carlo analysis of a methodology found: every entity's rank and score
/// interval, the gap between two entities, and (when asked) which declared assumption
/// drives the uncertainty.
///
/// Plain values for output and reports: the command line prints them, a report can chart
/// them; `drawScores(of:)` gives every draw's score of one entity for histograms.
public struct UncertaintyResult: Sendable {
  /// The index's name and label.
  public var methodology: String
  public var label: String?
  /// The period analysed.
  public var period: Int
  /// Whether the period means something to the user (see `Results.hasPeriods`).
  public var hasPeriods: Bool
  public var draws: Int
  public var seed: UInt64
  /// The declared assumptions, in the order written.
  public var sources: [Source]
  /// Every entity, in nominal rank order (unscored entities last, by code).
  public var entities: [EntityInterval]
  /// The gap between two entities, by default the nominal top two.
  public var pair: PairComparison?
  /// Sensitivity indices, when asked for.
  public var sensitivity: Sensitivity?
  /// Problems the draws' runs reported, by code (each draw counted once per code).
  public var drawProblems: [DrawProblemSummary]
  /// Entity codes in table order, the columns of `scores`.
  var codes: [String]
  /// The draws' index scores: `draws` rows of `codes.count`, row-major.
  var scores: [Double]

  /// One declared assumption, as the block writes it.
  public struct Source: Sendable, Equatable {
    /// `weights`, `patents.normalize`, `exclude`, or `ratings` for implicit rating sampling.
    public var name: String
    /// What it declares: `±25%`, `one of arithmetic, geometric`.
    public var summary: String
  }

  /// A 90% interval and its median.
  public struct Interval: Sendable, Equatable {
    /// The 5th percentile.
    public var low: Double
    public var median: Double
    /// The 95th percentile.
    public var high: Double
  }

  /// One entity: its nominal result and how the draws spread it.
  public struct EntityInterval: Sendable, Equatable {
    public var code: String
    public var name: String
    /// The published (nominal) score and rank, nil when it has none.
    public var nominalScore: Double?
    public var nominalRank: Int?
    /// Draws in which it has a score.
    public var scoredDraws: Int
    /// Rank over the draws (median and 5th–95th percentile, R's type 7), nil when unscored.
    public var rank: Interval?
    /// Score over the draws.
    public var score: Interval?
  }

  /// The gap A − B between two entities over the draws.
  public struct PairComparison: Sendable, Equatable {
    public var first: String
    public var firstName: String
    public var second: String
    public var secondName: String
    /// A − B in the nominal methodology.
    public var nominalGap: Double?
    /// Draws in which both have a score.
    public var comparedDraws: Int
    /// The share of those draws in which A is ranked above B (its score is higher).
    public var probabilityAhead: Double?
    /// The gap's median and 90% interval.
    public var gap: Interval?
  }

  /// First-order and total indices of one output to every source.
  public struct Sensitivity: Sendable, Equatable {
    /// N, and the N(d + 2) runs of the design.
    public var baseDraws: Int
    public var runs: Int
    /// Bootstrap resamples behind each interval.
    public var resamples: Int
    /// The pair's gap, sources sorted by total index (largest first); nil when the gap does
    /// not vary or some run has no gap.
    public var gap: [SourceSensitivity]?
    /// Each entity's rank, in the order of `entities`, with one index per source in the
    /// order of `sources` (nil for an entity whose rank does not vary or is sometimes
    /// missing).
    public var ranks: [EntitySensitivity]
  }

  /// One source's indices.
  public struct SourceSensitivity: Sendable, Equatable {
    /// Position in `sources`.
    public var source: Int
    public var index: SensitivityIndex
  }

  /// One entity's rank indices.
  public struct EntitySensitivity: Sendable, Equatable {
    public var code: String
    public var indices: [SensitivityIndex]?
  }

  /// A problem the draws' runs reported, with how many draws reported it.
  public struct DrawProblemSummary: Sendable, Equatable {
    public var code: String
    /// The headline of the first draw (in draw order) that reported it.
    public var message: String
    public var draws: Int
    public var isError: Bool
  }

  /// Every draw's score of one entity (NaN where it has none), or nil for an unknown code.
  public func drawScores(of code: String) -> [Double]? {
    guard let column = codes.firstIndex(of: code) else { return nil }
    return stride(from: column, to: scores.count, by: codes.count).map { scores[$0] }
  }
}

/// A variance-based sensitivity index with its 90% bootstrap interval.
public struct SensitivityIndex: Sendable, Equatable {
  /// The share of the output's variance this source explains alone (Saltelli 2010).
  public var firstOrder: Double
  public var firstOrderLow: Double
  public var firstOrderHigh: Double
  /// The share it explains with all its interactions (Jansen 1999).
  public var total: Double
  public var totalLow: Double
  public var totalHigh: Double
}
