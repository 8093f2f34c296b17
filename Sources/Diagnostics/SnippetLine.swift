/// One source line as a diagnostic shows it: escaped, and cut to a window around its span.
///
/// The line is read from the file's bytes, not from a decoded string, so what the caret points
/// at is exactly what is shown: a control or direction character appears as `\u{1b}`, a byte
/// that is not UTF-8 as `\xE9`, a tab as one space, and the marks under the line are counted in
/// the characters shown. A line longer than `wholeLineLimit` bytes (a minified file, a CSV
/// header of 100,000 columns) is shown as a window of about `context` characters either side
/// of the span, with `…` where it was cut, so one diagnostic costs a few hundred bytes of
/// output and of work, however long its line.
struct SnippetLine {
  /// Lines up to this many bytes are shown whole.
  static let wholeLineLimit = 240
  /// Characters shown before and after the span when a line is cut.
  static let context = 80
  /// The most characters of the span itself shown when a line is cut.
  static let spanLimit = 160

  /// The text to print after the gutter.
  var text = ""
  /// Where the marks start, counted in characters of `text` from 0.
  var markColumn = 0
  /// How many marks to draw (at least one).
  var markWidth = 1

  /// The display of the line `line` (a byte range without its terminator) for a span.
  init(_ file: SourceFile, line: Range<Int>, spanStart: Int, spanEnd: Int) {
    let start = min(max(spanStart, line.lowerBound), line.upperBound)
    let end = min(max(spanEnd, start), line.upperBound)
    file.bytes.withUnsafeBufferPointer { bytes in
      var window = line
      var marksEnd = end
      if line.count > SnippetLine.wholeLineLimit {
        let from = SnippetLine.back(bytes, from: start, characters: SnippetLine.context, to: line)
        marksEnd = min(end, SnippetLine.forward(bytes, from: start, SnippetLine.spanLimit, line))
        let to = SnippetLine.forward(bytes, from: max(marksEnd, start), SnippetLine.context, line)
        window = from..<to
      }
      build(bytes, window: window, line: line, marks: start..<marksEnd)
    }
  }

  private mutating func build(
    _ bytes: UnsafeBufferPointer<UInt8>, window: Range<Int>, line: Range<Int>, marks: Range<Int>
  ) {
    var column = 0
    if window.lowerBound > line.lowerBound {
      text = "…"
      column = 1
    }
    var marksStart: Int?
    var marksEnd: Int?
    var index = window.lowerBound
    while index < window.upperBound {
      if marksStart == nil && index >= marks.lowerBound { marksStart = column }
      if marksEnd == nil && index >= marks.upperBound { marksEnd = column }
      var shown = ""
      if let (scalar, length) = UTF8Validation.scalar(bytes, at: index) {
        if scalar == "\t" {
          shown = " "
        } else {
          TerminalText.appendDisplay(of: scalar, to: &shown)
        }
        index += length
      } else {
        shown = TerminalText.invalidByte(bytes[index])
        index += 1
      }
      column += shown.unicodeScalars.count
      text += shown
    }
    markColumn = marksStart ?? column
    markWidth = max(1, (marksEnd ?? column) - markColumn)
    if window.upperBound < line.upperBound { text += "…" }
  }

  /// The offset `characters` characters before `offset`, not before the line's start.
  private static func back(
    _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, characters: Int, to line: Range<Int>
  ) -> Int {
    var index = offset
    var remaining = characters
    while index > line.lowerBound && remaining > 0 {
      index -= 1
      if bytes[index] & 0xC0 != 0x80 { remaining -= 1 }
    }
    while index > line.lowerBound && bytes[index] & 0xC0 == 0x80 { index -= 1 }
    return index
  }

  /// The offset `characters` characters after `offset`, not past the line's end.
  private static func forward(
    _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, _ characters: Int, _ line: Range<Int>
  ) -> Int {
    var index = offset
    var remaining = characters
    while index < line.upperBound && remaining > 0 {
      index += 1
      while index < line.upperBound && bytes[index] & 0xC0 == 0x80 { index += 1 }
      remaining -= 1
    }
    return index
  }
}
