import Glibc

/// Why the history file could not be read or written: the operation, the path and the
/// system's reason.
public struct HistoryFileError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Operation: Equatable, Sendable {
    case read
    case write
    /// Creating a missing directory above the file.
    case createDirectory(String)
  }

  public var operation: Operation
  public var path: String
  /// The `errno` of the failed call.
  public var code: Int32

  public var description: String {
    let reason = String(cString: strerror(code))
    switch operation {
    case .read: return "cannot read the history file \(path): \(reason)"
    case .write: return "cannot write the history file \(path): \(reason)"
    case .createDirectory(let directory):
      return "cannot create \(directory) for the history file \(path): \(reason)"
    }
  }
}

/// The history on disk: one entry per line, appended as lines are accepted, so several
/// sessions add to one file instead of overwriting each other.
///
/// The file and any missing parent directories are created private (0600 and 0700): history
/// can hold anything typed. A newline inside an entry (a multi-line input) is written `\n` and
/// a backslash `\\`, so each entry stays one line of the file.
public struct HistoryFile: Equatable, Sendable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// `$XDG_STATE_HOME/<application>/history`, or `~/.local/state/<application>/history`
  /// when `XDG_STATE_HOME` is unset, empty or relative (as the XDG spec says to ignore it);
  /// nil without a home directory.
  public static func defaultPath(
    application: String = "idx", environment: [String: String]
  ) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/" + application + "/history"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.local/state/" + application + "/history"
    }
    return nil
  }

  /// The default path from this process's environment.
  public static func defaultPath(application: String = "idx") -> String? {
    var environment: [String: String] = [:]
    for name in ["XDG_STATE_HOME", "HOME"] {
      if let value = getenv(name) { environment[name] = String(cString: value) }
    }
    return defaultPath(application: application, environment: environment)
  }

  /// The entries, oldest first; a missing file is an empty history.
  public func load() throws(HistoryFileError) -> [String] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return [] }
      throw failure(.read)
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(.read)
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes.split(separator: 0x0A).map { Self.decode(String(decoding: $0, as: UTF8.self)) }
  }

  /// Adds one entry at the end, creating the file (0600) and its directories (0700).
  public func append(_ entry: String) throws(HistoryFileError) {
    try createParentDirectories()
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw failure(.write) }
    defer { close(descriptor) }
    guard Self.writeAll(descriptor, Array((Self.encode(entry) + "\n").utf8)) else {
      throw failure(.write)
    }
  }

  /// Replaces the file with exactly these entries, atomically (a temporary file renamed over
  /// it), so a crash leaves the old history or the new one.
  public func rewrite(_ entries: [String]) throws(HistoryFileError) {
    try createParentDirectories()
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw failure(.write) }
    let text = entries.map { Self.encode($0) + "\n" }.joined()
    let written = Self.writeAll(descriptor, Array(text.utf8)) && fsync(descriptor) == 0
    let error = failure(.write)
    close(descriptor)
    guard written else {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let error = failure(.write)
      unlink(temporary)
      throw error
    }
  }

  /// Creates each missing directory above the file, private to the user.
  func createParentDirectories() throws(HistoryFileError) {
    let components = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
    var directory = path.hasPrefix("/") ? "" : "."
    for component in components {
      directory += "/" + component
      if mkdir(directory, 0o700) != 0 && errno != EEXIST {
        throw HistoryFileError(
          operation: .createDirectory(directory), path: path, code: errno)
      }
    }
  }

  private func failure(_ operation: HistoryFileError.Operation) -> HistoryFileError {
    HistoryFileError(operation: operation, path: path, code: errno)
  }

  /// Writes every byte, retrying after signals and short writes.
  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return false
      }
      offset += count
    }
    return true
  }

  /// One entry as one line: newline as `\n`, backslash as `\\`.
  static func encode(_ entry: String) -> String {
    var line = ""
    for scalar in entry.unicodeScalars {
      switch scalar {
      case "\\": line += "\\\\"
      case "\n": line += "\\n"
      default: line.unicodeScalars.append(scalar)
      }
    }
    return line
  }

  /// The inverse of `encode`; an unknown escape is kept as written.
  static func decode(_ line: String) -> String {
    var entry = ""
    var escaped = false
    for scalar in line.unicodeScalars {
      if escaped {
        switch scalar {
        case "n": entry += "\n"
        case "\\": entry += "\\"
        default: entry += "\\" + String(scalar)
        }
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else {
        entry.unicodeScalars.append(scalar)
      }
    }
    if escaped { entry += "\\" }
    return entry
  }
}
