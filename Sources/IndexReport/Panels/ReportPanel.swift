/// One section of the report: a heading, its controls and its charts, drawn from the model.
///
/// The report is a list of panels (`HTMLReport.panels`). Each draws the page's first state
/// as static markup (so the page reads, prints and is tested without its script) and marks
/// the elements the script updates with `data-` attributes. A panel that needs an analysis
/// the model does not carry (the comparison of `--vs`, uncertainty, coherence) is added to
/// the list when that analysis exists; `applies(to:)` lets a panel stay out of reports it has
/// nothing to say in (the timeline needs several periods).
protocol ReportPanel: Sendable {
  /// The section's id in the page (`panel-ranking`), also how the script finds it.
  var id: String { get }
  var title: String { get }
  func applies(to model: ReportModel) -> Bool
  /// The section's content below its heading.
  func body(_ model: ReportModel) -> String
}

extension ReportPanel {
  func applies(to model: ReportModel) -> Bool { true }

  /// The whole section.
  func section(_ model: ReportModel) -> String {
    "<section class=\"panel\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
      + "<h2 id=\"\(id)-h\">\(Escaping.html(title))</h2>\n" + body(model) + "</section>\n"
  }
}

/// Pieces of markup that several panels share.
enum Markup {
  /// An `<svg>` element that scales to its container, with a title and a description that
  /// screen readers announce (the chart's text alternative; a table follows each chart).
  ///
  /// A `natural` chart keeps its own size (shrinking to fit a narrow column) instead of
  /// filling the column: a small heat map is not blown up to the page's width.
  static func svg(
    id: String, width: Double, height: Double, title: String, desc: String,
    natural: Bool = false
  ) -> String {
    let size =
      natural
      ? " natural\" width=\"\(NumberText.svg(width))\" height=\"\(NumberText.svg(height))" : ""
    return "<svg id=\"\(id)\" class=\"chart\(size)\" viewBox=\"0 0 \(NumberText.svg(width)) "
      + "\(NumberText.svg(height))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
      + "<title id=\"\(id)-t\">\(Escaping.html(title))</title>"
      + "<desc id=\"\(id)-d\">\(Escaping.html(desc))</desc>\n"
  }

  /// A text element; `content` is escaped.
  static func text(
    _ content: String, x: Double, y: Double, anchor: String? = nil, className: String? = nil,
    extra: String = ""
  ) -> String {
    var attributes = "x=\"\(NumberText.svg(x))\" y=\"\(NumberText.svg(y))\""
    if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
    if let className { attributes += " class=\"\(className)\"" }
    return "<text \(attributes)\(extra)>\(Escaping.html(content))</text>"
  }

  /// A rectangle.
  static func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = ""
  ) -> String {
    "<rect x=\"\(NumberText.svg(x))\" y=\"\(NumberText.svg(y))\" "
      + "width=\"\(NumberText.svg(Swift.max(0, width)))\" height=\"\(NumberText.svg(height))\" "
      + "fill=\"\(fill)\"\(extra)/>"
  }

  /// A line.
  static func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String, extra: String = ""
  ) -> String {
    "<line x1=\"\(NumberText.svg(x1))\" y1=\"\(NumberText.svg(y1))\" "
      + "x2=\"\(NumberText.svg(x2))\" y2=\"\(NumberText.svg(y2))\" class=\"\(className)\"\(extra)/>"
  }

  /// A horizontal value axis: a grid line per tick from `top` to `bottom` (the zero line
  /// darker), each labelled above the chart; `live` marks it for the script to redraw.
  static func valueAxis(
    _ axis: AxisTicks, x: (Double) -> Double, top: Double, bottom: Double, live: Bool
  ) -> String {
    var svg = "<g class=\"axis\"" + (live ? " data-role=\"axis\">" : ">")
    for value in axis.values {
      svg += line(x(value), top, x(value), bottom, className: value == 0 ? "zero" : "grid")
      svg += text(
        NumberText.fixed(value, decimals: axis.decimals), x: x(value), y: top - 4,
        anchor: "middle", className: "tick")
    }
    return svg + "</g>\n"
  }

  /// A `<select>` of entities (code and name), with `selected` chosen.
  static func entitySelect(
    _ model: ReportModel, role: String, label: String, selected: Set<Int>, multiple: Bool = false
  ) -> String {
    var html = "<label>\(Escaping.html(label)) <select data-role=\"\(role)\""
    html += multiple ? " multiple size=\"8\">" : ">"
    for e in model.rankOrder {
      let entity = model.results.entities[e]
      let name = entity.name == entity.code ? entity.code : entity.code + " — " + entity.name
      html += "<option value=\"\(e)\"\(selected.contains(e) ? " selected" : "")>"
      html += Escaping.html(name) + "</option>"
    }
    return html + "</select></label>"
  }

  /// A table inside a closed `<details>`, the full text alternative of a chart.
  static func table(
    id: String, summary: String, header: [String], rows: [[String]], numericFrom: Int
  ) -> String {
    "<details class=\"alt\"><summary>\(Escaping.html(summary))</summary>"
      + plainTable(id: id, header: header, rows: rows, numericFrom: numericFrom, newline: false)
      + "</details>\n"
  }

  /// A table shown as it is; cells from `numericFrom` on are right-aligned numbers.
  static func plainTable(
    id: String, header: [String], rows: [[String]], numericFrom: Int, newline: Bool = true
  ) -> String {
    var html = "<table id=\"\(id)\"><thead><tr>"
    for (i, cell) in header.enumerated() {
      html += "<th scope=\"col\"\(i >= numericFrom ? " class=\"num\"" : "")>"
      html += Escaping.html(cell) + "</th>"
    }
    html += "</tr></thead><tbody>"
    for row in rows {
      html += "<tr>"
      for (i, cell) in row.enumerated() {
        html += "<td\(i >= numericFrom ? " class=\"num\"" : "")>\(Escaping.html(cell))</td>"
      }
      html += "</tr>"
    }
    return html + "</tbody></table>" + (newline ? "\n" : "")
  }
}
