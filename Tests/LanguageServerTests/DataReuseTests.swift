import IndexLanguage
import Synchronization
import Testing

@testable import LanguageServer

/// An edit that leaves the data as it was compiles without reading the data files again; a
/// data file changed on disk is read again at the next edit.
@Suite struct DataReuseTests {
  /// Memory files that count the reads of each path.
  final class CountingFileSystem: FileSystem {
    let base: MemoryFileSystem
    private let counts = Mutex<[String: Int]>([:])

    init(_ base: MemoryFileSystem) { self.base = base }

    func reads(_ path: String) -> Int { counts.withLock { $0[path, default: 0] } }

    func read(_ path: String) throws(FileError) -> [UInt8] {
      counts.withLock { $0[path, default: 0] += 1 }
      return try base.read(path)
    }

    func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
      try base.writeAtomically(path, bytes: bytes)
    }

    func stamp(_ path: String) -> FileStamp? { base.stamp(path) }
  }

  static let methodology = """
    index e { period: 2025, members { papers } }
    data d = csv("data.csv") { key: code, period: year }
    indicator papers { value: d.papers / (d.flat - 1), normalize: minmax }

    """

  /// Opens or changes `/w/e.idx` to `text` and returns the codes of its evaluation warnings.
  static func warnings(
    _ server: inout LanguageServer, text: String, version: Int, now: Double
  ) -> [JSONValue?] {
    let document: JSONValue =
      version == 1
      ? .object([
        "uri": "file:///w/e.idx", "languageId": "idx", "version": 1, "text": .string(text),
      ])
      : .object(["uri": "file:///w/e.idx", "version": .integer(version)])
    let message =
      version == 1
      ? Session.notification("textDocument/didOpen", .object(["textDocument": document]))
      : Session.notification(
        "textDocument/didChange",
        .object(["textDocument": document, "contentChanges": [.object(["text": .string(text)])]]))
    _ = server.receive(JSONWriter.bytes(message), now: now)
    let checked = server.publishDue(now: now)
    #expect(checked.first?["params"]?["diagnostics"] == [])
    let evaluated = server.publishDue(now: now)
    return (evaluated.first?["params"]?["diagnostics"]?.array ?? []).map { $0["code"] }
  }

  @Test func unchangedDataIsReadOnceAndChangedDataAgain() {
    let memory = MemoryFileSystem([
      "/w/data.csv": "code,year,papers,flat\nUS,2025,1,1\nCN,2025,2,1\n",
      "/w/e.idx": Self.methodology,
    ])
    let files = CountingFileSystem(memory)
    var server = LanguageServer(fileSystem: files, options: .init(debounce: 0))
    _ = server.receive(JSONWriter.bytes(Session.request(1, "initialize", .object([:]))))
    #expect(Self.warnings(&server, text: Self.methodology, version: 1, now: 1) == ["W0420"])
    #expect(files.reads("/w/data.csv") == 1)
    // Two edits that move every line down: the data is reused, and the warning is the same.
    for version in 2...3 {
      let text = String(repeating: "// note\n", count: version) + Self.methodology
      #expect(
        Self.warnings(&server, text: text, version: version, now: Double(version)) == ["W0420"])
    }
    #expect(files.reads("/w/data.csv") == 1)
    // The file changes on disk: the next edit reads it again and sees no division by zero.
    memory.set("/w/data.csv", "code,year,papers,flat\nUS,2025,1,2\nCN,2025,2,2\n")
    #expect(Self.warnings(&server, text: Self.methodology, version: 4, now: 4) == [])
    #expect(files.reads("/w/data.csv") == 2)
  }
}
