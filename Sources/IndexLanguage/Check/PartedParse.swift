import Diagnostics
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Parses a large methodology file in parts, one per core, and joins the statements: what
/// the whole-file parse gives, in a fraction of its wall time.
///
/// A part ends after a line that is exactly `}` and before a line that starts with a
/// lowercase letter or `/`: where one top-level statement ends and the next begins, in a file
/// that is written well. The result is used only when no part gave a diagnostic. Then every
/// part is a sequence of whole statements, each parsed from the same tokens the whole-file
/// parse would read for it (a statement's tokens, its doc comment and the decisions on them
/// lie inside its part), so the statements are the ones that parse gives, at the same ranges,
/// and the whole file has no diagnostic either. Anything else (a `}` that closes an inner
/// body, an unclosed string or brace, any mistake at all) makes some part report one, and
/// the file is parsed whole, as before, so every message is the one it always was.
///
/// The trees this gives have no comments (`SourceFileSyntax.comments` is empty): the file
/// graph, the only caller, resolves statements and never reads comments (the formatter and
/// the editor parse files themselves).
enum PartedParse {
  /// Files smaller than this many bytes per part are parsed whole: splitting them saves
  /// less than starting threads costs (every real methodology is far below this).
  static let minimumPartBytes = 256 << 10

  /// How many parts a file of `count` bytes is parsed in on this machine.
  static func parts(bytes count: Int) -> Int {
    max(1, min(cores, count / minimumPartBytes))
  }

  /// The cores to parse on: every one, up to eight.
  static let cores: Int = {
    #if canImport(Glibc)
      return max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 1
    #endif
  }()

  /// The statements of `file` parsed in `parts` parts on as many threads, or nil when the
  /// file has no places to split it at or some part gave a diagnostic.
  static func parse(_ file: SourceFile, parts: Int) -> SourceFileSyntax? {
    parse(file, bounds: boundaries(file, parts: parts))
  }

  /// The statements of `file` parsed in the parts between consecutive `bounds` (the start of
  /// the text first, the end of the file last), or nil when there is one part or some part
  /// gave a diagnostic.
  static func parse(_ file: SourceFile, bounds: [Int]) -> SourceFileSyntax? {
    guard bounds.count > 2 else { return nil }
    let results = Results(count: bounds.count - 1)
    DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { part in
      var parser = Parser(file: file, range: bounds[part]..<bounds[part + 1])
      let statements = parser.parseFile()
      results.set(part, parser.diagnostics.isEmpty ? statements : nil)
    }
    var statements: [StatementSyntax] = []
    for part in 0..<(bounds.count - 1) {
      guard let parsed = results.take(part) else { return nil }
      if statements.isEmpty {
        statements = parsed
        statements.reserveCapacity(parsed.count * (bounds.count - 1) + parsed.count / 2)
      } else {
        statements += parsed
      }
    }
    return SourceFileSyntax(file: file, statements: statements, comments: [])
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

  /// One slot per part, each filled by one thread, read after all have finished.
  private final class Results: Sendable {
    private let slots: Mutex<[[StatementSyntax]?]>

    init(count: Int) {
      slots = Mutex(Array(repeating: nil, count: count))
    }

    func set(_ part: Int, _ statements: [StatementSyntax]?) {
      slots.withLock { $0[part] = statements }
    }

    func take(_ part: Int) -> [StatementSyntax]? {
      slots.withLock { slots in
        defer { slots[part] = nil }
        return slots[part]
      }
    }
  }
}
