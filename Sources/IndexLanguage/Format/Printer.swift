/// The formatter's state: where it is in the input, and the lines it has printed so far.
///
/// Lines are records over one byte buffer, so printing allocates little; alignment padding and
/// indentation are added only when the lines are laid out (`layout()`), once every group of
/// aligned lines is known. See `format(_:)` for the layout rules.
struct Printer {
  /// One printed line: code bytes in `out`, where padding goes, and a trailing comment.
  struct Line {
    var indent: Int32
    var start: Int32
    var end: Int32
    /// Offset in `out` after `name:` where the value's alignment padding goes, or -1.
    var alignAt: Int32 = -1
    /// Characters before `alignAt` (the `name:`), for the group's widest.
    var headWidth: Int32 = 0
    var alignGroup: Int32 = -1
    /// Characters of code, without indentation or padding.
    var codeWidth: Int32 = 0
    /// A comment after the code that ends the line, in `out`.
    var commentStart: Int32 = -1
    var commentEnd: Int32 = -1
    var commentGroup: Int32 = -1
  }

  /// Everything speculative printing must restore.
  struct Checkpoint {
    var outCount: Int
    var lineCount: Int
    var open: Line?
    var lineWidth: Int
    var consumed: Int
    var nextComment: Int
    var breaksSinceLast: Int
    var pendingSpace: Bool
    var continuation: Int
    var blankAllowed: Bool
    var forceBlank: Bool
    var groupCount: Int32
    var currentRun: Int32
  }

  static let width = 100

  /// The input's bytes, valid while `format(_:)` runs (read without reference counting: the
  /// printer reads every byte of the file, often several times).
  let source: UnsafeBufferPointer<UInt8>
  let comments: [CommentSyntax]
  let lineEnding: LineEnding
  let byteOrderMark: Bool

  /// Input offset up to which every byte has been printed or passed over.
  var consumed = 0
  var nextComment = 0
  /// Line breaks in the input since the last token or comment printed.
  var breaksSinceLast = 0

  /// The printed bytes, `outCount` of them, in memory the printer owns and `format(_:)` frees
  /// (`deallocate()`): written through a pointer, a token's bytes are copied and counted in
  /// one loop, without the checks `Array.append` makes on every call.
  private(set) var out: UnsafeMutablePointer<UInt8>
  private(set) var outCount = 0
  private var outCapacity: Int
  var lines: [Line] = []
  var open: Line?
  /// Characters on the open line, indentation included.
  var lineWidth = 0
  var indent = 0
  /// Extra indentation of the next line opened inside a construct (0 at a structural start).
  var continuation = 0
  var pendingSpace = false
  /// Whether a blank line may come before the next line (not after `{`, not first in a file).
  var blankAllowed = false
  /// Whether the next line must come after a blank line (around declarations).
  var forceBlank = false
  var groupCount: Int32 = 0
  /// The group of consecutive lines whose values and trailing comments align.
  var currentRun: Int32 = -1
  /// Why the output does not reproduce the input (a formatter bug), if it does not.
  var failure: String?

  init(source: UnsafeBufferPointer<UInt8>, comments: [CommentSyntax]) {
    let byteOrderMark = source.starts(with: [0xEF, 0xBB, 0xBF])
    self.init(
      source: source, comments: comments, from: byteOrderMark ? 3 : 0,
      lineEnding: LineEnding.of(source), byteOrderMark: byteOrderMark)
  }

  /// A printer of the bytes from `start` to the end of `source` (one part of a file cut at
  /// declaration boundaries, see `PartedFormat`), with the whole file's line ending, and its
  /// byte-order mark only for the first part.
  init(
    source: UnsafeBufferPointer<UInt8>, comments: [CommentSyntax], from start: Int,
    lineEnding: LineEnding, byteOrderMark: Bool
  ) {
    self.source = source
    self.comments = comments
    self.lineEnding = lineEnding
    self.byteOrderMark = byteOrderMark
    consumed = start
    let length = max(0, source.count - start)
    outCapacity = length + length / 8 + 16
    out = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
    lines.reserveCapacity(length / 24)
  }

  /// Frees the printed bytes; the printer must not be used after.
  func deallocate() {
    out.deallocate()
  }

  /// Makes room for `extra` more printed bytes.
  private mutating func reserveOut(_ extra: Int) {
    guard outCount + extra > outCapacity else { return }
    let capacity = max(outCapacity * 2, outCount + extra)
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    grown.initialize(from: out, count: outCount)
    out.deallocate()
    out = grown
    outCapacity = capacity
  }

  private mutating func appendOut(_ byte: UInt8) {
    reserveOut(1)
    out[outCount] = byte
    outCount += 1
  }

  /// Copies the input bytes `start..<end` to the output; returns their characters (UTF-8
  /// lead bytes).
  @discardableResult
  private mutating func appendOut(_ start: Int, _ end: Int) -> Int {
    let count = end - start
    guard count > 0, let base = source.baseAddress else { return 0 }
    if count <= 16 && start + 16 <= source.count {
      return appendShort(base, start, count)
    }
    reserveOut(count)
    (out + outCount).initialize(from: base + start, count: count)
    outCount += count
    // Tokens are short and nearly always ASCII, where characters are bytes: look at the high
    // bits eight bytes at a time, and count lead bytes only when one is set.
    var index = start
    while index + 8 <= end {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      if word & 0x8080_8080_8080_8080 != 0 { return characters(start, end) }
      index += 8
    }
    while index < end {
      if base[index] >= 0x80 { return characters(start, end) }
      index += 1
    }
    return count
  }

  /// `appendOut` for a token of at most 16 bytes with 16 readable from `start`: two words
  /// copied whole (the bytes past the token are overwritten by what is printed next) and
  /// their high bits tested for anything but ASCII.
  private mutating func appendShort(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int)
    -> Int
  {
    reserveOut(16)
    let from = base + start
    let low = UnsafeRawPointer(from).loadUnaligned(as: UInt64.self)
    let high = UnsafeRawPointer(from + 8).loadUnaligned(as: UInt64.self)
    let target = UnsafeMutableRawPointer(out + outCount)
    target.storeBytes(of: low, as: UInt64.self)
    target.storeBytes(of: high, toByteOffset: 8, as: UInt64.self)
    outCount += count
    let lowMask: UInt64 = count >= 8 ? ~0 : (1 << UInt64(count * 8)) - 1
    let highMask: UInt64 = count >= 16 ? ~0 : count <= 8 ? 0 : (1 << UInt64((count - 8) * 8)) - 1
    let highBits = ((low & lowMask) | (high & highMask)) & 0x8080_8080_8080_8080
    return highBits == 0 ? count : characters(start, start + count)
  }

  /// A new group id for aligned lines.
  mutating func newGroup() -> Int32 {
    groupCount += 1
    return groupCount - 1
  }

  // MARK: - Tokens

  /// Prints the input token at `range`, after the comments before it.
  mutating func token(_ range: ByteRange) {
    flushTrivia(stopAtLineBreak: false)
    guard failure == nil else { return }
    guard consumed == range.start, range.end <= source.count, range.end > range.start else {
      fail("expected the token at offset \(range.start), found offset \(consumed)")
      return
    }
    write(range.start, range.end)
    consumed = range.end
  }

  /// Prints a keyword or punctuation the tree does not record, matching it in the input.
  mutating func fixed(_ text: StaticString) {
    flushTrivia(stopAtLineBreak: false)
    guard failure == nil else { return }
    let count = text.utf8CodeUnitCount
    let matches = text.withUTF8Buffer { spelling in
      consumed + count <= source.count
        && (0..<count).allSatisfy { source[consumed + $0] == spelling[$0] }
    }
    guard matches else {
      fail("expected `\(text)` at offset \(consumed)")
      return
    }
    write(consumed, consumed + count)
    consumed += count
  }

  /// Printer-only text that matches nothing in the input: the `,` between items on a line.
  mutating func raw(_ text: StaticString) {
    guard open != nil else { return }
    text.withUTF8Buffer { spelling in
      for byte in spelling { appendOut(byte) }
    }
    lineWidth += text.utf8CodeUnitCount
  }

  /// A space before the next token, unless that token starts a line.
  mutating func space() {
    pendingSpace = true
  }

  /// Writes the input bytes `start..<end` on the open line (opening one if needed).
  mutating func write(_ start: Int, _ end: Int) {
    if open == nil {
      openLine()
    } else if pendingSpace {
      appendOut(Ascii.space)
      lineWidth += 1
    }
    lineWidth += appendOut(start, end)
    pendingSpace = false
    breaksSinceLast = 0
    blankAllowed = true
  }

  /// Starts a line at the current indentation, after a blank line where one belongs.
  private mutating func openLine() {
    if forceBlank || (blankAllowed && breaksSinceLast >= 2) {
      if !lines.isEmpty { appendBlankLine() }
    }
    forceBlank = false
    let start = Int32(outCount)
    let depth = indent + continuation
    open = Line(indent: Int32(depth), start: start, end: start)
    lineWidth = depth
    pendingSpace = false
  }

  private mutating func appendBlankLine() {
    let start = Int32(outCount)
    lines.append(Line(indent: 0, start: start, end: start))
  }

  /// Ends the open line after any comment that follows on the same input line.
  mutating func endLine() {
    flushTrivia(stopAtLineBreak: true)
    closeLine()
    continuation = 0
  }

  /// Ends the line inside a construct: the next line is indented by `extra` more.
  mutating func breakLine(extra: Int) {
    endLine()
    continuation = extra
  }

  private mutating func closeLine() {
    guard var line = open else { return }
    if line.commentStart < 0 { line.end = Int32(outCount) }
    line.codeWidth = Int32(lineWidth) - line.indent
    if line.commentStart >= 0 || line.alignAt >= 0 { line.commentGroup = currentRun }
    lines.append(line)
    open = nil
  }

  /// Marks the open line's value alignment point: the padding goes here.
  mutating func markAlignment() {
    guard var line = open, currentRun >= 0 else { return }
    line.alignAt = Int32(outCount)
    line.headWidth = Int32(lineWidth) - line.indent
    line.alignGroup = currentRun
    open = line
  }

  /// Whether no line is open: the next token starts one.
  var atLineStart: Bool { open == nil }

  mutating func fail(_ message: String) {
    if failure == nil { failure = message }
  }

  // MARK: - Trivia

  /// Passes over white space, commas and comments up to the next token, printing comments.
  ///
  /// With `stopAtLineBreak`, stops at the end of the current input line, so only the comments
  /// that trail the last token are printed (as that line's trailing comment).
  mutating func flushTrivia(stopAtLineBreak: Bool, until limit: Int? = nil) {
    if stopAtLineBreak && breaksSinceLast > 0 { return }
    let end = min(limit ?? source.count, source.count)
    while consumed < end {
      let byte = source[consumed]
      switch byte {
      case Ascii.space, Ascii.tab, UInt8(ascii: ","):
        consumed += 1
      case Ascii.newline, Ascii.carriageReturn:
        if stopAtLineBreak { return }
        let pair =
          byte == Ascii.carriageReturn && consumed + 1 < source.count
          && source[consumed + 1] == Ascii.newline
        consumed += pair ? 2 : 1
        breaksSinceLast += 1
      default:
        guard nextComment < comments.count, comments[nextComment].range.start == consumed else {
          return
        }
        let comment = comments[nextComment]
        nextComment += 1
        printComment(comment, trailing: stopAtLineBreak)
        consumed = comment.range.end
      }
    }
  }

  /// Prints one comment: after the code of the open line when it follows that code on its
  /// input line, otherwise on a line of its own.
  ///
  /// Found at the end of a line (`trailing`), a comment becomes the line's trailing comment
  /// (aligned with its neighbours). Found inside a construct, a line comment ends the line (the
  /// construct goes on, indented, on the next) and a block comment stays inline.
  private mutating func printComment(_ comment: CommentSyntax, trailing: Bool) {
    let text = commentEnd(comment)
    let isLine = comment.kind != .block
    defer { breaksSinceLast = 0 }
    if open != nil && breaksSinceLast == 0 {
      if trailing || isLine {
        appendTrailing(comment.range.start, text)
        if !trailing {
          closeLine()
          continuation = max(continuation, 4)
        }
      } else {
        pendingSpace = true
        write(comment.range.start, text)
        pendingSpace = true
      }
      return
    }
    if open != nil {
      closeLine()
      continuation = max(continuation, 4)
    }
    write(comment.range.start, text)
    if isLine || lineBreakFollows(comment.range.end) {
      closeLine()
    } else {
      pendingSpace = true
    }
  }

  /// Adds input bytes after the open line's code, as its trailing comment (after any other).
  private mutating func appendTrailing(_ start: Int, _ end: Int) {
    guard var line = open else { return }
    if line.commentStart < 0 {
      line.end = Int32(outCount)
      line.commentStart = Int32(outCount)
    } else {
      appendOut(Ascii.space)
    }
    appendOut(start, end)
    line.commentEnd = Int32(outCount)
    open = line
  }

  /// Where a comment's text ends: line comments lose trailing white space.
  private func commentEnd(_ comment: CommentSyntax) -> Int {
    var end = comment.range.end
    if comment.kind != .block {
      while end > comment.range.start
        && [Ascii.space, Ascii.tab, Ascii.carriageReturn].contains(source[end - 1])
      {
        end -= 1
      }
    }
    return end
  }

  /// Whether only white space (or a comma) stands between `offset` and the end of its line.
  private func lineBreakFollows(_ offset: Int) -> Bool {
    var index = offset
    while index < source.count {
      switch source[index] {
      case Ascii.space, Ascii.tab, UInt8(ascii: ","): index += 1
      case Ascii.newline, Ascii.carriageReturn: return true
      default: return false
      }
    }
    return true
  }

  // MARK: - Looking at the input

  /// Line breaks between two offsets outside comments, and whether any two are separated by
  /// white space alone (a blank line).
  func gap(_ start: Int, _ end: Int) -> (breaks: Int, blank: Bool) {
    var comment = firstComment(from: start)
    var index = start
    var breaks = 0
    var run = 0
    var blank = false
    while index < end && index < source.count {
      if comment < comments.count && comments[comment].range.start == index {
        index = comments[comment].range.end
        comment += 1
        run = 0
        continue
      }
      let byte = source[index]
      if byte == Ascii.newline
        || (byte == Ascii.carriageReturn
          && !(index + 1 < source.count && source[index + 1] == Ascii.newline))
      {
        breaks += 1
        run += 1
        if run >= 2 { blank = true }
      } else if byte != Ascii.space && byte != Ascii.tab && byte != Ascii.carriageReturn
        && byte != UInt8(ascii: ",")
      {
        run = 0
      }
      index += 1
    }
    return (breaks, blank)
  }

  /// Whether any comment starts between two offsets.
  func hasComment(_ start: Int, _ end: Int) -> Bool {
    let index = firstComment(from: start)
    return index < comments.count && comments[index].range.start < end
  }

  /// The first comment starting at or after `offset`, searched from the next comment to
  /// print (gaps are looked at close to where printing is, so this takes a step or two).
  private func firstComment(from offset: Int) -> Int {
    var index = min(nextComment, comments.count)
    while index > 0 && comments[index - 1].range.start >= offset { index -= 1 }
    while index < comments.count && comments[index].range.start < offset { index += 1 }
    return index
  }

  /// Characters (UTF-8 lead bytes) in the input bytes `start..<end`.
  func characters(_ start: Int, _ end: Int) -> Int {
    var count = 0
    for index in start..<end where source[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  // MARK: - Speculation

  func checkpoint() -> Checkpoint {
    Checkpoint(
      outCount: outCount, lineCount: lines.count, open: open, lineWidth: lineWidth,
      consumed: consumed, nextComment: nextComment, breaksSinceLast: breaksSinceLast,
      pendingSpace: pendingSpace, continuation: continuation, blankAllowed: blankAllowed,
      forceBlank: forceBlank, groupCount: groupCount, currentRun: currentRun)
  }

  mutating func restore(_ saved: Checkpoint) {
    outCount = saved.outCount
    lines.removeSubrange(saved.lineCount...)
    open = saved.open
    lineWidth = saved.lineWidth
    consumed = saved.consumed
    nextComment = saved.nextComment
    breaksSinceLast = saved.breaksSinceLast
    pendingSpace = saved.pendingSpace
    continuation = saved.continuation
    blankAllowed = saved.blankAllowed
    forceBlank = saved.forceBlank
    groupCount = saved.groupCount
    currentRun = saved.currentRun
  }

  /// Whether what was printed since `saved` stayed on the open line within the width.
  func stayedOnOneLine(since saved: Checkpoint) -> Bool {
    failure == nil && lines.count == saved.lineCount && open != nil
      && lineWidth <= Printer.width
  }
}
