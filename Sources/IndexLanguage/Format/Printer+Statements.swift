// Statements: declarations, file references and edits, with the blank lines between them.

extension Printer {
  /// Prints a whole file: statements at the left margin, one blank line around each
  /// declaration, other blank lines kept (at most one), comments where they were.
  mutating func printFile(_ statements: [StatementSyntax]) {
    var previousIsDeclaration = false
    var previousLines = 0
    for (position, statement) in statements.enumerated() {
      guard failure == nil else { return }
      let isDeclaration = Self.isDeclaration(statement)
      let start = statement.range.start
      let (_, blank) = gap(consumed, start)
      if position > 0 && (previousIsDeclaration || (isDeclaration && !blank)) {
        forceBlank = true
      }
      // Consecutive one-line statements align their trailing comments.
      let joinsRun =
        position > 0 && previousLines == 1 && !forceBlank && !blank
        && !hasComment(consumed, start)
      if !joinsRun { currentRun = newGroup() }
      keepDetachingComma(before: start)
      let before = lines.count
      printStatement(statement)
      endLine()
      previousLines = lines.count - before
      previousIsDeclaration = isDeclaration
    }
    guard failure == nil else { return }
    if previousIsDeclaration && hasComment(consumed, source.count) { forceBlank = true }
    flushTrivia(stopAtLineBreak: false)
    closeOpenLine()
    if failure == nil && consumed != source.count {
      fail("input left unprinted from offset \(consumed)")
    }
  }

  /// Keeps a comma that separates a doc comment from the statement after it.
  ///
  /// The parser attaches `///` lines to a statement only when no token stands between them,
  /// and a separating `,` counts; dropping it would attach the comment and change the
  /// statement's doc. So the last such comma is printed, on a line of its own.
  private mutating func keepDetachingComma(before start: Int) {
    var comma: Int?
    var docBefore = false
    var sawDoc = false
    var comment = nextComment
    var index = consumed
    while index < start {
      if comment < comments.count && comments[comment].range.start == index {
        if comments[comment].kind == .doc { sawDoc = true }
        index = comments[comment].range.end
        comment += 1
        continue
      }
      if source[index] == UInt8(ascii: ",") {
        comma = index
        docBefore = sawDoc
      }
      index += 1
    }
    guard let comma, docBefore else { return }
    // Print what comes before the comma, then the comma alone on its line.
    flushTrivia(stopAtLineBreak: false, until: comma)
    guard consumed == comma else {
      fail("expected the separating `,` at offset \(comma), found offset \(consumed)")
      return
    }
    write(comma, comma + 1)
    consumed = comma + 1
    endLine()
  }

  private mutating func closeOpenLine() {
    if !atLineStart { endLine() }
  }

  private static func isDeclaration(_ statement: StatementSyntax) -> Bool {
    if case .declaration = statement { return true }
    return false
  }

  mutating func printStatement(_ statement: StatementSyntax) {
    switch statement {
    case .declaration(let decl):
      declaration(decl)
    case .importFile(let node):
      token(node.kindRange)
      space()
      token(node.path.range)
      if let pin = node.pin {
        space()
        fixed("pin")
        space()
        token(pin.range)
      }
    case .set(let node):
      fixed("set")
      space()
      path(node.path)
      space()
      fixed("=")
      space()
      expression(node.value)
      provenance(node.provenance)
    case .add(let node):
      fixed("add")
      space()
      declarationHead(node.declaration)
      if let parent = node.parent {
        space()
        fixed("to")
        space()
        path(parent)
      }
      if let body = node.declaration.body {
        space()
        self.body(body)
      }
      provenance(node.provenance)
    case .remove(let node):
      fixed("remove")
      space()
      token(node.kindRange)
      space()
      token(node.name.range)
      provenance(node.provenance)
    case .weights(let node):
      fixed("weights")
      if let parent = node.parent {
        space()
        path(parent)
      }
      space()
      braced(
        node.entries.count, node.entriesRange, style: .fill,
        range: { node.entries[$0].range },
        item: { printer, index, _ in printer.member(node.entries[index]) })
      provenance(node.provenance)
    case .adjust(let node):
      adjust(node)
    case .bad(let range):
      fail("unreadable statement at offset \(range.start)")
    }
  }

  /// `kind name "Label" … { … }`.
  mutating func declaration(_ decl: DeclSyntax) {
    declarationHead(decl)
    if let body = decl.body {
      space()
      self.body(body)
    }
  }

  /// Everything of a declaration before its body.
  mutating func declarationHead(_ decl: DeclSyntax) {
    token(decl.kindRange)
    // Ranges read through the optionals: binding a name or a label would copy its text.
    if let name = decl.name?.range {
      space()
      token(name)
    }
    if let label = decl.label?.range {
      space()
      token(label)
    }
    if let source = decl.source {
      space()
      fixed(decl.kind == .indicators ? "from" : "=")
      space()
      expression(source)
    }
    if let scaleType = decl.scaleType?.range {
      space()
      token(scaleType)
    }
    if let scaleRange = decl.scaleRange {
      space()
      expression(scaleRange)
    }
  }

  /// `a.b.c`.
  mutating func path(_ path: PathSyntax) {
    for (position, segment) in path.segments.enumerated() {
      if position > 0 { fixed(".") }
      token(segment.range)
    }
  }

  /// `adjust [PATH] ENTITY DELTA because "…"`, at the top level or in a body.
  mutating func adjust(_ node: AdjustSyntax) {
    fixed("adjust")
    if let target = node.target {
      space()
      path(target)
    }
    space()
    token(node.entity.range)
    space()
    expression(node.delta)
    provenance(node.provenance)
  }

  /// `because "…" source "…" by "…"` in the order written: on the statement's line when it
  /// fits in the width, otherwise one clause per line, indented two more.
  mutating func provenance(_ provenance: ProvenanceSyntax) {
    var clauses: [(keyword: StaticString, text: StringLiteralSyntax)] = []
    if let because = provenance.because { clauses.append(("because", because)) }
    if let source = provenance.source { clauses.append(("source", source)) }
    if let by = provenance.by { clauses.append(("by", by)) }
    guard !clauses.isEmpty else { return }
    clauses.sort { $0.text.range.start < $1.text.range.start }
    var width = lineWidth
    for clause in clauses {
      width += 2 + clause.keyword.utf8CodeUnitCount
      width += characters(clause.text.range.start, clause.text.range.end)
    }
    let ownLines = width > Printer.width
    let base = continuation
    for clause in clauses {
      if ownLines { breakLine(extra: base + 2) } else { space() }
      fixed(clause.keyword)
      space()
      token(clause.text.range)
    }
  }
}
