import IndexAnalysis

extension DiffReport {
  /// One row per shown entity (scores, ranks, Δ and its terms by member of the index), or,
  /// with `--explain`, one row per member, indicator and adjustment of the explained entity.
  func csv() -> String {
    if let code = selection.explain, let entity = results.entity(code) {
      return explainCSV(entity)
    }
    let hasIndex = results.entities.contains { results.indexLevel($0) != 0 }
    var header = ["entity", "name", "status", "score_a", "score_b", "delta", "rank_a", "rank_b"]
    header += results.members
    if hasIndex { header.append("(index)") }
    header += ["(scaling)", "driver_member", "driver_other", "driver_effect"]
    var out = header.map(field).joined(separator: ",") + "\n"
    for entity in shown {
      var row = [
        entity.code, entity.name, entity.status.rawValue, exact(entity.scoreA),
        exact(entity.scoreB),
        exact(entity.delta), entity.rankA.map(String.init) ?? "",
        entity.rankB.map(String.init) ?? "",
      ]
      let attributed = entity.delta != nil
      row += attributed ? entity.contributions.map { exact($0) } : results.members.map { _ in "" }
      if hasIndex { row.append(attributed ? exact(results.indexLevel(entity)) : "") }
      row.append(attributed ? exact(entity.scaling) : "")
      row += [
        entity.driver?.member ?? "", entity.driver?.other ?? "", exact(entity.driver?.effect),
      ]
      out += row.map(field).joined(separator: ",") + "\n"
    }
    return out
  }

  private func explainCSV(_ entity: ResultsDiff.EntityChange) -> String {
    let other = selection.other.flatMap { results.entity($0) }
    var out = "kind,path,weight_a,weight_b,value_a,value_b,contribution,vs_field,vs_other\n"
    func line(_ cells: [String]) { out += cells.map(field).joined(separator: ",") + "\n" }
    guard entity.delta != nil else { return out }
    for row in explainRows(entity, other: other) {
      let isScaling = row.factors != nil
      line([
        isScaling ? "scaling" : (row.name == "(index)" ? "index" : "member"), row.name,
        exact(row.factors?.0 ?? row.weights.0), exact(row.factors?.1 ?? row.weights.1),
        exact(row.values.0), exact(row.values.1), exact(row.contribution), exact(row.vsField),
        exact(row.vsOther),
      ])
    }
    for (i, path) in results.terms.enumerated() {
      line([
        "indicator", label(path, ascii: true), "", "", "", "", exact(entity.indicators[i]), "",
        exact(other.map { entity.indicators[i] - $0.indicators[i] }),
      ])
    }
    for adjustment in entity.adjustments {
      line([
        "adjustment", label(adjustment.path, ascii: true), "", "", exact(adjustment.deltaA),
        exact(adjustment.deltaB), exact(adjustment.effect), "", "",
      ])
    }
    line([
      "total", "", "", "", exact(entity.scoreA), exact(entity.scoreB), exact(entity.delta), "",
      exact(other.flatMap { o in entity.delta.flatMap { d in o.delta.map { d - $0 } } }),
    ])
    return out
  }

  private func exact(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return NumberFormat.exact(value)
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line break.
  func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
