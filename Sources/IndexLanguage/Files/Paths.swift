/// Path arithmetic without Foundation.
public enum Paths {
  /// The folder part of a path (`"a/b.idx"` → `"a"`, `"b.idx"` → `"."`).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// The last component of a path (`"a/b.idx"` → `"b.idx"`).
  public static func name(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `relative` resolved against the folder of `file` (absolute paths stay as they are).
  public static func resolve(_ relative: String, from file: String) -> String {
    if relative.hasPrefix("/") { return normalize(relative) }
    let base = directory(of: file)
    return normalize(base == "." ? relative : base + "/" + relative)
  }

  /// Removes `.` and `a/..` components and doubled slashes.
  public static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      if part == ".." && absolute { continue }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// Whether the normalized `path` is `folder` or lies below it (both normalized, and both
  /// absolute or both relative to the same place).
  public static func isInside(_ path: String, folder: String) -> Bool {
    if folder == "." {
      return !path.hasPrefix("/") && path != ".." && !path.hasPrefix("../")
    }
    if folder == "/" { return path.hasPrefix("/") }
    return path == folder || path.hasPrefix(folder + "/")
  }
}
