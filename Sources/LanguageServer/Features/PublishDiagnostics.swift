import Diagnostics
import IndexLanguage

// Diagnostics as the protocol shows them: every code of `idx check`, with its notes and help
// in the message, and related locations (secondary labels, the declarations a did-you-mean
// names, the place in a base file a problem is really at).

extension LanguageServer {
  /// The document's diagnostics: what `idx check` reports for it, with the evaluation
  /// warnings of a run when `evaluate` (and the methodology runs).
  func lspDiagnostics(_ document: TextDocument, _ analysis: Analysis, evaluate: Bool) -> [JSONValue]
  {
    var diagnostics = analysis.compilation.diagnostics
    if let unreadable = analysis.compilation.unreadable {
      let message = "cannot read `\(unreadable.path)`: \(unreadable.reason)"
      return [
        .object([
          "range": document.lines.range(0, 0, encoding: encoding), "severity": 1,
          "source": "idx", "message": .string(message),
        ])
      ]
    }
    if evaluate, !diagnostics.hasErrors, let results = analysis.results {
      diagnostics = (diagnostics + results.diagnostics).sortedByLocation()
    }
    // The statements that bring other files in, read only if a problem lies in one of them.
    let elsewhere = diagnostics.contains { diagnostic in
      diagnostic.primary.map { Paths.normalize($0.span.file.path) != document.path } ?? false
    }
    let imports = elsewhere ? Self.imports(analysis.symbols(document.path)?.syntax) : []
    return diagnostics.map { lspDiagnostic($0, document, analysis, imports: imports) }
  }

  /// A file's `extends`, `amends` and `use` statements.
  static func imports(_ syntax: SourceFileSyntax?) -> [ImportSyntax] {
    (syntax?.statements ?? []).compactMap { statement in
      if case .importFile(let node) = statement { return node }
      return nil
    }
  }

  func lspDiagnostic(
    _ diagnostic: Diagnostic, _ document: TextDocument, _ analysis: Analysis,
    imports: [ImportSyntax]
  ) -> JSONValue {
    var message = diagnostic.message
    if let label = diagnostic.primary?.message, !label.isEmpty { message += " (\(label))" }
    for note in diagnostic.notes { message += "\nnote: " + note }
    for help in diagnostic.help { message += "\nhelp: " + help }
    var related: [JSONValue] = []
    var range = document.lines.range(0, 0, encoding: encoding)
    if let primary = diagnostic.primary {
      let span = primary.span
      if Paths.normalize(span.file.path) == document.path {
        range = document.lines.range(span.start, span.end, encoding: encoding)
      } else {
        // A problem in another file (a base, a library, a CSV): shown on the statement that
        // brings that file in, with the real place as a related location.
        let (line, _) = span.file.lineColumn(of: span.start)
        message = "in \(Self.fileName(span.file.path)):\(line): " + message
        let anchor =
          imports.first { node in
            Paths.resolve(node.path.value, from: document.path) == Paths.normalize(span.file.path)
          } ?? imports.first
        if let anchor {
          range = document.lines.range(anchor.range.start, anchor.range.end, encoding: encoding)
        }
        related.append(relatedInformation(span, primary.message.isEmpty ? "here" : primary.message))
      }
    }
    for label in diagnostic.secondary {
      related.append(
        relatedInformation(label.span, label.message.isEmpty ? "related" : label.message))
    }
    for name in Self.suggestions(diagnostic) {
      guard let place = Self.declaration(of: name, in: analysis.methodology) else { continue }
      related.append(relatedInformation(place, "`\(name)` is declared here"))
    }
    var object = JSONObject([
      ("range", range),
      ("severity", .integer(Self.severity(diagnostic.severity))),
      ("code", .string(diagnostic.code)),
      ("source", "idx"),
      ("message", .string(message)),
    ])
    if !related.isEmpty { object["relatedInformation"] = .array(related) }
    return .object(object)
  }

  private func relatedInformation(_ span: Span, _ message: String) -> JSONValue {
    .object([
      "location": location(span),
      "message": .string(message),
    ])
  }

  /// Where a name or a path (`papers.normalize`) a did-you-mean offers is written: the
  /// property when the node declares it, else the node.
  static func declaration(of name: String, in methodology: Methodology?) -> Span? {
    guard let methodology else { return nil }
    let segments = name.split(separator: ".").map(String.init)
    guard let first = segments.first else { return nil }
    let node = first == "index" ? methodology.index : methodology.declaration(first)
    guard let node else { return nil }
    if segments.count > 1, let property = node.property(segments[1]) { return property.nameSpan }
    return node.nameSpan
  }

  static func severity(_ severity: Diagnostic.Severity) -> Int {
    switch severity {
    case .error: 1
    case .warning: 2
    case .note: 3
    }
  }

  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// The names a diagnostic's "did you mean …?" help offers, in order.
  static func suggestions(_ diagnostic: Diagnostic) -> [String] {
    var names: [String] = []
    for help in diagnostic.help {
      guard let start = help.firstRange(of: "did you mean ") else { continue }
      var rest = help[start.upperBound...]
      if let end = rest.firstIndex(of: "?") { rest = rest[..<end] }
      for part in rest.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      where part.offset % 2 == 1 && !part.element.isEmpty {
        names.append(String(part.element))
      }
    }
    return names
  }
}
