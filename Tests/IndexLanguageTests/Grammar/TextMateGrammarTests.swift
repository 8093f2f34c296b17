import Diagnostics
import Foundation
import IndexLanguage
import Testing

/// The TextMate grammar (`grammar/idx.tmLanguage.json`): every token the lexer finds in every
/// bundled and test file gets a scope of the right family, and the VS Code extension ships
/// the same grammar.
@Suite struct TextMateGrammarTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let grammarURL = root.appendingPathComponent("grammar/idx.tmLanguage.json")
  static let extensionFolder = root.appendingPathComponent("docs/editors/vscode")

  /// The scope families a token of each kind may get (any scope on its stack may match).
  static func families(_ kind: LexicalToken.Kind) -> [String] {
    switch kind {
    case .keyword:
      // Contextual keywords also name things (`dimension soft`, `weights { soft: 20% }`,
      // `set index.members = …`).
      ["storage.type.", "keyword.", "entity.name.type.", "variable.other."]
    case .identifier:
      ["entity.name.", "variable.", "support.function.", "constant.language."]
    case .number: ["constant.numeric."]
    case .percent: ["constant.numeric.percent."]
    case .string: ["string.quoted.double."]
    case .lineComment: ["comment.line.double-slash."]
    case .docComment: ["comment.line.documentation."]
    case .blockComment: ["comment.block."]
    case .leftBrace, .rightBrace: ["punctuation.section.braces."]
    case .leftParen, .rightParen: ["punctuation.section.parens."]
    case .leftBracket, .rightBracket: ["punctuation.section.brackets."]
    case .comma: ["punctuation.separator.comma."]
    case .colon: ["punctuation.separator.key-value."]
    case .equals: ["keyword.operator.assignment."]
    case .dot: ["punctuation.accessor."]
    case .dotDot: ["keyword.operator.range."]
    case .plus, .minus, .star, .slash, .caret, .plusMinus: ["keyword.operator.arithmetic."]
    case .less, .lessEqual, .greater, .greaterEqual, .equalEqual, .bangEqual:
      ["keyword.operator.comparison."]
    }
  }

  /// Every `.idx` file of the repository's examples and tests.
  static func corpus() throws -> [(String, [UInt8])] {
    let folders = [
      "methodologies", "Tests/IndexLanguageTests/Syntax/testdata/valid",
      "Tests/IndexLanguageTests/Format/testdata", "Tests/IndexCLITests/testdata/gallery",
    ]
    var files: [(String, [UInt8])] = []
    for folder in folders {
      let url = root.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
      where name.hasSuffix(".idx") {
        files.append(
          (folder + "/" + name, Array(try Data(contentsOf: url.appendingPathComponent(name)))))
      }
    }
    // Operators no example happens to use.
    files.append(
      ("operators", Array("indicator o { value: a < b and a == b or a ^ 2 > 1 }\n".utf8)))
    return files
  }

  @Test func everyTokenOfEveryFileGetsAScopeOfItsFamily() throws {
    let grammar = try TextMateGrammar(json: Data(contentsOf: Self.grammarURL))
    var seen = Set<LexicalToken.Kind>()
    var checked = 0
    for (name, bytes) in try Self.corpus() {
      let file = SourceFile(path: name, bytes: bytes)
      let lines = Self.lines(bytes)
      let scopes = grammar.scopes(of: lines.map(\.text))
      for token in lexicalTokens(file) {
        seen.insert(token.kind)
        // A token that runs over lines (a block comment) is checked on its first line.
        var last = max(token.range.start, token.range.end - 1)
        while last > token.range.start && bytes[last] & 0xC0 == 0x80 { last -= 1 }
        for offset in Set([token.range.start, last]) {
          guard let (line, column) = Self.position(of: offset, in: lines),
            line < scopes.count, column < scopes[line].count
          else { continue }
          if offset == last && lines[line].start > token.range.start { continue }
          let stack = scopes[line][column]
          let families = Self.families(token.kind)
          let text = String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
          #expect(
            stack.contains { scope in families.contains { scope.hasPrefix($0) } },
            "\(name):\(line + 1):\(column + 1) \(token.kind) `\(text)` got \(stack)")
          checked += 1
        }
      }
    }
    #expect(
      seen == Set(LexicalToken.Kind.allCases),
      "kinds never seen: \(Set(LexicalToken.Kind.allCases).subtracting(seen))")
    #expect(checked > 10_000)
  }

  @Test func namesAfterDeclarationKeywordsAndMethodsAreSpecific() throws {
    let grammar = try TextMateGrammar(json: Data(contentsOf: Self.grammarURL))
    let line = "indicator papers \"P\" { value: ai.papers, normalize: minmax(0, 100) } /// no"
    let scopes = grammar.scopes(of: [line])[0]
    func scope(at word: String) -> [String] {
      let location = (line as NSString).range(of: word).location
      return scopes[location]
    }
    #expect(scope(at: "indicator").last == "storage.type.declaration.idx")
    #expect(scope(at: "papers ").last == "entity.name.type.idx")
    #expect(scope(at: "value").last == "variable.other.property.idx")
    #expect(scope(at: "ai.").last == "variable.other.object.idx")
    #expect(scope(at: "minmax").last == "entity.name.function.idx")
    #expect(scope(at: "100").last == "constant.numeric.idx")
    #expect(scope(at: "\"P\"").contains("string.quoted.double.idx"))
    #expect(scope(at: "/// no").last == "comment.line.documentation.idx")
  }

  /// The extension folder installs as is: a manifest naming its grammar and configuration,
  /// the grammar identical to `grammar/`, comments and brackets for the editor.
  @Test func vsCodeExtensionIsComplete() throws {
    let folder = Self.extensionFolder
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.appendingPathComponent("package.json")))
        as? [String: Any])
    let contributes = try #require(manifest["contributes"] as? [String: Any])
    let languages = try #require(contributes["languages"] as? [[String: Any]])
    let grammars = try #require(contributes["grammars"] as? [[String: Any]])
    #expect(languages.first?["id"] as? String == "idx")
    #expect((languages.first?["extensions"] as? [String]) == [".idx"])
    let configurationPath = try #require(languages.first?["configuration"] as? String)
    let grammarPath = try #require(grammars.first?["path"] as? String)
    #expect(grammars.first?["scopeName"] as? String == "source.idx")
    let shipped = try Data(contentsOf: folder.appendingPathComponent(grammarPath))
    #expect(shipped == (try Data(contentsOf: Self.grammarURL)), "copy grammar/idx.tmLanguage.json")
    let configuration = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.appendingPathComponent(configurationPath)))
        as? [String: Any])
    let comments = try #require(configuration["comments"] as? [String: Any])
    #expect(comments["lineComment"] as? String == "//")
    #expect(comments["blockComment"] as? [String] == ["/*", "*/"])
    let brackets = try #require(configuration["brackets"] as? [[String]])
    #expect(brackets == [["{", "}"], ["[", "]"], ["(", ")"]])
    if let main = manifest["main"] as? String {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(main).path))
    }
  }

  /// Lines of a file with the byte offset each starts at (`\n`, `\r\n` and `\r` end lines).
  static func lines(_ bytes: [UInt8]) -> [(start: Int, text: String)] {
    var lines: [(Int, String)] = []
    var start = 0
    var index = 0
    while index <= bytes.count {
      if index == bytes.count || bytes[index] == UInt8(ascii: "\n")
        || bytes[index] == UInt8(ascii: "\r")
      {
        lines.append((start, String(decoding: bytes[start..<index], as: UTF8.self)))
        if index < bytes.count && bytes[index] == UInt8(ascii: "\r") && index + 1 < bytes.count
          && bytes[index + 1] == UInt8(ascii: "\n")
        {
          index += 1
        }
        start = index + 1
      }
      index += 1
    }
    return lines
  }

  /// The line and UTF-16 column of a byte offset.
  static func position(of offset: Int, in lines: [(start: Int, text: String)]) -> (Int, Int)? {
    guard let line = lines.lastIndex(where: { $0.start <= offset }) else { return nil }
    let prefix = Array(lines[line].text.utf8).prefix(offset - lines[line].start)
    return (line, String(decoding: prefix, as: UTF8.self).utf16.count)
  }
}
