// The items of a body: `Item`, `Property`, `Level`, `Value`, `OneOf`, `Members`, `Member`,
// `Ratings`, `Rating`, `BodyAdjust`.

extension Parser {
  /// `Item ::= Members | Ratings | BodyAdjust | Property | Level`.
  mutating func parseItem(owner: ItemOwner) -> BodyItemSyntax {
    let token = current
    let next = peek()
    switch token.kind {
    case .identifier where next.kind == .colon:
      return .property(parseProperty())
    case .identifier where next.kind == .dot && isDottedProperty(from: position):
      return .property(parseDottedProperty())
    case .identifier where token.is(.members) && next.kind == .leftBrace:
      return .members(parseMembers())
    case .identifier where token.is(.ratings) && next.kind == .leftBrace:
      return .ratings(parseRatings())
    case .identifier where token.is(.adjust):
      return .adjust(parseAdjust(doc: nil, topLevel: false))
    case .identifier where token.is(.members) || token.is(.ratings):
      let word = text(token)
      fail(
        Catalog.expectedBrace(
          span(next), after: "`\(word)`", found: describe(next), example: "\(word) { … }"))
    case .identifier:
      return .property(parsePropertyMissingColon())
    case .string where next.kind == .colon:
      return .property(parseProperty())
    case .number where next.kind == .colon, .percent where next.kind == .colon:
      return .level(parseLevel())
    default:
      fail(Catalog.expectedItem(span(token), found: describe(token), owner: owner.text))
    }
    skipToItemEnd()
    return .bad(range(from: token.start))
  }

  /// `Property ::= ( Word | STRING ) ':' Value`.
  private mutating func parseProperty() -> PropertySyntax {
    let token = advance()
    let name =
      token.kind == .string
      ? NameSyntax(text: literalText(token), range: token.range, isQuoted: true)
      : NameSyntax(text: nameText(token), range: token.range)
    advance()
    let value = parseValue()
    return PropertySyntax(name: name, value: value, range: range(from: token.start))
  }

  /// `Property ::= Word ( '.' Word )+ ':' Value`, a node's property written as its path.
  ///
  /// Used in `uncertainty` (`research.weight: ±40%`). The name is the path as one dotted
  /// word; the checker says where such a name belongs.
  private mutating func parseDottedProperty() -> PropertySyntax {
    let first = advance()
    var text = nameText(first)
    var end = first.end
    while check(.dot) {
      advance()
      let word = advance()
      if keepsText { text += "." + self.text(word) }
      end = word.end
    }
    advance()  // `:`, which `isDottedProperty` saw
    let name = NameSyntax(text: text, range: ByteRange(first.start, end))
    let value = parseValue()
    return PropertySyntax(name: name, value: value, range: range(from: first.start))
  }

  /// Whether the tokens from `start` are `Word ( '.' Word )+ ':'`.
  func isDottedProperty(from start: Int) -> Bool {
    var index = start
    guard tokens[index].kind == .identifier else { return false }
    index += 1
    var words = 1
    while index + 1 < tokens.count && tokens[index].kind == .dot
      && tokens[index + 1].kind == .identifier
    {
      index += 2
      words += 1
    }
    return words > 1 && index < tokens.count && tokens[index].kind == .colon
  }

  /// `name value` or `name = value`: reported once, then read as if the `:` were there.
  private mutating func parsePropertyMissingColon() -> PropertySyntax {
    let token = advance()
    let name = NameSyntax(text: nameText(token), range: token.range)
    let found = current
    let isEquals = found.kind == .equals
    let diagnostic = Catalog.expectedColon(
      span(found), name: name.text, found: describe(found), foundEquals: isEquals)
    if isEquals {
      report(diagnostic)
      advance()
    } else if atSeparator || check(.rightBrace) {
      fail(diagnostic)
      return PropertySyntax(
        name: name, value: arena.bad(.empty(at: found.start)), range: range(from: token.start))
    } else {
      fail(diagnostic)
    }
    let value = parseValue()
    return PropertySyntax(name: name, value: value, range: range(from: token.start))
  }

  /// `Level ::= ( NUMBER | PERCENT ) ':' Expr`.
  private mutating func parseLevel() -> LevelSyntax {
    let start = current.start
    let level = parsePrimary()
    advance()
    let label = parseExpr()
    return LevelSyntax(level: level, label: label, range: range(from: start))
  }

  /// `Value ::= OneOf | Expr`, where `OneOf ::= 'one' 'of' Expr ( ',' Expr )*`.
  ///
  /// A comma followed by `Word ':'` ends the alternatives: it separates the next property.
  mutating func parseValue() -> ExprSyntax {
    guard check(.one) && peek().is(.of) else { return parseExpr() }
    let start = current.start
    advance()
    advance()
    skipNewlines()
    var options = [parseExpr()]
    while check(.comma) {
      var next = position + 1
      while tokens[next].kind == .newline { next += 1 }
      let isNextProperty =
        ((tokens[next].kind == .identifier || tokens[next].kind == .string)
          && tokens[min(next + 1, tokens.count - 1)].kind == .colon)
        || isDottedProperty(from: next)
      if isNextProperty || tokens[next].kind == .rightBrace { break }
      advance()
      skipNewlines()
      options.append(parseExpr())
    }
    return arena.list(options, oneOf: true, range(from: start))
  }

  /// `Members ::= 'members' '{' Sep* ( Member ( Sep+ Member )* Sep* )? '}'`.
  private mutating func parseMembers() -> MembersSyntax {
    let keyword = advance()
    let (members, range) = parseBraced(owner: "`members`", from: keyword.start) { parser in
      parser.parseMember(allowRest: false)
    }
    return MembersSyntax(members: members, range: range)
  }

  /// `Member ::= Name ( ':' Expr )?`, and in `weights`, `WeightEntry ::= ( Name | 'rest' ) ':' Expr`.
  mutating func parseMember(allowRest: Bool) -> MemberSyntax? {
    let start = current.start
    let name: NameSyntax
    if allowRest && check(.rest) {
      name = parseWord()
    } else {
      name = parseName(after: "a new line or `,` in a member list")
      guard !name.isMissing else {
        skipToItemEnd()
        return nil
      }
    }
    let weight = match(.colon) ? parseExpr() : nil
    return MemberSyntax(name: name, weight: weight, range: range(from: start))
  }

  /// `Ratings ::= 'ratings' '{' Sep* ( Rating ( Sep+ Rating )* Sep* )? '}'`.
  private mutating func parseRatings() -> RatingsSyntax {
    let keyword = advance()
    let (ratings, range) = parseBraced(owner: "`ratings`", from: keyword.start) { parser in
      parser.parseRating()
    }
    return RatingsSyntax(ratings: ratings, range: range)
  }

  /// `Rating ::= Entity Expr ( 'range' Expr )?`.
  private mutating func parseRating() -> RatingSyntax? {
    let start = current.start
    let entity = parseEntity(topLevel: false)
    guard !entity.isMissing else {
      skipToItemEnd()
      return nil
    }
    let value = parseExpr()
    let bounds = match(.range) ? parseExpr() : nil
    return RatingSyntax(entity: entity, value: value, bounds: bounds, range: range(from: start))
  }
}
