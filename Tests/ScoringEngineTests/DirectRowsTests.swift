import Diagnostics
import Testing

@testable import ScoringEngine

/// The direct reader (`DirectRows.swift`) against `readRows`.
///
/// For every file, the same table bit for bit and the same diagnostics, whether it reads the
/// file in one part or several, or gives the file back to `readRows`; and its
/// eight-bytes-at-a-time number scan against the byte-at-a-time one.
@Suite struct DirectRowsTests {
  /// Loads `text` every way; what differed (empty when nothing did), and whether the direct
  /// reader kept the file (it gives it back at anything unusual).
  static func compare(_ text: String, _ options: TableOptions) -> (
    differences: [String], direct: Bool
  ) {
    let file = SourceFile(path: "data.csv", text: text)
    let expected = loadTable(file, options: options, directParts: 0)
    var differences: [String] = []
    var direct = false
    for parts in [1, 2, 3, 5] {
      let load = loadTable(file, options: options, directParts: parts, minimumPartBytes: 1)
      if load.diagnostics != expected.diagnostics {
        differences.append(
          "\(parts) parts: \(load.diagnostics.map(\.message)) against "
            + "\(expected.diagnostics.map(\.message))")
      }
      if let difference = Self.difference(load.table, expected.table) {
        differences.append("\(parts) parts: \(difference)")
      }
    }
    // Whether the shortcut was taken: a loader that reads directly and fails leaves no trace
    // but its time, so ask the reader itself.
    direct = Self.readsDirectly(file, options)
    return (differences, direct)
  }

  /// Whether the direct reader keeps this file (in one part).
  static func readsDirectly(_ file: SourceFile, _ options: TableOptions) -> Bool {
    let decoded = decodeText(file, as: options.encoding)
    return decoded.source.bytes.withUnsafeBufferPointer { bytes in
      withCNumericLocale {
        var loader = TableLoader(source: decoded.source, bytes: bytes, options: options)
        guard let header = loader.readHeader(), let roles = loader.resolveRoles(header) else {
          return false
        }
        var columns = header.names.indices.filter {
          header.isReadable($0) && !roles.isText($0)
        }.enumerated().map {
          NumberColumn(column: $1, variable: $0, period: nil, mayBeText: true)
        }
        return loader.readRowsDirectly(header, roles, &columns, oneRowPerPeriod: true) != nil
      }
    }
  }

  /// How two tables differ, or nil when they hold the same entities, periods, variables and
  /// bits.
  static func difference(_ table: DataTable?, _ expected: DataTable?) -> String? {
    guard let table, let expected else {
      return table == nil && expected == nil ? nil : "one table is missing"
    }
    if table.entities != expected.entities { return "entities differ" }
    if table.periods != expected.periods { return "periods \(table.periods) \(expected.periods)" }
    if table.variables != expected.variables { return "variables differ" }
    for (v, (column, wanted)) in zip(table.columns, expected.columns).enumerated()
    where column.map(\.bitPattern) != wanted.map(\.bitPattern) {
      return "column \(table.variables[v]): \(column.prefix(8)) against \(wanted.prefix(8))"
    }
    return nil
  }

  /// A file of `rows` rows of `columns` random cells (`FieldNumbersTests.randomCell`) after a
  /// key, with `dirt` in a hundred of the rows when given.
  static func randomFile(
    rows: Int, columns: Int, _ random: inout SplitMix64, cell: (inout SplitMix64) -> String,
    lineEnd: String = "\n"
  ) -> String {
    var text = "key," + (0..<columns).map { "v\($0)" }.joined(separator: ",") + lineEnd
    for row in 0..<rows {
      text += "E\(row)"
      for _ in 0..<columns { text += "," + cell(&random) }
      text += lineEnd
    }
    return text
  }

  /// `text` with its first `target` replaced.
  static func replacingFirst(_ target: Character, with replacement: String, in text: String)
    -> String
  {
    guard let found = text.firstIndex(of: target) else { return text }
    return text[..<found] + replacement + text[text.index(after: found)...]
  }

  /// A plain decimal of up to `digits` digits on each side of the point, with a sign now
  /// and then: what the direct reader reads without help.
  static func plainCell(_ random: inout SplitMix64, digits: Int = 7) -> String {
    let sign = ["", "", "", "-", "+"][Int(random.next() % 5)]
    let integer = (0..<Int(random.next() % UInt64(digits + 1))).map { _ in
      String(random.next() % 10)
    }.joined()
    let fraction = (0..<Int(random.next() % UInt64(digits + 1))).map { _ in
      String(random.next() % 10)
    }.joined()
    if integer.isEmpty && fraction.isEmpty { return sign + "0" }
    if integer.isEmpty { return sign + "." + fraction }
    return sign + integer + (random.next() % 3 == 0 ? "" : "." + fraction)
  }

  @Test func cleanFilesAreReadDirectlyAndAlike() {
    var random = SplitMix64(seed: 21)
    for (rows, columns) in [(1, 1), (3, 40), (200, 7), (1_000, 30)] {
      for lineEnd in ["\n", "\r\n"] {
        let text = Self.randomFile(
          rows: rows, columns: columns, &random, cell: { Self.plainCell(&$0) }, lineEnd: lineEnd)
        let (differences, direct) = Self.compare(text, TableOptions(keyColumn: "key"))
        #expect(differences == [], "\(rows) × \(columns)")
        #expect(direct, "\(rows) × \(columns) was given back")
      }
    }
  }

  @Test func missingTokensAndLongNumbersAreReadDirectly() {
    var random = SplitMix64(seed: 22)
    let text = Self.randomFile(rows: 300, columns: 20, &random) { random in
      switch random.next() % 8 {
      case 0: return ["", "NA", "..", "n/a"][Int(random.next() % 4)]
      case 1: return Self.plainCell(&random, digits: 12)
      case 2: return "1e\(Int(random.next() % 40) - 20)"
      default: return Self.plainCell(&random)
      }
    }
    let (differences, direct) = Self.compare(text, TableOptions(keyColumn: "key"))
    #expect(differences == [])
    #expect(direct)
  }

  @Test func randomAndHostileFilesLoadAlike() {
    var random = SplitMix64(seed: 23)
    var givenBack = 0
    for trial in 0..<60 {
      var text = Self.randomFile(rows: 40, columns: 9, &random) { random in
        trial % 2 == 1 && random.next() % 3 == 0
          ? FieldNumbersTests.randomCell(&random) : Self.plainCell(&random)
      }
      // Damage a few files the ways real files are damaged.
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      switch trial % 10 {
      case 0: lines[5] += ",extra"
      case 1: lines[7] = "E3" + lines[7].drop { $0 != "," }
      case 2: lines[9] = String(lines[9].drop { $0 != "," })
      case 3: lines.insert("", at: 12)
      case 4: lines[3] = "\"E2 quoted\"" + lines[3].drop { $0 != "," }
      case 5: lines[6] = Self.replacingFirst(",", with: ",\"", in: lines[6])
      case 6: lines[4] = Self.replacingFirst(",", with: ", ", in: lines[4])
      case 7: lines[8] = lines[8] + "\r"
      default: break
      }
      text = lines.joined(separator: "\n")
      var options = TableOptions(keyColumn: "key")
      if trial % 4 == 1 { options.variables = ["v3", "v1", "v8"] }
      if trial % 6 == 2 { options.missingTokens = ["-999", "NA", ""] }
      let (differences, direct) = Self.compare(text, options)
      #expect(differences == [], "trial \(trial)")
      if !direct { givenBack += 1 }
    }
    // Odd trials have text or exponents in a third of their cells: those, and the damaged
    // files, go back to `readRows`; the clean even ones do not.
    #expect(givenBack > 0)
    #expect(givenBack < 60)
  }

  @Test func periodsNamesAndGroupsAreReadDirectly() {
    var random = SplitMix64(seed: 24)
    var text = "iso,name,year,region,x,y\n"
    for row in 0..<500 {
      let cells = (0..<2).map { _ in Self.plainCell(&random) }
      text +=
        "C\(row / 5),Country \(row / 5),\(2000 + row % 5),R\(row % 3),\(cells[0]),\(cells[1])\n"
    }
    var options = TableOptions(keyColumn: "iso", periodColumn: "year")
    options.nameColumn = "name"
    options.groupColumns = ["region"]
    let (differences, _) = Self.compare(text, options)
    #expect(differences == [])
    let repeated = text + "C3,Country 3,2001,R0,1,2\n"
    #expect(Self.compare(repeated, options).differences == [])
    var wide = TableOptions(keyColumn: "iso", layout: .wide(pattern: "{variable}_{period}"))
    wide.nameColumn = "name"
    let wideText = "iso,name,x_2020,x_2021,y_2020\nA,Alpha,1.5,2.5,NA\nB,Beta,3,4,5.25\n"
    #expect(Self.compare(wideText, wide).differences == [])
  }

  /// Plain decimals with up to seven digits on each side fill every case of the word scan.
  @Test func wordScanReadsWhatTheByteScanReads() {
    var random = SplitMix64(seed: 25)
    let parser = NumberParser()
    let alphabet = Array("0123456789012345678901234567890123456789.-+e,\n\r x".utf8)
    var accepted = 0
    var tried = 0
    for trial in 0..<1_000_000 {
      var bytes: [UInt8]
      if trial % 2 == 0 {
        bytes = Array(Self.plainCell(&random, digits: 9).utf8)
      } else {
        bytes = (0..<Int(random.next() % 20)).map { _ in
          alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
      }
      bytes.append([UInt8(ascii: ","), UInt8(ascii: "\n")][Int(random.next() % 2)])
      bytes += [UInt8](repeating: UInt8(ascii: "7"), count: NumberParser.wordScanReach)
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        tried += 1
        guard let (end, value) = parser.scanShortNumber(base, from: 0) else { return }
        accepted += 1
        let (plainEnd, plainValue) = parser.scanPlainNumber(base, from: 0, to: buffer.count)
        #expect(
          end == plainEnd && value.bitPattern == plainValue?.bitPattern,
          "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
      }
    }
    #expect(accepted > tried / 3)
  }

  @Test func wordScanTakesEveryShortPlainDecimal() {
    let parser = NumberParser()
    var random = SplitMix64(seed: 26)
    for _ in 0..<200_000 {
      let text = Self.plainCell(&random)
      var bytes = Array(text.utf8) + [UInt8(ascii: ",")]
      bytes += [UInt8](repeating: 0, count: NumberParser.wordScanReach)
      let result = bytes.withUnsafeBufferPointer {
        parser.scanShortNumber($0.baseAddress!, from: 0)
      }
      #expect(result?.end == text.utf8.count, "\(text)")
      #expect(result?.value.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }

  @Test func eightDigitLanesAddUp() {
    var random = SplitMix64(seed: 27)
    for _ in 0..<100_000 {
      let digits = (0..<8).map { _ in UInt8(random.next() % 10) }
      var lanes: UInt64 = 0
      for (lane, digit) in digits.enumerated() { lanes |= UInt64(digit) << (8 * UInt64(lane)) }
      let expected = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
      #expect(NumberParser.eightDigitsValue(lanes) == expected)
    }
  }
}
