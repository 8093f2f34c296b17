import Glibc
import IndexLanguage

/// Runs a `LanguageServer` on file descriptors: messages from `input`, protocol on `output`.
///
/// One thread: it waits for input with `poll`, no longer than until the next diagnostics are
/// due, so debouncing needs no timer thread. Only framed protocol messages are written to
/// `output`; nothing else ever is (logs, if any, would go to standard error).
public struct StandardIOServer {
  var server: LanguageServer
  let input: Int32
  let output: Int32

  public init(server: LanguageServer, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
    self.server = server
    self.input = input
    self.output = output
  }

  /// Serves until `exit` or the end of the input; returns the exit code.
  public mutating func run() -> Int32 {
    var reader = MessageReader()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let now = Self.now()
      send(server.publishDue(now: now))
      var timeout: Int32 = -1
      if let due = server.nextDue {
        timeout = Int32(max(0, min(60_000, ((due - now) * 1000).rounded(.up))))
      }
      var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, timeout)
      if ready < 0 {
        if errno == EINTR { continue }
        return 1
      }
      if ready == 0 { continue }
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return 1
      }
      if count == 0 { return server.exitCode ?? 1 }
      reader.append(buffer[0..<count])
      while let frame = reader.next() {
        switch frame {
        case .message(let body): send(server.receive(body, now: Self.now()))
        case .malformed(let reason): send(server.receiveMalformed(reason))
        }
        if let code = server.exitCode { return code }
        send(server.publishDue(now: Self.now()))
      }
    }
  }

  private func send(_ messages: [JSONValue]) {
    for message in messages {
      let bytes = framed(JSONWriter.bytes(message))
      var offset = 0
      while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// Seconds on the monotonic clock.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
}

/// The `.idx` files under a folder, found breadth-first without following symbolic links,
/// skipping hidden folders and `.build`, at most `limit`, sorted.
public func idxFiles(under root: String, limit: Int) -> [String] {
  var found: [String] = []
  var folders = [root]
  var visited = 0
  while !folders.isEmpty && found.count < limit && visited < 10_000 {
    let folder = folders.removeFirst()
    visited += 1
    guard let directory = opendir(folder) else { continue }
    var names: [(String, Bool)] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard !name.hasPrefix("."), name != "node_modules" else { continue }
      names.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
    }
    closedir(directory)
    for (name, isFolder) in names.sorted(by: { $0.0 < $1.0 }) {
      let path = folder == "/" ? "/" + name : folder + "/" + name
      if isFolder {
        folders.append(path)
      } else if name.hasSuffix(".idx") && found.count < limit {
        found.append(path)
      }
    }
  }
  return found.sorted()
}
