/// How a file written at one path names another: the `.idx` that `idx import` writes reads
/// iData by a path relative to itself, as every file name in a methodology is.
public enum RelativePath {
  /// `target` as seen from the folder holding `file`.
  ///
  /// Both are taken lexically (`.` and `..` resolved, no file system access). When one is
  /// absolute and the other not, `target` is returned as it is.
  public static func of(_ target: String, from file: String) -> String {
    let absolute = (target.hasPrefix("/"), file.hasPrefix("/"))
    guard absolute.0 == absolute.1 else { return target }
    var folder = components(file)
    guard folder.popLast() != nil else { return target }
    let goal = components(target)
    // A folder above the start (`../x.idx`) cannot be climbed out of lexically.
    guard !folder.contains("..") else { return target }
    var shared = 0
    while shared < folder.count, shared < goal.count, folder[shared] == goal[shared] { shared += 1 }
    let up = Array(repeating: "..", count: folder.count - shared)
    let path = (up + goal[shared...]).joined(separator: "/")
    return path.isEmpty ? "." : path
  }

  /// The path's components with `.` dropped and `..` applied where it can be.
  private static func components(_ path: String) -> [String] {
    var out: [String] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        if let last = out.last, last != ".." { out.removeLast() } else { out.append("..") }
      default: out.append(String(part))
      }
    }
    return out
  }
}
