import Foundation
import Glibc
import Testing

@testable import IndexLanguage

/// A loaded table is current while its files keep their stamps, and a file system that
/// cannot stamp its files never lets one be reused.
@Suite struct FileStampTests {
  static let methodology = """
    index e { members { papers } }
    data d = csv("data.csv") { key: code }
    indicator papers { value: d.papers, normalize: minmax }

    """

  /// Memory files whose stamps are unknown (the protocol's default).
  struct UnstampedFileSystem: FileSystem {
    let base: MemoryFileSystem
    func read(_ path: String) throws(FileError) -> [UInt8] { try base.read(path) }
    func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
      try base.writeAtomically(path, bytes: bytes)
    }
  }

  @Test func loadedDataIsCurrentUntilAFileIsWritten() throws {
    let files = MemoryFileSystem([
      "/w/data.csv": "code,papers\nUS,1\nCN,2\n", "/w/e.idx": Self.methodology,
    ])
    let compilation = compile(path: "/w/e.idx", fileSystem: files)
    let data = try #require(compilation.data)
    #expect(data.isCurrent(in: files))
    // Writing the methodology does not touch the data.
    files.set("/w/e.idx", "// moved\n" + Self.methodology)
    #expect(data.isCurrent(in: files))
    // The same bytes written again are a new version: the stamp cannot know they are equal.
    files.set("/w/data.csv", "code,papers\nUS,1\nCN,2\n")
    #expect(!data.isCurrent(in: files))
    let unstamped = UnstampedFileSystem(base: files)
    let again = try #require(compile(path: "/w/e.idx", fileSystem: unstamped).data)
    #expect(!again.isCurrent(in: unstamped))
  }

  /// A report of loading placed in the methodology (here a pin that does not match) would be
  /// at a stale place once the text above it changes, so such data is never current.
  @Test func dataWithAReportInTheMethodologyIsNotCurrent() throws {
    let pinned = Self.methodology.replacingOccurrences(
      of: "{ key: code }", with: "{ key: code, pin: \"sha256:00\" }")
    let files = MemoryFileSystem(["/w/data.csv": "code,papers\nUS,1\nCN,2\n", "/w/e.idx": pinned])
    let compilation = compile(path: "/w/e.idx", fileSystem: files)
    #expect(compilation.diagnostics.contains { $0.primary?.span.file.path == "/w/e.idx" })
    let data = try #require(compilation.data)
    #expect(!data.isCurrent(in: files))
  }

  /// What loading reports inside the data file itself stays right while the file is
  /// unchanged: such data is current.
  @Test func dataWithAReportInTheDataFileIsCurrent() throws {
    let files = MemoryFileSystem([
      "/w/data.csv": "code,papers\nUS,1\nCN,abc\nFR,3\n", "/w/e.idx": Self.methodology,
    ])
    let compilation = compile(path: "/w/e.idx", fileSystem: files)
    #expect(compilation.diagnostics.contains { $0.primary?.span.file.path == "/w/data.csv" })
    let data = try #require(compilation.data)
    #expect(data.isCurrent(in: files))
  }

  @Test func aDiskFileIsStampedAndItsStampChangesWithAWrite() throws {
    var template = Array("/tmp/idx-stamp-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    let directory = try #require(made)
    defer {
      unlink(directory + "/a.csv")
      rmdir(directory)
    }
    let disk = DiskFileSystem()
    let path = directory + "/a.csv"
    #expect(disk.stamp(path) == nil)
    try disk.writeAtomically(path, bytes: Array("a\n1\n".utf8))
    let first = try #require(disk.stamp(path))
    #expect(disk.stamp(path) == first)
    try disk.writeAtomically(path, bytes: Array("a\n2\n".utf8))
    #expect(disk.stamp(path) != first)
    #expect(disk.stamp(directory) == nil)
  }
}
