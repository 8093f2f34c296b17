import Diagnostics
import IndexLanguage

/// The `:commands`, reached by any unambiguous prefix of their name (`:u` is `:undo`).
extension ReplSession {
  /// The commands, in the order `:help` lists them, with their usage and what they do.
  static let commands: [(name: String, usage: String, summary: String)] = [
    ("help", ":help [topic]", "this list, or more on a command or topic"),
    ("load", ":load FILE", "start over from another methodology"),
    ("reload", ":reload", "read the file and its data again, keeping the edits"),
    ("edits", ":edits", "the edits so far, as a fork would hold them"),
    ("undo", ":undo [N]", "take back the last edit (or N)"),
    ("redo", ":redo", "put back the edit undone last"),
    ("reset", ":reset", "take back every edit"),
    ("diff", ":diff", "what the edits changed, with its attribution"),
    ("explain", ":explain ENTITY [--vs OTHER]", "a score broken into its terms"),
    ("rank", ":rank [N]", "the ranking (the first N)"),
    ("tree", ":tree", "the nodes with their weights"),
    ("data", ":data INDICATOR [ENTITY]", "an indicator through the pipeline"),
    ("pair", ":pair A B", "the two entities whose gap summaries report"),
    ("period", ":period P", "the scored period to show"),
    ("solve", ":solve A > B by INPUT", "the smallest change of INPUT that makes it true"),
    ("save", ":save FILE", "write the edits as a fork that extends the loaded file"),
    ("set", ":set format|precision|colour VALUE", "how values are shown"),
    ("quit", ":quit", "end the session"),
  ]

  /// The command a typed name stands for: itself, or the only one it begins.
  static func commandNamed(_ typed: String) -> (name: String?, matches: [String]) {
    if commands.contains(where: { $0.name == typed }) { return (typed, [typed]) }
    let matches = commands.map(\.name).filter { $0.hasPrefix(typed) }
    return (matches.count == 1 ? matches[0] : nil, matches)
  }

  mutating func command(_ text: String, file: SourceFile, line: Int) -> Reply {
    let input = ReplCommandLine(file)
    let (found, matches) = Self.commandNamed(input.name.text)
    guard let name = found else {
      if matches.count > 1 {
        return .failure(
          render([ReplMessages.ambiguousCommand(input.name.text, input.name.span, matches)]))
      }
      let close = Suggestions.closest(
        to: input.name.text, among: Self.commands.map(\.name), limit: 1)
      return .failure(
        render([
          ReplMessages.unknownCommand(input.name.text, input.name.span, suggestion: close.first)
        ]))
    }
    if name != "help" && name != "load" && name != "quit" && name != "set" && current == nil {
      return .failure(render([ReplMessages.nothingLoaded(file)]))
    }
    switch name {
    case "help": return Reply(output: ReplHelp.text(input.words.first?.text))
    case "load":
      guard input.words.count == 1, let path = input.words.first else {
        return usage(name, input, "`:load` takes one file")
      }
      return load(path.text, file: file, pathSpan: path.span)
    case "reload": return reload(file: file)
    case "edits": return Reply(output: editsText())
    case "undo":
      var count = 1
      if let word = input.words.first {
        guard let n = Int(word.text), n >= 1, input.words.count == 1 else {
          return usage(name, input, "`:undo` takes a number of edits, at least 1")
        }
        count = n
      }
      return undo(count, file: file)
    case "redo": return redo(file: file)
    case "reset": return reset(file: file)
    case "diff": return diff()
    case "explain": return explain(input)
    case "rank": return rank(input)
    case "tree": return Reply(output: tree())
    case "data": return data(input)
    case "pair": return choosePair(input)
    case "period": return choosePeriod(input)
    case "solve": return solve(input)
    case "save": return save(input)
    case "set": return setting(input)
    default:
      hasQuit = true
      return Reply()
    }
  }

  /// A command used wrongly, with its usage.
  func usage(_ name: String, _ input: ReplCommandLine, _ why: String) -> Reply {
    let usage = Self.commands.first { $0.name == name }?.usage ?? ":\(name)"
    let span =
      input.words.first.map { first in
        Span(
          file: input.file, start: first.span.start,
          end: input.words.last?.span.end ?? first.span.end)
      } ?? input.name.span
    return .failure(render([ReplMessages.commandUsage(usage, span, why)]))
  }

  /// `:pair A B`.
  mutating func choosePair(_ input: ReplCommandLine) -> Reply {
    guard input.words.count == 2, let results = current?.results else {
      return usage("pair", input, "`:pair` takes two entity codes")
    }
    for word in input.words where results.entityIndex(word.text) == nil {
      let close = Suggestions.closest(to: word.text, among: results.entities.map(\.code), limit: 1)
      return .failure(
        render([ReplMessages.unknownEntity(word.text, word.span, suggestion: close.first)]))
    }
    pair = (input.words[0].text, input.words[1].text)
    guard let p = periodIndex, let (a, b) = pair, let value = gap(results, a, b, period: p) else {
      return Reply()
    }
    return Reply(output: ReplMessages.gapNow(a, b, number(value)))
  }

  /// `:period P`.
  mutating func choosePeriod(_ input: ReplCommandLine) -> Reply {
    guard input.words.count == 1, let word = input.words.first, let year = Int(word.text),
      let results = current?.results
    else { return usage("period", input, "`:period` takes one scored period") }
    guard results.periodIndex(year) != nil else {
      let scored = results.periods.map(String.init).joined(separator: ", ")
      return .failure(render([ReplMessages.notScored(year, scored, word.span)]))
    }
    chosenPeriod = year
    return Reply()
  }

  /// `:set format table|csv|json|md`, `:set precision N`, `:set colour on|off`.
  mutating func setting(_ input: ReplCommandLine) -> Reply {
    guard input.words.count == 2 else {
      return usage("set", input, "`:set` takes a setting and its value")
    }
    let value = input.words[1].text
    switch input.words[0].text {
    case "format":
      guard let format = OutputFormat(rawValue: value) else {
        return usage("set", input, "the formats are table, csv, json and md")
      }
      settings.format = format
    case "precision":
      guard let digits = Int(value), (0...12).contains(digits) else {
        return usage("set", input, "precision is a number of decimals from 0 to 12")
      }
      settings.precision = digits
    case "colour", "color":
      guard value == "on" || value == "off" else {
        return usage("set", input, "colour is `on` or `off`")
      }
      settings.color = value == "on"
    default:
      return usage("set", input, "the settings are format, precision and colour")
    }
    return Reply()
  }
}
