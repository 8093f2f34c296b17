import IndexLanguage

/// The files the language sees while editing: open documents' unsaved text first, then the
/// real files.
///
/// A snapshot: built for one analysis, so a compile never sees a buffer change half-way.
struct OverlayFileSystem: FileSystem {
  let base: any FileSystem
  /// Open buffers by normalized path.
  let buffers: [String: [UInt8]]

  func read(_ path: String) throws(FileError) -> [UInt8] {
    if let bytes = buffers[Paths.normalize(path)] { return bytes }
    return try base.read(path)
  }

  /// The file's stamp on disk; none for an open buffer, whose unsaved text is not reused.
  func stamp(_ path: String) -> FileStamp? {
    buffers[Paths.normalize(path)] == nil ? base.stamp(path) : nil
  }

  /// The server never writes; this passes through for completeness of the protocol.
  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    try base.writeAtomically(path, bytes: bytes)
  }
}
