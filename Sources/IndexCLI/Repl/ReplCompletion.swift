import Glibc
import IndexLanguage
import LineEditor
import ScoringEngine

/// What Tab offers at the prompt: command names after `:`, file paths after `:load` and
/// `:save`, node names, entity codes, data columns after `source.`, `.raw`/`.rank`/`.weight`
/// after a node, method names after `normalize =` and the like, and the REPL's functions.
struct ReplCompletion {
  /// Names the session knows, taken from its current state.
  struct Names {
    var nodes: [String] = []
    var indicators: [String] = []
    var entities: [String] = []
    var variables: [String] = []
  }

  let names: Names

  init(_ session: ReplSession) {
    var names = Names()
    if let results = session.current?.results {
      names.nodes = results.plan.nodes.map(\.name)
      names.indicators = results.plan.nodes.filter { $0.indicator != nil }.map(\.name)
      names.entities = results.entities.map(\.code)
    }
    names.variables = session.current?.table?.variables ?? []
    self.names = names
  }

  /// Candidates for the word that ends at `cursor` (in characters) of `buffer`.
  func complete(_ buffer: String, cursor: Int) -> Completion {
    let characters = Array(buffer)
    let end = min(cursor, characters.count)
    var start = end
    let isWordCharacter: (Character) -> Bool = {
      $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == ":" || $0 == "/" || $0 == "-"
        || $0 == "~"
    }
    while start > 0 && isWordCharacter(characters[start - 1]) { start -= 1 }
    let word = String(characters[start..<end])
    let before = String(characters[..<start]).trimmingSpaces
    let candidates = self.candidates(for: word, before: before)
    let matching = candidates.filter { $0.hasPrefix(word) }
    var seen = Set<String>()
    let unique = matching.filter { seen.insert($0).inserted }
    let labels: [String]? =
      before.hasPrefix(":load") || before.hasPrefix(":save")
      ? unique.map { $0.split(separator: "/").last.map(String.init) ?? $0 } : nil
    return Completion(candidates: unique, replacing: start..<end, labels: labels)
  }

  private func candidates(for word: String, before: String) -> [String] {
    if before.isEmpty && word.hasPrefix(":") {
      return ReplSession.commands.map { ":" + $0.name }
    }
    let command = before.split(separator: " ").first.map(String.init) ?? ""
    if command.hasPrefix(":") {
      let name = ReplSession.commandNamed(String(command.dropFirst())).name
      switch name {
      case "load", "save": return Self.paths(word)
      case "explain", "pair": return names.entities + ["--vs"]
      case "data": return before == command ? names.indicators : names.entities
      case "set":
        return before == command
          ? ["format", "precision", "colour"] : ["table", "csv", "json", "md", "on", "off"]
      case "help": return ReplSession.commands.map(\.name) + ["expressions", "edits", "solve"]
      default: break
      }
    }
    if let property = Self.propertyBeingSet(before) {
      return Vocabulary.methods(for: property).map(\.name)
    }
    if let dot = word.lastIndex(of: ".") {
      let head = String(word[..<dot])
      let first = head.split(separator: ".").first.map(String.init) ?? head
      var found: [String] = []
      if names.nodes.contains(first) {
        found += ["raw", "rank", "weight", "score", "normalize", "direction", "impute", "treat"].map
        {
          head + "." + $0
        }
      }
      found += names.variables.filter { $0.hasPrefix(head + ".") }
      found += names.entities.map { head + "." + $0 }
      return found
    }
    let sources = Set(names.variables.map { String($0.prefix { $0 != "." }) }).sorted()
    return ["score", "rank", "ans"] + ReplSession.editKeywords.sorted() + names.nodes + sources
      + ReplOperators.functions.map(\.name) + names.entities
  }

  /// `normalize` in `set capital.normalize =`: the property whose value is being typed.
  static func propertyBeingSet(_ before: String) -> String? {
    guard before.hasSuffix("=") || before.hasSuffix(":") else { return nil }
    let head = before.dropLast().trimmingSpaces
    let last = head.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).last ?? ""
    return last.split(separator: ".").last.map(String.init)
  }

  /// Files and folders that begin with `word`, folders with a slash, hidden ones only when
  /// asked for.
  static func paths(_ word: String) -> [String] {
    let folder = word.contains("/") ? Paths.directory(of: word) : "."
    let prefix = word.contains("/") ? (folder == "/" ? "/" : folder + "/") : ""
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var found: [String] = []
    while let entry = readdir(directory), found.count < 1000 {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      if name.hasPrefix(".") && !Paths.name(of: word).hasPrefix(".") { continue }
      let isFolder = entry.pointee.d_type == UInt8(DT_DIR)
      found.append(prefix + name + (isFolder ? "/" : ""))
    }
    return found.sorted()
  }
}
