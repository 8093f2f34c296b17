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
///
/// The files hashed pass the same gate as a compilation's (`FileAccess`): inside the
/// methodology's folders, regular, within the size limits. Inserted lines use the line
/// ending the file already uses, so a CRLF file stays CRLF.
public func pinFile(
  path: String, fileSystem: any FileSystem, options: CompileOptions = CompileOptions()
) throws(FileError) -> PinOutcome {
  let access = FileAccess(fileSystem: fileSystem, file: path, options: options)
  let bytes = try access.readRoot(path)
  let (syntax, problems) = Parser.parse(SourceFile(path: path, bytes: bytes))
  var outcome = PinOutcome(bytes: bytes, pinned: [], diagnostics: problems)
  guard !problems.hasErrors else { return outcome }
  let newline = LineEnding.of(bytes).text
  var edits: [(range: Range<Int>, text: String)] = []
  func hash(_ relative: String, _ range: ByteRange, as kind: FileAccess.Kind) -> String? {
    let location = access.locate(relative, from: path)
    do {
      let hash = "sha256:" + SHA256.hex(try access.read(location, as: kind))
      outcome.pinned.append("\(location.path) \(hash)")
      return hash
    } catch {
      outcome.diagnostics.append(
        Catalog.unreadable(
          error, location, as: kind, syntax.span(range), roots: access.rootsAsWritten))
      return nil
    }
  }
  for statement in syntax.statements {
    switch statement {
    case .importFile(let node):
      guard let hash = hash(node.path.value, node.path.range, as: .methodology) else {
        continue
      }
      if let pin = node.pin {
        edits.append((pin.range.start..<pin.range.end, "\"\(hash)\""))
      } else {
        edits.append((node.path.range.end..<node.path.range.end, " pin \"\(hash)\""))
      }
    case .declaration(let decl) where decl.kind == .data:
      guard case .call(_, let arguments)? = decl.source?.kind, arguments.count == 1,
        case .string(let file) = arguments[0].value.kind, let body = decl.body,
        let hash = hash(file, arguments[0].value.range, as: .data)
      else { continue }
      let existing = body.items.compactMap { item -> PropertySyntax? in
        if case .property(let property) = item, property.name.text == "pin" { return property }
        return nil
      }.first
      if let existing {
        edits.append((existing.value.range.start..<existing.value.range.end, "\"\(hash)\""))
      } else {
        let after = body.range.start + 1
        let atLineEnd = bytes[after...].starts(with: newline.utf8)
        edits.append(
          (after..<after, newline + "  pin: \"\(hash)\"" + (atLineEnd ? "" : newline + " ")))
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
