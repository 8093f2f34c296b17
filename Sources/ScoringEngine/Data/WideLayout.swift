import Diagnostics

/// A column-name pattern such as `{variable}_{period}`, which reads `le_2022` as `le` in 2022.
///
/// A name matches when it has the pattern's fixed text around and between the placeholders
/// and the period part is a whole number. Variable names may contain the separator
/// (`hdi_rank_2022` is `hdi_rank`), so the period is taken from the far side: after the last
/// separator when the variable comes first, before the first one otherwise.
struct WidePattern {
  private let prefix: [UInt8]
  private let separator: [UInt8]
  private let suffix: [UInt8]
  private let variableFirst: Bool

  /// Parses a pattern; nil unless it has `{variable}` and `{period}` once each.
  init?(_ pattern: String) {
    let bytes = Array(pattern.utf8)
    guard let variable = bytes.onlyRange(of: Array("{variable}".utf8)),
      let period = bytes.onlyRange(of: Array("{period}".utf8)),
      !variable.overlaps(period)
    else { return nil }
    let (first, second) =
      variable.lowerBound < period.lowerBound
      ? (variable, period) : (period, variable)
    prefix = Array(bytes[..<first.lowerBound])
    separator = Array(bytes[first.upperBound..<second.lowerBound])
    suffix = Array(bytes[second.upperBound...])
    variableFirst = first == variable
  }

  /// The variable and period a column name stands for, or nil when it does not match.
  func match(_ name: String) -> (variable: String, period: Int)? {
    let bytes = Array(name.utf8)
    guard bytes.count >= prefix.count + separator.count + suffix.count,
      bytes.starts(with: prefix), bytes.reversed().starts(with: suffix.reversed())
    else { return nil }
    let core = bytes[prefix.count..<(bytes.count - suffix.count)]
    let variablePart: ArraySlice<UInt8>
    let periodPart: ArraySlice<UInt8>
    if variableFirst {
      // The period is the last part: after the last separator, or the trailing digits.
      let periodStart: Int
      if separator.isEmpty {
        periodStart = (core.lastIndex { !isDigit($0) } ?? core.startIndex - 1) + 1
        variablePart = core[..<periodStart]
      } else {
        guard let last = core.lastRange(of: separator) else { return nil }
        periodStart = last.upperBound
        variablePart = core[..<last.lowerBound]
      }
      periodPart = core[periodStart...]
    } else {
      // The period is the first part: before the first separator, or the leading digits.
      let periodEnd: Int
      if separator.isEmpty {
        periodEnd = core.firstIndex { !isDigit($0) } ?? core.endIndex
        variablePart = core[periodEnd...]
      } else {
        guard let first = core.firstRange(of: separator) else { return nil }
        periodEnd = first.lowerBound
        variablePart = core[first.upperBound...]
      }
      periodPart = core[..<periodEnd]
    }
    guard !variablePart.isEmpty, !periodPart.isEmpty, periodPart.allSatisfy(isDigit),
      periodPart.count <= 18
    else { return nil }
    let period = periodPart.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    return (String(decoding: variablePart, as: UTF8.self), period)
  }
}

private func isDigit(_ byte: UInt8) -> Bool {
  byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

extension Collection where Element == UInt8, Index == Int {
  /// The range of `needle`'s only occurrence; nil when it is absent or repeated.
  fileprivate func onlyRange(of needle: [UInt8]) -> Range<Int>? {
    guard let first = firstRange(of: needle) else { return nil }
    return self[first.upperBound...].firstRange(of: needle) == nil ? first : nil
  }

  fileprivate func lastRange(of needle: [UInt8]) -> Range<Int>? {
    var start = endIndex - needle.count
    while start >= startIndex {
      if self[start..<(start + needle.count)].elementsEqual(needle) {
        return start..<(start + needle.count)
      }
      start -= 1
    }
    return nil
  }
}

extension TableLoader {
  /// Reads a wide file: one row per entity, one column per variable and period.
  mutating func readWide(_ header: Header, _ roles: ColumnRoles, pattern: String) -> DataTable? {
    guard let widePattern = WidePattern(pattern) else {
      diagnostics.append(DataMessages.invalidPattern(pattern))
      return nil
    }
    var matches: [(column: Int, variable: String, period: Int)] = []
    var found: [String] = []
    for column in header.names.indices where header.isReadable(column) && !roles.isText(column) {
      guard let match = widePattern.match(header.names[column]) else { continue }
      matches.append((column, match.variable, match.period))
      if !found.contains(match.variable) { found.append(match.variable) }
    }
    var names = found
    if let wanted = options.variables {
      names = []
      for name in wanted where !names.contains(name) {
        if found.contains(name) {
          names.append(name)
        } else {
          diagnostics.append(
            DataMessages.missingWideVariable(
              name, pattern: pattern, header: span(header), known: found))
        }
      }
    } else if matches.isEmpty {
      diagnostics.append(DataMessages.patternMatchesNothing(pattern, header: span(header)))
    }
    var columns: [NumberColumn] = []
    var firstColumn: [String: Int] = [:]
    for match in matches {
      guard let variable = names.firstIndex(of: match.variable) else { continue }
      let slot = "\(match.period) \(match.variable)"
      if let first = firstColumn[slot] {
        diagnostics.append(
          DataMessages.duplicateWideColumn(
            variable: match.variable, period: match.period, at: span(header.fields[match.column]),
            first: span(header.fields[first])))
        continue
      }
      firstColumn[slot] = match.column
      columns.append(
        NumberColumn(
          column: match.column, variable: variable, period: match.period,
          mayBeText: options.variables == nil))
    }
    let rows =
      readRowsDirectly(header, roles, &columns, oneRowPerPeriod: false)
      ?? readRows(header, roles, &columns, oneRowPerPeriod: false)
    return assemble(header, roles, &columns, names, rows)
  }
}
