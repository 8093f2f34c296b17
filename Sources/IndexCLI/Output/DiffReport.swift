import Diagnostics
import IndexAnalysis
import ScoringEngine

/// A diff laid out for people (text, Markdown) or machines (JSON, CSV).
struct DiffReport {
  enum Format: String, CaseIterable {
    case text, md, json, csv

    init(parsing text: String?) throws(UsageError) {
      guard let text else {
        self = .text
        return
      }
      // `table` is what the other commands call the readable format.
      guard let format = text == "table" ? .text : Format(rawValue: text) else {
        let names = Format.allCases.map(\.rawValue).joined(separator: ", ")
        throw UsageError("unknown format `\(text)`; use one of \(names)")
      }
      self = format
    }
  }

  enum Sort: String, CaseIterable {
    case rank
    case score
    case absDelta = "abs-delta"

    init(parsing text: String?) throws(UsageError) {
      guard let text else {
        self = .rank
        return
      }
      guard let sort = Sort(rawValue: text) else {
        let names = Sort.allCases.map(\.rawValue).joined(separator: ", ")
        throw UsageError("unknown sort `\(text)`; use one of \(names)")
      }
      self = sort
    }
  }

  /// Which entities to show, in what order, and which one to explain.
  struct Selection {
    var entities: [String] = []
    var explain: String?
    var other: String?
    var top: Int?
    var sort: Sort = .rank
  }

  let files: (a: String, b: String)
  let structure: StructureDiff
  let results: ResultsDiff
  let selection: Selection
  /// Decimals of scores and terms: three for indices on 0..1 (the HDI), else two.
  let decimals: Int

  init(
    files: (String, String), structure: StructureDiff, results: ResultsDiff, selection: Selection
  ) {
    self.files = files
    self.structure = structure
    self.results = results
    self.selection = selection
    let largest =
      results.entities.flatMap { [$0.scoreA, $0.scoreB] }.compactMap { $0 }
      .map { Swift.abs($0) }.max() ?? 0
    decimals = largest <= 1.5 ? 3 : 2
  }

  /// Whether the comparison found anything: a declaration, or a score of a shown entity.
  var hasDifferences: Bool {
    !structure.isEmpty || shown.contains { $0.status != .unchanged }
  }

  /// Whether one methodology is compared between two periods (`idx diff FILE --period P1 P2`).
  var isTwoPeriods = false

  /// The entities to list: those asked for (else all), sorted, then the first `top`.
  var shown: [ResultsDiff.EntityChange] {
    var list = results.entities
    if !selection.entities.isEmpty {
      let wanted = Set(selection.entities)
      list = list.filter { wanted.contains($0.code) }
    }
    func key(_ entity: ResultsDiff.EntityChange) -> Double {
      switch selection.sort {
      case .rank: return Double(entity.rankB ?? Int.max / 2) + Double(entity.rankA ?? 0) * 1e-9
      case .score: return -(entity.scoreB ?? -.infinity)
      case .absDelta: return -Swift.abs(entity.delta ?? -1)
      }
    }
    list.sort { (key($0), $0.code) < (key($1), $1.code) }
    if let top = selection.top { list = Array(list.prefix(top)) }
    return list
  }

  /// The methodology named on a side: its index name and label.
  func title(_ results: Results) -> String {
    let plan = results.plan
    return plan.label.map { "\(plan.name) \"\($0)\"" } ?? plan.name
  }

  func number(_ value: Double?) -> String {
    guard let value, !value.isNaN else { return "—" }
    return NumberFormat.fixed(value, decimals: decimals)
  }

  func signed(_ value: Double?) -> String {
    guard let value, !value.isNaN else { return "—" }
    let text = NumberFormat.fixed(value, decimals: decimals)
    return text.hasPrefix("-") || !text.contains(where: { $0 != "0" && $0 != "." })
      ? text : "+" + text
  }

  func rankText(_ entity: ResultsDiff.EntityChange) -> String {
    let a = entity.rankA.map(String.init) ?? "—"
    let b = entity.rankB.map(String.init) ?? "—"
    guard let rankA = entity.rankA, let rankB = entity.rankB, rankA != rankB else {
      return "\(a) → \(b)"
    }
    return "\(a) → \(b) " + (rankB < rankA ? "↑" : "↓")
  }

  /// The path of a term node for people (`investment › capital`) or CSV (`investment/capital`).
  func label(_ path: [String], ascii: Bool = false) -> String {
    path.isEmpty ? "(index)" : path.joined(separator: ascii ? "/" : " › ")
  }

  /// The whole readable report: structure, results, attribution, and the explained entity.
  func text(markdown: Bool) -> String {
    var out = header(markdown: markdown)
    if !isTwoPeriods {
      out += "\n" + structureText(markdown: markdown)
    }
    out += "\n" + resultsText(markdown: markdown)
    if let explain = selection.explain {
      out += "\n" + explainText(explain, markdown: markdown)
    } else if results.summary.changed > 0 {
      out += "\n" + attributionText(markdown: markdown)
    }
    return out
  }

  private func header(markdown: Bool) -> String {
    let (a, b) = (results.a, results.b)
    if isTwoPeriods {
      let line =
        "\(files.a): \(title(a.results)), \(a.period) → \(b.period) "
        + "(one methodology in two periods: only the data differs)\n"
      return markdown ? "## " + line : line
    }
    let lines =
      "A  \(files.a): \(title(a.results)), \(a.period)\n"
      + "B  \(files.b): \(title(b.results)), \(b.period)\n"
    return markdown
      ? lines.split(separator: "\n").map { "- " + $0 }.joined(separator: "\n") + "\n" : lines
  }

  func heading(_ text: String, markdown: Bool) -> String {
    markdown ? "### \(text)\n\n" : "\(text)\n"
  }

  func render(_ table: TextTable, markdown: Bool) -> String {
    markdown ? table.renderMarkdown() : table.renderText(color: false)
  }
}
