import Diagnostics
import Testing

@testable import ScoringEngine

/// The header's column look-ups (each name hashed once, readable columns kept as flags) agree
/// with the straightforward definitions, and a wide file whose variables' columns are
/// interleaved is assembled as each column says.
@Suite struct HeaderColumnsTests {
  /// `column(_:)` is the first column with the name; `isReadable` is whether a column is the
  /// first with its name and has one, by `String` equality (canonically equal names are one
  /// name).
  @Test func lookUpsAgreeWithTheFirstIndexOfEachName() {
    let headers: [[String]] = [
      [],
      ["a"],
      ["", ""],
      ["a", "b", "a", "", "b", "c", ""],
      ["é", "e\u{301}", "E", "é"],
      (0..<300).map { "c\($0 % 97)" },
      (0..<50).map { $0 % 7 == 0 ? "" : "n\($0)" },
    ]
    for names in headers {
      let header = Header(names: names, fields: [], record: 0..<0)
      for (column, name) in names.enumerated() {
        let first = name.isEmpty ? nil : names.firstIndex(of: name)
        #expect(header.isReadable(column) == (first == column), "\(names) at \(column)")
        if !name.isEmpty { #expect(header.column(name) == first, "\(names): \(name)") }
      }
      #expect(header.column("nowhere") == nil)
      let readable = names.indices.filter {
        !names[$0].isEmpty && names.firstIndex(of: names[$0]) == $0
      }
      #expect(header.readableNames == readable.map { names[$0] })
    }
  }

  /// A wide file whose columns alternate between variables and periods, with an unnamed
  /// column: every cell lands where its column says, in column order.
  @Test func interleavedWideColumnsAssembleByVariable() throws {
    let options = TableOptions(keyColumn: "k", layout: .wide(pattern: "{variable}_{period}"))
    let text = "k,b_2021,a_2020,,b_2020,a_2021,c_2022\nX,1,2,9,3,4,6\nY,7,,9,8,10,12\n"
    let result = loadTable(SourceFile(path: "w.csv", text: text), options: options)
    #expect(result.diagnostics.map(\.code) == ["W0403"])
    let table = try #require(result.table)
    #expect(table.periods == [2020, 2021, 2022])
    #expect(table.variables == ["b", "a", "c"])
    let describe = { (value: Double) in value.isNaN ? "-" : "\(Int(value))" }
    #expect(table.columns[0].map(describe) == ["3", "8", "1", "7", "-", "-"])
    #expect(table.columns[1].map(describe) == ["2", "-", "4", "10", "-", "-"])
    #expect(table.columns[2].map(describe) == ["-", "-", "-", "-", "6", "12"])
  }

  /// A repeated name is reported at its second column, pointing at the first; an unnamed
  /// column is reported by its number.
  @Test func repeatedAndUnnamedColumnsAreReported() {
    let options = TableOptions(keyColumn: "k")
    let text = "k,x,,x,y\nA,1,2,3,4\n"
    let result = loadTable(SourceFile(path: "p.csv", text: text), options: options)
    let header = result.diagnostics.filter { $0.code == "E0405" || $0.code == "W0403" }
    #expect(header.map(\.code) == ["W0403", "E0405"])
    #expect(header.last?.primary?.span.start == 5)
    #expect(header.last?.message.contains("`x`") == true)
  }
}
