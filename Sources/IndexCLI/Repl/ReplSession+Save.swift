import Diagnostics
import IndexLanguage

/// `:save FILE`: the session's edits as a fork that `extends` the loaded file, written
/// atomically, so that `idx run FILE` gives what the session shows.
extension ReplSession {
  func save(_ input: ReplCommandLine) -> Reply {
    guard input.words.count == 1, let target = input.words.first, let path else {
      return usage("save", input, "`:save` takes the file to write")
    }
    let text = Self.forkText(base: path, target: target.text, edits: edits.map(\.text))
    do {
      try fileSystem.writeAtomically(target.text, bytes: Array(text.utf8))
    } catch {
      return .failure(render([ReplMessages.unwritable(error, target.span)]))
    }
    return Reply(output: ReplMessages.saved(target.text, edits.count))
  }

  /// The fork's text: a header, `extends` with the base's path as seen from the fork, and the
  /// edits in order as they were typed (their `because` included).
  static func forkText(base: String, target: String, edits: [String]) -> String {
    var text = ReplMessages.savedHeader(Paths.name(of: base))
    text += "extends \"\(escaped(relativePath(of: base, from: Paths.directory(of: target))))\"\n"
    if !edits.isEmpty { text += "\n" }
    for edit in edits { text += edit.trimmingSpaces + "\n" }
    return text
  }

  /// A path as seen from a folder, for the `extends` of a fork written there.
  ///
  /// Through their common folders, with `..` for each folder of `folder` below them; when
  /// one is absolute and the other not, `path` as it is.
  static func relativePath(of path: String, from folder: String) -> String {
    let path = Paths.normalize(path)
    let folder = Paths.normalize(folder)
    guard path.hasPrefix("/") == folder.hasPrefix("/"), !folder.split(separator: "/").contains("..")
    else { return path }
    let target = path.split(separator: "/").map(String.init)
    let from = folder == "." ? [] : folder.split(separator: "/").map(String.init)
    var common = 0
    while common < from.count && common < target.count - 1 && from[common] == target[common] {
      common += 1
    }
    let ups = Array(repeating: "..", count: from.count - common)
    return (ups + target[common...]).joined(separator: "/")
  }

  /// A path inside a string literal of the language.
  static func escaped(_ path: String) -> String {
    var text = ""
    for character in path {
      switch character {
      case "\\": text += "\\\\"
      case "\"": text += "\\\""
      default: text.append(character)
      }
    }
    return text
  }
}
