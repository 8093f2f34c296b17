// File references and edits: `Import`, `Set`, `Add`, `Remove`, `Weights`, `TopAdjust`,
// `BodyAdjust`, `Provenance`, `Path`.

extension Parser {
  /// `Import ::= ( 'extends' | 'amends' | 'use' ) STRING ( 'pin' STRING )?`.
  mutating func parseImport(doc: DocCommentSyntax?) -> ImportSyntax {
    let keyword = advance()
    let kind = ImportSyntax.Kind(rawValue: text(keyword)) ?? .use
    let path =
      parseString(.file(keyword: kind.rawValue))
      ?? StringLiteralSyntax(value: "", range: .empty(at: current.start))
    let pin = match(.pin) ? parseString(.pin) : nil
    return ImportSyntax(
      doc: doc, kind: kind, kindRange: keyword.range, path: path, pin: pin,
      range: range(from: keyword.start))
  }

  /// `Set ::= 'set' Path '=' Value Provenance`.
  mutating func parseSet(doc: DocCommentSyntax?) -> SetSyntax {
    let keyword = advance()
    let path = parsePath(after: "`set`")
    let value =
      expectEquals(subject: "set \(path.text)")
      ? parseValue() : arena.bad(.empty(at: current.start))
    let provenance = parseProvenance()
    return SetSyntax(
      doc: doc, path: path, value: value, provenance: provenance,
      range: range(from: keyword.start))
  }

  /// Consumes `=`, or a `:` in its place (reported); false when neither is there.
  mutating func expectEquals(subject: String) -> Bool {
    if match(.equals) { return true }
    let found = current
    guard found.kind == .colon else {
      fail(
        Catalog.expectedEquals(
          span(found), subject: subject, found: describe(found), foundColon: false))
      return false
    }
    report(Catalog.expectedEquals(span(found), subject: subject, found: "`:`", foundColon: true))
    advance()
    return true
  }

  /// `Add ::= 'add' DeclHead ( 'to' Path )? Body? Provenance`.
  mutating func parseAdd(doc: DocCommentSyntax?) -> StatementSyntax {
    let keyword = advance()
    guard let kind = current.keyword?.declarationKind, kind != .uncertainty else {
      return badEdit(keyword, verb: "add")
    }
    var declaration = parseDeclHead(doc: doc)
    let parent = match(.to) ? parsePath(after: "`to`") : nil
    if check(.leftBrace) {
      declaration.body = parseBody(owner: owner(of: declaration))
      declaration.range = range(from: declaration.kindRange.start)
    }
    let provenance = parseProvenance()
    let node = AddSyntax(
      declaration: declaration, parent: parent, provenance: provenance,
      range: range(from: keyword.start))
    return .add(node)
  }

  /// `Remove ::= 'remove' DeclKind Name Provenance`.
  mutating func parseRemove(doc: DocCommentSyntax?) -> StatementSyntax {
    let keyword = advance()
    guard let kind = current.keyword?.declarationKind else {
      return badEdit(keyword, verb: "remove")
    }
    let kindToken = advance()
    let name = parseName(after: "`remove \(kind.rawValue)`")
    let provenance = parseProvenance()
    let node = RemoveSyntax(
      doc: doc, kind: kind, kindRange: kindToken.range, name: name, provenance: provenance,
      range: range(from: keyword.start))
    return .remove(node)
  }

  /// `add` or `remove` without a kind: reported, then skipped to the next statement.
  private mutating func badEdit(_ keyword: Token, verb: String) -> StatementSyntax {
    let found = current
    fail(
      Catalog.expectedDeclarationKind(
        span(found), keyword: verb, found: describe(found),
        word: found.kind == .identifier ? text(found) : nil))
    synchronize()
    return .bad(range(from: keyword.start))
  }

  /// `Weights ::= 'weights' Path? '{' … WeightEntry … '}' Provenance`.
  mutating func parseWeights(doc: DocCommentSyntax?) -> WeightsSyntax {
    let keyword = advance()
    let parent = check(.leftBrace) ? nil : parsePath(after: "`weights`")
    var entries: [MemberSyntax] = []
    var entriesRange = ByteRange.empty(at: current.start)
    if check(.leftBrace) {
      (entries, entriesRange) = parseBraced(owner: "`weights`") { parser in
        parser.parseMember(allowRest: true)
      }
    } else {
      fail(
        Catalog.expectedBrace(
          span(current), after: "`weights`", found: describe(current),
          example: "weights \(parent?.text ?? "research") { papers: 60%, rest: pro_rata }"))
    }
    let provenance = parseProvenance()
    return WeightsSyntax(
      doc: doc, parent: parent, entries: entries, entriesRange: entriesRange,
      provenance: provenance, range: range(from: keyword.start))
  }

  /// An adjustment, which needs `because`.
  ///
  /// `TopAdjust ::= 'adjust' Path Entity Expr Provenance` at the top level, and
  /// `BodyAdjust ::= 'adjust' Entity Expr Provenance` in a body.
  mutating func parseAdjust(doc: DocCommentSyntax?, topLevel: Bool) -> AdjustSyntax {
    let keyword = advance()
    let target = topLevel ? parsePath(after: "`adjust`") : nil
    let entity = parseEntity(topLevel: topLevel)
    let delta = entity.isMissing ? arena.bad(.empty(at: current.start)) : parseExpr()
    let provenance = parseProvenance()
    let range = range(from: keyword.start)
    if provenance.because == nil && !entity.isMissing {
      report(Catalog.missingBecause(span(range)))
    }
    return AdjustSyntax(
      doc: doc, target: target, entity: entity, delta: delta, provenance: provenance,
      range: range)
  }

  /// `Provenance ::= ( ( 'because' | 'source' | 'by' ) STRING )*`, each clause at most once.
  ///
  /// A clause may start the next line: `because "…"` never starts an item.
  mutating func parseProvenance() -> ProvenanceSyntax {
    var provenance = ProvenanceSyntax()
    while true {
      if check(.newline) && isClause(peek()) && peek(2).kind == .string { skipNewlines() }
      guard isClause(current), let keyword = current.keyword else { break }
      let keywordToken = advance()
      guard let string = parseString(.clause(keyword: keyword.rawValue)) else { break }
      let previous: StringLiteralSyntax?
      switch keyword {
      case .because: previous = provenance.because
      case .source: previous = provenance.source
      default: previous = provenance.by
      }
      if let previous {
        report(
          Catalog.duplicateClause(
            span(keywordToken), keyword: keyword.rawValue, first: span(previous.range)))
        continue
      }
      switch keyword {
      case .because: provenance.because = string
      case .source: provenance.source = string
      default: provenance.by = string
      }
    }
    return provenance
  }

  private func isClause(_ token: Token) -> Bool {
    token.is(.because) || token.is(.source) || token.is(.by)
  }

  /// `Path ::= ( Name | 'index' | 'uncertainty' ) ( '.' Word )*`.
  mutating func parsePath(after context: String) -> PathSyntax {
    let start = current.start
    let first = check(.index) || check(.uncertainty) ? parseWord() : parseName(after: context)
    guard !first.isMissing else { return PathSyntax(segments: [], range: .empty(at: start)) }
    var segments = [first]
    while check(.dot) {
      advance()
      guard check(.identifier) else {
        fail(Catalog.expectedName(span(current), after: "`.`", found: describe(current)))
        break
      }
      segments.append(parseWord())
    }
    return PathSyntax(segments: segments, range: range(from: start))
  }
}
