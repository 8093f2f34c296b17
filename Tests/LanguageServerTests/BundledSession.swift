import Foundation
import IndexLanguage
import LanguageServer

/// A server over the repository's real files (the bundled methodologies and their data).
struct BundledSession {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  var server = LanguageServer(fileSystem: DiskFileSystem(), options: .init(debounce: 0.2))
  var clock = 0.0
  var nextID = 100

  static func uri(_ relative: String) -> String { "file://" + root + "/" + relative }

  static func text(_ relative: String) throws -> String {
    try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
  }

  init(capabilities: JSONValue = .object([:])) {
    _ = send(Session.request(1, "initialize", .object(["capabilities": capabilities])))
  }

  /// Sends a message; returns everything the server sends until the next one.
  mutating func send(_ message: JSONValue) -> [JSONValue] {
    clock += 1
    var out = server.receive(JSONWriter.bytes(message), now: clock)
    while true {
      let batch = server.publishDue(now: clock + 0.5)
      if batch.isEmpty { break }
      out += batch
    }
    return out
  }

  mutating func open(_ relative: String, text: String? = nil) throws -> [JSONValue] {
    let content = try text ?? Self.text(relative)
    return send(
      Session.notification(
        "textDocument/didOpen",
        .object([
          "textDocument": .object([
            "uri": .string(Self.uri(relative)), "languageId": "idx", "version": 1,
            "text": .string(content),
          ])
        ])))
  }

  /// A request's result (or error object), asserting exactly one answer with its id.
  mutating func request(_ method: String, _ params: JSONValue) -> JSONValue? {
    nextID += 1
    let answers = send(Session.request(nextID, method, params)).filter { $0["id"] != nil }
    guard answers.count == 1, answers[0]["id"]?.integer == nextID else { return nil }
    return answers[0]["result"] ?? answers[0]["error"]
  }

  mutating func at(
    _ method: String, _ relative: String, _ line: Int, _ character: Int,
    _ extra: [(String, JSONValue)] = []
  )
    -> JSONValue?
  {
    var params = JSONObject([
      ("textDocument", .object(["uri": .string(Self.uri(relative))])),
      ("position", Session.position(line, character)),
    ])
    for (key, value) in extra { params[key] = value }
    return request(method, .object(params))
  }

  /// A session with `path` open, and the position of `needle` in it (shifted by `offset`).
  static func opened(
    _ path: String, at needle: String, offset: Int = 0, capabilities: JSONValue = .object([:])
  )
    throws -> (BundledSession, Int, Int)
  {
    var session = BundledSession(capabilities: capabilities)
    let text = try Self.text(path)
    _ = try session.open(path)
    guard let (line, character) = find(needle, in: text, offset: offset) else {
      throw PositionNotFound(needle: needle)
    }
    return (session, line, character)
  }

  struct PositionNotFound: Error {
    var needle: String
  }

  /// The 0-based line and UTF-16 character of the first occurrence of `needle` in a file's text,
  /// shifted by `offset` characters.
  static func find(_ needle: String, in text: String, offset: Int = 0, occurrence: Int = 0) -> (
    Int, Int
  )? {
    var seen = 0
    for (number, line) in text.components(separatedBy: "\n").enumerated() {
      var search = line.startIndex
      while let range = line.range(of: needle, range: search..<line.endIndex) {
        if seen == occurrence {
          return (number, line[..<range.lowerBound].utf16.count + offset)
        }
        seen += 1
        search = range.upperBound
      }
    }
    return nil
  }
}
