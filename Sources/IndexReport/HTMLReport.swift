import IndexAnalysis
import ScoringEngine

/// What a report needs besides the results.
public struct ReportOptions: Sendable {
  /// The methodology's file name as a fork would name its base (`asem.idx`).
  public var sourceName: String
  /// What wrote the report (`idx 0.1.0`), shown in its footer.
  public var generator: String
  /// The most values (entities × periods × nodes) the page holds for its sliders; beyond
  /// it, lower aggregates keep their engine values and fixed weights.
  public var valueBudget: Int

  public init(sourceName: String, generator: String, valueBudget: Int = 150_000) {
    self.sourceName = sourceName
    self.generator = generator
    self.valueBudget = valueBudget
  }
}

/// The HTML report: one self-contained page with the charts of a run and live weights.
///
/// The page works offline and asks for nothing: its styles and script are inline, its charts
/// are inline SVG, it names no font, and its Content-Security-Policy (`default-src 'none'`,
/// the script allowed by its hash) forbids every request, so even a mistake could not reach
/// the network. The report is a list of panels (`panels`), each a small type that draws its
/// part from the model; the page's script updates what they drew.
public struct HTMLReport: Sendable {
  let model: ReportModel

  /// A report of `results` over `periods` (scored periods; the latest when empty).
  ///
  /// `table` is the data the run scored; with `versus`, the page compares the run (in its
  /// opening period) with that other methodology, as `idx diff` does. `uncertainty` is the
  /// analysis of the methodology's `uncertainty` block (`UncertaintyAnalysis.run`, best in
  /// the opening period), drawn by the uncertainty panel as it is: the panel is static.
  public init(
    results: Results, periods: [Int], options: ReportOptions, table: DataTable? = nil,
    versus: ReportVersus? = nil, uncertainty: UncertaintyResult? = nil
  ) {
    model = ReportModel(
      results: results, periods: periods, options: options, table: table, versus: versus,
      uncertainty: uncertainty)
  }

  /// The panels of the main column, in page order.
  ///
  static let panels: [any ReportPanel] = [
    RankingPanel(), FrameworkPanel(), ProfilePanel(), GapPanel(), TimelinePanel(),
    UncertaintyPanel(), ComparisonPanel(), CoherencePanel(),
  ]

  /// The titles of the panels this report shows, weights first.
  public var panelTitles: [String] {
    [WeightsPanel().title] + Self.panels.filter { $0.applies(to: model) }.map(\.title)
  }

  /// The whole page.
  public func render() -> String {
    var html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    html += "script-src '\(PageScript.hash)'; style-src 'unsafe-inline'; base-uri 'none'; "
    html += "form-action 'none'\">\n"
    html += "<meta name=\"generator\" content=\"\(Escaping.html(model.options.generator))\">\n"
    html += "<title>\(Escaping.html(model.title))</title>\n<style>\n\(PageStyle.css)</style>\n"
    html += "</head>\n<body>\n" + header() + "<div class=\"layout\">\n<aside>\n"
    html += WeightsPanel().section(model) + "</aside>\n<main>\n"
    for panel in Self.panels where panel.applies(to: model) {
      html += panel.section(model)
    }
    html += "</main>\n</div>\n" + footer()
    html += "<script type=\"application/json\" id=\"idx-data\">" + PageData(model: model).json()
    html += "</script>\n<script>" + PageScript.source + "</script>\n</body>\n</html>\n"
    return html
  }

  private func header() -> String {
    let results = model.results
    var html = "<header>\n<h1>\(Escaping.html(model.title))</h1>\n<p class=\"sub\">"
    var facts: [String] = []
    if results.hasPeriods {
      facts.append(Results.periodText(model.periods.map { results.periods[$0] }))
    }
    facts.append("\(results.entityCount) entities")
    facts.append("\(model.tree.nodes.count) nodes")
    facts.append("from " + model.options.sourceName)
    html += Escaping.html(facts.joined(separator: " · ")) + "</p>\n"
    if model.periods.count > 1 {
      html += "<label class=\"period\">Period <select data-role=\"period\">"
      for (i, p) in model.periods.enumerated() {
        let selected = p == model.initialPeriod ? " selected" : ""
        html += "<option value=\"\(i)\"\(selected)>\(results.periods[p])</option>"
      }
      html += "</select></label>\n"
    }
    if let doc = results.plan.nodes[results.plan.root].doc {
      html += "<p class=\"about\">\(Escaping.html(doc))</p>\n"
    }
    html += "<noscript><p class=\"note\">The charts show the report as written; the sliders "
    html += "and choices need JavaScript.</p></noscript>\n"
    return html + "</header>\n"
  }

  private func footer() -> String {
    "<footer>\n<p>Written by \(Escaping.html(model.options.generator)) from "
      + "<code>\(Escaping.html(model.options.sourceName))</code>. The scores are the engine's; "
      + "after a weight change the page recomputes them from the normalized values it holds, "
      + "with the engine's aggregation, scaling and ranking. The page makes no network "
      + "request and needs no font or file besides itself.</p>\n<p>Colours: the Okabe–Ito "
      + "palette, and ColorBrewer's RdBu for correlations, which stay distinguishable with "
      + "colour blindness; every chart also has a table.</p>\n</footer>\n"
  }
}
