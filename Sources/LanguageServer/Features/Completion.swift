import Diagnostics
import IndexLanguage

// Completion from the tokens before the cursor: which braces it is in (a declaration's body,
// `members`, `ratings`, `weights`) and what its line says so far (`normalize:`, `ai.`,
// `set papers.`). Names come from the last compilation of the document: nodes, data sources,
// scales, a source's columns, the data's entity codes.

extension LanguageServer {
  /// Where the cursor is, as far as completion cares.
  private enum Scope {
    case topLevel
    case body(DeclSyntax.Kind, owner: String?)
    case members(owner: String?)
    case ratings
    case weights
  }

  /// One item before it becomes JSON.
  private struct Item {
    var label: String
    var kind: Int
    var detail: String?
    var documentation: String?
    var snippet: String?
  }

  mutating func completion(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let offset = offset(params, in: document) else {
      return .failure(.invalidParams("`position` is missing"))
    }
    let bytes = document.bytes
    let tokens = lexicalTokens(SourceFile(path: document.path, bytes: bytes))
    var before: [LexicalToken] = []
    for token in tokens {
      if token.range.end < offset || (token.range.end == offset && !Self.isWord(token)) {
        before.append(token)
      } else if token.range.start < offset {
        // Inside a string or a comment: nothing to complete.
        if [.string, .lineComment, .docComment, .blockComment].contains(token.kind) {
          return .success(Self.list([]))
        }
        if !Self.isWord(token) { before.append(token) }
        break
      } else {
        break
      }
    }
    if let last = before.last, last.kind == .lineComment || last.kind == .docComment,
      !Self.lineBreak(bytes, last.range.end, offset)
    {
      return .success(Self.list([]))
    }
    let (scope, line) = Self.scope(before, bytes, cursor: offset)
    let analysis = analysis(document)
    let words = line.map { Self.text($0, bytes) }
    let items = self.items(scope, line: line, words: words, analysis: analysis)
    return .success(
      Self.list(items.enumerated().map { item(from: $0.element, position: $0.offset) }))
  }

  private static func isWord(_ token: LexicalToken) -> Bool {
    token.kind == .identifier || token.kind == .keyword
  }

  private static func text(_ token: LexicalToken, _ bytes: [UInt8]) -> String {
    String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
  }

  /// Whether a line break lies between two offsets (none when they are out of order).
  private static func lineBreak(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
    let lower = max(0, start)
    let upper = min(end, bytes.count)
    guard lower < upper else { return false }
    return bytes[lower..<upper].contains { $0 == 0x0A || $0 == 0x0D }
  }

  /// The braces the cursor is in, and the tokens of its line before it (at that brace level).
  private static func scope(_ tokens: [LexicalToken], _ bytes: [UInt8], cursor: Int) -> (
    Scope, [LexicalToken]
  ) {
    var stack: [Scope] = []
    var statementStart = 0
    var lineStart = 0
    var parentheses = 0
    for (position, token) in tokens.enumerated() {
      let newLine =
        position == 0 || lineBreak(bytes, tokens[position - 1].range.end, token.range.start)
      if newLine { lineStart = position }
      if stack.isEmpty && newLine { statementStart = position }
      switch token.kind {
      case .leftBrace:
        stack.append(owner(of: position, in: tokens, statementStart: statementStart, bytes))
        lineStart = position + 1
      case .rightBrace:
        _ = stack.popLast()
        lineStart = position + 1
      case .leftParen, .leftBracket:
        parentheses += 1
      case .rightParen, .rightBracket:
        parentheses = max(0, parentheses - 1)
      case .comma where !stack.isEmpty && parentheses == 0:
        lineStart = position + 1
      default:
        break
      }
    }
    let onCursorLine =
      tokens.isEmpty || lineBreak(bytes, tokens[tokens.count - 1].range.end, cursor)
      ? [] : Array(tokens[min(lineStart, tokens.count)...])
    let line = onCursorLine.filter {
      $0.kind != .lineComment && $0.kind != .docComment && $0.kind != .blockComment
    }
    return (stack.last ?? .topLevel, line)
  }

  /// What the `{` at `position` opens, from the tokens before it.
  private static func owner(
    of position: Int, in tokens: [LexicalToken], statementStart: Int, _ bytes: [UInt8]
  ) -> Scope {
    if position > 0 {
      switch text(tokens[position - 1], bytes) {
      case "members": return .members(owner: nil)
      case "ratings": return .ratings
      default: break
      }
    }
    let statement = tokens[statementStart..<position].map { text($0, bytes) }
    if statement.first == "weights" { return .weights }
    let words = statement.first == "add" ? Array(statement.dropFirst()) : statement
    if let first = words.first, let kind = DeclSyntax.Kind(rawValue: first) {
      return .body(kind, owner: words.count > 1 ? words[1] : nil)
    }
    return .topLevel
  }

  // MARK: - What to offer

  private func items(
    _ scope: Scope, line: [LexicalToken], words: [String], analysis: Analysis
  ) -> [Item] {
    let methodology = analysis.methodology
    // `source.` anywhere: the source's columns; `node.` in a path: its properties.
    if words.count >= 2, words.last == ".", let base = words.dropLast().last {
      if methodology?.data.contains(where: { $0.name == base }) ?? false {
        return columns(of: base, analysis)
      }
      if let node = base == "index" ? methodology?.index : methodology?.node(base) {
        return (Vocabulary.properties(of: node.kind) + (base == "index" ? [] : ["weight"])).map {
          Item(
            label: $0, kind: 10, detail: node.kind.rawValue,
            documentation: Vocabulary.meaning(ofProperty: $0))
        }
      }
      return []
    }
    switch scope {
    case .topLevel:
      return topLevel(words, analysis)
    case .body(let kind, let owner):
      if words.isEmpty { return bodyItems(kind) }
      if words.count >= 2, words[1] == ":" {
        return values(for: words[0], kind: kind, owner: owner, analysis)
      }
      if words.first == "adjust" && words.count == 1 { return entities(analysis) }
      return []
    case .members(let owner):
      guard !words.contains(":") else { return [] }
      return nodes(methodology, excluding: owner)
    case .ratings:
      return words.isEmpty ? entities(analysis) : []
    case .weights:
      if words.count >= 2, words[0] == "rest", words[1] == ":" {
        return ["pro_rata", "equal"].map { Item(label: $0, kind: 20) }
      }
      guard !words.contains(":") else { return [] }
      return nodes(methodology, excluding: nil) + [Item(label: "rest", kind: 14)]
    }
  }

  private func topLevel(_ words: [String], _ analysis: Analysis) -> [Item] {
    let methodology = analysis.methodology
    guard let first = words.first else {
      return Vocabulary.statementKeywords.map { keyword in
        Item(label: keyword, kind: 14, snippet: Self.statementSnippets[keyword])
      }
    }
    let kinds = DeclSyntax.Kind.allCases.filter { $0 != .uncertainty }.map {
      Item(label: $0.rawValue, kind: 14)
    }
    switch (first, words.count) {
    case ("set", 1), ("adjust", 1):
      return [Item(label: "index", kind: 14)] + nodes(methodology, excluding: nil)
    case ("weights", 1):
      let groups = methodology?.nodes.filter { $0.kind == .dimension } ?? []
      return groups.map { Item(label: $0.name, kind: 9, detail: $0.label) }
    case ("remove", 1), ("add", 1):
      return kinds
    case ("remove", 2):
      guard let kind = DeclSyntax.Kind(rawValue: words[1]) else { return [] }
      let named =
        (methodology?.nodes ?? []) + (methodology?.data ?? []) + (methodology?.scales ?? [])
      return named.filter { $0.kind == kind }.map {
        Item(label: $0.name, kind: 6, detail: $0.label)
      }
    case ("adjust", _) where words.count >= 2 && !words.contains("because"):
      return words.last == "." ? [] : entities(analysis)
    case ("add", _) where words.last == "to":
      let groups = methodology?.nodes.filter { $0.kind == .dimension } ?? []
      return groups.map { Item(label: $0.name, kind: 9, detail: $0.label) }
    case ("set", _):
      guard let equals = words.firstIndex(of: "="), equals >= 2 else { return [] }
      let property = words[equals - 1]
      let owner = words[1]
      let kind = owner == "index" ? DeclSyntax.Kind.index : methodology?.node(owner)?.kind
      return values(for: property, kind: kind, owner: owner, analysis)
    case ("data", _) where words.last == "=":
      return [
        Item(label: "csv", kind: 3, detail: "csv(\"path.csv\")", snippet: "csv(\"${1:data.csv}\")")
      ]
    default:
      return []
    }
  }

  private func bodyItems(_ kind: DeclSyntax.Kind) -> [Item] {
    var items = Vocabulary.properties(of: kind).map { name in
      Item(
        label: name, kind: 10, detail: kind.rawValue,
        documentation: Vocabulary.meaning(ofProperty: name),
        snippet: name + ": ${1}")
    }
    if kind == .index || kind == .dimension {
      items.append(Item(label: "members", kind: 14, snippet: "members { ${1} }"))
    }
    if kind == .soft {
      items.append(Item(label: "ratings", kind: 14, snippet: "ratings {\n\t${1}\n}"))
    }
    if kind == .indicator || kind == .soft || kind == .dimension {
      items.append(
        Item(
          label: "adjust", kind: 14, snippet: "adjust ${1:ENTITY} ${2:+0} because \"${3:reason}\""))
    }
    return items
  }

  /// Values of a property: its methods, or the names it takes.
  private func values(
    for property: String, kind: DeclSyntax.Kind?, owner: String?, _ analysis: Analysis
  ) -> [Item] {
    let methodology = analysis.methodology
    switch property {
    case _
    where kind == .data
      && ["key", "period", "group", "names", "variable", "value"].contains(property):
      return columns(of: owner ?? "", analysis)
    case "value":
      let sources = (methodology?.data ?? []).map {
        Item(label: $0.name, kind: 22, detail: "data source", snippet: $0.name + ".")
      }
      let indicators = (methodology?.nodes ?? []).filter {
        $0.kind != .dimension && $0.name != owner
      }
      .map { Item(label: $0.name, kind: 6, detail: $0.label) }
      let functions = Vocabulary.functions.map { function in
        Item(
          label: function.name, kind: 3, detail: function.signature,
          documentation: function.meaning,
          snippet: Self.callSnippet(function))
      }
      return sources + indicators + functions
    case "scale" where kind == .soft:
      return (methodology?.scales ?? []).map { Item(label: $0.name, kind: 13, detail: $0.label) }
    case "layout":
      return ["wide", "long"].map { Item(label: $0, kind: 20) }
    case "encoding":
      return ["utf8", "latin1", "auto"].map { Item(label: $0, kind: 20) }
    default:
      return Vocabulary.methods(for: property).map { method in
        Item(
          label: method.name, kind: 2, detail: method.signature, documentation: method.meaning,
          snippet: Self.callSnippet(method))
      }
    }
  }

  private func nodes(_ methodology: Methodology?, excluding owner: String?) -> [Item] {
    (methodology?.nodes ?? []).filter { $0.name != owner }.map { node in
      Item(
        label: node.name, kind: node.kind == .dimension ? 9 : 6,
        detail: node.label ?? node.kind.rawValue)
    }
  }

  /// A data source's columns: the loaded table's variables, or its file's header.
  private func columns(of source: String, _ analysis: Analysis) -> [Item] {
    if let table = analysis.compilation.table {
      let prefix = source + "."
      let names = table.variables.filter { $0.hasPrefix(prefix) }.map {
        String($0.dropFirst(prefix.count))
      }
      if !names.isEmpty {
        return names.map { Item(label: $0, kind: 5, detail: "column of \(source)") }
      }
    }
    guard let data = analysis.methodology?.data.first(where: { $0.name == source }),
      let file = DataFile(data, fileSystem: analysis.fileSystem)
    else { return [] }
    return file.header.map { Item(label: $0.text, kind: 5, detail: "column of \(source)") }
  }

  private func entities(_ analysis: Analysis) -> [Item] {
    (analysis.compilation.table?.entities ?? []).map { entity in
      Item(label: entity.code, kind: 12, detail: entity.name == entity.code ? nil : entity.name)
    }
  }

  // MARK: - JSON

  private func item(from item: Item, position: Int) -> JSONValue {
    var object = JSONObject([("label", .string(item.label)), ("kind", .integer(item.kind))])
    if let detail = item.detail { object["detail"] = .string(detail) }
    if let documentation = item.documentation {
      object["documentation"] = .object(["kind": "markdown", "value": .string(documentation)])
    }
    if snippets, let snippet = item.snippet {
      object["insertText"] = .string(snippet)
      object["insertTextFormat"] = 2
    }
    let digits = String(position)
    object["sortText"] = .string(String(repeating: "0", count: max(0, 5 - digits.count)) + digits)
    return .object(object)
  }

  private static func list(_ items: [JSONValue]) -> JSONValue {
    .object(["isIncomplete": false, "items": .array(items)])
  }

  /// `minmax(${1:low}, ${2:high})`, or the bare name.
  private static func callSnippet(_ method: Vocabulary.Method) -> String {
    let parameters = method.parameters.filter { $0 != "…" }
    guard !parameters.isEmpty else { return method.name }
    let slots = parameters.enumerated().map { "${\($0.offset + 1):\($0.element)}" }
    return method.name + "(" + slots.joined(separator: ", ") + ")"
  }

  static let statementSnippets: [String: String] = [
    "index": "index ${1:name} \"${2:Label}\" {\n\tperiod: ${3:2025}\n\tmembers { ${4} }\n}",
    "data": "data ${1:name} = csv(\"${2:data.csv}\") {\n\tkey: ${3:iso2}\n\tperiod: ${4:year}\n}",
    "indicator": "indicator ${1:name} \"${2:Label}\" {\n\tvalue: ${3}\n}",
    "dimension": "dimension ${1:name} \"${2:Label}\" {\n\tmembers { ${3} }\n}",
    "soft": "soft ${1:name} \"${2:Label}\" {\n\tscale: ${3}\n\tratings {\n\t\t${4}\n\t}\n}",
    "scale": "scale ${1:name} \"${2:Label}\" ordinal ${3:1..5} {\n\t${4}\n}",
    "extends": "extends \"${1:base.idx}\"",
    "amends": "amends \"${1:base.idx}\"",
    "use": "use \"${1:library.idx}\"",
    "set": "set ${1:path} = ${2:value} because \"${3:reason}\"",
    "remove": "remove ${1:indicator} ${2:name} because \"${3:reason}\"",
    "weights": "weights ${1:group} { ${2:name}: ${3:20%}, rest: pro_rata } because \"${4:reason}\"",
    "adjust": "adjust ${1:node} ${2:ENTITY} ${3:+0} because \"${4:reason}\"",
  ]
}
