import Diagnostics
import IndexAnalysis

/// An uncertainty analysis laid out for people (a terminal or Markdown) and for machines.
///
/// The readable form has, in order: the title and what was declared uncertain; one row per
/// entity (nominal score and rank, median and 90% interval of both); the pair's sentence;
/// the problems the draws met; and with `--sobol` the sensitivity of the gap and of each
/// rank, with the sentence that names the assumption driving the gap most.
struct UncertaintyReport {
  let result: UncertaintyResult
  /// At most this many entities in the tables (the best ranked).
  let top: Int?

  var shownEntities: [UncertaintyResult.EntityInterval] {
    top.map { Array(result.entities.prefix($0)) } ?? result.entities
  }

  /// Decimals that suit the index: three for scores within ±1, else one.
  var decimals: Int {
    NumberFormat.decimals(for: result.entities.compactMap(\.nominalScore))
  }

  var title: String {
    let name = result.label ?? result.methodology
    let period = result.hasPeriods ? ", \(result.period)" : ""
    return TerminalText.escaped(
      "\(name)\(period): \(UncertaintyText.count(result.draws)) draws, seed \(result.seed)")
  }

  func text(color: Bool, markdown: Bool) -> String {
    func render(_ table: TextTable) -> String {
      markdown ? table.renderMarkdown() : table.renderText(color: color)
    }
    var out = (markdown ? "**\(title)**" : title) + "\n\n"
    out += render(sourcesTable()) + "\n"
    out += render(entitiesTable())
    if let pair = result.pair {
      out += "\n" + TerminalText.escaped(pairLine(pair)) + "\n"
      out +=
        TerminalText.escaped(
          UncertaintyText.pairSentence(pair, draws: result.draws, decimals: decimals)) + "\n"
    }
    if !result.drawProblems.isEmpty {
      out += "\nProblems in the draws (cells left missing, as `idx run` would warn):\n"
      for problem in result.drawProblems {
        out +=
          TerminalText.escaped(
            "  \(problem.code) in \(UncertaintyText.count(problem.draws)) of "
              + "\(UncertaintyText.count(result.draws)) draws: \(problem.message)") + "\n"
      }
    }
    if let sensitivity = result.sensitivity {
      out += "\n" + sensitivityText(sensitivity, render: render)
    }
    return out
  }

  private func sourcesTable() -> TextTable {
    var table = TextTable(headers: ["uncertain", "declared"], alignments: [.left, .left])
    for source in result.sources { table.rows.append([source.name, source.summary]) }
    if result.sources.isEmpty {
      table.rows.append(["(nothing)", "every draw is the nominal result"])
    }
    return table
  }

  private func entitiesTable() -> TextTable {
    let showScored = result.entities.contains { $0.scoredDraws < result.draws }
    var headers = [
      "rank", "entity", "name", "score", "median", "score 5% to 95%", "median rank",
      "rank 5% to 95%",
    ]
    var alignments: [TextTable.Alignment] = [
      .right, .left, .left, .right, .right, .right, .right, .right,
    ]
    if showScored {
      headers.append("scored in")
      alignments.append(.right)
    }
    var table = TextTable(headers: headers, alignments: alignments)
    for entity in shownEntities {
      var row = [
        entity.nominalRank.map(String.init) ?? "—", entity.code, entity.name,
        entity.nominalScore.map { NumberFormat.fixed($0, decimals: decimals) } ?? "—",
        entity.score.map { NumberFormat.fixed($0.median, decimals: decimals) } ?? "—",
        entity.score.map {
          NumberFormat.fixed($0.low, decimals: decimals) + " to "
            + NumberFormat.fixed($0.high, decimals: decimals)
        } ?? "—",
        entity.rank.map { UncertaintyText.rank($0.median) } ?? "—",
        entity.rank.map { UncertaintyText.rank($0.low) + " to " + UncertaintyText.rank($0.high) }
          ?? "—",
      ]
      if showScored { row.append(UncertaintyText.count(entity.scoredDraws) + " draws") }
      table.rows.append(row)
    }
    return table
  }

  private func pairLine(_ pair: UncertaintyResult.PairComparison) -> String {
    let nominal = pair.nominalGap.map { NumberFormat.fixed($0, decimals: decimals) } ?? "—"
    guard let gap = pair.gap else {
      return "gap \(pair.first) − \(pair.second): nominal \(nominal)"
    }
    return "gap \(pair.first) − \(pair.second): nominal \(nominal), median "
      + NumberFormat.fixed(gap.median, decimals: decimals) + ", 90% interval "
      + NumberFormat.fixed(gap.low, decimals: decimals) + " to "
      + NumberFormat.fixed(gap.high, decimals: decimals) + "; ahead in "
      + (pair.probabilityAhead.map(UncertaintyText.percent) ?? "—") + " of "
      + UncertaintyText.count(pair.comparedDraws) + " draws"
  }

  private func sensitivityText(
    _ sensitivity: UncertaintyResult.Sensitivity, render: (TextTable) -> String
  ) -> String {
    var out =
      "Sensitivity (Saltelli design, N = \(UncertaintyText.count(sensitivity.baseDraws)): "
      + "\(UncertaintyText.count(sensitivity.runs)) runs; first order by Saltelli 2010, total by "
      + "Jansen; 90% bootstrap intervals of \(UncertaintyText.count(sensitivity.resamples)) "
      + "resamples)\n\n"
    if let pair = result.pair {
      out += TerminalText.escaped("of the gap \(pair.first) − \(pair.second)") + "\n"
      var table = TextTable(
        headers: ["source", "first order", "total"], alignments: [.left, .right, .right])
      for entry in sensitivity.gap ?? [] {
        table.rows.append([
          result.sources[entry.source].name,
          Self.index(entry.index.firstOrder, entry.index.firstOrderLow, entry.index.firstOrderHigh),
          Self.index(entry.index.total, entry.index.totalLow, entry.index.totalHigh),
        ])
      }
      if sensitivity.gap != nil { out += render(table) }
      if let sentence = UncertaintyText.driverSentence(result) {
        out += "\n" + TerminalText.escaped(sentence)
        if let rank = UncertaintyText.rankDriverSentence(result) {
          out += " " + TerminalText.escaped(rank)
        }
        out += "\n"
      }
    }
    out += "\nof each entity's rank: total index per source (— where the rank never moves)\n"
    var table = TextTable(
      headers: ["rank", "entity"] + result.sources.map(\.name),
      alignments: [.right, .left] + result.sources.map { _ in .right })
    let shown = Set(shownEntities.map(\.code))
    for (entity, ranks) in zip(result.entities, sensitivity.ranks) where shown.contains(entity.code)
    {
      let cells = result.sources.indices.map { s in
        ranks.indices.map { NumberFormat.fixed($0[s].total, decimals: 2) } ?? "—"
      }
      table.rows.append([entity.nominalRank.map(String.init) ?? "—", entity.code] + cells)
    }
    return out + render(table)
  }

  /// `0.62 (0.58 to 0.66)`.
  static func index(_ value: Double, _ low: Double, _ high: Double) -> String {
    NumberFormat.fixed(value, decimals: 2) + " (" + NumberFormat.fixed(low, decimals: 2) + " to "
      + NumberFormat.fixed(high, decimals: 2) + ")"
  }
}
