import Diagnostics
import IndexAnalysis

/// The machine formats of an uncertainty analysis, at full precision (docs/uncertainty.md).
extension UncertaintyReport {
  /// Long CSV: `kind,entity,versus,source,statistic,value`, one figure per row.
  ///
  /// Kinds: `entity` (nominal_score, nominal_rank, scored_draws, score_p05, score_median,
  /// score_p95, rank_p05, rank_median, rank_p95), `pair` (nominal_gap, compared_draws,
  /// probability_ahead, gap_p05, gap_median, gap_p95), `gap_sensitivity` and
  /// `rank_sensitivity` (first_order, first_order_p05, first_order_p95, total, total_p05,
  /// total_p95, per source), and `problem` (draws, per code in `source`).
  func csv() -> String {
    var out = "kind,entity,versus,source,statistic,value\n"
    func row(
      _ kind: String, _ entity: String, _ versus: String, _ source: String,
      _ statistic: String, _ value: Double?
    ) {
      let text = value.map { $0.isFinite ? NumberFormat.exact($0) : "" } ?? ""
      out +=
        [
          kind, CSVText.field(entity), CSVText.field(versus), CSVText.field(source), statistic,
          text,
        ]
        .joined(separator: ",") + "\n"
    }
    for entity in shownEntities {
      row("entity", entity.code, "", "", "nominal_score", entity.nominalScore)
      row("entity", entity.code, "", "", "nominal_rank", entity.nominalRank.map(Double.init))
      row("entity", entity.code, "", "", "scored_draws", Double(entity.scoredDraws))
      for (name, interval) in [("score", entity.score), ("rank", entity.rank)] {
        row("entity", entity.code, "", "", name + "_p05", interval?.low)
        row("entity", entity.code, "", "", name + "_median", interval?.median)
        row("entity", entity.code, "", "", name + "_p95", interval?.high)
      }
    }
    if let pair = result.pair {
      row("pair", pair.first, pair.second, "", "nominal_gap", pair.nominalGap)
      row("pair", pair.first, pair.second, "", "compared_draws", Double(pair.comparedDraws))
      row("pair", pair.first, pair.second, "", "probability_ahead", pair.probabilityAhead)
      row("pair", pair.first, pair.second, "", "gap_p05", pair.gap?.low)
      row("pair", pair.first, pair.second, "", "gap_median", pair.gap?.median)
      row("pair", pair.first, pair.second, "", "gap_p95", pair.gap?.high)
    }
    if let sensitivity = result.sensitivity {
      func indices(
        _ kind: String, _ entity: String, _ versus: String, _ s: Int,
        _ index: SensitivityIndex
      ) {
        let source = result.sources[s].name
        row(kind, entity, versus, source, "first_order", index.firstOrder)
        row(kind, entity, versus, source, "first_order_p05", index.firstOrderLow)
        row(kind, entity, versus, source, "first_order_p95", index.firstOrderHigh)
        row(kind, entity, versus, source, "total", index.total)
        row(kind, entity, versus, source, "total_p05", index.totalLow)
        row(kind, entity, versus, source, "total_p95", index.totalHigh)
      }
      if let pair = result.pair {
        for entry in sensitivity.gap ?? [] {
          indices("gap_sensitivity", pair.first, pair.second, entry.source, entry.index)
        }
      }
      let shown = Set(shownEntities.map(\.code))
      for entity in sensitivity.ranks where shown.contains(entity.code) {
        for (s, index) in (entity.indices ?? []).enumerated() {
          indices("rank_sensitivity", entity.code, "", s, index)
        }
      }
    }
    for problem in result.drawProblems {
      row("problem", "", "", problem.code, "draws", Double(problem.draws))
    }
    return out
  }

  /// `{"methodology", "period", "draws", "seed", "sources", "entities", "pair",
  /// "sensitivity", "problems"}`.
  func json() -> String {
    typealias J = JSONText
    func interval(_ value: UncertaintyResult.Interval?) -> String {
      guard let value else { return "null" }
      return J.object([
        ("p05", J.number(value.low)), ("median", J.number(value.median)),
        ("p95", J.number(value.high)),
      ])
    }
    func index(_ s: Int, _ value: SensitivityIndex) -> String {
      J.object([
        ("source", J.string(result.sources[s].name)), ("first_order", J.number(value.firstOrder)),
        ("first_order_p05", J.number(value.firstOrderLow)),
        ("first_order_p95", J.number(value.firstOrderHigh)), ("total", J.number(value.total)),
        ("total_p05", J.number(value.totalLow)), ("total_p95", J.number(value.totalHigh)),
      ])
    }
    let sources = result.sources.map {
      J.object([("name", J.string($0.name)), ("declared", J.string($0.summary))])
    }
    let entities = shownEntities.map { entity in
      J.object([
        ("entity", J.string(entity.code)), ("name", J.string(entity.name)),
        ("nominal_score", J.number(entity.nominalScore)),
        ("nominal_rank", J.integer(entity.nominalRank)),
        ("scored_draws", String(entity.scoredDraws)), ("score", interval(entity.score)),
        ("rank", interval(entity.rank)),
      ])
    }
    var top: [(String, String)] = [
      ("methodology", J.string(result.methodology)),
      ("period", result.hasPeriods ? String(result.period) : "null"),
      ("draws", String(result.draws)), ("seed", String(result.seed)),
      ("sources", J.array(sources)), ("entities", J.array(entities, separator: ",\n")),
    ]
    if let pair = result.pair {
      top.append(
        (
          "pair",
          J.object([
            ("first", J.string(pair.first)), ("second", J.string(pair.second)),
            ("nominal_gap", J.number(pair.nominalGap)),
            ("compared_draws", String(pair.comparedDraws)),
            ("probability_ahead", J.number(pair.probabilityAhead)), ("gap", interval(pair.gap)),
            (
              "sentence",
              J.string(UncertaintyText.pairSentence(pair, draws: result.draws, decimals: decimals))
            ),
          ])
        ))
    }
    if let sensitivity = result.sensitivity {
      let shown = Set(shownEntities.map(\.code))
      let ranks = sensitivity.ranks.filter { shown.contains($0.code) }.map { entity in
        J.object([
          ("entity", J.string(entity.code)),
          ("indices", entity.indices.map { J.array($0.enumerated().map(index)) } ?? "null"),
        ])
      }
      top.append(
        (
          "sensitivity",
          J.object([
            ("base_draws", String(sensitivity.baseDraws)), ("runs", String(sensitivity.runs)),
            ("resamples", String(sensitivity.resamples)),
            (
              "gap",
              sensitivity.gap.map { J.array($0.map { index($0.source, $0.index) }) } ?? "null"
            ),
            ("driver", J.string(UncertaintyText.driverSentence(result))),
            ("rank_driver", J.string(UncertaintyText.rankDriverSentence(result))),
            ("ranks", J.array(ranks, separator: ",\n")),
          ])
        ))
    }
    let problems = result.drawProblems.map {
      J.object([
        ("code", J.string($0.code)), ("message", J.string($0.message)),
        ("draws", String($0.draws)),
      ])
    }
    top.append(("problems", J.array(problems)))
    return "{" + top.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",\n") + "\n}\n"
  }
}
