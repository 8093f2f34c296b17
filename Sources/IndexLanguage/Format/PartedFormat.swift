import Diagnostics
import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Formats a large file in parts, one thread each, giving the bytes of formatting it whole.
///
/// The file is cut at line starts where a top-level declaration's `}` came last, and each part
/// is lexed, parsed (without text) and printed on its own. A cut at offset `c` is kept only
/// when the part before it shows that `c` is a clean declaration boundary:
/// - the part has no syntax errors, so its lexer ended outside any string or comment;
/// - its last statement is a declaration whose body's `}` is its last token, and only white
///   space (no comment, no comma) follows that `}` up to `c`, where a word starts a line.
///
/// Why the whole file then formats to the parts joined by one blank line: the lexer reads
/// left to right and a line break ends every token but strings and comments, so the whole
/// file's tokens and comments are the parts' in turn. The parser takes nothing after a
/// declaration's closing `}` into that declaration (`parseBraced` stops at the `}`, and no
/// body is looked past), starts each statement afresh after the separators (`parseFile`), and
/// attaches no doc comment across the white space; so the whole file's statements are the
/// parts' in turn, error-free. The printer ends every top-level statement's line, and before a
/// statement that follows a declaration it prints exactly one blank line and starts a new
/// group of aligned lines: nothing of the next part depends on the lines before the cut, except
/// that blank line, which the join adds. Any part with an error, a cut that is not clean, or a
/// printer failure sends the file to the one-thread path (`formatWhole`), which alone reports.
enum PartedFormat {
  /// Bytes of a part below which a thread costs more than it saves.
  static let minimumPartBytes = 64 * 1024
  static let maximumParts = 8

  /// How many parts `format(_:)` cuts a file into: two per core, each at least
  /// `minimumPartBytes`.
  ///
  /// Two per core, because `concurrentPerform` hands parts to whichever thread is free: on a
  /// machine where another process holds part of a core, the thread with a core to itself
  /// takes more of the parts instead of waiting for the slower one.
  static func parts(for file: SourceFile) -> Int {
    guard file.bytes.count >= 2 * minimumPartBytes else { return 1 }
    let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    guard cores > 1 else { return 1 }
    return max(1, min(2 * cores, maximumParts, file.bytes.count / minimumPartBytes))
  }

  /// The file formatted in up to `parts` parts, or nil when no cut was found or one was not
  /// clean (the caller then formats the file whole).
  static func format(_ file: SourceFile, parts: Int) -> [UInt8]? {
    let cuts = candidateCuts(file.bytes, from: file.textStart, parts: parts)
    guard !cuts.isEmpty else { return nil }
    return format(file, cuts: cuts)
  }

  /// The file formatted in the parts between `cuts` (increasing offsets), or nil.
  ///
  /// `checkingCuts: false` skips the check that each cut is a clean declaration boundary; only
  /// the test that shows the check is needed passes it.
  static func format(_ file: SourceFile, cuts: [Int], checkingCuts: Bool = true) -> [UInt8]? {
    let bounds = [file.textStart] + cuts + [file.bytes.count]
    let count = bounds.count - 1
    let ending = LineEnding.of(file.bytes)
    let slots = PartSlots(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { part in
      let job = PartJob(
        file: file, range: bounds[part]..<bounds[part + 1], isFirst: part == 0,
        isLast: part == count - 1, lineEnding: ending, checkingCut: checkingCuts)
      slots.store(job.run(), at: part)
    }
    let printed = slots.take()
    var total = ending.bytes.count * (count - 1)
    for part in printed {
      guard let part else { return nil }
      total += part.count
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(total)
    for (index, part) in printed.enumerated() {
      if index > 0 { bytes.append(contentsOf: ending.bytes) }
      bytes.append(contentsOf: part ?? [])
    }
    return bytes
  }

  /// Up to `parts - 1` offsets near equal shares of the file where a line starts with a
  /// letter and the last byte before it, white space aside, is `}`: the cuts worth trying.
  static func candidateCuts(_ bytes: [UInt8], from start: Int, parts: Int) -> [Int] {
    guard parts > 1 else { return [] }
    var cuts: [Int] = []
    for share in 1..<parts {
      let target = start + (bytes.count - start) * share / parts
      let limit = start + (bytes.count - start) * (share + 1) / parts
      var offset = max(target, (cuts.last ?? start) + 1)
      while offset < limit {
        if startsCleanLine(bytes, at: offset) {
          cuts.append(offset)
          break
        }
        offset += 1
      }
    }
    return cuts
  }

  /// Whether a line starts at `offset` with a letter after a `}` and white space.
  static func startsCleanLine(_ bytes: [UInt8], at offset: Int) -> Bool {
    guard offset > 0, offset < bytes.count, Ascii.isLetter(bytes[offset]) else { return false }
    let before = bytes[offset - 1]
    guard before == Ascii.newline || before == Ascii.carriageReturn else { return false }
    var index = offset - 1
    while index > 0 && isWhiteSpace(bytes[index]) { index -= 1 }
    return bytes[index] == Ascii.rightBrace
  }

  static func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == Ascii.space || byte == Ascii.tab || byte == Ascii.newline
      || byte == Ascii.carriageReturn
  }
}

/// One part's work: parse its bytes, check the cut after it, print it.
private struct PartJob {
  let file: SourceFile
  let range: Range<Int>
  let isFirst: Bool
  let isLast: Bool
  let lineEnding: LineEnding
  let checkingCut: Bool

  /// The part's printed lines, or nil when it has errors, its cut is not clean, or the
  /// printer failed.
  func run() -> [UInt8]? {
    var parser = Parser(file: file, range: range)
    parser.keepsText = false
    let statements = parser.parseFile()
    guard !parser.diagnostics.contains(where: \.isError), !statements.isEmpty else { return nil }
    if !isFirst && statements[0].range.start != range.lowerBound { return nil }
    if !isLast && checkingCut && !endsAtCleanCut(statements, parser.comments) { return nil }
    return file.bytes.withUnsafeBufferPointer { whole in
      var printer = Printer(
        source: UnsafeBufferPointer(rebasing: whole[..<range.upperBound]),
        comments: parser.comments, from: range.lowerBound, lineEnding: lineEnding,
        byteOrderMark: isFirst && file.textStart > 0)
      defer { printer.deallocate() }
      printer.printFile(statements)
      return printer.failure == nil ? printer.layout() : nil
    }
  }

  /// Whether the part ends with a declaration's `}`, then only white space up to the cut.
  private func endsAtCleanCut(_ statements: [StatementSyntax], _ comments: [CommentSyntax])
    -> Bool
  {
    guard case .declaration(let declaration)? = statements.last,
      let body = declaration.body, body.range.end == declaration.range.end
    else { return false }
    let end = declaration.range.end
    let bytes = file.bytes
    guard end > range.lowerBound, bytes[end - 1] == Ascii.rightBrace else { return false }
    if let comment = comments.last, comment.range.end > end { return false }
    return bytes[end..<range.upperBound].allSatisfy(PartedFormat.isWhiteSpace)
  }
}

/// Where the parts' threads leave their results: one slot each, written by one thread, read
/// after all have finished (`concurrentPerform` returns only then).
private final class PartSlots: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<[UInt8]?>

  init(count: Int) {
    slots = UnsafeMutableBufferPointer<[UInt8]?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func store(_ bytes: [UInt8]?, at index: Int) {
    slots[index] = bytes
  }

  /// The results, each moved out of its slot.
  func take() -> [[UInt8]?] {
    slots.indices.map { index in
      let bytes = slots[index]
      slots[index] = nil
      return bytes
    }
  }
}
