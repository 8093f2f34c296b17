import Foundation
import Testing

@testable import Diagnostics
@testable import ScoringEngine

/// Reads the reference data bundled in `methodologies/data/`.
enum ReferenceData {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func file(_ relative: String) throws -> SourceFile {
    let url = root.appendingPathComponent("methodologies/data/" + relative)
    let data = try Data(contentsOf: url)
    return SourceFile(path: "methodologies/data/" + relative, bytes: Array(data))
  }

  static func table(_ relative: String, _ options: TableOptions) throws -> DataTable {
    let load = loadTable(try file(relative), options: options)
    let errors = load.diagnostics.filter(\.isError)
    #expect(errors.isEmpty, "\(errors.map(\.message))")
    return try #require(load.table)
  }
}
