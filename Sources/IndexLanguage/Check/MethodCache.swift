import Diagnostics
import ScoringEngine

/// Normalizers already read, by what was written: ten thousand indicators that all say
/// `normalize: minmax(0, 100)` go through the method library once.
///
/// Only values whose meaning is fixed by what the key holds are kept: a method name, or a call
/// with up to three positional arguments that are plain numbers (`minmax(0, 100)`,
/// `goalposts(20, 85)`), and the indicator's `target:`, which a bare `dist2target` reads. A
/// value that gave a diagnostic is never kept, so every mistake is still reported where it is
/// written, once per place.
struct MethodCache {
  /// What a simple method value is: its name, its numbers and whether each was a percentage.
  struct Key: Hashable {
    var name: String
    var isCall = false
    var count: UInt8 = 0
    var percents: UInt8 = 0
    var numbers: SIMD3<UInt64> = .zero
    var target: UInt64?

    /// The key of a value, or nil when it is not simple enough to have one.
    init?(_ value: ExprSyntax, target: Double?) {
      self.target = target?.bitPattern
      switch value.kind {
      case .name(let name):
        self.name = name
      case .call(let function, let arguments):
        guard arguments.count <= 3 else { return nil }
        name = function.text
        isCall = true
        for (position, argument) in arguments.enumerated() {
          guard argument.label == nil else { return nil }
          switch argument.value.kind {
          case .number(let number):
            numbers[position] = number.bitPattern
          case .percent(let number):
            numbers[position] = number.bitPattern
            percents |= 1 << UInt8(position)
          default:
            return nil
          }
        }
        count = UInt8(arguments.count)
      default:
        return nil
      }
    }
  }

  private var normalizers: [Key: Normalizer] = [:]

  /// The last normalizer read without a diagnostic, with the file and text it was written as
  /// and the target it was read with: indicators written one after another mostly repeat one
  /// value, and a comparison of a few bytes costs less than decoding the value to make its key.
  ///
  /// In a file the parser read, the same text is the same expression, so it has the same
  /// meaning and, like the value it was read from, no diagnostic. Only such files take part: a
  /// metadata table's rows hold expressions the table made (`src.column` spanning a cell that
  /// reads `column`), whose text is not what they mean.
  private var last: (file: UInt, text: [UInt8], target: UInt64?, normalizer: Normalizer)?

  /// The methodology's own files (every expression in them parsed from its text), by the
  /// address of their bytes: a table's bytes are read apart, so they never share it.
  var parsedFiles: [UInt] = []

  /// The address of a file's bytes, which its copies share: the file's identity.
  static func address(_ file: SourceFile) -> UInt {
    file.bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
  }

  /// The normalizer of `value`, from the cache or read by `interpreter` (and kept when it gave
  /// no diagnostic).
  mutating func normalizer(
    _ value: Located<ExprSyntax>, target: Double?, interpreter: inout Interpreter
  ) -> Normalizer? {
    let range = value.value.range
    let bytes = value.file.bytes
    guard range.end <= bytes.count else { return read(value, target: target, &interpreter) }
    let text = bytes[range.start..<range.end]
    let file = Self.address(value.file)
    if let last, last.file == file, last.target == target?.bitPattern,
      last.text.elementsEqual(text)
    {
      return last.normalizer
    }
    let reported = interpreter.diagnostics.count
    let normalizer = read(value, target: target, &interpreter)
    if let normalizer, interpreter.diagnostics.count == reported, parsedFiles.contains(file) {
      last = (file, Array(text), target?.bitPattern, normalizer)
    }
    return normalizer
  }

  /// `normalizer` through the cache by key.
  private mutating func read(
    _ value: Located<ExprSyntax>, target: Double?, _ interpreter: inout Interpreter
  ) -> Normalizer? {
    let key = Key(value.value, target: target)
    if let key, let known = normalizers[key] { return known }
    let reported = interpreter.diagnostics.count
    let normalizer = interpreter.normalizer(value, target: target)
    if let key, let normalizer, interpreter.diagnostics.count == reported {
      normalizers[key] = normalizer
    }
    return normalizer
  }
}
