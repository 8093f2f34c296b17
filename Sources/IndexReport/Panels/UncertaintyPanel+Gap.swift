import IndexAnalysis

/// The headline pair's part of the uncertainty panel: the distribution of the gap A − B over
/// the draws, P(A ahead of B), and the sensitivity indices when the analysis has them.
extension UncertaintyPanel {
  enum GapColumn {
    static let width = 960.0
    static let top = 30.0
    static let bottom = 176.0
    static let height = 200.0
    static let start = 60.0
    static let length = 860.0
  }

  /// The sentence (with the pair's exact figures as attributes), the histogram and its
  /// table.
  func gapSection(_ figures: UncertaintyFigures) -> String {
    guard let pair = figures.result.pair, let sentence = figures.pairSentence else { return "" }
    let title = "The gap \(pair.first) − \(pair.second) over the draws"
    var html = "<h3>" + Escaping.html(title) + "</h3>\n"
    html += "<p class=\"lead\" id=\"uncertainty-pair\" data-first=\"\(Escaping.html(pair.first))\""
    html += " data-second=\"\(Escaping.html(pair.second))\""
    html += " data-nominal-gap=\"\(NumberText.json(pair.nominalGap ?? .nan))\""
    html += " data-compared=\"\(pair.comparedDraws)\""
    html += " data-probability=\"\(NumberText.json(pair.probabilityAhead ?? .nan))\""
    html += " data-low=\"\(NumberText.json(pair.gap?.low ?? .nan))\""
    html += " data-median=\"\(NumberText.json(pair.gap?.median ?? .nan))\""
    html += " data-high=\"\(NumberText.json(pair.gap?.high ?? .nan))\">"
    html += Escaping.html(sentence) + "</p>\n"
    guard let histogram = figures.histogram else { return html }
    html += "<ul class=\"legend\" aria-label=\"Colours of the gap's histogram\">"
    html += "<li><span class=\"swatch\" style=\"background:\(Palette.series[3])\"></span>"
    html += Escaping.html("\(pair.firstName) ahead (gap above 0)") + "</li>"
    html += "<li><span class=\"swatch\" style=\"background:\(Palette.series[4])\"></span>"
    html += Escaping.html("\(pair.secondName) ahead (gap below 0)") + "</li>"
    html += "<li><span class=\"swatch median\"></span>the gap as written (dashed)</li></ul>\n"
    html += gapChart(figures, histogram, pair: pair, title: title)
    let d = Swift.max(figures.decimals, histogram.width < 1 ? 3 : 1)
    let rows = histogram.counts.indices.map { bin in
      [
        NumberText.fixed(histogram.low(bin), decimals: d),
        NumberText.fixed(histogram.low(bin + 1), decimals: d),
        UncertaintyFigures.count(histogram.counts[bin]),
      ]
    }
    html += Markup.table(
      id: "uncertainty-gap-table", summary: "The histogram as a table (from ≤ gap < to)",
      header: ["gap from", "to", "draws"], rows: rows, numericFrom: 0)
    return html
  }

  /// Bars of the draws per bin of the gap, blue where A is ahead and vermillion where B is,
  /// with 0 and the gap as written marked.
  func gapChart(
    _ figures: UncertaintyFigures, _ histogram: UncertaintyFigures.Histogram,
    pair: UncertaintyResult.PairComparison, title: String
  ) -> String {
    let axis = AxisTicks(covering: histogram.start, histogram.end, count: 8)
    let x = { (value: Double) in
      axis.position(value, start: GapColumn.start, length: GapColumn.length)
    }
    let tallest = Double(histogram.counts.max() ?? 1)
    let span = GapColumn.bottom - GapColumn.top
    var desc = "How many draws give each gap between \(pair.firstName) and \(pair.secondName), "
    desc += "in bins of \(NumberText.svg(histogram.width)) points; "
    desc += "\(pair.firstName) is ahead in "
    desc += UncertaintyFigures.share(pair.probabilityAhead ?? 0) + " of them"
    desc += ". The table below lists the bins."
    var svg = Markup.svg(
      id: "uncertainty-gap", width: GapColumn.width, height: GapColumn.height, title: title,
      desc: desc)
    svg += "<g class=\"axis\">"
    for value in axis.values {
      svg += Markup.line(
        x(value), GapColumn.top, x(value), GapColumn.bottom + 4,
        className: value == 0 ? "zero" : "grid")
      svg += Markup.text(
        NumberText.fixed(value, decimals: axis.decimals), x: x(value), y: GapColumn.bottom + 17,
        anchor: "middle", className: "tick")
    }
    svg += Markup.text(
      UncertaintyFigures.count(Int(tallest)) + " draws", x: GapColumn.start - 6,
      y: GapColumn.top + 4, anchor: "end", className: "tick")
    svg += Markup.text(
      "gap " + pair.first + " − " + pair.second, x: GapColumn.start + GapColumn.length,
      y: GapColumn.height - 2, anchor: "end", className: "tick")
    svg += "</g>\n<g class=\"bins\">"
    for (bin, count) in histogram.counts.enumerated() where count > 0 {
      let (left, right) = (x(histogram.low(bin)), x(histogram.low(bin + 1)))
      let height = Double(count) / tallest * span
      let color = histogram.low(bin) >= 0 ? Palette.series[3] : Palette.series[4]
      svg += Markup.rect(
        x: left, y: GapColumn.bottom - height, width: right - left, height: height,
        fill: color, extra: " data-count=\"\(count)\"")
    }
    svg += "</g>\n"
    if let nominal = pair.nominalGap, nominal.isFinite {
      svg += Markup.line(
        x(nominal), GapColumn.top - 8, x(nominal), GapColumn.bottom, className: "mark")
      svg += Markup.text(
        "as written " + NumberText.fixed(nominal, decimals: figures.decimals), x: x(nominal),
        y: GapColumn.top - 12, anchor: x(nominal) > GapColumn.start + 700 ? "end" : "start",
        className: "tick")
    }
    return svg + "</svg>\n"
  }

  /// The sources' first-order and total indices for the gap, the sentence naming the first,
  /// and each charted entity's total index per source; or a note saying how to get them.
  func sensitivitySection(_ figures: UncertaintyFigures) -> String {
    let result = figures.result
    guard !result.sources.isEmpty else { return "" }
    var html = "<h3>What drives it</h3>\n"
    guard let sensitivity = result.sensitivity else {
      html += "<p class=\"note\">The sensitivity indices (which assumption the gap and each "
      html += "rank depend on most) were not computed for this page: the Saltelli design "
      html += "scores the methodology (sources + 2) times as often. <code>idx report "
      html += "--sobol</code> adds them, <code>idx uncertainty --sobol</code> prints them.</p>\n"
      return html
    }
    html += "<p>Variance-based (Sobol) indices from the Saltelli design of "
    html += Escaping.html(
      "\(UncertaintyFigures.count(sensitivity.runs)) runs (N = "
        + "\(UncertaintyFigures.count(sensitivity.baseDraws))); first order: the share of the "
        + "variance a source explains alone; total: with its interactions; 90% bootstrap "
        + "intervals of \(UncertaintyFigures.count(sensitivity.resamples)) resamples.")
    html += "</p>\n"
    if let pair = result.pair, let entries = sensitivity.gap, let top = entries.first {
      let source = result.sources[top.source]
      let alone = NumberText.fixed(Swift.max(0, top.index.firstOrder) * 100, decimals: 0)
      let total = NumberText.fixed(Swift.max(0, top.index.total) * 100, decimals: 0)
      html +=
        "<p class=\"lead\">"
        + Escaping.html(
          "\(source.name) (\(source.summary)) drives the uncertainty of the gap \(pair.first) − "
            + "\(pair.second) most: alone it explains \(alone)% of the gap's variance, \(total)% "
            + "with its interactions.") + "</p>\n"
      html += "<table id=\"uncertainty-sobol\"><thead><tr><th scope=\"col\">source</th>"
      html += "<th scope=\"col\">declared</th><th scope=\"col\" class=\"num\">first order</th>"
      html += "<th scope=\"col\" class=\"num\">total</th></tr></thead><tbody>"
      for entry in entries {
        let index = entry.index
        html += "<tr data-source=\"\(Escaping.html(result.sources[entry.source].name))\""
        html += " data-first-order=\"\(NumberText.json(index.firstOrder))\""
        html += " data-total=\"\(NumberText.json(index.total))\">"
        html += "<td>\(Escaping.html(result.sources[entry.source].name))</td>"
        html += "<td>\(Escaping.html(result.sources[entry.source].summary))</td>"
        html += "<td class=\"num\">"
        html += Self.index(index.firstOrder, index.firstOrderLow, index.firstOrderHigh) + "</td>"
        html += "<td class=\"num\">" + Self.index(index.total, index.totalLow, index.totalHigh)
        html += "</td></tr>"
      }
      html += "</tbody></table>\n"
    } else {
      html += "<p class=\"note\">The gap does not vary over the runs (or is missing in some), "
      html += "so no assumption can be said to drive it.</p>\n"
    }
    let charted = Set(figures.charted.map(\.code))
    let rows = zip(result.entities, sensitivity.ranks).filter { charted.contains($0.0.code) }.map {
      entity, ranks in
      [entity.nominalRank.map(String.init) ?? "—", entity.code]
        + result.sources.indices.map { s in
          ranks.indices.map { NumberText.fixed($0[s].total, decimals: 2) } ?? "—"
        }
    }
    html += Markup.table(
      id: "uncertainty-rank-sobol",
      summary: "Each rank's total index per source (— where the rank never moves)",
      header: ["rank", "entity"] + result.sources.map(\.name), rows: rows, numericFrom: 2)
    return html
  }

  /// `0.62 (0.58 to 0.66)`.
  static func index(_ value: Double, _ low: Double, _ high: Double) -> String {
    NumberText.fixed(value, decimals: 2) + " (" + NumberText.fixed(low, decimals: 2) + " to "
      + NumberText.fixed(high, decimals: 2) + ")"
  }
}
