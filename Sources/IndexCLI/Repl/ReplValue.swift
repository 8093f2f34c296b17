import Diagnostics

/// A value an expression at the prompt evaluates to.
enum ReplValue: Sendable, Equatable {
  case number(Double)
  case boolean(Bool)
  /// One value per entity (`score`, `research`, `ai.arena_elo`), in the results' entity order.
  case column(name: String, values: [Entry])
  /// Entities in order with their values (`top(3)`).
  case ranking(name: String, values: [Entry])

  /// One entity's value.
  struct Entry: Sendable, Equatable {
    var code: String
    var value: Double
  }

  /// What kind of value this is, in words for a message.
  var kind: String {
    switch self {
    case .number: "a number"
    case .boolean: "true or false"
    case .column: "a value per entity"
    case .ranking: "a ranking"
    }
  }

  /// The value as printed: numbers at `precision` decimals; a column in rank order of its
  /// values (missing ones last), one entity per line.
  func text(precision: Int) -> String {
    switch self {
    case .number(let value): return Self.format(value, precision: precision) + "\n"
    case .boolean(let value): return (value ? "true" : "false") + "\n"
    case .column(_, let values): return Self.lines(Self.ranked(values), precision: precision)
    case .ranking(_, let values): return Self.lines(values, precision: precision)
    }
  }

  /// Entries best first: higher values first, missing last, ties by code.
  static func ranked(_ values: [Entry]) -> [Entry] {
    values.sorted { a, b in
      switch (a.value.isNaN, b.value.isNaN) {
      case (false, true): return true
      case (true, false): return false
      case (true, true): return a.code < b.code
      case (false, false): return a.value != b.value ? a.value > b.value : a.code < b.code
      }
    }
  }

  /// Numbered lines `  1  US   100.00`, aligned.
  static func lines(_ values: [Entry], precision: Int) -> String {
    let numbers = values.map { format($0.value, precision: precision) }
    let codeWidth = values.map(\.code.count).max() ?? 0
    let numberWidth = numbers.map(\.count).max() ?? 0
    let rankWidth = String(values.count).count
    var text = ""
    for (position, (entry, number)) in zip(values, numbers).enumerated() {
      let rank = String(position + 1)
      text += String(repeating: " ", count: rankWidth - rank.count) + rank + "  "
      text += entry.code + String(repeating: " ", count: codeWidth - entry.code.count) + "  "
      text += String(repeating: " ", count: numberWidth - number.count) + number + "\n"
    }
    return text
  }

  /// A number with `precision` decimals; `—` when missing.
  static func format(_ value: Double, precision: Int) -> String {
    value.isNaN ? "—" : NumberFormat.fixed(value, decimals: precision)
  }
}

/// A value, or the diagnostic that says why there is none (a `Result` whose failure need not
/// be an `Error`).
enum Evaluation<Value> {
  case success(Value)
  case failure(Diagnostic)
}
