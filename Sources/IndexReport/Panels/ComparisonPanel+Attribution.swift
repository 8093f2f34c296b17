import IndexAnalysis

extension ComparisonPanel {
  /// The entities the attribution chart draws: the `rows` largest |Δ|, largest first.
  static func attributionEntities(_ comparison: ComparisonModel) -> [ResultsDiff.EntityChange] {
    let changed = comparison.bothInOrder.filter { $0.status == .changed }
    let order = changed.indices.sorted {
      let (x, y) = (Swift.abs(changed[$0].delta ?? 0), Swift.abs(changed[$1].delta ?? 0))
      return x != y ? x > y : $0 < $1
    }
    return order.prefix(rows).map { changed[$0] }
  }

  /// Diverging stacked bars: per entity its parts, positive rightwards from zero and
  /// negative leftwards, with a black tick at the net Δ.
  func attributionChart(_ model: ReportModel, _ comparison: ComparisonModel) -> String {
    let shown = Self.attributionEntities(comparison)
    let terms = shown.map(comparison.terms)
    var (low, high) = (0.0, 0.0)
    for parts in terms {
      low = Swift.min(low, parts.filter { $0 < 0 }.reduce(0, +))
      high = Swift.max(high, parts.filter { $0 > 0 }.reduce(0, +))
    }
    let axis = AxisTicks(covering: low, high, count: 6)
    let x = { (value: Double) in
      axis.position(value, start: Bars.axisStart, length: Bars.axisLength)
    }
    let height = Bars.top + Double(Swift.max(1, shown.count)) * Bars.rowHeight + 4
    let d = model.partDecimals
    let listed = shown.prefix(3).map {
      "\(Self.name($0)) \(Self.signed($0.delta ?? 0, decimals: d))"
    }
    var desc = "The \(shown.count) largest score differences B − A, each split by part"
    if !listed.isEmpty { desc += ": " + listed.joined(separator: ", ") }
    desc += ". The table below lists every entity with its parts."
    var svg = Markup.svg(
      id: "comparison-attribution", width: Bars.width, height: height,
      title: "Why the scores moved", desc: desc)
    svg += Markup.valueAxis(axis, x: x, top: Bars.top - 4, bottom: height - 4, live: false)
    if shown.isEmpty {
      svg += Markup.text(
        "No entity's score differs.", x: Bars.axisStart, y: Bars.top + 13, className: "tick")
    }
    for (row, (entity, parts)) in zip(shown, terms).enumerated() {
      let y = Bars.top + Double(row) * Bars.rowHeight
      svg += "<g class=\"row\" transform=\"translate(0,\(NumberText.svg(y)))\">"
      let named = zip(comparison.parts, parts).filter { $0.1 != 0 }.map {
        "\($0.0.label) \(Self.signed($0.1, decimals: d))"
      }
      svg +=
        "<title>"
        + Escaping.html(
          Self.name(entity) + ": Δ " + Self.signed(entity.delta ?? 0, decimals: d) + " = "
            + (named.isEmpty ? "0" : named.joined(separator: ", "))) + "</title>"
      svg += Markup.text(Self.cut(entity.name, 34), x: 8, y: 13, className: "nm")
      var (right, left) = (x(0), x(0))
      for (part, value) in zip(comparison.parts, parts) where value != 0 {
        let width = Swift.abs(x(value) - x(0))
        let start: Double
        if value > 0 {
          start = right
          right += width
        } else {
          left -= width
          start = left
        }
        svg += Markup.rect(x: start, y: 3, width: width, height: 12, fill: part.color)
      }
      let net = x(entity.delta ?? 0)
      svg += Markup.line(net, 1, net, 17, className: "median")
      svg += Markup.text(
        Self.signed(entity.delta ?? 0, decimals: d), x: Bars.value, y: 13, anchor: "end",
        className: "sc")
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  /// Every entity (up to `tableRows`): its status, ranks, scores, Δ and parts; those on one
  /// side only last.
  func table(_ model: ReportModel, _ comparison: ComparisonModel) -> String {
    let (d, s) = (model.partDecimals, model.scoreDecimals)
    let rank = { (rank: Int?) in rank.map(String.init) ?? "—" }
    let oneSide = comparison.diff.entities.filter { $0.delta == nil }
    var listed = comparison.bothInOrder + oneSide
    var html = ""
    if listed.count > Self.tableRows {
      // The entities the charts draw, then the best by B's rank, in the table's order.
      var chosen = Set(
        (Self.slopeEntities(comparison) + Self.attributionEntities(comparison)).map(\.code))
      for entity in listed where chosen.count < Self.tableRows { chosen.insert(entity.code) }
      let all = listed.count
      listed = listed.filter { chosen.contains($0.code) }
      html +=
        "<p class=\"note\">"
        + Escaping.html(
          "The table lists \(listed.count) of the \(all) entities: those in the charts, then "
            + "the best by B's rank; `idx diff` lists every one.") + "</p>\n"
    }
    let rows = listed.map { entity -> [String] in
      var row = [
        entity.code, entity.name, entity.status.rawValue, rank(entity.rankA), rank(entity.rankB),
        NumberText.fixed(entity.scoreA ?? .nan, decimals: s),
        NumberText.fixed(entity.scoreB ?? .nan, decimals: s),
      ]
      guard let delta = entity.delta else {
        return row + [String](repeating: "—", count: comparison.parts.count + 1)
      }
      row.append(Self.signed(delta, decimals: d))
      return row + comparison.terms(entity).map { Self.signed($0, decimals: d) }
    }
    return html
      + Markup.table(
        id: "comparison-table", summary: "The comparison as a table: every entity and its parts",
        header: ["code", "name", "status", "rank A", "rank B", "score A", "score B", "Δ"]
          + comparison.parts.map(\.label), rows: rows, numericFrom: 3)
  }
}
