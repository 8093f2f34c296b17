import Diagnostics
import ScoringEngine

/// Output formats shared by the commands that print results.
enum OutputFormat: String, CaseIterable {
  case table
  case csv
  case json
  case md

  init(parsing text: String?) throws(UsageError) {
    guard let text else {
      self = .table
      return
    }
    guard let format = OutputFormat(rawValue: text) else {
      let names = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("unknown format `\(text)`; use one of \(names)")
    }
    self = format
  }
}

/// Some periods of a run's results, laid out for people or machines.
///
/// Columns: `entity`, `period`, `score` (the index after scaling), `rank`, then one column
/// per node of the tree in pre-order (dimensions before their members), down to `depth`
/// levels. Rows go period by period (ascending), in rank order within each period, since
/// ranks are per period. The table shows its `period` column only when it prints more than
/// one period; CSV always has it (empty when the data has no periods), so a script reads one
/// period and a panel alike.
struct ResultsReport {
  let results: Results
  /// The periods to print, ascending; each one scored.
  let periods: [Int]
  let depth: Int?
  /// At most this many entities per period, the best ranked.
  let top: Int?
  /// Only these entities (indices), when given.
  var entities: Set<Int>? = nil
  /// How many threads may format the rows of CSV and JSON (`ParallelBlocks`); the bytes are
  /// the same for any number.
  var threads = 1
  /// The most values of one block formatted on a thread (tests make it small).
  var valuesPerBlock = ParallelBlocks.valuesPerParallelBlock

  /// Nodes below the root in pre-order, with their depth (1 = the root's members); an
  /// explicit stack, so a tree of any depth prints.
  var columns: [(node: Int, depth: Int)] {
    var out: [(Int, Int)] = []
    var stack = [(node: results.plan.root, level: 0)]
    while let (index, level) = stack.popLast() {
      if level > 0 { out.append((index, level)) }
      if let depth, level >= depth { continue }
      guard let aggregate = results.plan.nodes[index].aggregate else { continue }
      for member in aggregate.members.reversed() { stack.append((member.node, level + 1)) }
    }
    return out
  }

  /// Entity indices of one period (an index into `results.periods`) in rank order, unscored
  /// entities last, by code.
  func order(_ p: Int) -> [Int] {
    let indices = results.entities.indices.filter { entities?.contains($0) ?? true }
    let ranks = Array(results.slice(results.ranks, period: p))
    let sorted = indices.sorted { a, b in
      let (ra, rb) = (ranks[a] == 0 ? Int.max : ranks[a], ranks[b] == 0 ? Int.max : ranks[b])
      if ra != rb { return ra < rb }
      return results.entities[a].code < results.entities[b].code
    }
    if let top { return Array(sorted.prefix(top)) }
    return sorted
  }

  /// Every printed row: (period index, entity index), period by period.
  var rows: [(p: Int, e: Int)] {
    periods.compactMap { results.periodIndex($0) }.flatMap { p in order(p).map { (p, $0) } }
  }

  func score(_ row: (p: Int, e: Int)) -> Double {
    results.index[results.cell(entity: row.e, period: row.p)]
  }

  func rank(_ row: (p: Int, e: Int)) -> Int {
    results.ranks[results.cell(entity: row.e, period: row.p)]
  }

  func nodeScore(_ node: Int, _ row: (p: Int, e: Int)) -> Double {
    results.nodes[node].score[results.cell(entity: row.e, period: row.p)]
  }

  /// The period of a row as printed: empty when the data has no periods.
  func periodText(_ row: (p: Int, e: Int)) -> String {
    results.hasPeriods ? String(results.periods[row.p]) : ""
  }

  /// The report's title: the index's label and the periods shown, if the data has any.
  var title: String {
    let name = results.plan.nodes[results.plan.root].label ?? results.plan.name
    return TerminalText.escaped(
      results.hasPeriods ? name + ", " + Results.periodText(periods) : name)
  }

  /// The columns of the table and Markdown outputs, and the decimals of their numbers.
  struct TableLayout {
    var headers: [String]
    var alignments: [TextTable.Alignment]
    /// Whether the first column is the period (more than one period is printed).
    var periodColumn: Bool
    var scoreDecimals: Int
    /// One per entry of `columns`.
    var nodeDecimals: [Int]
  }

  /// The layout of the table for these rows and columns.
  func tableLayout(
    rows: [(p: Int, e: Int)], columns: [(node: Int, depth: Int)]
  ) -> TableLayout {
    let names = columns.map {
      // Indentation shows the tree's shape; past 16 levels it would only widen the table.
      String(repeating: "  ", count: min(max(0, $0.depth - 1), 16)) + nodeTitle($0.node)
    }
    let periodColumn = periods.count > 1
    return TableLayout(
      headers: (periodColumn ? ["period"] : []) + ["rank", "entity", "name", "score"] + names,
      alignments: (periodColumn ? [.left] : []) + [.right, .left, .left, .right]
        + columns.map { _ in .right },
      periodColumn: periodColumn,
      scoreDecimals: NumberFormat.decimals(for: rows.map(score)),
      nodeDecimals: columns.map { column in
        NumberFormat.decimals(for: rows.map { nodeScore(column.node, $0) })
      })
  }

  /// The aligned table for a terminal (Markdown is streamed: `writeMarkdown(into:)`).
  func table(color: Bool) -> String {
    let columns = self.columns
    let rows = self.rows
    let layout = tableLayout(rows: rows, columns: columns)
    var table = TextTable(headers: layout.headers, alignments: layout.alignments)
    for row in rows {
      var cells = layout.periodColumn ? [periodText(row)] : []
      cells += [rank(row) == 0 ? "—" : String(rank(row)), results.entities[row.e].code]
      cells.append(results.entities[row.e].name)
      cells.append(display(score(row), layout.scoreDecimals))
      for (column, decimals) in zip(columns, layout.nodeDecimals) {
        cells.append(display(nodeScore(column.node, row), decimals))
      }
      table.rows.append(cells)
    }
    return title + "\n\n" + table.renderText(color: color) + screenedNote(markdown: false)
  }

  func nodeTitle(_ node: Int) -> String {
    results.plan.nodes[node].name
  }

  private func display(_ value: Double, _ decimals: Int) -> String {
    value.isNaN ? "—" : NumberFormat.fixed(value, decimals: decimals)
  }

  /// A CSV field, quoted when it must be; escaped for display, since CSV has no escapes of its
  /// own and is printed to terminals too.
  func csvField(_ text: String) -> String {
    let text = TerminalText.escaped(text)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
