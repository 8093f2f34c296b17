import Diagnostics

/// Builds a `Methodology` from parsed files: collects declarations by name and kind, and
/// rejects what no later stage could make sense of (duplicates, properties a kind does not
/// have, items in the wrong body).
///
/// Design: the parser accepts any item in any body; this is where each kind's shape is
/// enforced, with one diagnostic per mistake. Declarations are order-independent, so this
/// pass only collects; names are resolved afterwards by the checker, when everything is known.
struct Resolver {
  var methodology = Methodology()
  var diagnostics: [Diagnostic] = []
  /// Names declared so far, for the duplicate check.
  var declaredNames: [String: Span] = [:]

  /// Properties each kind accepts; anything else is a misspelling or a misplaced setting.
  static let allowedProperties: [DeclSyntax.Kind: [String]] = [
    .index: [
      "version", "period", "aggregate", "scale", "normalize", "impute", "treat", "coverage",
      "label", "max_adjust", "weights", "screen",
    ],
    .data: [
      "key", "period", "group", "columns", "layout", "encoding", "missing", "names", "pin",
      "variable", "value",
    ],
    .indicator: [
      "value", "direction", "impute", "treat", "transform", "normalize", "unit", "max_adjust",
      "target",
    ],
    .soft: ["scale", "normalize", "direction", "periods", "max_adjust"],
    .dimension: ["aggregate", "coverage", "max_adjust", "weights", "screen"],
    .scale: [],
    .uncertainty: [
      "draws", "seed", "weights", "normalize", "aggregate", "impute", "treat", "ratings", "noise",
      "exclude",
    ],
  ]

  /// Adds the declarations of one file.
  mutating func add(_ syntax: SourceFileSyntax) {
    methodology.files.append(syntax.file)
    for statement in syntax.statements {
      if case .declaration(let decl) = statement {
        add(decl, file: syntax.file)
      }
    }
  }

  /// Adds one declaration, checking its name is new and its body fits its kind.
  mutating func add(_ decl: DeclSyntax, file: SourceFile) {
    guard var declaration = Self.makeDeclaration(decl, file: file) else { return }
    Self.fill(&declaration, body: decl.body, diagnostics: &diagnostics)
    switch decl.kind {
    case .index:
      if let first = methodology.index {
        diagnostics.append(Catalog.secondIndex(declaration.nameSpan, first: first.nameSpan))
        return
      }
      methodology.index = declaration
    case .uncertainty:
      if let first = methodology.uncertainty {
        diagnostics.append(
          Catalog.duplicateBlock("uncertainty", declaration.span, first: first.span))
        return
      }
      methodology.uncertainty = declaration
    case .data, .indicator, .soft, .dimension, .scale:
      addResolved(declaration)
    case .indicators:
      break  // the table's rows are declared by `FileGraph.declareTables`
    }
  }

  /// A declaration from syntax, with its body sorted into properties, members and the rest.
  static func makeDeclaration(_ decl: DeclSyntax, file: SourceFile) -> Declaration? {
    let span = { (range: ByteRange) in Span(file: file, start: range.start, end: range.end) }
    let name: String
    let nameSpan: Span
    if let written = decl.name {
      guard !written.isMissing else { return nil }  // already reported by the parser
      name = written.text
      nameSpan = span(written.range)
    } else {
      name = decl.kind.rawValue
      nameSpan = span(decl.kindRange)
    }
    var declaration = Declaration(
      kind: decl.kind, name: name, nameSpan: nameSpan, label: decl.label?.value,
      doc: decl.doc?.text, span: span(decl.range), file: file)
    // Set only when written: most declarations have none of these.
    if let source = decl.source { declaration.source = Located(source, in: file) }
    if let scaleType = decl.scaleType { declaration.scaleType = scaleType.text }
    if let scaleRange = decl.scaleRange { declaration.scaleRange = Located(scaleRange, in: file) }
    return declaration
  }
}

extension Resolver {
  /// Sorts a body's items into the declaration, reporting items that do not belong.
  static func fill(
    _ declaration: inout Declaration, body: BodySyntax?, diagnostics: inout [Diagnostic]
  ) {
    guard let body else { return }
    declaration.withFields { fill(&$0, items: body.items, diagnostics: &diagnostics) }
  }

  /// `fill` on the fields themselves, which it changes one at a time.
  private static func fill(
    _ declaration: inout Declaration.Fields, items: [BodyItemSyntax],
    diagnostics: inout [Diagnostic]
  ) {
    let file = declaration.file
    let span = { (range: ByteRange) in Span(file: file, start: range.start, end: range.end) }
    let allowed = Self.allowedProperties[declaration.kind] ?? []
    let kind = declaration.kind
    declaration.properties.reserveCapacity(
      declaration.properties.count
        + items.reduce(0) {
          if case .property = $1 { $0 + 1 } else { $0 }
        })
    for item in items {
      switch item {
      case .property(let property):
        guard !property.name.isMissing else { continue }
        let name = property.name.text
        // `uncertainty` also takes node paths (`research.weight`), checked with the block.
        if !allowed.contains(name) && !(kind == .uncertainty && name.contains(".")) {
          declaration.hasUnknownProperties = true
          diagnostics.append(
            Catalog.unknownProperty(
              name, kind: kind.rawValue, span(property.name.range), allowed: allowed))
          continue
        }
        if let first = declaration.properties.last(where: { $0.name == name }) {
          diagnostics.append(
            Catalog.duplicateProperty(name, span(property.name.range), first: first.nameSpan))
          continue
        }
        declaration.properties.append(
          .init(
            name: name, nameSpan: span(property.name.range),
            value: Located(property.value, in: file)))
      case .members(let members):
        guard kind == .index || kind == .dimension else {
          diagnostics.append(
            Catalog.misplacedItem("members", kind: kind.rawValue, span(members.range)))
          continue
        }
        if let first = declaration.membersSpan {
          diagnostics.append(
            Catalog.duplicateProperty("members", span(members.range), first: first))
          continue
        }
        declaration.membersSpan = span(members.range)
        var list: [Declaration.Member] = []
        list.reserveCapacity(members.members.count)
        for member in members.members where !member.name.isMissing {
          list.append(
            Declaration.Member(
              name: member.name.text, nameSpan: span(member.name.range),
              weight: member.weight.map { Located($0, in: file) }))
        }
        declaration.members = list
      case .ratings(let ratings):
        guard kind == .soft else {
          diagnostics.append(
            Catalog.misplacedItem("ratings", kind: kind.rawValue, span(ratings.range)))
          continue
        }
        declaration.ratings += ratings.ratings.map { Located($0, in: file) }
      case .adjust(let adjust):
        guard kind == .indicator || kind == .soft || kind == .dimension else {
          diagnostics.append(
            Catalog.misplacedItem("adjust", kind: kind.rawValue, span(adjust.range)))
          continue
        }
        declaration.adjustments.append(Located(adjust, in: file))
      case .level(let level):
        guard kind == .scale else {
          diagnostics.append(
            Catalog.misplacedItem("a scale level", kind: kind.rawValue, span(level.range)))
          continue
        }
        declaration.levels.append(Located(level, in: file))
      case .bad:
        continue
      }
    }
  }
}
