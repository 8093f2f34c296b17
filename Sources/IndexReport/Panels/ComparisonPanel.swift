import IndexAnalysis

/// The comparison with another methodology (`idx report FILE --vs OTHER.idx`): a slope chart
/// of the ranks A → B, and each entity's score difference split exactly by member of the
/// index, as `idx diff` attributes it.
///
/// Both sides are the methodologies as written, in the page's opening period: the panel is
/// drawn once and the page's script leaves it alone (a weight moved in the sidebar changes A
/// in the other panels only, which the panel says). One table holds every entity's ranks,
/// scores, Δ and terms: the text alternative of both charts.
struct ComparisonPanel: ReportPanel {
  var id: String { "panel-comparison" }
  var title: String { "Comparison with another methodology" }

  /// Ranks drawn on each side of the slope chart: an entity in the top `ranks` of A or of B
  /// gets a line; a rank below it sits on the chart's bottom line, named in its tooltip.
  static let ranks = 30
  /// Rows of the attribution chart: the largest differences.
  static let rows = 20
  /// Rows of the table at most: a 2,000-entity comparison would add some 700 KB.
  static let tableRows = 300

  enum Slope {
    static let width = 960.0
    static let top = 40.0
    static let step = 18.0
    static let left = 330.0
    static let right = 630.0
  }

  enum Bars {
    static let width = 960.0
    static let top = 24.0
    static let rowHeight = 18.0
    static let axisStart = 250.0
    static let axisLength = 620.0
    static let value = 952.0
  }

  /// Rising, falling and unchanged lines: blue solid, vermillion dashed, grey.
  static let up = Palette.series[3]
  static let down = Palette.series[4]

  func applies(to model: ReportModel) -> Bool {
    model.comparison != nil
  }

  func body(_ model: ReportModel) -> String {
    guard let comparison = model.comparison else { return "" }
    let s = comparison.diff.summary
    var html =
      "<p class=\"lead\">"
      + Escaping.html(
        "A: \(comparison.side(true)) · B: \(comparison.side(false))") + "</p>\n"
    var facts = [
      "\(s.changed) changed, \(s.unchanged) unchanged, \(s.onlyInA) only in A, "
        + "\(s.onlyInB) only in B", "\(s.rankChanges) rank changes",
    ]
    if let rho = s.spearman { facts.append("Spearman's ρ " + NumberText.fixed(rho, decimals: 3)) }
    facts.append("largest |Δrank| \(s.maxAbsoluteRankChange)")
    html += "<p>" + Escaping.html(facts.joined(separator: " · ") + ".") + "</p>\n"
    html += "<p class=\"note\">Both methodologies as written: the weight sliders and the "
    html += "period menu do not change this panel. Each Δ is split exactly as "
    html += "<code>idx diff</code> splits it; the parts add up to it.</p>\n"
    html += "<h3>Ranks, A → B</h3>\n"
    html += legend([
      ("rose", Self.up, ""), ("fell (dashed)", Self.down, ""),
      ("kept its rank", Palette.neutral, ""),
    ])
    html += slopeChart(model, comparison)
    html += "<h3>Why the scores moved: Δ by member of the index</h3>\n"
    html += legend(
      comparison.parts.map { ($0.label, $0.color, "") } + [("net Δ", "#000000", " median")])
    html += attributionChart(model, comparison)
    html += table(model, comparison)
    return html
  }

  /// A colour key; `extra` adds a swatch class.
  func legend(_ items: [(label: String, color: String, extra: String)]) -> String {
    var html = "<ul class=\"legend\">"
    for item in items {
      html += "<li><span class=\"swatch\(item.extra)\" style=\"background:\(item.color)\"></span>"
      html += Escaping.html(item.label) + "</li>"
    }
    return html + "</ul>\n"
  }

  /// The entities the slope chart draws: scored on both sides, in the top `ranks` of either.
  static func slopeEntities(_ comparison: ComparisonModel) -> [ResultsDiff.EntityChange] {
    comparison.bothInOrder.filter {
      ($0.rankA ?? Int.max) <= ranks || ($0.rankB ?? Int.max) <= ranks
    }
  }

  func slopeChart(_ model: ReportModel, _ comparison: ComparisonModel) -> String {
    let shown = Self.slopeEntities(comparison)
    let largest = comparison.bothInOrder.count
    let ranks = Swift.min(Self.ranks, largest)
    let below = Slope.top + Double(ranks) * Slope.step + 10
    let height = below + 14
    let y = { (rank: Int?) -> Double in
      guard let rank, rank <= ranks else { return below }
      return Slope.top + (Double(rank) - 0.5) * Slope.step
    }
    let moved = shown.filter { $0.rankA != $0.rankB }.sorted {
      (Swift.abs(($0.rankA ?? 0) - ($0.rankB ?? 0)), $1.code)
        > (Swift.abs(($1.rankA ?? 0) - ($1.rankB ?? 0)), $0.code)
    }
    let listed = moved.prefix(3).map {
      "\(Self.name($0)) \($0.rankA.map(String.init) ?? "—") → \($0.rankB.map(String.init) ?? "—")"
    }
    var desc = "Ranks on A and B of the \(shown.count) entities in the top \(ranks) of either"
    desc +=
      moved.isEmpty ? "; none moved" : "; the largest moves: " + listed.joined(separator: ", ")
    desc += ". The table below lists every entity."
    var svg = Markup.svg(
      id: "comparison-slope", width: Slope.width, height: height, title: "Ranks, A → B",
      desc: desc)
    svg += "<g class=\"head\">"
    svg += Markup.text(
      "A: " + Self.cut(comparison.side(true), 40), x: Slope.left, y: 16, anchor: "end")
    svg += Markup.text("B: " + Self.cut(comparison.side(false), 40), x: Slope.right, y: 16)
    svg += "</g>\n"
    svg += Markup.line(Slope.left, Slope.top - 6, Slope.left, below + 4, className: "grid")
    svg += Markup.line(Slope.right, Slope.top - 6, Slope.right, below + 4, className: "grid")
    if shown.contains(where: { ($0.rankA ?? Int.max) > ranks || ($0.rankB ?? Int.max) > ranks }) {
      svg += Markup.text(
        "below \(ranks)", x: Slope.left - 8, y: below + 4, anchor: "end", className: "tick")
      svg += Markup.text("below \(ranks)", x: Slope.right + 8, y: below + 4, className: "tick")
    }
    for entity in shown {
      let (yA, yB) = (y(entity.rankA), y(entity.rankB))
      let (rankA, rankB) = (entity.rankA ?? 0, entity.rankB ?? 0)
      let color = rankB < rankA ? Self.up : (rankB > rankA ? Self.down : Palette.neutral)
      let dash = rankB > rankA ? " stroke-dasharray=\"5 3\"" : ""
      svg += "<g class=\"sl\"><title>" + Escaping.html(tooltip(model, entity)) + "</title>"
      svg += Markup.line(
        Slope.left, yA, Slope.right, yB, className: "slope",
        extra: " stroke=\"\(color)\" stroke-width=\"\(rankA == rankB ? 1 : 2)\"\(dash)")
      for (x, yy) in [(Slope.left, yA), (Slope.right, yB)] {
        svg += "<circle cx=\"\(NumberText.svg(x))\" cy=\"\(NumberText.svg(yy))\" r=\"3\" "
        svg += "fill=\"\(color)\"/>"
      }
      let short = Self.cut(entity.name, 28)
      if rankA <= ranks {
        svg += Markup.text(
          String(rankA), x: Slope.left - 8, y: yA + 4, anchor: "end", className: "rk")
        svg += Markup.text(short, x: Slope.left - 34, y: yA + 4, anchor: "end")
      }
      if rankB <= ranks {
        svg += Markup.text(String(rankB), x: Slope.right + 8, y: yB + 4, className: "rk")
        svg += Markup.text(short, x: Slope.right + 34, y: yB + 4)
      }
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  /// A line's tooltip: the entity, its ranks and scores on both sides.
  func tooltip(_ model: ReportModel, _ entity: ResultsDiff.EntityChange) -> String {
    let d = model.scoreDecimals
    return Self.name(entity) + ": rank \(entity.rankA.map(String.init) ?? "—") → "
      + "\(entity.rankB.map(String.init) ?? "—"), score "
      + NumberText.fixed(entity.scoreA ?? .nan, decimals: d) + " → "
      + NumberText.fixed(entity.scoreB ?? .nan, decimals: d)
  }

  /// The code and the name, or the code alone when they are the same.
  static func name(_ entity: ResultsDiff.EntityChange) -> String {
    entity.name == entity.code ? entity.code : entity.code + " — " + entity.name
  }

  /// Text cut to `length` characters (the whole text is in the tooltip and the table).
  static func cut(_ text: String, _ length: Int) -> String {
    text.count <= length ? text : String(text.prefix(length - 1)) + "…"
  }

  /// A number with its sign (`+1.25`, `-0.40`, `0.00`).
  static func signed(_ value: Double, decimals: Int) -> String {
    let text = NumberText.fixed(value, decimals: decimals)
    return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
  }
}
