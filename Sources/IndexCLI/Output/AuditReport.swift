import IndexAnalysis
import ScoringEngine

/// An audit laid out for people: findings first, then the data, coherence and influence
/// tables, then the entities with the least data.
struct AuditReport {
  let results: Results
  let audit: Audit
  /// How many entities the coverage table lists at most.
  var entityLimit = 10

  func text(color: Bool, markdown: Bool) -> String {
    let title = results.plan.nodes[results.plan.root].label ?? results.plan.name
    let scope =
      audit.root == results.plan.root
      ? "" : " (the `\(results.plan.nodes[audit.root].name)` subtree)"
    func count(_ n: Int, _ noun: String) -> String {
      "\(n) " + (n == 1 ? noun : noun == "entity" ? "entities" : noun + "s")
    }
    var out =
      "Audit of \(title), \(audit.period)\(scope): \(count(audit.entityCount, "entity")), "
      + "\(count(audit.indicators.count, "indicator")), "
      + "\(count(audit.aggregates.count, "aggregate"))\n"
    func section(_ heading: String, _ table: TextTable) {
      out += "\n" + (markdown ? "**\(heading)**\n\n" : "\(heading)\n")
      out += markdown ? table.renderMarkdown() : table.renderText(color: color)
    }
    out += "\n" + (markdown ? "**findings**\n\n" : "findings\n")
    if audit.findings.isEmpty {
      out += "  none: every check passes its threshold\n"
    } else {
      for finding in audit.findings {
        out += (markdown ? "- " : "  - ") + AuditMessages.sentence(finding) + "\n"
      }
    }
    if !audit.indicators.isEmpty { section("data (raw values, before imputation)", dataTable()) }
    if !audit.aggregates.isEmpty {
      section("aggregates", aggregateTable())
      section("coherence (correlations with the aggregate and with the index)", coherenceTable())
      section("influence on the index (shares within each aggregate)", influenceTable())
      out += "\n"
      for aggregate in audit.aggregates {
        out += (markdown ? "" : "  ") + AuditMessages.influence(aggregate) + "\n"
      }
    }
    let short = audit.entities.filter { $0.overall < 1 }
    if !short.isEmpty {
      section("entities with missing data (lowest coverage first)", entityTable(short))
      if short.count > entityLimit {
        out += "\(short.count - entityLimit) more entities lack some data (all in --format json)\n"
      }
    }
    return out
  }

  private func dataTable() -> TextTable {
    var table = TextTable(
      headers: [
        "indicator", "coverage", "imputed", "zeros", "distinct", "min", "max", "mean", "median",
        "sd", "skew", "kurtosis", "treatment",
      ],
      alignments: [.left] + Array(repeating: .right, count: 11) + [.left])
    for indicator in audit.indicators {
      let raw = indicator.raw
      table.rows.append(
        [
          indicator.name, AuditMessages.percent(indicator.coverage), String(indicator.imputed),
          String(raw.available - raw.nonZero), String(raw.unique),
        ]
          + [raw.minimum, raw.maximum, raw.mean, raw.median, raw.standardDeviation].map(
            AuditMessages.significant)
          + [
            AuditMessages.fixed(raw.skewness), AuditMessages.fixed(raw.kurtosis),
            AuditMessages.treatment(indicator.verdict),
          ])
    }
    return table
  }

  private func aggregateTable() -> TextTable {
    var table = TextTable(
      headers: [
        "aggregate", "level", "members", "alpha", "PC1 share", "eigenvalues > 1", "weights",
      ],
      alignments: [.left, .right, .right, .right, .right, .right, .left])
    for aggregate in audit.aggregates {
      table.rows.append([
        aggregate.name, String(aggregate.level), String(aggregate.members.count),
        aggregate.cronbachAlpha.map(AuditMessages.fixed) ?? "—",
        aggregate.components.map { AuditMessages.percent($0.varianceShares[0]) } ?? "—",
        aggregate.components.map { String($0.componentsAboveOne) } ?? "—",
        aggregate.weightSource?.rawValue ?? "declared",
      ])
    }
    return table
  }

  private func coherenceTable() -> TextTable {
    var table = TextTable(
      headers: ["aggregate", "member", "r", "rho", "r index", "rho index", "PC1 loading"],
      alignments: [.left, .left, .right, .right, .right, .right, .right])
    for aggregate in audit.aggregates {
      for (m, member) in aggregate.members.enumerated() {
        let loading = aggregate.components.map { AuditMessages.fixed($0.loadings[0][m]) } ?? "—"
        table.rows.append([
          m == 0 ? aggregate.name : "", member.name, optional(member.pearson),
          optional(member.spearman), optional(member.pearsonWithIndex),
          optional(member.spearmanWithIndex), loading,
        ])
      }
    }
    return table
  }

  private func influenceTable() -> TextTable {
    var table = TextTable(
      headers: ["aggregate", "member", "weight", "effective", "S", "influence", "difference"],
      alignments: [.left, .left, .right, .right, .right, .right, .right])
    for aggregate in audit.aggregates {
      for (m, member) in aggregate.members.enumerated() {
        let difference = member.influence.map { ($0 - member.weight) * 100 }
        table.rows.append([
          m == 0 ? aggregate.name : "", member.name, AuditMessages.percent(member.weight),
          AuditMessages.percent(member.effectiveWeight, decimals: 1),
          optional(member.correlationRatio),
          member.influence.map { AuditMessages.percent($0) } ?? "—",
          difference.map { ($0 >= 0.5 ? "+" : "") + NumberFormat.fixed($0, decimals: 0) } ?? "—",
        ])
      }
    }
    return table
  }

  private func entityTable(_ entities: [EntityCoverage]) -> TextTable {
    var table = TextTable(
      headers: ["entity", "coverage", "least covered aggregate"],
      alignments: [.left, .right, .left])
    let sorted = entities.sorted {
      $0.overall < $1.overall || ($0.overall == $1.overall && $0.code < $1.code)
    }
    for entity in sorted.prefix(entityLimit) {
      let worst = entity.byAggregate.indices.min {
        entity.byAggregate[$0] < entity.byAggregate[$1]
      }
      let least = worst.map {
        "\(audit.aggregates[$0].name) \(AuditMessages.percent(entity.byAggregate[$0]))"
      }
      table.rows.append([entity.code, AuditMessages.percent(entity.overall), least ?? "—"])
    }
    return table
  }

  private func optional(_ value: Double?) -> String {
    value.map(AuditMessages.fixed) ?? "—"
  }
}
