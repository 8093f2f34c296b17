import Diagnostics

/// Every message the language module gives, in one place, so the wording stays consistent
/// and can be reviewed (and one day translated) as a whole.
///
/// Each function builds one diagnostic: a stable code, a lowercase headline that says what is
/// wrong in plain words, a label under the code as written, and a help line with a concrete
/// fix where one helps. Stages pass facts (spans, names, what was found); the sentences are
/// made here. Codes: `E01xx` syntax, `E02xx` names, `E03xx` methodology rules, `E04xx` data
/// and evaluation.
public enum Catalog {
  /// The stable codes, so tests and `idx explain CODE` can enumerate them.
  public enum Code: String, Sendable, CaseIterable {
    // Lexical.
    case unterminatedString = "E0101"
    case unterminatedBlockComment = "E0102"
    case invalidCharacter = "E0103"
    case malformedNumber = "E0104"
    case invalidEscape = "E0105"
    case singleQuotedString = "E0106"
    // Structure.
    case expectedStatement = "E0110"
    case expectedName = "E0111"
    case keywordAsName = "E0112"
    case unclosedBrace = "E0113"
    case unclosedDelimiter = "E0114"
    case expectedColon = "E0115"
    case expectedSeparator = "E0116"
    case expectedItem = "E0117"
    case nestingTooDeep = "E0118"
    // Expressions.
    case expectedExpression = "E0120"
    case incompleteConditional = "E0121"
    case chainedComparison = "E0122"
    case notCallable = "E0123"
    // Edits and clauses.
    case expectedString = "E0130"
    case expectedEquals = "E0131"
    case expectedDeclarationKind = "E0132"
    case missingBecause = "E0133"
    case duplicateClause = "E0134"
    case expectedEntity = "E0135"
    case expectedBrace = "E0136"
    case expectedFrom = "E0137"
    case cellTrailingText = "E0138"
  }

  static func error(
    _ code: Code, _ headline: String, at span: Span, label: String,
    secondary: [Diagnostic.Label] = [],
    notes: [String] = [], help: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      .error, code: code.rawValue, message: headline, at: Diagnostic.Label(span, label),
      secondary: secondary, notes: notes, help: help)
  }

  /// The line (1-based) of a span's start, for messages that point back to an opening.
  static func line(of span: Span) -> Int {
    span.file.lineColumn(of: span.start).line
  }

  /// The statement keywords, for "did you mean" on a misspelt one.
  static let statementKeywords = [
    "index", "data", "indicator", "indicators", "dimension", "scale", "soft", "uncertainty",
    "extends",
    "amends", "use", "set", "add", "remove", "weights", "adjust",
  ]

  /// The declaration kinds, for `add` and `remove`.
  static let declarationKinds = DeclSyntax.Kind.allCases.filter { $0 != .indicators }.map(
    \.rawValue)

  /// " or `a`, `b`" style alternatives for a help line: "`a`, `b` or `c`".
  static func alternatives(_ words: [String]) -> String {
    let quoted = words.map { "`\($0)`" }
    guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " or " + last
  }

  /// "did you mean `x`?" for the closest few candidates, or nothing.
  static func didYouMean(_ name: String, among candidates: [String]) -> [String] {
    let close = Suggestions.closest(to: name, among: candidates)
    guard !close.isEmpty else { return [] }
    return ["did you mean \(alternatives(close))?"]
  }
}
