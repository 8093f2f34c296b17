import Diagnostics
import IndexLanguage
import ScoringEngine

// Hover: what a name is. For a node, its doc comment, kind and label, its weight in its
// group and its effective weight in the index, its pipeline (with what it inherits from the
// index), and its scores for the index's leading entities; for a method or function, its
// signature and meaning.

extension LanguageServer {
  /// How many of the index's best-ranked entities a node's hover shows.
  static let topEntities = 5

  mutating func hover(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let (occurrence, target, analysis) = self.target(document, params) else {
      return .success(.null)
    }
    let text: String?
    switch target {
    case .declaration(let declaration): text = describe(declaration, analysis)
    case .method(let property, let name):
      text = Vocabulary.methods(for: property).first { $0.name == name }.map { method in
        "**\(property)** `\(method.signature)`\n\n\(method.meaning)"
      }
    case .function(let name):
      text = Vocabulary.functions.first { $0.name == name }.map { function in
        "**function** `\(function.signature)`\n\n\(function.meaning)"
      }
    case .property(let name, let owner, let kind):
      text = describeProperty(name, owner: owner, kind: kind)
    case .column(let source, let name):
      text = describeColumn(source, name, analysis)
    case .entity(let code):
      text = describeEntity(code, analysis)
    case .file(let path):
      text = "`\(path)`"
    }
    guard let text else { return .success(.null) }
    return .success(
      .object([
        "contents": .object(["kind": "markdown", "value": .string(text)]),
        "range": document.lines.range(
          occurrence.range.start, occurrence.range.end, encoding: encoding),
      ]))
  }

  /// A node, data source or scale, as the hover shows it.
  func describe(_ declaration: Declaration, _ analysis: Analysis) -> String {
    var lines: [String] = []
    var head = "**\(declaration.kind.rawValue)** `\(declaration.name)`"
    if let label = declaration.label { head += " — \(label)" }
    lines.append(head)
    if let doc = declaration.doc { lines.append(doc) }
    var facts: [String] = []
    let methodology = analysis.methodology
    let index = methodology?.index
    switch declaration.kind {
    case .indicator, .soft, .dimension, .index:
      facts += weightFacts(declaration, analysis)
      facts += pipelineFacts(declaration, index: index)
      if let scores = scoreFacts(declaration, analysis) { facts.append(scores) }
    case .data:
      if let source = declaration.source {
        facts.append("source: `\(source.span(source.value.range).text)`")
      }
      for name in ["key", "period", "group", "columns", "layout"] {
        if let property = declaration.property(name) {
          facts.append("\(name): `\(property.valueText)`")
        }
      }
      if let table = analysis.compilation.table {
        let variables = table.variables.filter { $0.hasPrefix(declaration.name + ".") }.count
        facts.append(
          "\(table.entities.count) entities, \(variables) variables, periods \(Self.periods(table.periods))"
        )
      }
    case .scale:
      var scale = declaration.scaleType ?? "scale"
      if let range = declaration.scaleRange { scale += " " + range.span(range.value.range).text }
      facts.append("type: `\(scale)`, \(declaration.levels.count) labelled levels")
    case .uncertainty, .indicators:
      break
    }
    if Paths.normalize(declaration.file.path) != analysis.path {
      let (line, _) = declaration.file.lineColumn(of: declaration.nameSpan.start)
      facts.append("declared in `\(Self.fileName(declaration.file.path))` line \(line)")
    }
    if !facts.isEmpty { lines.append(facts.map { "- " + $0 }.joined(separator: "\n")) }
    return lines.joined(separator: "\n\n")
  }

  /// The node's weight in its group as written, and its effective weight in the index.
  private func weightFacts(_ declaration: Declaration, _ analysis: Analysis) -> [String] {
    guard let methodology = analysis.methodology, declaration.kind != .index else { return [] }
    let groups = [methodology.index].compactMap { $0 } + methodology.nodes
    guard
      let parent = groups.first(where: { group in
        group.members?.contains { $0.name == declaration.name } ?? false
      }),
      let members = parent.members,
      let member = members.first(where: { $0.name == declaration.name })
    else { return ["not a member of any group"] }
    var written: String
    if let share = member.share {
      written = Self.percent(share)
    } else if let weight = member.weight {
      written = weight.span(weight.value.range).text
    } else {
      written = "an equal share"
    }
    written = "weight: \(written) in `\(parent.name)`"
    if let plan = analysis.compilation.plan, let position = plan.nodeIndex(declaration.name) {
      let effective =
        analysis.results?.effectiveWeights[position] ?? Self.effectiveWeight(position, in: plan)
      written += " · effective \(Self.percent(effective)) of the index"
    }
    return [written]
  }

  /// The product of normalized weights from the root down to a node (1 for the root).
  static func effectiveWeight(_ node: Int, in plan: Plan) -> Double {
    var parentOf: [Int: (Int, Double)] = [:]
    for (position, candidate) in plan.nodes.enumerated() {
      guard let aggregate = candidate.aggregate else { continue }
      let total = aggregate.members.reduce(0) { $0 + $1.weight }
      for member in aggregate.members where parentOf[member.node] == nil {
        parentOf[member.node] = (position, total > 0 ? member.weight / total : 0)
      }
    }
    var weight = 1.0
    var current = node
    var steps = 0
    while let (parent, share) = parentOf[current], steps < plan.nodes.count {
      weight *= share
      current = parent
      steps += 1
    }
    return current == plan.root ? weight : 0
  }

  /// The properties that decide how the node is computed, and where each comes from.
  private func pipelineFacts(_ declaration: Declaration, index: Declaration?) -> [String] {
    func value(_ name: String, inherits: Bool, fallback: String? = nil) -> String? {
      if let own = declaration.property(name) { return "\(name) `\(own.valueText)`" }
      if inherits, declaration.kind != .index, let inherited = index?.property(name) {
        return "\(name) `\(inherited.valueSpan.text)` (from the index)"
      }
      return fallback.map { "\(name) \($0)" }
    }
    var steps: [String?] = []
    switch declaration.kind {
    case .indicator:
      steps = [
        value("value", inherits: false), value("direction", inherits: false, fallback: "higher"),
        value("impute", inherits: true, fallback: "none"),
        declaration.property("transform") != nil
          ? value("transform", inherits: false) : value("treat", inherits: true, fallback: "none"),
        value("normalize", inherits: true),
      ]
    case .soft:
      steps = [
        value("scale", inherits: false), "\(declaration.ratings.count) ratings",
        value("direction", inherits: false, fallback: "higher"), value("normalize", inherits: true),
      ]
    case .dimension, .index:
      let members = declaration.members?.map(\.name) ?? []
      steps = [
        "\(members.count) members", value("aggregate", inherits: true, fallback: "arithmetic"),
        value("coverage", inherits: true),
      ]
      if declaration.kind == .index {
        steps += [value("period", inherits: false), value("scale", inherits: false)]
      }
    default:
      break
    }
    let present = steps.compactMap { $0 }
    return present.isEmpty ? [] : ["pipeline: " + present.joined(separator: " → ")]
  }

  /// The node's score for the index's best-ranked entities in the latest scored period.
  private func scoreFacts(_ declaration: Declaration, _ analysis: Analysis) -> String? {
    guard let results = analysis.results, let node = results.plan.nodeIndex(declaration.name),
      let period = results.periods.last, let p = results.periodIndex(period)
    else { return nil }
    let isRoot = node == results.plan.root
    var ranked: [(rank: Int, entity: Int)] = []
    for entity in 0..<results.entityCount {
      let rank = results.ranks[results.cell(entity: entity, period: p)]
      if rank > 0 { ranked.append((rank, entity)) }
    }
    ranked.sort { ($0.rank, $0.entity) < ($1.rank, $1.entity) }
    let shown = ranked.prefix(Self.topEntities).map { entry -> String in
      let cell = results.cell(entity: entry.entity, period: p)
      let value = isRoot ? results.index[cell] : results.nodes[node].score[cell]
      let code = results.entities[entry.entity].code
      return "\(code) \(value.isNaN ? "—" : Self.number(value))"
    }
    guard !shown.isEmpty else { return nil }
    let what = isRoot ? "score" : "nominal score"
    return "\(what) \(period) (the index's top \(shown.count)): " + shown.joined(separator: " · ")
  }

  private func describeProperty(_ name: String, owner: Declaration?, kind: DeclSyntax.Kind?)
    -> String?
  {
    guard name != "weight" else {
      return "**weight**: the node's share in its group (`weights { … }` rescales the others)"
    }
    guard let meaning = Vocabulary.meaning(ofProperty: name) else { return nil }
    var text = "**\(name)**" + (kind.map { " (\($0.rawValue))" } ?? "") + ": " + meaning
    if let owner, let current = owner.property(name) {
      text += "\n\nin `\(owner.name)`: `\(current.valueSpan.text)`"
    }
    let methods = Vocabulary.methods(for: name)
    if !methods.isEmpty {
      text += "\n\n" + methods.map { "`\($0.signature)`" }.joined(separator: ", ")
    }
    return text
  }

  private func describeColumn(_ source: Declaration?, _ name: String, _ analysis: Analysis)
    -> String
  {
    var text = "**column** `\(name)`"
    guard let source else { return text }
    text += " of `\(source.name)`"
    if let file = source.source { text += " (`\(file.span(file.value.range).text)`)" }
    if let table = analysis.compilation.table,
      let variable = table.variableIndex(source.name + "." + name),
      let period = table.periods.last, let p = table.periodIndex(period)
    {
      let values = table.slice(variable: variable, period: p).filter { !$0.isNaN }
      if let low = values.min(), let high = values.max() {
        text +=
          "\n\n\(period): \(values.count) of \(table.entities.count) values, "
          + "\(Self.number(low))..\(Self.number(high))"
      }
    }
    return text
  }

  private func describeEntity(_ code: String, _ analysis: Analysis) -> String {
    var text = "**entity** `\(code)`"
    if let table = analysis.compilation.table, let entity = table.entityIndex(code) {
      let name = table.entities[entity].name
      if name != code { text += " — \(name)" }
    }
    if let results = analysis.results, let period = results.periods.last {
      if let score = results.indexScore(entity: code, period: period),
        let rank = results.rank(entity: code, period: period)
      {
        text += "\n\nindex \(period): \(Self.number(score)), rank \(rank)"
      }
    }
    return text
  }

  // MARK: - Numbers

  /// A number for prose: three decimals below 10, one above.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "—" }
    guard Swift.abs(value) < 1e12 else { return "\(value)" }
    let decimals = Swift.abs(value) < 10 ? 3 : 1
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (Swift.abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    let fraction = Int(rounded - Double(whole) * scale)
    let digits = String(fraction)
    let sign = value < 0 && rounded > 0 ? "-" : ""
    return sign + "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
  }

  static func percent(_ share: Double) -> String {
    let text = number(share * 100)
    var trimmed = Substring(text)
    while trimmed.contains(".") && (trimmed.hasSuffix("0") || trimmed.hasSuffix(".")) {
      if trimmed.hasSuffix(".") {
        trimmed = trimmed.dropLast()
        break
      }
      trimmed = trimmed.dropLast()
    }
    return trimmed + "%"
  }

  static func periods(_ periods: [Int]) -> String {
    guard let first = periods.first, let last = periods.last else { return "none" }
    return first == last ? "\(first)" : "\(first)–\(last)"
  }
}
