import Diagnostics
import IndexAnalysis
import ScoringEngine

/// An explanation (or a comparison of two) laid out for people or machines.
struct ExplainReport {
  let results: Results
  let period: Int
  let explanations: [Explanation]
  /// "node#position" of an adjustment → its effect alone on the adjusted entity's score.
  var adjustmentEffects: [String: Double] = [:]

  private var p: Int { results.periodIndex(period) ?? 0 }

  private func code(_ explanation: Explanation) -> String {
    results.entities[explanation.entity].code
  }

  private func label(_ path: [String]) -> String {
    path.isEmpty ? "(final scaling)" : path.joined(separator: " › ")
  }

  private func kind(_ term: Explanation.Term) -> String {
    switch term.kind {
    case .indicator: term.decidedBy.map { "decided by \($0)" } ?? ""
    case .adjustment(let because): "adjustment: \(because)"
    case .scalingOffset: "min-max offset"
    }
  }

  func text(markdown: Bool) -> String {
    let name = results.plan.nodes[results.plan.root].label ?? results.plan.name
    let title = results.hasPeriods ? "\(name), \(period)" : name
    guard let first = explanations.first else { return "" }
    let rank = results.ranks[results.cell(entity: first.entity, period: p)]
    var out: String
    let number = { (value: Double) in NumberFormat.fixed(value, decimals: 2) }
    if explanations.count == 2 {
      let comparison = Comparison(first, explanations[1])
      let (a, b) = (code(first), code(explanations[1]))
      out =
        "\(a) \(number(first.score)) vs \(b) \(number(explanations[1].score)) in \(title): "
        + "gap \(number(comparison.gap))\n\n"
      out += section("by member of the index", comparison.byMember, a: a, b: b, markdown: markdown)
      out += "\n" + section("by indicator", comparison.rows, a: a, b: b, markdown: markdown)
      out += "\nEach row is \(a)'s contribution minus \(b)'s; the rows add up to the gap.\n"
    } else {
      out =
        "\(code(first)) scores \(number(first.score)) in \(title) (rank \(rank == 0 ? "—" : String(rank)))\n\n"
      var table = TextTable(
        headers: ["node", "weight", "value", "contribution", "note"],
        alignments: [.left, .right, .right, .right, .left])
      for term in first.terms.sorted(by: { Swift.abs($0.contribution) > Swift.abs($1.contribution) }
      ) {
        table.rows.append([
          label(term.path), NumberFormat.fixed(term.weight, decimals: 3), number(term.value),
          number(term.contribution), kind(term),
        ])
      }
      table.rows.append(["total", "", "", number(first.total), ""])
      out += markdown ? table.renderMarkdown() : table.renderText(color: false)
    }
    let derived = derivedWeightLines()
    if !derived.isEmpty {
      out += "\nweights from the data\n" + derived.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    if let line = scalingLine() { out += "\n" + line + "\n" }
    let notes = provenance()
    if !notes.isEmpty {
      out += "\nprovenance\n" + notes.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    let docs = documentation()
    if !docs.isEmpty {
      out += "\nabout the nodes\n" + docs.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    return TerminalText.escapedLines(out)
  }

  /// The final scaling, as a sentence: what every term above was multiplied by.
  func scalingLine() -> String? {
    let line = FinalScaling(results, period: p)
    switch line.method {
    case .none: return nil
    case .minmax:
      return "final scaling \(MethodText.scaling(line.method)): every term × "
        + "\(NumberFormat.fixed(line.factor, decimals: 4)), plus an offset of "
        + "\(NumberFormat.fixed(line.offset, decimals: 2)) (its own term)"
    default:
      return "final scaling \(MethodText.scaling(line.method)): every term × "
        + NumberFormat.fixed(line.factor, decimals: 4)
    }
  }

  private func section(
    _ heading: String, _ rows: [Comparison.Row], a: String, b: String, markdown: Bool
  ) -> String {
    var table = TextTable(
      headers: [heading, a, b, "gap"], alignments: [.left, .right, .right, .right])
    for row in rows {
      table.rows.append([
        label(row.path), NumberFormat.fixed(row.a, decimals: 2),
        NumberFormat.fixed(row.b, decimals: 2),
        NumberFormat.fixed(row.gap, decimals: 2),
      ])
    }
    return markdown ? table.renderMarkdown() : table.renderText(color: false)
  }

  /// One explained cell's provenance: its entity, its node and how it got its value.
  struct Provenance {
    var entity: String
    var node: String
    var path: [String]
    var text: String
  }

  /// How each explained cell got its value, one line per cell.
  func provenance() -> [String] {
    provenanceItems().map { "\($0.entity) \($0.node): \($0.text)" }
  }

  /// How each explained cell got its value: raw value and origin, imputed, treated, adjusted.
  func provenanceItems() -> [Provenance] {
    var lines: [Provenance] = []
    for explanation in explanations {
      let entity = code(explanation)
      let cell = results.cell(entity: explanation.entity, period: p)
      for term in explanation.terms where term.kind == .indicator {
        let node = results.nodes[term.node]
        let spec = results.plan.nodes[term.node]
        guard spec.indicator != nil else { continue }
        var what = ["raw \(display(node.raw[cell]))" + (spec.origin.map { " from \($0)" } ?? "")]
        if let range = spec.indicator?.ratingRanges[entity] {
          what.append(
            "plausible range \(NumberFormat.short(range.lowerBound))..\(NumberFormat.short(range.upperBound))"
          )
        }
        let flags = node.flags.isEmpty ? [] : node.flags[cell]
        if flags.contains(.imputed) {
          what.append(
            "imputed" + (node.imputedFrom[cell].map { " from \($0)" } ?? "")
              + rowImputationText(term.node) + " → \(display(node.imputed[cell]))")
        }
        if flags.contains(.winsorized) { what.append("winsorized") }
        if flags.contains(.transformed) { what.append("log-transformed") }
        if flags.contains(.adjusted) {
          for (position, adjustment) in spec.adjustments.enumerated()
          where adjustment.entity == entity {
            var text =
              "adjusted by \(NumberFormat.exact(adjustment.delta)) because \"\(adjustment.because)\""
            if let source = adjustment.source { text += " (source: \(source))" }
            if let effect = adjustmentEffects["\(term.node)#\(position)"] {
              text += " (alone it moves the score by \(NumberFormat.fixed(effect, decimals: 2)))"
            }
            what.append(text)
          }
        }
        lines.append(
          Provenance(
            entity: entity, node: spec.name, path: term.path, text: what.joined(separator: "; ")))
      }
    }
    return lines
  }

  /// The first line of each explained node's `///` doc comment, root first.
  func documentation() -> [String] {
    var seen = Set<Int>()
    var lines: [String] = []
    let nodes = [results.plan.root] + (explanations.first?.terms.map(\.node) ?? [])
    for node in nodes where seen.insert(node).inserted {
      guard let doc = results.plan.nodes[node].doc.map(Self.firstSentence), !doc.isEmpty
      else { continue }
      lines.append("\(results.plan.nodes[node].name): \(doc)")
    }
    return lines
  }

  /// The first sentence of a doc comment, whole even when it runs over several lines: the
  /// first paragraph up to a `.`, `!` or `?` followed by a space and a capital letter.
  static func firstSentence(_ doc: String) -> String {
    let paragraph = doc.split(separator: "\n", omittingEmptySubsequences: false)
      .prefix { !$0.allSatisfy { $0 == " " } }.map { $0.drop { $0 == " " } }.joined(separator: " ")
    let characters = Array(paragraph)
    for i in characters.indices.dropLast(2)
    where ".!?".contains(characters[i]) && characters[i + 1] == " " && characters[i + 2].isUppercase
    {
      return String(characters[...i])
    }
    return paragraph
  }

  private func display(_ value: Double) -> String {
    value.isNaN ? "missing" : NumberFormat.short(value)
  }

  /// CSV with a `kind` column, so one file carries the whole explanation.
  ///
  /// Rows: `indicator`, `adjustment` and `offset` (the terms), `member` (the terms summed by
  /// member of the index), one `scaling` (factor and offset), `total`, and `provenance`.
  /// Paths are ASCII: `investment/capital`.
  func csv() -> String {
    let line = FinalScaling(results, period: p)
    let scaling = [
      "scaling", csvField(MethodText.scaling(line.method)), NumberFormat.csv(line.factor),
      NumberFormat.csv(line.offset),
    ]
    if explanations.count == 2 {
      let comparison = Comparison(explanations[0], explanations[1])
      var out =
        "kind,path,\(csvField(code(explanations[0]))),\(csvField(code(explanations[1]))),gap,note\n"
      func row(_ kind: String, _ row: Comparison.Row) {
        out +=
          "\(kind),\(csvField(asciiPath(row.path))),\(NumberFormat.csv(row.a)),"
          + "\(NumberFormat.csv(row.b)),\(NumberFormat.csv(row.gap)),\n"
      }
      for comparisonRow in comparison.rows { row("term", comparisonRow) }
      for comparisonRow in comparison.byMember { row("member", comparisonRow) }
      out += scaling.joined(separator: ",") + ",,\n"
      out +=
        "total,,\(NumberFormat.csv(explanations[0].score)),"
        + "\(NumberFormat.csv(explanations[1].score)),\(NumberFormat.csv(comparison.gap)),\n"
      out += provenanceCSV(columns: 4)
      return out
    }
    let explanation = explanations[0]
    var out = "kind,path,weight,value,contribution,note\n"
    for term in explanation.terms {
      out +=
        [
          termKind(term), csvField(asciiPath(term.path)), NumberFormat.csv(term.weight),
          NumberFormat.csv(term.value), NumberFormat.csv(term.contribution),
          csvField(kind(term)),
        ].joined(separator: ",") + "\n"
    }
    for (member, sum) in explanation.byMember(root: results.plan.root) {
      out += "member,\(csvField(member)),,,\(NumberFormat.csv(sum)),\n"
    }
    out += scaling.joined(separator: ",") + ",,\n"
    out += "total,,,,\(NumberFormat.csv(explanation.score)),\n"
    out += provenanceCSV(columns: 4)
    return out
  }

  private func termKind(_ term: Explanation.Term) -> String {
    switch term.kind {
    case .indicator: "indicator"
    case .adjustment: "adjustment"
    case .scalingOffset: "offset"
    }
  }

  private func asciiPath(_ path: [String]) -> String {
    path.isEmpty ? "(final scaling)" : path.joined(separator: "/")
  }

  /// `provenance,ENTITY/PATH,…,TEXT` rows, the text in the last column.
  private func provenanceCSV(columns: Int) -> String {
    provenanceItems().map { item in
      "provenance,\(csvField(item.entity + ":" + asciiPath(item.path)))"
        + String(repeating: ",", count: columns) + csvField(item.text) + "\n"
    }.joined()
  }

  func json() -> String {
    func terms(_ explanation: Explanation) -> String {
      explanation.terms.map { term in
        "{\"kind\":\(jsonString(termKind(term))),\"path\":[\(term.path.map(jsonString).joined(separator: ","))],"
          + "\"weight\":\(NumberFormat.json(term.weight)),\"value\":\(NumberFormat.json(term.value)),"
          + "\"contribution\":\(NumberFormat.json(term.contribution)),\"note\":\(jsonString(kind(term)))}"
      }.joined(separator: ",\n")
    }
    func members(_ pairs: [(String, Double)]) -> String {
      "{" + pairs.map { "\(jsonString($0.0)):\(NumberFormat.json($0.1))" }.joined(separator: ",")
        + "}"
    }
    let parts = explanations.map { explanation in
      let rank = results.ranks[results.cell(entity: explanation.entity, period: p)]
      return
        "{\"entity\":\(jsonString(code(explanation))),\"score\":\(NumberFormat.json(explanation.score)),"
        + "\"rank\":\(rank == 0 ? "null" : String(rank)),"
        + "\"members\":\(members(explanation.byMember(root: results.plan.root))),"
        + "\"terms\":[\n\(terms(explanation))\n]}"
    }
    let line = FinalScaling(results, period: p)
    var out =
      "{\"methodology\":\(jsonString(results.plan.name)),"
      + "\"period\":\(results.hasPeriods ? String(period) : "null"),"
      + "\"scaling\":{\"method\":\(jsonString(MethodText.scaling(line.method))),"
      + "\"factor\":\(NumberFormat.json(line.factor)),\"offset\":\(NumberFormat.json(line.offset))},\n"
      + "\"explanations\":[\n" + parts.joined(separator: ",\n") + "\n]"
    if explanations.count == 2 {
      let comparison = Comparison(explanations[0], explanations[1])
      out +=
        ",\n\"gap\":{\"value\":\(NumberFormat.json(comparison.gap)),"
        + "\"members\":\(members(comparison.byMember.map { ($0.path.first ?? "(scaling)", $0.gap) })),"
        + "\"indicators\":\(members(comparison.rows.map { (asciiPath($0.path), $0.gap) }))}"
    }
    let provenance = provenanceItems().map { item in
      "{\"entity\":\(jsonString(item.entity)),\"node\":\(jsonString(item.node)),"
        + "\"path\":\(jsonString(asciiPath(item.path))),\"text\":\(jsonString(item.text))}"
    }
    out += ",\n\"provenance\":[\n" + provenance.joined(separator: ",\n") + "\n]}\n"
    return out
  }

  private func csvField(_ text: String) -> String {
    let text = TerminalText.escaped(text)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
