/// Over time: the score and the rank of chosen entities across the periods of a panel.
///
/// Shown only when the report covers several periods (`idx report --period all`).
struct TimelinePanel: ReportPanel {
  var id: String { "panel-timeline" }
  var title: String { "Over time" }

  /// Lines drawn at most: one per colour of `Palette.lines`.
  static var slots: Int { Palette.lines.count }

  enum Column {
    static let width = 960.0
    static let height = 300.0
    static let left = 56.0
    static let right = 880.0
    static let top = 16.0
    static let bottom = 270.0
  }

  func applies(to model: ReportModel) -> Bool {
    model.periods.count > 1
  }

  /// The entities the page opens with: the best five of the latest period.
  static func chosen(_ model: ReportModel) -> [Int] {
    Array(model.scoredInOrder.prefix(5))
  }

  func body(_ model: ReportModel) -> String {
    let chosen = Self.chosen(model)
    var html = "<div class=\"controls\">"
    html += Markup.entitySelect(
      model, role: "entities", label: "Entities (up to \(Self.slots))", selected: Set(chosen),
      multiple: true)
    html += "</div>\n<ul class=\"legend\" data-role=\"lines\" aria-label=\"Lines\">"
    for slot in 0..<Self.slots {
      let name = slot < chosen.count ? model.entityName(chosen[slot]) : ""
      html += "<li\(slot < chosen.count ? "" : " hidden")><span class=\"swatch\" "
      html +=
        "style=\"background:\(Palette.lines[slot])\"></span><span>\(Escaping.html(name))</span></li>"
    }
    html += "</ul>\n"
    html += chart(model, chosen: chosen, ranks: false)
    html += chart(model, chosen: chosen, ranks: true)
    html += table(model, chosen: chosen)
    return html
  }

  /// The horizontal position of each covered period (by value, so gaps in years show).
  static func xs(_ model: ReportModel) -> [Double] {
    let years = model.periods.map { Double(model.results.periods[$0]) }
    let (first, last) = (years.first ?? 0, years.last ?? 1)
    let span = last > first ? last - first : 1
    return years.map { Column.left + ($0 - first) / span * (Column.right - Column.left) }
  }

  /// The score axis over the chosen entities' scores in every covered period.
  static func scoreAxis(_ model: ReportModel, chosen: [Int]) -> AxisTicks {
    let values = model.periods.flatMap { p in chosen.map { model.score(entity: $0, period: p) } }
      .filter { !$0.isNaN }
    return AxisTicks(covering: values.min() ?? 0, values.max() ?? 1)
  }

  /// The rank axis: 1 at the top, the chosen entities' largest rank at the bottom.
  static func rankAxis(_ model: ReportModel, chosen: [Int]) -> AxisTicks {
    let largest =
      model.periods.flatMap { p in chosen.map { model.rank(entity: $0, period: p) } }
      .max() ?? 1
    return AxisTicks(covering: 1, Double(Swift.max(2, largest)))
  }

  func chart(_ model: ReportModel, chosen: [Int], ranks: Bool) -> String {
    let xs = Self.xs(model)
    let axis = ranks ? Self.rankAxis(model, chosen: chosen) : Self.scoreAxis(model, chosen: chosen)
    let y = { (value: Double) -> Double in
      let fraction = (value - axis.low) / (axis.high - axis.low)
      let height = Column.bottom - Column.top
      return ranks ? Column.top + fraction * height : Column.bottom - fraction * height
    }
    let id = ranks ? "timeline-rank" : "timeline-score"
    let names = chosen.map(model.entityName).joined(separator: ", ")
    var svg = Markup.svg(
      id: id, width: Column.width, height: Column.height,
      title: ranks ? "Rank over time" : "Score over time",
      desc: (ranks ? "Ranks" : "Scores") + " of \(names) in each period from "
        + "\(model.results.periods[model.periods[0]]) to "
        + "\(model.results.periods[model.initialPeriod]); the table below lists them.")
    svg += "<g class=\"axis\" data-role=\"axis\">"
    for value in axis.values where !ranks || value >= 1 {
      svg += Markup.line(Column.left, y(value), Column.right, y(value), className: "grid")
      svg += Markup.text(
        NumberText.fixed(value, decimals: ranks ? 0 : axis.decimals), x: Column.left - 6,
        y: y(value) + 4, anchor: "end", className: "tick")
    }
    svg += "</g>\n<g class=\"periods\">"
    let step = Swift.max(1, model.periods.count / 12)
    for (i, p) in model.periods.enumerated() where i % step == 0 || i == model.periods.count - 1 {
      svg += Markup.text(
        String(model.results.periods[p]), x: xs[i], y: Column.bottom + 18, anchor: "middle",
        className: "tick")
    }
    svg += "</g>\n"
    for slot in 0..<Self.slots {
      let color = Palette.lines[slot]
      var d = ""
      var label = ""
      var end = (x: 0.0, y: 0.0)
      if slot < chosen.count {
        let e = chosen[slot]
        var drawing = false
        for (i, p) in model.periods.enumerated() {
          let value =
            ranks
            ? Double(model.rank(entity: e, period: p)) : model.score(entity: e, period: p)
          guard !value.isNaN, !(ranks && value == 0) else {
            drawing = false
            continue
          }
          d += (drawing ? "L" : "M") + NumberText.svg(xs[i]) + " " + NumberText.svg(y(value))
          drawing = true
          end = (xs[i], y(value))
        }
        label = model.results.entities[e].code
      }
      svg += "<g class=\"ln\" data-slot=\"\(slot)\"><path d=\"\(d)\" stroke=\"\(color)\"/>"
      svg += Markup.text(
        label, x: end.x + 6, y: end.y + 4, className: "end", extra: " fill=\"\(color)\"")
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  func table(_ model: ReportModel, chosen: [Int]) -> String {
    let rows = chosen.map { e -> [String] in
      [model.results.entities[e].code, model.entityName(e)]
        + model.periods.map { p in
          let rank = model.rank(entity: e, period: p)
          let score = NumberText.fixed(
            model.score(entity: e, period: p), decimals: model.scoreDecimals)
          return rank > 0 ? "\(score) (\(rank))" : "—"
        }
    }
    return Markup.table(
      id: "timeline-table", summary: "Scores (and ranks) over time as a table",
      header: ["code", "name"] + model.periods.map { String(model.results.periods[$0]) },
      rows: rows, numericFrom: 2)
  }
}
