import Foundation
import Glibc
import IndexLanguage
import LanguageServer
import RobustnessCorpus
import ScoringEngine
import Testing

/// Nothing a client sends crashes the server or gets it to answer out of protocol: the
/// robustness suite's broken methodologies as edits, random messages, random positions.
@Suite struct ServerRobustnessTests {
  static let methods = [
    "textDocument/hover", "textDocument/definition", "textDocument/references",
    "textDocument/completion", "textDocument/documentSymbol", "textDocument/codeAction",
    "textDocument/formatting", "textDocument/prepareRename", "textDocument/rename",
  ]

  /// Every request gets exactly one answer with its id, a result or an error.
  static func checkAnswer(_ answers: [JSONValue], id: Int) -> Bool {
    let matching = answers.filter { $0["id"]?.integer == id }
    guard matching.count == 1 else { return false }
    return (matching[0]["result"] != nil) != (matching[0]["error"] != nil)
  }

  @Test func mutatedMethodologiesAsEditsNeverCrashTheServer() throws {
    var session = BundledSession()
    let names = ["hdi", "asem", "ai-capability"]
    var sources: [String: [UInt8]] = [:]
    for name in names {
      sources[name] = Array(try BundledSession.text("methodologies/\(name).idx").utf8)
      _ = try session.open("methodologies/\(name).idx")
    }
    var random = SplitMix64(seed: 20_261_129)
    var published = 0
    for iteration in 0..<600 {
      let name = names[iteration % names.count]
      var bytes = sources[name] ?? []
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = MutationCorpus.mutate(bytes, &random)
      }
      let uri = BundledSession.uri("methodologies/\(name).idx")
      let change: JSONValue
      if iteration % 2 == 0 {
        change = .object(["text": .string(String(decoding: bytes, as: UTF8.self))])
      } else {
        // An incremental edit at a random place, possibly past the end of the text.
        let line = Int.random(in: 0...300, using: &random)
        change = .object([
          "range": .object([
            "start": Session.position(line, Int.random(in: 0...120, using: &random)),
            "end": Session.position(
              line + Int.random(in: 0...3, using: &random), Int.random(in: 0...120, using: &random)),
          ]),
          "text": .string(
            String(
              decoding: MutationCorpus.fragments[
                Int.random(in: 0..<MutationCorpus.fragments.count, using: &random)], as: UTF8.self)),
        ])
      }
      let answers = session.send(
        Session.notification(
          "textDocument/didChange",
          .object([
            "textDocument": .object(["uri": .string(uri), "version": .integer(iteration + 2)]),
            "contentChanges": [change],
          ])))
      published += answers.filter { $0["method"] == "textDocument/publishDiagnostics" }.count
      let method = Self.methods[iteration % Self.methods.count]
      let position = Session.position(
        Int.random(in: 0...120, using: &random), Int.random(in: 0...60, using: &random))
      session.nextID += 1
      let id = session.nextID
      let request = Session.request(
        id, method,
        .object([
          "textDocument": .object(["uri": .string(uri)]), "position": position,
          "range": .object(["start": position, "end": position]), "newName": "renamed",
          "context": .object(["diagnostics": [], "includeDeclaration": true]),
        ]))
      #expect(Self.checkAnswer(session.send(request), id: id), "iteration \(iteration) \(method)")
    }
    #expect(published >= 600)
  }

  /// Random bytes and random JSON: each request answered once; nothing else is said.
  @Test func randomMessagesAreAnsweredWithErrors() {
    var server = LanguageServer(fileSystem: MemoryFileSystem())
    _ = server.receive(JSONWriter.bytes(Session.request(0, "initialize", .object([:]))))
    var random = SplitMix64(seed: 3)
    for iteration in 0..<2_000 {
      let bytes: [UInt8]
      switch iteration % 3 {
      case 0:
        bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        }
      case 1:
        let value = JSONTests.randomValue(&random, depth: 0)
        bytes = JSONWriter.bytes(value)
      default:
        // A request with a random method from the protocol and random parameters.
        let methods =
          Self.methods + ["workspace/symbol", "shutdownx", "textDocument/didOpen", "$/x"]
        let params = JSONTests.randomValue(&random, depth: 1)
        bytes = JSONWriter.bytes(
          Session.request(
            iteration, methods[Int.random(in: 0..<methods.count, using: &random)], params))
      }
      let answers = server.receive(bytes, now: Double(iteration))
      #expect(answers.count <= 1)
      for answer in answers {
        #expect(answer["jsonrpc"] == "2.0")
        #expect(answer["result"] != nil || answer["error"] != nil || answer["method"] != nil)
      }
      _ = server.publishDue(now: Double(iteration) + 1)
    }
  }

  /// Through real file descriptors: only framed protocol comes out, and `exit` ends the loop
  /// with 0 after `shutdown`.
  @Test func standardIOSpeaksOnlyProtocol() throws {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    #expect(pipe(&input) == 0 && pipe(&output) == 0)
    var messages: [UInt8] = []
    for message in [
      Session.request(1, "initialize", .object([:])),
      Session.notification(
        "textDocument/didOpen",
        .object([
          "textDocument": .object([
            "uri": "file:///x.idx", "languageId": "idx", "version": 1, "text": "index {",
          ])
        ])),
      Session.request(
        2, "textDocument/hover",
        .object([
          "textDocument": .object(["uri": "file:///x.idx"]), "position": Session.position(0, 1),
        ])),
      Session.request(3, "shutdown", nil),
      Session.notification("exit", nil),
    ] {
      messages += framed(JSONWriter.bytes(message))
    }
    messages += Array("Content-Length: 3\r\n\r\n{}}".utf8)
    let written = messages.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
    #expect(written == messages.count)
    close(input[1])
    var transport = StandardIOServer(
      server: LanguageServer(fileSystem: MemoryFileSystem()), input: input[0], output: output[1])
    #expect(transport.run() == 0)
    close(output[1])
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    close(input[0])
    close(output[0])
    var reader = MessageReader()
    reader.append(bytes)
    var frames: [JSONValue] = []
    while let frame = reader.next() {
      guard case .message(let body) = frame, case .success(let value) = JSONParser.parse(body)
      else {
        Issue.record("not a protocol message: \(frame)")
        continue
      }
      frames.append(value)
    }
    #expect(!reader.hasPartialMessage)
    #expect(frames.map { $0["id"]?.integer ?? -1 } == [1, -1, 2, 3])
    #expect(frames[1]["method"] == "textDocument/publishDiagnostics")
  }
}
