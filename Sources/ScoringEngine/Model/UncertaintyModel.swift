import Diagnostics

/// The uncertainty a methodology declares, as plain values: what a Monte Carlo analysis may
/// vary, by how much, and how many draws it takes from which seed.
///
/// Like `Plan`, it knows nothing about syntax: the language checks an `uncertainty` block and
/// builds one, a Swift user can build one by hand. Nodes are positions in the plan it was
/// checked against. Each `Source` is one declared assumption (one line of the block): it is
/// one input of a variance-based sensitivity analysis, however many numbers it draws.
public struct UncertaintyModel: Sendable {
  /// Draws of the Monte Carlo analysis (the base sample of a sensitivity analysis).
  public var draws: Int
  /// The seed every random number of the analysis derives from.
  public var seed: UInt64
  /// The declared assumptions, in the order written.
  public var sources: [Source]
  /// The block, for messages that point at it.
  public var span: Span?

  /// The draws when the block does not say.
  public static let defaultDraws = 1000
  /// The seed when the block does not say.
  public static let defaultSeed: UInt64 = 1

  public init(
    draws: Int = defaultDraws, seed: UInt64 = defaultSeed, sources: [Source] = [],
    span: Span? = nil
  ) {
    self.draws = draws
    self.seed = seed
    self.sources = sources
    self.span = span
  }

  /// One declared assumption: a name as output shows it, what it says, and what it varies.
  public struct Source: Sendable {
    /// The property as written: `weights`, `research.weight`, `normalize`, `exclude`, or
    /// `ratings` for the soft ratings sampled without a line of their own.
    public var name: String
    /// What it declares, in words for tables: `±25%`, `one of minmax, zscore`.
    public var summary: String
    public var span: Span?
    public var kind: Kind

    public init(name: String, summary: String, span: Span? = nil, kind: Kind) {
      self.name = name
      self.summary = summary
      self.span = span
      self.kind = kind
    }
  }

  /// What a source varies.
  public enum Kind: Sendable {
    /// Each listed member weight multiplied by a factor uniform in [1 − p, 1 + p]; then each
    /// group it touched is rescaled to its nominal total.
    case weights([WeightSpread])
    /// One normalizer for all the listed indicators, drawn uniformly.
    case normalizer(nodes: [Int], Alternatives<Normalizer>)
    /// One aggregator for all the listed aggregates, drawn uniformly.
    case aggregator(nodes: [Int], Alternatives<Aggregator>)
    /// One imputation method for all the listed indicators, drawn uniformly.
    case imputation(nodes: [Int], Alternatives<Imputation>)
    /// One treatment for all the listed indicators, drawn uniformly.
    case treatment(nodes: [Int], Alternatives<Treatment>)
    /// Every rating of the listed soft indicators drawn from its range (`ratingRanges`).
    case ratings(nodes: [Int], shape: RatingShape)
    /// Every raw value of the listed indicators perturbed, cell by cell.
    case noise(nodes: [Int], Noise)
    /// One member left out of the index (or none), drawn uniformly; its siblings' weights
    /// are rescaled to their group's nominal total.
    case exclusion(Alternatives<Int?>)
  }

  /// A member's weight and the half-width of its perturbation, as a share of the weight.
  public struct WeightSpread: Sendable, Equatable {
    /// The aggregate node whose member list holds the weight.
    public var parent: Int
    /// The position of the member in that list.
    public var member: Int
    /// p in ±p: the weight is drawn uniformly from [w(1 − p), w(1 + p)].
    public var spread: Double

    public init(parent: Int, member: Int, spread: Double) {
      self.parent = parent
      self.member = member
      self.spread = spread
    }
  }

  /// Discrete alternatives, each drawn with the same probability, with how each is written.
  public struct Alternatives<Value: Sendable>: Sendable {
    public var values: [Value]
    public var labels: [String]

    public init(values: [Value], labels: [String]) {
      self.values = values
      self.labels = labels
    }
  }

  /// How a rating is drawn from its range.
  public enum RatingShape: String, Sendable, Equatable {
    /// Every value of the range equally likely.
    case uniform
    /// Triangular: most likely at the rating itself, falling linearly to the range's ends.
    case triangular
  }

  /// How a raw value is perturbed.
  public enum Noise: Sendable, Equatable {
    /// x · (1 + u), u uniform in [−p, p].
    case relative(Double)
    /// x + σ·z, z standard normal: a declared standard error in the indicator's units.
    case standardError(Double)
    /// x · (1 + s·z), z standard normal: a standard error as a share of the value.
    case relativeError(Double)
  }

  /// Whether the model varies anything: without a source every draw is the nominal result.
  public var hasSpread: Bool { !sources.isEmpty }
}
