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
    let title = results.plan.nodes[results.plan.root].label ?? results.plan.name
    guard let first = explanations.first else { return "" }
    let rank = results.ranks[results.cell(entity: first.entity, period: p)]
    var out: String
    let number = { (value: Double) in NumberFormat.fixed(value, decimals: 2) }
    if explanations.count == 2 {
      let comparison = Comparison(first, explanations[1])
      let (a, b) = (code(first), code(explanations[1]))
      out =
        "\(a) \(number(first.score)) vs \(b) \(number(explanations[1].score)) in \(title), \(period): "
        + "gap \(number(comparison.gap))\n\n"
      out += section("by member of the index", comparison.byMember, a: a, b: b, markdown: markdown)
      out += "\n" + section("by indicator", comparison.rows, a: a, b: b, markdown: markdown)
      out += "\nEach row is \(a)'s contribution minus \(b)'s; the rows add up to the gap.\n"
    } else {
      out =
        "\(code(first)) scores \(number(first.score)) in \(title), \(period) (rank \(rank == 0 ? "—" : String(rank)))\n\n"
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
    let notes = provenance()
    if !notes.isEmpty {
      out += "\nprovenance\n" + notes.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    let docs = documentation()
    if !docs.isEmpty {
      out += "\nabout the nodes\n" + docs.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    return out
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

  /// How each explained cell got its value: imputed, treated, adjusted; and node docs.
  func provenance() -> [String] {
    var lines: [String] = []
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
              + " → \(display(node.imputed[cell]))")
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
        lines.append("\(entity) \(spec.name): " + what.joined(separator: "; "))
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
      guard let doc = results.plan.nodes[node].doc, let first = doc.split(separator: "\n").first
      else { continue }
      lines.append("\(results.plan.nodes[node].name): \(first)")
    }
    return lines
  }

  private func display(_ value: Double) -> String {
    value.isNaN ? "missing" : NumberFormat.short(value)
  }

  func csv() -> String {
    if explanations.count == 2 {
      let comparison = Comparison(explanations[0], explanations[1])
      var out = "node,\(code(explanations[0])),\(code(explanations[1])),gap\n"
      for row in comparison.rows {
        out +=
          "\(csvField(label(row.path))),\(NumberFormat.csv(row.a)),\(NumberFormat.csv(row.b)),"
          + "\(NumberFormat.csv(row.gap))\n"
      }
      return out
    }
    var out = "node,weight,value,contribution,note\n"
    for term in explanations[0].terms {
      out +=
        [
          csvField(label(term.path)), NumberFormat.csv(term.weight),
          NumberFormat.csv(term.value),
          NumberFormat.csv(term.contribution), csvField(kind(term)),
        ].joined(separator: ",") + "\n"
    }
    return out
  }

  func json() -> String {
    func terms(_ explanation: Explanation) -> String {
      explanation.terms.map { term in
        "{\"path\":[\(term.path.map(jsonString).joined(separator: ","))],"
          + "\"weight\":\(NumberFormat.json(term.weight)),\"value\":\(NumberFormat.json(term.value)),"
          + "\"contribution\":\(NumberFormat.json(term.contribution)),\"note\":\(jsonString(kind(term)))}"
      }.joined(separator: ",\n")
    }
    let parts = explanations.map { explanation in
      "{\"entity\":\(jsonString(code(explanation))),\"score\":\(NumberFormat.json(explanation.score)),"
        + "\"terms\":[\n\(terms(explanation))\n]}"
    }
    return
      "{\"methodology\":\(jsonString(results.plan.name)),\"period\":\(period),\"explanations\":[\n"
      + parts.joined(separator: ",\n") + "\n]}\n"
  }

  private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
