import Diagnostics

/// `idx pin`: records the SHA-256 of every file a methodology builds on (bases, libraries,
/// data) in the methodology itself, so that any later change to them is a loud error.
public struct PinOutcome: Sendable {
  /// The new text of the methodology (unchanged when there are errors).
  public var bytes: [UInt8]
  /// What was pinned: `path sha256:…`, in file order.
  public var pinned: [String]
  public var diagnostics: [Diagnostic]
}

/// Computes the pinned text of the methodology at `path` (it is not written here).
public func pinFile(path: String, fileSystem: any FileSystem) throws(FileError) -> PinOutcome {
  let bytes = try fileSystem.read(path)
  let (syntax, problems) = Parser.parse(SourceFile(path: path, bytes: bytes))
  var outcome = PinOutcome(bytes: bytes, pinned: [], diagnostics: problems)
  guard !problems.hasErrors else { return outcome }
  var edits: [(range: Range<Int>, text: String)] = []
  func hash(_ relative: String, _ range: ByteRange) -> String? {
    let target = Paths.resolve(relative, from: path)
    do {
      let hash = "sha256:" + SHA256.hex(try fileSystem.read(target))
      outcome.pinned.append("\(target) \(hash)")
      return hash
    } catch {
      outcome.diagnostics.append(
        Catalog.unreadableBase(target, reason: error.reason, syntax.span(range)))
      return nil
    }
  }
  for statement in syntax.statements {
    switch statement {
    case .importFile(let node):
      guard let hash = hash(node.path.value, node.path.range) else { continue }
      if let pin = node.pin {
        edits.append((pin.range.start..<pin.range.end, "\"\(hash)\""))
      } else {
        edits.append((node.path.range.end..<node.path.range.end, " pin \"\(hash)\""))
      }
    case .declaration(let decl) where decl.kind == .data:
      guard case .call(_, let arguments)? = decl.source?.kind, arguments.count == 1,
        case .string(let file) = arguments[0].value.kind, let body = decl.body,
        let hash = hash(file, arguments[0].value.range)
      else { continue }
      let existing = body.items.compactMap { item -> PropertySyntax? in
        if case .property(let property) = item, property.name.text == "pin" { return property }
        return nil
      }.first
      if let existing {
        edits.append((existing.value.range.start..<existing.value.range.end, "\"\(hash)\""))
      } else {
        let after = body.range.start + 1
        let newline = after < bytes.count && bytes[after] == UInt8(ascii: "\n")
        edits.append((after..<after, "\n  pin: \"\(hash)\"" + (newline ? "" : "\n ")))
      }
    default:
      continue
    }
  }
  guard !outcome.diagnostics.hasErrors else { return outcome }
  var result = bytes
  for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
    result.replaceSubrange(edit.range, with: Array(edit.text.utf8))
  }
  outcome.bytes = result
  return outcome
}
