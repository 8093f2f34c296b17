import Diagnostics

/// A `:command` line split into its name and words, each word with its place in the input so
/// a problem with it is underlined where it was typed.
struct ReplCommandLine {
  struct Word {
    var text: String
    var span: Span
  }

  /// The name as typed (without the colon) and where it is.
  var name: Word
  var words: [Word]
  let file: SourceFile

  /// Splits at spaces and tabs, from the colon of the input in `file`.
  init(_ file: SourceFile) {
    self.file = file
    var found: [Word] = []
    var start: Int?
    let bytes = file.bytes
    var offset = bytes.prefix { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }.count + 1
    while offset <= bytes.count {
      let isSpace = offset == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset])
      if isSpace, let begin = start {
        let span = Span(file: file, start: begin, end: offset)
        found.append(Word(text: span.text, span: span))
        start = nil
      } else if !isSpace && start == nil {
        start = offset
      }
      offset += 1
    }
    let colon = file.bytes.prefix { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }.count
    name = found.first ?? Word(text: "", span: Span(file: file, start: colon, end: colon + 1))
    words = Array(found.dropFirst())
  }

  /// Where the arguments start (for a command that parses the rest as an expression).
  var argumentsStart: Int { words.first?.span.start ?? file.bytes.count }
}
