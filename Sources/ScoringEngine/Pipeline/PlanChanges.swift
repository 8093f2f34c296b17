/// What differs between the plan (and data) a `Rescorer` scored and the one it is asked to
/// score, by the first pipeline stage that must rerun.
///
/// Each list names nodes by their index in the plan; a node may appear more than once, in any
/// order. Whatever is not listed must be the same in both plans: a caller that cannot say
/// what changed passes `.everything`, which is a full run.
public struct PlanChanges: Sendable, Equatable {
  /// Aggregates whose member weights, aggregator, coverage or adjustments changed (the members
  /// must be the same nodes): each is re-aggregated, then its ancestors.
  public var aggregates: [Int]
  /// Indicators whose adjustments, imputation, treatment, direction or normalizer changed: each
  /// reruns from imputation on, then its ancestors.
  public var indicators: [Int]
  /// Indicators whose raw values changed (their formula or ratings): each is evaluated again,
  /// with every indicator whose formula reads it, and reruns from imputation on.
  public var rawValues: [Int]
  /// Data columns with changed cells (the table passed with the plan): every indicator whose
  /// formula reads one is evaluated again, as for `rawValues`.
  public var variables: [String]
  /// Anything else (nodes added or removed, a new tree, other periods): a full run.
  public var everything: Bool

  public init(
    aggregates: [Int] = [], indicators: [Int] = [], rawValues: [Int] = [],
    variables: [String] = [], everything: Bool = false
  ) {
    self.aggregates = aggregates
    self.indicators = indicators
    self.rawValues = rawValues
    self.variables = variables
    self.everything = everything
  }

  /// Changes the engine cannot narrow down: the plan is run from scratch.
  public static let everything = PlanChanges(everything: true)

  /// Nothing changed but, perhaps, the root's scaling (which every rescoring reapplies).
  public var isEmpty: Bool {
    aggregates.isEmpty && indicators.isEmpty && rawValues.isEmpty && variables.isEmpty
      && !everything
  }
}
