/// The gap between two chosen entities, decomposed as `idx explain A --vs B` does.
///
/// Each row is A's terms minus B's, summed by member of the index and then by node, largest
/// first. The rows add up to the gap.
struct GapPanel: ReportPanel {
  var id: String { "panel-gap" }
  var title: String { "Gap between two entities" }

  /// Rows of the second chart: the largest gaps by node.
  static let slots = 10

  enum Column {
    static let width = 960.0
    static let rowHeight = 18.0
    static let top = 24.0
    static let axisStart = 430.0
    static let axisLength = 440.0
    static let value = 952.0
  }

  /// The two entities the page opens with: the first two of the ranking.
  static func pair(_ model: ReportModel) -> (Int, Int) {
    let order = model.rankOrder
    return (order.first ?? 0, order.count > 1 ? order[1] : (order.first ?? 0))
  }

  /// How a row is named: the path of labels below the index, or what the term is.
  static func rowLabel(_ model: ReportModel, _ row: Breakdown.Row) -> String {
    if row.isOffset { return "scaling offset" }
    var labels: [String] = []
    var current: Int? = row.node
    while let c = current, c != 0 {
      labels.append(ReportModel.label(model.planNode(c)))
      current = model.tree.nodes[c].parent
    }
    let path = labels.reversed().joined(separator: " › ")
    guard let because = row.because else { return path }
    return "adjustment" + (path.isEmpty ? "" : " of " + path) + ": " + because
  }

  func body(_ model: ReportModel) -> String {
    let (a, b) = Self.pair(model)
    let p = model.initialPeriod
    let breakdown = Breakdown(model)
    var html = "<div class=\"controls\">"
    html += Markup.entitySelect(model, role: "a", label: "A", selected: [a])
    html += Markup.entitySelect(model, role: "b", label: "B", selected: [b])
    html += "</div>\n<p class=\"lead\" data-role=\"headline\">"
    html += Escaping.html(headline(model, a, b)) + "</p>\n"
    let bySegment = zip(model.segments, breakdown.segmentGap(a, b, period: p)).map {
      (label: $0.label, gap: $1, color: $0.color)
    }
    let rows = breakdown.largestRows(a, b, period: p)
    let byRow = rows.prefix(Self.slots).map {
      (
        label: Self.rowLabel(model, $0), gap: $0.gap,
        color: $0.gap >= 0
          ? Palette.series[3]
          : Palette.series[4]
      )
    }
    let slots = Swift.min(Self.slots, Swift.max(byRow.count, Self.possibleRows(model)))
    html += "<h3>By member of the index</h3>\n"
    html += chart(
      id: "gap-members", title: "Gap by member of the index", rows: bySegment,
      slots: bySegment.count, decimals: model.partDecimals)
    html += "<h3>Largest gaps by node</h3>\n"
    html += chart(
      id: "gap-nodes", title: "Largest gaps by node", rows: Array(byRow), slots: slots,
      decimals: model.partDecimals)
    html += table(model, rows: rows, a, b)
    return html
  }

  /// How many rows a gap can have at most: the nodes the page holds as values, the
  /// adjustments on aggregates it recomputes and the scaling offset.
  static func possibleRows(_ model: ReportModel) -> Int {
    var count = 0
    for (t, node) in model.tree.nodes.enumerated() {
      switch node.role {
      case .embedded: count += 1
      case .live: count += Set(model.planNode(t).adjustments.map(\.because)).count
      case .below: break
      }
    }
    if case .minmax = model.results.plan.scaling { count += 1 }
    return count
  }

  func headline(_ model: ReportModel, _ a: Int, _ b: Int) -> String {
    let p = model.initialPeriod
    let (x, y) = (model.score(entity: a, period: p), model.score(entity: b, period: p))
    let d = model.partDecimals
    return "\(model.entityName(a)) \(NumberText.fixed(x, decimals: d)) vs "
      + "\(model.entityName(b)) \(NumberText.fixed(y, decimals: d)): gap "
      + "\(NumberText.fixed(x - y, decimals: d)), the sum of the rows below."
  }

  /// Diverging bars around zero, one per row; `slots` rows are drawn, the unused ones empty.
  func chart(
    id: String, title: String, rows: [(label: String, gap: Double, color: String)], slots: Int,
    decimals: Int
  ) -> String {
    let largest = rows.map { Swift.abs($0.gap) }.filter(\.isFinite).max() ?? 0
    let axis = AxisTicks(covering: -largest, largest, count: 6)
    let height = Column.top + Double(slots) * Column.rowHeight + 4
    let listed = rows.prefix(3).map {
      "\($0.label) \(NumberText.fixed($0.gap, decimals: decimals))"
    }
    var svg = Markup.svg(
      id: id, width: Column.width, height: height, title: title,
      desc: "A's part minus B's, by row: " + listed.joined(separator: ", ")
        + (rows.count > 3 ? " and \(rows.count - 3) more" : "")
        + ". The table below lists every row.")
    let x = { (value: Double) in
      axis.position(value, start: Column.axisStart, length: Column.axisLength)
    }
    svg += Markup.valueAxis(axis, x: x, top: Column.top - 4, bottom: height - 4, live: true)
    for slot in 0..<slots {
      let y = Column.top + Double(slot) * Column.rowHeight
      svg +=
        "<g class=\"gp\" data-slot=\"\(slot)\" transform=\"translate(0,\(NumberText.svg(y)))\">"
      let row = slot < rows.count ? rows[slot] : (label: "", gap: 0, color: Palette.neutral)
      let short = row.label.count <= 60 ? row.label : String(row.label.prefix(59)) + "…"
      svg += "<title>\(Escaping.html(row.label))</title>"
      svg += Markup.text(short, x: 8, y: 13, className: "nm")
      let (start, end) = (x(0), x(row.gap.isFinite ? row.gap : 0))
      svg += Markup.rect(
        x: Swift.min(start, end), y: 3, width: Swift.abs(end - start), height: 12, fill: row.color)
      svg += Markup.text(
        slot < rows.count ? NumberText.fixed(row.gap, decimals: decimals) : "", x: Column.value,
        y: 13, anchor: "end", className: "sc")
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  func table(_ model: ReportModel, rows: [Breakdown.Row], _ a: Int, _ b: Int) -> String {
    let d = model.partDecimals
    let cells = rows.map {
      [
        Self.rowLabel(model, $0), NumberText.fixed($0.a, decimals: d),
        NumberText.fixed($0.b, decimals: d), NumberText.fixed($0.gap, decimals: d),
      ]
    }
    return Markup.table(
      id: "gap-table", summary: "Every row of the gap as a table",
      header: ["row", "A", "B", "gap"], rows: cells, numericFrom: 1)
  }
}
