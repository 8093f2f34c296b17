import Glibc

/// Why `readLine()` could not read a line: the terminal failed, or a signal that ends the
/// program arrived while reading and the program chose to survive it.
public enum LineEditorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A system call on the terminal failed (`read`, `write`, `tcsetattr`, …) with `errno`.
  case io(operation: String, code: Int32)
  /// SIGTERM, SIGHUP or SIGQUIT arrived; the terminal was restored and the signal re-raised.
  case signal(Int32)

  public var description: String {
    switch self {
    case .io(let operation, let code):
      return "terminal \(operation) failed: \(String(cString: strerror(code)))"
    case .signal(let number):
      return "interrupted by signal \(number)"
    }
  }
}
