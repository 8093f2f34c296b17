import Diagnostics

/// What formatting one file gave: the canonical text, or why the file was left alone.
public struct Formatted: Sendable {
  /// The formatted bytes; nil when the file has syntax errors or could not be reproduced.
  public var bytes: [UInt8]?
  /// The file's syntax errors (the file is then left untouched).
  public var diagnostics: [Diagnostic]
  /// Set when the printer could not reproduce every token of the input: a bug in the
  /// formatter, never in the file; the file is then left untouched.
  public var internalError: String?

  /// Whether formatting would change the file.
  public func changes(_ original: [UInt8]) -> Bool {
    bytes.map { $0 != original } ?? false
  }
}

/// Lays a methodology out canonically, keeping every token and comment, in order.
///
/// Design: the printer walks the syntax tree and decides only the white space between tokens.
/// Each token it prints is matched, in order, against the input (skipping white space, commas
/// and comments, which it prints as it passes them), and every byte of the input must have
/// been matched at the end: so the output reads as the same token stream, and a mismatch is
/// reported as an internal error instead of a changed file. The layout:
/// - a body is kept on one line when it was written on one line and fits in 100 columns;
///   otherwise `{` ends its line, items keep the lines they were written on (a one-liner that
///   is too long gets one item per line, or members filled up to the width), `}` gets its own;
/// - property values in consecutive lines line up one space after the longest `name:`, and
///   trailing comments in consecutive lines line up two spaces after the longest code;
/// - one blank line around declarations; elsewhere blank lines are kept, at most one;
/// - expressions on one line with single spaces around infix operators; `because`, `source`
///   and `by` go on indented lines of their own only when the statement would pass 100 columns.
/// A file keeps its line-ending style (`\n`, `\r\n`, or `\r` in a file without line feeds)
/// and its byte-order mark.
///
/// A large file is formatted in parts on several threads (`PartedFormat`), with the same
/// bytes as formatting it whole.
public func format(_ file: SourceFile) -> Formatted {
  format(file, parts: PartedFormat.parts(for: file))
}

/// `format(_:)` in at most `parts` parts, one thread each; the bytes do not depend on it.
///
/// With `parts: 1` the whole file is formatted on the calling thread.
public func format(_ file: SourceFile, parts: Int) -> Formatted {
  if parts > 1, let bytes = PartedFormat.format(file, parts: parts) {
    return Formatted(bytes: bytes, diagnostics: [], internalError: nil)
  }
  return formatWhole(file)
}

/// `format(_:)` on one thread, and the only path that reports a file's syntax errors or a
/// printer's failure.
func formatWhole(_ file: SourceFile) -> Formatted {
  // The printer reads only ranges, so the tree is parsed without the text of names and
  // labels; a file with errors is parsed again with it, for the messages that quote them.
  let (tree, diagnostics) = Parser.parse(file, simpleExpressions: true, keepingText: false)
  guard !diagnostics.contains(where: \.isError) else {
    let errors = Parser.parse(file).1.filter(\.isError)
    return Formatted(bytes: nil, diagnostics: errors, internalError: nil)
  }
  return file.bytes.withUnsafeBufferPointer { source in
    var printer = Printer(source: source, comments: tree.comments)
    defer { printer.deallocate() }
    printer.printFile(tree.statements)
    if let failure = printer.failure {
      return Formatted(bytes: nil, diagnostics: [], internalError: failure)
    }
    return Formatted(bytes: printer.layout(), diagnostics: [], internalError: nil)
  }
}
