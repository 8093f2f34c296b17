import IndexLanguage

/// The options every command that reads a methodology accepts: which folders it may read
/// besides its own (`--root`, repeatable) and the size limits.
///
/// A flag rather than an environment variable, so the files a command may read depend on the
/// command line alone.
enum FileOptions {
  static let names = ["root", "max-idx-size", "max-data-size", "max-files"]

  /// The compile options the parsed arguments ask for.
  static func parse(_ parsed: Arguments) throws(UsageError) -> CompileOptions {
    var options = CompileOptions(roots: parsed.all("root"))
    if options.roots.contains(where: \.isEmpty) { throw UsageError("`--root` needs a folder") }
    options.limits.methodologyBytes =
      try size(parsed, "max-idx-size") ?? options.limits.methodologyBytes
    options.limits.dataBytes = try size(parsed, "max-data-size") ?? options.limits.dataBytes
    if let files = try parsed.integer("max-files") {
      guard files >= 1 else { throw UsageError("`--max-files` must be at least 1") }
      options.limits.files = files
    }
    return options
  }

  private static func size(_ parsed: Arguments, _ name: String) throws(UsageError) -> Int? {
    guard let text = parsed.value(name) else { return nil }
    guard let bytes = ByteCount.parse(text), bytes > 0 else {
      throw UsageError("`--\(name)` takes a size such as 512K, 64M or 2G, not `\(text)`")
    }
    return bytes
  }
}

extension Help {
  /// Appended to the help of every command that reads a methodology.
  static let fileOptions = """

    FILES A METHODOLOGY MAY READ
      --root DIR         also allow files inside DIR (repeatable); by default a
                         methodology reads only files inside its own folder
      --max-idx-size S   largest methodology file (default 16M)
      --max-data-size S  largest data file (default 1G)
      --max-files N      most files reached through extends/amends/use (default 256)
    Only regular files are read; see docs/limits.md.

    """
}
