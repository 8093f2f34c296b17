import Diagnostics

/// Applies a fork's edits (`set`, `add`, `remove`, `weights`, `adjust`) to the resolved base,
/// in the order written.
struct Editor {
  var methodology: Methodology
  let file: SourceFile
  /// `extends`, `amends`, or nil for a file without a base.
  let mode: ImportSyntax.Kind?
  var diagnostics: [Diagnostic] = []
  /// Paths edited so far in this file, for the one-edit-per-path rule.
  var edited: [String: Span] = [:]
  /// Data sources of the base this file replaces (`remove data x` and a new `data x`): the
  /// resolver already swapped them, so their `remove` only records the edit.
  var replacedData: Set<String> = []

  init(methodology: Methodology, file: SourceFile, mode: ImportSyntax.Kind?) {
    self.methodology = methodology
    self.file = file
    self.mode = mode
  }

  func span(_ range: ByteRange) -> Span {
    Span(file: file, start: range.start, end: range.end)
  }

  mutating func apply(_ statement: StatementSyntax) {
    switch statement {
    case .declaration, .importFile, .bad: return
    default: break
    }
    guard mode != nil else {
      diagnostics.append(Catalog.forksNotYet(span(statement.range)))
      return
    }
    if mode == .amends {
      if case .set = statement {
      } else {
        diagnostics.append(Catalog.amendsCannotAdd(span(statement.range)))
        return
      }
    }
    switch statement {
    case .set(let node): set(node)
    case .add(let node): add(node)
    case .remove(let node): remove(node)
    case .weights(let node): weights(node)
    case .adjust(let node): adjust(node)
    default: break
    }
  }

  // MARK: - Finding declarations

  /// Where a declaration lives in the methodology.
  enum Place {
    case index
    case node(Int)
    case data(Int)
    case scale(Int)
    case uncertainty
  }

  func place(_ name: String) -> Place? {
    if name == "index" || name == methodology.index?.name {
      return methodology.index == nil ? nil : .index
    }
    if name == "uncertainty" { return methodology.uncertainty == nil ? nil : .uncertainty }
    if let i = methodology.nodes.firstIndex(where: { $0.name == name }) { return .node(i) }
    if let i = methodology.data.firstIndex(where: { $0.name == name }) { return .data(i) }
    if let i = methodology.scales.firstIndex(where: { $0.name == name }) { return .scale(i) }
    return nil
  }

  func declaration(_ place: Place) -> Declaration? {
    switch place {
    case .index: methodology.index
    case .node(let i): methodology.nodes[i]
    case .data(let i): methodology.data[i]
    case .scale(let i): methodology.scales[i]
    case .uncertainty: methodology.uncertainty
    }
  }

  mutating func update(_ place: Place, _ body: (inout Declaration) -> Void) {
    switch place {
    case .index:
      if var index = methodology.index {
        body(&index)
        methodology.index = index
      }
    case .node(let i): body(&methodology.nodes[i])
    case .data(let i): body(&methodology.data[i])
    case .scale(let i): body(&methodology.scales[i])
    case .uncertainty:
      if var block = methodology.uncertainty {
        body(&block)
        methodology.uncertainty = block
      }
    }
  }

  /// The index or dimension whose members list `name`.
  func parent(of name: String) -> Place? {
    if methodology.index?.members?.contains(where: { $0.name == name }) == true { return .index }
    if let i = methodology.nodes.firstIndex(where: {
      $0.members?.contains { $0.name == name } == true
    }) {
      return .node(i)
    }
    return nil
  }

  /// Resolves `node.property`, reporting a misspelt path with the closest existing one.
  mutating func resolve(_ path: PathSyntax) -> (Place, String)? {
    let text = path.text
    if path.segments.first?.text == "uncertainty", path.segments.count > 1 {
      return resolveUncertainty(path)
    }
    guard path.segments.count == 2, let first = path.segments.first, let last = path.segments.last,
      let place = place(first.text), let target = declaration(place)
    else {
      diagnostics.append(Catalog.unknownPath(text, span(path.range), suggestion: closestPath(path)))
      return nil
    }
    let property = last.text
    let allowed =
      (Resolver.allowedProperties[target.kind] ?? []) + (target.kind == .index ? [] : ["weight"])
    guard allowed.contains(property) else {
      diagnostics.append(
        Catalog.unknownProperty(
          property, kind: target.kind.rawValue, span(last.range), allowed: allowed))
      return nil
    }
    return (place, property)
  }

  /// `uncertainty.draws`, or a node path inside the block (`uncertainty.research.weight`),
  /// which the block's own check then resolves.
  private mutating func resolveUncertainty(_ path: PathSyntax) -> (Place, String)? {
    let property = path.segments.dropFirst().map(\.text).joined(separator: ".")
    let allowed = Resolver.allowedProperties[.uncertainty] ?? []
    guard methodology.uncertainty != nil else {
      diagnostics.append(Catalog.unknownPath(path.text, span(path.range), suggestion: nil))
      return nil
    }
    guard path.segments.count > 2 || allowed.contains(property) else {
      let last = path.segments[path.segments.count - 1]
      diagnostics.append(
        Catalog.unknownProperty(
          property, kind: "uncertainty", span(last.range), allowed: allowed))
      return nil
    }
    return (.uncertainty, property)
  }

  private func closestPath(_ path: PathSyntax) -> (String, Span)? {
    let last = path.segments.count > 1 ? path.segments[path.segments.count - 1].text : "weight"
    var candidates: [(String, Span)] = []
    for declaration in methodology.nodes + methodology.data + methodology.scales {
      candidates.append((declaration.name + "." + last, declaration.nameSpan))
    }
    if let index = methodology.index { candidates.append(("index." + last, index.nameSpan)) }
    let best = Suggestions.closest(to: path.text, among: candidates.map(\.0), limit: 1).first
    return best.flatMap { name in candidates.first { $0.0 == name } }
  }

  /// Records an applied edit in the methodology, so comparisons can say what changed and why.
  mutating func record(
    _ kind: String, paths: [String], _ range: ByteRange, _ provenance: ProvenanceSyntax
  ) {
    methodology.edits.append(
      .init(
        kind: kind, paths: paths, span: span(range), because: provenance.because?.value,
        source: provenance.source?.value, by: provenance.by?.value))
  }

  /// The name a place has in paths: `index` for the index, else the declaration's name.
  func pathName(_ place: Place) -> String {
    if case .index = place { return "index" }
    if case .uncertainty = place { return "uncertainty" }
    return declaration(place)?.name ?? "index"
  }

  /// Records an edit of `key`; false (with an error) when this file already edited it.
  mutating func firstEdit(_ key: String, _ span: Span) -> Bool {
    if let first = edited[key] {
      diagnostics.append(Catalog.editedTwice(key, span, first: first))
      return false
    }
    edited[key] = span
    return true
  }
}
