import Diagnostics
import IndexLanguage
import LanguageServer

// The editor case times what an editor waits for: the diagnostics `idx lsp` publishes after a
// one-character edit (the change applied, the document compiled through the overlay of open
// buffers, checked, its data loaded and the plan run for evaluation warnings, the
// diagnostics converted and serialized), on the ASEM methodology and on the 50,000-line
// synthetic one of the language case. The fmt case times `idx fmt`'s printer on the synthetic
// text: parse, print and lay out, the whole of `format(_:)`.

/// One server, one open document, and an edit that flips one character back and forth.
private struct EditLoop {
  var server: LanguageServer
  let uri: String
  let line: Int
  let character: Int
  var version = 1
  var clock = 0.0

  init(files: MemoryFileSystem, path: String, text: String, editAt needle: String) {
    server = LanguageServer(fileSystem: files, options: .init(debounce: 0))
    uri = "file://" + path
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let found = lines.firstIndex { $0.contains(needle) } ?? 0
    line = found
    let prefix = lines[found].prefix { _ in true }
    character = prefix.firstRange(of: needle).map { prefix[..<$0.lowerBound].utf16.count } ?? 0
    _ = server.receive(
      message(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": .object([:])]))
    _ = server.receive(
      message([
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": .object([
          "textDocument": .object([
            "uri": .string(uri), "languageId": "idx", "version": 1, "text": .string(text),
          ])
        ]),
      ]))
    _ = server.publishDue(now: .infinity)
  }

  private func message(_ pairs: KeyValuePairs<String, JSONValue>) -> [UInt8] {
    JSONWriter.bytes(.object(pairs))
  }

  /// One edit and its diagnostics: returns how many diagnostics were published.
  mutating func edit() -> Int {
    version += 1
    clock += 1
    let replacement = version % 2 == 0 ? "X" : "Y"
    let range: JSONValue = .object([
      "start": .object(["line": .integer(line), "character": .integer(character)]),
      "end": .object(["line": .integer(line), "character": .integer(character + 1)]),
    ])
    _ = server.receive(
      message([
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": .object([
          "textDocument": .object(["uri": .string(uri), "version": .integer(version)]),
          "contentChanges": [.object(["range": range, "text": .string(replacement)])],
        ]),
      ]), now: clock)
    let published = server.publishDue(now: clock)
    // Serializing is part of what the editor waits for.
    let bytes = published.reduce(0) { $0 + JSONWriter.bytes($1).count }
    return bytes > 0 ? published.first?["params"]?["diagnostics"]?.array?.count ?? -1 : -1
  }

  mutating func hover() -> Bool {
    version += 1
    let answer = server.receive(
      message([
        "jsonrpc": "2.0", "id": .integer(version), "method": "textDocument/hover",
        "params": .object([
          "textDocument": .object(["uri": .string(uri)]),
          "position": .object(["line": .integer(line), "character": .integer(character)]),
        ]),
      ]))
    return answer.first?["result"] != nil
  }
}

/// Diagnostics after an edit of ASEM and of 50,000 lines.
func editorCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "editor", peaks: context.peaks)
  var ran = true

  // ASEM, read from the repository (run from its root, as benchmarks/run.sh does).
  let disk = DiskFileSystem()
  if let source = try? disk.read("methodologies/asem.idx"),
    let data = try? disk.read("methodologies/data/asem/raw.csv")
  {
    let files = MemoryFileSystem()
    files.set("/bench/asem.idx", bytes: source)
    files.set("/bench/data/asem/raw.csv", bytes: data)
    var loop = EditLoop(
      files: files, path: "/bench/asem.idx", text: String(decoding: source, as: UTF8.self),
      editAt: "Sustainable Connectivity")
    report.begin()
    var count = 0
    let timed = timing(runs: 21, warmUps: 3) { count = loop.edit() }
    report.phase(
      "asem edit", timed, "\(count) diagnostics; \(timed.wall.count) edits, one character each")
    ran = ran && count >= 0
    report.target(
      "ASEM: diagnostics after an edit", measured: timed.median * 1000, target: 20, unit: "ms",
      higherIsBetter: false)
  } else {
    report.note("methodologies/asem.idx not found: run from the repository root")
  }

  // The language case's 50,000-line methodology.
  let methodology = SyntheticMethodology()
  let text = methodology.text()
  let files = MemoryFileSystem()
  files.set("/bench/synthetic.idx", text)
  files.set("/bench/data.csv", methodology.csv())
  let lineCount = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  report.begin()
  var loop = EditLoop(
    files: files, path: "/bench/synthetic.idx", text: text, editAt: "Indicator 5000")
  var count = 0
  let timed = timing(runs: 7, warmUps: 1, budget: 30) { count = loop.edit() }
  report.phase(
    "50k edit", timed, "\(lineCount) lines, \(count) diagnostics; \(timed.wall.count) edits")
  ran = ran && count >= 0
  report.target(
    "50,000 lines: diagnostics after an edit", measured: timed.median * 1000, target: 300,
    unit: "ms", higherIsBetter: false)
  report.begin()
  var hovered = false
  let hover = timing { hovered = loop.hover() }
  report.phase("50k hover", hover, "first hover after an edit (runs the plan): \(hovered)")

  return ran
}

/// `idx fmt`'s printer on the 50,000-line methodology, and on its own output.
func formatCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "fmt", peaks: context.peaks)
  let text = SyntheticMethodology().text()
  let lineCount = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  var ran = true
  // The parser alone is the floor: `format` parses first.
  let file = SourceFile(path: "synthetic.idx", text: text)
  report.begin()
  let parsed = timing(runs: 11, warmUps: 1, budget: 20) { _ = Parser.parse(file) }
  report.phase("parse only", parsed, "the floor of format(_:)")
  // The formatter on the text, and on its own output (`idx fmt --check` on a tidy file).
  var formatted: [UInt8] = []
  report.begin()
  let first = timing(runs: 11, warmUps: 1, budget: 20) { formatted = format(file).bytes ?? [] }
  report.phase("format", first, "\(lineCount) lines in, \(formatted.count) bytes out")
  // The same on the calling thread alone: what the parts on several threads save.
  var single: [UInt8] = []
  let oneThread = timing(runs: 11, warmUps: 1, budget: 20) {
    single = format(file, parts: 1).bytes ?? []
  }
  report.phase("format, one thread", oneThread, "same bytes as format: \(single == formatted)")
  let tidy = SourceFile(path: "synthetic.idx", bytes: formatted)
  var unchanged = false
  let again = timing(runs: 11, warmUps: 1, budget: 20) {
    unchanged = format(tidy).bytes == formatted
  }
  report.phase("format tidy", again, "already formatted: unchanged \(unchanged)")
  ran = ran && !formatted.isEmpty && unchanged && single == formatted
  let lines = Double(lineCount)
  report.figure("fmt: lines per second", format(lines / first.median / 1e6, 2) + " M lines/s")
  report.figure(
    "fmt: lines per CPU second (shared machine)",
    format(lines / first.cpuMedian / 1e6, 2) + " M lines/s")
  // The two halves, each with its own budget: the parse, and what format adds to it on one
  // thread (the parts on several threads overlap the two, so only one thread's format splits).
  report.figure(
    "fmt: parse, median wall / CPU",
    format(parsed.median * 1e3, 1) + " / " + format(parsed.cpuMedian * 1e3, 1) + " ms")
  report.figure(
    "fmt: print + lay out (format on one thread − parse), wall / CPU",
    format((oneThread.median - parsed.median) * 1e3, 1) + " / "
      + format((oneThread.cpuMedian - parsed.cpuMedian) * 1e3, 1) + " ms")
  report.target(
    "fmt (parse + print + lay out)", measured: Double(lineCount) / first.median / 1e6, target: 1,
    unit: "M lines/s", higherIsBetter: true, digits: 2)
  return ran
}
