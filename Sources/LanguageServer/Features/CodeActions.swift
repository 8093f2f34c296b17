import Diagnostics
import IndexLanguage

// Code actions for mechanical fixes, and formatting through the language's printer.

extension LanguageServer {
  mutating func codeActions(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let start = Position(params["range"]?["start"]),
      let end = Position(params["range"]?["end"])
    else { return .failure(.invalidParams("`range` is missing")) }
    let from = document.lines.offset(of: start, encoding: encoding)
    let to = document.lines.offset(of: end, encoding: encoding)
    let analysis = analysis(document)
    let statements = analysis.symbols(document.path)?.syntax.statements ?? []
    let imports = Self.imports(analysis.symbols(document.path)?.syntax)
    var actions: [JSONValue] = []
    func action(_ title: String, _ diagnostic: Diagnostic, _ edits: [JSONValue]) {
      actions.append(
        .object([
          "title": .string(title), "kind": "quickfix",
          "diagnostics": [lspDiagnostic(diagnostic, document, analysis, imports: imports)],
          "edit": .object(["changes": .object(JSONObject([(document.uri, .array(edits))]))]),
        ]))
    }
    func edit(_ start: Int, _ end: Int, _ text: String) -> JSONValue {
      .object([
        "range": document.lines.range(start, end, encoding: encoding), "newText": .string(text),
      ])
    }
    for diagnostic in analysis.compilation.diagnostics {
      guard let span = diagnostic.primary?.span else { continue }
      let here = Paths.normalize(span.file.path) == document.path
      let overlaps = here && span.start <= to && from <= span.end
      if overlaps {
        // Did you mean …?
        let written = span.text
        if Self.isPath(written) {
          for name in Self.suggestions(diagnostic) where name != written && Self.isPath(name) {
            action(
              "Replace `\(written)` with `\(name)`", diagnostic, [edit(span.start, span.end, name)])
          }
        }
        // A missing reason.
        if diagnostic.code == "E0133" || diagnostic.code == "E0332" {
          action("Add `because \"…\"`", diagnostic, [edit(span.end, span.end, " because \"…\"")])
        }
        // A `weights` edit that leaves members without a weight.
        if diagnostic.code == "E0330", diagnostic.message.contains("rest: pro_rata"),
          let node = Self.weights(at: span.start, in: statements),
          !node.entries.contains(where: { $0.name.text == "rest" }), node.entriesRange.end > 0
        {
          let close = node.entriesRange.end - 1
          let insert = node.entries.isEmpty ? "rest: pro_rata " : ", rest: pro_rata"
          let position = node.entries.last?.range.end ?? close
          action("Add `rest: pro_rata`", diagnostic, [edit(position, position, insert)])
        }
      }
      // `set x.weight` that breaks its group's total: reweight with the rest pro rata.
      // The diagnostic points at the edit and names the base's group as a second place.
      let places = [span] + diagnostic.secondary.map(\.span)
      if diagnostic.code == "E0304",
        let group = places.lazy.compactMap({ Self.group(at: $0, in: analysis.methodology) }).first
      {
        for statement in statements {
          guard case .set(let node) = statement, node.path.segments.count == 2,
            node.path.segments[1].text == "weight",
            let member = node.path.segments.first?.text,
            group.members?.contains(where: { $0.name == member }) ?? false,
            node.range.start <= to && from <= node.range.end
          else { continue }
          let value = document.bytes[node.value.range.start..<node.value.range.end]
          let target = group.kind == .index ? "" : group.name + " "
          let text =
            "weights \(target){ \(member): \(String(decoding: value, as: UTF8.self)), rest: pro_rata }"
          action(
            "Rewrite as `\(text)`", diagnostic, [edit(node.range.start, node.value.range.end, text)]
          )
        }
      }
    }
    return .success(.array(actions))
  }

  /// A name, or names joined by dots (`papers.normalize`).
  static func isPath(_ text: String) -> Bool {
    !text.isEmpty
      && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
        isIdentifier(String($0))
      }
  }

  /// The top-level `weights` statement containing an offset.
  private static func weights(at offset: Int, in statements: [StatementSyntax]) -> WeightsSyntax? {
    for statement in statements {
      if case .weights(let node) = statement, node.range.start <= offset, offset <= node.range.end {
        return node
      }
    }
    return nil
  }

  /// The group (the index or a dimension) whose `members` a diagnostic points at.
  private static func group(at span: Span, in methodology: Methodology?) -> Declaration? {
    guard let methodology else { return nil }
    let groups = [methodology.index].compactMap { $0 } + methodology.nodes
    return groups.first { $0.membersSpan == span || $0.nameSpan == span }
  }

  // MARK: - Formatting

  /// The document in the canonical layout, as one edit of the lines that change; no edit when
  /// the text has syntax errors (they are in its diagnostics).
  mutating func formatting(_ document: TextDocument) -> Result<JSONValue, RPCError> {
    let result = format(SourceFile(path: document.path, bytes: document.bytes))
    if let failure = result.internalError {
      return .failure(.requestFailed("the formatter could not reproduce the file: \(failure)"))
    }
    guard let formatted = result.bytes else { return .success([]) }
    let old = document.lines
    let new = LineIndex(formatted)
    guard formatted != old.bytes else { return .success([]) }
    // Whole lines alike at the start and at the end are left alone.
    func line(_ index: LineIndex, _ number: Int) -> ArraySlice<UInt8> {
      let end = number + 1 < index.starts.count ? index.starts[number + 1] : index.bytes.count
      return index.bytes[index.starts[number]..<end]
    }
    var head = 0
    while head < old.starts.count - 1 && head < new.starts.count - 1
      && line(old, head) == line(new, head)
    {
      head += 1
    }
    var tail = 0
    while tail < old.starts.count - head - 1 && tail < new.starts.count - head - 1
      && line(old, old.starts.count - 1 - tail) == line(new, new.starts.count - 1 - tail)
    {
      tail += 1
    }
    let oldStart = old.starts[head]
    let oldEnd =
      old.starts.count - tail < old.starts.count
      ? old.starts[old.starts.count - tail] : old.bytes.count
    let newStart = new.starts[head]
    let newEnd =
      new.starts.count - tail < new.starts.count
      ? new.starts[new.starts.count - tail] : new.bytes.count
    let text = String(decoding: formatted[newStart..<max(newStart, newEnd)], as: UTF8.self)
    return .success([
      .object([
        "range": old.range(oldStart, max(oldStart, oldEnd), encoding: encoding),
        "newText": .string(text),
      ])
    ])
  }
}
