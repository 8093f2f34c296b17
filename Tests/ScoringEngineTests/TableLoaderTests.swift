import Diagnostics
import Foundation
import Testing

@testable import ScoringEngine

/// Loads CSV text as `data.csv`.
private func load(_ text: String, _ options: TableOptions) -> TableLoad {
  loadTable(SourceFile(path: "data.csv", text: text), options: options)
}

/// Loads one of the bundled UNDP files from `methodologies/data/hdi/`.
private func loadTestData(_ name: String, _ options: TableOptions) throws -> TableLoad {
  loadTable(try ReferenceData.file("hdi/" + name), options: options)
}

/// The only diagnostic of a load with the given code.
private func diagnostic(_ load: TableLoad, _ code: String) throws -> Diagnostic {
  let matching = load.diagnostics.filter { $0.code == code }
  #expect(matching.count == 1, "\(load.diagnostics.map(\.code))")
  return try #require(matching.first)
}

private let panel = TableOptions(keyColumn: "iso", periodColumn: "year")

@Suite struct TableLoaderTests {
  // MARK: Layouts

  @Test func readsAPanel() throws {
    let text = "iso,name,year,x,y\nA,Alpha,2021,1,2\nA,Alpha,2020,3,\nB,Beta,2021,5,6.5\n"
    var options = panel
    options.nameColumn = "name"
    let result = load(text, options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.entities.map(\.code) == ["A", "B"])
    #expect(table.entities.map(\.name) == ["Alpha", "Beta"])
    #expect(table.periods == [2020, 2021])
    #expect(table.variables == ["x", "y"])
    // Period-major: 2020 (A, B), then 2021 (A, B); cells never given are missing.
    #expect(table.columns[0].map(describe) == ["3", "-", "1", "5"])
    #expect(table.columns[1].map(describe) == ["-", "-", "2", "6.5"])
  }

  @Test func panelWithoutPeriodColumnUsesTheDefaultPeriod() throws {
    let options = TableOptions(keyColumn: "iso", defaultPeriod: 2025)
    let table = try #require(load("iso,x\nA,1\nB,2\n", options).table)
    #expect(table.periods == [2025])
    #expect(table.value(variable: "x", entity: "B", period: 2025) == 2)
  }

  @Test func readsOnlyTheVariablesAskedFor() throws {
    var options = panel
    options.variables = ["y", "x"]
    let result = load("iso,year,x,y,z\nA,1,1,2,oops\n", options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.variables == ["y", "x"])
    #expect(table.columns == [[2], [1]])
  }

  @Test func textColumnsBecomeGroups() throws {
    var options = panel
    options.groupColumns = ["region"]
    let text = "iso,year,region,code,x\nA,1,,Low,1\nA,2,Europe,NA,2\nB,1,Asia,High,\n"
    let result = load(text, options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.variables == ["x"])
    #expect(table.entities[0].groups == ["region": "Europe", "code": "Low"])
    #expect(table.entities[1].groups == ["region": "Asia", "code": "High"])
  }

  @Test func anAllMissingColumnIsNumeric() throws {
    let table = try #require(load("iso,year,x\nA,1,\nB,1,NA\n", panel).table)
    #expect(table.variables == ["x"])
    #expect(table.columns[0].allSatisfy { $0.isMissing })
  }

  @Test func readsAWideFile() throws {
    let options = TableOptions(keyColumn: "iso", layout: .wide(pattern: "{variable}_{period}"))
    let text = "iso,hdi_rank_2022,le_2021,le_2022,note\nA,1,60,61,x\nB,2,,71,y\n"
    let result = load(text, options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.periods == [2021, 2022])
    #expect(table.variables == ["hdi_rank", "le"])
    #expect(table.columns[0].map(describe) == ["-", "-", "1", "2"])
    #expect(table.columns[1].map(describe) == ["60", "-", "61", "71"])
  }

  @Test func widePatternsWithPeriodFirstOrNoSeparator() throws {
    let periodFirst = TableOptions(keyColumn: "k", layout: .wide(pattern: "y{period}.{variable}"))
    let first = try #require(load("k,y2020.gdp,y2021.gdp\nA,1,2\n", periodFirst).table)
    #expect(first.variables == ["gdp"])
    #expect(first.periods == [2020, 2021])
    let joined = TableOptions(keyColumn: "k", layout: .wide(pattern: "{variable}{period}"))
    let second = try #require(load("k,gdp2020,gdp2021\nA,1,2\n", joined).table)
    #expect(second.value(variable: "gdp", entity: "A", period: 2021) == 2)
  }

  @Test func readsALongFile() throws {
    let options = TableOptions(
      keyColumn: "iso", layout: .long(variableColumn: "var", valueColumn: "val"),
      periodColumn: "year")
    let text = "iso,year,var,val\nA,2020,x,1\nB,2021,y,2\nA,2021,x,..\nB,2020,x,4\n"
    let result = load(text, options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.variables == ["x", "y"])
    #expect(table.periods == [2020, 2021])
    #expect(table.columns[0].map(describe) == ["1", "4", "-", "-"])
    #expect(table.columns[1].map(describe) == ["-", "-", "-", "2"])
  }

  @Test func customMissingTokens() throws {
    var options = panel
    options.missingTokens = ["", " -999 "]
    let table = try #require(load("iso,year,x\nA,1,-999\nB,1,  -999\nC,1,-99\n", options).table)
    #expect(table.columns[0].map(describe) == ["-", "-", "-99"])
  }

  @Test func keyCodesAreNeverMissingTokens() throws {
    // Namibia's ISO 3166 code is NA.
    let table = try #require(load("iso,year,x\nNA,2020,1\n", panel).table)
    #expect(table.entities.map(\.code) == ["NA"])
  }

  @Test func readsBOMAndCRLFAndQuotes() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("iso,year,x\r\n\"A\",2020,\"1.5\"\r\n\"B, b\",2020,2\r\n".utf8)
    let result = loadTable(SourceFile(path: "b.csv", bytes: bytes), options: panel)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.entities.map(\.code) == ["A", "B, b"])
    #expect(table.columns == [[1.5, 2]])
  }

  @Test func semicolonDelimiter() throws {
    var options = panel
    options.delimiter = UInt8(ascii: ";")
    let table = try #require(load("iso;year;x\nA;2020;1.25\n", options).table)
    #expect(table.columns == [[1.25]])
  }

  // MARK: The reference files

  @Test func undpWideFileIsLatin1() throws {
    let options = TableOptions(
      keyColumn: "iso3", layout: .wide(pattern: "{variable}_{period}"), nameColumn: "country",
      groupColumns: ["region"])
    let result = try loadTestData("hdi-2022-undp-wide.csv", options)
    #expect(result.diagnostics.map(\.code) == ["W0401"])
    let warning = try diagnostic(result, "W0401")
    #expect(warning.primary?.span.text == "ô")
    #expect(warning.help.contains { $0.contains("encoding: latin1") })
    let table = try #require(result.table)
    #expect(table.entities.count == 195)
    #expect(table.periods == [2022])
    #expect(table.variables == ["hdi_rank", "le", "eys", "mys", "gnipc", "hdi"])
    let ivoryCoast = try #require(table.entityIndex("CIV"))
    #expect(table.entities[ivoryCoast].name == "Côte d'Ivoire")
    let turkey = try #require(table.entityIndex("TUR"))
    #expect(table.entities[turkey].name == "Türkiye")
    #expect(table.value(variable: "le", entity: "AFG", period: 2022) == 62.879)
    #expect(table.entities[0].groups["region"] == "SA")

    var declared = options
    declared.encoding = .latin1
    #expect(try loadTestData("hdi-2022-undp-wide.csv", declared).diagnostics.isEmpty)
  }

  @Test func hdiTimeSeriesPanel() throws {
    var options = panel
    options.keyColumn = "iso3"
    options.nameColumn = "country"
    let result = try loadTestData("hdi-timeseries.csv", options)
    #expect(result.diagnostics.isEmpty)
    let table = try #require(result.table)
    #expect(table.entities.count == 195)
    #expect(table.periods == Array(1990...2022))
    #expect(table.variables == ["le", "eys", "mys", "gnipc", "hdi"])
    #expect(table.value(variable: "le", entity: "AFG", period: 1990) == 45.967)
    #expect(table.value(variable: "hdi", entity: "AFG", period: 2022) == 0.462)
    #expect(table.value(variable: "hdi", entity: "MCO", period: 2022)?.isMissing == true)
    let hongKong = try #require(table.entityIndex("HKG"))
    #expect(table.entities[hongKong].name == "Hong Kong, China (SAR)")
  }
}

/// A cell as text, with `-` for missing, so expected columns read at a glance.
private func describe(_ value: Double) -> String {
  value.isMissing ? "-" : value == value.rounded() ? String(Int(value)) : String(value)
}
