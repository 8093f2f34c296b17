import IndexAnalysis

/// Coherence: how the members of each aggregate move together, as `idx audit` measures it —
/// a heat map of their correlations, Cronbach's α and the first principal component's share.
///
/// The panel is drawn once, for the page's opening period and the methodology as written
/// (a weight moved in the sidebar changes aggregate scores, hence the correlations of the
/// levels above, and the panel says it does not follow). Each heat map is the lower triangle
/// of its members' correlation matrix, coloured by `Palette.diverging` and labelled with its
/// numbers, followed by the full matrix as a table. Heat maps are drawn for the upper levels
/// first while their cells fit `cellBudget`, so a large index keeps its page size; the
/// summary table gives α and the component share of every aggregate, drawn or not.
struct CoherencePanel: ReportPanel {
  var id: String { "panel-coherence" }
  var title: String { "Coherence" }

  /// The most correlation cells (pairs of members) all heat maps together draw: about
  /// 200 bytes each with the tables, so at most some 80 KB on a page of any size (ASEM has
  /// 154; the 2,000 × 500 synthetic index, 2,485).
  static let cellBudget = 400

  func applies(to model: ReportModel) -> Bool {
    model.coherence?.aggregates.contains { $0.members.count > 1 } ?? false
  }

  /// The aggregates that get a heat map: two members or more, the index's level first and
  /// then each level below in pre-order, while their cells fit the budget.
  static func drawn(_ coherence: Coherence) -> Set<Int> {
    let candidates = coherence.aggregates.indices.filter {
      coherence.aggregates[$0].members.count > 1
    }
    let order = candidates.sorted {
      (coherence.aggregates[$0].depth, $0) < (coherence.aggregates[$1].depth, $1)
    }
    var chosen = Set<Int>()
    var cells = 0
    for a in order {
      let k = coherence.aggregates[a].members.count
      guard cells + k * (k - 1) / 2 <= cellBudget else { break }
      cells += k * (k - 1) / 2
      chosen.insert(a)
    }
    return chosen
  }

  func body(_ model: ReportModel) -> String {
    guard let coherence = model.coherence else { return "" }
    let drawn = Self.drawn(coherence)
    let withMembers = coherence.aggregates.filter { $0.members.count > 1 }.count
    var html = "<p>How the members of each aggregate move together"
    if let period = model.periodName(model.initialPeriod) { html += " in " + period }
    html += ", as <code>idx audit</code> measures it: the Pearson correlation of each pair of "
    html += "members' scores (over the entities that have both), Cronbach's α (how well the "
    html += "members form one scale; below 0.7 is usually read as weak) and the share of the "
    html += "members' variance that their first principal component carries (high: they "
    html += "measure one thing).</p>\n"
    html += "<p class=\"note\">The methodology as written: the weight sliders and the period "
    html += "menu do not change this panel."
    if drawn.count < withMembers {
      html += Escaping.html(
        " Heat maps for \(drawn.count) of the \(withMembers) aggregates, the upper levels "
          + "first: the page draws at most \(Self.cellBudget) correlations; `idx audit` lists "
          + "every one, and the table below gives α and the first component of all.")
    }
    html += "</p>\n"
    html += summary(model, coherence, drawn: drawn)
    html += scale()
    html += "<div class=\"heatmaps\">\n"
    for (a, aggregate) in coherence.aggregates.enumerated() where drawn.contains(a) {
      html += figure(model, aggregate, index: a)
    }
    return html + "</div>\n"
  }

  /// Every aggregate's α, first component and complete rows, in pre-order.
  func summary(_ model: ReportModel, _ coherence: Coherence, drawn: Set<Int>) -> String {
    var html = "<table id=\"coherence-summary\"><thead><tr>"
    for (i, head) in [
      "aggregate", "members", "Cronbach's α", "first component", "complete rows", "heat map",
    ].enumerated() {
      html += "<th scope=\"col\"\(i > 0 && i < 5 ? " class=\"num\"" : "")>"
      html += Escaping.html(head) + "</th>"
    }
    html += "</tr></thead><tbody>"
    for (a, aggregate) in coherence.aggregates.enumerated() {
      let indent = String(repeating: "\u{2003}", count: aggregate.depth)
      let cells = [
        indent + Self.label(model, aggregate.node), String(aggregate.members.count),
        Self.number(aggregate.cronbachAlpha), Self.percent(aggregate.firstComponentShare),
        aggregate.components.map { String($0.completeRows) } ?? "—",
        drawn.contains(a) ? "below" : (aggregate.members.count > 1 ? "not drawn" : "—"),
      ]
      html += "<tr>"
      for (i, cell) in cells.enumerated() {
        html += "<td\(i > 0 && i < 5 ? " class=\"num\"" : "")>\(Escaping.html(cell))</td>"
      }
      html += "</tr>"
    }
    return html + "</tbody></table>\n"
  }

  /// The colour key: the eleven classes from −1 to 1.
  func scale() -> String {
    var html = "<ul class=\"legend\" aria-label=\"Colour of a correlation\">"
    for (c, color) in Palette.diverging.enumerated() {
      let value = Double(c) / 5 - 1
      html += "<li><span class=\"swatch\" style=\"background:\(color)\"></span>"
      html += Escaping.html(NumberText.fixed(value, decimals: 1)) + "</li>"
    }
    return html + "</ul>\n"
  }

  /// A node's label (its name when it has none).
  static func label(_ model: ReportModel, _ node: Int) -> String {
    ReportModel.label(model.results.plan.nodes[node])
  }

  static func number(_ value: Double?) -> String {
    value.map { NumberText.fixed($0, decimals: 2) } ?? "—"
  }

  static func percent(_ share: Double?) -> String {
    guard let share, share.isFinite else { return "—" }
    return NumberText.fixed(share * 100, decimals: 0) + "%"
  }
}
