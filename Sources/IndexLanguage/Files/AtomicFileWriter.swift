import Glibc

/// Replaces a file so that readers see the old contents or the new, never half of them, and
/// so that nothing planted in the folder can redirect the write.
///
/// The steps: follow a symbolic link at the target to the file it names (the link stays a
/// link); refuse anything but a regular file, and a read-only one unless forced; create a
/// temporary file next to the target with `O_CREAT | O_EXCL | O_NOFOLLOW` under a random name
/// (a file or link already at that name is never opened: another name is tried); give it the
/// target's mode and, where permitted, its owner; write, `fsync`, close, `rename` over the
/// target, and `fsync` the folder. Every failure removes the temporary file, and so do SIGINT,
/// SIGTERM and SIGHUP arriving during the write (`InterruptCleanup`). A temporary file left by
/// `kill -9` cannot be prevented; its name carries the writer's process id, and the next
/// write to the same target removes those whose process is gone.
///
/// `fmt`, `:save`, `report` and `import` are meant to write through this too, by way of
/// `FileSystem.writeAtomically`.
struct AtomicFileWriter {
  let path: String
  let options: WriteOptions
  let names: @Sendable () -> String

  /// Names tried before giving up: each collision means something else is at a random name.
  static let attempts = 64

  /// 16 random hex digits.
  static let randomName: @Sendable () -> String = {
    var generator = SystemRandomNumberGenerator()
    let value = generator.next() as UInt64
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
  }

  /// The prefix of every temporary name for `target`'s last component.
  static func temporaryPrefix(_ name: String) -> String {
    "." + name + ".idx-tmp."
  }

  mutating func write(_ bytes: [UInt8]) throws(FileError) {
    let (target, existing) = try resolveTarget()
    let folder = Paths.directory(of: target)
    let name = Paths.name(of: target)
    Self.removeStaleTemporaries(in: folder, for: name)
    let (descriptor, temporary, slot) = try createTemporary(folder: folder, name: name, existing)
    var closed = false
    func fail(_ error: FileError) -> FileError {
      if !closed { close(descriptor) }
      unlink(temporary)
      InterruptCleanup.release(slot)
      return error
    }
    if let existing {
      // The owner can only be kept by a privileged writer; anyone keeps the mode.
      _ = fchown(descriptor, existing.st_uid, existing.st_gid)
      guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else { throw fail(error()) }
    }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw fail(error())
      }
      offset += written
    }
    guard fsync(descriptor) == 0 else { throw fail(error()) }
    closed = true
    guard close(descriptor) == 0 else { throw fail(error()) }
    guard rename(temporary, target) == 0 else { throw fail(error()) }
    InterruptCleanup.release(slot)
    Self.syncFolder(folder)
  }

  /// The file to replace (a symbolic link's target) and its status, nil when it is new.
  private func resolveTarget() throws(FileError) -> (String, stat?) {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      guard errno == ENOENT else { throw error() }
      return (path, nil)
    }
    var target = path
    if status.st_mode & S_IFMT == S_IFLNK {
      guard let real = DiskFileSystem.realPath(path), stat(real, &status) == 0 else {
        throw FileError(path: path, reason: "it is a symbolic link to nothing", kind: .notRegular)
      }
      target = real
    }
    try DiskFileSystem.requireRegular(path, status)
    let readOnly = status.st_mode & 0o222 == 0 || access(target, W_OK) != 0
    if readOnly && !options.force {
      throw FileError(path: path, reason: "it is read-only", kind: .readOnly)
    }
    return (target, status)
  }

  /// Creates the temporary file, registered for removal on interruption before any signal
  /// can see it half-made.
  private func createTemporary(folder: String, name: String, _ existing: stat?)
    throws(FileError) -> (Int32, String, Int?)
  {
    let mode = existing.map { $0.st_mode & 0o777 } ?? 0o666
    // Long names are cut so the temporary name stays within NAME_MAX.
    let stem = String(decoding: Array(name.utf8).prefix(180), as: UTF8.self)
    for _ in 0..<Self.attempts {
      let temporary =
        (folder == "/" ? "" : folder) + "/" + Self.temporaryPrefix(stem) + "\(getpid())."
        + names()
      let blocked = InterruptCleanup.blockSignals()
      let descriptor = open(
        temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
      let failure = errno
      let slot = descriptor >= 0 ? InterruptCleanup.claim(temporary) : nil
      InterruptCleanup.restoreSignals(blocked)
      if descriptor >= 0 { return (descriptor, temporary, slot) }
      // Something is already there (perhaps a planted link): never touch it, pick another.
      guard failure == EEXIST || failure == ELOOP else {
        errno = failure
        throw error()
      }
    }
    throw FileError(
      path: path, reason: "no free temporary name in \(folder) after \(Self.attempts) tries")
  }

  /// Removes temporary files for `name` whose writing process no longer exists.
  static func removeStaleTemporaries(in folder: String, for name: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = temporaryPrefix(String(decoding: Array(name.utf8).prefix(180), as: UTF8.self))
    while let entry = readdir(directory) {
      let entryName = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
          String(cString: $0)
        }
      }
      guard entryName.hasPrefix(prefix) else { continue }
      let rest = entryName.dropFirst(prefix.count).split(separator: ".")
      guard rest.count == 2, let pid = Int32(rest[0]), pid > 0, pid != getpid() else { continue }
      // Alive (or not ours to signal): leave it alone.
      if kill(pid, 0) == 0 || errno != ESRCH { continue }
      let full = (folder == "/" ? "" : folder) + "/" + entryName
      var status = stat()
      guard lstat(full, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        status.st_uid == getuid()
      else { continue }
      unlink(full)
    }
  }

  /// Makes the rename durable; a folder that cannot be synced is not an error.
  private static func syncFolder(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  private func error() -> FileError {
    DiskFileSystem.error(path)
  }
}
