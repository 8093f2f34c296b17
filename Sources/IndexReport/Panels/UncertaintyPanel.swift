import IndexAnalysis

/// Uncertainty: how far what the methodology declares uncertain moves its ranks and the
/// headline gap, as `idx uncertainty` computes it — each entity's rank with its 5–95% interval
/// over the draws, the distribution of the gap between the pair, the share of draws in
/// which A is ahead of B, and (when the analysis has them) the sensitivity indices that name
/// the assumption the gap depends on most.
///
/// The panel is static: it is the seeded analysis of the methodology as written, in the
/// analysed period. The weight sliders change the nominal methodology, not the spread the
/// block declares, so the panel says it does not follow them. Exact figures ride on the
/// marks as `data-` attributes (the shortest text that reads back as the same double), so a
/// test can compare the page with `idx uncertainty --format json`.
struct UncertaintyPanel: ReportPanel {
  var id: String { "panel-uncertainty" }
  var title: String { "Uncertainty" }

  enum Column {
    static let width = 960.0
    static let rowHeight = 16.0
    static let top = 26.0
    static let axisStart = 330.0
    static let axisLength = 540.0
    static let interval = 952.0
  }

  func applies(to model: ReportModel) -> Bool { model.uncertainty != nil }

  func body(_ model: ReportModel) -> String {
    guard let figures = model.uncertainty else { return "" }
    let result = figures.result
    var facts = [
      "\(UncertaintyFigures.count(result.draws)) draws", "seed \(result.seed)",
    ]
    if result.hasPeriods { facts.insert("\(result.period)", at: 0) }
    var html = "<p>How far the choices that the methodology's <code>uncertainty</code> block "
    html += "declares uncertain move its results, as <code>idx uncertainty</code> computes them: "
    html += "the methodology scored once per draw, each time with those choices drawn at random "
    html += "(" + Escaping.html(facts.joined(separator: ", ")) + ").</p>\n"
    html += "<p class=\"note\">Computed once, for the methodology as written: the weight "
    html += "sliders and the period menu do not change this panel (a slider changes the "
    html += "nominal weights, not what the block declares uncertain). The same seed gives the "
    html += "same figures: <code>idx uncertainty</code> prints them with the same "
    html += "<code>--draws</code> and <code>--seed</code>.</p>\n"
    html += sources(result)
    html += problems(result)
    html += "<h3>Rank intervals</h3>\n"
    html += rankChart(figures)
    html += rankTable(figures)
    html += gapSection(figures)
    html += sensitivitySection(figures)
    return html
  }

  /// What the block declares uncertain, one row per source.
  func sources(_ result: UncertaintyResult) -> String {
    let rows =
      result.sources.isEmpty
      ? [["(nothing)", "every draw is the methodology as written"]]
      : result.sources.map { [$0.name, $0.summary] }
    return Markup.plainTable(
      id: "uncertainty-sources", header: ["uncertain", "declared"], rows: rows, numericFrom: 2)
  }

  /// The problems the draws met that the methodology as written does not have.
  func problems(_ result: UncertaintyResult) -> String {
    guard !result.drawProblems.isEmpty else { return "" }
    var html = "<p class=\"note\">Problems in the draws (those cells are missing in the draws "
    html += "that met them):</p>\n<ul class=\"note\">"
    for problem in result.drawProblems {
      html +=
        "<li>"
        + Escaping.html(
          "\(problem.code) in \(UncertaintyFigures.count(problem.draws)) of "
            + "\(UncertaintyFigures.count(result.draws)) draws: \(problem.message)") + "</li>"
    }
    return html + "</ul>\n"
  }

  /// One row per entity, ranked: the nominal rank (a dot), the median rank (a tick) and the
  /// 5–95% interval of the ranks over the draws (a bar), best rank on the left.
  func rankChart(_ figures: UncertaintyFigures) -> String {
    let rows = figures.charted
    let scored = figures.result.entities.filter { $0.rank != nil }.count
    let worst = rows.reduce(2.0) { Swift.max($0, $1.rank?.high ?? 0, Double($1.nominalRank ?? 0)) }
    let x = { (rank: Double) in
      Column.axisStart + (rank - 1) / (worst - 1) * Column.axisLength
    }
    let height = Column.top + Double(rows.count) * Column.rowHeight + 6
    let named = rows.prefix(3).map {
      "\($0.name) rank \($0.nominalRank ?? 0), 90% of draws "
        + figures.range($0.rank, rank: true)
    }
    var desc = "Each entity's rank as written (dot), its median rank over the draws (tick) and "
    desc += "the ranks of 90% of the draws (bar): " + named.joined(separator: "; ")
    if rows.count > 3 { desc += " and \(rows.count - 3) more" }
    desc += ". The table below lists the figures."
    var svg = Markup.svg(
      id: "uncertainty-ranks", width: Column.width, height: height,
      title: "Rank intervals over the draws", desc: desc)
    svg += "<g class=\"axis\">"
    let step = Swift.max(1, AxisTicks(covering: 1, worst, count: 8).step)
    let ticks = [1.0] + stride(from: step, through: worst, by: step).filter { $0 > 1 }
    for tick in ticks {
      svg += Markup.line(x(tick), Column.top - 6, x(tick), height - 4, className: "grid")
      svg += Markup.text(
        UncertaintyFigures.rank(tick), x: x(tick), y: Column.top - 10, anchor: "middle",
        className: "tick")
    }
    svg += Markup.text(
      "rank 5% to 95%", x: Column.interval, y: Column.top - 10, anchor: "end", className: "tick")
    svg += "</g>\n"
    for (slot, entity) in rows.enumerated() {
      guard let nominal = entity.nominalRank, let rank = entity.rank else { continue }
      let y = Column.top + Double(slot) * Column.rowHeight
      svg += "<g class=\"ri\" data-entity=\"\(Escaping.html(entity.code))\""
      svg += " data-rank=\"\(nominal)\" data-low=\"\(NumberText.json(rank.low))\""
      svg += " data-median=\"\(NumberText.json(rank.median))\""
      svg += " data-high=\"\(NumberText.json(rank.high))\""
      svg += " transform=\"translate(0,\(NumberText.svg(y)))\">"
      svg +=
        "<title>"
        + Escaping.html(
          "\(entity.name): rank \(nominal) as written, median "
            + "\(UncertaintyFigures.rank(rank.median)), 90% of draws "
            + figures.range(rank, rank: true)) + "</title>"
      svg += Markup.text(String(nominal), x: 30, y: 12, anchor: "end", className: "rk")
      let short = entity.name.count <= 40 ? entity.name : String(entity.name.prefix(39)) + "…"
      svg += Markup.text(short, x: 38, y: 12, className: "nm")
      svg += Markup.line(x(rank.low), 8, x(rank.high), 8, className: "range")
      svg += Markup.line(x(rank.median), 2, x(rank.median), 14, className: "median")
      svg += "<circle class=\"dot\" cx=\"\(NumberText.svg(x(Double(nominal))))\" cy=\"8\" r=\"4\"/>"
      svg += Markup.text(
        figures.range(rank, rank: true), x: Column.interval, y: 12, anchor: "end",
        className: "sc")
      svg += "</g>\n"
    }
    svg += "</svg>\n"
    var html = "<ul class=\"legend\" aria-label=\"Marks of the rank chart\">"
    html += "<li><span class=\"swatch dot\"></span>rank as written</li>"
    html += "<li><span class=\"swatch median\"></span>median rank over the draws</li>"
    html += "<li><span class=\"swatch range\"></span>ranks of 90% of the draws (5th to 95th "
    html += "percentile)</li></ul>\n"
    html += svg
    if rows.count < scored {
      html +=
        "<p class=\"note\">"
        + Escaping.html(
          "The chart draws the first \(rows.count) of the \(scored) ranked entities; the table "
            + "lists \(Swift.min(scored, UncertaintyFigures.tableRows)) and `idx uncertainty` "
            + "every one.") + "</p>\n"
    }
    return html
  }

  /// Every listed entity's figures: score and rank as written, medians and 90% intervals.
  func rankTable(_ figures: UncertaintyFigures) -> String {
    let result = figures.result
    let partial = result.entities.contains { $0.scoredDraws < result.draws }
    let d = figures.decimals
    var header = [
      "rank", "entity", "name", "score", "median score", "score 5% to 95%", "median rank",
      "rank 5% to 95%",
    ]
    if partial { header.append("scored in") }
    let rows = figures.listed.map { entity in
      var row = [
        entity.nominalRank.map(String.init) ?? "—", entity.code, entity.name,
        NumberText.fixed(entity.nominalScore ?? .nan, decimals: d),
        NumberText.fixed(entity.score?.median ?? .nan, decimals: d), figures.range(entity.score),
        entity.rank.map { UncertaintyFigures.rank($0.median) } ?? "—",
        figures.range(entity.rank, rank: true),
      ]
      if partial { row.append(UncertaintyFigures.count(entity.scoredDraws) + " draws") }
      return row
    }
    return Markup.table(
      id: "uncertainty-table", summary: "Scores and ranks over the draws as a table",
      header: header, rows: rows, numericFrom: 3)
  }
}
