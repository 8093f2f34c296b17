import Foundation
import Testing

@testable import ScoringEngine

extension Stages {
  /// The JRC ASEM index as shipped with COINr, replayed stage by stage (see methodologies/data/README.md).
  ///
  /// Each stage starts from the previous stage's expected file, so a mismatch names the stage that
  /// is wrong; the last test runs the whole chain from the raw data.
  @Suite("ASEM reference") struct ASEMReferenceTests {
    let asem = try? ASEM()

    @Test func denominateAndImputeByGroupMean() throws {
      let asem = try #require(asem)
      let imputed = asem.imputedFromRaw()
      let expected = asem.expectedImputed
      var filled = 0
      for indicator in asem.indicators {
        let outcome = impute(
          asem.denominated(indicator), with: .groupMean(group: "Group_EurAsia"), groups: asem.groups
        )
        filled += outcome.filled.count
        #expect(outcome.unfilled.isEmpty, "\(indicator.code)")
      }
      #expect(filled == 65)
      for indicator in asem.indicators {
        expectClose(imputed[indicator.code], expected.column(indicator.code), indicator.code)
      }
    }

    @Test(arguments: [6, 5]) func winsorizeCountingIterations(winmax: Int) throws {
      let asem = try #require(asem)
      var treatedCount = 0
      var mostIterations = 0
      for indicator in asem.indicators {
        let outcome = treat(
          asem.expectedImputed.column(indicator.code),
          with: .winsorize(winmax: winmax, skewness: 2, kurtosis: 3.5))
        if case .winsorized(let iterations) = outcome.action {
          treatedCount += 1
          mostIterations = max(mostIterations, iterations)
        }
        #expect(outcome.action != .logFallback, "\(indicator.code)")
        expectClose(outcome.values, asem.expectedTreated.column(indicator.code), indicator.code)
      }
      #expect(treatedCount == 15)
      #expect(mostIterations == 4)
    }

    @Test func minmaxWithDirections() throws {
      let asem = try #require(asem)
      for indicator in asem.indicators {
        let outcome = normalize(
          asem.expectedTreated.column(indicator.code), direction: indicator.direction,
          with: .minmax100)
        #expect(outcome.problem == nil)
        expectClose(outcome.values, asem.expectedNormalised.column(indicator.code), indicator.code)
      }
    }

    @Test func arithmeticMeansUpTheTree() throws {
      let asem = try #require(asem)
      let normalised = Dictionary(
        uniqueKeysWithValues: asem.indicators.map {
          ($0.code, asem.expectedNormalised.column($0.code))
        })
      let scores = asem.aggregateTree(normalised)
      for code in asem.expectedScores.header.dropFirst(2) {
        expectClose(scores[code], asem.expectedScores.column(code), code)
      }
    }

    @Test func wholeChainFromRawData() throws {
      let asem = try #require(asem)
      let imputed = asem.imputedFromRaw()
      var normalised: [String: [Double]] = [:]
      for indicator in asem.indicators {
        let treated = treat(imputed[indicator.code] ?? [], with: .jrcWinsorize)
        normalised[indicator.code] =
          normalize(treated.values, direction: indicator.direction, with: .minmax100).values
      }
      let scores = asem.aggregateTree(normalised)
      for code in asem.expectedScores.header.dropFirst(2) {
        expectClose(scores[code], asem.expectedScores.column(code), code)
      }
      let index = scores["Index"] ?? []
      let at = { (code: String) in asem.entityCodes.firstIndex(of: code).map { index[$0] } }
      #expect(abs((at("CHE") ?? 0) - 68.38372423834171) < 1e-9)
      #expect(abs((at("NLD") ?? 0) - 64.8195161698175) < 1e-9)
      #expect(abs((at("CHN") ?? 0) - 37.768547534840145) < 1e-9)
      #expect(sportRanks(index)[asem.entityCodes.firstIndex(of: "CHE") ?? 0] == 1)
    }
  }
}

/// Every cell within 1e-9, relative to the size of the expected value when it exceeds 1 (raw
/// indicators run from 1e-4 to 1e5).
private func expectClose(
  _ actual: [Double]?, _ expected: [Double], _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let actual, actual.count == expected.count else {
    Issue.record("\(label): \(actual?.count ?? 0) values, expected \(expected.count)")
    return
  }
  let wrong = actual.indices.filter { e in
    let (a, b) = (actual[e], expected[e])
    return a.isNaN != b.isNaN || abs(a - b) > 1e-9 * max(1, abs(b))
  }
  #expect(
    wrong.isEmpty,
    "\(label): \(wrong.prefix(3).map { "#\($0) \(actual[$0]) ≠ \(expected[$0])" })",
    sourceLocation: sourceLocation)
}
