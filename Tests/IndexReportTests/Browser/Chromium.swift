import Foundation
import Glibc

/// A headless Chromium driven through the Chrome DevTools Protocol over a pipe.
///
/// Chromium is started with `--remote-debugging-pipe`: it reads protocol messages on file
/// descriptor 3 and writes them on 4, each a JSON object ended by a NUL byte. No port is
/// opened and no other process can connect. The session attaches to the browser's page,
/// enables the Runtime, Log, Network and Page domains and records their events, so a test
/// can read every script error, console message and request the page caused.
///
/// Why the protocol rather than `--dump-dom`: it sees what a page cannot hide from it (the
/// network log of every request the renderer started, exceptions thrown before any script of
/// ours could record them, CSP violations), and it can drive the page (keys, media, screenshots).
final class Chromium {
  /// The browser, found on PATH (Debian's package installs `/usr/bin/chromium`), or nil.
  static let executable: String? = {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["IDX_CHROMIUM"], access(explicit, X_OK) == 0 { return explicit }
    for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      for name in ["chromium", "chromium-browser"] {
        let path = "\(folder)/\(name)"
        if access(path, X_OK) == 0 { return path }
      }
    }
    return nil
  }()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let pid: pid_t
  private let input: Int32
  private let output: Int32
  private var buffer: [UInt8] = []
  private var nextID = 0
  private let profile: String
  /// Every event received, in order (method and params).
  private(set) var events: [(method: String, params: [String: Any])] = []
  /// The page's session.
  private(set) var session = ""

  init() throws {
    guard let executable = Self.executable else { throw Failure(description: "no chromium") }
    var template = Array("/tmp/idx-chromium-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
    profile = String(cString: made)
    var toBrowser: [Int32] = [0, 0]
    var fromBrowser: [Int32] = [0, 0]
    guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else {
      throw Failure(description: "pipe failed")
    }
    // Keep our ends away from 3 and 4 and out of the child; the child gets its ends as 3, 4.
    let readEnd = fcntl(toBrowser[0], F_DUPFD_CLOEXEC, 10)
    let writeEnd = fcntl(fromBrowser[1], F_DUPFD_CLOEXEC, 10)
    input = fcntl(toBrowser[1], F_DUPFD_CLOEXEC, 10)
    output = fcntl(fromBrowser[0], F_DUPFD_CLOEXEC, 10)
    for fd in toBrowser + fromBrowser { close(fd) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, 3)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 4)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = [
      executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
      "--user-data-dir=\(profile)", "--no-first-run", "--no-default-browser-check",
      "--disable-extensions", "--disable-background-networking", "--disable-sync",
      "--window-size=1280,900", "--hide-scrollbars", "about:blank",
    ]
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
    close(readEnd)
    close(writeEnd)
    guard status == 0 else { throw Failure(description: "cannot start \(executable): \(status)") }
    pid = child
    try attach()
  }

  deinit {
    _ = try? call("Browser.close", to: .browser, timeout: 5)
    close(input)
    close(output)
    var status: Int32 = 0
    var waited = false
    for _ in 0..<50 {
      if waitpid(pid, &status, WNOHANG) == pid {
        waited = true
        break
      }
      usleep(100_000)
    }
    if !waited {
      kill(pid, SIGKILL)
      waitpid(pid, &status, 0)
    }
    try? FileManager.default.removeItem(atPath: profile)
  }

  private func attach() throws {
    let targets = try call("Target.getTargets", to: .browser)
    let infos = targets["targetInfos"] as? [[String: Any]] ?? []
    guard let page = infos.first(where: { $0["type"] as? String == "page" }),
      let id = page["targetId"] as? String
    else { throw Failure(description: "no page target") }
    let attached = try call(
      "Target.attachToTarget", ["targetId": id, "flatten": true], to: .browser)
    session = attached["sessionId"] as? String ?? ""
    for domain in ["Runtime", "Log", "Network", "Page"] {
      _ = try call("\(domain).enable")
    }
  }

  /// Where a command goes: the browser itself, the page, or another attached target.
  enum Target {
    case browser
    case page
    case session(String)
  }

  /// Sends a command and waits for its answer, recording events meanwhile.
  @discardableResult
  func call(
    _ method: String, _ params: [String: Any] = [:], to target: Target = .page,
    timeout: Double = 60
  ) throws -> [String: Any] {
    nextID += 1
    var message: [String: Any] = ["id": nextID, "method": method, "params": params]
    switch target {
    case .browser: break
    case .page: message["sessionId"] = session
    case .session(let id): message["sessionId"] = id
    }
    var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
    bytes.append(0)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
      guard written > 0 else { throw Failure(description: "write to chromium failed") }
      offset += written
    }
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let reply = try receive(until: deadline, waitingFor: method)
      if reply["id"] as? Int == nextID {
        if let error = reply["error"] as? [String: Any] {
          throw Failure(description: "\(method): \(error["message"] ?? error)")
        }
        return reply["result"] as? [String: Any] ?? [:]
      }
      if let event = reply["method"] as? String {
        events.append((event, reply["params"] as? [String: Any] ?? [:]))
      }
    }
  }

  /// Waits until an event named `method` has arrived (or was already recorded after `index`).
  func waitForEvent(_ method: String, after index: Int, timeout: Double = 60) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !events[index...].contains(where: { $0.method == method }) {
      let message = try receive(until: deadline, waitingFor: method)
      if let event = message["method"] as? String {
        events.append((event, message["params"] as? [String: Any] ?? [:]))
      }
    }
  }

  private func receive(until deadline: Date, waitingFor what: String) throws -> [String: Any] {
    while true {
      if let end = buffer.firstIndex(of: 0) {
        let data = Data(buffer[..<end])
        buffer.removeSubrange(...end)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
      }
      let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
      guard remaining > 0 else { throw Failure(description: "timed out waiting for \(what)") }
      var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, remaining) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
      guard count > 0 else { throw Failure(description: "chromium closed the pipe") }
      buffer.append(contentsOf: chunk[..<count])
    }
  }

  /// Evaluates an expression in the page (awaiting a promise) and returns its value as JSON
  /// values; a thrown exception is a failure.
  func evaluate(_ expression: String, in target: Target = .page) throws -> Any? {
    let result = try call(
      "Runtime.evaluate",
      ["expression": expression, "returnByValue": true, "awaitPromise": true], to: target)
    if let exception = result["exceptionDetails"] as? [String: Any] {
      let text = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"]
      throw Failure(description: "evaluating failed: \(text ?? exception)")
    }
    return (result["result"] as? [String: Any])?["value"]
  }

  /// Loads a URL and waits for its load event.
  func navigate(_ url: String) throws {
    let mark = events.count
    try call("Page.navigate", ["url": url])
    try waitForEvent("Page.loadEventFired", after: mark)
  }

  /// Script errors, console errors and error-level log entries, as text.
  var errors: [String] {
    events.compactMap { event in
      switch event.method {
      case "Runtime.exceptionThrown":
        let details = event.params["exceptionDetails"] as? [String: Any]
        let exception = details?["exception"] as? [String: Any]
        return "exception: \(exception?["description"] ?? details?["text"] ?? "?")"
      case "Runtime.consoleAPICalled"
      where ["error", "assert"].contains(event.params["type"] as? String):
        return "console.error: \(event.params["args"] ?? "")"
      case "Log.entryAdded":
        let entry = event.params["entry"] as? [String: Any]
        guard entry?["level"] as? String == "error" else { return nil }
        return "log (\(entry?["source"] ?? "?")): \(entry?["text"] ?? "")"
      default:
        return nil
      }
    }
  }

  /// The URLs of requests the browser refused to send, with the reason (`csp`, …).
  var blockedRequests: [(url: String, reason: String)] {
    var urls: [String: String] = [:]
    for event in events where event.method == "Network.requestWillBeSent" {
      if let id = event.params["requestId"] as? String,
        let url = (event.params["request"] as? [String: Any])?["url"] as? String
      {
        urls[id] = url
      }
    }
    return events.compactMap { event in
      guard event.method == "Network.loadingFailed",
        let reason = event.params["blockedReason"] as? String,
        let id = event.params["requestId"] as? String
      else { return nil }
      return (urls[id] ?? "?", reason)
    }
  }

  /// The URL of every request the page started (the document itself included).
  var requests: [String] {
    events.compactMap { event in
      switch event.method {
      case "Network.requestWillBeSent":
        return (event.params["request"] as? [String: Any])?["url"] as? String
      case "Network.webSocketCreated":
        return event.params["url"] as? String
      default:
        return nil
      }
    }
  }
}

extension Chromium {
  /// What a screenshot shows, measured by decoding it in a blank page of the same browser:
  /// its size, how many distinct colours a sample of its pixels has, and the share of those
  /// pixels that are not near-white.
  struct Picture {
    var png: Data
    var width: Int
    var height: Int
    var colours: Int
    var inked: Double
  }

  /// Takes a screenshot of the page's viewport and measures it.
  func screenshot() throws -> Picture {
    let shot = try call("Page.captureScreenshot", ["format": "png"])
    guard let base64 = shot["data"] as? String, let png = Data(base64Encoded: base64) else {
      throw Failure(description: "no screenshot")
    }
    let created = try call("Target.createTarget", ["url": "about:blank"], to: .browser)
    let id = created["targetId"] as? String ?? ""
    defer { _ = try? call("Target.closeTarget", ["targetId": id], to: .browser) }
    let attached = try call(
      "Target.attachToTarget", ["targetId": id, "flatten": true], to: .browser)
    let blank = Target.session(attached["sessionId"] as? String ?? "")
    let measure = """
      new Promise(function (resolve, reject) {
        const image = new Image();
        image.onload = function () {
          const canvas = document.createElement('canvas');
          canvas.width = image.width; canvas.height = image.height;
          const g = canvas.getContext('2d');
          g.drawImage(image, 0, 0);
          const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
          const colours = new Set();
          let inked = 0, total = 0;
          for (let i = 0; i < d.length; i += 4 * 7) {
            total++;
            colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) inked++;
          }
          resolve({ width: canvas.width, height: canvas.height, colours: colours.size, inked: inked / total });
        };
        image.onerror = function () { reject(new Error('the screenshot is not an image')); };
        image.src = 'data:image/png;base64,\(base64)';
      })
      """
    let value = try evaluate(measure, in: blank) as? [String: Any] ?? [:]
    return Picture(
      png: png, width: value["width"] as? Int ?? 0, height: value["height"] as? Int ?? 0,
      colours: value["colours"] as? Int ?? 0, inked: value["inked"] as? Double ?? 0)
  }
}
