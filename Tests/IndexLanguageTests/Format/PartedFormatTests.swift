import Diagnostics
import Foundation
import RobustnessCorpus
import ScoringEngine
import Testing

@testable import IndexLanguage

/// Formatting in parts on several threads (`PartedFormat`) gives the bytes of formatting the
/// file whole, wherever it is cut, or declines; and the check of each cut is what makes that so.
@Suite struct PartedFormatTests {
  /// Every file the formatter's tests know, with a CRLF and a byte-order-mark variant.
  static func corpus() throws -> [(String, [UInt8])] {
    let folders = [
      FormatTests.root.appendingPathComponent("methodologies"), FormatTests.folder,
      FormatTests.folder.appendingPathComponent("bundled"),
      FormatTests.root.appendingPathComponent("Tests/IndexLanguageTests/Syntax/testdata/valid"),
      FormatTests.root.appendingPathComponent("Tests/IndexCLITests/testdata/gallery"),
    ]
    var files: [(String, [UInt8])] = []
    for folder in folders {
      for name in FormatTests.names(in: folder) {
        files.append((name, try FormatTests.read(folder.appendingPathComponent(name))))
      }
    }
    var variants: [(String, [UInt8])] = []
    for (name, bytes) in files {
      let crlf = bytes.flatMap { $0 == Ascii.newline ? [Ascii.carriageReturn, $0] : [$0] }
      variants.append((name + " (CRLF)", crlf))
      variants.append((name + " (BOM)", [0xEF, 0xBB, 0xBF] + bytes))
    }
    return files + variants
  }

  /// Offsets where a line starts with a letter: every cut the parts could be asked to take.
  static func lineStarts(_ bytes: [UInt8]) -> [Int] {
    (1..<max(1, bytes.count)).filter { offset in
      Ascii.isLetter(bytes[offset])
        && (bytes[offset - 1] == Ascii.newline || bytes[offset - 1] == Ascii.carriageReturn)
    }
  }

  /// Cuts `bytes` at `cut`; returns whether the parts were accepted (and then gave the whole
  /// file's bytes).
  @discardableResult
  static func expectSameAtCut(_ bytes: [UInt8], _ cuts: [Int], _ context: String) -> Bool {
    let file = SourceFile(path: "t.idx", bytes: bytes)
    guard let parted = PartedFormat.format(file, cuts: cuts) else { return false }
    let same = parted == formatWhole(file).bytes
    #expect(same, "\(context): cut at \(cuts) differs")
    return true
  }

  @Test func everyCutOfEveryFileGivesTheWholeFilesBytes() throws {
    var accepted = 0
    var declined = 0
    for (name, bytes) in try Self.corpus() {
      for cut in Self.lineStarts(bytes) {
        if Self.expectSameAtCut(bytes, [cut], name) { accepted += 1 } else { declined += 1 }
      }
    }
    // Both happen: clean declaration boundaries, and cuts after edits, comments, mid-body.
    #expect(accepted > 200 && declined > 200)
  }

  @Test func cutsOfMutantsGiveTheWholeFilesBytes() throws {
    let files = try SimpleExpressionTests.corpus()
    var random = SplitMix64(seed: 20_261_202)
    var accepted = 0
    for iteration in 0..<600 {
      let (name, original) = files[iteration % files.count]
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = MutationCorpus.mutate(bytes, &random)
      }
      let starts = Self.lineStarts(bytes)
      guard !starts.isEmpty else { continue }
      var cuts = starts.filter { PartedFormat.startsCleanLine(bytes, at: $0) }
      for _ in 0..<4 { cuts.append(starts[Int.random(in: 0..<starts.count, using: &random)]) }
      for cut in cuts where Self.expectSameAtCut(bytes, [cut], "\(name), mutant \(iteration)") {
        accepted += 1
      }
    }
    #expect(accepted > 100)
  }

  /// The corpus's files that format, joined into one large file (with `\n`, `\r\n` or `\r`
  /// line ends, with or without a byte-order mark), formatted on up to six threads: the
  /// parallel path is taken and gives the one-thread bytes.
  @Test func aLargeFileFormatsAlikeInAnyNumberOfParts() throws {
    var once: [UInt8] = []
    for (_, bytes) in try Self.corpus() where !bytes.starts(with: [0xEF]) {
      guard !bytes.contains(Ascii.carriageReturn),
        formatWhole(SourceFile(path: "t.idx", bytes: bytes)).bytes != nil
      else { continue }
      once += bytes + [Ascii.newline]
    }
    var joined = once
    while joined.count < 150_000 { joined += once }
    let crlf = joined.flatMap { $0 == Ascii.newline ? [Ascii.carriageReturn, $0] : [$0] }
    let carriageReturns = joined.map { $0 == Ascii.newline ? Ascii.carriageReturn : $0 }
    for variant in [joined, [0xEF, 0xBB, 0xBF] + joined, crlf, carriageReturns] {
      let file = SourceFile(path: "big.idx", bytes: variant)
      let whole = formatWhole(file).bytes
      #expect(whole != nil && variant.count > 100_000)
      for parts in 2...6 {
        let parted = PartedFormat.format(file, parts: parts)
        #expect(parted != nil, "\(parts) parts: declined")
        let same = parted == whole && format(file, parts: parts).bytes == whole
        #expect(same, "\(parts) parts differ")
      }
    }
  }

  /// A comment between a declaration's `}` and the cut belongs before the next declaration,
  /// after the blank line: without the check of the cut the parts print it before the blank
  /// line, so the check is what keeps the bytes the same.
  @Test func theCutCheckRefusesWhatWouldPrintDifferently() throws {
    let text = "indicator a {\n  weight: 1\n}\n// note\nindicator b {\n  weight: 2\n}\n"
    let bytes = Array(text.utf8)
    let file = SourceFile(path: "t.idx", bytes: bytes)
    let cut = try #require(Self.lineStarts(bytes).last)
    let whole = try #require(formatWhole(file).bytes)
    let unchecked = try #require(PartedFormat.format(file, cuts: [cut], checkingCuts: false))
    let differs = unchecked != whole
    #expect(differs)
    #expect(PartedFormat.format(file, cuts: [cut]) == nil)
    let same = format(file, parts: 2).bytes == whole
    #expect(same)
  }

  /// Cuts inside a block comment, inside a body and after an edit are declined.
  @Test func cutsThatAreNotDeclarationBoundariesAreDeclined() {
    let texts = [
      "indicator a {\n  weight: 1\n}\n/*\nindicator b {\n}\n*/\n",
      "dimension a {\n  weight: 1\nindicator b {\n}\n}\n",
      "set a.weight = 2\nindicator b {\n  weight: 2\n}\n",
    ]
    for text in texts {
      let bytes = Array(text.utf8)
      let file = SourceFile(path: "t.idx", bytes: bytes)
      for cut in Self.lineStarts(bytes) {
        #expect(PartedFormat.format(file, cuts: [cut]) == nil, "\(text) at \(cut)")
      }
    }
  }
}
