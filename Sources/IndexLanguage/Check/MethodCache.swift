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

  /// The normalizer of `value`, from the cache or read by `interpreter` (and kept when it gave
  /// no diagnostic).
  mutating func normalizer(
    _ value: Located<ExprSyntax>, target: Double?, interpreter: inout Interpreter
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
