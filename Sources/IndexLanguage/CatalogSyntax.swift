import Diagnostics

// The wording of syntax errors, E0101–E0199.

extension Catalog {
  // MARK: - Lexical (E0101–E0109)

  /// A string with no closing quote on its line.
  static func unterminatedString(_ span: Span) -> Diagnostic {
    error(
      .unterminatedString, "this string is never closed", at: span,
      label: "no closing `\"` on this line",
      help: ["add a `\"` where the string ends; a string cannot continue on the next line"])
  }

  /// A `/*` with no matching `*/`.
  static func unterminatedBlockComment(_ span: Span) -> Diagnostic {
    error(
      .unterminatedBlockComment, "this comment is never closed", at: span,
      label: "opened here, no matching `*/` before the end of the file",
      help: ["add `*/` where the comment ends; comments nest, so each `/*` needs its own `*/`"])
  }

  /// What to suggest for a character the language does not use.
  enum CharacterSuggestion {
    case none
    /// The ASCII spelling of the same thing: `and` for `&&`, `-` for `−`.
    case write(String)
    case separator
    case percent
    case comment
    case straightQuotes
    case nonBreakingSpace
  }

  static func invalidCharacter(_ span: Span, text: String, suggestion: CharacterSuggestion)
    -> Diagnostic
  {
    var headline = "I do not know what `\(text)` means here"
    var help: [String] = []
    switch suggestion {
    case .none:
      help = ["outside strings and comments, .idx files use ASCII letters, digits and operators"]
    case .write(let ascii):
      help = ["write `\(ascii)` instead"]
    case .separator:
      help = ["items are separated by new lines or commas, so no `;` is needed"]
    case .percent:
      help = ["a percentage is written right after its number, like `30%`"]
    case .comment:
      help = ["comments start with `//`"]
    case .straightQuotes:
      headline = "strings use straight quotes"
      help = ["write `\"` instead of curly quotes"]
    case .nonBreakingSpace:
      headline = "this is a non-breaking space"
      help = ["replace it with an ordinary space"]
    }
    return error(
      .invalidCharacter, headline, at: span, label: "not part of the language", help: help)
  }

  /// Bytes that are not UTF-8, often a file saved as Latin-1 (`é` as the single byte E9).
  static func invalidUTF8(_ span: Span, bytes: [UInt8]) -> Diagnostic {
    let shown =
      bytes.prefix(8).map(TerminalText.invalidByte).joined() + (bytes.count > 8 ? "…" : "")
    var help = ["a .idx file is UTF-8: save it as UTF-8 in your editor"]
    if bytes.count == 1, let byte = bytes.first, byte >= 0xA0 {
      let latin1 = String(Character(Unicode.Scalar(byte)))
      help = ["if the file was saved as Latin-1, this is `\(latin1)`: save it as UTF-8 instead"]
    }
    return error(
      .invalidCharacter,
      bytes.count == 1 ? "the byte `\(shown)` is not UTF-8" : "the bytes `\(shown)` are not UTF-8",
      at: span, label: "not UTF-8", help: help)
  }

  /// A number run into letters or a second decimal point: `2x`, `1.5.3`.
  static func malformedNumber(_ span: Span, text: String, numberPart: String?, letters: String?)
    -> Diagnostic
  {
    var help = ["numbers are written like `12`, `0.5`, `1e6`, `10_000` or `30%`"]
    if let numberPart, let letters {
      help = ["to multiply, write `\(numberPart) * \(letters)`; names cannot start with a digit"]
    }
    return error(
      .malformedNumber, "`\(text)` is not a number", at: span, label: "not a number", help: help)
  }

  static func invalidEscape(_ span: Span, text: String) -> Diagnostic {
    error(
      .invalidEscape, "`\(text)` is not an escape I know", at: span, label: "unknown escape",
      help: [
        "the escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r`, `\\0` and `\\u{…}`; "
          + "to write a backslash, double it: `\\\\`"
      ])
  }

  static func singleQuotedString(_ span: Span) -> Diagnostic {
    error(
      .singleQuotedString, "strings use double quotes", at: span, label: "single quote",
      help: ["write the string as `\"…\"`"])
  }

  // MARK: - Structure (E0110–E0119)

  /// Something at the top level that cannot start a statement.
  static func expectedStatement(_ span: Span, found: String, word: String?, isProperty: Bool)
    -> Diagnostic
  {
    var help: [String] = []
    if isProperty, let word {
      help = ["`\(word): …` is a property; properties go inside a declaration's braces"]
    } else if let word {
      help = didYouMean(word, among: statementKeywords)
    }
    if help.isEmpty {
      help = [
        "a statement starts with a declaration (`index`, `data`, `indicator`, `dimension`, "
          + "`scale`, `soft`, `uncertainty`) or an edit (`extends`, `amends`, `use`, `set`, "
          + "`add`, `remove`, `weights`, `adjust`)"
      ]
    }
    return error(
      .expectedStatement, "expected a declaration or an edit, found \(found)", at: span,
      label: "not the start of a statement", help: help)
  }

  /// A name was required (after a declaration keyword, after `.`, in a member list).
  static func expectedName(_ span: Span, after: String, found: String) -> Diagnostic {
    error(
      .expectedName, "expected a name after \(after), found \(found)", at: span,
      label: "a name goes here",
      help: ["names are ASCII letters, digits and `_`, starting with a letter: `research_output`"])
  }

  /// A reserved word where a name goes.
  static func keywordAsName(_ span: Span, keyword: String) -> Diagnostic {
    error(
      .keywordAsName, "`\(keyword)` is a keyword, so it cannot be a name", at: span,
      label: "a keyword used as a name",
      notes: [
        "the reserved words are "
          + alternatives(Keyword.allCases.filter(\.isReserved).map(\.rawValue))
      ],
      help: ["choose another name, such as `\(keyword)_1` or a more specific word"])
  }

  /// A body, member list or ratings block that is not closed.
  static func unclosedBrace(_ span: Span, found: String, owner: String, opening: Span) -> Diagnostic
  {
    error(
      .unclosedBrace,
      "expected `}` to close \(owner) opened at line \(line(of: opening)), found \(found)",
      at: span, label: "expected `}` before this",
      secondary: [Diagnostic.Label(opening, "\(owner) opened here")],
      help: ["add `}` after the last item of \(owner)"])
  }

  /// A `(` or `[` that is not closed.
  static func unclosedDelimiter(_ span: Span, found: String, closer: String, opening: Span)
    -> Diagnostic
  {
    error(
      .unclosedDelimiter,
      "expected `\(closer)` to close the `\(opening.text)` at line \(line(of: opening)), "
        + "found \(found)",
      at: span, label: "expected `\(closer)` here",
      secondary: [Diagnostic.Label(opening, "opened here")])
  }

  /// `name value` or `name = value` inside a body.
  static func expectedColon(_ span: Span, name: String, found: String, foundEquals: Bool)
    -> Diagnostic
  {
    let help =
      foundEquals
      ? "properties use `:`, not `=`: write `\(name): …`"
      : "property names are followed by `:`, like `\(name): …`"
    return error(
      .expectedColon, "expected `:` after `\(name)`, found \(found)", at: span,
      label: "expected `:`", help: [help])
  }

  /// Two items on one line with nothing between them.
  static func expectedSeparator(_ span: Span, found: String) -> Diagnostic {
    error(
      .expectedSeparator, "expected a new line or a comma before \(found)", at: span,
      label: "this starts a new item on the same line",
      help: [
        "items are separated by new lines or commas; if this continues the value before it, "
          + "an operator is missing"
      ])
  }

  /// Something in a body that is not a property, level, member list, ratings or adjust line.
  static func expectedItem(_ span: Span, found: String, owner: String) -> Diagnostic {
    error(
      .expectedItem, "expected a property of \(owner), found \(found)", at: span,
      label: "not a property",
      help: [
        "a body holds properties (`name: value`), `members { … }`, `ratings { … }` and "
          + "`adjust` lines, separated by new lines or commas"
      ])
  }

  static func nestingTooDeep(_ span: Span, limit: Int, chain: Bool = false) -> Diagnostic {
    error(
      .nestingTooDeep, "this is nested too deeply for me to read", at: span,
      label: "more than \(limit) levels deep",
      notes: chain ? ["each operator of a chain such as `a + b + c` counts as one level"] : [],
      help: ["split the formula into several indicators that refer to each other"])
  }
}

extension Catalog {
  // MARK: - Expressions (E0120–E0129)

  /// A value was required and something else was found.
  static func expectedExpression(_ span: Span, after: String, found: String, foundEquals: Bool)
    -> Diagnostic
  {
    var help = [
      "a value is a number (`12`, `30%`), a string, a name, a call like `minmax(0, 100)`, "
        + "a list `[a, b]` or a formula"
    ]
    if foundEquals { help = ["to compare two values, write `==`"] }
    return error(
      .expectedExpression, "expected a value after \(after), found \(found)", at: span,
      label: "a value goes here", help: help)
  }

  /// `if` without `then` or `else`.
  static func incompleteConditional(
    _ span: Span, missing: String, found: String, ifSpan: Span, foundEquals: Bool
  ) -> Diagnostic {
    var help = [
      "a conditional reads `if condition then value else other`; both branches are needed"
    ]
    if foundEquals { help.insert("to compare two values, write `==`", at: 0) }
    return error(
      .incompleteConditional, "expected `\(missing)` in this `if`, found \(found)", at: span,
      label: "expected `\(missing)` here", secondary: [Diagnostic.Label(ifSpan, "this `if`")],
      help: help)
  }

  static func chainedComparison(_ span: Span, previous: Span) -> Diagnostic {
    error(
      .chainedComparison, "comparisons cannot be chained", at: span,
      label: "a second comparison", secondary: [Diagnostic.Label(previous, "after this one")],
      help: ["write each comparison separately and join them: `a < b and b < c`"])
  }

  /// `(a)(b)` or `x.f(y)`: a call on something that is not a function name.
  static func notCallable(_ span: Span) -> Diagnostic {
    error(
      .notCallable, "only library functions can be called", at: span,
      label: "this is not a function name",
      help: ["a call is a function name and arguments, like `log(x)` or `minmax(0, 100)`"])
  }

  // MARK: - Edits and clauses (E0130–E0139)

  /// What a string was expected for, with an example of the right form.
  enum StringContext {
    case file(keyword: String)
    case pin
    case clause(keyword: String)
  }

  static func expectedString(_ span: Span, context: StringContext, found: String) -> Diagnostic {
    let (after, example) =
      switch context {
      case .file(let keyword): ("`\(keyword)`", "`\(keyword) \"base.idx\"`")
      case .pin: ("`pin`", "`pin \"sha256:…\"`")
      case .clause(let keyword): ("`\(keyword)`", "`\(keyword) \"…\"`")
      }
    return error(
      .expectedString, "expected a string after \(after), found \(found)", at: span,
      label: "a quoted string goes here", help: ["write it in double quotes: \(example)"])
  }

  /// `set path value`, `set path: value`, or `data x csv(…)`.
  static func expectedEquals(_ span: Span, subject: String, found: String, foundColon: Bool)
    -> Diagnostic
  {
    var help = ["write `\(subject) = …`"]
    if foundColon { help = ["this statement uses `=`, not `:`: write `\(subject) = …`"] }
    return error(
      .expectedEquals, "expected `=` after `\(subject)`, found \(found)", at: span,
      label: "expected `=`", help: help)
  }

  /// `add` or `remove` not followed by a declaration kind.
  static func expectedDeclarationKind(_ span: Span, keyword: String, found: String, word: String?)
    -> Diagnostic
  {
    var help = didYouMean(word ?? "", among: declarationKinds)
    if help.isEmpty {
      help = [
        "name the kind first, like `\(keyword) indicator papers`; the kinds are "
          + alternatives(declarationKinds)
      ]
    }
    return error(
      .expectedDeclarationKind, "expected what kind of node to \(keyword), found \(found)",
      at: span, label: "a kind goes here", help: help)
  }

  static func missingBecause(_ span: Span) -> Diagnostic {
    error(
      .missingBecause, "this adjustment does not say why", at: span,
      label: "`adjust` needs `because \"…\"`",
      notes: ["every adjustment is itemised in reports and diffs together with its reason"],
      help: ["add the reason after the change: `because \"…\"`"])
  }

  static func duplicateClause(_ span: Span, keyword: String, first: Span) -> Diagnostic {
    error(
      .duplicateClause, "`\(keyword)` is given twice", at: span, label: "given again here",
      secondary: [Diagnostic.Label(first, "first given here")],
      help: ["keep one `\(keyword)` and join the texts if both matter"])
  }

  static func expectedEntity(_ span: Span, found: String, topLevel: Bool) -> Diagnostic {
    var help = ["entity codes are names like `US` or strings like `\"Côte d'Ivoire\"`"]
    if topLevel {
      help.append(
        "at the top level, `adjust` first says what it adjusts: "
          + "`adjust research CN +2 because \"…\"`")
    }
    return error(
      .expectedEntity, "expected an entity code, found \(found)", at: span,
      label: "an entity code goes here", help: help)
  }

  static func expectedBrace(_ span: Span, after: String, found: String, example: String)
    -> Diagnostic
  {
    error(
      .expectedBrace, "expected `{` after \(after), found \(found)", at: span,
      label: "expected `{`", help: ["write it like `\(example)`"])
  }
}
