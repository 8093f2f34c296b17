import Diagnostics
import IndexLanguage
import ScoringEngine

/// Amending the live methodology: an edit typed at the prompt, undo and redo, loading.
extension ReplSession {
  /// Compiles the loaded file with `edits` and scores it; the diagnostics to show when it does
  /// not give results (then the state must not change).
  ///
  /// `pathSpan` is where the file's path was typed, for the message when it cannot be read.
  func scored(_ edits: [Edit], reusing: Scored?, pathSpan: Span? = nil) -> (Scored?, [Diagnostic]) {
    guard let path else { return (nil, []) }
    let compilation = IndexLanguage.compile(
      path: path, fileSystem: fileSystem, options: options, edits: edits.map(\.file),
      reusing: reusing?.compilation.data)
    if let error = compilation.unreadable {
      return (nil, [ReplMessages.unreadable(error, at: pathSpan)])
    }
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table
    else { return (nil, compilation.diagnostics) }
    let previous = reusing.flatMap { old in old.table.map { (old.rescorer, $0) } }
    let rescorer = Rescoring.score(plan, on: table, previous: previous)
    let results = rescorer.results
    if results.diagnostics.hasErrors || results.periods.isEmpty {
      return (nil, compilation.diagnostics + results.diagnostics)
    }
    return (Scored(compilation: compilation, rescorer: rescorer), [])
  }

  /// An edit or declaration typed at the prompt, applied on top of the others.
  ///
  /// The state is replaced only if the result scores. An edit of a path an earlier edit already set
  /// replaces that one (in a fork file it would be an error: one edit per path).
  mutating func amend(_ text: String, file: SourceFile, line: Int) -> Reply {
    guard let current else { return .failure(render([ReplMessages.nothingLoaded(file)])) }
    // A syntax error alone: what the checker would say of a half-read edit is noise.
    let syntaxErrors = Parser.parse(file).1.filter(\.isError)
    if !syntaxErrors.isEmpty { return .failure(render(syntaxErrors)) }
    let edit = Edit(text: text, line: line, file: file)
    var candidate = edits + [edit]
    var replaced: [Edit] = []
    var (next, problems) = scored(candidate, reusing: current)
    while next == nil, let earlier = Self.twiceEdited(problems, by: line, in: candidate) {
      replaced.append(candidate.remove(at: earlier))
      (next, problems) = scored(candidate, reusing: current)
    }
    guard let next else { return .failure(render(problems.filter(\.isError))) }
    let before = current
    edits = candidate
    undone = []
    self.current = next
    var reply = Reply()
    let fresh = next.compilation.diagnostics.filter { Self.isOnLine($0, line) }
    if !fresh.isEmpty { reply.errors = render(fresh) }
    reply.output = replaced.map { ReplMessages.replaces($0.line, $0.text) }.joined()
    reply.output += summary(from: before.results, to: next.results)
    return reply
  }

  /// The position in `edits` of an earlier edit that the edit on `line` edits again (E0329),
  /// if that is the only error left.
  static func twiceEdited(_ problems: [Diagnostic], by line: Int, in edits: [Edit]) -> Int? {
    let errors = problems.filter(\.isError)
    guard errors.count == 1, let error = errors.first, error.code == "E0329",
      isOnLine(error, line), let first = error.secondary.first?.span
    else { return nil }
    let firstLine = first.file.lineColumn(of: first.start).line
    return edits.firstIndex { $0.line == firstLine && $0.line != line }
  }

  /// Whether a diagnostic's primary location is the input typed on `line`.
  static func isOnLine(_ diagnostic: Diagnostic, _ line: Int) -> Bool {
    guard let span = diagnostic.primary?.span, span.file.path == "<stdin>" else { return false }
    return span.file.lineColumn(of: span.start).line == line
  }

  /// `:undo [n]`: takes back the last `n` edits.
  mutating func undo(_ count: Int, file: SourceFile) -> Reply {
    guard !edits.isEmpty else { return .failure(render([ReplMessages.nothingTo("undo", file)])) }
    let kept = Array(edits.dropLast(count))
    let taken = Array(edits.suffix(min(count, edits.count)))
    return replaceEdits(kept, undone: undone + taken.reversed(), file: file)
  }

  /// `:redo`: puts back the edit undone last.
  mutating func redo(file: SourceFile) -> Reply {
    guard let edit = undone.last else {
      return .failure(render([ReplMessages.nothingTo("redo", file)]))
    }
    return replaceEdits(edits + [edit], undone: Array(undone.dropLast()), file: file)
  }

  /// `:reset`: every edit taken back (they can be redone one by one).
  mutating func reset(file: SourceFile) -> Reply {
    guard !edits.isEmpty else { return .failure(render([ReplMessages.nothingTo("reset", file)])) }
    return replaceEdits([], undone: undone + edits.reversed(), file: file)
  }

  /// The state with another list of edits, and the summary of the move.
  private mutating func replaceEdits(_ kept: [Edit], undone: [Edit], file: SourceFile) -> Reply {
    guard let before = current else {
      return .failure(render([ReplMessages.nothingLoaded(file)]))
    }
    let (next, problems) = scored(kept, reusing: before)
    guard let next else { return .failure(render(problems.filter(\.isError))) }
    edits = kept
    self.undone = undone
    current = next
    return Reply(
      output: ReplMessages.editCount(edits.count) + summary(from: before.results, to: next.results))
  }

  /// Loads a new baseline with no edits (`:load FILE`, or the file on the command line).
  ///
  /// A file that does not score leaves the session as it was.
  mutating func load(_ newPath: String, file: SourceFile?, pathSpan: Span? = nil) -> Reply {
    var trial = self
    trial.path = newPath
    trial.edits = []
    trial.undone = []
    // Another file has its own entities and periods.
    trial.pair = nil
    trial.chosenPeriod = nil
    let (loaded, problems) = trial.scored([], reusing: nil, pathSpan: pathSpan)
    guard let loaded else {
      var text = render(problems.filter(\.isError))
      let unreadable = problems.contains { $0.code == "E0296" }
      if let file, !unreadable { text += render([ReplMessages.loadFailed(newPath, file)]) }
      return .failure(text)
    }
    self = trial
    baseline = loaded
    current = loaded
    answer = nil
    var reply = Reply(output: ReplMessages.loaded(newPath, loaded.results))
    let warnings = loaded.compilation.diagnostics + loaded.results.diagnostics
    if !warnings.isEmpty { reply.errors = render(warnings) }
    return reply
  }

  /// `:reload`: the file read again from disk (data too), the edits applied again.
  mutating func reload(file: SourceFile) -> Reply {
    guard let path, let before = current else {
      return .failure(render([ReplMessages.nothingLoaded(file)]))
    }
    let (base, baseProblems) = scored([], reusing: nil)
    guard let base else { return .failure(render(baseProblems.filter(\.isError))) }
    let (next, problems) = scored(edits, reusing: base)
    guard let next else { return .failure(render(problems.filter(\.isError))) }
    baseline = base
    current = next
    return Reply(
      output: ReplMessages.reloaded(path, edits.count)
        + summary(from: before.results, to: next.results))
  }
}
