import Diagnostics

/// Unit screening, as a plain value: which entities a methodology scores at all.
///
/// COINr's `Screen()` drops the units (rows) whose data availability falls below a threshold
/// before anything else is computed, so that no conclusion rests on a handful of values;
/// `Force` makes exceptions both ways. Here each rule counts the raw values of the indicators
/// under one aggregate (the index: every indicator), over every scored period together, so an
/// entity is scored in every period or in none.
public struct Screening: Sendable, Equatable {
  /// The thresholds, in the order they were declared (the index's first).
  public var rules: [Rule]
  /// Entities scored whatever their data (COINr's `Force` with `Include = TRUE`).
  public var include: [String]
  /// Entities never scored (COINr's `Force` with `Include = FALSE`).
  public var exclude: [String]
  /// The index's `screen:`, for messages about the screening as a whole.
  public var span: Span?

  public init(
    rules: [Rule] = [], include: [String] = [], exclude: [String] = [], span: Span? = nil
  ) {
    self.rules = rules
    self.include = include
    self.exclude = exclude
    self.span = span
  }

  /// Whether the screening can drop anyone.
  public var isEmpty: Bool { rules.isEmpty && exclude.isEmpty }

  /// One threshold on the indicators under one aggregate.
  public struct Rule: Sendable, Equatable {
    /// The aggregate whose indicators (every one below it in the tree) are counted.
    public var node: Int
    /// The least share of those cells that must have a value (COINr's `dat_thresh`).
    public var availability: Double?
    /// The least share of the present values that must not be zero (COINr's
    /// `nonzero_thresh`).
    public var nonzero: Double?
    /// The declaration, for the warning that lists who was dropped.
    public var span: Span?

    public init(node: Int, availability: Double? = nil, nonzero: Double? = nil, span: Span? = nil) {
      self.node = node
      self.availability = availability
      self.nonzero = nonzero
      self.span = span
    }
  }
}

/// An entity the screening left out, and why.
public struct ScreenedEntity: Sendable, Equatable {
  public var code: String
  public var name: String
  public var reason: Reason

  public init(code: String, name: String, reason: Reason) {
    self.code = code
    self.name = name
    self.reason = reason
  }

  /// Why an entity is not scored.
  public enum Reason: Sendable, Equatable {
    /// Its share of present values under `node` is `share`, below `threshold`.
    case availability(node: String, share: Double, threshold: Double)
    /// Its share of non-zero values among the present ones under `node` is below `threshold`.
    case nonzero(node: String, share: Double, threshold: Double)
    /// Named in `exclude:`.
    case excluded
  }
}

/// What screening did to a table: who left, and the table before, so that screening the
/// screened table again (a rescoring with another screening) starts from every entity.
public struct ScreenRecord: Sendable {
  public var dropped: [ScreenedEntity]
  /// Warnings and errors of the screening (the list of dropped entities, unknown codes).
  public var diagnostics: [Diagnostic]
  /// The table as it was before screening.
  public var original: Original

  /// The unscreened table, by reference (a table cannot hold a table by value).
  public final class Original: Sendable {
    public let table: DataTable
    init(_ table: DataTable) { self.table = table }
  }
}
