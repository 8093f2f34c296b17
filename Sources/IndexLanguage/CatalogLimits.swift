import Diagnostics

/// Messages about what a methodology may read and how big things may be: files outside its
/// folders, too many files, files that are not regular or too large, numbers out of range.
extension Catalog {
  /// The codes below, for the gallery test and documentation.
  public static let limitCodes = ["E0109", "E0340", "E0341"]

  static func numberOutOfRange(_ span: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0109", message: "this number is too large to represent",
      at: Diagnostic.Label(span, "beyond ±1.8e308"),
      help: ["write a smaller number, or change the unit (thousands, millions)"])
  }

  static func outsideRoot(_ written: String, _ span: Span, roots: [String]) -> Diagnostic {
    return Diagnostic(
      .error, code: "E0340",
      message: "`\(written)` is outside the folders this methodology may read",
      at: Diagnostic.Label(span, "named here"),
      notes: [
        "a methodology reads only files inside the folder of the file given on the command "
          + "line, or inside a folder given with `--root`; here: " + alternatives(roots)
      ],
      help: ["copy the file next to the methodology, or pass `--root DIR` if you trust that folder"]
    )
  }

  static func tooManyFiles(_ limit: Int, _ span: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0341", message: "this methodology builds on more than \(limit) files",
      at: Diagnostic.Label(span, "one file too many"),
      notes: ["`extends`, `amends` and `use` together may reach at most \(limit) files"],
      help: ["merge small libraries into one file, or pass `--max-files N`"])
  }

  /// A base, library or data file that cannot be read: outside the roots, not a regular
  /// file, too large, or refused by the system.
  static func unreadable(
    _ error: FileError, _ location: FileAccess.Location, as kind: FileAccess.Kind, _ span: Span,
    roots: [String]
  ) -> Diagnostic {
    if error.kind == .outsideRoot { return outsideRoot(location.written, span, roots: roots) }
    var diagnostic =
      kind == .data
      ? unreadableData(location.path, reason: error.reason, span)
      : unreadableBase(location.path, reason: error.reason, span)
    if error.kind == .tooLarge {
      let option = kind == .data ? "--max-data-size" : "--max-idx-size"
      diagnostic.help.append("pass `\(option) SIZE` to allow more")
    }
    return diagnostic
  }
}
