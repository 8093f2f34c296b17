import Glibc
import IndexCLI
import IndexLanguage
import Testing

/// The hostile shapes of issue 16 through every command, on a thread with a small stack:
/// recursion that would survive the main thread's 8 MiB on these inputs still overflows
/// here, so it cannot hide.
///
/// The stack is 512 KiB in an optimized build. An unoptimized (debug) build gives every
/// temporary its own stack slot, so its frames are about eight times larger (measured: the
/// parser's 200 levels of parentheses need under 384 KiB optimized and about 3 MiB in debug);
/// there the test uses 4 MiB, still half the main thread's stack and far below what the
/// recursive walks these shapes used to take (tens of megabytes).
@Suite struct SmallStackTests {
  #if DEBUG
    static let stackSize = 4 << 20
  #else
    static let stackSize = 512 << 10
  #endif

  /// What a command printed, filled in on the small thread and read after it ends.
  final class Outcomes: @unchecked Sendable {
    var outcomes: [CLI.Outcome] = []
  }

  /// Runs `body` on a new thread with a stack of `bytes`, and waits for it to end.
  static func onSmallStack(_ bytes: Int = stackSize, _ body: @escaping () -> Void) {
    final class Box {
      let body: () -> Void
      init(_ body: @escaping () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, bytes)
    var thread = pthread_t()
    let created = pthread_create(
      &thread, &attributes,
      { raw in
        guard let raw else { return nil }
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
      }, box)
    pthread_attr_destroy(&attributes)
    precondition(created == 0, "cannot start a thread")
    pthread_join(thread, nil)
  }

  /// Runs each argument list on `files` on a small stack.
  static func idx(_ files: MemoryFileSystem, _ runs: [[String]]) -> [CLI.Outcome] {
    let results = Outcomes()
    onSmallStack {
      let cli = CLI(context: .init(fileSystem: files, color: false))
      results.outcomes = runs.map { cli.run($0) }
    }
    return results.outcomes
  }

  /// A methodology whose formula is `expression`.
  static func formula(_ expression: String) -> MemoryFileSystem {
    Shapes.files(Shapes.header() + "indicator a { value: \(expression) }\n")
  }

  @Test func deepExpressionsAreOneDiagnostic() {
    // Fifty times the depth limit; LimitsTests has the 100,000-operator chain of issue 16.
    let count = 10_000
    let shapes: [(String, MemoryFileSystem)] = [
      ("operator chain", Shapes.operatorChain(count)),
      ("parentheses", Self.formula(String(repeating: "(", count: count) + "d.x")),
      ("signs", Self.formula(String(repeating: "- ", count: count) + "d.x")),
      ("powers", Self.formula(String(repeating: "2 ^ ", count: count) + "d.x")),
      ("members", Self.formula("d.x" + String(repeating: ".y", count: count))),
      ("calls", Self.formula("abs" + String(repeating: "(d.x)", count: count))),
      ("lists", Self.formula(String(repeating: "[", count: count))),
      ("conditions", Self.formula(String(repeating: "if d.x then ", count: count) + "1")),
      ("comparisons", Self.formula("d.x" + String(repeating: " < d.x", count: count))),
      ("logic", Self.formula("d.x" + String(repeating: " and not d.x", count: count))),
    ]
    for (name, files) in shapes {
      let outcome = Self.idx(files, [["check", "m/main.idx", "--format", "json"]])[0]
      #expect(outcome.code == 1, "\(name)")
      #expect(
        outcome.stdout.contains("\"code\":\"E0118\""), "\(name): \(outcome.stdout.prefix(300))")
    }
  }

  @Test func expressionsJustWithinTheLimitRun() {
    // The deepest expressions the parser accepts go through checking, lowering, evaluation
    // and release on the small stack too.
    let shapes: [(String, MemoryFileSystem)] = [
      ("operator chain", Shapes.operatorChain(190)),
      (
        "parentheses",
        Self.formula(
          String(repeating: "(", count: 190) + "d.x" + String(repeating: ")", count: 190))
      ),
      ("signs", Self.formula(String(repeating: "+ ", count: 190) + "d.x")),
      (
        "conditions",
        Self.formula(
          String(repeating: "if 1 then ", count: 60) + "d.x"
            + String(repeating: " else 0", count: 60))
      ),
    ]
    for (name, files) in shapes {
      let outcome = Self.idx(files, [["run", "m/main.idx", "--format", "csv"]])[0]
      #expect(outcome.code == 0, "\(name): \(outcome.stderr.prefix(300))")
      #expect(Self.ranksFirst("C", outcome.stdout), "\(name)")
    }
  }

  @Test func deepTreeRunsExplainsAndPrints() {
    let outcomes = Self.idx(
      Shapes.deepTree(10_000),
      [
        ["run", "m/main.idx", "--format", "json"], ["run", "m/main.idx", "--format", "csv"],
        ["run", "m/main.idx", "--depth", "10000"], ["explain", "m/main.idx", "C"],
        ["explain", "m/main.idx", "C", "--vs", "A", "--format", "json"],
      ])
    for outcome in outcomes { #expect(outcome.code == 0, "\(outcome.stderr.prefix(500))") }
    #expect(
      outcomes[0].stdout.contains("{\"entity\":\"C\",\"name\":\"C\",\"score\":100,\"rank\":1"))
    #expect(outcomes[1].stdout.split(separator: "\n").first?.split(separator: ",").count == 10_005)
    #expect(outcomes[3].stdout.contains("d9999"))
  }

  @Test func longChainsOfIndicatorsFilesAndLibrariesRun() {
    let options = ["--max-files", "2000"]
    let cases: [(String, MemoryFileSystem)] = [
      ("indicators", Shapes.indicatorChain(20_000)), ("files", Shapes.fileChain(1_000)),
      ("libraries", Shapes.useFanOut(40)),
    ]
    for (name, files) in cases {
      let outcome = Self.idx(files, [["run", "m/main.idx", "--format", "csv"] + options])[0]
      #expect(outcome.code == 0, "\(name): \(outcome.stderr.prefix(500))")
      #expect(Self.ranksFirst("C", outcome.stdout), "\(name): \(outcome.stdout.prefix(300))")
    }
  }

  /// Whether `idx run --format csv` printed `entity` with score 100 and rank 1
  /// (`entity,period,score,rank,…`).
  static func ranksFirst(_ entity: String, _ csv: String) -> Bool {
    csv.split(separator: "\n").contains { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return fields.count > 3 && fields[0] == entity && fields[2] == "100" && fields[3] == "1"
    }
  }
}
