import IndexAnalysis
import ScoringEngine

extension DiffReport {
  /// The scaling line of each side, as explain and diff read it.
  func scalingLines() -> (a: FinalScaling, b: FinalScaling) {
    let (a, b) = (results.a, results.b)
    return (
      FinalScaling(a.results, period: a.results.periodIndex(a.period) ?? 0),
      FinalScaling(b.results, period: b.results.periodIndex(b.period) ?? 0)
    )
  }

  /// One row of an explained entity: a member of the index, the scaling, or the index's own
  /// terms, with its part of the entity's Δ and of the gap to the other entity.
  struct ExplainRow {
    var name: String
    var weights: (Double?, Double?)
    var values: (Double?, Double?)
    var contribution: Double
    var vsField: Double
    var vsOther: Double?
    /// For the scaling row: the factor on each side.
    var factors: (Double, Double)?
  }

  func explainRows(_ entity: ResultsDiff.EntityChange, other: ResultsDiff.EntityChange?)
    -> [ExplainRow]
  {
    var rows: [ExplainRow] = []
    for (m, name) in results.members.enumerated() where m < entity.contributions.count {
      func present(_ values: [Double], _ weights: [Double]) -> (Double?, Double?) {
        let value = values[m]
        return (weights[m] > 0 ? weights[m] : nil, value.isNaN ? nil : value)
      }
      let (weightA, valueA) = present(entity.valuesA, entity.weightsA)
      let (weightB, valueB) = present(entity.valuesB, entity.weightsB)
      rows.append(
        ExplainRow(
          name: name, weights: (weightA, weightB), values: (valueA, valueB),
          contribution: entity.contributions[m], vsField: entity.vsField[m],
          vsOther: other.map { entity.contributions[m] - $0.contributions[m] }))
    }
    let index = results.indexLevel(entity)
    if index != 0 || (other.map { results.indexLevel($0) != 0 } ?? false) {
      rows.append(
        ExplainRow(
          name: "(index)", weights: (nil, nil), values: (nil, nil), contribution: index,
          vsField: index, vsOther: other.map { index - results.indexLevel($0) }))
    }
    let lines = scalingLines()
    if lines.a.method != .none || lines.b.method != .none {
      rows.append(
        ExplainRow(
          name: "(scaling)", weights: (nil, nil), values: (nil, nil), contribution: entity.scaling,
          vsField: entity.scalingVsField, vsOther: other.map { entity.scaling - $0.scaling },
          factors: (lines.a.factor, lines.b.factor)))
    }
    return rows
  }

  /// One entity in full: per member of the index, weights, values and contributions on both
  /// sides; the indicators; the adjustments; and whom it passed or fell behind.
  func explainText(_ code: String, markdown: Bool) -> String {
    guard let entity = results.entity(code) else { return "" }
    let other = selection.other.flatMap { results.entity($0) }
    var out = heading(
      "\(entity.code): \(number(entity.scoreA)) → \(number(entity.scoreB)) "
        + "(\(signed(entity.delta))), rank \(rankText(entity))", markdown: markdown)
    guard entity.delta != nil else {
      return out + "\(entity.code) is \(entity.status.rawValue): nothing to attribute.\n"
    }
    var headers = ["member", "weight A → B", "value A → B", "contribution", "vs field"]
    if let other { headers.append("vs \(other.code)") }
    var table = TextTable(
      headers: headers, alignments: [.left, .right, .right, .right, .right, .right])
    for row in explainRows(entity, other: other) {
      let weights =
        row.factors.map {
          "factor \(NumberFormat.fixed($0.0, decimals: 4)) → \(NumberFormat.fixed($0.1, decimals: 4))"
        }
        ?? "\(percent(row.weights.0)) → \(percent(row.weights.1))"
      let values =
        row.factors == nil && row.name != "(index)"
        ? "\(number(row.values.0)) → \(number(row.values.1))" : ""
      var cells = [
        row.name, row.name == "(index)" ? "" : weights, values, signed(row.contribution),
        signed(row.vsField),
      ]
      if other != nil { cells.append(signed(row.vsOther)) }
      table.rows.append(cells)
    }
    var total = ["total", "", "", signed(entity.delta), ""]
    if let other, let delta = entity.delta, let otherDelta = other.delta {
      total.append(signed(delta - otherDelta))
    }
    table.rows.append(total)
    out += "\n" + render(table, markdown: markdown)
    out += "\n" + indicatorTable(entity, other: other, markdown: markdown)
    if !entity.adjustments.isEmpty {
      out += "\nadjustments\n"
      for adjustment in entity.adjustments {
        let at = (adjustment.spanB ?? adjustment.spanA).map { " at \($0.location)" } ?? ""
        out +=
          "  \(label(adjustment.path)) \(deltas(adjustment)) because \"\(adjustment.because)\""
          + "\(at): \(signed(adjustment.effect))\n"
      }
    }
    if !entity.decisions.isEmpty {
      out += "\ndecided, not averaged\n"
      for decision in entity.decisions {
        out += "  \(label(decision.path)): \(decision.a ?? "a mean") → \(decision.b ?? "a mean")\n"
      }
    }
    let moves = results.moves(of: code)
    if !moves.isEmpty {
      out += "\nrank moves\n"
      for move in moves {
        out +=
          "  \(move.overtook ? "\(code) passed \(move.other)" : "\(move.other) passed \(code)"): "
          + "most by \(move.member) (\(signed(move.effect)) relative to \(move.other))\n"
      }
    }
    return out
  }

  private func indicatorTable(
    _ entity: ResultsDiff.EntityChange, other: ResultsDiff.EntityChange?, markdown: Bool
  ) -> String {
    var headers = ["indicator", "contribution"]
    if let other { headers.append("vs \(other.code)") }
    var table = TextTable(headers: headers, alignments: [.left, .right, .right])
    let order = entity.indicators.indices.sorted {
      (-Swift.abs(entity.indicators[$0]), $0) < (-Swift.abs(entity.indicators[$1]), $1)
    }
    for i in order.prefix(selection.top ?? 10) {
      var cells = [label(results.terms[i]), signed(entity.indicators[i])]
      if let other { cells.append(signed(entity.indicators[i] - other.indicators[i])) }
      table.rows.append(cells)
    }
    let more = order.count - Swift.min(order.count, selection.top ?? 10)
    return render(table, markdown: markdown) + (more > 0 ? "… and \(more) more (`--top N`)\n" : "")
  }

  private func percent(_ share: Double?) -> String {
    share.map { MethodText.percent($0) } ?? "—"
  }

  private func deltas(_ adjustment: AdjustmentTerm) -> String {
    let show = { (value: Double?) in
      value.map { ($0 >= 0 ? "+" : "") + NumberFormat.short($0) } ?? "—"
    }
    return "\(show(adjustment.deltaA)) → \(show(adjustment.deltaB))"
  }
}
