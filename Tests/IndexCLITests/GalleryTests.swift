import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// One bad file per diagnostic code and the exact text `idx check` renders for it.
///
/// `testdata/gallery/CODE.idx` must produce a diagnostic with that code; its rendering must
/// equal `CODE.txt`. Run with `IDX_UPDATE_GOLDEN=1` to rewrite the `.txt` files (the run still
/// fails, so an update is always looked at before it is committed).
@Suite struct GalleryTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata/gallery")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    // Cases are named by their code (`E0201.idx`); other files are inputs they share.
    return names.filter { name in
      name.hasSuffix(".idx") && name.count == 9
        && (name.hasPrefix("E") || name.hasPrefix("W"))
        && name.dropFirst().prefix(4).allSatisfy(\.isNumber)
    }.sorted()
  }

  /// Every file of the gallery folder, under `gallery/`, in memory.
  static func fileSystem() throws -> MemoryFileSystem {
    let files = MemoryFileSystem()
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    for name in names where name.hasSuffix(".idx") || name.hasSuffix(".csv") {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      files.set("gallery/" + name, bytes: Array(data))
    }
    return files
  }

  @Test func coversManyCodes() {
    #expect(Self.cases.count >= 25)
  }

  @Test(arguments: cases)
  func rendersItsDiagnostic(_ name: String) throws {
    let code = String(name.dropLast(4))
    let cli = CLI(context: .init(fileSystem: try Self.fileSystem(), color: false))
    // A case may need options, on a line `// args: …` (E0341 lowers the file limit).
    let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let arguments =
      source.split(separator: "\n").first { $0.hasPrefix("// args: ") }
      .map { $0.dropFirst("// args: ".count).split(separator: " ").map(String.init) } ?? []
    let outcome = cli.run(["check", "gallery/" + name] + arguments)
    #expect(outcome.stderr.contains("[\(code)]"), "\(name) gave:\n\(outcome.stderr)")
    #expect(outcome.code == (code.hasPrefix("W") ? 0 : 1))
    let expectedURL = Self.folder.appendingPathComponent(code + ".txt")
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try outcome.stderr.write(to: expectedURL, atomically: true, encoding: .utf8)
      Issue.record("updated \(code).txt: review it, then run again without IDX_UPDATE_GOLDEN")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(outcome.stderr == expected)
  }
}
