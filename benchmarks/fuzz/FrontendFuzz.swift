import Diagnostics
import IndexCLI
import IndexLanguage
import ScoringEngine

// libFuzzer target for the front end: the input is one or more methodology files (separated
// by a line `----`), checked, run and printed through the in-memory file system next to the
// bundled methodologies and data. Built by benchmarks/fuzz/run.sh, never by `swift build`.
//
// Invariants, each a trap when broken (libFuzzer saves the input):
// - no crash (ASan catches memory errors, the stack guard catches runaway recursion);
// - every error has a location inside a file that exists, within its bytes;
// - no error means runnable;
// - no infinity or NaN in any result, and none printed in CSV or JSON;
// - at most 1 s of CPU per input (`bounded`; libFuzzer's wall-clock timeout only catches
//   hangs).

/// The bundled methodologies and data, read once from the repository.
let bundled: [(String, [UInt8])] = {
  let root = Paths.directory(of: Paths.directory(of: Paths.directory(of: #filePath)))
  let disk = DiskFileSystem()
  var files: [(String, [UInt8])] = []
  let names = [
    "hdi.idx", "asem.idx", "ai-capability.idx", "ai-soft.idx", "ai-2024.idx", "ai-geometric.idx",
    "ai-per-capita.idx",
    "data/ai.csv", "data/hdi/hdi-2022-undp-wide.csv", "data/asem/raw.csv",
  ]
  for name in names {
    if let bytes = try? disk.read(root + "/methodologies/" + name) { files.append((name, bytes)) }
  }
  return files
}()

/// Splits the input into files at lines that are exactly `----`.
func sections(_ bytes: [UInt8]) -> [[UInt8]] {
  var parts: [[UInt8]] = [[]]
  var lineStart = 0
  for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
    let line = bytes[lineStart..<index]
    if line.elementsEqual("----".utf8) && parts.count < 8 {
      parts.append([])
    } else {
      parts[parts.count - 1] += line
      if index < bytes.count { parts[parts.count - 1].append(0x0A) }
    }
    lineStart = index + 1
  }
  return parts
}

/// No number printed as `inf` or `nan`.
///
/// In CSV, no data field is one; in JSON, no value outside a string is one. One pass over the
/// bytes (the header of a CSV may name a node `inf`, and JSON keys are strings).
func checkPrinted(_ text: String, _ what: String, csv: Bool) {
  let bytes = Array(text.utf8)
  let separators: Set<UInt8> = [0x2C, 0x0A, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D]  // , \n : [ ] { }
  var start = csv ? (bytes.firstIndex(of: 0x0A) ?? bytes.count) + 1 : 0
  var inString = false
  var index = start
  while index <= bytes.count {
    let byte = index < bytes.count ? bytes[index] : 0x0A
    if !csv && inString {
      if byte == 0x5C {
        index += 2
        continue
      }
      if byte == 0x22 { inString = false }
      index += 1
      start = index
      continue
    }
    if !csv && byte == 0x22 {
      inString = true
      index += 1
      continue
    }
    if separators.contains(byte) {
      if start < index {
        let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        let bare = word.trimmingPrefix { $0 == "-" || $0 == "+" || $0 == " " }
        require(bare != "inf" && bare != "nan" && bare != "infinity", "\(what) prints `\(word)`")
      }
      start = index + 1
    }
    index += 1
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontend(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  fuzzOne(data, size, check)
}

func check(_ input: [UInt8]) {
  let files = MemoryFileSystem()
  for (name, bytes) in bundled { files.set("m/" + name, bytes: bytes) }
  let parts = sections(input)
  files.set("m/main.idx", bytes: parts[0])
  for (number, part) in parts.enumerated().dropFirst() {
    files.set("m/f\(number).idx", bytes: part)
  }

  let compilation = compile(path: "m/main.idx", fileSystem: files)
  checkLocations(compilation.diagnostics, in: "m/")
  _ = DiagnosticRenderer().render(compilation.diagnostics)
  _ = compilation.diagnostics.map(\.json)
  guard !compilation.diagnostics.hasErrors else { return }
  require(compilation.isRunnable, "no error, but not runnable")
  guard let plan = compilation.plan, let table = compilation.table else { return }
  let results = run(plan, on: table)
  checkLocations(results.diagnostics, in: "m/")
  require(!results.index.contains(where: \.isInfinite), "an index score is infinite")
  for node in results.nodes {
    require(!node.score.contains(where: \.isInfinite), "a node score is infinite")
  }
  let cli = CLI(context: .init(fileSystem: files, color: false))
  for format in ["csv", "json"] {
    let outcome = cli.run(["run", "m/main.idx", "--format", format])
    checkPrinted(outcome.stdout, "run --format \(format)", csv: format == "csv")
  }
  if let entity = table.entities.first?.code {
    let outcome = cli.run(["explain", "m/main.idx", entity, "--format", "json"])
    checkPrinted(outcome.stdout, "explain --format json", csv: false)
  }
}
