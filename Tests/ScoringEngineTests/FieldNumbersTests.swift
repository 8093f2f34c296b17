import Testing

@testable import ScoringEngine

/// The loader's one-pass read of numeric fields (`CSVReader.nextRecord(into:numbers:…)`)
/// against the two-pass one it speeds up: the same fields, and for every field it reads, the
/// same bits as `NumberParser.parse` on the field's content and as `Double(String)`.
@Suite struct FieldNumbersTests {
  /// The loader's default missing tokens.
  static let missingTokens = ["", "NA", "..", "n/a"]

  /// What went differently when `cells` are read as rows of `perRow` fields both ways (the
  /// first ten, as text), and how many fields the one-pass read gave a value.
  static func compare(
    _ cells: [String], perRow: Int, missing: [String] = missingTokens, lineEnd: String = "\n"
  ) -> (mismatches: [String], read: Int) {
    var text = ""
    for (index, cell) in cells.enumerated() {
      text += cell
      text += (index + 1) % perRow == 0 ? lineEnd : ","
    }
    let tokens = MissingTokens(missing)
    let parser = NumberParser()
    var mismatches: [String] = []
    var read = 0
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      withCNumericLocale {
        var twoPass = CSVReader(buffer, delimiter: UInt8(ascii: ","))
        var onePass = CSVReader(buffer, delimiter: UInt8(ascii: ","))
        var expectedFields: [CSVField] = []
        var fields: [CSVField] = []
        var numbers: [Double] = []
        var cell = 0
        while let record = twoPass.nextRecord(into: &expectedFields) {
          let other = onePass.nextRecord(
            into: &fields, numbers: &numbers, parser: parser, missing: tokens)
          guard other == record, fields == expectedFields, numbers.count == fields.count else {
            mismatches.append("record \(record) read as \(String(describing: other))")
            return
          }
          for (field, number) in zip(fields, numbers) {
            defer { cell += 1 }
            guard number.bitPattern != CSVReader.unreadNumber.bitPattern else { continue }
            read += 1
            let source = cell < cells.count ? cells[cell] : "?"
            let full = twoPass.withContent(field) { content -> Double? in
              tokens.matches(content) ? .nan : parser.parse(content)
            }
            if full?.bitPattern != number.bitPattern
              || Double(source)?.bitPattern
                != number.bitPattern
            {
              mismatches.append("\(source): \(number) read, \(String(describing: full)) parsed")
              if mismatches.count == 10 { return }
            }
          }
        }
        if onePass.nextRecord(
          into: &fields, numbers: &numbers, parser: parser, missing: tokens)
          != nil
        {
          mismatches.append("the one-pass read has records left")
        }
      }
    }
    return (mismatches, read)
  }

  /// A random cell: mostly decimals of every length (up to 25 digits, so some need
  /// `strtod`), with signs, leading zeros, a point at either end, exponents; some text.
  static func randomCell(_ random: inout SplitMix64) -> String {
    let digit = { (random: inout SplitMix64) in String(random.next() % 10) }
    switch random.next() % 10 {
    case 0:
      let pick = Int(random.next() % UInt64(edgeCases.count))
      return edgeCases[pick]
    case 1:
      // Long mantissas: 15 to 25 digits, around the 19-digit and 2⁵³ limits.
      let count = 15 + Int(random.next() % 11)
      var text = (0..<count).map { _ in digit(&random) }.joined()
      if random.next() % 2 == 0 {
        let point = Int(random.next() % UInt64(count))
        text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      }
      return text
    default:
      var text = ["", "", "", "-", "+"][Int(random.next() % 5)]
      text += String(repeating: "0", count: random.next() % 6 == 0 ? 2 : 0)
      let integer = Int(random.next() % 7)
      text += (0..<integer).map { _ in digit(&random) }.joined()
      if random.next() % 4 != 0 {
        text += "."
        text += (0..<Int(random.next() % 10)).map { _ in digit(&random) }.joined()
      }
      if random.next() % 20 == 0 { text += "e\(Int(random.next() % 60) - 30)" }
      return text
    }
  }

  /// Cells at the edges of the grammar and of the fast path.
  static let edgeCases = [
    "0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "+.5", "-.", ".", "+", "-", "", "NA", "n/a",
    "..", " 1.5", "1.5 ", "\"2.5\"", "\" 3 \"", "1e", "1e5", "1E-5", "007", "00.000", "0.00123",
    "9007199254740993", "9007199254740992.5", "1234567890123456789", "12345678901234567890",
    "0.1234567890123456789", "4.9e-324", "1e400", "abc", "1.2.3", "1-2", "12a", "--1", "1 2",
  ]

  @Test func randomCellsReadAsTheFullPathReadsThem() {
    var random = SplitMix64(seed: 11)
    var totalRead = 0
    for _ in 0..<10 {
      let cells = (0..<100_000).map { _ in Self.randomCell(&random) }
      let (mismatches, read) = Self.compare(cells, perRow: 50)
      #expect(mismatches == [])
      totalRead += read
    }
    // The fast path must actually be taken: most random cells are plain decimals.
    #expect(totalRead > 500_000)
  }

  @Test func scoreLikeCellsAreReadInOnePass() {
    var random = SplitMix64(seed: 12)
    let cells = (0..<200_000).map { _ -> String in
      let value = Double(random.next() % 100_000_000) / 1000
      return value.description
    }
    let (mismatches, read) = Self.compare(cells, perRow: 500, lineEnd: "\r\n")
    #expect(mismatches == [])
    #expect(read == cells.count)
  }

  @Test func edgeCasesInEveryPosition() {
    let cells = Self.edgeCases + Self.edgeCases.reversed() + ["1"]
    for perRow in [1, 2, 7, cells.count] {
      let (mismatches, _) = Self.compare(
        Array(cells.prefix(cells.count / perRow * perRow)), perRow: perRow)
      #expect(mismatches == [], "\(perRow) per row")
    }
  }

  /// A missing token that looks like a number is never read as one on the fast path.
  @Test func numericMissingTokensTakeTheFullPath() {
    let cells = ["-999", "1.5", "-999", "0", "12", "-9999"]
    let (mismatches, read) = Self.compare(cells, perRow: 3, missing: ["-999", "0"])
    #expect(mismatches == [])
    // "1.5", "12" and "-9999" are read on the way; the tokens are left to the full path.
    #expect(read == 3)
  }

  /// The last field of a file without a final line break, and a file that is one number.
  @Test func numbersAtTheEndOfTheInput() {
    for text in ["1.5", "1,2.25", "a,3.5\n4,5"] {
      let cells = text.split(separator: "\n").flatMap { $0.split(separator: ",") }.map(String.init)
      var expected: [Double?] = []
      let bytes = Array(text.utf8)
      var got: [Double] = []
      bytes.withUnsafeBufferPointer { buffer in
        var reader = CSVReader(buffer, delimiter: UInt8(ascii: ","))
        var fields: [CSVField] = []
        var numbers: [Double] = []
        while reader.nextRecord(
          into: &fields, numbers: &numbers, parser: NumberParser(),
          missing: MissingTokens(Self.missingTokens)) != nil
        {
          got += numbers
        }
      }
      for cell in cells { expected.append(Double(cell)) }
      let readBack = got.map { $0.bitPattern == CSVReader.unreadNumber.bitPattern ? nil : $0 }
      #expect(readBack == expected, "\(text)")
    }
  }
}
