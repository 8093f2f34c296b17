import Diagnostics
import Testing

@testable import IndexLanguage

/// Lexes `text` and describes each token as `kind` or `kind:text`, newlines as `\n`.
private func lex(_ text: String) -> (tokens: [String], codes: [String]) {
  let file = SourceFile(path: "test.idx", text: text)
  let output = Lexer.tokenize(file)
  let tokens = output.tokens.dropLast().map { token -> String in
    let text = String(decoding: file.bytes[token.start..<token.end], as: UTF8.self)
    switch token.kind {
    case .newline: return "\\n"
    case .identifier: return token.keyword == nil ? "id:\(text)" : "kw:\(text)"
    case .number, .percent, .string: return "\(token.kind):\(text)\(token.isMalformed ? "!" : "")"
    default: return text
    }
  }
  return (tokens, output.diagnostics.map(\.code))
}

@Test func lexesWordsAndKeywords() {
  let (tokens, codes) = lex("indicator papers soft because x_1 _y")
  #expect(tokens == ["kw:indicator", "id:papers", "kw:soft", "kw:because", "id:x_1", "id:_y"])
  #expect(codes.isEmpty)
}

@Test func lexesNumbersAndPercentages() {
  let (tokens, codes) = lex("12 0.5 1e6 2.5E-3 10_000 30% 1..5 4.2..5.0")
  #expect(
    tokens == [
      "number:12", "number:0.5", "number:1e6", "number:2.5E-3", "number:10_000", "percent:30%",
      "number:1", "..", "number:5", "number:4.2", "..", "number:5.0",
    ])
  #expect(codes.isEmpty)
}

@Test func lexesOperatorsAndPunctuation() {
  let (tokens, _) = lex("{ } ( ) [ ] , : = . .. + - * / ^ < <= > >= == != ±")
  #expect(
    tokens == [
      "{", "}", "(", ")", "[", "]", ",", ":", "=", ".", "..", "+", "-", "*", "/", "^", "<", "<=",
      ">", ">=", "==", "!=", "±",
    ])
}

@Test func collapsesNewlinesAndSkipsComments() {
  let file = SourceFile(path: "t.idx", text: "a // one\n\n/* two\n */ b /// doc\n//// four\nc")
  let output = Lexer.tokenize(file)
  #expect(
    output.tokens.map(\.kind) == [
      .identifier, .newline, .identifier, .newline, .identifier, .endOfFile,
    ])
  #expect(output.comments.map(\.kind) == [.line, .block, .doc, .line])
}

@Test func nestsBlockComments() {
  let (tokens, codes) = lex("a /* outer /* inner */ still comment */ b")
  #expect(tokens == ["id:a", "id:b"])
  #expect(codes.isEmpty)
}

@Test func lexesStringsWithEscapes() {
  let (tokens, codes) = lex(#""plain" "tab\t \"q\" \\ \u{e9}""#)
  #expect(tokens == [#"string:"plain""#, #"string:"tab\t \"q\" \\ \u{e9}""#])
  #expect(codes.isEmpty)
}

@Test func reportsUnterminatedString() {
  let (tokens, codes) = lex("\"open\nnext")
  #expect(tokens == ["string:\"open!", "\\n", "id:next"])
  #expect(codes == ["E0101"])
}

@Test func reportsUnterminatedBlockComment() {
  let (tokens, codes) = lex("a /* never closed /* nested */")
  #expect(tokens == ["id:a"])
  #expect(codes == ["E0102"])
}

@Test func reportsARunOfInvalidCharactersOnce() {
  let (tokens, codes) = lex("a @@@ b $ c")
  #expect(tokens == ["id:a", "id:b", "id:c"])
  #expect(codes == ["E0103", "E0103"])
}

@Test func substitutesOperatorsFromOtherLanguages() {
  let (tokens, codes) = lex("a && b || !c; d − e × f")
  #expect(
    tokens == [
      "id:a", "kw:&&", "id:b", "kw:||", "kw:!", "id:c", ";", "id:d", "−", "id:e", "×", "id:f",
    ])
  #expect(codes == Array(repeating: "E0103", count: 6))
}

@Test func reportsMalformedNumbers() {
  let (tokens, codes) = lex("2x 1.5.3 7")
  #expect(tokens == ["number:2x!", "number:1.5.3!", "number:7"])
  #expect(codes == ["E0104", "E0104"])
}

@Test func reportsInvalidEscapes() {
  let (tokens, codes) = lex(#""a\qb" "\u{110000}""#)
  #expect(tokens == [#"string:"a\qb"!"#, #"string:"\u{110000}"!"#])
  #expect(codes == ["E0105", "E0105"])
}

@Test func reportsSingleQuotedStrings() {
  let (tokens, codes) = lex("'latin1' x")
  #expect(tokens == ["string:'latin1'!", "id:x"])
  #expect(codes == ["E0106"])
}

@Test func recognizesDocCommentsOnlyWithExactlyThreeSlashes() {
  let file = SourceFile(path: "t.idx", text: "/// doc\n//// not\n// not\n///\n")
  #expect(Lexer.tokenize(file).comments.map(\.kind) == [.doc, .line, .line, .doc])
}

@Test func lexesEmptyInputToEndOfFile() {
  let output = Lexer.tokenize(SourceFile(path: "t.idx", text: ""))
  #expect(output.tokens.map(\.kind) == [.endOfFile])
}
