import Diagnostics
import ScoringEngine

@testable import IndexCLI

/// `idx run`'s CSV, JSON and Markdown as they were written before they streamed.
///
/// A `String` per field, joined, with `description` for numbers. The reference the streamed outputs are
/// compared with (`StreamingOutputTests`); not used by the tool.
struct StraightforwardResults {
  let report: ResultsReport
  var results: Results { report.results }

  func csv() -> String {
    let columns = report.columns
    var header =
      ["entity", "period", "score", "rank"] + columns.map { results.plan.nodes[$0.node].name }
    header = header.map(report.csvField)
    var out = header.joined(separator: ",") + "\n"
    for row in report.rows {
      var fields = [report.csvField(results.entities[row.e].code), report.periodText(row)]
      fields.append(Self.csvNumber(report.score(row)))
      fields.append(report.rank(row) == 0 ? "" : String(report.rank(row)))
      fields += columns.map { Self.csvNumber(report.nodeScore($0.node, row)) }
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  func json() -> String {
    let columns = report.columns
    var objects: [String] = []
    for period in report.periods {
      guard let p = results.periodIndex(period) else { continue }
      var entities: [String] = []
      for e in report.order(p) {
        let row = (p: p, e: e)
        let nodes = columns.map {
          jsonString(results.plan.nodes[$0.node].name) + ":"
            + Self.jsonNumber(report.nodeScore($0.node, row))
        }
        let rank = report.rank(row) == 0 ? "null" : String(report.rank(row))
        var entity = "{\"entity\":\(jsonString(results.entities[e].code)),"
        entity += "\"name\":\(jsonString(results.entities[e].name)),"
        entity += "\"score\":\(Self.jsonNumber(report.score(row))),"
        entity += "\"rank\":\(rank),"
        entity += "\"nodes\":{\(nodes.joined(separator: ","))}}"
        entities.append(entity)
      }
      let label = results.hasPeriods ? String(period) : "null"
      objects.append(
        "{\"period\":\(label),\"entities\":[\n" + entities.joined(separator: ",\n") + "\n]}")
    }
    return "{\"methodology\":\(jsonString(results.plan.name)),\"periods\":[\n"
      + objects.joined(separator: ",\n") + "\n]}\n"
  }

  func markdown() -> String {
    let columns = report.columns
    let names = columns.map {
      String(repeating: "  ", count: min(max(0, $0.depth - 1), 16)) + report.nodeTitle($0.node)
    }
    let periodColumn = report.periods.count > 1
    var table = TextTable(
      headers: (periodColumn ? ["period"] : []) + ["rank", "entity", "name", "score"] + names,
      alignments: (periodColumn ? [.left] : []) + [.right, .left, .left, .right]
        + columns.map { _ in .right })
    let rows = report.rows
    let scoreDecimals = Self.decimals(rows.map(report.score))
    let nodeDecimals = columns.map { column in
      Self.decimals(rows.map { report.nodeScore(column.node, $0) })
    }
    for row in rows {
      var cells = periodColumn ? [report.periodText(row)] : []
      cells += [report.rank(row) == 0 ? "—" : String(report.rank(row))]
      cells += [results.entities[row.e].code, results.entities[row.e].name]
      cells.append(Self.display(report.score(row), scoreDecimals))
      for (column, decimals) in zip(columns, nodeDecimals) {
        cells.append(Self.display(report.nodeScore(column.node, row), decimals))
      }
      table.rows.append(cells)
    }
    return "**\(report.title)**\n\n" + table.renderMarkdown()
  }

  static func csvNumber(_ value: Double) -> String {
    value.isFinite ? ShortestDecimalTests.straightforwardExact(value) : ""
  }

  static func jsonNumber(_ value: Double) -> String {
    value.isFinite ? ShortestDecimalTests.straightforwardExact(value) : "null"
  }

  static func decimals(_ values: [Double]) -> Int {
    let largest = values.filter { !$0.isNaN }.map { Swift.abs($0) }.max() ?? 0
    return largest <= 1 ? 3 : 1
  }

  static func display(_ value: Double, _ decimals: Int) -> String {
    value.isNaN ? "—" : ShortestDecimalTests.straightforwardFixed(value, decimals)
  }
}
