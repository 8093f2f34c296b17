import Testing

@testable import IndexCLI

/// CSV and JSON formatted on several threads (`ParallelBlocks`) against one thread and the
/// straightforward writer: the same bytes for any number of threads and any block size,
/// through memory and through a small buffer to a file descriptor.
@Suite struct ParallelOutputTests {
  /// The report with `threads` threads and blocks of at most `values` values.
  static func variant(_ report: ResultsReport, threads: Int, values: Int) -> ResultsReport {
    var variant = report
    variant.threads = threads
    variant.valuesPerBlock = values
    return variant
  }

  @Test(arguments: StreamingOutputTests.methodologies)
  func anyThreadsAndBlocksGiveTheSameBytes(name: String) throws {
    for report in try StreamingOutputTests.reports(name) {
      let reference = StraightforwardResults(report: report)
      let (csv, json) = (reference.csv(), reference.json())
      for threads in [2, 3] {
        for values in [1, 7, 100, ParallelBlocks.valuesPerParallelBlock] {
          let variant = Self.variant(report, threads: threads, values: values)
          let label = "\(name), \(threads) threads, blocks of \(values) values"
          #expect(StreamingOutputTests.text(variant, .csv) == csv, "\(label) csv")
          #expect(StreamingOutputTests.text(variant, .json) == json, "\(label) json")
        }
      }
    }
  }

  /// Many blocks really run: the HDI panel (33 periods, 6,000 rows) in blocks of a few rows,
  /// on three threads, through a 64-byte buffer into a file.
  @Test func manySmallBlocksToADescriptor() throws {
    let report = try #require(StreamingOutputTests.reports("hdi-trend").first)
    #expect(report.rows.count > 1_000)
    let reference = StraightforwardResults(report: report)
    let variant = Self.variant(report, threads: 3, values: 20)
    for (format, expected) in [(OutputFormat.csv, reference.csv()), (.json, reference.json())] {
      let written = try StreamingOutputTests.writtenToAFile(variant, format, test: "parallel")
      #expect(written == expected, "\(format)")
    }
  }
}
