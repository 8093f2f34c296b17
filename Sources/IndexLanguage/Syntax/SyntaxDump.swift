import Diagnostics

/// A compact S-expression rendering of a syntax tree, for golden tests and `idx parse`.
///
/// One statement per line, body items indented beneath it. Expressions nest in prefix form:
/// `(+ a b)`, `(call minmax 0 100)`, `(. ai arena_elo)`, `(.. 1 5)`. Placeholders print as
/// `<bad>` and missing names as `<missing>`, so a test shows exactly what recovery built.
public enum SyntaxDump {
  public static func dump(_ tree: SourceFileSyntax) -> String {
    var lines: [String] = []
    for statement in tree.statements {
      statementLines(statement, into: &lines)
    }
    return lines.map { $0 + "\n" }.joined()
  }

  private static func statementLines(_ statement: StatementSyntax, into lines: inout [String]) {
    if let doc = statement.doc { lines.append("(doc \(jsonString(doc.text)))") }
    switch statement {
    case .declaration(let decl):
      declarationLines(decl, suffix: "", into: &lines)
    case .importFile(let node):
      let pin = node.pin.map { " (pin \(jsonString($0.value)))" } ?? ""
      lines.append("(\(node.kind.rawValue) \(jsonString(node.path.value))\(pin))")
    case .set(let node):
      lines.append("(set \(path(node.path)) \(expr(node.value))\(provenance(node.provenance)))")
    case .add(let node):
      let parent = node.parent.map { " (to \(path($0)))" } ?? ""
      lines.append("(add")
      declarationLines(
        node.declaration, suffix: parent + provenance(node.provenance) + ")", into: &lines)
    case .remove(let node):
      lines.append(
        "(remove \(node.kind.rawValue) \(name(node.name))\(provenance(node.provenance)))")
    case .weights(let node):
      var line = "(weights"
      if let parent = node.parent { line += " " + path(parent) }
      line += node.entries.map { " " + member($0) }.joined()
      lines.append(line + provenance(node.provenance) + ")")
    case .adjust(let node):
      lines.append(adjust(node))
    case .bad:
      lines.append("<bad>")
    }
  }

  private static func declarationLines(
    _ decl: DeclSyntax, suffix: String, into lines: inout [String]
  ) {
    var head = "(\(decl.kind.rawValue)"
    if let declName = decl.name { head += " " + name(declName) }
    if let label = decl.label { head += " " + jsonString(label.value) }
    if let source = decl.source { head += " (= \(expr(source)))" }
    if let type = decl.scaleType { head += " " + name(type) }
    if let range = decl.scaleRange { head += " " + expr(range) }
    guard let body = decl.body, !body.items.isEmpty else {
      lines.append(head + (decl.body == nil ? "" : " {}") + ")" + suffix)
      return
    }
    lines.append(head)
    for item in body.items { lines.append("  " + self.item(item)) }
    lines[lines.count - 1] += ")" + suffix
  }

  private static func item(_ item: BodyItemSyntax) -> String {
    switch item {
    case .property(let node): "(: \(name(node.name)) \(expr(node.value)))"
    case .level(let node): "(level \(expr(node.level)) \(expr(node.label)))"
    case .members(let node): "(members" + node.members.map { " " + member($0) }.joined() + ")"
    case .ratings(let node): "(ratings" + node.ratings.map { " " + rating($0) }.joined() + ")"
    case .adjust(let node): adjust(node)
    case .bad: "<bad>"
    }
  }

  private static func member(_ node: MemberSyntax) -> String {
    guard let weight = node.weight else { return name(node.name) }
    return "(\(name(node.name)) \(expr(weight)))"
  }

  private static func rating(_ node: RatingSyntax) -> String {
    let bounds = node.bounds.map { " (range \(expr($0)))" } ?? ""
    return "(\(name(node.entity)) \(expr(node.value))\(bounds))"
  }

  private static func adjust(_ node: AdjustSyntax) -> String {
    let target = node.target.map { " " + path($0) } ?? ""
    return "(adjust\(target) \(name(node.entity)) \(expr(node.delta))"
      + provenance(node.provenance) + ")"
  }

  private static func provenance(_ node: ProvenanceSyntax) -> String {
    var out = ""
    if let because = node.because { out += " (because \(jsonString(because.value)))" }
    if let source = node.source { out += " (source \(jsonString(source.value)))" }
    if let by = node.by { out += " (by \(jsonString(by.value)))" }
    return out
  }

  private static func path(_ node: PathSyntax) -> String {
    node.segments.isEmpty ? "<missing>" : node.segments.map(name).joined(separator: ".")
  }

  private static func name(_ node: NameSyntax) -> String {
    if node.isMissing { return "<missing>" }
    return node.isQuoted ? jsonString(node.text) : node.text
  }

  /// An expression in prefix form.
  public static func expr(_ node: ExprSyntax) -> String {
    switch node.kind {
    case .number(let value): number(value)
    case .percent(let value): number(value) + "%"
    case .string(let value): jsonString(value)
    case .name(let text): text
    case .member(let base, let member): "(. \(expr(base)) \(name(member)))"
    case .call(let function, let arguments):
      "(call \(name(function))" + arguments.map { " " + argument($0) }.joined() + ")"
    case .unary(let op, _, let operand): "(\(op.rawValue) \(expr(operand)))"
    case .binary(let op, _, let lhs, let rhs): "(\(op.rawValue) \(expr(lhs)) \(expr(rhs)))"
    case .range(let lower, let upper): "(.. \(expr(lower)) \(expr(upper)))"
    case .conditional(let condition, let then, let otherwise):
      "(if \(expr(condition)) \(expr(then)) \(expr(otherwise)))"
    case .list(let elements): "[" + elements.map(expr).joined(separator: " ") + "]"
    case .parenthesized(let inner): "(paren \(expr(inner)))"
    case .oneOf(let options): "(one-of" + options.map { " " + expr($0) }.joined() + ")"
    case .bad: "<bad>"
    }
  }

  private static func argument(_ node: ArgumentSyntax) -> String {
    guard let label = node.label else { return expr(node.value) }
    return "(\(name(label)): \(expr(node.value)))"
  }

  /// Integers without a fraction, everything else as Swift prints a Double.
  private static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
}
