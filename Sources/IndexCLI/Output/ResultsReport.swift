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

/// One period of a run's results, laid out for people or machines.
///
/// Columns: `entity`, `score` (the index after scaling), `rank`, then one column per node of
/// the tree in pre-order (dimensions before their members), down to `depth` levels.
struct ResultsReport {
  let results: Results
  let period: Int
  let depth: Int?
  let top: Int?

  private var p: Int { results.periodIndex(period) ?? 0 }

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

  /// Entity indices in rank order (unscored entities last, by code).
  var order: [Int] {
    let indices = Array(results.entities.indices)
    let ranks = Array(results.slice(results.ranks, period: p))
    let sorted = indices.sorted { a, b in
      let (ra, rb) = (ranks[a] == 0 ? Int.max : ranks[a], ranks[b] == 0 ? Int.max : ranks[b])
      if ra != rb { return ra < rb }
      return results.entities[a].code < results.entities[b].code
    }
    if let top { return Array(sorted.prefix(top)) }
    return sorted
  }

  private func score(_ e: Int) -> Double {
    results.index[results.cell(entity: e, period: p)]
  }

  private func rank(_ e: Int) -> Int {
    results.ranks[results.cell(entity: e, period: p)]
  }

  private func nodeScore(_ node: Int, _ e: Int) -> Double {
    results.nodes[node].score[results.cell(entity: e, period: p)]
  }

  func csv() -> String {
    let columns = self.columns
    var header = ["entity", "score", "rank"] + columns.map { results.plan.nodes[$0.node].name }
    header = header.map(csvField)
    var out = header.joined(separator: ",") + "\n"
    for e in order {
      var row = [csvField(results.entities[e].code), csvNumber(score(e))]
      row.append(rank(e) == 0 ? "" : String(rank(e)))
      row += columns.map { csvNumber(nodeScore($0.node, e)) }
      out += row.joined(separator: ",") + "\n"
    }
    return out
  }

  func json() -> String {
    let columns = self.columns
    var entities: [String] = []
    for e in order {
      let nodes = columns.map {
        jsonString(results.plan.nodes[$0.node].name) + ":" + jsonNumber(nodeScore($0.node, e))
      }
      entities.append(
        "{\"entity\":\(jsonString(results.entities[e].code)),"
          + "\"name\":\(jsonString(results.entities[e].name)),"
          + "\"score\":\(jsonNumber(score(e))),"
          + "\"rank\":\(rank(e) == 0 ? "null" : String(rank(e))),"
          + "\"nodes\":{\(nodes.joined(separator: ","))}}")
    }
    return "{\"methodology\":\(jsonString(results.plan.name)),\"period\":\(period),"
      + "\"entities\":[\n" + entities.joined(separator: ",\n") + "\n]}\n"
  }

  func table(color: Bool, markdown: Bool) -> String {
    let columns = self.columns
    let names = columns.map {
      // Indentation shows the tree's shape; past 16 levels it would only widen the table.
      String(repeating: "  ", count: min(max(0, $0.depth - 1), 16)) + nodeTitle($0.node)
    }
    var table = TextTable(
      headers: ["rank", "entity", "name", "score"] + names,
      alignments: [.right, .left, .left, .right] + columns.map { _ in .right })
    let entities = order
    let scoreDecimals = NumberFormat.decimals(for: entities.map(score))
    let nodeDecimals = columns.map { column in
      NumberFormat.decimals(for: entities.map { nodeScore(column.node, $0) })
    }
    for e in entities {
      var row = [rank(e) == 0 ? "—" : String(rank(e)), results.entities[e].code]
      row.append(results.entities[e].name)
      row.append(display(score(e), scoreDecimals))
      for (column, decimals) in zip(columns, nodeDecimals) {
        row.append(display(nodeScore(column.node, e), decimals))
      }
      table.rows.append(row)
    }
    let title = (results.plan.nodes[results.plan.root].label ?? results.plan.name) + ", \(period)"
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

  private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
