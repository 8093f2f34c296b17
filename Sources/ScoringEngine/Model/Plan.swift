import Diagnostics

/// A whole methodology, ready to run: a tree of nodes over a dataset.
///
/// The plan knows nothing about syntax. The language lowers a checked `.idx` file to a plan,
/// and a Swift user can build one by hand. Spans, when present, only let the engine point its
/// warnings at the declaration that caused them.
public struct Plan: Sendable {
  public var name: String
  public var label: String?
  /// Indicators and aggregates; members refer to other nodes by index into this array.
  public var nodes: [Node]
  /// The index node (the root of the tree).
  public var root: Int
  /// Periods to score; empty scores every period of the data.
  public var periods: [Int]
  /// Presentation scaling of the root score.
  public var scaling: Scaling
  /// Which entities are scored at all (COINr's `Screen`); nil scores every entity.
  public var screening: Screening?

  public init(
    name: String, label: String? = nil, nodes: [Node], root: Int, periods: [Int] = [],
    scaling: Scaling = .none
  ) {
    self.name = name
    self.label = label
    self.nodes = nodes
    self.root = root
    self.periods = periods
    self.scaling = scaling
  }

  /// The index of the node with the given name.
  public func nodeIndex(_ name: String) -> Int? {
    nodes.firstIndex { $0.name == name }
  }

  /// One node of the tree: an indicator (a leaf) or an aggregate of members.
  public struct Node: Sendable {
    public var name: String
    public var label: String?
    /// The `///` doc comment, shown by explain and reports.
    public var doc: String?
    /// The declaration, for diagnostics.
    public var span: Span?
    public var kind: Kind
    /// Judgement adjustments, each with its reason (raw units on indicators, points on
    /// aggregates).
    public var adjustments: [Adjustment]
    /// Where the node's raw values come from, as written (`ai.ai_papers / ai.population in
    /// data/ai.csv`), for provenance in explanations.
    public var origin: String? {
      get {
        guard let originFiles else { return originWritten }
        return (originWritten ?? "") + originFiles
      }
      set {
        originWritten = newValue
        originFiles = nil
      }
    }
    /// `origin` in two parts, the value as written and what follows it (the data files it
    /// reads): the second is the same for most nodes of a plan, so it is shared between them
    /// rather than copied into a string of each node's own.
    private var originWritten: String?
    private var originFiles: String?
    /// Part of a shared library (`use`): not reported as unused when nothing reads it.
    public var isLibrary = false

    public init(
      name: String, label: String? = nil, doc: String? = nil, span: Span? = nil, kind: Kind,
      adjustments: [Adjustment] = []
    ) {
      self.name = name
      self.label = label
      self.doc = doc
      self.span = span
      self.kind = kind
      self.adjustments = adjustments
    }

    /// Sets `origin` to `written` followed by `files`, keeping the two apart (a plan's nodes
    /// share one `files` string).
    public mutating func setOrigin(written: String, files: String?) {
      originWritten = written
      originFiles = files
    }

    /// An indicator leaf or an aggregate.
    public enum Kind: Sendable {
      case indicator(Indicator)
      case aggregate(Aggregate)
    }

    public var indicator: Indicator? {
      if case .indicator(let indicator) = kind { return indicator }
      return nil
    }

    public var aggregate: Aggregate? {
      if case .aggregate(let aggregate) = kind { return aggregate }
      return nil
    }
  }

  /// Where an indicator's raw values come from and how they become a score.
  public struct Indicator: Sendable {
    public var source: Source
    public var direction: Direction
    public var imputation: Imputation
    public var treatment: Treatment
    public var normalizer: Normalizer
    /// For expert ratings: each entity's plausible range, as the panel gave it or the
    /// scale's default; the uncertainty analysis samples from it.
    public var ratingRanges: [String: ClosedRange<Double>] = [:]

    public init(
      source: Source, direction: Direction = .higher, imputation: Imputation = .none,
      treatment: Treatment = .none, normalizer: Normalizer = .identity
    ) {
      self.source = source
      self.direction = direction
      self.imputation = imputation
      self.treatment = treatment
      self.normalizer = normalizer
    }

    /// Raw values: computed from data, or given per entity (expert ratings).
    public enum Source: Sendable {
      case formula(Formula)
      /// Soft indicator ratings per entity code, the same in each of `periods` (every period
      /// when nil); missing in the others.
      case ratings([String: Double], periods: [Int]? = nil)
    }
  }

  /// A node that combines its members' scores.
  public struct Aggregate: Sendable {
    public var members: [Member]
    public var aggregator: Aggregator
    /// Minimum share of members that must be present; below it the score is missing.
    public var coverage: Double?
    /// Whether the weights were written as percentages, which must total 100%.
    public var percentWeights: Bool
    /// Whether the member weights are the written ones or derived from the data at run time.
    public var weighting: Weighting

    public init(
      members: [Member], aggregator: Aggregator = .arithmetic, coverage: Double? = nil,
      percentWeights: Bool = false, weighting: Weighting = .declared
    ) {
      self.members = members
      self.aggregator = aggregator
      self.coverage = coverage
      self.percentWeights = percentWeights
      self.weighting = weighting
    }
  }

  /// A member of an aggregate with its weight (relative within the group).
  public struct Member: Sendable {
    public var node: Int
    public var weight: Double
    public var span: Span?

    public init(node: Int, weight: Double = 1, span: Span? = nil) {
      self.node = node
      self.weight = weight
      self.span = span
    }
  }

  /// A judgement call on one entity's value, which must say why.
  public struct Adjustment: Sendable {
    public var entity: String
    public var delta: Double
    public var because: String
    public var source: String?
    public var span: Span?

    public init(
      entity: String, delta: Double, because: String, source: String? = nil,
      span: Span? = nil
    ) {
      self.entity = entity
      self.delta = delta
      self.because = because
      self.source = source
      self.span = span
    }
  }
}
