import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The report in a real browser.
///
/// Headless Chromium loads the report of every bundled methodology (and ASEM with a value
/// budget so small that its pillars are fixed), and the test checks that the page reports no script error and makes no request beyond its own
/// file; that the page's scores equal the engine's (1e-9) before and after scripted slider
/// moves and a key press, for the weights the page then holds; that the fork text it offers
/// compiles and scores the same; that its bars are explain's terms; that printing hides the
/// controls; and that a screenshot is not blank. The slider response is measured in the page
/// and printed, not asserted.
///
/// Without Chromium the suite is skipped with a message; CI installs it (`.ci/run`).
@Suite(
  .serialized,
  .enabled(
    if: Chromium.executable != nil,
    "chromium is not installed (Debian: apt-get install chromium): browser tests skipped"))
struct BrowserTests {
  struct Case: CustomStringConvertible, Sendable {
    /// The methodology's path.
    var path: String
    var budget = 150_000
    var stem: String {
      String((path.split(separator: "/").last ?? "").dropLast(4))
    }
    var description: String { budget == 150_000 ? stem : "\(stem) (budget \(budget))" }
  }

  /// Every bundled methodology, ASEM with its pillars fixed by a small value budget, and test
  /// methodologies with every aggregation the page recomputes (and a Copeland node), negative
  /// values, coverage, min-max and relative final scaling, and a Copeland index (no sliders).
  static let cases =
    Support.bundled.map { Case(path: Support.methodology($0)) }
    + [
      Case(path: Support.methodology("asem"), budget: 500),
      Case(path: Support.testdata.appendingPathComponent("aggregators/aggregators.idx").path),
      Case(path: Support.testdata.appendingPathComponent("aggregators/relative.idx").path),
      Case(
        path: Support.testdata.appendingPathComponent("aggregators/data-weights.idx").path),
      Case(path: Support.testdata.appendingPathComponent("aggregators/copeland-root.idx").path),
    ]

  /// Writes a page to a fresh temporary folder and returns its path.
  static func write(_ html: String, name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("idx-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try html.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test(arguments: cases)
  func reportWorksInChromium(_ test: Case) throws {
    let (plan, table) = try Support.compiled(test.path)
    let results = run(plan, on: table)
    let model = Support.model(results, budget: test.budget, source: "\(test.stem).idx")
    let html = HTMLReport(
      results: results, periods: results.periods, options: model.options
    ).render()
    let path = try Self.write(html, name: "\(test.stem).html")
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let browser = try Chromium()
    try browser.navigate("file://" + path)
    #expect(try browser.evaluate("window.idxReport ? idxReport.ready : false") as? Bool == true)
    let page = PageProbe(browser: browser, results: results, model: model)

    try page.expectEngineScores(plan: plan, table: table, label: "\(test) as loaded")
    try page.expectExplainedBars()

    let sliders = try page.sliders()
    try #require(!sliders.isEmpty || model.tree.nodes[0].role != .live, "no slider in \(test)")
    if let first = sliders.first {
      try page.move(group: first.group, member: first.member, to: 62.5)
      // The last member of every other group: each aggregation recomputed with new weights.
      for group in Set(sliders.map(\.group)).sorted() where group != first.group {
        if let last = sliders.last(where: { $0.group == group }) {
          try page.move(group: group, member: last.member, to: 30)
        }
      }
      if let second = sliders.first(where: { $0.group == first.group && $0.member == 1 }) {
        try page.move(group: second.group, member: second.member, to: 5)
      }
      try page.expectEngineScores(plan: plan, table: table, label: "\(test) after moves")
      try page.expectForkScoresTheSame(test.path, label: "\(test)")
      try page.expectExplainedBars()

      let before = try page.weights()
      try page.pressArrowRight(group: first.group, member: first.member)
      let after = try page.weights()
      let name = results.plan.nodes[model.tree.nodes[first.group].plan].name
      #expect(after[name] != before[name], "the arrow key moved no weight in \(test)")
      try page.expectEngineScores(plan: plan, table: table, label: "\(test) after a key press")

      let timing = try page.sliderTiming(group: first.group, member: first.member)
      print(
        "idx-report-timing: \(test) slider response in the page: median "
          + "\(String(format: "%.2f", timing.median)) ms, max \(String(format: "%.2f", timing.max)) "
          + "ms over \(timing.count) moves (recompute and redraw with layout; headless Chromium)")

      try browser.evaluate("document.querySelector('[data-role=reset]').click(), true")
      try page.expectEngineScores(plan: plan, table: table, label: "\(test) after reset")
    }

    try page.expectPrintHidesControls()
    try browser.evaluate("window.scrollTo(0, 0), true")
    let picture = try browser.screenshot()
    #expect(
      picture.width >= 1000 && picture.height >= 600,
      "screenshot \(picture.width)×\(picture.height)")
    #expect(
      picture.colours >= 16, "a blank-looking screenshot of \(test): \(picture.colours) colours")
    #expect(picture.inked >= 0.02, "a blank-looking screenshot of \(test): \(picture.inked) inked")
    if test.stem == "ai-capability", test.budget == 150_000,
      ProcessInfo.processInfo.environment["IDX_UPDATE_SCREENSHOT"] != nil
    {
      try picture.png.write(to: Support.repository.appendingPathComponent("docs/report-ai.png"))
    }

    #expect(browser.errors.isEmpty, "\(test): \(browser.errors)")
    let requests = browser.requests
    #expect(requests == ["file://" + path], "\(test) requested \(requests)")
    print("idx-browser-test: ran \(test)")
  }

  /// Reports with the comparison panel (`--vs`) work in the browser.
  ///
  /// The AI index against its soft fork, and the small test index against its fork: the
  /// page loads without a script error or a request,
  /// shows both charts, and its sliders still give the engine's scores.
  @Test(arguments: [
    ("ai-capability", Support.methodology("ai-capability"), Support.methodology("ai-soft")),
    (
      "small", Support.testdata.appendingPathComponent("small/small.idx").path,
      Support.testdata.appendingPathComponent("small/small-fork.idx").path
    ),
  ])
  func comparisonReportWorksInChromium(_ name: String, _ pathA: String, _ pathB: String) throws {
    let (plan, table) = try Support.compiled(pathA)
    let (otherPlan, otherTable) = try Support.compiled(pathB)
    let results = run(plan, on: table)
    let versus = ReportVersus(
      results: run(otherPlan, on: otherTable), table: otherTable, sourceName: "b.idx")
    let model = Support.model(results, source: "\(name).idx", table: table, versus: versus)
    let html = HTMLReport(
      results: results, periods: results.periods, options: model.options, table: table,
      versus: versus
    ).render()
    let path = try Self.write(html, name: "\(name)-vs.html")
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let browser = try Chromium()
    try browser.navigate("file://" + path)
    #expect(try browser.evaluate("window.idxReport ? idxReport.ready : false") as? Bool == true)
    let lines =
      try browser.evaluate(
        "document.querySelectorAll('#comparison-slope g.sl').length") as? Int
    #expect(lines == ComparisonPanel.slopeEntities(try #require(model.comparison)).count)
    let bars =
      try browser.evaluate(
        "document.querySelectorAll('#comparison-attribution g.row').length") as? Int
    #expect((bars ?? 0) > 0)
    let page = PageProbe(browser: browser, results: results, model: model)
    if let first = try page.sliders().first {
      try page.move(group: first.group, member: first.member, to: 40)
      try page.expectEngineScores(plan: plan, table: table, label: "\(name) --vs after a move")
    }
    #expect(browser.errors.isEmpty, "\(name) --vs: \(browser.errors)")
    #expect(browser.requests == ["file://" + path], "\(name) --vs requested \(browser.requests)")
    print("idx-browser-test: ran \(name) --vs")
  }

  /// Reports with the uncertainty panel work in the browser: the ASEM index under uncertainty
  /// and the AI index (500 draws each, the AI index with its sensitivity indices) load with
  /// no script error and no request, draw one rank interval per charted entity and the gap's
  /// bins, and the panel stays as written when a slider moves (it is static) while the
  /// scores still follow the engine.
  @Test(arguments: [("asem-uncertain", false), ("ai-capability", true)])
  func uncertaintyReportWorksInChromium(_ name: String, _ sensitivity: Bool) throws {
    let (plan, table, result) = try Support.uncertain(
      Support.methodology(name), draws: 500, sensitivity: sensitivity)
    let results = run(plan, on: table)
    let model = Support.model(results, source: "\(name).idx", table: table, uncertainty: result)
    let html = HTMLReport(
      results: results, periods: results.periods, options: model.options, table: table,
      uncertainty: result
    ).render()
    let path = try Self.write(html, name: "\(name)-uncertainty.html")
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let browser = try Chromium()
    try browser.navigate("file://" + path)
    #expect(try browser.evaluate("window.idxReport ? idxReport.ready : false") as? Bool == true)
    let figures = try #require(model.uncertainty)
    let rows =
      try browser.evaluate("document.querySelectorAll('#uncertainty-ranks g.ri').length") as? Int
    #expect(rows == figures.charted.count)
    let bins =
      try browser.evaluate("document.querySelectorAll('#uncertainty-gap rect').length") as? Int
    #expect(bins == figures.histogram?.counts.filter { $0 > 0 }.count)
    let sobolRows =
      try browser.evaluate("document.querySelectorAll('#uncertainty-sobol tbody tr').length")
      as? Int
    #expect(sobolRows == (sensitivity ? result.sensitivity?.gap?.count : 0))
    let panel = "document.getElementById('panel-uncertainty').innerHTML"
    let before = try browser.evaluate(panel) as? String
    let page = PageProbe(browser: browser, results: results, model: model)
    if let first = try page.sliders().first {
      try page.move(group: first.group, member: first.member, to: 40)
      try page.expectEngineScores(plan: plan, table: table, label: "\(name) after a move")
    }
    #expect(try browser.evaluate(panel) as? String == before, "the panel moved with a slider")
    try browser.evaluate("document.getElementById('panel-uncertainty').scrollIntoView(), true")
    let picture = try browser.screenshot()
    #expect(picture.colours >= 16 && picture.inked >= 0.02, "a blank-looking uncertainty panel")
    #expect(browser.errors.isEmpty, "\(name) with uncertainty: \(browser.errors)")
    #expect(browser.requests == ["file://" + path], "\(name) requested \(browser.requests)")
    print("idx-browser-test: ran \(name) with the uncertainty panel")
  }

  /// The checks above can fail: a page that throws and requests is caught by both.
  @Test func requestLogAndErrorsCatchAMisbehavingPage() throws {
    let html = """
      <!doctype html><html><body><p>canary</p>
      <img src="http://127.0.0.1:9/canary.png" alt="">
      <script>fetch('https://127.0.0.1:9/canary.json').catch(function () {}); undefinedFunction();</script>
      </body></html>
      """
    let path = try Self.write(html, name: "canary.html")
    let browser = try Chromium()
    try browser.navigate("file://" + path)
    _ = try browser.evaluate(
      "new Promise(function (r) { setTimeout(function () { r(true); }, 300); })")
    #expect(browser.requests.contains("http://127.0.0.1:9/canary.png"))
    #expect(browser.requests.contains("https://127.0.0.1:9/canary.json"))
    #expect(browser.errors.contains { $0.contains("undefinedFunction") })
    print("idx-browser-test: ran canary")
  }

  /// The report's Content-Security-Policy blocks a request even if one slipped in: the
  /// browser starts it, refuses it for the policy, and logs the attempt as an error.
  @Test func policyBlocksARequestInTheReport() throws {
    let results = try Support.results("ai-capability")
    let html = HTMLReport(
      results: results, periods: results.periods,
      options: ReportOptions(sourceName: "ai-capability.idx", generator: "idx test")
    ).render()
    let injected = html.replacingOccurrences(
      of: "<main>", with: "<main><img src=\"http://127.0.0.1:9/blocked.png\" alt=\"\">")
    let path = try Self.write(injected, name: "blocked.html")
    let browser = try Chromium()
    try browser.navigate("file://" + path)
    let blocked = browser.blockedRequests
    #expect(blocked.contains { $0.url == "http://127.0.0.1:9/blocked.png" && $0.reason == "csp" })
    #expect(browser.errors.contains { $0.contains("Content Security Policy") })
    print("idx-browser-test: ran policy")
  }
}
