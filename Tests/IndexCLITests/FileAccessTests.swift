import Foundation
import Glibc
import IndexCLI
import IndexLanguage
import Testing

/// A methodology reads only regular files inside its own folder (or a `--root`), within the
/// size limits, and nothing it may not read ever reaches any output.
@Suite struct FileAccessTests {
  /// A fresh folder directly under /tmp (so `../../etc/passwd` from a file in it is the real
  /// /etc/passwd), removed when the test is done.
  final class Folder {
    let path: String

    init() {
      var template = Array("/tmp/idx-files-XXXXXX".utf8CString)
      let made = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
      }
      path = made ?? "/tmp/idx-files-unavailable"
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) {
      let url = URL(fileURLWithPath: path + "/" + name)
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    }

    func link(_ name: String, to target: String) {
      try? FileManager.default.createSymbolicLink(
        atPath: path + "/" + name, withDestinationPath: target)
    }
  }

  static func idx(_ arguments: [String]) -> CLI.Outcome {
    CLI(context: .init(fileSystem: DiskFileSystem(), color: false)).run(arguments)
  }

  static let methodology = """
    index t "T" {
      period: 2024
      normalize: minmax
      members { a }
    }
    indicator a { value: d.x }

    """

  static let data = "code,year,x\nA,2024,1\nB,2024,2\n"

  /// Every command and output format that reads `file`, with stdout and stderr together.
  static func everyOutput(_ file: String, _ extra: [String] = []) -> [String] {
    var outputs: [String] = []
    for arguments in [
      ["check", file], ["check", file, "--format", "json"], ["run", file],
      ["run", file, "--format", "csv"], ["run", file, "--format", "json"],
      ["run", file, "--format", "md"], ["explain", file, "A"],
      ["explain", file, "A", "--format", "json"], ["explain", file, "A", "--format", "csv"],
      ["pin", file],
    ] {
      let outcome = idx(arguments + extra)
      outputs.append(outcome.stdout + outcome.stderr)
    }
    return outputs
  }

  /// Lines of a file long enough that finding one in an output means it leaked.
  static func telltales(_ path: String) -> [String] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init).filter { $0.count >= 12 }
  }

  @Test func etcPasswdIsRefusedAndNeverEchoed() throws {
    let folder = Folder()
    folder.write("base.idx", "extends \"/etc/passwd\"\n" + Self.methodology)
    folder.write(
      "data.idx", Self.methodology + "data d = csv(\"../../etc/passwd\") { key: code }\n")
    let passwd = Self.telltales("/etc/passwd")
    try #require(!passwd.isEmpty, "this machine has an /etc/passwd to protect")
    for name in ["base.idx", "data.idx"] {
      let outputs = Self.everyOutput(folder.path + "/" + name)
      #expect(outputs[0].contains("error[E0340]"), "\(name): \(outputs[0])")
      #expect(outputs[1].contains("\"code\":\"E0340\""))
      for (number, output) in outputs.enumerated() {
        for line in passwd {
          #expect(!output.contains(line), "\(name), output \(number) shows /etc/passwd")
        }
      }
    }
  }

  @Test func aLinkInsideTheFolderCannotLeadOutOfIt() throws {
    let outside = Folder()
    let marker = "secret-\(UInt64.random(in: 0...UInt64.max))-never-shown"
    outside.write("secret.csv", "code,year,x\n\(marker),2024,1\n")
    outside.write("base.idx", "// \(marker)\n" + Self.methodology)
    let project = Folder()
    project.link("data.csv", to: outside.path + "/secret.csv")
    project.link("base.idx", to: outside.path + "/base.idx")
    project.write(
      "m.idx", Self.methodology + "data d = csv(\"data.csv\") { key: code\n period: year }\n")
    project.write("fork.idx", "extends \"base.idx\"\nindex f \"F\" { version: \"2\" }\n")
    for name in ["m.idx", "fork.idx"] {
      let outputs = Self.everyOutput(project.path + "/" + name)
      #expect(outputs[0].contains("error[E0340]"), "\(name): \(outputs[0])")
      #expect(outputs.allSatisfy { !$0.contains(marker) })
    }
    // Named explicitly on the command line, the folder may be read.
    let allowed = Self.idx(["check", project.path + "/m.idx", "--root", outside.path])
    #expect(allowed.code == 0, "\(allowed.stderr)")
  }

  @Test func rootsAreRepeatableAndResolved() {
    let one = Folder()
    let two = Folder()
    one.write("a.csv", Self.data)
    two.write("b.idx", "indicator b { value: e.x }\n")
    let project = Folder()
    project.write(
      "m.idx",
      "use \"\(two.path)/b.idx\"\n"
        + Self.methodology.replacingOccurrences(of: "members { a }", with: "members { a, b }")
        + "data d = csv(\"\(one.path)/a.csv\") { key: code\n period: year }\n"
        + "data e = csv(\"../\(Paths.name(of: one.path))/a.csv\") { key: code\n period: year }\n")
    let file = project.path + "/m.idx"
    #expect(Self.idx(["check", file]).stderr.contains("E0340"))
    #expect(Self.idx(["check", file, "--root", one.path]).stderr.contains("E0340"))
    let both = Self.idx(["check", file, "--root", one.path, "--root", two.path])
    #expect(both.code == 0, "\(both.stderr)")
  }

  @Test func pathsOutsideAnInMemoryFolderAreRefused() {
    let files = Shapes.files(
      Shapes.header(data: "../secret.csv") + "indicator a { value: d.x }\n")
    files.set("secret.csv", "code,year,x\nSECRET,2024,1\n")
    let outcome = CLI(context: .init(fileSystem: files, color: false)).run(["check", "m/main.idx"])
    #expect(outcome.stderr.contains("error[E0340]"))
    #expect(outcome.stderr.contains("`../secret.csv`"))
    #expect(!outcome.stderr.contains("SECRET"))
  }

  @Test func devZeroFIFODirectoryAndSocketAreRefusedWithoutBlocking() throws {
    let folder = Folder()
    try #require(mkfifo(folder.path + "/fifo.csv", 0o600) == 0)
    try FileManager.default.createDirectory(
      atPath: folder.path + "/folder.csv", withIntermediateDirectories: false)
    let socketPath = folder.path + "/socket.csv"
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (offset, byte) in socketPath.utf8.enumerated() { buffer[offset] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    defer { close(descriptor) }
    try #require(bound == 0)
    let cases = [
      ("/dev/zero", "a character device"), ("fifo.csv", "a FIFO"),
      ("folder.csv", "a directory"), ("socket.csv", "a socket"),
    ]
    for (path, what) in cases {
      folder.write("m.idx", Self.methodology + "data d = csv(\"\(path)\") { key: code }\n")
      let outcome = Self.idx(["check", folder.path + "/m.idx", "--root", "/dev"])
      #expect(outcome.code == 1)
      #expect(outcome.stderr.contains("error[E0450]"), "\(path): \(outcome.stderr)")
      #expect(outcome.stderr.contains("it is \(what)"), "\(path): \(outcome.stderr)")
    }
    // The methodology itself: a directory or a FIFO is an I/O error, exit 2.
    for path in [folder.path + "/fifo.csv", folder.path] {
      let outcome = Self.idx(["check", path])
      #expect(outcome.code == 2)
      #expect(outcome.stderr.contains("not a regular file"), "\(outcome.stderr)")
    }
  }

  @Test func filesAboveTheSizeLimitsAreRefused() {
    let folder = Folder()
    let rows = (0..<200).map { "E\($0),2024,\($0)\n" }.joined()
    folder.write("data.csv", Self.data + rows)
    folder.write(
      "m.idx", Self.methodology + "data d = csv(\"data.csv\") { key: code\n period: year }\n")
    let file = folder.path + "/m.idx"
    #expect(Self.idx(["check", file]).code == 0)
    let small = Self.idx(["check", file, "--max-data-size", "1K"])
    #expect(small.stderr.contains("error[E0450]"))
    #expect(small.stderr.contains("above the limit of 1 KiB"))
    #expect(small.stderr.contains("--max-data-size"))
    let tiny = Self.idx(["check", file, "--max-idx-size", "100"])
    #expect(tiny.code == 2)
    #expect(tiny.stderr.contains("above the limit of 100 bytes"))
    #expect(tiny.stderr.contains("--max-idx-size"))
    let bad = Self.idx(["check", file, "--max-data-size", "lots"])
    #expect(bad.code == 2)
    #expect(bad.stderr.contains("takes a size"))
  }

  @Test func sizesReadAndPrint() {
    #expect(ByteCount.parse("16M") == 16 << 20)
    #expect(ByteCount.parse("16MiB") == 16 << 20)
    #expect(ByteCount.parse("2gb") == 2 << 30)
    #expect(ByteCount.parse("512") == 512)
    #expect(ByteCount.parse("1.5G") == nil)
    #expect(ByteCount.parse("99999999999999T") == nil)
    #expect(ByteCount.describe(16 << 20) == "16 MiB")
    #expect(ByteCount.describe(1536) == "1.5 KiB")
    #expect(ByteCount.describe(1) == "1 byte")
  }
}
