import Diagnostics
import IndexLanguage
import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The memory case measures what the front end keeps per byte of input: methodologies of about
// 1, 20 and 200 MB (the synthetic one of the language case, grown; its indicators share 100
// data columns so the data stays small) are written to the output folder, then parsed, and
// compiled, each in a fresh child process (this executable, run with `--memory-child`), which
// reports its resident set before reading the file and its peak (VmHWM) after. A child of its
// own keeps the parent's generator and earlier sizes out of the figure, and the peak of a fresh
// process is what `idx check` on such a file would reach. The figure is
// (peak − resident set at the start) ÷ input bytes; the input's own bytes count as 1.

/// Sizes in megabytes, from `IDX_BENCH_MEMORY_MB` (`1,20`) or 1, 20 and 200.
private func memorySizes() -> [Int] {
  guard let text = getenv("IDX_BENCH_MEMORY_MB").map({ String(cString: $0) }) else {
    return [1, 20, 200]
  }
  return text.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
}

/// Writes each size's methodology and data, and runs the parse and compile children on it.
func memoryCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "memory", peaks: context.peaks)
  var ran = true
  for size in memorySizes() {
    let methodology = SyntheticMethodology.sized(bytes: size * 1_000_000, columns: 100)
    let directory = context.outputDirectory + "/memory-\(size)MB"
    let path = directory + "/synthetic.idx"
    guard mkdir(directory, 0o755) == 0 || errno == EEXIST,
      writeFile(path, methodology.write),
      writeFile(directory + "/data.csv", { $0(methodology.csv()) })
    else {
      report.note("cannot write \(path)")
      ran = false
      continue
    }
    var parsePerByte: Double?
    for stage in ["parse", "compile"] {
      guard let child = runChild(stage: stage, path: path) else {
        report.note("\(size) MB \(stage): the child process failed")
        ran = false
        continue
      }
      let perByte = Double(child.peak - child.baseline) / Double(max(1, child.bytes))
      report.figure(
        "\(size) MB \(stage): memory per input byte",
        format(perByte, 1) + " (peak \(megabytes(child.peak)), "
          + "\(methodology.indicators) indicators, \(format(child.seconds, 2)) s, "
          + "\(child.detail))")
      if stage == "parse" { parsePerByte = perByte }
      if stage == "compile", let parsePerByte {
        // What checking and lowering add to the parser's peak.
        report.figure(
          "\(size) MB compile − parse: memory per input byte", format(perByte - parsePerByte, 1))
      }
      if stage == "compile" && size >= 20 {
        report.target(
          "\(size) MB compile: memory per input byte", measured: perByte, target: 10,
          unit: "B/B", higherIsBetter: false)
      }
    }
  }
  return ran
}

/// What a child reports on its one line of output.
private struct ChildFigures {
  var bytes = 0
  var baseline = 0
  var peak = 0
  var seconds = 0.0
  var detail = ""
}

/// Runs this executable as a child on one file and reads its figures, or nil if it failed.
private func runChild(stage: String, path: String) -> ChildFigures? {
  func quoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
      + "'"
  }
  let command = "exec /proc/\(getpid())/exe --memory-child \(stage) \(quoted(path))"
  guard let pipe = popen(command, "r") else { return nil }
  var output: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, pipe) }
    output += buffer[0..<count]
    if count < buffer.count { break }
  }
  guard pclose(pipe) == 0 else { return nil }
  var figures = ChildFigures()
  // `detail=` comes last and runs to the end of the line.
  let line = String(decoding: output, as: UTF8.self).split(separator: "\n").first ?? ""
  let (fields, detail) =
    line.firstRange(of: " detail=").map {
      (line[..<$0.lowerBound], String(line[$0.upperBound...]))
    } ?? (line, "")
  figures.detail = detail
  for field in fields.split(separator: " ") {
    let pair = field.split(separator: "=", maxSplits: 1)
    guard pair.count == 2 else { continue }
    let value = String(pair[1])
    switch pair[0] {
    case "bytes": figures.bytes = Int(value) ?? 0
    case "baseline": figures.baseline = Int(value) ?? 0
    case "peak": figures.peak = Int(value) ?? 0
    case "seconds": figures.seconds = Double(value) ?? 0
    default: break
    }
  }
  return figures.bytes > 0 ? figures : nil
}

/// The child: parses or compiles one file and prints `key=value` figures on one line.
///
/// It sets up the heap as `idx` does at start (`HeapPolicy.reserveHugePages`, unless
/// `IDX_HUGE_PAGES=0`), so the peak is the one `idx check` reaches. glibc's default would give
/// each thread of the parted parse an arena of its own, whose freed memory the checker cannot
/// reuse: 12.1 bytes per input byte at 20 MB instead of 9.8 (benchmarks/README.md, "Memory of
/// the parted parse").
func memoryChild(stage: String, path: String) -> Int32 {
  if getenv("IDX_HUGE_PAGES").map({ String(cString: $0) }) != "0" {
    HeapPolicy.reserveHugePages()
  }
  let baseline = Memory.current()
  let start = ContinuousClock.now
  var detail = ""
  var bytes = 0
  // Compiling far past the default size limit is the point here.
  let limits = FileLimits(methodologyBytes: 1 << 34)
  if stage == "parse" {
    guard let read = try? DiskFileSystem().read(path, limit: limits.methodologyBytes) else {
      return 2
    }
    bytes = read.count
    let (syntax, diagnostics) = Parser.parse(SourceFile(path: path, bytes: read))
    detail = "\(syntax.statements.count) statements, \(diagnostics.count) diagnostics"
    withExtendedLifetime(syntax) {}
  } else {
    let compilation = compile(
      path: path, fileSystem: DiskFileSystem(), options: CompileOptions(limits: limits))
    bytes = compilation.methodology?.files.first?.bytes.count ?? 0
    let errors = compilation.diagnostics.filter(\.isError).count
    detail = "runnable: \(compilation.isRunnable), \(errors) errors"
    withExtendedLifetime(compilation) {}
  }
  let (seconds, attoseconds) = (ContinuousClock.now - start).components
  let elapsed = Double(seconds) + Double(attoseconds) * 1e-18
  let peak = Memory.phasePeak() ?? Memory.processPeak()
  print(
    "bytes=\(bytes) baseline=\(baseline) peak=\(peak) seconds=\(elapsed) detail=\(detail)")
  return 0
}

/// Writes a file from pieces handed to `sink`, through one C stream; false on failure.
private func writeFile(_ path: String, _ produce: ((String) -> Void) -> Void) -> Bool {
  guard let file = fopen(path, "w") else { return false }
  var ok = true
  produce { piece in
    var piece = piece
    piece.withUTF8 { bytes in
      if fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { ok = false }
    }
  }
  return fclose(file) == 0 && ok
}
