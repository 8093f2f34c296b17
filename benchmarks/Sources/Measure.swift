#if canImport(Glibc)
  import Glibc
#endif

// Measuring is kept apart from what is measured: every case asks this file for times and memory
// figures, and prints them through `Report`, so all cases read the same way. Times come from
// the monotonic clock; the process's CPU time is taken beside them because this machine is
// shared, and a wall time well above the CPU time means the run waited for a core. Memory comes from the kernel: the current resident set
// (/proc/self/statm), and the peak (`getrusage` ru_maxrss, the same high-water mark as VmHWM in
// /proc/self/status). Writing "5" to /proc/self/clear_refs lowers that mark to the current size,
// which gives the peak of one phase; it lowers ru_maxrss too, so `Report` keeps the highest
// mark it has seen to still report the peak of the whole process.

/// Wall-clock and CPU times of repeated runs of one phase, in seconds.
struct Timing {
  private(set) var wall: [Double] = []
  private(set) var cpu: [Double] = []

  /// Runs `body` once and records its times.
  mutating func record(_ body: () -> Void) {
    let cpuStart = processCPUSeconds()
    let elapsed = ContinuousClock().measure(body)
    cpu.append(processCPUSeconds() - cpuStart)
    let (seconds, attoseconds) = elapsed.components
    wall.append(Double(seconds) + Double(attoseconds) * 1e-18)
  }

  /// The same timings without the first `count` runs.
  func droppingFirst(_ count: Int) -> Timing {
    var rest = Timing()
    rest.wall = Array(wall.dropFirst(count))
    rest.cpu = Array(cpu.dropFirst(count))
    return rest
  }

  /// The median wall time: the figure every target is judged on.
  var median: Double { medianOf(wall) }
  /// The shortest wall time: the run least disturbed by other work on the machine.
  var best: Double { wall.min() ?? .nan }
  /// The median CPU time of the process.
  var cpuMedian: Double { medianOf(cpu) }
}

/// Times `runs` runs of `body` after `warmUps` untimed ones, stopping early once `budget`
/// seconds have gone by, so a pathologically slow phase still finishes; it then keeps at least
/// one run, a warm-up if need be.
func timing(
  runs: Int = 1, warmUps: Int = 0, budget: Double = .infinity, _ body: () -> Void
) -> Timing {
  var all = Timing()
  for _ in 0..<(warmUps + runs) {
    all.record(body)
    if all.wall.reduce(0, +) > budget { break }
  }
  return all.droppingFirst(min(warmUps, all.wall.count - 1))
}

/// The median of some values (the mean of the middle two for an even count).
func medianOf(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// User and system CPU time of the whole process so far, in seconds.
private func processCPUSeconds() -> Double {
  var now = timespec()
  guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0 else { return .nan }
  return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Memory figures of this process, in bytes.
enum Memory {
  /// The resident set right now, from /proc/self/statm (its second field, in pages).
  static func current() -> Int {
    guard let text = readProcFile("/proc/self/statm") else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// The peak resident set of the whole process so far (ru_maxrss, KiB on Linux).
  static func processPeak() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
  }

  /// The peak resident set since the last `resetPhasePeak()` (VmHWM), or nil if unreadable.
  static func phasePeak() -> Int? {
    guard let text = readProcFile("/proc/self/status") else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let number = line.dropFirst("VmHWM:".count).split { $0 == " " || $0 == "\t" }.first
      if let number, let kibibytes = Int(number) { return kibibytes * 1024 }
    }
    return nil
  }

  /// Lowers the phase peak to the current resident set; false when the kernel refuses.
  @discardableResult
  static func resetPhasePeak() -> Bool {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
    let written = fputs("5", file) >= 0
    return fclose(file) == 0 && written
  }

  /// A small text file from /proc, read whole (its size is unknown until read).
  private static func readProcFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      bytes += buffer[0..<count]
      if count < buffer.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The highest peak the process has reached, kept across the resets that measure phases.
final class PeakTracker {
  private var earlier = 0

  /// Notes the current high-water mark, then lowers it to start a phase; false when the
  /// kernel refuses.
  @discardableResult
  func reset() -> Bool {
    earlier = max(earlier, Memory.processPeak())
    return Memory.resetPhasePeak()
  }

  /// The peak resident set of the whole process so far, resets notwithstanding.
  var processPeak: Int { max(earlier, Memory.processPeak(), Memory.phasePeak() ?? 0) }
}

/// Prints phases, figures and targets in one layout for every case.
struct Report {
  let caseName: String
  let peaks: PeakTracker
  /// Whether the kernel lets this process reset its phase peak.
  let phasePeaks: Bool

  init(caseName: String, peaks: PeakTracker) {
    self.caseName = caseName
    self.peaks = peaks
    self.phasePeaks = Memory.phasePeak() != nil && peaks.reset()
  }

  /// Starts a phase: from here, the phase peak counts only this phase.
  func begin() {
    if phasePeaks { peaks.reset() }
  }

  /// Ends a phase: its times, what it did, and the memory figures.
  ///
  /// With several runs the time is their median, followed by the best run; then the median CPU
  /// time, and current, phase-peak and process-peak memory on a second line.
  func phase(_ name: String, _ timing: Timing, _ detail: String) {
    let peak = phasePeaks ? Memory.phasePeak().map(megabytes) ?? "?" : "n/a"
    var times = pad(milliseconds(timing.median), 10)
    times += timing.wall.count > 1 ? " best " + pad(milliseconds(timing.best), 10) : pad("", 16)
    times += " cpu " + pad(milliseconds(timing.cpuMedian), 10)
    print("\(caseName) \(pad(name, 14)) \(times) | \(detail)")
    print(
      "\(caseName) \(pad("", 14)) memory: rss \(megabytes(Memory.current())), phase peak "
        + "\(peak), process peak \(megabytes(peaks.processPeak))")
  }

  /// A named figure with its unit.
  func figure(_ name: String, _ value: String) {
    print("\(caseName) figure  \(pad(name, 44)) \(value)")
  }

  /// A figure beside its target, and whether it meets it; never fails the run.
  func target(
    _ name: String, measured: Double, target: Double, unit: String, higherIsBetter: Bool,
    digits: Int = 1
  ) {
    let met = higherIsBetter ? measured >= target : measured <= target
    let comparison = higherIsBetter ? "≥" : "≤"
    print(
      "\(caseName) target  \(pad(name, 44)) \(format(measured, digits)) \(unit) "
        + "(target \(comparison) \(format(target, digits)) \(unit)): \(met ? "met" : "MISSED")")
  }

  /// A plain note, for context that is not a figure.
  func note(_ text: String) {
    print("\(caseName) note    \(text)")
  }
}

/// Seconds as milliseconds, one decimal.
func milliseconds(_ seconds: Double) -> String {
  format(seconds * 1000, 1) + " ms"
}

/// Bytes as megabytes (10⁶ bytes), one decimal.
func megabytes(_ bytes: Int) -> String {
  format(Double(bytes) / 1e6, 1) + " MB"
}

/// A number with a fixed count of decimals, without Foundation.
func format(_ value: Double, _ digits: Int) -> String {
  guard value.isFinite else { return "\(value)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  let whole = Int(scaled / scale)
  let fraction = Int(scaled - Double(whole) * scale)
  var text = (value < 0 && scaled > 0 ? "-" : "") + "\(whole)"
  if digits > 0 {
    let digitsText = "\(fraction)"
    text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
  }
  return text
}

/// Left-aligns text in a column of the given width.
func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
