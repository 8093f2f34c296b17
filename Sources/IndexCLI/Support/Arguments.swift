import Diagnostics

/// A small command-line parser: positional arguments, `--flag`, `--option value` and
/// `--option=value`, with errors that name the problem.
///
/// Each command declares what it accepts; anything else is a usage error (exit code 2),
/// with a did-you-mean for misspelt options.
struct Arguments {
  /// What a command accepts.
  struct Spec {
    var options: [String] = []
    var flags: [String] = []
    /// Options that take one or more values: the words up to the next `--option`, each of
    /// which may also list several values separated by commas (`--entity US CN`, `US,CN`).
    var lists: [String] = []
  }

  private(set) var positional: [String] = []
  /// Every value given for each option, in order (`--root a --root b`).
  private var values: [String: [String]] = [:]
  private var listValues: [String: [String]] = [:]
  private var setFlags: Set<String> = []

  /// Parses `words` (without the command name) against `spec`.
  init(_ words: [String], spec: Spec) throws(UsageError) {
    var index = 0
    var onlyPositional = false
    while index < words.count {
      let word = words[index]
      index += 1
      if onlyPositional || !word.hasPrefix("--") || word == "-" {
        if word.hasPrefix("-") && word.count > 1 && !onlyPositional && Double(word) == nil {
          throw UsageError("unknown option `\(word)`; options start with `--`")
        }
        positional.append(word)
        continue
      }
      if word == "--" {
        onlyPositional = true
        continue
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if spec.lists.contains(name) {
        var items = inlineValue.map { [$0] } ?? []
        while inlineValue == nil, index < words.count, !words[index].hasPrefix("--") {
          items.append(words[index])
          index += 1
        }
        let split = items.flatMap { $0.split(separator: ",").map(String.init) }
        guard !split.isEmpty else { throw UsageError("`--\(name)` needs a value") }
        listValues[name, default: []] += split
      } else if spec.flags.contains(name) {
        if inlineValue != nil { throw UsageError("`--\(name)` takes no value") }
        setFlags.insert(name)
      } else if spec.options.contains(name) {
        if let inlineValue {
          values[name, default: []].append(inlineValue)
        } else if index < words.count {
          values[name, default: []].append(words[index])
          index += 1
        } else {
          throw UsageError("`--\(name)` needs a value")
        }
      } else {
        let known = spec.options + spec.flags + spec.lists
        let close = Suggestions.closest(to: name, among: known, limit: 1).first
        throw UsageError(
          "unknown option `--\(name)`" + (close.map { "; did you mean `--\($0)`?" } ?? ""))
      }
    }
  }

  /// The value of `--name`, if given (the last one, when given several times).
  func value(_ name: String) -> String? {
    values[name]?.last
  }

  /// Every value of a repeatable option, in order.
  func all(_ name: String) -> [String] {
    values[name] ?? []
  }

  /// The values of a list option, in the order given (empty when it was not given).
  func list(_ name: String) -> [String] {
    listValues[name] ?? []
  }

  /// Whether `--name` was given.
  func flag(_ name: String) -> Bool {
    setFlags.contains(name)
  }

  /// The value of `--name` as a whole number.
  func integer(_ name: String) throws(UsageError) -> Int? {
    guard let text = values[name]?.last else { return nil }
    guard let value = Int(text) else {
      throw UsageError("`--\(name)` takes a whole number, not `\(text)`")
    }
    return value
  }
}

/// A mistake in how the command was called (exit code 2).
struct UsageError: Error {
  var message: String

  init(_ message: String) {
    self.message = message
  }
}
