import Diagnostics

/// One declaration of any kind, with its properties and members as written.
///
/// A value with copy-on-write storage: the checker, the editor and the language server pass
/// declarations around and keep them in arrays and optionals, and a copy of the fields
/// themselves costs a reference count for each of about twenty strings, spans and arrays. A
/// copy here costs one; the first change to a shared copy duplicates the fields once. The
/// fields are read and written as if they were the declaration's own (`declaration.name`),
/// through `Fields`, where each is declared once.
@dynamicMemberLookup
public struct Declaration: Sendable {
  /// Everything a declaration holds, in one value: what the box shares between copies.
  ///
  /// The fields only some kinds have (ratings, adjustments, scale levels, a data source) are
  /// kept apart in `Rare`, absent until one is set, so that a plain indicator, the common
  /// declaration, does not carry their room.
  public struct Fields: Sendable {
    public var kind: DeclSyntax.Kind
    public var name: String
    public var nameSpan: Span
    public var label: String?
    public var doc: String?
    /// The whole declaration, for notes such as "declared here".
    public var span: Span
    public var file: SourceFile
    public var properties: [Property] = []
    /// Brought in by `use`: part of the vocabulary, not of the index unless something lists it.
    public var fromLibrary = false
    /// Whether a property name was not recognized (so its absence is not reported again).
    public var hasUnknownProperties = false
    /// `members { … }`, nil when the declaration has none.
    public var members: [Member]?
    public var membersSpan: Span?
    /// The fields of `Rare`, nil while all of them are empty.
    private var rare: Boxed<Rare>?

    init(
      kind: DeclSyntax.Kind, name: String, nameSpan: Span, label: String?, doc: String?,
      span: Span, file: SourceFile
    ) {
      self.kind = kind
      self.name = name
      self.nameSpan = nameSpan
      self.label = label
      self.doc = doc
      self.span = span
      self.file = file
    }

    public var ratings: [Located<RatingSyntax>] {
      get { rare?.value.ratings ?? [] }
      set { changeRare { $0.ratings = newValue } }
    }
    public var adjustments: [Located<AdjustSyntax>] {
      get { rare?.value.adjustments ?? [] }
      set { changeRare { $0.adjustments = newValue } }
    }
    public var levels: [Located<LevelSyntax>] {
      get { rare?.value.levels ?? [] }
      set { changeRare { $0.levels = newValue } }
    }
    /// `csv("…")` for data declarations.
    public var source: Located<ExprSyntax>? {
      get { rare?.value.source }
      set { changeRare { $0.source = newValue } }
    }
    /// `ordinal` for scales.
    public var scaleType: String? {
      get { rare?.value.scaleType }
      set { changeRare { $0.scaleType = newValue } }
    }
    /// `1..5` for scales.
    public var scaleRange: Located<ExprSyntax>? {
      get { rare?.value.scaleRange }
      set { changeRare { $0.scaleRange = newValue } }
    }

    /// Changes the rare fields, giving them room the first time.
    private mutating func changeRare(_ change: (inout Rare) -> Void) {
      var fields = rare?.value ?? Rare()
      change(&fields)
      rare = fields.isEmpty ? nil : Boxed(fields)
    }
  }

  /// What only some kinds of declaration have.
  struct Rare: Sendable {
    var ratings: [Located<RatingSyntax>] = []
    var adjustments: [Located<AdjustSyntax>] = []
    var levels: [Located<LevelSyntax>] = []
    var source: Located<ExprSyntax>?
    var scaleType: String?
    var scaleRange: Located<ExprSyntax>?

    var isEmpty: Bool {
      ratings.isEmpty && adjustments.isEmpty && levels.isEmpty && source == nil
        && scaleType == nil && scaleRange == nil
    }
  }

  /// An immutable box: a value kept out of line, replaced rather than changed.
  final class Boxed<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
  }

  /// The fields that copies share.
  ///
  /// Changed only after `makeUnique`, which is why sharing it is safe; access is not checked
  /// at run time, since a `Declaration` value is the only way in and the compiler checks
  /// exclusive access to that.
  private final class Box: @unchecked Sendable {
    @exclusivity(unchecked) var fields: Fields

    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  /// A declaration with no properties, members or other items yet.
  public init(
    kind: DeclSyntax.Kind, name: String, nameSpan: Span, label: String?, doc: String?,
    span: Span, file: SourceFile
  ) {
    box = Box(
      Fields(
        kind: kind, name: name, nameSpan: nameSpan, label: label, doc: doc, span: span,
        file: file))
  }

  /// A field, read or changed as if it were the declaration's own.
  public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
    get { box.fields[keyPath: field] }
    set {
      makeUnique()
      box.fields[keyPath: field] = newValue
    }
    _modify {
      makeUnique()
      yield &box.fields[keyPath: field]
    }
  }

  /// Changes several fields at once: one uniqueness check, and the fields reached directly
  /// rather than one key path at a time (the resolver fills each declaration this way).
  mutating func withFields<Result>(_ change: (inout Fields) -> Result) -> Result {
    makeUnique()
    return change(&box.fields)
  }

  /// Gives this value storage of its own before a change, if another copy shares it.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
  }

  /// The value of a property, if written.
  public func property(_ name: String) -> Property? {
    box.fields.properties.last { $0.name == name }
  }

  /// A property as written: `normalize: minmax(0, 100)`.
  ///
  /// The name is written in the file of the value, so only its range is kept (a methodology
  /// holds three or more properties per indicator: 48 bytes each rather than 64).
  public struct Property: Sendable {
    public var name: String
    private var nameRange: ByteRange
    public var value: Located<ExprSyntax>

    /// `nameSpan` lies in `value`'s file, as every property's name does.
    init(name: String, nameSpan: Span, value: Located<ExprSyntax>) {
      self.name = name
      nameRange = ByteRange(nameSpan.start, nameSpan.end)
      self.value = value
    }

    /// Where the name is written.
    public var nameSpan: Span { value.span(nameRange) }

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
