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
  private var rows: [(p: Int, e: Int)] {
    periods.compactMap { results.periodIndex($0) }.flatMap { p in order(p).map { (p, $0) } }
  }

  private func score(_ row: (p: Int, e: Int)) -> Double {
    results.index[results.cell(entity: row.e, period: row.p)]
  }

  private func rank(_ row: (p: Int, e: Int)) -> Int {
    results.ranks[results.cell(entity: row.e, period: row.p)]
  }

  private func nodeScore(_ node: Int, _ row: (p: Int, e: Int)) -> Double {
    results.nodes[node].score[results.cell(entity: row.e, period: row.p)]
  }

  /// The period of a row as printed: empty when the data has no periods.
  private func periodText(_ row: (p: Int, e: Int)) -> String {
    results.hasPeriods ? String(results.periods[row.p]) : ""
  }

  /// The report's title: the index's label and the periods shown, if the data has any.
  var title: String {
    let name = results.plan.nodes[results.plan.root].label ?? results.plan.name
    return TerminalText.escaped(
      results.hasPeriods ? name + ", " + Results.periodText(periods) : name)
  }

  func csv() -> String {
    let columns = self.columns
    var header =
      ["entity", "period", "score", "rank"] + columns.map { results.plan.nodes[$0.node].name }
    header = header.map(csvField)
    var out = header.joined(separator: ",") + "\n"
    for row in rows {
      var fields = [csvField(results.entities[row.e].code), periodText(row)]
      fields.append(csvNumber(score(row)))
      fields.append(rank(row) == 0 ? "" : String(rank(row)))
      fields += columns.map { csvNumber(nodeScore($0.node, row)) }
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  /// `{"methodology", "periods": [{"period", "entities": [{"entity", "name", "score", "rank",
  /// "nodes": {…}}]}]}`, one object per period.
  func json() -> String {
    let columns = self.columns
    var objects: [String] = []
    for period in periods {
      guard let p = results.periodIndex(period) else { continue }
      var entities: [String] = []
      for e in order(p) {
        let row = (p: p, e: e)
        let nodes = columns.map {
          jsonString(results.plan.nodes[$0.node].name) + ":" + jsonNumber(nodeScore($0.node, row))
        }
        entities.append(
          "{\"entity\":\(jsonString(results.entities[e].code)),"
            + "\"name\":\(jsonString(results.entities[e].name)),"
            + "\"score\":\(jsonNumber(score(row))),"
            + "\"rank\":\(rank(row) == 0 ? "null" : String(rank(row))),"
            + "\"nodes\":{\(nodes.joined(separator: ","))}}")
      }
      let label = results.hasPeriods ? String(period) : "null"
      objects.append(
        "{\"period\":\(label),\"entities\":[\n" + entities.joined(separator: ",\n") + "\n]}")
    }
    return "{\"methodology\":\(jsonString(results.plan.name)),\"periods\":[\n"
      + objects.joined(separator: ",\n") + "\n]}\n"
  }

  func table(color: Bool, markdown: Bool) -> String {
    let columns = self.columns
    let names = columns.map {
      // Indentation shows the tree's shape; past 16 levels it would only widen the table.
      String(repeating: "  ", count: min(max(0, $0.depth - 1), 16)) + nodeTitle($0.node)
    }
    let periodColumn = periods.count > 1
    var table = TextTable(
      headers: (periodColumn ? ["period"] : []) + ["rank", "entity", "name", "score"] + names,
      alignments: (periodColumn ? [.left] : []) + [.right, .left, .left, .right]
        + columns.map { _ in .right })
    let rows = self.rows
    let scoreDecimals = NumberFormat.decimals(for: rows.map(score))
    let nodeDecimals = columns.map { column in
      NumberFormat.decimals(for: rows.map { nodeScore(column.node, $0) })
    }
    for row in rows {
      var cells = periodColumn ? [periodText(row)] : []
      cells += [rank(row) == 0 ? "—" : String(rank(row)), results.entities[row.e].code]
      cells.append(results.entities[row.e].name)
      cells.append(display(score(row), scoreDecimals))
      for (column, decimals) in zip(columns, nodeDecimals) {
        cells.append(display(nodeScore(column.node, row), decimals))
      }
      table.rows.append(cells)
    }
    if markdown { return "**\(title)**\n\n" + table.renderMarkdown() }
    return title + "\n\n" + table.renderText(color: color)
  }

  private func nodeTitle(_ node: Int) -> String {
    results.plan.nodes[node].name
  }

  private func display(_ value: Double, _ decimals: Int) -> String {
    value.isNaN ? "—" : NumberFormat.fixed(value, decimals: decimals)
  }

  private func csvNumber(_ value: Double) -> String {
    NumberFormat.csv(value)
  }

  private func jsonNumber(_ value: Double) -> String {
    NumberFormat.json(value)
  }

  /// A CSV field, quoted when it must be; escaped for display, since CSV has no escapes of its
  /// own and is printed to terminals too.
  private func csvField(_ text: String) -> String {
    let text = TerminalText.escaped(text)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
