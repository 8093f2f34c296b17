import Diagnostics
import IndexLanguage
import ScoringEngine

/// What the names of an expression stand for (see `ReplEvaluator`).
extension ReplEvaluator {
  /// The value of a path of names: its head, then each further name applied to it.
  func resolve(_ path: [NameSyntax]) -> Evaluation<ReplValue> {
    guard let head = path.first else {
      return .failure(ReplMessages.notAnExpression(Span(file: file, start: 0, end: 0)))
    }
    var rest = path.dropFirst()
    let value: ReplValue
    if head.text == "ans" {
      guard let answer else { return .failure(ReplMessages.noAnswer(span(head.range))) }
      value = answer
    } else if head.text == "score" {
      value = column("score", results.index)
    } else if head.text == "rank" {
      value = column("rank", results.ranks.map { $0 == 0 ? .nan : Double($0) })
    } else if let node = results.plan.nodeIndex(head.text) {
      switch nodeValue(node, property: rest.first) {
      case .some(let found):
        value = found
        rest = rest.dropFirst()
      case nil:
        value = column(head.text, results.nodes[node].score.array)
      }
    } else if let next = rest.first, let table,
      let variable = table.variableIndex(head.text + "." + next.text)
    {
      value = dataColumn(variable, table)
      rest = rest.dropFirst()
    } else if results.entityIndex(head.text) != nil {
      return select(head, in: column("score", results.index))
    } else {
      return .failure(unknown(head, first: path.count == 1))
    }
    guard let entity = rest.first else { return .success(value) }
    if rest.count > 1 {
      let extra = rest.dropFirst().first ?? entity
      return .failure(ReplMessages.nothingAfter(entity.text, span(extra.range)))
    }
    return select(entity, in: value)
  }

  /// A node's `.raw`, `.rank` or `.weight`; nil when `property` is none of them.
  private func nodeValue(_ node: Int, property: NameSyntax?) -> ReplValue? {
    let name = results.plan.nodes[node].name
    switch property?.text {
    case "raw" where results.plan.nodes[node].indicator != nil:
      return column(name + ".raw", results.nodes[node].raw)
    case "score":
      return column(name, results.nodes[node].score.array)
    case "rank":
      let ranks = results.ranks(ofNode: node, period: period)
      var all = [Double](repeating: .nan, count: results.index.count)
      for (e, rank) in ranks.enumerated() where rank > 0 {
        all[results.cell(entity: e, period: period)] = Double(rank)
      }
      return column(name + ".rank", all)
    case "weight":
      return .number(ReplDescription.share(of: node, in: results.plan) ?? .nan)
    default: return nil
    }
  }

  /// One period's values of a period-major array, as a column.
  func column(_ name: String, _ all: [Double]) -> ReplValue {
    let values = results.entities.enumerated().map { e, entity in
      ReplValue.Entry(code: entity.code, value: all[results.cell(entity: e, period: period)])
    }
    return .column(name: name, values: values)
  }

  /// A data column in the scored period, for the results' entities.
  private func dataColumn(_ variable: Int, _ table: DataTable) -> ReplValue {
    let year = results.periods[period]
    let p = table.periodIndex(year)
    let values = results.entities.map { entity in
      guard let p, let e = table.entityIndex(entity.code) else {
        return ReplValue.Entry(code: entity.code, value: .nan)
      }
      return ReplValue.Entry(
        code: entity.code, value: table.columns[variable][p * table.entities.count + e])
    }
    return .column(name: table.variables[variable], values: values)
  }

  /// One entity's value of a per-entity value.
  func select(_ name: NameSyntax, in value: ReplValue) -> Evaluation<ReplValue> {
    let values: [ReplValue.Entry]
    switch value {
    case .column(_, let entries), .ranking(_, let entries): values = entries
    default: return .failure(ReplMessages.notPerEntity(name.text, value.kind, span(name.range)))
    }
    guard let entry = values.first(where: { $0.code == name.text }) else {
      let close = Suggestions.closest(to: name.text, among: values.map(\.code), limit: 1)
      return .failure(
        ReplMessages.unknownEntity(name.text, span(name.range), suggestion: close.first))
    }
    return .success(.number(entry.value))
  }

  /// An unknown name, with the closest known one.
  private func unknown(_ name: NameSyntax, first: Bool) -> Diagnostic {
    var known = ["ans", "score", "rank"] + results.plan.nodes.map(\.name)
    if first { known += results.entities.map(\.code) }
    if let table { known += Set(table.variables.map { String($0.prefix { $0 != "." }) }).sorted() }
    let close = Suggestions.closest(to: name.text, among: known, limit: 1)
    return ReplMessages.unknownName(name.text, span(name.range), suggestion: close.first)
  }
}
