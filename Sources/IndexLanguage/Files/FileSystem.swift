import Synchronization

/// The only way the language reaches files: methodologies and the data they name.
///
/// Keeping I/O behind this protocol makes the language hermetic and lets tests run on
/// in-memory files. Paths are plain strings with `/` separators. The requirements added for
/// safety (`read(_:limit:)`, `writeAtomically(_:bytes:options:)`, `resolvedPath(_:)`) have
/// defaults built on the two original ones, so a small test file system only writes those.
public protocol FileSystem: Sendable {
  /// The bytes of a file, or an error that says why it cannot be read.
  func read(_ path: String) throws(FileError) -> [UInt8]
  /// The bytes of a regular file of at most `limit` bytes; anything else (a directory, a
  /// device, a FIFO, a socket, a bigger file) is refused without blocking.
  func read(_ path: String, limit: Int) throws(FileError) -> [UInt8]
  /// Replaces a file's contents atomically: readers see the old file or the new one.
  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError)
  /// The same, with control over read-only targets.
  func writeAtomically(_ path: String, bytes: [UInt8], options: WriteOptions) throws(FileError)
  /// The path with every symbolic link followed, as far as it exists: what decides whether
  /// a file lies inside a methodology's folder, and whether two paths are one file.
  func resolvedPath(_ path: String) -> String
  /// What tells the file's contents apart from any earlier contents, without reading it; nil
  /// when this file system cannot tell (the default), so nothing read from it is reused by a
  /// later compilation (`LoadedData.isCurrent(in:)`).
  func stamp(_ path: String) -> FileStamp?
}

/// A file's identity and version as its file system keeps them: on disk its size, device,
/// file number and modification and change times; in memory its size and write count.
public struct FileStamp: Sendable, Equatable {
  public var parts: [Int]

  public init(_ parts: [Int]) { self.parts = parts }
}

extension FileSystem {
  public func stamp(_ path: String) -> FileStamp? { nil }

  public func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
    let bytes = try read(path)
    guard bytes.count <= limit else { throw FileError.tooLarge(path, size: bytes.count, limit) }
    return bytes
  }

  public func writeAtomically(_ path: String, bytes: [UInt8], options: WriteOptions)
    throws(FileError)
  {
    try writeAtomically(path, bytes: bytes)
  }

  public func resolvedPath(_ path: String) -> String {
    Paths.normalize(path)
  }
}

/// How a write may treat the file it replaces.
public struct WriteOptions: Sendable, Equatable {
  /// Replace a file even when its permissions make it read-only (its mode is kept).
  public var force: Bool

  public init(force: Bool = false) {
    self.force = force
  }
}

/// Why a file could not be read or written.
public struct FileError: Error, Sendable, Equatable {
  /// The kinds of refusal a caller may want to tell apart.
  public enum Kind: Sendable, Equatable {
    /// The operating system said no (`reason` says why).
    case io
    /// Not a regular file: a directory, a device, a FIFO, a socket.
    case notRegular
    /// Larger than the limit for its kind.
    case tooLarge
    /// Outside the folders a methodology may read.
    case outsideRoot
    /// The file to replace is read-only and the write was not forced.
    case readOnly
  }

  public var path: String
  public var reason: String
  public var kind: Kind

  public init(path: String, reason: String, kind: Kind = .io) {
    self.path = path
    self.reason = reason
    self.kind = kind
  }

  /// A file above its size limit, with both sizes in words.
  public static func tooLarge(_ path: String, size: Int, _ limit: Int) -> FileError {
    FileError(
      path: path,
      reason: "it is \(ByteCount.describe(size)), above the limit of \(ByteCount.describe(limit))",
      kind: .tooLarge)
  }
}

/// Files held in memory, for tests and for the REPL's unsaved buffers.
public final class MemoryFileSystem: FileSystem, Sendable {
  /// Each file's bytes and the write that made them (`writes` at the time), for `stamp`.
  private struct Contents {
    var files: [String: (bytes: [UInt8], write: Int)] = [:]
    var writes = 0

    mutating func set(_ path: String, _ bytes: [UInt8]) {
      writes += 1
      files[Paths.normalize(path)] = (bytes, writes)
    }
  }

  private let contents: Mutex<Contents>

  public init(_ files: [String: String] = [:]) {
    var contents = Contents()
    for (path, text) in files { contents.set(path, Array(text.utf8)) }
    self.contents = Mutex(contents)
  }

  public func read(_ path: String) throws(FileError) -> [UInt8] {
    let bytes = contents.withLock { $0.files[Paths.normalize(path)]?.bytes }
    guard let bytes else { throw FileError(path: path, reason: "no such file or directory") }
    return bytes
  }

  public func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    contents.withLock { $0.set(path, bytes) }
  }

  /// The file's size and the number of the write that made it.
  public func stamp(_ path: String) -> FileStamp? {
    contents.withLock { contents in
      contents.files[Paths.normalize(path)].map { FileStamp([$0.bytes.count, $0.write]) }
    }
  }

  /// Adds or replaces a file.
  public func set(_ path: String, _ text: String) {
    contents.withLock { $0.set(path, Array(text.utf8)) }
  }

  /// Adds or replaces a file with raw bytes.
  public func set(_ path: String, bytes: [UInt8]) {
    contents.withLock { $0.set(path, bytes) }
  }
}

/// Sizes in words people read: `16 MiB`, `1 GiB`, `812 bytes`.
public enum ByteCount {
  /// `bytes` in the largest binary unit that keeps it at least 1.
  public static func describe(_ bytes: Int) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB"]
    guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return text + " " + units[unit]
  }

  /// Reads `512`, `64K`, `16M`, `16MiB`, `1G`, `2GB` (binary units); nil for anything else.
  public static func parse(_ text: String) -> Int? {
    let lower = text.lowercased()
    var number = Substring(lower)
    var factor = 1
    for (letter, value) in [("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("t", 1 << 40)] {
      if let spelling = [letter + "ib", letter + "b", letter].first(where: lower.hasSuffix) {
        number = number.dropLast(spelling.count)
        factor = value
        break
      }
    }
    guard let count = Int(number), count >= 0 else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: factor)
    return overflow ? nil : bytes
  }
}
