import Diagnostics
import Testing

@testable import ScoringEngine

/// Loads CSV text as `data.csv`.
private func load(_ text: String, _ options: TableOptions) -> TableLoad {
  loadTable(SourceFile(path: "data.csv", text: text), options: options)
}

/// The diagnostics of a load with the given code, in file order.
private func diagnostics(_ load: TableLoad, _ code: String) -> [Diagnostic] {
  load.diagnostics.filter { $0.code == code }
}

/// The only diagnostic of a load, which must have the given code.
private func only(_ load: TableLoad, _ code: String) throws -> Diagnostic {
  #expect(load.diagnostics.map(\.code) == [code])
  return try #require(load.diagnostics.first)
}

private let panel = TableOptions(keyColumn: "iso", periodColumn: "year")

@Suite struct TableLoaderDiagnosticsTests {
  @Test func strictUTF8() throws {
    var options = panel
    options.encoding = .utf8
    let bytes = Array("iso,year,x\nC".utf8) + [0xF4] + Array("te,2020,1\n".utf8)
    let result = loadTable(SourceFile(path: "data.csv", bytes: bytes), options: options)
    let error = try only(result, "E0401")
    #expect(error.primary?.span.location == "data.csv:2:2")
    #expect(error.message == "data file is not valid UTF-8")
    #expect(result.table?.entities.count == 1)
  }

  @Test func emptyFile() throws {
    for text in ["", "\n\n", "\r\n"] {
      let result = load(text, panel)
      let error = try only(result, "E0402")
      #expect(error.message == "data file is empty")
      #expect(error.primary?.span.location == "data.csv:1:1")
      #expect(result.table == nil)
    }
  }

  @Test func headerOnly() throws {
    let result = load("iso,year,x\n", panel)
    let warning = try only(result, "W0402")
    #expect(warning.severity == .warning)
    #expect(warning.primary?.span.location == "data.csv:1:1")
    let table = try #require(result.table)
    #expect(table.entities.isEmpty)
    #expect(table.variables == ["x"])
  }

  @Test func unclosedQuote() throws {
    let result = load("iso,year,x\nA,2020,\"1\nB,2020,2\n", panel)
    let error = try only(result, "E0403")
    #expect(error.primary?.span.location == "data.csv:2:8")
    #expect(error.message == "quoted field is never closed")
    #expect(result.table?.value(variable: "x", entity: "B", period: 2020) == 2)
  }

  @Test func raggedRows() throws {
    let result = load("iso,year,x\nA,2020,1,9\nB,2020\nC,2020,3\n", panel)
    let errors = diagnostics(result, "E0404")
    #expect(errors.count == 2)
    #expect(errors.map { $0.primary?.span.location } == ["data.csv:2:10", "data.csv:3:7"])
    #expect(
      errors.map(\.message) == [
        "row has 4 fields, but the header has 3", "row has 2 fields, but the header has 3",
      ])
    #expect(
      errors.map { $0.primary?.message } == ["1 extra field from here", "row ends after 2 fields"])
    #expect(result.table?.entities.map(\.code) == ["C"])
  }

  @Test func raggedRowRendersLikeRustc() throws {
    let error = try only(load("iso,year,x\nA,2020,1,9\n", panel), "E0404")
    let expected = """
      error[E0404]: row has 4 fields, but the header has 3
       --> data.csv:2:10
        |
      2 | A,2020,1,9
        |          ^ 1 extra field from here
        |
        = note: the row was skipped
        = help: a field that contains the delimiter must be quoted, as in `"Korea, Republic of"`

      """
    #expect(DiagnosticRenderer().render(error) == expected)
  }

  @Test func manyBadRowsAreCapped() throws {
    let rows = (1...8).map { "R\($0),2020\n" }.joined()
    let errors = diagnostics(load("iso,year,x\n" + rows, panel), "E0404")
    #expect(errors.count == 5)
    #expect(errors.last?.notes.last == "and 3 more rows with the wrong number of fields")
  }

  @Test func duplicateColumn() throws {
    let result = load("iso,x,x\nA,1,2\n", TableOptions(keyColumn: "iso"))
    let error = try only(result, "E0405")
    #expect(error.message == "column `x` appears twice in the header")
    #expect(error.primary?.span.location == "data.csv:1:7")
    #expect(error.secondary.first?.span.location == "data.csv:1:5")
    #expect(result.table?.columns == [[1]])
  }

  @Test func unnamedColumn() throws {
    let result = load("iso,,x\nA,1,2\n", TableOptions(keyColumn: "iso"))
    let warning = try only(result, "W0403")
    #expect(warning.message == "column 2 has no name, so it is skipped")
    #expect(warning.primary?.span.location == "data.csv:1:5")
    #expect(result.table?.variables == ["x"])
  }

  @Test func missingKeyColumn() throws {
    let result = load("iso3,year,x\nA,2020,1\n", panel)
    let error = try only(result, "E0406")
    #expect(error.message == "key column `iso` is not in the file")
    #expect(error.primary?.span.location == "data.csv:1:1")
    #expect(error.help == ["did you mean `iso3`?"])
    #expect(error.notes == ["the columns are `iso3`, `year`, `x`"])
    #expect(result.table == nil)
  }

  @Test func missingPeriodColumn() throws {
    let result = load(
      "iso,year,x\nA,2020,1\n", TableOptions(keyColumn: "iso", periodColumn: "yaer"))
    let error = try only(result, "E0407")
    #expect(error.message == "period column `yaer` is not in the file")
    #expect(error.help == ["did you mean `year`?"])
    #expect(result.table == nil)
  }

  @Test func missingNameAndGroupColumns() throws {
    var options = panel
    options.nameColumn = "nom"
    options.groupColumns = ["regoin"]
    let result = load("iso,year,name,region,x\nA,2020,Alpha,Europe,1\n", options)
    let errors = diagnostics(result, "E0408")
    #expect(
      errors.map(\.message) == [
        "name column `nom` is not in the file", "group column `regoin` is not in the file",
      ])
    #expect(errors.last?.help == ["did you mean `region`?"])
    #expect(result.table?.variables == ["x"])
  }

  @Test func missingVariable() throws {
    var options = panel
    options.variables = ["x", "yy"]
    let result = load("iso,year,x,y\nA,2020,1,2\n", options)
    let error = try only(result, "E0409")
    #expect(error.message == "variable `yy` is not in the file")
    #expect(error.help == ["did you mean `y`?"])
    #expect(result.table?.variables == ["x"])
  }

  @Test func missingVariableInWideAndLongLayouts() throws {
    let wide = TableOptions(
      keyColumn: "iso", layout: .wide(pattern: "{variable}_{period}"), variables: ["le", "hdi"])
    let wideError = try only(load("iso,le_2022,hid_2022\nA,1,2\n", wide), "E0409")
    #expect(wideError.help == ["did you mean `hid`?"])
    let long = TableOptions(
      keyColumn: "iso", layout: .long(variableColumn: "var", valueColumn: "val"),
      variables: ["x", "z"])
    let longError = try only(load("iso,var,val\nA,x,1\nA,y,2\n", long), "E0409")
    #expect(longError.primary?.span.location == "data.csv:1:5")
    #expect(longError.primary?.message == "no row has `z` in this column")
  }

  @Test func emptyKey() throws {
    let result = load("iso,year,x\n,2020,1\n,,\nB,2020,2\n", panel)
    let error = try only(result, "E0410")
    #expect(error.message == "row has no key")
    #expect(error.primary?.span.location == "data.csv:2:1")
    #expect(error.primary?.message == "`iso` is empty")
    #expect(result.table?.entities.map(\.code) == ["B"])
  }

  @Test func periodNotInteger() throws {
    let result = load("iso,year,x\nA,2020.5,1\nA,twenty,2\nA,2021,3\n", panel)
    let errors = diagnostics(result, "E0411")
    #expect(
      errors.map(\.message) == [
        "period `2020.5` is not a whole number", "period `twenty` is not a whole number",
      ])
    #expect(errors.map { $0.primary?.span.location } == ["data.csv:2:3", "data.csv:3:3"])
    #expect(result.table?.periods == [2021])
  }

  @Test func duplicateRow() throws {
    let result = load("iso,year,x\nA,2020,1\nB,2020,2\nA,2020,3\n", panel)
    let error = try only(result, "E0412")
    #expect(error.message == "`A` is given twice in period 2020")
    #expect(error.primary?.span.location == "data.csv:4:1")
    #expect(error.secondary.map(\.span.location) == ["data.csv:2:1"])
    #expect(result.table?.value(variable: "x", entity: "A", period: 2020) == 1)
  }

  @Test func duplicateRowWithoutPeriodsAndInLongLayout() throws {
    let single = try only(load("iso,x\nA,1\nA,2\n", TableOptions(keyColumn: "iso")), "E0412")
    #expect(single.message == "`A` is given twice")
    let long = TableOptions(
      keyColumn: "iso", layout: .long(variableColumn: "var", valueColumn: "val"),
      periodColumn: "year")
    let result = load("iso,year,var,val\nA,2020,x,1\nA,2020,y,2\nA,2020,x,3\n", long)
    let error = try only(result, "E0412")
    #expect(error.message == "`x` for `A` is given twice in period 2020")
    #expect(error.primary?.span.location == "data.csv:4:1")
    #expect(error.secondary.map(\.span.location) == ["data.csv:2:1"])
    #expect(result.table?.value(variable: "x", entity: "A", period: 2020) == 1)
  }

  @Test func notANumber() throws {
    let rows = ["A,1", "B,abc", "C,1e999", "D,x", "E,y", "F,z", "G,w", "H,v"]
    let result = load("iso,x\n" + rows.joined(separator: "\n"), TableOptions(keyColumn: "iso"))
    let errors = diagnostics(result, "E0413")
    #expect(errors.count == 5)
    #expect(errors.first?.message == "`abc` in column `x` is not a number")
    #expect(errors.first?.primary?.span.location == "data.csv:3:3")
    #expect(errors[1].primary?.message == "too large for a 64-bit number")
    #expect(errors.last?.notes == ["and 2 more cells in `x` that are not numbers"])
    #expect(result.table?.columns.first?.filter { !$0.isMissing } == [1])
  }

  @Test func textInARequestedVariableIsAnError() throws {
    var options = panel
    options.variables = ["region"]
    let result = load("iso,year,region\nA,2020,Europe\n", options)
    let error = try only(result, "E0413")
    #expect(error.primary?.span.text == "Europe")
  }

  @Test func notANumberInLongValues() throws {
    let long = TableOptions(keyColumn: "iso", layout: .long(variableColumn: "v", valueColumn: "n"))
    let error = try only(load("iso,v,n\nA,x,one\n", long), "E0413")
    #expect(error.message == "`one` in column `n` is not a number")
  }

  @Test func invalidPattern() throws {
    let options = TableOptions(keyColumn: "iso", layout: .wide(pattern: "{variable}_x"))
    let result = load("iso,le_x\nA,1\n", options)
    let error = try only(result, "E0414")
    #expect(error.message == "column pattern `{variable}_x` needs both `{variable}` and `{period}`")
    #expect(result.table == nil)
  }

  @Test func emptyVariableName() throws {
    let long = TableOptions(keyColumn: "iso", layout: .long(variableColumn: "v", valueColumn: "n"))
    let error = try only(load("iso,v,n\nA,,1\nA,x,2\n", long), "E0415")
    #expect(error.primary?.span.location == "data.csv:2:3")
  }

  @Test func duplicateWideColumn() throws {
    let options = TableOptions(keyColumn: "iso", layout: .wide(pattern: "{variable}_{period}"))
    let result = load("iso,le_2022,le_02022\nA,1,2\n", options)
    let error = try only(result, "E0416")
    #expect(error.message == "two columns give `le` for period 2022")
    #expect(error.primary?.span.location == "data.csv:1:13")
    #expect(result.table?.columns == [[1]])
  }

  @Test func invalidDelimiter() throws {
    var options = panel
    options.delimiter = UInt8(ascii: "\"")
    let result = load("iso,year\n", options)
    #expect(try only(result, "E0417").primary == nil)
    #expect(result.table == nil)
  }

  @Test func noNumericColumns() throws {
    let result = load("iso,year,region\nA,2020,Europe\n", panel)
    let warning = try only(result, "W0404")
    #expect(warning.message == "data file has no numeric columns")
    #expect(result.table?.entities.first?.groups == ["region": "Europe"])
  }

  @Test func patternMatchesNothing() throws {
    let options = TableOptions(keyColumn: "iso", layout: .wide(pattern: "{variable}_{period}"))
    let warning = try only(load("iso,le2022\nA,1\n", options), "W0405")
    #expect(warning.message == "no column matches the pattern `{variable}_{period}`")
  }

  @Test func diagnosticsAreSortedByPosition() {
    let result = load("iso,year,x\nA,2020,1,1\n,2020,1\nA,x,1\n", panel)
    #expect(result.diagnostics.map(\.code) == ["E0404", "E0410", "E0411"])
  }

  /// Random CSV-like bytes under every layout: the loader must neither crash nor point outside
  /// the file.
  @Test func survivesRandomInput() {
    var generator = SplitMix64(seed: 11)
    let alphabet: [UInt8] = Array("k,p,v,x1,\"\"\n\r 0.5e-NA".utf8) + [0xF4, 0xC3, 0xA9]
    let layouts: [TableOptions.Layout] = [
      .panel, .wide(pattern: "{variable}{period}"), .long(variableColumn: "v", valueColumn: "x"),
    ]
    for round in 0..<600 {
      let header = Array("k,p,v,x1,x2\n".utf8)
      let length = Int(generator.next() % 120)
      let body = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      var options = TableOptions(keyColumn: "k", layout: layouts[round % 3])
      options.periodColumn = round % 2 == 0 ? "p" : nil
      let file = SourceFile(path: "fuzz.csv", bytes: (round % 5 == 0 ? [] : header) + body)
      let result = loadTable(file, options: options)
      for diagnostic in result.diagnostics {
        for label in [diagnostic.primary].compactMap({ $0 }) + diagnostic.secondary {
          #expect(label.span.end <= result.source.bytes.count)
        }
      }
      if let table = result.table {
        for column in table.columns {
          #expect(column.count == table.entities.count * table.periods.count)
        }
      }
    }
  }
}
