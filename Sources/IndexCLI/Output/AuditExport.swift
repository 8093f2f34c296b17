import Diagnostics
import IndexAnalysis
import ScoringEngine

/// An audit for machines: JSON (the shape docs/audit.md documents) and a long CSV.
///
/// The CSV has one statistic per row. Numbers at full precision; an undefined statistic is `null` in JSON and
/// an empty field in CSV.
struct AuditExport {
  let results: Results
  let audit: Audit

  func json() -> String {
    let indicators = audit.indicators.map(indicatorJSON).joined(separator: ",\n")
    let aggregates = audit.aggregates.map(aggregateJSON).joined(separator: ",\n")
    let entities = audit.entities.map { entity in
      let shares = zip(audit.aggregates, entity.byAggregate).map {
        jsonString($0.name) + ":" + number($1)
      }
      return "{\"entity\":\(jsonString(entity.code)),\"coverage\":\(number(entity.overall)),"
        + "\"aggregates\":{\(shares.joined(separator: ","))}}"
    }.joined(separator: ",\n")
    let findings = audit.findings.map { finding in
      "{\"kind\":\(jsonString(finding.kind)),\"subject\":\(jsonString(finding.subject)),"
        + "\"message\":\(jsonString(AuditMessages.sentence(finding)))}"
    }.joined(separator: ",\n")
    return "{\"methodology\":\(jsonString(results.plan.name)),\"period\":\(audit.period),"
      + "\"entity_count\":\(audit.entityCount),\"root\":\(jsonString(name(audit.root))),\n"
      + "\"indicators\":[\n\(indicators)\n],\n\"aggregates\":[\n\(aggregates)\n],\n"
      + "\"entity_coverage\":[\n\(entities)\n],\n\"findings\":[\n\(findings)\n]}\n"
  }

  private func indicatorJSON(_ indicator: IndicatorAudit) -> String {
    let verdict = indicator.verdict
    let treatment =
      "{\"declared\":\(jsonString(declared(verdict.treatment))),"
      + "\"skew\":\(number(verdict.skewness)),\"kurtosis\":\(number(verdict.kurtosis)),"
      + "\"fails\":\(verdict.fails),\"action\":\(jsonString(action(verdict.action))),"
      + "\"changed\":\(verdict.changed)}"
    return "{\"node\":\(jsonString(indicator.name)),"
      + "\"parent\":\(indicator.parent.map { jsonString(name($0)) } ?? "null"),"
      + "\"coverage\":\(number(indicator.coverage)),\"imputed\":\(indicator.imputed),"
      + statisticsFields(indicator.raw) + ",\"treated\":{\(statisticsFields(indicator.treated))},"
      + "\"treatment\":\(treatment)}"
  }

  /// The fields of one set of statistics (no braces), COINr's names in snake case.
  private func statisticsFields(_ s: DescriptiveStatistics) -> String {
    let flags =
      "{\"availability\":\(s.flags.lowAvailability),\"zeros\":\(s.flags.manyZeros),"
      + "\"unique\":\(s.flags.fewUnique),\"outliers\":\(s.flags.outliers)}"
    let fields: [(String, String)] = [
      ("min", number(s.minimum)), ("max", number(s.maximum)), ("mean", number(s.mean)),
      ("median", number(s.median)), ("sd", number(s.standardDeviation)),
      ("skew", number(s.skewness)), ("kurtosis", number(s.kurtosis)),
      ("available", String(s.available)), ("non_zero", String(s.nonZero)),
      ("unique", String(s.unique)), ("same", String(s.same)),
      ("availability", number(s.availability)), ("non_zero_share", number(s.nonZeroShare)),
      ("unique_share", number(s.uniqueShare)), ("same_share", number(s.sameShare)),
      ("flags", flags),
    ]
    return fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
  }

  private func aggregateJSON(_ aggregate: AggregateAudit) -> String {
    let members = aggregate.members.map { member in
      "{\"node\":\(jsonString(member.name)),\"pearson\":\(optional(member.pearson)),"
        + "\"spearman\":\(optional(member.spearman)),"
        + "\"pearson_index\":\(optional(member.pearsonWithIndex)),"
        + "\"spearman_index\":\(optional(member.spearmanWithIndex)),"
        + "\"correlation_ratio\":\(optional(member.correlationRatio)),"
        + "\"influence\":\(optional(member.influence)),\"weight\":\(number(member.weight)),"
        + "\"effective_weight\":\(number(member.effectiveWeight))}"
    }.joined(separator: ",\n ")
    var pca = "null"
    if let components = aggregate.components {
      let loadings = zip(aggregate.members, components.loadings[0]).map {
        jsonString($0.name) + ":" + number($1)
      }
      pca =
        "{\"variance_share\":\(number(components.varianceShares[0])),"
        + "\"loadings\":{\(loadings.joined(separator: ","))},"
        + "\"eigenvalues\":[\(components.eigenvalues.map(number).joined(separator: ","))],"
        + "\"components_above_one\":\(components.componentsAboveOne),"
        + "\"complete_rows\":\(components.completeRows)}"
    }
    let correlations = aggregate.members.indices.map { i in
      let row = aggregate.members.indices.filter { $0 != i }.map { j in
        jsonString(aggregate.members[j].name) + ":" + optional(aggregate.correlations[i][j])
      }
      return jsonString(aggregate.members[i].name) + ":{" + row.joined(separator: ",") + "}"
    }
    return "{\"node\":\(jsonString(aggregate.name)),\"level\":\(aggregate.level),"
      + "\"weights\":\(jsonString(aggregate.weightSource?.rawValue ?? "declared")),"
      + "\"cronbach_alpha\":\(optional(aggregate.cronbachAlpha)),\"pca\":\(pca),\n"
      + " \"members\":[\n \(members)],\n"
      + " \"correlations\":{\(correlations.joined(separator: ","))},\n"
      + " \"influence_summary\":\(jsonString(AuditMessages.influence(aggregate)))}"
  }

  /// `section,node,member,statistic,value`: one statistic per row.
  func csv() -> String {
    var out = "section,node,member,statistic,value\n"
    func row(
      _ section: String, _ node: String, _ member: String, _ statistic: String, _ value: String
    ) {
      out += [section, node, member, statistic, value].map(field).joined(separator: ",") + "\n"
    }
    for indicator in audit.indicators {
      let (raw, treated) = (indicator.raw, indicator.treated)
      row("indicator", indicator.name, "", "coverage", cell(indicator.coverage))
      row("indicator", indicator.name, "", "imputed", String(indicator.imputed))
      for (prefix, s) in [("", raw), ("treated_", treated)] {
        let values: [(String, Double)] = [
          ("min", s.minimum), ("max", s.maximum), ("mean", s.mean), ("median", s.median),
          ("sd", s.standardDeviation), ("skew", s.skewness), ("kurtosis", s.kurtosis),
          ("non_zero", Double(s.nonZero)), ("unique", Double(s.unique)), ("same", Double(s.same)),
        ]
        for (statistic, value) in values {
          row("indicator", indicator.name, "", prefix + statistic, cell(value))
        }
      }
      row("indicator", indicator.name, "", "treatment", action(indicator.verdict.action))
    }
    for aggregate in audit.aggregates {
      row("aggregate", aggregate.name, "", "cronbach_alpha", cell(aggregate.cronbachAlpha))
      if let pca = aggregate.components {
        row("aggregate", aggregate.name, "", "pc1_variance_share", cell(pca.varianceShares[0]))
        row("aggregate", aggregate.name, "", "components_above_one", String(pca.componentsAboveOne))
      }
      for (m, member) in aggregate.members.enumerated() {
        let values: [(String, Double?)] = [
          ("pearson", member.pearson), ("spearman", member.spearman),
          ("pearson_index", member.pearsonWithIndex), ("spearman_index", member.spearmanWithIndex),
          ("pc1_loading", aggregate.components?.loadings[0][m]),
          ("correlation_ratio", member.correlationRatio), ("influence", member.influence),
          ("weight", member.weight), ("effective_weight", member.effectiveWeight),
        ]
        for (statistic, value) in values {
          row("member", aggregate.name, member.name, statistic, cell(value))
        }
      }
    }
    for entity in audit.entities {
      row("entity", entity.code, "", "coverage", cell(entity.overall))
      for (aggregate, share) in zip(audit.aggregates, entity.byAggregate) {
        row("entity", entity.code, aggregate.name, "coverage", cell(share))
      }
    }
    for finding in audit.findings {
      row("finding", finding.subject, finding.kind, "message", AuditMessages.sentence(finding))
    }
    return out
  }

  private func name(_ node: Int) -> String { results.plan.nodes[node].name }

  private func number(_ value: Double) -> String {
    value.isNaN || value.isInfinite ? "null" : NumberFormat.exact(value)
  }

  private func optional(_ value: Double?) -> String { value.map(number) ?? "null" }

  private func cell(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return NumberFormat.exact(value)
  }

  private func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }

  private func declared(_ treatment: Treatment) -> String {
    switch treatment {
    case .none: "none"
    case .winsorize: "winsorize"
    case .log: "log"
    case .log10: "log10"
    case .shiftedLog: "shifted_log"
    case .signedShiftedLog: "shifted_log_plus"
    case .logPlusOne: "log_plus_one"
    case .giiLog: "gii_log"
    case .boxCox: "boxcox"
    }
  }

  private func action(_ action: TreatAction?) -> String {
    switch action {
    case nil: "not treated"
    case .none?: "none needed"
    case .winsorized?: "winsorized"
    case .logFallback?: "log fallback"
    case .combined?: "winsorized and transformed"
    case .transformed?: "transformed"
    }
  }
}
