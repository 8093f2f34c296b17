// Braces and what goes between them: bodies, `members`, `ratings` and `weights` entries.

extension Printer {
  /// How a list written on one line is broken when it does not fit.
  enum ListStyle {
    /// One item per line (body items, ratings).
    case onePerLine
    /// As many items per line as fit (members, weights).
    case fill
  }

  /// A declaration's `{ … }`.
  mutating func body(_ body: BodySyntax) {
    // Items read in place: reading one from the array by value copies it.
    body.items.withUnsafeBufferPointer { items in
      braced(
        items.count, body.range, style: .onePerLine, range: { items[$0].range },
        item: { printer, index, alignable in printer.item(items[index], alignable: alignable) })
    }
  }

  /// `{ items }` on one line when written on one line and it fits, otherwise `{`, the items on
  /// the lines they were written on (or broken by `style`), and `}` on a line of its own.
  ///
  /// `span` reaches from before `{` (or from it) to `}`; the current token must be `{`. A
  /// list counts as written on one line when no line break separates its braces and items
  /// (a break inside an item, in a formula, is joined anyway).
  mutating func braced(
    _ count: Int, _ span: ByteRange, style: ListStyle, range: (Int) -> ByteRange,
    item: (inout Printer, Int, Bool) -> Void
  ) {
    // Whether a gap before an item or before `}` holds a line break: usually the first does,
    // so this reads a few bytes, and the gaps between items are read as they are printed.
    var multiLine = false
    var previous = span.start
    for index in 0...count where !multiLine {
      let next = index < count ? range(index).start : span.end
      multiLine = gap(previous, next).breaks > 0
      if index < count { previous = range(index).end }
    }
    if count == 0 && !hasComment(span.start, span.end) {
      fixed("{")
      fixed("}")
      return
    }
    var split = false
    if !multiLine && count > 0 {
      let saved = checkpoint()
      fixed("{")
      space()
      for index in 0..<count {
        if index > 0 {
          raw(",")
          space()
        }
        item(&self, index, false)
      }
      space()
      fixed("}")
      if stayedOnOneLine(since: saved) { return }
      restore(saved)
      split = true
    }
    fixed("{")
    endLine()
    blankAllowed = false
    indent += 2
    currentRun = newGroup()
    for index in 0..<count {
      if index > 0 {
        let between = gap(range(index - 1).end, range(index).start)
        let newLine: Bool
        if split {
          newLine = style == .onePerLine || !fits(index, item)
        } else {
          newLine = between.breaks > 0
        }
        if newLine {
          endLine()
          if between.blank { currentRun = newGroup() }
        } else {
          raw(",")
          space()
        }
      }
      item(&self, index, atLineStart)
    }
    if !atLineStart { endLine() }
    flushTrivia(stopAtLineBreak: false)
    indent -= 2
    blankAllowed = false
    fixed("}")
    currentRun = newGroup()
  }

  /// Whether item `index` still fits on the open line after a comma.
  private mutating func fits(_ index: Int, _ item: (inout Printer, Int, Bool) -> Void) -> Bool {
    let saved = checkpoint()
    raw(",")
    space()
    item(&self, index, false)
    let fits = stayedOnOneLine(since: saved)
    restore(saved)
    return fits
  }

  /// One item of a body; `alignable` when it starts a line of a multi-line body.
  mutating func item(_ item: BodyItemSyntax, alignable: Bool) {
    switch item {
    case .property(let property):
      token(property.name.range)
      fixed(":")
      if alignable { markAlignment() }
      space()
      expression(property.value)
    case .level(let level):
      expression(level.level)
      fixed(":")
      space()
      expression(level.label)
    case .members(let members):
      fixed("members")
      space()
      braced(
        members.members.count, members.range, style: .fill,
        range: { members.members[$0].range },
        item: { printer, index, _ in printer.member(members.members[index]) })
    case .ratings(let ratings):
      fixed("ratings")
      space()
      braced(
        ratings.ratings.count, ratings.range, style: .onePerLine,
        range: { ratings.ratings[$0].range },
        item: { printer, index, _ in printer.rating(ratings.ratings[index]) })
    case .adjust(let node):
      adjust(node)
    case .bad(let range):
      fail("unreadable item at offset \(range.start)")
    }
  }

  /// `name` or `name: weight`.
  mutating func member(_ member: MemberSyntax) {
    token(member.name.range)
    if let weight = member.weight {
      fixed(":")
      space()
      expression(weight)
    }
  }

  /// `US 4.6 range 4.2..5.0`.
  mutating func rating(_ rating: RatingSyntax) {
    token(rating.entity.range)
    space()
    expression(rating.value)
    if let bounds = rating.bounds {
      space()
      fixed("range")
      space()
      expression(bounds)
    }
  }
}
