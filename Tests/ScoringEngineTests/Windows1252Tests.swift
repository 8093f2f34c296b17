import Testing

@testable import Diagnostics
@testable import ScoringEngine

/// Windows-1252 files: detected when their bytes 0x80–0x9F are Windows-1252 punctuation, read
/// as it when `encoding: cp1252` says so, and never turned into invisible control characters.
@Suite struct Windows1252Tests {
  /// `name,x` then `O’Brien,1` and `a – b,2`, as Excel on Windows saves them (0x92, 0x96).
  static let bytes: [UInt8] =
    Array("name,x\nO".utf8) + [0x92] + Array("Brien,1\na ".utf8) + [0x96] + Array(" b,2\n".utf8)

  @Test func detectedFromItsPunctuationWithAWarning() throws {
    let decoded = decodeText(SourceFile(path: "w.csv", bytes: Self.bytes), as: .auto)
    #expect(String(decoding: decoded.source.bytes, as: UTF8.self) == "name,x\nO’Brien,1\na – b,2\n")
    let warning = try #require(decoded.diagnostics.first)
    #expect(warning.code == "W0406")
    #expect(warning.severity == .warning)
    #expect(warning.message == "data file is not valid UTF-8, so it was read as Windows-1252")
    #expect(warning.primary?.span.location == "w.csv:2:2")
    #expect(warning.primary?.span.text == "’")
    #expect(warning.primary?.message == "byte 0x92 read as `’`")
    #expect(
      warning.help == [
        "add `encoding: cp1252` to the data declaration to say so and silence this warning"
      ])
  }

  @Test func declaredEncodingReadsItSilently() {
    let decoded = decodeText(SourceFile(path: "w.csv", bytes: Self.bytes), as: .cp1252)
    #expect(String(decoding: decoded.source.bytes, as: UTF8.self) == "name,x\nO’Brien,1\na – b,2\n")
    #expect(decoded.diagnostics.isEmpty)
    // Every defined byte of 0x80–0x9F, and the Latin-1 range above, map as Windows-1252 does.
    let all = decodeText(
      SourceFile(path: "a", bytes: [0x80, 0x85, 0x8A, 0x9F, 0xE9, 0x81]), as: .cp1252)
    #expect(String(decoding: all.source.bytes, as: UTF8.self) == "€…ŠŸé\u{81}")
  }

  @Test func latin1StaysLatin1() throws {
    // No byte in 0x80–0x9F: Latin-1 (ô), as before.
    let latin = decodeText(SourceFile(path: "l.csv", bytes: Array("C".utf8) + [0xF4]), as: .auto)
    #expect(latin.diagnostics.first?.code == "W0401")
    // A byte Windows-1252 leaves undefined (0x81): not Windows-1252, so Latin-1.
    let undefined = decodeText(
      SourceFile(path: "u.csv", bytes: [0x41, 0x92, 0x81]), as: .auto)
    #expect(undefined.diagnostics.first?.code == "W0401")
  }

  @Test func loadedTableHasTheRightNames() throws {
    let load = loadTable(
      SourceFile(path: "w.csv", bytes: Self.bytes), options: TableOptions(keyColumn: "name"))
    let table = try #require(load.table)
    #expect(table.entities.map(\.code) == ["O’Brien", "a – b"])
    #expect(load.diagnostics.map(\.code) == ["W0406"])
  }

  @Test func utf8OnlyPointsToWindows1252() throws {
    let decoded = decodeText(SourceFile(path: "w.csv", bytes: Self.bytes), as: .utf8)
    let error = try #require(decoded.diagnostics.first)
    #expect(error.code == "E0401")
    #expect(error.notes == ["in Windows-1252 this byte would be `’`"])
    #expect(error.help.first?.contains("encoding: cp1252") == true)
  }
}
