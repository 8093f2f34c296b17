import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The engine near the memory limit: the COINr shape (2,000 × 500) and a larger one
// (10,000 × 1,000), min-max then arithmetic means up a 500 → 50 → 5 → 1 tree (1,000 → 100 →
// 10 → 1), data built in memory. Each shape is timed three ways: the first `run` of the
// process (a fresh heap: every page faulted in), the median of 11 runs after it, and a copy
// of the data's size (memcpy, read + write counted as in STREAM) that gives this machine's
// bandwidth for the bandwidth limit. A fresh process's first run finds its table in memory,
// not in cache, so its limit comes from one core's read bandwidth from memory instead (a sum
// over 256 MB). The numpy peer (../shared/bench/numpy_synth.py, same data from its generator)
// runs in the same process's run, right after, so both figures carry the same load.

/// Bytes every cell must touch at the least: its raw value read once. (Until the fifth pass
/// the engine also wrote every indicator's score, 16 B a cell; its scores are now computed on
/// read from the raw value, `ScoreColumn`.)
private let bytesPerCellAtLeast = 8.0

/// The two shapes in memory against numpy, with the copy bandwidth of the moment.
func engineCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "engine", peaks: context.peaks)
  report.note("load average \(loadAverage()) (2 cores, shared)")
  var ok = true
  var medians: [Double] = []
  var numpyMedians: [Double?] = []
  let fromMemory = memoryReadBandwidth()
  report.figure(
    "memory read bandwidth, one core", format(fromMemory / 1e9, 1) + " GB/s (a sum over 256 MB)")
  for shape in engineShapes {
    let name = "\(shape.entities) × \(shape.indicators)"
    let fresh = freshProcesses(shape, name: name, report: report)
    if let fresh, shape.isCOINrCase {
      report.target(
        "\(name) fresh child process, huge pages", measured: fresh * 1000, target: 1,
        unit: "ms", higherIsBetter: false, digits: 2)
    }
    let table = shape.table()
    let plan = shape.plan(prefix: "")
    var failed = false
    report.begin()
    let faultsBefore = minorFaults()
    let first = timing { failed = run(plan, on: table).diagnostics.hasErrors }
    let firstFaults = minorFaults() - faultsBefore
    report.phase("\(name) first run", first, "this process's first `run`: its pages faulted in")
    report.begin()
    let steadyBefore = minorFaults()
    let runs = timing(runs: 11) {
      let results = run(plan, on: table)
      failed = failed || results.diagnostics.hasErrors || results.index.count != shape.entities
    }
    report.phase("\(name) run × 11", runs, "engine `run`, 1 thread, after the first, default heap")
    report.figure(
      "\(name) page faults",
      "first run \(firstFaults), then \((minorFaults() - steadyBefore) / 11) per run")
    let two = timing(runs: 11) { _ = run(plan, on: table, threads: 2) }
    report.phase("\(name) run × 11, 2 threads", two, "`run(_:on:threads: 2)`, default heap")
    if failed {
      report.note("\(name): the run reported errors; its figures are not comparable")
      ok = false
    }
    medians.append(runs.median)
    let bytes = shape.cells * 8
    let copy = copyTiming(bytes: bytes)
    let bandwidth = 2 * Double(bytes) / copy.median
    let limit = bytesPerCellAtLeast * Double(shape.cells) / bandwidth
    report.figure(
      "\(name) copy bandwidth", format(bandwidth / 1e9, 1) + " GB/s (memcpy of \(bytes >> 20) MB)")
    report.figure(
      "\(name) bandwidth limit", format(limit * 1000, 2) + " ms (8 B/cell ÷ copy bandwidth)")
    report.figure("\(name) run median / limit", format(runs.median / limit, 1) + "×")
    report.figure("\(name) run best / limit", format(runs.best / limit, 1) + "×")
    report.figure("\(name) 2 threads best / limit", format(two.best / limit, 1) + "×")
    let freshLimit = bytesPerCellAtLeast * Double(shape.cells) / fromMemory
    report.figure(
      "\(name) fresh-process limit",
      format(freshLimit * 1000, 2) + " ms (8 B/cell ÷ memory read bandwidth)")
    if let fresh {
      report.figure("\(name) fresh process / that limit", format(fresh / freshLimit, 1) + "×")
    }
    let numpy = numpyPeer(shape)
    numpyMedians.append(numpy?.median)
    if let numpy {
      report.figure(
        "\(name) numpy (same run)",
        format(numpy.median * 1000, 2) + " ms median, " + format(numpy.best * 1000, 2) + " ms best")
      report.figure("\(name) numpy / idx (medians)", format(numpy.median / runs.median, 1) + "×")
      report.figure("\(name) numpy / idx (bests)", format(numpy.best / runs.best, 1) + "×")
      report.figure("\(name) numpy / idx first run", format(numpy.median / first.median, 1) + "×")
      report.figure(
        "\(name) numpy / idx 2 threads (medians)", format(numpy.median / two.median, 1) + "×")
      if let fresh {
        let ratio = numpy.median / fresh
        if shape.isCOINrCase {
          report.target(
            "\(name) numpy / idx fresh child, huge pages", measured: ratio, target: 5,
            unit: "×", higherIsBetter: true)
        } else {
          report.figure("\(name) numpy / idx fresh process, huge pages", format(ratio, 1) + "×")
        }
      }
      if shape.isCOINrCase, let inside = engineInsideIdxRun(shape) {
        report.figure(
          "\(name) engine inside `idx run --timings`",
          format(inside * 1000, 2) + " ms (median of 11 processes: what users see)")
        report.target(
          "\(name) numpy / idx's engine inside idx run", measured: numpy.median / inside,
          target: 5, unit: "×", higherIsBetter: true)
      }
    } else {
      report.note("numpy peer unavailable (python3 with numpy, ../shared/bench)")
    }
  }
  // The same runs once the process keeps its freed heap and backs it with huge pages
  // (`HeapPolicy.reserveHugePages`, the opt-in for processes that score large data).
  let huge = HeapPolicy.reserveHugePages(megabytes: hugePageMegabytes)
  report.note("HeapPolicy.reserveHugePages(megabytes: \(hugePageMegabytes)): \(huge)")
  for ((shape, median), numpy) in zip(zip(engineShapes, medians), numpyMedians) {
    let name = "\(shape.entities) × \(shape.indicators)"
    let table = shape.table()
    let plan = shape.plan(prefix: "")
    report.begin()
    let faultsBefore = minorFaults()
    let first = timing { _ = run(plan, on: table) }
    report.phase(
      "\(name) first run, HeapPolicy", first,
      "\(minorFaults() - faultsBefore) page faults; a new table, this process's heap")
    report.begin()
    let before = minorFaults()
    let runs = timing(runs: 11) { _ = run(plan, on: table) }
    report.phase("\(name) run × 11, HeapPolicy", runs, "freed heap kept, huge pages")
    report.target(
      "\(name) steady, huge pages", measured: runs.median * 1000,
      target: shape.isCOINrCase ? 1 : 8, unit: "ms", higherIsBetter: false, digits: 2)
    if let numpy {
      let ratio = numpy / runs.median
      if shape.isCOINrCase {
        report.target(
          "\(name) numpy / idx steady, huge pages", measured: ratio, target: 5, unit: "×",
          higherIsBetter: true)
      } else {
        report.figure("\(name) numpy / idx steady, huge pages", format(ratio, 1) + "×")
      }
    }
    report.figure(
      "\(name) HeapPolicy",
      "\((minorFaults() - before) / 11) page faults per run; median "
        + format(runs.median / median * 100, 0) + " % of the default heap's")
    let two = timing(runs: 11) { _ = run(plan, on: table, threads: 2) }
    report.phase("\(name) run × 11, HeapPolicy, 2 threads", two, "freed heap kept, huge pages")
  }
  report.note("load average \(loadAverage()) at the end")
  return ok
}

/// The shapes: the COINr case and one twenty times its size.
private let engineShapes = [(2000, 500, [50, 5]), (10_000, 1000, [100, 10])].map {
  entities, indicators, levels in
  SyntheticShape(
    entities: entities, periods: 1, indicators: indicators, levels: levels, missingEvery: 0)
}

extension SyntheticShape {
  /// Whether this is the COINr case (2,000 × 500), whose targets are < 1 ms and ≥ 5× numpy,
  /// fresh process included; the larger shape's is < 8 ms.
  fileprivate var isCOINrCase: Bool { entities == 2000 && indicators == 500 }
}

/// Heap the huge-page policy reserves: the larger shape's table and results fit.
private let hugePageMegabytes = 256

/// The first `run` of fresh processes (`--engine-child`): the median wall seconds with huge
/// pages, what one `idx run` does (idx-bench is linked as idx is, the Swift runtime
/// included), or nil.
///
/// 5 processes with glibc's default heap and 5 with `HeapPolicy.reserveHugePages` applied at
/// start, interleaved; prints the medians of wall, CPU and page faults.
private func freshProcesses(_ shape: SyntheticShape, name: String, report: Report) -> Double? {
  var figures: [String: [[Double]]] = [:]
  for _ in 0..<5 {
    for policy in ["default", "huge"] {
      let line = shellOutput(
        "\(executablePath()) --engine-child \(shape.entities) \(shape.indicators) \(policy)")
      let words = line.split(separator: " ").compactMap { Double($0.filter { $0 != "\n" }) }
      if words.count == 3 { figures[policy, default: []].append(words) }
    }
  }
  var hugeMedian: Double?
  for policy in ["default", "huge"] {
    guard let rows = figures[policy], !rows.isEmpty else {
      report.note("\(name): the fresh-process child did not answer")
      continue
    }
    let column = { (i: Int) in medianOf(rows.map { $0[i] }) }
    let label = policy == "huge" ? "reserveHugePages at start" : "glibc's default heap"
    report.figure(
      "\(name) fresh process, \(label)",
      format(column(0) * 1000, 2) + " ms wall, " + format(column(1) * 1000, 2) + " ms cpu, "
        + format(column(2), 0) + " page faults (first run, median of \(rows.count) processes)")
    if policy == "huge" { hugeMedian = column(0) }
  }
  return hugeMedian
}

/// Bytes a second that one core reads from memory: the median of 5 sums over 256 MB, eight
/// times the largest cache of this machine's kind, so that the sum finds little of it cached.
private func memoryReadBandwidth() -> Double {
  let count = (256 << 20) / 8
  let values = [Double](repeating: 1, count: count)
  var kept = SIMD4<Double>()
  let read = timing(runs: 5, warmUps: 1) {
    values.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let raw = UnsafeRawPointer(base)
      let quad = MemoryLayout<SIMD4<Double>>.stride
      var (a, b, c, d) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
      for block in 0..<(count / 16) {
        let offset = block * 4 * quad
        a += raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        b += raw.loadUnaligned(fromByteOffset: offset + quad, as: SIMD4<Double>.self)
        c += raw.loadUnaligned(fromByteOffset: offset + 2 * quad, as: SIMD4<Double>.self)
        d += raw.loadUnaligned(fromByteOffset: offset + 3 * quad, as: SIMD4<Double>.self)
      }
      kept += a + b + c + d
    }
  }
  // The sums are used, so the loop is not removed: every value is 1.
  if kept.sum() != Double(count) * 6 { print("engine note    memory read: unexpected sum") }
  return Double(count * 8) / read.median
}

/// The engine's run inside `idx run`, what users see: seconds, or nil when it cannot run.
///
/// The `score` figure of `idx run … --format csv --timings`, the median of 11 processes on
/// the peer's generated methodology of the shape. Nil without an `idx` beside this
/// executable (`swift build -c release --product idx`) or without the methodology (written
/// by `numpyPeer`).
private func engineInsideIdxRun(_ shape: SyntheticShape) -> Double? {
  let here = executablePath()
  let idx =
    here.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    .joined(separator: "/") + "/idx"
  let methodology = "/tmp/idx-bench-engine-\(shape.entities)x\(shape.indicators)/generated.idx"
  guard access(idx, X_OK) == 0, access(methodology, R_OK) == 0 else { return nil }
  var scores: [Double] = []
  for _ in 0..<11 {
    // "timings: compile 22.06 ms · score 0.76 ms · write 23.46 ms" on standard error.
    let words = shellOutput("\(idx) run \(methodology) --format csv --timings 2>&1 >/dev/null")
      .split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard let at = words.firstIndex(of: "score"), at + 1 < words.count,
      let milliseconds = Double(words[at + 1])
    else { return nil }
    scores.append(milliseconds / 1000)
  }
  return medianOf(scores)
}

/// This executable's path (`/proc/self/exe` names the shell inside `popen`).
private func executablePath() -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  guard length > 0 else { return CommandLine.arguments[0] }
  return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `--engine-child ENTITIES INDICATORS default|huge [RUNS]`: builds the shape's table, runs it
/// once and prints the run's wall and CPU seconds and its page faults; with RUNS > 1 (a loop to
/// profile with `perf record`), `RUNS` more runs follow and a second line gives their medians.
func engineChild(entities: Int, indicators: Int, policy: String, runs: Int = 1) -> Int32 {
  if policy == "huge" { HeapPolicy.reserveHugePages(megabytes: hugePageMegabytes) }
  guard
    let shape = engineShapes.first(where: { $0.entities == entities && $0.indicators == indicators }
    )
  else { return 2 }
  let table = shape.table()
  let plan = shape.plan(prefix: "")
  let faults = minorFaults()
  var errors = false
  let first = timing { errors = run(plan, on: table).diagnostics.hasErrors }
  print("\(first.median) \(first.cpuMedian) \(minorFaults() - faults)")
  if runs > 1 {
    let later = minorFaults()
    let steady = timing(runs: runs) {
      errors = errors || run(plan, on: table).diagnostics.hasErrors
    }
    print("\(steady.median) \(steady.cpuMedian) \((minorFaults() - later) / runs)")
  }
  return errors ? 1 : 0
}

/// The process's minor page faults so far.
private func minorFaults() -> Int {
  var usage = rusage()
  guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
  return Int(usage.ru_minflt)
}

/// memcpy of `bytes` between two buffers already faulted in: median of 11.
private func copyTiming(bytes: Int) -> Timing {
  let count = bytes / 8
  let source = [Double](repeating: 1, count: count)
  var target = [Double](repeating: 0, count: count)
  return timing(runs: 11, warmUps: 1) {
    source.withUnsafeBytes { from in
      target.withUnsafeMutableBytes { to in
        if let target = to.baseAddress, let source = from.baseAddress {
          _ = memcpy(target, source, bytes)
        }
      }
    }
  }
}

/// numpy's median and best scoring times in seconds on the same data, or nil when it cannot
/// run.
private func numpyPeer(_ shape: SyntheticShape) -> (median: Double, best: Double)? {
  let peer =
    ["../shared/bench", "/work/shared/bench"].first { access($0 + "/numpy_synth.py", R_OK) == 0 }
    ?? "../shared/bench"
  let directory = "/tmp/idx-bench-engine-\(shape.entities)x\(shape.indicators)"
  let levelText = shape.levels.map(String.init).joined(separator: ",")
  let generate =
    "test -f \(directory)/data.csv || python3 \(peer)/gen_synth.py \(directory) "
    + "\(shape.entities) \(shape.indicators) \(levelText) > /dev/null"
  guard system(generate) == 0 else { return nil }
  let timed = shellOutput(
    "OPENBLAS_NUM_THREADS=1 python3 \(peer)/numpy_synth.py time \(directory)/data.csv "
      + "\(directory)/iMeta.csv 11")
  // "numpy vectorized x 11: median 5.20 ms (min 4.90 …": the first median and min.
  guard
    let line = timed.split(separator: "\n").first(where: { $0.hasPrefix("numpy vectorized x") })
  else { return nil }
  let words = line.split(separator: " ")
  func value(after word: String) -> Double? {
    guard let at = words.firstIndex(where: { $0.hasPrefix(word) }), at + 1 < words.count else {
      return nil
    }
    return Double(words[at + 1].filter { $0.isNumber || $0 == "." })
  }
  guard let median = value(after: "median") else { return nil }
  let best = value(after: "(min") ?? median
  return (median / 1000, best / 1000)
}

/// What a shell command prints on standard output.
func shellOutput(_ command: String) -> String {
  guard let pipe = popen(command, "r") else { return "" }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let read = fread(&buffer, 1, buffer.count, pipe)
    if read <= 0 { break }
    bytes += buffer[0..<read]
  }
  pclose(pipe)
  return String(decoding: bytes, as: UTF8.self)
}

/// The one-minute load average, as /proc/loadavg gives it.
func loadAverage() -> String {
  shellOutput("cut -d' ' -f1-3 /proc/loadavg").split(separator: "\n").first.map(String.init)
    ?? "?"
}
