import Foundation

@testable import ScoringEngine

extension Stages {
  /// The ASEM reference files, read with a tiny CSV split (quotes only around names with commas).
  struct ASEM {
    /// One indicator's row of indicators.csv.
    struct Indicator {
      var code: String
      var direction: Direction
      var weight: Double
      var denominator: String?
      var pillar: String
      var subIndex: String
    }

    let raw: CSVTable
    let expectedImputed: CSVTable
    let expectedTreated: CSVTable
    let expectedNormalised: CSVTable
    let expectedScores: CSVTable
    let indicators: [Indicator]
    /// Aggregate code → weight, from aggregates.csv.
    let aggregateWeights: [String: Double]

    init() throws {
      let folder = ReferenceData.root.appendingPathComponent("methodologies/data/asem")
      func load(_ name: String) throws -> CSVTable {
        try CSVTable(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
      }
      raw = try load("raw.csv")
      expectedImputed = try load("expected-imputed.csv")
      expectedTreated = try load("expected-treated.csv")
      expectedNormalised = try load("expected-normalised.csv")
      expectedScores = try load("expected-scores.csv")
      let meta = try load("indicators.csv")
      indicators = meta.rows.map { row in
        Indicator(
          code: row[0], direction: (Double(row[2]) ?? 1) < 0 ? .lower : .higher,
          weight: Double(row[3]) ?? .nan,
          denominator: row[4].isEmpty ? nil : row[4], pillar: row[5], subIndex: row[6])
      }
      let aggregates = try load("aggregates.csv")
      aggregateWeights = Dictionary(
        uniqueKeysWithValues: aggregates.rows.map { ($0[1], Double($0[3]) ?? .nan) })
    }

    var entityCodes: [String] { raw.strings("UnitCode") }
    var groups: [String?] { raw.strings("Group_EurAsia").map { $0.isEmpty ? nil : $0 } }

    /// Raw values divided by the indicator's denominator column, if it has one.
    func denominated(_ indicator: Indicator) -> [Double] {
      let x = raw.column(indicator.code)
      guard let denominator = indicator.denominator else { return x }
      return zip(x, raw.column(denominator)).map { $0 / $1 }
    }

    /// Step 1 and 2 of the pipeline: denominate, then impute by `Group_EurAsia` mean.
    func imputedFromRaw() -> [String: [Double]] {
      Dictionary(
        uniqueKeysWithValues: indicators.map { indicator in
          let outcome = impute(
            denominated(indicator), with: .groupMean(group: "Group_EurAsia"), groups: groups)
          return (indicator.code, outcome.values)
        })
    }

    /// Indicators → pillars → sub-indices → Index, arithmetic means with the files' weights.
    func aggregateTree(_ normalised: [String: [Double]]) -> [String: [Double]] {
      var scores: [String: [Double]] = [:]
      func node(_ code: String, members: [String], values: [String: [Double]], weight: [Double]) {
        let outcome = aggregate(
          members.map { values[$0] ?? [] }, weights: weight, with: .arithmetic)
        scores[code] = outcome.values
      }
      let pillars = unique(indicators.map(\.pillar))
      for pillar in pillars {
        let members = indicators.filter { $0.pillar == pillar }
        node(
          pillar, members: members.map(\.code), values: normalised, weight: members.map(\.weight))
      }
      let subIndices = unique(indicators.map(\.subIndex))
      for subIndex in subIndices {
        let members = pillars.filter { p in
          indicators.contains { $0.pillar == p && $0.subIndex == subIndex }
        }
        node(
          subIndex, members: members, values: scores,
          weight: members.map { aggregateWeights[$0] ?? .nan })
      }
      node(
        "Index", members: subIndices, values: scores,
        weight: subIndices.map { aggregateWeights[$0] ?? .nan })
      return scores
    }
  }
}

/// The distinct values in order of first appearance.
private func unique(_ values: [String]) -> [String] {
  var seen: Set<String> = []
  return values.filter { seen.insert($0).inserted }
}

extension Stages {
  /// A CSV file as a header and rows of strings.
  struct CSVTable {
    var header: [String]
    var rows: [[String]]

    init(_ text: String) {
      let lines = text.split(whereSeparator: \.isNewline).map(splitFields)
      header = lines.first ?? []
      rows = Array(lines.dropFirst())
    }

    func strings(_ name: String) -> [String] {
      guard let c = header.firstIndex(of: name) else { return [] }
      return rows.map { c < $0.count ? $0[c] : "" }
    }

    /// A numeric column; empty cells are missing (NaN).
    func column(_ name: String) -> [Double] {
      strings(name).map { Double($0) ?? .nan }
    }
  }
}

/// Splits one CSV line on commas outside double quotes.
private func splitFields(_ line: Substring) -> [String] {
  var fields: [String] = []
  var field = ""
  var quoted = false
  for character in line {
    switch character {
    case "\"": quoted.toggle()
    case "," where !quoted:
      fields.append(field)
      field = ""
    default: field.append(character)
    }
  }
  fields.append(field)
  return fields
}
