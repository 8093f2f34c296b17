import ScoringEngine

/// Which scored periods `idx run --period` prints.
///
/// The syntax follows the language's: a period (`2022`), a range (`1990..2022`, both ends
/// included), a comma-separated list of either (`1990,2000,2010..2022`), or `all`. Without
/// `--period` the latest scored period is printed. A single period must be one the
/// methodology scores; a range selects the scored periods inside it and must select at least
/// one, so `--period 1900..2100` is a way of saying "all".
enum PeriodSelection: Equatable {
  /// The latest scored period.
  case latest
  /// Every scored period.
  case all
  /// The periods and ranges listed.
  case listed([Item])

  /// One entry of a list.
  enum Item: Equatable {
    case single(Int)
    case range(ClosedRange<Int>)
  }

  /// Parses the value of `--period` (nil when the option is not given).
  init(parsing text: String?) throws(UsageError) {
    guard let text else {
      self = .latest
      return
    }
    if text == "all" {
      self = .all
      return
    }
    var items: [Item] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let word = String(part).trimmingSpaces()
      items.append(try Self.item(word, in: text))
    }
    self = .listed(items)
  }

  private static func item(_ word: String, in text: String) throws(UsageError) -> Item {
    if let (low, high) = word.splitAtRange() {
      guard let low = Int(low), let high = Int(high) else { throw Self.malformed(text) }
      guard low <= high else {
        throw UsageError("`--period \(text)`: the range \(word) runs backwards")
      }
      return .range(low...high)
    }
    guard let period = Int(word) else { throw Self.malformed(text) }
    return .single(period)
  }

  private static func malformed(_ text: String) -> UsageError {
    UsageError(
      "`--period` takes a period (2022), a range (1990..2022), a list (2020,2022) or `all`, "
        + "not `\(text)`")
  }

  /// The selected periods among `scored` (ascending), or the message of a usage error.
  func resolve(_ scored: [Int]) -> Result<[Int], UsageError> {
    let known = scored.isEmpty ? "none" : Results.periodText(scored)
    switch self {
    case .latest:
      return .success(scored.last.map { [$0] } ?? [])
    case .all:
      return .success(scored)
    case .listed(let items):
      var chosen = Set<Int>()
      for item in items {
        switch item {
        case .single(let period):
          guard scored.contains(period) else {
            return .failure(UsageError("period \(period) was not scored; scored: \(known)"))
          }
          chosen.insert(period)
        case .range(let range):
          let inside = scored.filter { range.contains($0) }
          guard !inside.isEmpty else {
            return .failure(
              UsageError(
                "no scored period in \(range.lowerBound)..\(range.upperBound); scored: \(known)"))
          }
          chosen.formUnion(inside)
        }
      }
      return .success(chosen.sorted())
    }
  }
}

extension String {
  /// The text without leading and trailing spaces.
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }

  /// The text before and after the first `..`, or nil when it has none.
  fileprivate func splitAtRange() -> (String, String)? {
    let characters = Array(self)
    for i in characters.indices.dropLast() where characters[i] == "." && characters[i + 1] == "." {
      return (String(characters[..<i]), String(characters[(i + 2)...]))
    }
    return nil
  }
}
