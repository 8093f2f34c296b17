import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// Reads and drives one loaded report through `window.idxReport` and its controls, and
/// compares what the page computed with the engine.
struct PageProbe {
  let browser: Chromium
  let results: Results
  let model: ReportModel

  struct Slider {
    var group: Int
    var member: Int
  }

  /// The page's sliders, in document order.
  func sliders() throws -> [Slider] {
    let value = try browser.evaluate(
      "Array.from(document.querySelectorAll('input[type=range][data-t]'), "
        + "function (s) { return [+s.dataset.t, +s.dataset.i]; })")
    return (value as? [[Int]] ?? []).map { Slider(group: $0[0], member: $0[1]) }
  }

  /// Sets a slider to a share (percent) as a user's drag would, with an `input` event.
  func move(group: Int, member: Int, to percent: Double) throws {
    try browser.evaluate(
      """
      (function () {
        const s = document.querySelector('input[data-t="\(group)"][data-i="\(member)"]');
        s.value = '\(percent)';
        s.dispatchEvent(new Event('input', { bubbles: true }));
        return true;
      })()
      """)
  }

  /// Focuses a slider and presses the right arrow key, as a keyboard user would.
  func pressArrowRight(group: Int, member: Int) throws {
    try browser.evaluate(
      "document.querySelector('input[data-t=\"\(group)\"][data-i=\"\(member)\"]').focus(), true")
    for type in ["keyDown", "keyUp"] {
      try browser.call(
        "Input.dispatchKeyEvent",
        [
          "type": type, "key": "ArrowRight", "code": "ArrowRight", "windowsVirtualKeyCode": 39,
          "nativeVirtualKeyCode": 39,
        ])
    }
  }

  /// The page's current weights by aggregate name.
  func weights() throws -> [String: [Double]] {
    let value = try browser.evaluate("idxReport.weights()") as? [String: [Any]] ?? [:]
    return value.mapValues { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
  }

  private static func numbers(_ value: Any?) -> [Double] {
    (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
  }

  /// The plan with the page's weights.
  func plan(_ plan: Plan, with weights: [String: [Double]]) throws -> Plan {
    var plan = plan
    for (name, values) in weights {
      let index = try #require(plan.nodeIndex(name), "the page names no node `\(name)`")
      let members = plan.nodes[index].aggregate?.members ?? []
      try #require(members.count == values.count, "`\(name)`: \(values.count) weights")
      for i in members.indices {
        if case .aggregate(var aggregate) = plan.nodes[index].kind {
          aggregate.members[i].weight = values[i]
          plan.nodes[index].kind = .aggregate(aggregate)
        }
      }
    }
    return plan
  }

  /// The page's final scores, ranks and live aggregates equal an engine run with the page's
  /// weights, within 1e-9 (ranks exactly, except between entities whose engine scores tie
  /// within 1e-9).
  func expectEngineScores(plan: Plan, table: DataTable, label: String) throws {
    let rerun = run(try self.plan(plan, with: try weights()), on: table)
    let scores = try browser.evaluate("idxReport.scores()") as? [String: Any] ?? [:]
    let final = Self.numbers(scores["final"])
    let ranks = (scores["ranks"] as? [Int]) ?? []
    let count = results.entityCount
    try #require(final.count == model.periods.count * count, "\(label): \(final.count) scores")
    var mismatches: [String] = []
    for (k, p) in model.periods.enumerated() {
      for e in 0..<count {
        let engine = rerun.index[rerun.cell(entity: e, period: p)]
        let shown = final[k * count + e]
        if !Self.same(shown, engine) {
          mismatches.append(
            "\(results.entities[e].code)@\(results.periods[p]): \(shown) vs \(engine)")
        }
        let rank = rerun.ranks[rerun.cell(entity: e, period: p)]
        if ranks[k * count + e] != rank {
          let tied = (0..<count).contains { other in
            other != e
              && Swift.abs(rerun.index[rerun.cell(entity: other, period: p)] - engine) <= 1e-9
          }
          if !tied {
            mismatches.append(
              "rank of \(results.entities[e].code): \(ranks[k * count + e]) vs \(rank)")
          }
        }
      }
    }
    let nodes = scores["nodes"] as? [String: Any] ?? [:]
    #expect(nodes.count == model.tree.nodes.filter { $0.role == .live }.count, "\(label)")
    for (name, values) in nodes {
      let shown = Self.numbers(values)
      let index = try #require(rerun.plan.nodeIndex(name))
      for (k, p) in model.periods.enumerated() {
        for e in 0..<count
        where !Self.same(
          shown[k * count + e], rerun.nodes[index].score[rerun.cell(entity: e, period: p)])
        {
          mismatches.append("\(name) of \(results.entities[e].code)@\(results.periods[p])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(label): \(mismatches.prefix(8))")
  }

  /// Both missing, or within 1e-9.
  static func same(_ a: Double, _ b: Double) -> Bool {
    (a.isNaN && b.isNaN) || Swift.abs(a - b) <= 1e-9
  }

  /// The fork text the page offers compiles next to the methodology and scores as the page.
  func expectForkScoresTheSame(_ methodology: String, label: String) throws {
    let text = try #require(try browser.evaluate("idxReport.fork()") as? String)
    let name = String(methodology.split(separator: "/").last ?? "")
    try #require(text.hasPrefix("extends \"\(name)\""), "\(label): \(text)")
    let memory = MemoryFileSystem()
    let path = String(methodology.dropLast(4)) + "-fork.idx"
    memory.set(path, text)
    let (plan, table) = try Support.compiled(path, fileSystem: OverlayFileSystem(memory: memory))
    let forked = run(plan, on: table)
    let scores = try browser.evaluate("idxReport.scores()") as? [String: Any] ?? [:]
    let final = Self.numbers(scores["final"])
    var mismatches: [String] = []
    for (k, p) in model.periods.enumerated() {
      for e in 0..<results.entityCount {
        let value = forked.index[forked.cell(entity: e, period: p)]
        if !Self.same(final[k * results.entityCount + e], value) {
          mismatches.append("\(results.entities[e].code)@\(results.periods[p])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(label): the fork scores differently: \(mismatches.prefix(8))")
  }

  /// Each ranking bar's parts, as the page sums them, equal explain's terms summed by segment
  /// (for the page's current weights, which must be the methodology's or reset).
  func expectExplainedBars() throws {
    let weights = try weights()
    guard weights == originalWeights() else { return try expectBarsAddUp() }
    let breakdown = Breakdown(model)
    for (k, p) in model.periods.enumerated().suffix(2) {
      for e in 0..<results.entityCount {
        let shown = Self.numbers(try browser.evaluate("idxReport.segments(\(e), \(k))"))
        let expected = breakdown.segmentSums(entity: e, period: p)
        #expect(shown.count == expected.count)
        for (a, b) in zip(shown, expected) where !Self.same(a, b) {
          Issue.record("bar of \(results.entities[e].code): \(shown) vs \(expected)")
          return
        }
      }
    }
  }

  /// With other weights: every bar's parts add up to the page's score.
  func expectBarsAddUp() throws {
    let scores = try browser.evaluate("idxReport.scores()") as? [String: Any] ?? [:]
    let final = Self.numbers(scores["final"])
    let k = model.periods.count - 1
    for e in 0..<results.entityCount {
      let parts = Self.numbers(try browser.evaluate("idxReport.segments(\(e), \(k))"))
      let score = final[k * results.entityCount + e]
      let sum = parts.reduce(0, +)
      #expect(
        score.isNaN ? sum == 0 : Swift.abs(sum - score) <= 1e-9, "bar of \(e): \(sum) vs \(score)")
    }
  }

  private func originalWeights() -> [String: [Double]] {
    var weights: [String: [Double]] = [:]
    for node in model.tree.nodes where !node.members.isEmpty {
      weights[results.plan.nodes[node.plan].name] = node.weights
    }
    return weights
  }

  /// Times slider moves in the page: each sets a value and dispatches `input` (recompute and
  /// redraw), then forces style and layout.
  func sliderTiming(group: Int, member: Int) throws -> (median: Double, max: Double, count: Int) {
    let value = try browser.evaluate(
      """
      (function () {
        const s = document.querySelector('input[data-t="\(group)"][data-i="\(member)"]');
        const times = [];
        for (let k = 0; k < 21; k++) {
          const start = performance.now();
          s.value = String(20 + (k % 5) * 12.5);
          s.dispatchEvent(new Event('input', { bubbles: true }));
          document.body.getBoundingClientRect();
          times.push(performance.now() - start);
        }
        return times.sort(function (a, b) { return a - b; });
      })()
      """)
    let times = Self.numbers(value)
    return (times.isEmpty ? .nan : times[times.count / 2], times.last ?? .nan, times.count)
  }

  /// Under print media, the weights and controls are hidden and the charts shown.
  func expectPrintHidesControls() throws {
    try browser.call("Emulation.setEmulatedMedia", ["media": "print"])
    defer { _ = try? browser.call("Emulation.setEmulatedMedia", ["media": ""]) }
    let value =
      try browser.evaluate(
        """
        [getComputedStyle(document.querySelector('aside')).display,
         getComputedStyle(document.querySelector('.controls')).display,
         getComputedStyle(document.querySelector('#ranking-chart')).display]
        """) as? [String] ?? []
    #expect(value == ["none", "none", "block"], "print styles: \(value)")
  }
}
