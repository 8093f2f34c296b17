import FoundationEssentials
import Glibc

/// A fresh directory under the system's temporary folder, removed with everything in it when
/// the test is done.
final class TemporaryDirectory {
  let path: String

  init() {
    let base = FileManager.default.temporaryDirectory.path
    var template = Array((base + "/line-editor-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    path = made ?? base + "/line-editor-\(getpid())"
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Permission bits of a file or directory, or nil when it does not exist.
  static func mode(of path: String) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o777
  }

  static func contents(of path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  static func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }
}
