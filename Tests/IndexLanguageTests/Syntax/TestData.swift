import Diagnostics
import Foundation

@testable import IndexLanguage

/// Finds and reads the files under `testdata/`, next to this source file.
enum TestData {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata")

  /// Whether golden files should be rewritten (`IDX_UPDATE_GOLDEN=1 swift test`); the run
  /// still fails, so an update is never mistaken for a pass.
  static let updating = ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] == "1"

  /// The names of the `.idx` files in a subfolder, sorted.
  static func files(in folder: String) -> [String] {
    let url = directory.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { $0.hasSuffix(".idx") }.sorted()
  }

  static func source(_ folder: String, _ name: String) throws -> SourceFile {
    let url = directory.appendingPathComponent(folder).appendingPathComponent(name)
    let data = try Data(contentsOf: url)
    return SourceFile(path: "\(folder)/\(name)", bytes: Array(data))
  }

  static func url(_ folder: String, _ name: String) -> URL {
    directory.appendingPathComponent(folder).appendingPathComponent(name)
  }
}

extension Diagnostic {
  /// `E0103 @ 3:5`, the form error expectations are written in.
  var shortForm: String {
    guard let primary else { return code }
    let (line, column) = primary.span.file.lineColumn(of: primary.span.start)
    return "\(code) @ \(line):\(column)"
  }
}
