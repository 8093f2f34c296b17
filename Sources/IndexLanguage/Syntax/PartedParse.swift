import Diagnostics
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Parses a large file in parts, on every core, and joins them: the tree the whole-file parse
/// gives, in a fraction of its wall time.
///
/// A part ends after a line that is exactly `}` and before a line that starts with a
/// lowercase letter or `/`: where one top-level statement ends and the next begins, in a file
/// that is written well. The parts are used only when none of them gave a diagnostic. Then
/// each part is a sequence of whole statements, each parsed from the tokens the whole-file
/// parse reads for it, so the statements are that parse's, at the same ranges:
/// - a part without a diagnostic ends outside any string, comment or brace (an unclosed one
///   is reported at the part's end), so the lexer of the next part starts where the file's
///   lexer is between tokens, and both lex the same tokens and comments from there (the next
///   part may start with one more new line token, which the parser skips before a statement);
/// - the line before the cut is a `}` that closed the part's last statement, and no
///   statement reads past its closing brace, so the tokens after it change nothing in it;
/// - the parser starts every statement afresh (no nesting, no panic), and a doc comment
///   belongs to the first statement after it, which is in its part.
/// A `}` that closes an inner body, an unclosed string or brace, or any other mistake makes
/// some part report one, and the file is parsed whole, so every message is the one it always
/// was. Each part builds its expressions in an arena of its own: an expression is the same
/// whichever arena holds it (`ExprSyntax.==` compares what is written and where).
enum PartedParse {
  /// Files smaller than this many bytes per part are parsed whole: splitting them saves
  /// less than handing work to threads costs (every real methodology is below this).
  static let minimumPartBytes = 64 << 10

  /// How many parts a file of `count` bytes is parsed in: two per core, so that a part that
  /// waits for a busy core leaves others to the calling thread; none below the minimum.
  static func parts(bytes count: Int) -> Int {
    guard cores > 1 else { return 1 }
    return max(1, min(2 * cores, count / minimumPartBytes))
  }

  /// The cores to parse on: every one, up to eight.
  static let cores: Int = {
    #if canImport(Glibc)
      return max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 1
    #endif
  }()

  /// The tree of `file` parsed in parts, or nil when it is too small to split, has no places
  /// to split at, or some part gave a diagnostic (then only the whole parse says what).
  static func parse(_ file: SourceFile) -> SourceFileSyntax? {
    let parts = parts(bytes: file.bytes.count)
    guard parts > 1 else { return nil }
    return parse(file, bounds: boundaries(file, parts: parts))
  }

  /// The tree of `file` parsed in the parts between consecutive `bounds` (the start of the
  /// text first, the end of the file last), or nil when there is one part or some part gave a
  /// diagnostic.
  static func parse(_ file: SourceFile, bounds: [Int]) -> SourceFileSyntax? {
    guard bounds.count > 2 else { return nil }
    let count = bounds.count - 1
    let results = Results(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { part in
      guard !results.failed else { return }
      var parser = Parser(file: file, range: bounds[part]..<bounds[part + 1])
      let statements = parser.parseFile()
      guard parser.diagnostics.isEmpty else {
        results.fail()
        return
      }
      results.set(part, Part(statements: statements, comments: parser.comments))
    }
    var statements: [StatementSyntax] = []
    var comments: [CommentSyntax] = []
    for part in 0..<count {
      guard var parsed = results.take(part) else { return nil }
      if part == 0 {
        // The first part's arrays grow in place (their elements moved, not copied); the
        // others' statements are appended, one retain each.
        swap(&statements, &parsed.statements)
        swap(&comments, &parsed.comments)
        statements.reserveCapacity(statements.count * count + statements.count / 2)
        comments.reserveCapacity(comments.count * count + comments.count / 2)
      } else {
        statements += parsed.statements
        comments += parsed.comments
      }
    }
    return SourceFileSyntax(file: file, statements: statements, comments: comments)
  }

  /// Where the parts begin, and the file's end: the first offset is the start of the text,
  /// each next one the first place to split at after an even share of the bytes.
  static func boundaries(_ file: SourceFile, parts: Int) -> [Int] {
    let bytes = file.bytes
    let start = file.textStart
    var bounds = [start]
    for part in 1..<max(parts, 1) {
      let target = start + (bytes.count - start) * part / parts
      guard let split = splitPoint(bytes, from: max(target, (bounds.last ?? start) + 1)) else {
        break
      }
      bounds.append(split)
    }
    bounds.append(bytes.count)
    return bounds
  }

  /// The first offset at or after `from` that follows a line of just `}` and starts a line
  /// beginning with a lowercase letter or `/`; nil when there is none.
  static func splitPoint(_ bytes: [UInt8], from: Int) -> Int? {
    let newline = UInt8(ascii: "\n")
    let brace = UInt8(ascii: "}")
    return bytes.withUnsafeBufferPointer { bytes -> Int? in
      var offset = max(from, 3)
      while offset < bytes.count {
        defer { offset += 1 }
        guard bytes[offset - 1] == newline else { continue }
        let next = bytes[offset]
        guard (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || next == UInt8(ascii: "/")
        else { continue }
        // `\n}\n`, or `\n}\r\n`.
        var close = offset - 2
        if bytes[close] == UInt8(ascii: "\r") { close -= 1 }
        guard close >= 1, bytes[close] == brace, bytes[close - 1] == newline else { continue }
        return offset
      }
      return nil
    }
  }

  /// What one part gives.
  private struct Part: Sendable {
    var statements: [StatementSyntax]
    var comments: [CommentSyntax]
  }

  /// One slot per part, each filled by one thread, read after all have finished; and whether
  /// some part failed, so the others need not start.
  private final class Results: Sendable {
    private let slots: Mutex<[Part?]>
    private let failure = Atomic<Bool>(false)

    init(count: Int) {
      slots = Mutex(Array(repeating: nil, count: count))
    }

    var failed: Bool { failure.load(ordering: .relaxed) }

    func fail() { failure.store(true, ordering: .relaxed) }

    func set(_ part: Int, _ parsed: Part) {
      slots.withLock { $0[part] = parsed }
    }

    func take(_ part: Int) -> Part? {
      slots.withLock { slots in
        defer { slots[part] = nil }
        return slots[part]
      }
    }
  }
}
