/// One problem found in the user's input, as data: rendering is a separate step.
///
/// Every diagnostic has a stable code (`E01xx` syntax, `E02xx` names, `E03xx` methodology
/// rules, `E04xx` data and evaluation, `Wxxxx` warnings), a lowercase headline, labelled spans,
/// and notes and help lines that say what to do about it.
public struct Diagnostic: Sendable, Equatable {
  /// How serious a diagnostic is; errors make a run fail with exit code 1.
  public enum Severity: String, Sendable, Comparable {
    case error
    case warning
    case note

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs.rank < rhs.rank
    }

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }
  }

  /// A span with a short explanation shown under it.
  public struct Label: Sendable, Equatable {
    public var span: Span
    public var message: String

    public init(_ span: Span, _ message: String = "") {
      self.span = span
      self.message = message
    }
  }

  public var severity: Severity
  public var code: String
  public var message: String
  /// Where the problem is; `nil` for problems that belong to no file (a plan built in Swift).
  public var primary: Label?
  /// Other places that explain the problem (the first declaration of a duplicate, say).
  public var secondary: [Label]
  /// Plain statements of fact that help understand the problem.
  public var notes: [String]
  /// Concrete suggestions: what to write instead.
  public var help: [String]

  public init(
    _ severity: Severity, code: String, message: String, at primary: Label? = nil,
    secondary: [Label] = [], notes: [String] = [], help: [String] = []
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.primary = primary
    self.secondary = secondary
    self.notes = notes
    self.help = help
  }

  public static func error(
    _ code: String, _ message: String, at span: Span? = nil, label: String = "",
    notes: [String] = [], help: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      .error, code: code, message: message, at: span.map { Label($0, label) }, notes: notes,
      help: help)
  }

  public static func warning(
    _ code: String, _ message: String, at span: Span? = nil, label: String = "",
    notes: [String] = [], help: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      .warning, code: code, message: message, at: span.map { Label($0, label) }, notes: notes,
      help: help)
  }

  public var isError: Bool { severity == .error }
}

extension Array where Element == Diagnostic {
  /// True when any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.isError } }

  /// Sorted by file, position, then original order, so output is stable whatever order stages
  /// ran in.
  ///
  /// Sorts small keys rather than the diagnostics themselves, so that a run with 100,000
  /// diagnostics does not copy each one at every comparison.
  public func sortedByLocation() -> [Diagnostic] {
    let keys = map { ($0.primary?.span.file.path, $0.primary?.span.start ?? 0) }
    let order = indices.sorted { lhs, rhs in
      switch (keys[lhs].0, keys[rhs].0) {
      case (nil, nil): return lhs < rhs
      case (nil, _): return false
      case (_, nil): return true
      case (let a?, let b?):
        if a != b { return a < b }
        if keys[lhs].1 != keys[rhs].1 { return keys[lhs].1 < keys[rhs].1 }
        return lhs < rhs
      }
    }
    return order.map { self[$0] }
  }
}
