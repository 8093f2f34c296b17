import LanguageServer
import ScoringEngine
import Testing

/// The JSON value type, parser and writer the server speaks with.
@Suite struct JSONTests {
  static func parse(_ text: String) -> JSONValue? {
    try? JSONParser.parse(text).get()
  }

  static func error(_ text: String) -> JSONParseError? {
    if case .failure(let error) = JSONParser.parse(text) { return error }
    return nil
  }

  @Test func readsEveryKindOfValue() {
    let value = Self.parse(
      #" { "a" : [1, -2.5e3, true, false, null, "x\n\"\\\/\u00e9\ud83d\ude00"], "b": {} } "#)
    #expect(
      value
        == .object([
          "a": [1, .number(-2500), true, false, nil, .string("x\n\"\\/é😀")],
          "b": .object(JSONObject()),
        ]))
    #expect(Self.parse("0") == 0)
    #expect(Self.parse("-0.0") == .number(-0.0))
    #expect(Self.parse("[]") == [])
    #expect(Self.parse("\"\"") == "")
    #expect(Self.parse("1E+2") == 100)
  }

  @Test func keepsKeyOrderAndLetsTheLastDuplicateWin() throws {
    let value = try #require(Self.parse(#"{"z": 1, "a": 2, "z": 3}"#))
    guard case .object(let object) = value else {
      Issue.record("not an object")
      return
    }
    #expect(object.keys == ["z", "a"])
    #expect(object["z"] == 3)
    #expect(JSONWriter.string(value) == #"{"z":3,"a":2}"#)
  }

  @Test func rejectsWhatIsNotJSONWithAnOffset() {
    let cases: [(String, Int)] = [
      ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 1), ("1.", 2), ("-", 1), ("tru", 0),
      ("\"abc", 4), ("\"a\tb\"", 2), ("\"\\x\"", 3), ("[1] 2", 4), ("{\"a\":1,}", 7), ("1e999", 0),
      ("\"\\u12\"", 3), ("{1:2}", 1), ("nul", 0), ("[1 2]", 3),
    ]
    for (text, offset) in cases {
      let error = Self.error(text)
      #expect(error != nil, "\(text) parsed")
      #expect(error?.offset == offset, "\(text): \(String(describing: error))")
    }
  }

  @Test func lonelySurrogatesAndInvalidUTF8BecomeReplacementCharacters() {
    #expect(Self.parse(#""\ud800x""#) == "\u{FFFD}x")
    #expect(Self.parse(#""\udc00""#) == "\u{FFFD}")
    #expect(JSONParser.parse([0x22, 0xFF, 0x22]) == .success("\u{FFFD}"))
  }

  /// Nesting is bounded: no input can exhaust the stack, here or when the value is freed.
  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(Self.error(deep)?.message == "nesting deeper than 256")
    let allowed =
      String(repeating: "{\"a\":", count: 256) + "1" + String(repeating: "}", count: 256)
    #expect(Self.parse(allowed) != nil)
  }

  @Test func writesShortestNumbersAndEscapes() {
    #expect(JSONWriter.string(.number(3)) == "3")
    #expect(JSONWriter.string(.number(-0.25)) == "-0.25")
    #expect(JSONWriter.string(.number(.nan)) == "null")
    #expect(JSONWriter.string(.number(1e300)) == "1e+300")
    #expect(JSONWriter.string("a\"b\\c\n\u{1}é") == #""a\"b\\c\n\u0001é""#)
  }

  /// Whatever the writer writes, the parser reads back as the same value.
  @Test func roundTripsRandomValues() {
    var random = SplitMix64(seed: 5)
    for _ in 0..<300 {
      let value = Self.randomValue(&random, depth: 0)
      let text = JSONWriter.bytes(value)
      #expect(JSONParser.parse(text) == .success(value), "\(String(decoding: text, as: UTF8.self))")
    }
  }

  static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
    switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &random) {
    case 0: return nil
    case 1: return .bool(Bool.random(using: &random))
    case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 64)
    case 3:
      let scalars = ["a", "é", "\n", "\"", "\\", "😀", "\u{0}", " "]
      return .string(
        (0..<Int.random(in: 0...6, using: &random)).map { _ in
          scalars[Int.random(in: 0..<scalars.count, using: &random)]
        }.joined())
    case 4: return .number(Double(Int.random(in: 0...9, using: &random)))
    case 5:
      return .array(
        (0..<Int.random(in: 0...4, using: &random)).map { _ in
          randomValue(&random, depth: depth + 1)
        })
    default:
      var object = JSONObject()
      for index in 0..<Int.random(in: 0...4, using: &random) {
        object["k\(index)"] = randomValue(&random, depth: depth + 1)
      }
      return .object(object)
    }
  }
}
