import Diagnostics

// The syntax tree: what the user wrote, faithfully, before any meaning is given to it.
//
// Every node records byte ranges (Go's one-integer positions) rather than `Span`s, so the tree
// stays small and cheap to build; `SourceFileSyntax.span(_:)` turns a range into a `Span` when
// a diagnostic needs one. The parser accepts a little more than the language (any property
// name in any body, say) and the checker rejects precisely. Where the parser could not make
// sense of the input it leaves an explicit `bad` placeholder or a missing name (an empty
// range), and has already reported one diagnostic for it: later stages skip those silently.

/// A half-open range of UTF-8 byte offsets into one source file.
///
/// Stored as two 32-bit offsets: every node of a tree has one or more, so this halves their
/// cost. Offsets past `ByteRange.maximumOffset` (4 GiB, far above any methodology size limit)
/// are clamped rather than wrapped.
public struct ByteRange: Sendable, Hashable {
  private var lower: UInt32
  private var upper: UInt32

  /// The largest offset a range can hold.
  public static let maximumOffset = Int(UInt32.max)

  public var start: Int {
    get { Int(lower) }
    set { lower = UInt32(clamping: newValue) }
  }

  public var end: Int {
    get { Int(upper) }
    set { upper = UInt32(clamping: newValue) }
  }

  public init(_ start: Int, _ end: Int) {
    lower = UInt32(clamping: start)
    upper = UInt32(clamping: max(start, end))
  }

  /// An empty range at `offset`: where something missing should have been.
  public static func empty(at offset: Int) -> ByteRange { ByteRange(offset, offset) }

  public var isEmpty: Bool { lower == upper }

  /// The smallest range covering both.
  public func union(_ other: ByteRange) -> ByteRange {
    ByteRange(min(start, other.start), max(end, other.end))
  }
}

/// One parsed `.idx` file: its statements in source order, and every comment.
public struct SourceFileSyntax: Sendable {
  public var file: SourceFile
  public var statements: [StatementSyntax]
  /// Every comment, doc comments included, in source order: the formatter re-inserts them.
  public var comments: [CommentSyntax]

  /// The `Span` of a range in this file, for diagnostics.
  public func span(_ range: ByteRange) -> Span {
    Span(file: file, start: range.start, end: range.end)
  }

  /// The source text of a range, exactly as written.
  public func text(_ range: ByteRange) -> String {
    span(range).text
  }
}

/// A comment, kept so the formatter can put it back where it was.
public struct CommentSyntax: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// `// …` to the end of the line.
    case line
    /// `/* … */`, possibly nested and spanning lines.
    case block
    /// `/// …`, attached to the next statement.
    case doc
  }

  public var kind: Kind
  public var range: ByteRange
}

/// The `///` lines just before a statement, joined with newlines, `///` and one space removed.
public struct DocCommentSyntax: Sendable, Equatable {
  public var text: String
  public var range: ByteRange
}

/// A name as written: an identifier, or for entity codes and data columns a quoted string.
///
/// A missing name (the parser expected one and reported it) has an empty range and text.
public struct NameSyntax: Sendable, Equatable {
  public var text: String
  public var range: ByteRange
  /// Written as a string literal (`"Côte d'Ivoire"`), so it may hold any characters.
  public var isQuoted: Bool

  public init(text: String, range: ByteRange, isQuoted: Bool = false) {
    self.text = text
    self.range = range
    self.isQuoted = isQuoted
  }

  /// A placeholder for a name the parser expected at `offset` but did not find.
  public static func missing(at offset: Int) -> NameSyntax {
    NameSyntax(text: "", range: .empty(at: offset))
  }

  public var isMissing: Bool { range.isEmpty }
}

/// A string literal: its value with escapes resolved, and the range including the quotes.
public struct StringLiteralSyntax: Sendable, Equatable {
  public var value: String
  public var range: ByteRange
}

/// A dotted path to a node or a property: `research`, `papers.normalize`, `index.aggregate`.
public struct PathSyntax: Sendable, Equatable {
  public var segments: [NameSyntax]
  public var range: ByteRange

  /// The path as written, segments joined by dots.
  public var text: String { segments.map(\.text).joined(separator: ".") }
}

/// One top-level statement: a declaration, a file reference, or an edit.
///
/// Each statement's node is boxed (`indirect`): the cases differ a lot in size, and an array
/// of statements then costs one pointer each rather than the size of the largest case.
public enum StatementSyntax: Sendable, Equatable {
  /// `index`, `data`, `indicator`, `dimension`, `scale`, `soft` or `uncertainty`.
  indirect case declaration(DeclSyntax)
  /// `extends "f.idx"`, `amends "f.idx"` or `use "lib.idx"`.
  indirect case importFile(ImportSyntax)
  /// `set PATH = VALUE`.
  indirect case set(SetSyntax)
  /// `add KIND NAME … { … }`.
  indirect case add(AddSyntax)
  /// `remove KIND NAME`.
  indirect case remove(RemoveSyntax)
  /// `weights PATH { x: 20%, rest: pro_rata }`.
  indirect case weights(WeightsSyntax)
  /// `adjust PATH ENTITY DELTA because "…"`.
  indirect case adjust(AdjustSyntax)
  /// Input the parser could not read as a statement (already reported).
  case bad(ByteRange)

  /// The whole statement, from its first keyword (not its doc comment) to its last token.
  public var range: ByteRange {
    switch self {
    case .declaration(let decl): decl.range
    case .importFile(let node): node.range
    case .set(let node): node.range
    case .add(let node): node.range
    case .remove(let node): node.range
    case .weights(let node): node.range
    case .adjust(let node): node.range
    case .bad(let range): range
    }
  }

  /// The doc comment attached to the statement (for `add`, the added declaration's).
  public var doc: DocCommentSyntax? {
    switch self {
    case .declaration(let decl): decl.doc
    case .importFile(let node): node.doc
    case .set(let node): node.doc
    case .add(let node): node.declaration.doc
    case .remove(let node): node.doc
    case .weights(let node): node.doc
    case .adjust(let node): node.doc
    case .bad: nil
    }
  }
}

/// A node of the methodology: `kind name "Label" { property: value … members { … } }`.
public struct DeclSyntax: Sendable, Equatable {
  /// The declaration keywords; each names the kind of node declared.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case index
    case data
    case indicator
    /// `indicators from csv("meta.csv") { code: iCode, … }`: one indicator per table row.
    case indicators
    case dimension
    case scale
    case soft
    case uncertainty
  }

  public var doc: DocCommentSyntax?
  public var kind: Kind
  public var kindRange: ByteRange
  /// The declared name; `nil` only for `uncertainty`, which has none.
  public var name: NameSyntax?
  /// The display label, `"AI Capability Index"`.
  public var label: StringLiteralSyntax?
  /// For `data`: the loader after `=`, such as `csv("data/ai.csv")`; for `indicators`, the
  /// table after `from`.
  public var source: ExprSyntax?
  /// For `scale`: the type word after the label, such as `ordinal`.
  public var scaleType: NameSyntax?
  /// For `scale`: the range after the type, such as `1..5`.
  public var scaleRange: ExprSyntax?
  public var body: BodySyntax?
  /// From the kind keyword to the closing brace (or the last token of the head).
  public var range: ByteRange
}

/// The braces of a declaration and the items between them, in source order.
public struct BodySyntax: Sendable, Equatable {
  public var items: [BodyItemSyntax]
  /// From `{` to `}` inclusive (to the end of the last item when `}` is missing).
  public var range: ByteRange
}

/// One item of a body.
///
/// Any item may appear in any body; the checker says which belong where. The large and rare
/// `adjust` item is boxed so that a property, the common item, sets the size of each.
public enum BodyItemSyntax: Sendable, Equatable {
  /// `name: value`.
  case property(PropertySyntax)
  /// `1: "negligible"`, a level of a scale.
  case level(LevelSyntax)
  /// `members { a: 30%, b }`.
  case members(MembersSyntax)
  /// `ratings { US 4.6 range 4.2..5.0 }`.
  case ratings(RatingsSyntax)
  /// `adjust CN +0.2 because "…"`; its `target` is nil (the enclosing declaration).
  indirect case adjust(AdjustSyntax)
  /// An item the parser could not read (already reported).
  case bad(ByteRange)

  public var range: ByteRange {
    switch self {
    case .property(let node): node.range
    case .level(let node): node.range
    case .members(let node): node.range
    case .ratings(let node): node.range
    case .adjust(let node): node.range
    case .bad(let range): range
    }
  }
}

/// `name: value`; the value of `one of a, b` is an `ExprSyntax` of kind `.oneOf`.
public struct PropertySyntax: Sendable, Equatable {
  public var name: NameSyntax
  public var value: ExprSyntax
  public var range: ByteRange
}

/// `1: "negligible"`: a numbered level of a scale and its label.
public struct LevelSyntax: Sendable, Equatable {
  public var level: ExprSyntax
  public var label: ExprSyntax
  public var range: ByteRange
}

/// `members { … }`: a node's children and their weights.
public struct MembersSyntax: Sendable, Equatable {
  public var members: [MemberSyntax]
  /// From the `members` keyword to `}`.
  public var range: ByteRange
}

/// `name: weight` or a bare `name` (an equal share), in `members` or `weights`.
public struct MemberSyntax: Sendable, Equatable {
  public var name: NameSyntax
  public var weight: ExprSyntax?
  public var range: ByteRange
}

/// `ratings { … }`: a soft indicator's values.
public struct RatingsSyntax: Sendable, Equatable {
  public var ratings: [RatingSyntax]
  /// From the `ratings` keyword to `}`.
  public var range: ByteRange
}

/// `US 4.6 range 4.2..5.0` or `GB "strong"`: one entity's rating and its plausible range.
public struct RatingSyntax: Sendable, Equatable {
  public var entity: NameSyntax
  public var value: ExprSyntax
  /// The expression after `range`, normally a range `lo..hi`.
  public var bounds: ExprSyntax?
  public var range: ByteRange
}

/// The `because "…"`, `source "…"` and `by "…"` clauses of an edit, each at most once.
public struct ProvenanceSyntax: Sendable, Equatable {
  public var because: StringLiteralSyntax?
  public var source: StringLiteralSyntax?
  public var by: StringLiteralSyntax?

  public init(
    because: StringLiteralSyntax? = nil, source: StringLiteralSyntax? = nil,
    by: StringLiteralSyntax? = nil
  ) {
    self.because = because
    self.source = source
    self.by = by
  }

  public var isEmpty: Bool { because == nil && source == nil && by == nil }
}
