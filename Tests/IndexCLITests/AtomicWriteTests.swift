import Foundation
import Glibc
import IndexCLI
import IndexLanguage
import Synchronization
import Testing

/// Files the tool writes are replaced atomically, through no planted link, keeping their
/// mode, line endings and links; interrupted writes leave nothing behind; failed writes to
/// standard output are exit code 2.
@Suite struct AtomicWriteTests {
  typealias Folder = FileAccessTests.Folder

  /// Temporary names `n0`, `n1`, … in order, so a test knows every name the writer tries.
  final class Names: Sendable {
    let next = Mutex(0)
    func take() -> String {
      next.withLock { count in
        defer { count += 1 }
        return "n\(count)"
      }
    }
  }

  static func read(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }

  static func mode(_ path: String) -> mode_t {
    var status = stat()
    stat(path, &status)
    return status.st_mode & 0o7777
  }

  static func isLink(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
  }

  static func entries(_ folder: String) -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
  }

  /// A methodology with a data block to pin, and its data.
  static func pinnable(_ folder: Folder, name: String = "m.idx", newline: String = "\n") {
    folder.write("data.csv", "code,year,x\nA,2024,1\nB,2024,2\n")
    let text =
      FileAccessTests.methodology + "data d = csv(\"data.csv\") {\n key: code\n period: year\n}\n"
    folder.write(name, text.replacingOccurrences(of: "\n", with: newline))
  }

  @Test func aPlantedLinkAtEveryNameTheWriterTriesIsNeverFollowed() throws {
    let folder = Folder()
    folder.write("victim.txt", "victim")
    folder.write("target.idx", "old")
    let pid = getpid()
    let prefix = ".target.idx.idx-tmp.\(pid)."
    for number in 0..<5 { folder.link(prefix + "n\(number)", to: folder.path + "/victim.txt") }
    folder.write(prefix + "n5", "someone else's file")
    // The name the writer used to choose, and a link to a file that does not exist.
    folder.link("target.idx.tmp-\(pid)", to: folder.path + "/victim.txt")
    folder.link(prefix + "n6", to: folder.path + "/nowhere")
    let before = Self.entries(folder.path)
    let names = Names()
    let disk = DiskFileSystem(temporaryNames: { names.take() })
    try disk.writeAtomically(folder.path + "/target.idx", bytes: Array("new".utf8))
    #expect(Self.read(folder.path + "/target.idx") == "new")
    #expect(Self.read(folder.path + "/victim.txt") == "victim")
    #expect(Self.read(folder.path + "/" + prefix + "n5") == "someone else's file")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/nowhere"))
    for number in [0, 1, 2, 3, 4, 6] {
      #expect(Self.isLink(folder.path + "/" + prefix + "n\(number)"))
    }
    // Nothing new is left: the eighth name was written and renamed onto the target.
    #expect(Self.entries(folder.path) == before)

    // With every name taken, the write fails and changes nothing.
    for number in 0..<DiskFileSystem.temporaryNameAttempts {
      folder.link(prefix + "m\(number)", to: folder.path + "/victim.txt")
    }
    let taken = Names()
    let blocked = DiskFileSystem(temporaryNames: { "m" + taken.take().dropFirst() })
    #expect(throws: FileError.self) {
      try blocked.writeAtomically(folder.path + "/target.idx", bytes: Array("newer".utf8))
    }
    #expect(Self.read(folder.path + "/target.idx") == "new")
    #expect(Self.read(folder.path + "/victim.txt") == "victim")
  }

  @Test func aReadOnlyTargetIsRefusedUnlessForcedAndKeepsItsMode() {
    let folder = Folder()
    Self.pinnable(folder)
    let file = folder.path + "/m.idx"
    let original = Self.read(file)
    chmod(file, 0o444)
    let refused = FileAccessTests.idx(["pin", file])
    #expect(refused.code == 2)
    #expect(refused.stderr.contains("read-only"))
    #expect(refused.stderr.contains("--force"))
    #expect(Self.read(file) == original)
    let forced = FileAccessTests.idx(["pin", file, "--force"])
    #expect(forced.code == 0, "\(forced.stderr)")
    #expect(Self.read(file)?.contains("pin: \"sha256:") == true)
    #expect(Self.mode(file) == 0o444)
  }

  @Test func theModeOfTheFileIsKept() {
    for mode: mode_t in [0o600, 0o640, 0o755] {
      let folder = Folder()
      Self.pinnable(folder)
      let file = folder.path + "/m.idx"
      chmod(file, mode)
      #expect(FileAccessTests.idx(["pin", file]).code == 0)
      #expect(Self.mode(file) == mode)
    }
  }

  @Test func aSymlinkedMethodologyStaysALink() {
    let folder = Folder()
    Self.pinnable(folder, name: "real.idx")
    folder.link("link.idx", to: folder.path + "/real.idx")
    let outcome = FileAccessTests.idx(["pin", folder.path + "/link.idx"])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(Self.isLink(folder.path + "/link.idx"))
    #expect(Self.read(folder.path + "/real.idx")?.contains("pin: \"sha256:") == true)
  }

  @Test func lineEndingsAreKept() throws {
    for newline in ["\r\n", "\n"] {
      let folder = Folder()
      Self.pinnable(folder, newline: newline)
      let file = folder.path + "/m.idx"
      #expect(FileAccessTests.idx(["pin", file]).code == 0)
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
      let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
      let afterReturn = lineFeeds.filter { $0 > 0 && bytes[$0 - 1] == 0x0D }
      #expect(
        afterReturn.count == (newline == "\r\n" ? lineFeeds.count : 0),
        "\(newline.debugDescription)")
      #expect(String(decoding: bytes, as: UTF8.self).contains("pin: \"sha256:"))
    }
  }

  @Test func aFailedWriteToStandardOutputIsExitTwo() throws {
    signal(SIGPIPE, SIG_IGN)
    var errors: [Int32] = [0, 0]
    try #require(pipe(&errors) == 0)
    let full = open("/dev/full", O_WRONLY)
    try #require(full >= 0)
    let code = StandardStreams.emit(
      CLI.Outcome(code: 0, stdout: "scores\n", stderr: "a warning\n"), stdout: full,
      stderr: errors[1])
    close(full)
    close(errors[1])
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = Glibc.read(errors[0], &buffer, buffer.count)
    close(errors[0])
    let message = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
    #expect(code == 2)
    #expect(message.contains("a warning"))
    #expect(message.contains("cannot write to standard output: no space left on device"))

    // A reader that went away (`| head`) is no error and prints nothing.
    var closed: [Int32] = [0, 0]
    try #require(pipe(&closed) == 0)
    close(closed[0])
    #expect(StandardStreams.write("scores\n", to: closed[1]) == .closedPipe)
    #expect(StandardStreams.emit(CLI.Outcome(code: 0, stdout: "x\n"), stdout: closed[1]) == 0)
    close(closed[1])
  }

  @Test func aStaleTemporaryOfADeadProcessIsRemovedOnTheNextWrite() throws {
    let folder = Folder()
    folder.write("target.idx", "old")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let dead = child.processIdentifier
    folder.write(".target.idx.idx-tmp.\(dead).0123456789abcdef", "left by kill -9")
    // A live process's file (pid 1 always exists) is not touched, nor another target's.
    folder.write(".target.idx.idx-tmp.1.0123456789abcdef", "still being written")
    folder.write(".other.idx.idx-tmp.\(dead).0123456789abcdef", "another file's")
    try DiskFileSystem().writeAtomically(folder.path + "/target.idx", bytes: Array("new".utf8))
    #expect(
      Self.entries(folder.path) == [
        "target.idx", ".target.idx.idx-tmp.1.0123456789abcdef",
        ".other.idx.idx-tmp.\(dead).0123456789abcdef",
      ])
  }

  /// The `idx` executable built next to the test bundle.
  static var executable: String? {
    let bundle =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    let candidate = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent(
      "idx"
    ).path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
  }

  /// Starts `idx pin` on a large file and sends `signal` as soon as its temporary file
  /// exists; returns whether the signal arrived while it did.
  static func interruptPin(_ folder: Folder, with signal: Int32) throws -> Bool {
    let idx = try #require(executable, "the idx executable is built with the tests")
    let file = folder.path + "/big.idx"
    let padding = String(
      repeating: "// " + String(repeating: "x", count: 96) + "\n", count: 150_000)
    folder.write("data.csv", "code,year,x\nA,2024,1\nB,2024,2\n")
    folder.write(
      "big.idx",
      FileAccessTests.methodology + "data d = csv(\"data.csv\") {\n key: code\n period: year\n}\n"
        + padding)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: idx)
    process.arguments = ["pin", file, "--max-idx-size", "64M"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var caught = false
    while process.isRunning {
      if entries(folder.path).contains(where: { $0.hasPrefix(".big.idx.idx-tmp.") }) {
        kill(process.processIdentifier, signal)
        caught = true
        break
      }
    }
    process.waitUntilExit()
    return caught
  }

  @Test func theExecutableExitsTwoWhenItsOutputCannotBeWritten() throws {
    let idx = try #require(Self.executable, "the idx executable is built with the tests")
    let folder = Folder()
    Self.pinnable(folder)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: idx)
    process.arguments = ["run", folder.path + "/m.idx", "--format", "csv"]
    process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(message.contains("cannot write to standard output: no space left on device"))
  }

  /// Tries a few times to catch `pin` writing, and says whether it did.
  static func interruptPinOnce(_ folder: Folder, with signal: Int32) throws -> Bool {
    for _ in 0..<5 where try interruptPin(folder, with: signal) { return true }
    return false
  }

  @Test func killNineDuringPinLeavesNothingAfterTheNextRun() throws {
    let folder = Folder()
    #expect(try Self.interruptPinOnce(folder, with: SIGKILL), "pin was never caught writing")
    // kill -9 cannot be handled: the temporary file is there until the next write.
    let leftover = Self.entries(folder.path).filter { $0.hasPrefix(".big.idx.idx-tmp.") }
    #expect(!leftover.isEmpty)
    let file = folder.path + "/big.idx"
    let outcome = FileAccessTests.idx(["pin", file, "--max-idx-size", "64M"])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(Self.entries(folder.path) == ["big.idx", "data.csv"])
  }

  @Test func sigtermDuringPinRemovesTheTemporaryFile() throws {
    let folder = Folder()
    #expect(try Self.interruptPinOnce(folder, with: SIGTERM), "pin was never caught writing")
    #expect(Self.entries(folder.path) == ["big.idx", "data.csv"])
  }
}
