import Diagnostics

// Declarations from a metadata table: `indicators from csv("meta.csv") { code: iCode, … }`.
//
// The head names the table where a `data` declaration has `=`; the body is an ordinary body
// whose properties map the idx property names to the table's columns (`label: iName`), so the
// formatter, the language server and the resolver read it like any other declaration. What
// the rows declare is worked out once the table is read (`TableDeclarations`).

extension Parser {
  /// `TableDeclaration ::= 'indicators' 'from' Expr Body`.
  ///
  /// The current token must be the `indicators` keyword.
  mutating func parseTableDeclaration(doc: DocCommentSyntax?) -> DeclSyntax {
    let keywordToken = advance()
    var declaration = DeclSyntax(
      doc: doc, kind: .indicators, kindRange: keywordToken.range, name: nil, label: nil,
      source: nil, scaleType: nil, scaleRange: nil, body: nil, range: keywordToken.range)
    if check(.identifier) && text(current) == "from" {
      advance()
      declaration.source = parseExpr()
    } else {
      fail(Catalog.expectedFrom(span(current), found: describe(current)))
      declaration.source = .bad(.empty(at: current.start))
    }
    if check(.leftBrace) {
      declaration.body = parseBody(owner: owner(of: declaration))
    } else if !panicking {
      fail(
        Catalog.expectedBrace(
          span(current), after: "the table", found: describe(current),
          example: "indicators from csv(\"meta.csv\") { code: iCode }"))
    }
    declaration.range = range(from: keywordToken.start)
    return declaration
  }

  /// Parses the text of one table cell as an expression, with positions in the table's file.
  ///
  /// Only the bytes of `range` are read, so a table of thousands of cells is lexed once in
  /// total rather than once per cell; spans point at the cell itself, so a mistake in it is
  /// shown on the table's line with a caret under the cell. Returns nil for a blank cell.
  public static func parseCell(_ file: SourceFile, range: Range<Int>) -> (
    expression: ExprSyntax, diagnostics: [Diagnostic]
  )? {
    var parser = Parser(file: file, range: range)
    guard !parser.atEnd else { return nil }
    let expression = parser.parseExpr()
    if !parser.atEnd {
      parser.fail(
        Catalog.cellTrailingText(
          parser.span(parser.current), found: parser.describe(parser.current)))
    }
    return (expression, parser.diagnostics.sortedByLocation())
  }
}
