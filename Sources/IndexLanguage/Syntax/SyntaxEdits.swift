// The statements a fork is made of: references to other files, and edits to paths.

/// `extends "f.idx" pin "sha256:…"`, `amends "f.idx"` or `use "lib.idx"`.
public struct ImportSyntax: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// A fork that may add, change and remove.
    case extends
    /// A fork that may only `set` paths that exist.
    case amends
    /// Declarations from a library file, without its index.
    case use
  }

  public var doc: DocCommentSyntax?
  public var kind: Kind
  public var kindRange: ByteRange
  /// The file named, relative to the file that names it.
  public var path: StringLiteralSyntax
  /// `pin "sha256:…"`: the expected hash of the named file's bytes.
  public var pin: StringLiteralSyntax?
  public var range: ByteRange
}

/// `set PATH = VALUE`: overrides one property (or a weight, `x.weight`) of the base.
public struct SetSyntax: Sendable, Equatable {
  public var doc: DocCommentSyntax?
  public var path: PathSyntax
  public var value: ExprSyntax
  public var provenance: ProvenanceSyntax
  public var range: ByteRange
}

/// `add KIND NAME "Label" [to PARENT] { … }`: declares a node and attaches it to the tree.
///
/// Without `to`, a dimension, indicator or soft indicator joins the index's own members.
public struct AddSyntax: Sendable, Equatable {
  /// The declaration added; its doc comment is the one written before `add`.
  public var declaration: DeclSyntax
  /// `to research`: the node whose members it joins.
  public var parent: PathSyntax?
  public var provenance: ProvenanceSyntax
  /// From `add` to the end of the last clause.
  public var range: ByteRange
}

/// `remove KIND NAME`: takes a node out of the tree; its siblings are rescaled pro rata.
public struct RemoveSyntax: Sendable, Equatable {
  public var doc: DocCommentSyntax?
  public var kind: DeclSyntax.Kind
  public var kindRange: ByteRange
  public var name: NameSyntax
  public var provenance: ProvenanceSyntax
  public var range: ByteRange
}

/// `weights PATH { x: 20%, rest: pro_rata }`: sets some weights of one group, rescaling the rest.
///
/// Without a path, the group is the index's own members. `rest` is an ordinary entry here.
public struct WeightsSyntax: Sendable, Equatable {
  public var doc: DocCommentSyntax?
  public var parent: PathSyntax?
  public var entries: [MemberSyntax]
  /// From `{` to `}`.
  public var entriesRange: ByteRange
  public var provenance: ProvenanceSyntax
  public var range: ByteRange
}

/// `adjust ENTITY DELTA because "…"`, in a body, or `adjust PATH ENTITY DELTA …` at top level.
public struct AdjustSyntax: Sendable, Equatable {
  public var doc: DocCommentSyntax?
  /// What is adjusted: nil inside a declaration's body (the declaration itself).
  public var target: PathSyntax?
  public var entity: NameSyntax
  /// The signed change, `+0.2`, `-3`, `+5%`: an expression, usually a unary `+` or `-`.
  public var delta: ExprSyntax
  public var provenance: ProvenanceSyntax
  public var range: ByteRange
}
