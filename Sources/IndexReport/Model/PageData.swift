import ScoringEngine

/// The data the page's script works from, as one JSON document.
///
/// It holds the tree (names, labels, doc comments, aggregations, weights, coverage,
/// adjustments, roles), the entities and periods, the engine's values of every embedded node
/// (exact: the script re-aggregates them and must get the engine's numbers), and the charts'
/// geometry, so the script draws where the report drew. Every string goes through
/// `Escaping.jsonString`, which keeps the document inert inside `<script
/// type="application/json">`.
struct PageData {
  let model: ReportModel

  func json() -> String {
    let results = model.results
    var out = "{\"version\":1"
    out += ",\"title\":" + Escaping.jsonString(model.title)
    out += ",\"source\":" + Escaping.jsonString(model.options.sourceName)
    out += ",\"scaling\":" + scaling(results.plan.scaling)
    out += ",\"entities\":["
    out += results.entities.map {
      "[" + Escaping.jsonString($0.code) + "," + Escaping.jsonString($0.name) + "]"
    }.joined(separator: ",")
    out +=
      "],\"periods\":[" + model.periods.map { String(results.periods[$0]) }.joined(separator: ",")
    out += "],\"showPeriods\":\(results.hasPeriods)"
    out += ",\"initialPeriod\":\(model.periods.count - 1)"
    out += ",\"decimals\":[\(model.scoreDecimals),\(model.partDecimals)]"
    out += ",\"nodes\":[" + model.tree.nodes.indices.map(node).joined(separator: ",\n") + "]"
    out += ",\"segments\":[" + model.segments.map(segment).joined(separator: ",") + "]"
    out += ",\"layout\":" + layout()
    return out + "}"
  }

  private func scaling(_ scaling: Scaling) -> String {
    switch scaling {
    case .none: return "{\"kind\":\"none\"}"
    case .leader(let factor): return "{\"kind\":\"leader\",\"factor\":\(NumberText.json(factor))}"
    case .minmax(let range):
      return "{\"kind\":\"minmax\",\"low\":\(NumberText.json(range.lowerBound)),"
        + "\"high\":\(NumberText.json(range.upperBound))}"
    case .relative(let code, let factor):
      let entity = model.results.entityIndex(code).map(String.init) ?? "null"
      return "{\"kind\":\"relative\",\"entity\":\(entity),\"factor\":\(NumberText.json(factor))}"
    }
  }

  private func aggregator(_ aggregator: Aggregator) -> String {
    switch aggregator {
    case .arithmetic: return "{\"kind\":\"arithmetic\"}"
    case .sum: return "{\"kind\":\"sum\"}"
    case .geometric(.error): return "{\"kind\":\"geometric\",\"policy\":\"error\"}"
    case .geometric(.floor(let epsilon)):
      return "{\"kind\":\"geometric\",\"policy\":\"floor\",\"c\":\(NumberText.json(epsilon))}"
    case .geometric(.shift(let c)):
      return "{\"kind\":\"geometric\",\"policy\":\"shift\",\"c\":\(NumberText.json(c))}"
    case .harmonic: return "{\"kind\":\"harmonic\"}"
    case .power(let p): return "{\"kind\":\"power\",\"p\":\(NumberText.json(p))}"
    case .median: return "{\"kind\":\"median\"}"
    case .minimum: return "{\"kind\":\"min\"}"
    case .copeland: return "{\"kind\":\"copeland\"}"
    case .benefitOfDoubt: return "{\"kind\":\"benefit_of_doubt\"}"
    case .mazziottaPareto: return "{\"kind\":\"mpi\"}"
    case .adjustedMazziottaPareto: return "{\"kind\":\"ampi\"}"
    }
  }

  private func node(_ t: Int) -> String {
    let tree = model.tree.nodes[t]
    let spec = model.planNode(t)
    var out = "{\"name\":" + Escaping.jsonString(spec.name)
    out += ",\"label\":" + Escaping.jsonString(ReportModel.label(spec))
    if let doc = spec.doc { out += ",\"doc\":" + Escaping.jsonString(doc) }
    out += ",\"depth\":\(tree.depth),\"parent\":\(tree.parent.map(String.init) ?? "null")"
    out += ",\"role\":\"\(tree.role.rawValue)\""
    if let reason = tree.fixedReason { out += ",\"fixed\":" + Escaping.jsonString(reason) }
    if let aggregate = spec.aggregate {
      out += ",\"agg\":" + aggregator(aggregate.aggregator)
      out += ",\"members\":[" + tree.members.map(String.init).joined(separator: ",") + "]"
      out += ",\"weights\":[" + tree.weights.map(NumberText.json).joined(separator: ",") + "]"
      out += ",\"coverage\":" + (aggregate.coverage.map(NumberText.json) ?? "null")
      out += ",\"percent\":\(aggregate.percentWeights)"
      let adjustments = spec.adjustments.compactMap { adjustment -> String? in
        guard let e = model.results.entityIndex(adjustment.entity) else { return nil }
        return "[\(e),\(NumberText.json(adjustment.delta)),"
          + Escaping.jsonString(adjustment.because) + "]"
      }
      out += ",\"adjust\":[" + adjustments.joined(separator: ",") + "]"
    }
    if tree.role == .embedded {
      out += ",\"values\":[" + values(t) + "]"
    }
    return out + "}"
  }

  /// The engine's scores of node `t` over the covered periods, period-major.
  private func values(_ t: Int) -> String {
    var out = ""
    out.reserveCapacity(model.periods.count * model.results.entityCount * 18)
    let scores = model.results.nodes[model.tree.nodes[t].plan].score
    var first = true
    for p in model.periods {
      for value in model.results.slice(scores, period: p) {
        if !first { out += "," }
        first = false
        out += NumberText.json(value)
      }
    }
    return out
  }

  private func segment(_ segment: ReportModel.Segment) -> String {
    let kind: String
    switch segment.kind {
    case .member(let t): kind = "\"kind\":\"member\",\"node\":\(t)"
    case .rootAdjustments: kind = "\"kind\":\"adjust\""
    case .scalingOffset: kind = "\"kind\":\"offset\""
    case .whole: kind = "\"kind\":\"whole\""
    }
    return "{" + kind + ",\"label\":" + Escaping.jsonString(segment.label)
      + ",\"color\":\"\(segment.color)\"}"
  }

  /// The charts' geometry and the rows each chart draws.
  private func layout() -> String {
    let ranking = RankingPanel.layout(model)
    let colors = { (list: [String]) in "[" + list.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
    let parts = [
      "\"ranking\":"
        + object([
          ("width", ranking.width), ("rowHeight", ranking.rowHeight), ("top", ranking.top),
          ("barStart", ranking.barStart), ("barLength", ranking.barLength),
          ("barHeight", ranking.barHeight),
        ]),
      "\"framework\":"
        + object(
          [
            ("barStart", FrameworkPanel.Column.barStart),
            ("barLength", FrameworkPanel.Column.barLength),
          ], extra: ["rows": "[" + ints(FrameworkPanel.rows(model)) + "]"]),
      "\"profile\":"
        + object(
          [
            ("top", ProfilePanel.Column.top), ("axisStart", ProfilePanel.Column.axisStart),
            ("axisLength", ProfilePanel.Column.axisLength),
          ], extra: ["rows": "[" + ints(ProfilePanel.rows(model)) + "]"]),
      "\"gap\":"
        + object(
          [
            ("top", GapPanel.Column.top), ("axisStart", GapPanel.Column.axisStart),
            ("axisLength", GapPanel.Column.axisLength),
          ], extra: ["colors": colors([Palette.series[3], Palette.series[4]])]),
      "\"timeline\":"
        + object(
          [
            ("left", TimelinePanel.Column.left), ("right", TimelinePanel.Column.right),
            ("top", TimelinePanel.Column.top), ("bottom", TimelinePanel.Column.bottom),
          ],
          extra: [
            "xs": "[" + TimelinePanel.xs(model).map(NumberText.json).joined(separator: ",") + "]",
            "colors": colors(Palette.lines),
          ]),
    ]
    return "{" + parts.joined(separator: ",") + "}"
  }

  /// A JSON object of numbers, then of values already written as JSON (keys sorted).
  private func object(_ numbers: [(String, Double)], extra: [String: String] = [:]) -> String {
    let fields =
      numbers.map { "\"\($0.0)\":\(NumberText.json($0.1))" }
      + extra.keys.sorted().map { "\"\($0)\":\(extra[$0] ?? "null")" }
    return "{" + fields.joined(separator: ",") + "}"
  }

  private func ints(_ values: [Int]) -> String {
    values.map(String.init).joined(separator: ",")
  }
}
