import Diagnostics
import ScoringEngine

// libFuzzer target for the CSV loader: each input is read as a panel (key = the first header
// field, period column `year`), as a wide table (`{variable}_{period}`) and as a long table.
// Built by benchmarks/fuzz/run.sh, never by `swift build`.
//
// Invariants: no crash; every diagnostic located inside the file; a table's columns hold one
// value per entity and period, and no value is infinite; at most 1 s of CPU per input.

/// The first field of the first line, unquoted: the key column.
func firstHeaderField(_ bytes: [UInt8]) -> String {
  var field: [UInt8] = []
  for byte in bytes {
    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ";") {
      break
    }
    if byte != UInt8(ascii: "\"") { field.append(byte) }
  }
  return String(decoding: field, as: UTF8.self)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  fuzzOne(data, size, check)
}

func check(_ input: [UInt8]) {
  let file = SourceFile(path: "fuzz.csv", bytes: input)
  let key = firstHeaderField(input)
  let layouts: [TableOptions] = [
    TableOptions(keyColumn: key, periodColumn: "year", groupColumns: []),
    TableOptions(keyColumn: key, layout: .wide(pattern: "{variable}_{period}"), encoding: .latin1),
    TableOptions(
      keyColumn: key, layout: .long(variableColumn: "variable", valueColumn: "value"),
      periodColumn: "year", encoding: .utf8),
  ]
  for options in layouts {
    let load = loadTable(file, options: options)
    checkLocations(load.diagnostics, in: "fuzz.csv")
    _ = DiagnosticRenderer().render(load.diagnostics)
    guard let table = load.table else { continue }
    let cells = table.entities.count * table.periods.count
    for column in table.columns {
      require(column.count == cells, "a column has \(column.count) values for \(cells) cells")
      require(!column.contains(where: \.isInfinite), "an infinite value was loaded")
    }
  }
}
