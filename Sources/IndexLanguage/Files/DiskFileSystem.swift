import Glibc

/// The real file system, through the C library (no Foundation at start-up).
///
/// Reading is defensive: only regular files are read, their type is checked before opening
/// (so a device is never opened) and again on the open descriptor (so a file swapped in
/// between is caught), the open is non-blocking (a FIFO nobody writes to cannot hang it),
/// and a size limit stops `/dev/zero`-like surprises and files that grow while read.
/// Writing goes through `AtomicFileWriter`.
public struct DiskFileSystem: FileSystem {
  /// Where temporary names for atomic writes come from; random unless a test chooses.
  let temporaryNames: @Sendable () -> String

  public init() {
    temporaryNames = AtomicFileWriter.randomName
  }

  /// How many temporary names a write tries before it gives up.
  public static let temporaryNameAttempts = AtomicFileWriter.attempts

  /// A file system whose atomic writes draw temporary names from `temporaryNames`, so a test
  /// can plant a file or link at every name the writer will try.
  public init(temporaryNames: @escaping @Sendable () -> String) {
    self.temporaryNames = temporaryNames
  }

  public func read(_ path: String) throws(FileError) -> [UInt8] {
    try read(path, limit: Int.max)
  }

  /// The regular file's size, device, file number, and modification and change times (a
  /// write changes the change time even when it sets the modification time back).
  public func stamp(_ path: String) -> FileStamp? {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    return FileStamp([
      Int(status.st_size), Int(status.st_dev), Int(status.st_ino),
      Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec),
      Int(status.st_ctim.tv_sec), Int(status.st_ctim.tv_nsec),
    ])
  }

  public func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
    var status = stat()
    guard stat(path, &status) == 0 else { throw Self.error(path) }
    try Self.requireRegular(path, status)
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { throw Self.error(path) }
    defer { close(descriptor) }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0 else { throw Self.error(path) }
    try Self.requireRegular(path, opened)
    let size = Int(opened.st_size)
    if size > limit { throw FileError.tooLarge(path, size: size, limit) }
    // One byte more than the limit tells a file that grew past it while being read (and
    // files such as those in /proc report a size of 0).
    let ceiling = limit < Int.max ? limit + 1 : Int.max
    // The file's size and one byte more, read into uninitialized memory: filling it with
    // zeros first was a pass over the whole file for nothing (a data file of 8 MB).
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }
      while initialized < buffer.count {
        let got = Glibc.read(descriptor, base + initialized, buffer.count - initialized)
        if got < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if got == 0 { return }
        initialized += got
      }
    }
    if failure != 0 {
      errno = failure
      throw Self.error(path)
    }
    // A full buffer means the file is longer than it said (files in /proc say 0): read on.
    var count = bytes.count
    var more = count == size + 1
    while more {
      if count == bytes.count {
        guard count < ceiling else { throw FileError.tooLarge(path, size: count, limit) }
        bytes.append(contentsOf: repeatElement(0, count: min(max(count, 1 << 16), ceiling - count)))
      }
      let got = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw Self.error(path)
      }
      if got == 0 {
        more = false
      } else {
        count += got
      }
    }
    if count > limit { throw FileError.tooLarge(path, size: count, limit) }
    bytes.removeSubrange(count...)
    return bytes
  }

  public func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    try writeAtomically(path, bytes: bytes, options: WriteOptions())
  }

  public func writeAtomically(_ path: String, bytes: [UInt8], options: WriteOptions)
    throws(FileError)
  {
    var writer = AtomicFileWriter(path: path, options: options, names: temporaryNames)
    try writer.write(bytes)
  }

  /// The path with links followed, without reading the file.
  ///
  /// `realpath(3)` when the file exists; otherwise its folder resolved and the name appended;
  /// otherwise the path made absolute.
  public func resolvedPath(_ path: String) -> String {
    if let real = Self.realPath(path) { return real }
    let name = Paths.name(of: path)
    if name != "..", name != ".", let folder = Self.realPath(Paths.directory(of: path)) {
      return Paths.normalize(folder + "/" + name)
    }
    if path.hasPrefix("/") { return Paths.normalize(path) }
    return Paths.normalize((Self.realPath(".") ?? "/") + "/" + path)
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Refuses anything but a regular file, naming what it is instead.
  static func requireRegular(_ path: String, _ status: stat) throws(FileError) {
    let what: String
    switch status.st_mode & S_IFMT {
    case S_IFREG: return
    case S_IFDIR: what = "a directory"
    case S_IFIFO: what = "a FIFO (named pipe)"
    case S_IFSOCK: what = "a socket"
    case S_IFCHR: what = "a character device"
    case S_IFBLK: what = "a block device"
    default: what = "a special file"
    }
    throw FileError(path: path, reason: "it is \(what), not a regular file", kind: .notRegular)
  }

  /// The current `errno` as a reason in lower case (`no such file or directory`).
  static func error(_ path: String) -> FileError {
    let reason = String(cString: strerror(errno)).lowercased()
    return FileError(path: path, reason: reason)
  }
}
