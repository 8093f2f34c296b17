import Glibc
import Synchronization

/// The only way the language reaches files: methodologies and the data they name.
///
/// Keeping I/O behind this protocol makes the language hermetic and lets tests run on
/// in-memory files. Paths are plain strings with `/` separators.
public protocol FileSystem: Sendable {
  /// The bytes of a file, or an error that says why it cannot be read.
  func read(_ path: String) throws(FileError) -> [UInt8]
  /// Replaces a file's contents atomically: readers see the old file or the new one.
  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError)
}

/// Why a file could not be read or written.
public struct FileError: Error, Sendable, Equatable {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
}

/// The real file system, through the C library (no Foundation at start-up).
public struct DiskFileSystem: FileSystem {
  public init() {}

  public func read(_ path: String) throws(FileError) -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw error(path) }
    defer { fclose(file) }
    var status = stat()
    if fstat(fileno(file), &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      throw FileError(path: path, reason: "is a directory")
    }
    var bytes: [UInt8] = []
    if status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
      if count < buffer.count {
        if ferror(file) != 0 { throw error(path) }
        break
      }
    }
    return bytes
  }

  public func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "wb") else { throw error(path) }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
    fclose(file)
    guard written == bytes.count, flushed, rename(temporary, path) == 0 else {
      let failure = error(path)
      unlink(temporary)
      throw failure
    }
  }

  private func error(_ path: String) -> FileError {
    let reason = String(cString: strerror(errno)).lowercased()
    return FileError(path: path, reason: reason)
  }
}

/// Files held in memory, for tests and for the REPL's unsaved buffers.
public final class MemoryFileSystem: FileSystem, Sendable {
  private let files: Mutex<[String: [UInt8]]>

  public init(_ files: [String: String] = [:]) {
    var normalized: [String: [UInt8]] = [:]
    for (path, text) in files { normalized[Paths.normalize(path)] = Array(text.utf8) }
    self.files = Mutex(normalized)
  }

  public func read(_ path: String) throws(FileError) -> [UInt8] {
    let bytes = files.withLock { $0[Paths.normalize(path)] }
    guard let bytes else { throw FileError(path: path, reason: "no such file or directory") }
    return bytes
  }

  public func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    files.withLock { $0[Paths.normalize(path)] = bytes }
  }

  /// Adds or replaces a file.
  public func set(_ path: String, _ text: String) {
    files.withLock { $0[Paths.normalize(path)] = Array(text.utf8) }
  }

  /// Adds or replaces a file with raw bytes.
  public func set(_ path: String, bytes: [UInt8]) {
    files.withLock { $0[Paths.normalize(path)] = bytes }
  }
}

/// Path arithmetic without Foundation.
public enum Paths {
  /// The folder part of a path (`"a/b.idx"` → `"a"`, `"b.idx"` → `"."`).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// `relative` resolved against the folder of `file` (absolute paths stay as they are).
  public static func resolve(_ relative: String, from file: String) -> String {
    if relative.hasPrefix("/") { return normalize(relative) }
    let base = directory(of: file)
    return normalize(base == "." ? relative : base + "/" + relative)
  }

  /// Removes `.` and `a/..` components and doubled slashes.
  public static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      if part == ".." && absolute { continue }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
