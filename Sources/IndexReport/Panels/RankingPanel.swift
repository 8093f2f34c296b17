/// The ranking: one horizontal bar per entity, stacked by each member of the index's
/// contribution (explain's exact terms), with the rank and the score; sortable.
///
/// Positive parts stack rightwards from zero and negative parts (z-scores, a min-max offset)
/// leftwards, so each bar's net length is the score. Rows are `<g data-e>` groups the script
/// moves when the order changes and whose rectangles it resizes when a weight moves.
struct RankingPanel: ReportPanel {
  var id: String { "panel-ranking" }
  var title: String { "Ranking" }

  /// The chart's geometry, shared with the script through the page's data.
  struct Layout: Sendable {
    var width = 960.0
    var rowHeight = 18.0
    var top = 24.0
    var rankRight = 34.0
    var nameLeft = 42.0
    var nameWidth: Double
    var barHeight = 12.0
    var scoreWidth = 64.0

    var barStart: Double { nameLeft + nameWidth + 8 }
    var barLength: Double { width - barStart - scoreWidth - 8 }

    init(longestName: Int) {
      nameWidth = Swift.min(210, Swift.max(60, Double(Swift.min(longestName, 30)) * 6.8))
    }
  }

  static func layout(_ model: ReportModel) -> Layout {
    Layout(longestName: model.results.entities.map { $0.name.count }.max() ?? 0)
  }

  /// A name cut to 30 characters, for the chart (the full name is in its tooltip).
  static func shortName(_ name: String) -> String {
    name.count <= 30 ? name : String(name.prefix(29)) + "…"
  }

  func body(_ model: ReportModel) -> String {
    var html = "<div class=\"controls\"><label>Sort by <select data-role=\"sort\">"
    html += "<option value=\"rank\" selected>rank</option><option value=\"name\">name</option>"
    for (s, segment) in model.segments.enumerated() {
      html += "<option value=\"\(s)\">\(Escaping.html(segment.label))</option>"
    }
    html += "</select></label></div>\n"
    let sums = Self.sums(model)
    html += legend(model)
    html += chart(model, sums: sums)
    html += table(model, sums: sums)
    return html
  }

  /// Each entity's terms summed by segment in the initial period.
  static func sums(_ model: ReportModel) -> [[Double]] {
    let breakdown = Breakdown(model)
    return model.results.entities.indices.map {
      breakdown.segmentSums(entity: $0, period: model.initialPeriod)
    }
  }

  /// The colour key of the segments.
  func legend(_ model: ReportModel) -> String {
    var html = "<ul class=\"legend\" aria-label=\"Parts of each bar\">"
    for segment in model.segments {
      html += "<li><span class=\"swatch\" style=\"background:\(segment.color)\"></span>"
      html += Escaping.html(segment.label) + "</li>"
    }
    return html + "</ul>\n"
  }

  /// The chart for the initial period, rows in rank order.
  func chart(_ model: ReportModel, sums: [[Double]]) -> String {
    let layout = Self.layout(model)
    let p = model.initialPeriod
    let axis = Self.axis(sums)
    let height = layout.top + Double(model.results.entityCount) * layout.rowHeight + 6
    let scored = model.scoredInOrder
    let leaders = scored.prefix(3).map {
      "\(model.entityName($0)) \(NumberText.fixed(model.score(entity: $0, period: p), decimals: model.scoreDecimals))"
    }
    let parts = model.segments.map(\.label).joined(separator: ", ")
    var desc = "Scores of \(scored.count) entities, best first"
    if !leaders.isEmpty { desc += ": " + leaders.joined(separator: ", ") }
    if scored.count > leaders.count { desc += " and \(scored.count - leaders.count) more" }
    desc += ". Each bar is split into the contributions of \(parts); the table below lists them."
    var svg = Markup.svg(
      id: "ranking-chart", width: layout.width, height: height,
      title: "Ranking" + (model.periodName(p).map { ", \($0)" } ?? ""), desc: desc)
    svg += axisMarkup(axis, layout: layout, height: height)
    for (position, e) in model.rankOrder.enumerated() {
      svg += row(
        model, entity: e, sums: sums[e], y: layout.top + Double(position) * layout.rowHeight,
        axis: axis, layout: layout)
    }
    return svg + "</svg>\n"
  }

  /// The axis over the stacked parts of every bar.
  static func axis(_ sums: [[Double]]) -> AxisTicks {
    var low = 0.0
    var high = 0.0
    for parts in sums {
      low = Swift.min(low, parts.filter { $0 < 0 }.reduce(0, +))
      high = Swift.max(high, parts.filter { $0 > 0 }.reduce(0, +))
    }
    return AxisTicks(covering: low, high)
  }

  private func axisMarkup(_ axis: AxisTicks, layout: Layout, height: Double) -> String {
    Markup.valueAxis(
      axis, x: { axis.position($0, start: layout.barStart, length: layout.barLength) },
      top: layout.top - 4, bottom: height - 4, live: true)
  }

  private func row(
    _ model: ReportModel, entity e: Int, sums: [Double], y: Double, axis: AxisTicks,
    layout: Layout
  ) -> String {
    let p = model.initialPeriod
    let entity = model.results.entities[e]
    let rank = model.rank(entity: e, period: p)
    let score = model.score(entity: e, period: p)
    var svg = "<g class=\"row\" data-e=\"\(e)\" transform=\"translate(0,\(NumberText.svg(y)))\">"
    svg += Markup.text(
      rank > 0 ? String(rank) : "—", x: layout.rankRight, y: 13, anchor: "end",
      className: "rk")
    let tooltip = entity.name == entity.code ? entity.code : entity.code + " — " + entity.name
    svg += "<text x=\"\(NumberText.svg(layout.nameLeft))\" y=\"13\" class=\"nm\">"
    svg += "<title>\(Escaping.html(tooltip))</title>\(Escaping.html(Self.shortName(entity.name)))"
    svg += "</text>"
    let scale = layout.barLength / (axis.high - axis.low)
    let zero = axis.position(0, start: layout.barStart, length: layout.barLength)
    var (right, left) = (zero, zero)
    for (s, value) in sums.enumerated() {
      let width = Swift.abs(value) * scale
      let x: Double
      if value >= 0 {
        x = right
        right += width
      } else {
        left -= width
        x = left
      }
      svg += Markup.rect(
        x: x, y: (layout.rowHeight - layout.barHeight) / 2, width: width,
        height: layout.barHeight, fill: model.segments[s].color, extra: " data-s=\"\(s)\"")
    }
    svg += Markup.text(
      score.isNaN ? "no score" : NumberText.fixed(score, decimals: model.scoreDecimals),
      x: layout.width - 8, y: 13, anchor: "end", className: "sc")
    return svg + "</g>\n"
  }

  /// The ranking as a table: rank, entity, score and each segment's part.
  func table(_ model: ReportModel, sums: [[Double]]) -> String {
    let p = model.initialPeriod
    let rows = model.rankOrder.map { e -> [String] in
      let entity = model.results.entities[e]
      let rank = model.rank(entity: e, period: p)
      return [
        rank > 0 ? String(rank) : "—", entity.code, entity.name,
        NumberText.fixed(model.score(entity: e, period: p), decimals: model.scoreDecimals),
      ]
        + sums[e].map { rank > 0 ? NumberText.fixed($0, decimals: model.partDecimals) : "—" }
    }
    return Markup.table(
      id: "ranking-table", summary: "The ranking as a table",
      header: ["rank", "code", "name", "score"] + model.segments.map(\.label), rows: rows,
      numericFrom: 3)
  }
}
