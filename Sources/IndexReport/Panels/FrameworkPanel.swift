import ScoringEngine

/// The framework: the methodology's tree as an indented list, with each node's weight in its
/// group (nominal) and in the index (effective), and its doc comment on hover and focus.
struct FrameworkPanel: ReportPanel {
  var id: String { "panel-framework" }
  var title: String { "Framework" }

  /// Beyond this many nodes only the nodes the page holds are drawn (a 10,000-indicator
  /// methodology would otherwise make a page nobody scrolls).
  static let rowLimit = 600

  enum Column {
    static let width = 960.0
    static let rowHeight = 18.0
    static let top = 26.0
    static let aggregation = 500.0
    static let nominal = 660.0
    static let barStart = 680.0
    static let barLength = 200.0
    static let effective = 952.0
  }

  /// The tree nodes drawn, in pre-order.
  static func rows(_ model: ReportModel) -> [Int] {
    let all = Array(model.tree.nodes.indices)
    guard all.count > rowLimit else { return all }
    return all.filter { model.tree.nodes[$0].role != .below }
  }

  func body(_ model: ReportModel) -> String {
    chart(model)
      + "<p class=\"doc\" data-role=\"doc\" aria-live=\"polite\">Hover over or focus a node "
      + "to read its description.</p>\n" + table(model)
  }

  /// The aggregation a node uses, as the methodology writes it.
  static func aggregation(_ node: Plan.Node) -> String {
    guard let aggregate = node.aggregate else { return "" }
    switch aggregate.aggregator {
    case .arithmetic: return "arithmetic"
    case .sum: return "sum"
    case .geometric: return "geometric"
    case .harmonic: return "harmonic"
    case .power(let p): return "power(\(NumberText.json(p)))"
    case .median: return "median"
    case .minimum: return "min"
    case .copeland: return "copeland"
    case .benefitOfDoubt: return "benefit_of_doubt"
    case .mazziottaPareto: return "mpi"
    case .adjustedMazziottaPareto: return "ampi"
    }
  }

  /// What the tooltip and the doc line say about a node.
  static func description(_ model: ReportModel, _ t: Int) -> String {
    let node = model.planNode(t)
    var text = node.label.map { "\($0) (\(node.name))" } ?? node.name
    if let doc = node.doc, !doc.isEmpty { text += ": " + doc }
    if let reason = model.tree.nodes[t].fixedReason { text += " [fixed in the page: \(reason)]" }
    return text
  }

  func chart(_ model: ReportModel) -> String {
    let rows = Self.rows(model)
    let shares = model.tree.nominalShares
    let effective = model.tree.effectiveWeights
    let height = Column.top + Double(rows.count) * Column.rowHeight + 4
    var svg = Markup.svg(
      id: "framework-chart", width: Column.width, height: height,
      title: "Framework of \(model.title)",
      desc:
        "The tree of \(model.tree.nodes.count) nodes, the index first: each node's aggregation, "
        + "its weight in its group and its effective weight in the index. The table below "
        + "lists the same.")
    svg += "<g class=\"head\">"
    svg += Markup.text("node", x: 8, y: 14)
    svg += Markup.text("aggregation", x: Column.aggregation, y: 14)
    svg += Markup.text("in group", x: Column.nominal, y: 14, anchor: "end")
    svg += Markup.text("in the index", x: Column.effective, y: 14, anchor: "end")
    svg += "</g>\n"
    for (position, t) in rows.enumerated() {
      let node = model.planNode(t)
      let depth = Double(model.tree.nodes[t].depth)
      let y = Column.top + Double(position) * Column.rowHeight
      svg += "<g class=\"fw\" data-t=\"\(t)\" tabindex=\"0\" "
      svg += "transform=\"translate(0,\(NumberText.svg(y)))\">"
      svg += "<title>\(Escaping.html(Self.description(model, t)))</title>"
      let label = ReportModel.label(node)
      let short = label.count <= 56 ? label : String(label.prefix(55)) + "…"
      svg += Markup.text(
        short, x: 8 + depth * 14, y: 13, className: node.aggregate != nil ? "agg" : nil)
      var aggregation = Self.aggregation(node)
      if node.aggregate != nil && model.tree.nodes[t].role != .live { aggregation += " (fixed)" }
      svg += Markup.text(aggregation, x: Column.aggregation, y: 13, className: "meta")
      if t != 0 {
        svg += Markup.text(
          NumberText.percent(shares[t]), x: Column.nominal, y: 13, anchor: "end",
          className: "nom")
      }
      svg += Markup.rect(
        x: Column.barStart, y: 4, width: effective[t] * Column.barLength, height: 10,
        fill: Palette.focus, extra: " class=\"eff\"")
      svg += Markup.text(
        NumberText.percent(effective[t]), x: Column.effective, y: 13, anchor: "end",
        className: "effv")
      svg += "</g>\n"
    }
    return svg + "</svg>\n"
  }

  func table(_ model: ReportModel) -> String {
    let shares = model.tree.nominalShares
    let effective = model.tree.effectiveWeights
    let rows = Self.rows(model).map { t -> [String] in
      let node = model.planNode(t)
      let indent = String(repeating: "· ", count: model.tree.nodes[t].depth)
      return [
        indent + ReportModel.label(node), node.name, Self.aggregation(node), node.doc ?? "",
        t == 0 ? "" : NumberText.percent(shares[t]), NumberText.percent(effective[t]),
      ]
    }
    return Markup.table(
      id: "framework-table", summary: "The framework as a table",
      header: ["node", "name", "aggregation", "description", "in group", "in the index"],
      rows: rows, numericFrom: 4)
  }
}
