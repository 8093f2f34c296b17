import Diagnostics

/// A methodology after name resolution: every declaration by name, forks applied, each value
/// still the syntax it was written as (with the file it came from).
///
/// Values stay syntax until lowering so that a fork's `set` can replace one and every error
/// still points at the line that wrote it, in whichever file that is.
public struct Methodology: Sendable {
  /// The `index` declaration: the root of the tree.
  public var index: Declaration?
  /// `data` declarations in order.
  public var data: [Declaration] = []
  /// Indicators, soft indicators and dimensions, in declaration order (bases first).
  public var nodes: [Declaration] = []
  /// Ordinal `scale`s for soft indicators.
  public var scales: [Declaration] = []
  /// The `uncertainty` block, if any.
  public var uncertainty: Declaration?
  /// Every file read, root first.
  public var files: [SourceFile] = []
  /// The fork edits applied, bases' first, in the order written: what each changed and why.
  public var edits: [Edit] = []
  /// Whether an `indicators from csv(…)` table could not be read (reported): the members its
  /// rows would have given are missing, so an empty node says nothing more.
  public var hasUnreadTable = false

  /// The node (indicator, soft indicator or dimension) with the given name.
  public func node(_ name: String) -> Declaration? {
    nodes.first { $0.name == name }
  }

  /// Any declaration with the given name.
  public func declaration(_ name: String) -> Declaration? {
    if index?.name == name { return index }
    return nodes.first { $0.name == name } ?? data.first { $0.name == name }
      ?? scales.first { $0.name == name }
  }
}

extension Methodology {
  /// One fork edit as applied: the paths it changed, where it is written, and its
  /// `because`/`source`/`by`, so that a comparison of methodologies can cite it.
  public struct Edit: Sendable {
    /// `set`, `add`, `remove`, `weights` or `adjust`.
    public var kind: String
    /// What it changed, as paths: `patents.normalize`, `soft` (a node added or removed, with
    /// all its properties), `performance.weight`, `research.adjust.CN`… The index is `index`.
    public var paths: [String]
    /// The whole edit statement.
    public var span: Span
    public var because: String?
    public var source: String?
    public var by: String?

    /// Whether the edit changed `path` (or the node `path` belongs to, for a whole node).
    public func touches(_ path: String) -> Bool {
      paths.contains { $0 == path || path.hasPrefix($0 + ".") }
    }
  }

  /// The last edit that changed `path`, if a fork changed it.
  public func edit(touching path: String) -> Edit? {
    edits.last { $0.touches(path) }
  }
}

/// A syntax value with the file it was written in, so it can be turned into a span.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var file: SourceFile

  public init(_ value: Value, in file: SourceFile) {
    self.value = value
    self.file = file
  }

  /// The span of a byte range in this value's file.
  public func span(_ range: ByteRange) -> Span {
    Span(file: file, start: range.start, end: range.end)
  }
}
