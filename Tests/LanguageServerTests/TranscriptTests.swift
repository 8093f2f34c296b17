import Foundation
import LanguageServer
import Testing

/// Scripted sessions against expected responses.
///
/// `testdata/NAME.transcript` holds the client's messages (`--> …`) and, after each, the
/// server's answers (`<-- …`), one JSON text a line; `#` lines are comments.
/// `IDX_UPDATE_GOLDEN=1` rewrites the answers (and fails).
@Suite struct TranscriptTests {
  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Session.testdata.path)) ?? []
    return names.filter { $0.hasSuffix(".transcript") }.sorted()
  }

  @Test func hasTranscripts() {
    #expect(Self.cases.count >= 2)
  }

  @Test(arguments: cases)
  func answersAsRecorded(_ name: String) throws {
    let url = Session.testdata.appendingPathComponent(name)
    let lines = try String(contentsOf: url, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    var session = try Session()
    var rewritten: [String] = []
    var expected: [String] = []
    var actual: [String] = []
    var step = ""
    func compare() {
      #expect(actual == expected, "after \(step)")
      expected = []
    }
    for line in lines {
      if line.hasPrefix("--> ") {
        compare()
        step = String(line.dropFirst(4))
        rewritten.append(String(line))
        actual = session.send(step)
        rewritten += actual.map { "<-- " + $0 }
      } else if line.hasPrefix("<-- ") {
        expected.append(String(line.dropFirst(4)))
      } else {
        rewritten.append(String(line))
      }
    }
    compare()
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try rewritten.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
      Issue.record("updated \(name): review it, then run again without IDX_UPDATE_GOLDEN")
    }
  }
}
