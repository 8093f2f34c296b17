import IndexAnalysis

extension CoherencePanel {
  /// A heat map's geometry: member labels on the left, column labels slanted above the
  /// diagonal, square cells.
  enum HeatMap {
    static let labelWidth = 170.0
    /// Labels are cut to this many characters (the whole label is in the cell's tooltip).
    static let labelLength = 24
    /// How far a slanted label of `characters` reaches up and right (45°, about 6.2 px a
    /// character at the tick size).
    static func reach(_ characters: Int) -> Double {
      (Double(characters) * 6.2 * 0.7071).rounded(.up)
    }

    /// The side of a cell for `k` members: 28 up to 14 members, smaller beyond.
    static func cell(_ k: Int) -> Double {
      k <= 14 ? 28 : Swift.max(10, (392.0 / Double(k)).rounded(.down))
    }
  }

  /// One aggregate: its heat map, its α and first component, and its matrix as a table.
  func figure(_ model: ReportModel, _ aggregate: Coherence.Aggregate, index a: Int) -> String {
    let name = Self.label(model, aggregate.node)
    var html = "<figure class=\"heat\">\n"
    html += heatMap(model, aggregate, id: "coherence-\(a)")
    html += "<figcaption>" + Escaping.html(caption(name, aggregate)) + "</figcaption>\n"
    html += matrixTable(model, aggregate, id: "coherence-\(a)-table", name: name)
    return html + "</figure>\n"
  }

  func caption(_ name: String, _ aggregate: Coherence.Aggregate) -> String {
    var text = name + ": α " + Self.number(aggregate.cronbachAlpha) + " · first component "
    if let components = aggregate.components {
      text += Self.percent(aggregate.firstComponentShare) + " of the variance ("
      text += "\(components.completeRows) complete rows)"
    } else {
      text += "— (fewer than three complete rows, or a member that does not vary)"
    }
    return text
  }

  /// The lower triangle of the correlation matrix, each cell coloured by its class and
  /// labelled with its value when the cell is large enough.
  func heatMap(_ model: ReportModel, _ aggregate: Coherence.Aggregate, id: String) -> String {
    let k = aggregate.members.count
    let names = aggregate.members.map { Self.label(model, $0) }
    let cell = HeatMap.cell(k)
    // Column j's slanted label starts above row j + 1: it rises above the chart by its reach
    // less the j rows above that row, and the last ones reach past the cells on the right.
    let reach = (0..<(k - 1)).map { HeatMap.reach(CoherencePanel.cut(names[$0]).count) }
    let top = 8 + (reach.enumerated().map { $1 - Double($0) * cell }.max() ?? 0)
    let right = reach.enumerated().map { HeatMap.labelWidth + (Double($0) + 0.5) * cell + $1 }
    let width =
      (Swift.max(HeatMap.labelWidth + Double(k - 1) * cell, right.max() ?? 0) + 8).rounded(.up)
    let height = top + Double(k - 1) * cell + 6
    var pairs: [(i: Int, j: Int, r: Double)] = []
    for i in 1..<k {
      for j in 0..<i { if let r = aggregate.correlations[i][j] { pairs.append((i, j, r)) } }
    }
    var desc = "Correlations among the \(k) members of \(Self.label(model, aggregate.node))"
    if let high = pairs.max(by: { $0.r < $1.r }), let low = pairs.min(by: { $0.r < $1.r }) {
      desc += ": highest \(names[high.i]) and \(names[high.j]) "
      desc += NumberText.fixed(high.r, decimals: 2) + ", lowest \(names[low.i]) and "
      desc += "\(names[low.j]) " + NumberText.fixed(low.r, decimals: 2)
    }
    desc += ". The table below lists them."
    var svg = Markup.svg(
      id: id, width: width, height: height,
      title: "Correlations in " + Self.label(model, aggregate.node), desc: desc, natural: true)
    let x = { (j: Int) in HeatMap.labelWidth + Double(j) * cell }
    let y = { (i: Int) in top + Double(i - 1) * cell }
    for j in 0..<(k - 1) {
      let (cx, cy) = (x(j) + cell / 2, y(j + 1) - 4)
      svg += Markup.text(
        CoherencePanel.cut(names[j]), x: cx, y: cy, className: "tick",
        extra: " transform=\"rotate(-45 \(NumberText.svg(cx)) \(NumberText.svg(cy)))\"")
    }
    for i in 1..<k {
      svg += Markup.text(
        CoherencePanel.cut(names[i]), x: HeatMap.labelWidth - 6, y: y(i) + cell / 2 + 4,
        anchor: "end")
      for j in 0..<i {
        let r = aggregate.correlations[i][j]
        let color = r.map { Palette.diverging[Palette.divergingClass($0)] } ?? "#DDDDDD"
        let text = r.map { NumberText.fixed($0, decimals: 2) } ?? "—"
        // A cell too small for its number names its pair and value in a tooltip.
        let labelled = cell >= 22
        if !labelled {
          svg += "<g><title>" + Escaping.html("\(names[i]) and \(names[j]): \(text)") + "</title>"
        }
        svg += Markup.rect(x: x(j), y: y(i), width: cell - 1, height: cell - 1, fill: color)
        if labelled {
          let dark = r.map { [0, 1, 2, 8, 9, 10].contains(Palette.divergingClass($0)) } ?? false
          svg += Markup.text(
            text, x: x(j) + (cell - 1) / 2, y: y(i) + cell / 2 + 3, anchor: "middle",
            className: dark ? "hm light" : "hm")
        } else {
          svg += "</g>"
        }
      }
      svg += "\n"
    }
    return svg + "</svg>\n"
  }

  /// The whole matrix as a table: the heat map's text alternative.
  func matrixTable(_ model: ReportModel, _ aggregate: Coherence.Aggregate, id: String, name: String)
    -> String
  {
    let names = aggregate.members.map { Self.label(model, $0) }
    let rows = aggregate.members.indices.map { i in
      [names[i]] + aggregate.correlations[i].map { Self.number($0) }
    }
    return Markup.table(
      id: id, summary: "Correlations in \(name) as a table", header: ["member"] + names,
      rows: rows, numericFrom: 1)
  }

  /// A label cut to `HeatMap.labelLength` characters.
  static func cut(_ label: String) -> String {
    label.count <= HeatMap.labelLength
      ? label : String(label.prefix(HeatMap.labelLength - 1)) + "…"
  }
}
