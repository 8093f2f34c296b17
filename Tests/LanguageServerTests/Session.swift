import Foundation
import IndexLanguage
import LanguageServer

/// A scripted client: sends messages to a server in-process and collects what it answers.
///
/// The clock advances one second per message, so diagnostics debounced after a change are due
/// (and collected) by the time the next message is sent.
struct Session {
  static let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata")
  /// Where the workspace files live in the in-memory file system.
  static let root = "/w"

  var server: LanguageServer
  var clock = 0.0
  let files: MemoryFileSystem

  /// A server over `testdata/workspace/`, served at `/w/`.
  init(debounce: Double = 0.2) throws {
    let files = MemoryFileSystem()
    let folder = Self.testdata.appendingPathComponent("workspace")
    var paths: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
      files.set(
        Self.root + "/" + name,
        bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
      if name.hasSuffix(".idx") { paths.append(Self.root + "/" + name) }
    }
    self.files = files
    let listed = paths
    server = LanguageServer(
      fileSystem: files, options: .init(debounce: debounce), listFiles: { _, _ in listed })
  }

  /// The text of a workspace file, for `didOpen`.
  func text(_ name: String) throws -> String {
    String(decoding: try files.read(Self.root + "/" + name), as: UTF8.self)
  }

  /// Sends one message (JSON text) and returns every message the server sends before the next.
  mutating func send(_ message: String) -> [String] {
    clock += 1
    var out = server.receive(Array(message.utf8), now: clock)
    while true {
      let batch = server.publishDue(now: clock + 0.5)
      if batch.isEmpty { break }
      out += batch
    }
    return out.map(JSONWriter.string)
  }

  mutating func send(_ message: JSONValue) -> [String] {
    send(JSONWriter.string(message))
  }

  /// `{"jsonrpc":"2.0","id":…,"method":…,"params":…}`.
  static func request(_ id: Int, _ method: String, _ params: JSONValue) -> JSONValue {
    .object(["jsonrpc": "2.0", "id": .integer(id), "method": .string(method), "params": params])
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }

  /// `didOpen` of a workspace file with `text` (its own text when nil).
  mutating func open(_ name: String, text: String? = nil) throws -> [String] {
    let content = try text ?? self.text(name)
    return send(
      Self.notification(
        "textDocument/didOpen",
        .object([
          "textDocument": .object([
            "uri": .string(Self.uri(name)), "languageId": "idx", "version": 1,
            "text": .string(content),
          ])
        ])))
  }

  static func uri(_ name: String) -> String { "file://" + root + "/" + name }

  static func position(_ line: Int, _ character: Int) -> JSONValue {
    .object(["line": .integer(line), "character": .integer(character)])
  }
}
