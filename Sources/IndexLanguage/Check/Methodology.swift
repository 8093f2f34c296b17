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

/// One declaration of any kind, with its properties and members as written.
///
/// A value with copy-on-write storage: the checker, the editor and the language server pass
/// declarations around and keep them in arrays and optionals, and a copy of the fields
/// themselves costs a reference count for each of about twenty strings, spans and arrays. A
/// copy here costs one; the first change to a shared copy duplicates the fields once.
public struct Declaration: Sendable {
  private var storage: Storage

  public init(
    kind: DeclSyntax.Kind,
    name: String,
    nameSpan: Span,
    label: String?,
    doc: String?,
    span: Span,
    file: SourceFile,
    properties: [Property] = [],
    fromLibrary: Bool = false,
    hasUnknownProperties: Bool = false,
    members: [Member]? = nil,
    membersSpan: Span? = nil,
    ratings: [Located<RatingSyntax>] = [],
    adjustments: [Located<AdjustSyntax>] = [],
    levels: [Located<LevelSyntax>] = [],
    source: Located<ExprSyntax>? = nil,
    scaleType: String? = nil,
    scaleRange: Located<ExprSyntax>? = nil
  ) {
    storage = Storage(
      kind: kind,
      name: name,
      nameSpan: nameSpan,
      label: label,
      doc: doc,
      span: span,
      file: file,
      properties: properties,
      fromLibrary: fromLibrary,
      hasUnknownProperties: hasUnknownProperties,
      members: members,
      membersSpan: membersSpan,
      ratings: ratings,
      adjustments: adjustments,
      levels: levels,
      source: source,
      scaleType: scaleType,
      scaleRange: scaleRange)
  }

  public var kind: DeclSyntax.Kind {
    get { storage.kind }
    _modify {
      makeUnique()
      yield &storage.kind
    }
  }
  public var name: String {
    get { storage.name }
    _modify {
      makeUnique()
      yield &storage.name
    }
  }
  public var nameSpan: Span {
    get { storage.nameSpan }
    _modify {
      makeUnique()
      yield &storage.nameSpan
    }
  }
  public var label: String? {
    get { storage.label }
    _modify {
      makeUnique()
      yield &storage.label
    }
  }
  public var doc: String? {
    get { storage.doc }
    _modify {
      makeUnique()
      yield &storage.doc
    }
  }
  /// The whole declaration, for notes such as "declared here".
  public var span: Span {
    get { storage.span }
    _modify {
      makeUnique()
      yield &storage.span
    }
  }
  public var file: SourceFile {
    get { storage.file }
    _modify {
      makeUnique()
      yield &storage.file
    }
  }
  public var properties: [Property] {
    get { storage.properties }
    _modify {
      makeUnique()
      yield &storage.properties
    }
  }
  /// Brought in by `use`: part of the vocabulary, not of the index unless something lists it.
  public var fromLibrary: Bool {
    get { storage.fromLibrary }
    _modify {
      makeUnique()
      yield &storage.fromLibrary
    }
  }
  /// Whether a property name was not recognized (so its absence is not reported again).
  public var hasUnknownProperties: Bool {
    get { storage.hasUnknownProperties }
    _modify {
      makeUnique()
      yield &storage.hasUnknownProperties
    }
  }
  /// `members { … }`, nil when the declaration has none.
  public var members: [Member]? {
    get { storage.members }
    _modify {
      makeUnique()
      yield &storage.members
    }
  }
  public var membersSpan: Span? {
    get { storage.membersSpan }
    _modify {
      makeUnique()
      yield &storage.membersSpan
    }
  }
  public var ratings: [Located<RatingSyntax>] {
    get { storage.ratings }
    _modify {
      makeUnique()
      yield &storage.ratings
    }
  }
  public var adjustments: [Located<AdjustSyntax>] {
    get { storage.adjustments }
    _modify {
      makeUnique()
      yield &storage.adjustments
    }
  }
  public var levels: [Located<LevelSyntax>] {
    get { storage.levels }
    _modify {
      makeUnique()
      yield &storage.levels
    }
  }
  /// `csv("…")` for data declarations.
  public var source: Located<ExprSyntax>? {
    get { storage.source }
    _modify {
      makeUnique()
      yield &storage.source
    }
  }
  /// `ordinal` and `1..5` for scales.
  public var scaleType: String? {
    get { storage.scaleType }
    _modify {
      makeUnique()
      yield &storage.scaleType
    }
  }
  public var scaleRange: Located<ExprSyntax>? {
    get { storage.scaleRange }
    _modify {
      makeUnique()
      yield &storage.scaleRange
    }
  }

  /// Gives this value storage of its own before a change, if another copy shares it.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// The fields of one or more copies of a declaration.
  ///
  /// Changed only through `makeUnique`, which is why sharing it is safe; access is not checked
  /// at run time, since a `Declaration` value is the only way in and the compiler checks
  /// exclusive access to that.
  private final class Storage: @unchecked Sendable {
    @exclusivity(unchecked) var kind: DeclSyntax.Kind
    @exclusivity(unchecked) var name: String
    @exclusivity(unchecked) var nameSpan: Span
    @exclusivity(unchecked) var label: String?
    @exclusivity(unchecked) var doc: String?
    @exclusivity(unchecked) var span: Span
    @exclusivity(unchecked) var file: SourceFile
    @exclusivity(unchecked) var properties: [Property]
    @exclusivity(unchecked) var fromLibrary: Bool
    @exclusivity(unchecked) var hasUnknownProperties: Bool
    @exclusivity(unchecked) var members: [Member]?
    @exclusivity(unchecked) var membersSpan: Span?
    @exclusivity(unchecked) var ratings: [Located<RatingSyntax>]
    @exclusivity(unchecked) var adjustments: [Located<AdjustSyntax>]
    @exclusivity(unchecked) var levels: [Located<LevelSyntax>]
    @exclusivity(unchecked) var source: Located<ExprSyntax>?
    @exclusivity(unchecked) var scaleType: String?
    @exclusivity(unchecked) var scaleRange: Located<ExprSyntax>?

    init(
      kind: DeclSyntax.Kind,
      name: String,
      nameSpan: Span,
      label: String?,
      doc: String?,
      span: Span,
      file: SourceFile,
      properties: [Property],
      fromLibrary: Bool,
      hasUnknownProperties: Bool,
      members: [Member]?,
      membersSpan: Span?,
      ratings: [Located<RatingSyntax>],
      adjustments: [Located<AdjustSyntax>],
      levels: [Located<LevelSyntax>],
      source: Located<ExprSyntax>?,
      scaleType: String?,
      scaleRange: Located<ExprSyntax>?
    ) {
      self.kind = kind
      self.name = name
      self.nameSpan = nameSpan
      self.label = label
      self.doc = doc
      self.span = span
      self.file = file
      self.properties = properties
      self.fromLibrary = fromLibrary
      self.hasUnknownProperties = hasUnknownProperties
      self.members = members
      self.membersSpan = membersSpan
      self.ratings = ratings
      self.adjustments = adjustments
      self.levels = levels
      self.source = source
      self.scaleType = scaleType
      self.scaleRange = scaleRange
    }

    func copy() -> Storage {
      Storage(
        kind: kind,
        name: name,
        nameSpan: nameSpan,
        label: label,
        doc: doc,
        span: span,
        file: file,
        properties: properties,
        fromLibrary: fromLibrary,
        hasUnknownProperties: hasUnknownProperties,
        members: members,
        membersSpan: membersSpan,
        ratings: ratings,
        adjustments: adjustments,
        levels: levels,
        source: source,
        scaleType: scaleType,
        scaleRange: scaleRange)
    }
  }

  /// The value of a property, if written.
  public func property(_ name: String) -> Property? {
    properties.last { $0.name == name }
  }

  /// A property as written: `normalize: minmax(0, 100)`.
  public struct Property: Sendable {
    public var name: String
    public var nameSpan: Span
    public var value: Located<ExprSyntax>

    /// The span of the value.
    public var valueSpan: Span { value.span(value.value.range) }
  }

  /// A member as written, `papers: 60%` or `papers`.
  public struct Member: Sendable {
    public var name: String
    public var nameSpan: Span
    public var weight: Located<ExprSyntax>?
    /// A share computed by a fork's `weights` or `remove` edit; it replaces `weight`.
    public var share: Double? = nil
  }
}
