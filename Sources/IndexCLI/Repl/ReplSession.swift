import Diagnostics
import IndexLanguage
import ScoringEngine

/// The state of one `idx repl` session and the evaluation of what is typed into it.
///
/// Design: the session holds the loaded file's path and the edits typed since, as text; the
/// live methodology is always the file compiled with those edits applied as a fork that
/// `extends` it (`compile(path:edits:)`), exactly what `idx run --edit` and a saved fork
/// give, so the three cannot drift apart. An input is tried on a copy of the state: only when
/// it compiles and scores does it replace the state, so a bad line leaves the session as it
/// was. Each input is one `SourceFile` named `<stdin>` whose text is the line preceded by as
/// many empty lines as came before it, so diagnostics read `<stdin>:LINE:COL`.
public struct ReplSession {
  /// What the session is scored from: the compilation and its results.
  struct Scored {
    var compilation: Compilation
    /// The results, with every stage kept for rescoring the next state from.
    var rescorer: Rescorer
    var results: Results { rescorer.results }
    var plan: Plan { results.plan }
    var table: DataTable? { compilation.table }
  }

  /// An edit typed at the prompt, kept as written for `:edits`, `:undo` and `:save`.
  struct Edit {
    var text: String
    /// The input line it was typed on.
    var line: Int
    /// The text as compiled (`<stdin>`, placed on its line).
    var file: SourceFile
  }

  /// How values are shown.
  struct Settings {
    var format: OutputFormat = .table
    var precision = 2
    var color = false
  }

  let fileSystem: any FileSystem
  var options: CompileOptions
  var path: String?
  var edits: [Edit] = []
  var undone: [Edit] = []
  /// The loaded file without edits (what `:diff` compares with).
  var baseline: Scored?
  /// The file with the edits.
  var current: Scored?
  /// The last value an expression printed.
  var answer: ReplValue?
  /// The two entities whose gap the summary of an edit reports (else the top two).
  var pair: (String, String)?
  /// The scored period expressions and summaries read (else the latest).
  var chosenPeriod: Int?
  var settings = Settings()
  /// Whether `:quit` was given.
  public internal(set) var hasQuit = false

  public init(fileSystem: any FileSystem, options: CompileOptions = CompileOptions(), color: Bool) {
    self.fileSystem = fileSystem
    self.options = options
    settings.color = color
  }

  /// What one input printed, and whether it failed.
  public struct Reply: Error, Sendable, Equatable {
    public var output = ""
    public var errors = ""
    public var failed = false

    static func failure(_ text: String) -> Reply { Reply(errors: text, failed: true) }
  }

  /// Evaluates one input (possibly several lines joined by `\n`) typed on `line`.
  public mutating func evaluate(_ input: String, line: Int) -> Reply {
    let trimmed = input.trimmingSpaces
    if trimmed.isEmpty || trimmed.hasPrefix("//") { return Reply() }
    let file = SourceFile(path: "<stdin>", text: String(repeating: "\n", count: line - 1) + input)
    if trimmed.hasPrefix(":") { return command(trimmed, file: file, line: line) }
    if trimmed.hasPrefix("?") { return describe(trimmed.dropFirst().trimmingSpaces, file: file) }
    if Self.isEdit(trimmed) { return amend(input, file: file, line: line) }
    return expression(file)
  }

  /// Whether an input is a declaration or an edit (its first word is a keyword that starts
  /// one), rather than an expression.
  static func isEdit(_ text: String) -> Bool {
    let word = text.prefix { $0.isLetter || $0 == "_" }
    return editKeywords.contains(String(word))
  }

  static let editKeywords: Set<String> = [
    "set", "add", "remove", "weights", "adjust", "indicator", "dimension", "soft", "data",
    "scale", "index", "extends", "amends", "use",
  ]

  /// The scored period inputs refer to (an index into the current results' periods).
  var periodIndex: Int? {
    guard let results = current?.results else { return nil }
    if let chosenPeriod { return results.periodIndex(chosenPeriod) }
    return results.periods.isEmpty ? nil : results.periods.count - 1
  }

  /// Diagnostics rendered as the session shows them.
  func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer(color: settings.color).render(diagnostics)
  }
}

extension StringProtocol {
  /// The text without spaces, tabs and line ends at either end.
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
