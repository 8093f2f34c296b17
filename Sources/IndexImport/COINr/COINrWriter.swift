import IndexAnalysis
import ScoringEngine

/// Writes the `.idx` methodology of two checked COINr tables: the index, the data block,
/// the aggregates from the top down and the indicators in iMeta's order, with comments that
/// say where each line comes from.
///
/// The pipeline lines are what COINr's construction functions do when called with their
/// defaults (`Impute()`: `i_mean`; `Treat()`: `winsorise` with `winmax` 5, else `log_CT`;
/// `Normalise()`: `n_minmax` onto 0..100; `Aggregate()`: `a_amean`), so the file runs as it
/// is and a user changes one line to match the calls they made.
struct COINrWriter {
  let structure: COINrStructure
  let data: COINrData
  /// The path of iData as the `.idx` file names it (relative to that file).
  let dataPath: String
  /// The two tables' paths, for the header comment.
  let sources: (data: String, meta: String)
  /// The name of the data source in formulas.
  static let source = "coinr"

  private var rows: [COINrRow] { structure.rows }

  func text() -> String {
    guard let root = structure.root else { return "" }
    var out = header()
    out += index(rows[root], members: structure.members[root] ?? [])
    out += dataBlock()
    for aggregate in structure.aggregatesTopDown {
      out += "\n" + declaration("dimension", rows[aggregate])
      out += "  members { \(memberList(structure.members[aggregate] ?? [])) }\n}\n"
    }
    for row in rows where row.kind == .indicator {
      out += "\n" + indicator(row)
    }
    return out
  }

  private func header() -> String {
    let counts = Dictionary(grouping: rows, by: \.kind).mapValues(\.count)
    func count(_ kind: COINrRow.Kind, _ noun: String) -> String {
      let n = counts[kind] ?? 0
      return "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
    let periods = data.periods.isEmpty ? "no Time column" : "Time " + periodText
    return """
      // Imported from COINr's two tables by `idx import coinr`:
      //   iData (\(Self.comment(sources.data))): \(data.unitCount) units, \(periods)
      //   iMeta (\(Self.comment(sources.meta))): \(count(.indicator, "indicator")), \
      \(count(.aggregate, "aggregate")), \(count(.denominator, "denominator")), \
      \(count(.group, "group"))
      // Structure, labels, directions, weights, denominators and targets are the tables'.
      // COINr builds an index by calling one function per stage; each pipeline line below is
      // what that function does with its defaults. Change a line to match the calls you made
      // (docs/coinr.md maps every COINr argument to idx).


      """
  }

  private var periodText: String {
    guard let first = data.periods.first, let last = data.periods.last else { return "" }
    if data.periods.count == 1 { return String(first) }
    if last - first + 1 == data.periods.count { return "\(first)..\(last)" }
    return "[" + data.periods.map(String.init).joined(separator: ", ") + "]"
  }

  private func index(_ row: COINrRow, members: [Int]) -> String {
    var out = declaration("index", row)
    if !data.periods.isEmpty { out += "  period:    \(periodText)\n" }
    out +=
      "  // Impute(coin, dset = \"Denominated\"): f_i = \"i_mean\", the mean of the other units"
    if let group = data.groups.last {
      out += ";\n  // `mean(by: \(group))` is f_i = \"i_mean_grp\" with use_group = \"\(group)\""
    }
    out += """

        impute:    mean
        // Treat(coin, dset = "Imputed"): winsorise while |skew| > 2 and kurtosis > 3.5, at most
        // winmax = 5 points, else log_CT on the original values.
        treat:     \(MethodText.treatment(.jrcWinsorize))
        // Normalise(coin, dset = "Treated"): n_minmax onto 0..100, after each direction.
        normalize: minmax(0, 100)
        // Aggregate(coin, dset = "Normalised"): a_amean, the weighted arithmetic mean.
        aggregate: arithmetic
        members { \(memberList(members)) }
      }

      """
    return out
  }

  private func dataBlock() -> String {
    var properties = [("key", "uCode")]
    if data.hasNames { properties.append(("names", "uName")) }
    if data.hasTime { properties.append(("period", "Time")) }
    if !data.groups.isEmpty {
      let groups =
        data.groups.count == 1 ? data.groups[0] : "[" + data.groups.joined(separator: ", ") + "]"
      properties.append(("group", groups))
    }
    return """

      /// COINr's iData: one row per unit and period; the columns of iMeta's indicators,
      /// denominators and groups are read from it.
      data \(Self.source) = csv(\(Self.string(dataPath))) {
      \(Self.aligned(properties))}

      """
  }

  /// `KIND code "label" {` with iName as the label, or the code alone.
  private func declaration(_ kind: String, _ row: COINrRow) -> String {
    var out = "\(kind) \(row.code)"
    if let name = row.name { out += " \(Self.string(name))" }
    return out + " {\n"
  }

  /// Members in iMeta order, with a weight only where it is not 1.
  private func memberList(_ members: [Int]) -> String {
    members.map { member in
      let row = rows[member]
      return row.weight == 1 ? row.code : "\(row.code): \(MethodText.number(row.weight))"
    }.joined(separator: ", ")
  }

  private func indicator(_ row: COINrRow) -> String {
    let column = "\(Self.source).\(row.code)"
    var properties: [(String, String)] = []
    if let denominator = row.denominator {
      properties.append(
        ("value", "\(column) / \(Self.source).\(denominator)  // Denominate(): by \(denominator)"))
    } else {
      properties.append(("value", column))
    }
    if row.direction == -1 { properties.append(("direction", "lower")) }
    if let target = row.target { properties.append(("target", MethodText.number(target))) }
    if let unit = row.unit { properties.append(("unit", Self.string(unit))) }
    return declaration("indicator", row) + Self.aligned(properties) + "}\n"
  }

  /// Property lines with their values in one column, as `idx fmt` lays them out.
  static func aligned(_ properties: [(key: String, value: String)]) -> String {
    let width = (properties.map(\.key.count).max() ?? 0) + 2
    return properties.map { property in
      let key = property.key + ":"
      return "  " + key + String(repeating: " ", count: width - key.count) + property.value + "\n"
    }.joined()
  }

  /// An idx string literal: one line, quotes and backslashes escaped.
  static func string(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where character.isNewline || character.unicodeScalars.contains { $0.value < 0x20 }:
        out += " "
      default: out.append(character)
      }
    }
    return out + "\""
  }

  /// Text for a comment: one line.
  static func comment(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
  }
}
