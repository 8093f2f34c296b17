import Diagnostics

/// Messages about edits given apart from a file (`idx run --edit`, the REPL).
extension Catalog {
  /// The codes below, for documentation.
  public static let editCodes = ["E0333"]

  static func importInEdit(_ keyword: String, _ span: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0333", message: "an edit cannot read another file with `\(keyword)`",
      at: Diagnostic.Label(span, "not allowed in an edit"),
      notes: ["an edit is applied to the methodology already loaded, which is its base"],
      help: [
        "write the fork as a file instead and run that, or load the other file (`:load FILE`)"
      ])
  }
}
