/// An entity's profile: its score on every node of the tree against the field's median and
/// range (lowest to highest), for the entity chosen from a list.
struct ProfilePanel: ReportPanel {
  var id: String { "panel-profile" }
  var title: String { "Entity profile" }

  /// Beyond this many rows only aggregates are drawn.
  static let rowLimit = 150

  enum Column {
    static let width = 960.0
    static let rowHeight = 18.0
    static let top = 24.0
    static let axisStart = 330.0
    static let axisLength = 520.0
    static let value = 952.0
  }

  /// The tree nodes drawn: every node the page holds below the index (only aggregates when
  /// there are too many).
  static func rows(_ model: ReportModel) -> [Int] {
    let held = model.tree.nodes.indices.dropFirst().filter { model.tree.nodes[$0].role != .below }
    guard held.count > rowLimit else { return held }
    return held.filter { model.planNode($0).aggregate != nil }
  }

  /// Lowest, median and highest score of a node in a period among entities that have one.
  static func field(_ model: ReportModel, node t: Int, period p: Int) -> (Double, Double, Double) {
    let values = model.results.entities.indices.map { model.nodeScore(t, entity: $0, period: p) }
      .filter { !$0.isNaN }.sorted()
    guard let low = values.first, let high = values.last else { return (.nan, .nan, .nan) }
    let middle = values.count / 2
    let median =
      values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    return (low, median, high)
  }

  func body(_ model: ReportModel) -> String {
    let chosen = model.rankOrder.first ?? 0
    var html = "<div class=\"controls\">"
    html += Markup.entitySelect(model, role: "entity", label: "Entity", selected: [chosen])
    html += "</div>\n<p class=\"lead\" data-role=\"headline\">"
    html += Escaping.html(headline(model, entity: chosen)) + "</p>\n"
    html += "<ul class=\"legend\"><li><span class=\"swatch dot\"></span>the entity</li>"
    html += "<li><span class=\"swatch median\"></span>median</li>"
    html += "<li><span class=\"swatch range\"></span>lowest to highest</li></ul>\n"
    let fields = Self.rows(model).map { Self.field(model, node: $0, period: model.initialPeriod) }
    return html + chart(model, entity: chosen, fields: fields)
      + table(model, entity: chosen, fields: fields)
  }

  func headline(_ model: ReportModel, entity e: Int) -> String {
    let p = model.initialPeriod
    let rank = model.rank(entity: e, period: p)
    let score = NumberText.fixed(model.score(entity: e, period: p), decimals: model.scoreDecimals)
    let place = rank > 0 ? "rank \(rank) of \(model.scoredInOrder.count)" : "no rank"
    return "\(model.entityName(e)): score \(score), \(place)"
      + (model.periodName(p).map { " in \($0)" } ?? "") + "."
  }

  func chart(_ model: ReportModel, entity e: Int, fields: [(Double, Double, Double)]) -> String {
    let rows = Self.rows(model)
    let p = model.initialPeriod
    let axis = AxisTicks(
      covering: fields.map(\.0).filter { !$0.isNaN }.min() ?? 0,
      fields.map(\.2).filter { !$0.isNaN }.max() ?? 1)
    let height = Column.top + Double(rows.count) * Column.rowHeight + 4
    var svg = Markup.svg(
      id: "profile-chart", width: Column.width, height: height,
      title: "Profile of \(model.entityName(e))",
      desc:
        "The entity's score on each of \(rows.count) nodes, with the field's median and its "
        + "lowest and highest score; the table below lists them.")
    svg += "<g class=\"axis\" data-role=\"axis\">"
    let x = { (value: Double) in
      axis.position(value, start: Column.axisStart, length: Column.axisLength)
    }
    for value in axis.values {
      svg += Markup.line(x(value), Column.top - 4, x(value), height - 4, className: "grid")
      svg += Markup.text(
        NumberText.fixed(value, decimals: axis.decimals), x: x(value), y: Column.top - 8,
        anchor: "middle", className: "tick")
    }
    svg += "</g>\n"
    for (position, t) in rows.enumerated() {
      let (low, median, high) = fields[position]
      let value = model.nodeScore(t, entity: e, period: p)
      let y = Column.top + Double(position) * Column.rowHeight
      svg += "<g class=\"pr\" data-t=\"\(t)\" transform=\"translate(0,\(NumberText.svg(y)))\">"
      let node = model.planNode(t)
      let indent = 8 + Double(model.tree.nodes[t].depth - 1) * 14
      let label = ReportModel.label(node)
      let room = Int((Column.axisStart - 12 - indent) / 6.6)
      let short = label.count <= room ? label : String(label.prefix(room - 1)) + "…"
      svg += "<title>\(Escaping.html(label))</title>"
      svg += Markup.text(short, x: indent, y: 13, className: node.aggregate != nil ? "agg" : nil)
      if !low.isNaN {
        svg += Markup.line(x(low), 9, x(high), 9, className: "range")
        svg += Markup.line(x(median), 3, x(median), 15, className: "median")
      }
      let shown = value.isNaN ? Column.axisStart : x(value)
      svg += "<circle class=\"dot\" cx=\"\(NumberText.svg(shown))\" cy=\"9\" "
      svg += "r=\"\(value.isNaN ? 0 : 5)\"/>"
      svg += Markup.text(
        NumberText.fixed(value, decimals: model.partDecimals), x: Column.value, y: 13,
        anchor: "end", className: "sc")
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  func table(_ model: ReportModel, entity e: Int, fields: [(Double, Double, Double)]) -> String {
    let d = model.partDecimals
    let rows = zip(Self.rows(model), fields).map { t, field -> [String] in
      [
        ReportModel.label(model.planNode(t)),
        NumberText.fixed(model.nodeScore(t, entity: e, period: model.initialPeriod), decimals: d),
        NumberText.fixed(field.1, decimals: d), NumberText.fixed(field.0, decimals: d),
        NumberText.fixed(field.2, decimals: d),
      ]
    }
    return Markup.table(
      id: "profile-table", summary: "The profile as a table",
      header: ["node", "score", "median", "lowest", "highest"], rows: rows, numericFrom: 1)
  }
}
