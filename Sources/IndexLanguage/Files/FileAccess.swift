/// How much a methodology may read, and from where.
///
/// The defaults are far above any real index (the ASEM methodology is 6 KB, its data 60 KB)
/// and far below what would exhaust a laptop; the command line can raise them.
public struct FileLimits: Sendable, Equatable {
  /// Largest methodology file (`.idx`), in bytes.
  public var methodologyBytes: Int
  /// Largest data file, in bytes.
  public var dataBytes: Int
  /// Most methodology files one compilation reads (the file itself, bases and libraries).
  public var files: Int

  public static let defaultMethodologyBytes = 16 << 20
  public static let defaultDataBytes = 1 << 30
  public static let defaultFiles = 256

  public init(
    methodologyBytes: Int = defaultMethodologyBytes, dataBytes: Int = defaultDataBytes,
    files: Int = defaultFiles
  ) {
    self.methodologyBytes = methodologyBytes
    self.dataBytes = dataBytes
    self.files = files
  }
}

/// What a compilation is allowed to read, beyond the file it was given.
public struct CompileOptions: Sendable, Equatable {
  /// Folders besides the methodology's own whose files it may name (`--root DIR`).
  public var roots: [String]
  public var limits: FileLimits

  public init(roots: [String] = [], limits: FileLimits = FileLimits()) {
    self.roots = roots
    self.limits = limits
  }
}

/// The gate every file a methodology names passes through.
///
/// Each file is resolved relative to the file that names it, symbolic links followed, then required to lie inside one of the roots
/// (the folder of the file given on the command line, and any `--root`), to be a regular
/// file and to fit its size limit. A file outside is never opened, so nothing of it can
/// reach a diagnostic.
public struct FileAccess: Sendable {
  /// What a file is read as, which decides its size limit.
  public enum Kind: Sendable {
    case methodology
    case data
  }

  /// A file named in a methodology, located but not yet read.
  public struct Location: Sendable, Equatable {
    /// As written in the methodology (`"../data/x.csv"`).
    public var written: String
    /// Resolved against the naming file, without following links: shown in diagnostics.
    public var path: String
    /// With links followed: the file's identity, and what the roots are checked against.
    public var key: String
  }

  public let fileSystem: any FileSystem
  public let limits: FileLimits
  /// Resolved folders inside which every named file must lie.
  public let roots: [String]
  /// The roots as the user wrote them, for messages.
  public let rootsAsWritten: [String]

  /// The access of a compilation of `file`: its own folder plus `options.roots`.
  public init(fileSystem: any FileSystem, file: String, options: CompileOptions = .init()) {
    self.fileSystem = fileSystem
    self.limits = options.limits
    let folders = [Paths.directory(of: file)] + options.roots
    rootsAsWritten = folders
    roots = folders.map { fileSystem.resolvedPath($0) }
  }

  /// Where `written`, named in `referrer`, points.
  public func locate(_ written: String, from referrer: String) -> Location {
    let path = Paths.resolve(written, from: referrer)
    return Location(written: written, path: path, key: fileSystem.resolvedPath(path))
  }

  /// Whether a located file lies inside a root.
  public func permits(_ location: Location) -> Bool {
    roots.contains { Paths.isInside(location.key, folder: $0) }
  }

  /// The bytes of a located file, if it is inside a root, regular and small enough.
  public func read(_ location: Location, as kind: Kind) throws(FileError) -> [UInt8] {
    guard permits(location) else {
      throw FileError(
        path: location.written, reason: "it is outside the folders this methodology may read",
        kind: .outsideRoot)
    }
    return try readUnchecked(location.key, shownAs: location.path, as: kind)
  }

  /// The located file's stamp (`FileSystem.stamp`), taken before it is read.
  public func stamp(_ location: Location) -> FileStamp? {
    fileSystem.stamp(location.key)
  }

  /// The file given on the command line, which defines the first root.
  public func readRoot(_ path: String) throws(FileError) -> [UInt8] {
    try readUnchecked(path, shownAs: path, as: .methodology)
  }

  /// Opens the resolved path (so a link changed after the check is not followed anew) and
  /// names the path as the user sees it in any error.
  private func readUnchecked(_ path: String, shownAs shown: String, as kind: Kind)
    throws(FileError) -> [UInt8]
  {
    let limit = kind == .methodology ? limits.methodologyBytes : limits.dataBytes
    do {
      return try fileSystem.read(path, limit: limit)
    } catch {
      var error = error
      error.path = shown
      throw error
    }
  }
}
