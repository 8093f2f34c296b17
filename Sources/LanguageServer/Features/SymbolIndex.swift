import Diagnostics
import IndexLanguage

/// Every name written in one file, with what it names: the map hover, definition,
/// references and rename read.
///
/// Built from the syntax tree without recursion (expressions are walked from a stack). The
/// roles follow the checker: a bare name in `value:` is an indicator, `src.col` a column of a
/// data source, the value of `normalize:` a method, and so on.
struct SymbolIndex {
  /// What a written name stands for.
  enum Role: Equatable {
    /// The name a declaration introduces.
    case declaration(DeclSyntax.Kind)
    /// A node, data source or scale named elsewhere: a member, a path, a formula reference.
    case reference
    /// `ai` in `ai.arena_elo`.
    case source
    /// `arena_elo` in `ai.arena_elo`, or a column named in a data block (`key: iso2`).
    case column(source: String)
    /// A property name, in a body (of a declaration of `kind`) or in a path (`x.normalize`).
    case property(owner: String?, kind: DeclSyntax.Kind?)
    /// A method of a property (`minmax` in `normalize: minmax(0, 100)`).
    case method(property: String)
    /// A formula function (`log`).
    case function
    /// An entity code.
    case entity
    /// The file named by `extends`, `amends` or `use`.
    case file(path: String)
  }

  struct Occurrence {
    var name: String
    var range: ByteRange
    var role: Role
  }

  let file: SourceFile
  let syntax: SourceFileSyntax
  private(set) var occurrences: [Occurrence] = []

  init(file: SourceFile) {
    self.file = file
    let (syntax, _) = Parser.parse(file)
    self.syntax = syntax
    for statement in syntax.statements { index(statement) }
    occurrences.sort { $0.range.start < $1.range.start }
  }

  /// The occurrence under a byte offset (a cursor just after a name counts).
  func occurrence(at offset: Int) -> Occurrence? {
    var low = 0
    var high = occurrences.count
    while low < high {
      let middle = (low + high) / 2
      if occurrences[middle].range.end < offset { low = middle + 1 } else { high = middle }
    }
    guard low < occurrences.count else { return nil }
    let found = occurrences[low]
    return found.range.start <= offset && offset <= found.range.end ? found : nil
  }

  /// Whether an occurrence names the node, data source or scale called `name`.
  static func namesDeclaration(_ occurrence: Occurrence, _ name: String) -> Bool {
    guard occurrence.name == name else { return false }
    switch occurrence.role {
    case .declaration, .reference, .source: return true
    default: return false
    }
  }

  // MARK: - Statements

  private mutating func index(_ statement: StatementSyntax) {
    switch statement {
    case .declaration(let decl):
      index(decl)
    case .importFile(let node):
      add(node.path.value, node.path.range, .file(path: node.path.value))
    case .set(let node):
      let target = path(node.path)
      let property = node.path.segments.count > 1 ? node.path.segments.last?.text : nil
      value(node.value, property: property ?? "", owner: target, kind: nil)
    case .add(let node):
      index(node.declaration)
      if let parent = node.parent { _ = path(parent) }
    case .remove(let node):
      add(node.name.text, node.name.range, .reference)
    case .weights(let node):
      if let parent = node.parent { _ = path(parent) }
      for entry in node.entries where entry.name.text != "rest" {
        add(entry.name.text, entry.name.range, .reference)
      }
    case .adjust(let node):
      if let target = node.target { _ = path(target) }
      add(node.entity.text, node.entity.range, .entity)
    case .bad:
      break
    }
  }

  /// A path's names, the node first, then a property of it; returns the node's name.
  private mutating func path(_ path: PathSyntax) -> String? {
    guard let first = path.segments.first else { return nil }
    let isNode = first.text != "index" && first.text != "uncertainty"
    if isNode { add(first.text, first.range, .reference) }
    for segment in path.segments.dropFirst() {
      add(segment.text, segment.range, .property(owner: first.text, kind: nil))
    }
    return first.text
  }

  private mutating func index(_ decl: DeclSyntax) {
    let owner = decl.name?.text
    if let name = decl.name, !name.isMissing {
      add(name.text, name.range, .declaration(decl.kind))
    }
    if let source = decl.source { expressionNames(source, property: "", owner: owner) }
    for item in decl.body?.items ?? [] {
      switch item {
      case .property(let property):
        add(
          property.name.text, property.name.range, .property(owner: owner, kind: decl.kind))
        value(property.value, property: property.name.text, owner: owner, kind: decl.kind)
      case .members(let members):
        for member in members.members {
          add(member.name.text, member.name.range, .reference)
        }
      case .ratings(let ratings):
        for rating in ratings.ratings {
          add(rating.entity.text, rating.entity.range, .entity)
        }
      case .adjust(let adjust):
        add(adjust.entity.text, adjust.entity.range, .entity)
      case .level, .bad:
        break
      }
    }
  }

  /// The names in a property's value, read the way the checker reads that property.
  ///
  /// `kind` is nil in a fork's `set` path, where the node is declared elsewhere.
  private mutating func value(
    _ expr: ExprSyntax, property: String, owner: String?, kind: DeclSyntax.Kind?
  ) {
    let methodProperties = ["normalize", "aggregate", "impute", "treat", "transform"]
    let columnProperties = ["key", "period", "group", "names", "variable", "value"]
    if methodProperties.contains(property) {
      methodNames(expr, property: property)
    } else if property == "scale" {
      // The index's `scale:` is a method; a soft indicator's names a scale declaration.
      let isIndexScale = kind == .index || (kind == nil && owner == "index")
      if !isIndexScale, case .name(let name) = expr.kind {
        add(name, expr.range, .reference)
      } else {
        methodNames(expr, property: property)
      }
    } else if kind == .data && columnProperties.contains(property) {
      columnNames(expr, source: owner ?? "")
    } else if property == "value" {
      expressionNames(expr, property: property, owner: owner)
    }
  }

  /// `minmax`, `mean(by: region)`, `dist2ref(CN)`, `one of minmax, zscore`.
  private mutating func methodNames(_ expr: ExprSyntax, property: String) {
    var stack = [expr]
    while let next = stack.popLast() {
      switch next.kind {
      case .name(let name):
        add(name, next.range, .method(property: property))
      case .call(let function, let arguments):
        add(function.text, function.range, .method(property: property))
        for argument in arguments {
          if case .name(let value) = argument.value.kind {
            let role: Role = argument.label?.text == "by" ? .column(source: "") : .entity
            add(value, argument.value.range, role)
          }
        }
      case .oneOf(let options):
        stack += options.reversed()
      default:
        break
      }
    }
  }

  /// `iso2`, or `[hdicode, region]`: columns of the data declaration `source`.
  private mutating func columnNames(_ expr: ExprSyntax, source: String) {
    var stack = [expr]
    while let next = stack.popLast() {
      switch next.kind {
      case .name(let name), .string(let name): add(name, next.range, .column(source: source))
      case .list(let elements): stack += elements.reversed()
      default: break
      }
    }
  }

  /// A formula: bare names are indicators, `src.col` columns, calls functions.
  private mutating func expressionNames(_ expr: ExprSyntax, property: String, owner: String?) {
    var stack = [expr]
    while let next = stack.popLast() {
      switch next.kind {
      case .name(let name):
        add(name, next.range, .reference)
      case .member(let base, let column):
        if case .name(let source) = base.kind {
          add(source, base.range, .source)
          add(column.text, column.range, .column(source: source))
        } else {
          stack.append(base)
        }
      case .call(let function, let arguments):
        add(function.text, function.range, .function)
        stack += arguments.map(\.value).reversed()
      case .unary(_, _, let operand): stack.append(operand)
      case .binary(_, _, let lhs, let rhs): stack += [rhs, lhs]
      case .range(let lower, let upper): stack += [upper, lower]
      case .conditional(let condition, let then, let otherwise):
        stack += [otherwise, then, condition]
      case .list(let elements), .oneOf(let elements): stack += elements.reversed()
      case .parenthesized(let inner): stack.append(inner)
      case .number, .percent, .string, .bad: break
      }
    }
  }

  private mutating func add(_ name: String, _ range: ByteRange, _ role: Role) {
    guard !range.isEmpty else { return }
    occurrences.append(Occurrence(name: name, range: range, role: role))
  }
}
