import Glibc
import Testing

@testable import IndexLanguage

/// `DiskFileSystem.read` fills uninitialized memory: every byte read must be the file's, for
/// files of every size around its buffer, files that report no size, and over the limit.
@Suite struct DiskFileSystemReadTests {
  /// A file with these bytes in a fresh temporary folder; removed by `body`'s end.
  static func withFile<R>(_ bytes: [UInt8], _ body: (String) throws -> R) rethrows -> R {
    var template = Array("/tmp/idx-read-XXXXXX".utf8CString)
    let folder = template.withUnsafeMutableBufferPointer { buffer -> String in
      guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return "/tmp" }
      return String(cString: made)
    }
    let path = folder + "/data.csv"
    let file = fopen(path, "wb")
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    defer {
      unlink(path)
      rmdir(folder)
    }
    return try body(path)
  }

  /// Bytes that differ from position to position, so a byte out of place is seen.
  static func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 8 &+ 7) }
  }

  @Test(arguments: [0, 1, 2, 4095, 4096, 65_535, 65_536, 65_537, 1 << 20, 3_000_001])
  func readsEveryByte(size: Int) throws {
    let bytes = Self.pattern(size)
    let read = try Self.withFile(bytes) { try DiskFileSystem().read($0) }
    #expect(read == bytes)
  }

  /// Files in /proc say they have 0 bytes and have more: they are read to their end.
  @Test func readsFilesThatReportNoSize() throws {
    let status = try DiskFileSystem().read("/proc/self/status")
    let text = String(decoding: status, as: UTF8.self)
    #expect(text.hasPrefix("Name:"))
    #expect(text.contains("VmRSS:") || text.contains("State:"))
    #expect(status.count > 100)
  }

  @Test func refusesFilesOverTheLimit() throws {
    try Self.withFile(Self.pattern(100)) { path throws in
      let read = try DiskFileSystem().read(path, limit: 100)
      #expect(read == Self.pattern(100))
      #expect(throws: FileError.tooLarge(path, size: 100, 99)) {
        try DiskFileSystem().read(path, limit: 99)
      }
    }
    #expect {
      try DiskFileSystem().read("/proc/self/status", limit: 10)
    } throws: { error in
      (error as? FileError)?.kind == .tooLarge
    }
  }

  @Test func reportsAMissingFile() {
    #expect {
      try DiskFileSystem().read("/tmp/idx-no-such-file-\(getpid())")
    } throws: { error in
      (error as? FileError)?.reason == "no such file or directory"
    }
  }
}
