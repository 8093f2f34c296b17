import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The report of every bundled methodology is one file that can reach nothing: no URL, no
/// attribute or rule that loads a resource, a policy that forbids every request, and one
/// script, allowed by its hash. (The browser test watches the request log as well.)
@Suite struct SelfContainedTests {
  static func report(_ name: String) throws -> String {
    let results = try Support.results(name)
    return HTMLReport(
      results: results, periods: results.periods,
      options: ReportOptions(sourceName: "\(name).idx", generator: "idx test")
    ).render()
  }

  @Test(arguments: Support.bundled)
  func fileNamesNoURLAndLoadsNothing(_ name: String) throws {
    let html = try Self.report(name)
    let lower = html.lowercased()
    for needle in ["http:", "https:", "ftp:", "ws://", "wss://", "//cdn", "data:", "file:"] {
      #expect(!lower.contains(needle), "\(name): contains \(needle)")
    }
    for needle in [
      " src=", " href=", "<link", "<img", "<iframe", "<object", "<embed", "<base", "<form",
      "url(", "@import", "@font-face", "<meta http-equiv=\"refresh\"",
    ] {
      #expect(!lower.contains(needle), "\(name): contains \(needle)")
    }
  }

  @Test(arguments: Support.bundled)
  func policyForbidsEveryRequestAndAllowsOnlyTheScript(_ name: String) throws {
    let html = try Self.report(name)
    let policy = "default-src 'none'; script-src '\(PageScript.hash)'; style-src 'unsafe-inline'"
    let head = try #require(html.range(of: "<style>"))
    let meta = try #require(html.range(of: policy), "\(name): no policy")
    #expect(meta.lowerBound < head.lowerBound, "the policy must come before anything it governs")
    #expect(html.components(separatedBy: "<script>").count == 2, "one executable script")
    #expect(html.contains("<script>" + PageScript.source + "</script>"))
  }

  /// The page holds no date, path or other varying text: same inputs, same bytes.
  @Test func sameInputsSameBytes() throws {
    #expect(try Self.report("ai-capability") == Self.report("ai-capability"))
  }
}
