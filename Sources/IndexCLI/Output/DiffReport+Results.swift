import IndexAnalysis

extension DiffReport {
  /// The results section: every shown entity's score and rank on both sides, then the
  /// summary line and the headline gap.
  func resultsText(markdown: Bool) -> String {
    let (a, b) = (results.a.period, results.b.period)
    let s = results.summary
    var out = heading("Scores, \(isTwoPeriods ? "\(a) → \(b)" : "A → B")", markdown: markdown)
    out +=
      "\(s.changed) changed, \(s.unchanged) unchanged, \(s.onlyInA) only in A, "
      + "\(s.onlyInB) only in B\n\n"
    var table = TextTable(
      headers: ["rank", "entity", "name", "A", "B", "Δ", "driver of the rank move"],
      alignments: [.left, .left, .left, .right, .right, .right, .left])
    for entity in shown {
      table.rows.append([
        rankText(entity), entity.code, entity.name, number(entity.scoreA), number(entity.scoreB),
        entity.delta.map { signed($0) } ?? absentText(entity),
        entity.screenedOut.map { $0.reason.text } ?? driverText(entity.driver),
      ])
    }
    out += render(table, markdown: markdown)
    out += "\n" + summaryLine() + "\n"
    if let gap = headlineGap() {
      out += "\(gapTitle(gap)): \(number(gap.a)) → \(number(gap.b)) (\(signed(gap.change)))\n"
    }
    return out
  }

  func summaryLine() -> String {
    let s = results.summary
    let rho = s.spearman.map { NumberFormat.fixed($0, decimals: 3) } ?? "—"
    return
      "\(s.rankChanges) rank \(s.rankChanges == 1 ? "change" : "changes") · Spearman's ρ \(rho) · "
      + "mean |Δrank| \(NumberFormat.fixed(s.meanAbsoluteRankChange, decimals: 2)) · "
      + "max |Δrank| \(s.maxAbsoluteRankChange)"
  }

  /// The gap of the explained pair when asked, else the top two of A.
  func headlineGap() -> ResultsDiff.Gap? {
    if let first = selection.explain, let second = selection.other {
      return results.gap(first, second)
    }
    return results.headline()
  }

  func gapTitle(_ gap: ResultsDiff.Gap) -> String {
    "gap \(gap.first) − \(gap.second)"
  }

  /// Why an entity has no Δ: on one side only, or screened out on the other.
  func absentText(_ entity: ResultsDiff.EntityChange) -> String {
    guard entity.screenedOut != nil else { return entity.status.rawValue }
    return entity.status == .onlyInA ? "screened out in B" : "screened out in A"
  }

  func driverText(_ driver: ResultsDiff.Driver?) -> String {
    guard let driver else { return "" }
    return (driver.overtook ? "passed " : "passed by ") + driver.other + ": "
      + driver.member + " " + signed(driver.effect)
  }

  /// Columns of the attribution: the index's members, then scaling and the index's own terms.
  private func columns() -> (names: [String], values: (ResultsDiff.EntityChange) -> [Double]) {
    let hasIndexTerm = results.entities.contains { results.indexLevel($0) != 0 }
    let hasScaling = results.entities.contains { $0.scaling != 0 }
    var names = results.members
    if hasIndexTerm { names.append("(index)") }
    if hasScaling { names.append("(scaling)") }
    return (
      names,
      { entity in
        var values = entity.contributions
        if hasIndexTerm { values.append(results.indexLevel(entity)) }
        if hasScaling { values.append(entity.scaling) }
        return values
      }
    )
  }

  /// Each shown entity's Δ split by member of the index; the field's mean; the headline gap.
  func attributionText(markdown: Bool) -> String {
    var out = heading("Why the scores moved: Δ by member of the index", markdown: markdown)
    let (names, values) = columns()
    var table = TextTable(
      headers: ["entity", "Δ"] + names,
      alignments: [.left, .right] + names.map { _ in .right })
    var sums = [Double](repeating: 0, count: names.count)
    var counted = 0
    for entity in shown where entity.delta != nil {
      let row = values(entity)
      table.rows.append([entity.code, signed(entity.delta)] + row.map { signed($0) })
    }
    for entity in results.entities where entity.delta != nil {
      for (i, value) in values(entity).enumerated() { sums[i] += value }
      counted += 1
    }
    if counted > 0 {
      let meanDelta = results.entities.compactMap(\.delta).reduce(0, +) / Double(counted)
      table.rows.append(
        ["field mean", signed(meanDelta)] + sums.map { signed($0 / Double(counted)) })
    }
    if let gap = headlineGap() {
      var row = gap.members
      if names.contains("(index)") { row.append(gap.index) }
      if names.contains("(scaling)") { row.append(gap.scaling) }
      table.rows.append(
        ["\(gap.first) − \(gap.second)", signed(gap.change)] + row.map { signed($0) })
    }
    out += render(table, markdown: markdown)
    out += """

      Each row adds up to its Δ exactly: midpoint terms at arithmetic nodes, log-mean (Divisia)
      terms at geometric and power means, down to the indicators; (scaling) is the change of the
      final scaling itself. `--explain ENTITY` shows one entity in full.

      """
    return out
  }
}
