/// Live weights: a slider for each member of every aggregate the page recomputes, a reset
/// button and the fork that writes the current weights down.
///
/// Dragging one member's slider sets its share of the group and rescales its siblings pro
/// rata (in proportion to their current shares), so the group keeps its total, as the
/// language's `weights { x: …, rest: pro_rata }` does. The script then re-aggregates every
/// live node from the values in the page, applies the final scaling, re-ranks and redraws.
/// Aggregates the page cannot recompute show their weights as text, with the reason.
struct WeightsPanel: ReportPanel {
  var id: String { "panel-weights" }
  var title: String { "Weights" }

  func body(_ model: ReportModel) -> String {
    var html =
      "<p class=\"hint\">Drag a slider, or focus it and use the arrow keys: the member's share "
      + "of its group changes, its siblings keep their proportions, and every chart is "
      + "recomputed in the page.</p>\n"
    html += "<div class=\"buttons\"><button type=\"button\" data-role=\"reset\">Reset</button>"
    html += "<button type=\"button\" data-role=\"copy\">Copy as fork</button></div>\n"
    let shares = model.tree.nominalShares
    for (t, node) in model.tree.nodes.enumerated() where !node.members.isEmpty {
      let spec = model.planNode(t)
      let open = t == 0 ? " open" : ""
      html += "<details class=\"group\" data-t=\"\(t)\"\(open)><summary>"
      html += Escaping.html(ReportModel.label(spec))
      html += " <span class=\"meta\">\(Escaping.html(FrameworkPanel.aggregation(spec)))</span>"
      html += "</summary>\n"
      let live = node.role == .live && node.members.count > 1
      if !live {
        let reason =
          node.role == .live
          ? "one member: it has the whole weight" : (node.fixedReason ?? "not recomputed")
        html += "<p class=\"note\">Fixed: \(Escaping.html(reason)).</p>\n<ul class=\"fixed\">"
        for member in node.members {
          html += "<li>\(Escaping.html(ReportModel.label(model.planNode(member)))): "
          html += NumberText.percent(shares[member]) + "</li>"
        }
        html += "</ul>\n</details>\n"
        continue
      }
      for (i, member) in node.members.enumerated() {
        let inputID = "w-\(t)-\(i)"
        let label = ReportModel.label(model.planNode(member))
        let value = NumberText.fixed(shares[member] * 100, decimals: 1)
        html += "<div class=\"slider\"><label for=\"\(inputID)\">\(Escaping.html(label))</label>"
        html += "<input type=\"range\" id=\"\(inputID)\" data-t=\"\(t)\" data-i=\"\(i)\" "
        html += "min=\"0\" max=\"100\" step=\"0.5\" value=\"\(value)\" "
        html += "aria-valuetext=\"\(value)%\">"
        html += "<output for=\"\(inputID)\">\(value)%</output></div>\n"
      }
      html += "</details>\n"
    }
    html += "<label class=\"fork\">The weights as a fork of "
    html += "<code>\(Escaping.html(model.options.sourceName))</code>"
    html += "<textarea data-role=\"fork\" readonly rows=\"7\" spellcheck=\"false\">"
    html += "// Move a slider: the weights edits appear here.</textarea></label>\n"
    html += "<p class=\"status\" data-role=\"status\" aria-live=\"polite\"></p>\n"
    return html
  }
}
