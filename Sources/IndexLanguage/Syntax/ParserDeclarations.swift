// Files, statements and declarations: `File`, `Statement`, `Declaration`, `DeclHead`, `Body`.

extension Parser {
  /// `File ::= Sep* ( Statement ( Sep+ Statement )* Sep* )?`.
  mutating func parseFile() -> [StatementSyntax] {
    var statements: [StatementSyntax] = []
    skipSeparators()
    while !atEnd {
      let before = position
      panicking = false
      statements.append(parseStatement())
      if !atSeparator {
        fail(Catalog.expectedSeparator(span(current), found: describe(current)))
        synchronize()
      }
      skipSeparators()
      if position == before { advance() }
    }
    return statements
  }

  /// `Statement ::= DOC_COMMENT* ( Declaration | Import | Set | Add | Remove | Weights | TopAdjust )`.
  mutating func parseStatement() -> StatementSyntax {
    let doc = docComment()
    let token = current
    if let keyword = token.keyword, peek().kind != .colon {
      switch keyword {
      case .index, .data, .indicator, .dimension, .scale, .soft, .uncertainty:
        return .declaration(parseDeclaration(doc: doc))
      case .indicators: return .declaration(parseTableDeclaration(doc: doc))
      case .extends, .amends, .use: return .importFile(parseImport(doc: doc))
      case .set: return .set(parseSet(doc: doc))
      case .add: return parseAdd(doc: doc)
      case .remove: return parseRemove(doc: doc)
      case .weights: return .weights(parseWeights(doc: doc))
      case .adjust: return .adjust(parseAdjust(doc: doc, topLevel: true))
      default: break
      }
    }
    let word = token.kind == .identifier ? text(token) : nil
    fail(
      Catalog.expectedStatement(
        span(token), found: describe(token), word: word, isProperty: peek().kind == .colon))
    synchronize()
    return .bad(range(from: token.start))
  }

  /// `Declaration ::= DeclHead Body? | 'uncertainty' Body`.
  mutating func parseDeclaration(doc: consuming DocCommentSyntax?) -> DeclSyntax {
    var declaration = parseDeclHead(doc: doc)
    if check(.leftBrace) {
      let owner = ItemOwner.declaration(declaration.kind, declaration.name)
      declaration.body = parseBody(owner: owner)
    } else if declaration.kind == .uncertainty {
      fail(
        Catalog.expectedBrace(
          span(current), after: "`uncertainty`", found: describe(current),
          example: "uncertainty { draws: 1000 }"))
    }
    declaration.range = range(from: declaration.kindRange.start)
    return declaration
  }

  /// How a declaration is named in messages: "`dimension research`".
  func owner(of declaration: DeclSyntax) -> ItemOwner {
    .declaration(declaration.kind, declaration.name)
  }

  /// `DeclHead ::= 'index' Name Label? | 'data' Name Label? '=' Expr | … | 'scale' Name Label? ( Word Expr? )?`.
  ///
  /// The current token must be a declaration keyword.
  ///
  /// The parts are read into locals and the declaration made once at the end: filling in a
  /// made declaration field by field copied it, and each copy retains every field.
  mutating func parseDeclHead(doc: consuming DocCommentSyntax?) -> DeclSyntax {
    let keywordToken = advance()
    let kind = keywordToken.keyword?.declarationKind ?? .indicator
    guard kind != .uncertainty else {
      return DeclSyntax(
        doc: doc, kind: kind, kindRange: keywordToken.range, name: nil, label: nil, source: nil,
        scaleType: nil, scaleRange: nil, body: nil, range: keywordToken.range)
    }
    let name = parseName(after: "`\(kind.rawValue)`")
    var label: StringLiteralSyntax?
    if check(.string) {
      let token = advance()
      label = StringLiteralSyntax(value: literalText(token), range: token.range)
    }
    var source: ExprSyntax?
    var scaleType: NameSyntax?
    var scaleRange: ExprSyntax?
    switch kind {
    case .data:
      source = parseDataSource(subject: "data \(name.text)")
    case .scale:
      if check(.identifier) && !check(.to) {
        scaleType = parseWord()
        if !check(.leftBrace) && !check(.to) && !atSeparator {
          scaleRange = parseExpr()
        }
      }
    default:
      break
    }
    return DeclSyntax(
      doc: doc, kind: kind, kindRange: keywordToken.range, name: name, label: label,
      source: source, scaleType: scaleType, scaleRange: scaleRange, body: nil,
      range: range(from: keywordToken.start))
  }

  /// `'=' Expr` after a data declaration's name: where its values come from.
  private mutating func parseDataSource(subject: String) -> ExprSyntax {
    if !match(.equals) {
      let found = current
      if found.kind == .colon {
        report(
          Catalog.expectedEquals(span(found), subject: subject, found: "`:`", foundColon: true))
        advance()
      } else {
        fail(
          Catalog.expectedEquals(
            span(found), subject: subject, found: describe(found), foundColon: false))
        return arena.bad(.empty(at: found.start))
      }
    }
    return parseExpr()
  }

  /// `Body ::= '{' Sep* ( Item ( Sep+ Item )* Sep* )? '}'`.
  ///
  /// The items are collected in a buffer the parser keeps (`itemBuffer`) and copied once into
  /// an array of exactly their number: a body of three items then costs one allocation, not
  /// three, and no spare capacity stays in the tree.
  mutating func parseBody(owner: ItemOwner) -> BodySyntax {
    var buffer = itemBuffer
    itemBuffer = []
    buffer.removeAll(keepingCapacity: true)
    let range = parseBraced(owner: owner, into: &buffer) { parser in
      parser.parseItem(owner: owner)
    }
    let items = Self.moveOut(&buffer)
    itemBuffer = buffer
    return BodySyntax(items: items, range: range)
  }

  /// The items of `buffer` moved into an array of exactly their number, `buffer` left empty
  /// with its capacity.
  ///
  /// Moved, not copied: a copy retains what every item holds and emptying the buffer then
  /// releases it again. The moved-from slots are refilled with a placeholder that holds no
  /// reference, so emptying the buffer has nothing to release.
  static func moveOut(_ buffer: inout [BodyItemSyntax]) -> [BodyItemSyntax] {
    let count = buffer.count
    guard count > 0 else { return [] }
    // Room made by `reserveCapacity`, not `init(unsafeUninitializedCapacity:)`: that one
    // allocates through a generic entry point of the standard library, which looks the array's
    // storage type up at run time on every call (as many instructions as the allocation).
    var items: [BodyItemSyntax] = []
    items.reserveCapacity(count)
    buffer.withUnsafeMutableBufferPointer { source in
      guard let from = source.baseAddress else { return }
      for offset in 0..<count {
        items.append((from + offset).move())
        (from + offset).initialize(to: .bad(.empty(at: 0)))
      }
    }
    buffer.removeAll(keepingCapacity: true)
    return items
  }

  /// A brace-delimited sequence of items separated by new lines or commas.
  ///
  /// Stops early, reporting the unclosed brace, at the end of the file or at a statement
  /// keyword (which most likely means the `}` was forgotten). Returns the items and the range
  /// from `{` to `}`. The current token must be `{`.
  mutating func parseBraced<Item>(
    owner: ItemOwner, from start: Int? = nil, _ parseItem: (inout Parser) -> Item?
  ) -> ([Item], ByteRange) {
    var items: [Item] = []
    let range = parseBraced(owner: owner, from: start, into: &items, parseItem)
    return (items, range)
  }

  /// `parseBraced`, appending the items to `items`.
  mutating func parseBraced<Item>(
    owner: ItemOwner, from start: Int? = nil, into items: inout [Item],
    _ parseItem: (inout Parser) -> Item?
  ) -> ByteRange {
    let opening = advance()
    skipSeparators()
    while !check(.rightBrace) {
      if atEnd || atStatementStart {
        fail(
          Catalog.unclosedBrace(
            span(current), found: describe(current), owner: owner.text, opening: span(opening)))
        return range(from: start ?? opening.start)
      }
      let before = position
      panicking = false
      if let item = parseItem(&self) { items.append(item) }
      if !atSeparator && !check(.rightBrace) {
        fail(Catalog.expectedSeparator(span(current), found: describe(current)))
        skipToItemEnd()
      }
      skipSeparators()
      if position == before { advance() }
    }
    advance()
    return range(from: start ?? opening.start)
  }
}
