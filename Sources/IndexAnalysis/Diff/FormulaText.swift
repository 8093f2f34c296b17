import ScoringEngine

extension MethodText {
  /// A formula in the language's syntax, with only the parentheses precedence needs.
  ///
  /// Written with an explicit stack (formulas are input-shaped and may nest deeply): each
  /// step either prints a piece of text or expands one sub-formula into its pieces, pushed in
  /// reverse so they come off in reading order.
  public static func formula(_ formula: Formula) -> String {
    enum Step {
      case text(String)
      case formula(Formula, context: Int, right: Bool)
    }
    var out = ""
    var stack: [Step] = [.formula(formula, context: 0, right: false)]
    while let step = stack.popLast() {
      switch step {
      case .text(let text):
        out += text
      case .formula(let formula, let context, let right):
        let level = precedence(formula)
        // Left-associative operators need parentheses on an equal right operand; `^` is
        // right-associative and needs them on an equal left one.
        let rightAssociative = {
          if case .binary(.power, _, _) = formula { return true } else { return false }
        }()
        let needs = level < context || (level == context && (rightAssociative ? !right : right))
        var pieces: [Step] = []
        switch formula {
        case .constant(let value):
          pieces = [.text(value < 0 ? "(" + number(value) + ")" : number(value))]
        case .variable(let name):
          pieces = [.text(qualified(name))]
        case .indicator(let name):
          pieces = [.text(name)]
        case .negate(let operand):
          pieces = [.text("-"), .formula(operand, context: level, right: true)]
        case .not(let operand):
          pieces = [.text("not "), .formula(operand, context: level, right: true)]
        case .binary(let op, let left, let right):
          pieces = [
            .formula(left, context: level, right: false), .text(" \(op.rawValue) "),
            .formula(right, context: level, right: true),
          ]
        case .conditional(let condition, let then, let otherwise):
          pieces = [
            .text("if "), .formula(condition, context: 0, right: false), .text(" then "),
            .formula(then, context: 0, right: false), .text(" else "),
            .formula(otherwise, context: 0, right: false),
          ]
        case .call(let function, let arguments):
          pieces = [.text(function.rawValue + "(")]
          for (position, argument) in arguments.enumerated() {
            if position > 0 { pieces.append(.text(", ")) }
            pieces.append(.formula(argument, context: 0, right: false))
          }
          pieces.append(.text(")"))
        }
        if needs { pieces = [.text("(")] + pieces + [.text(")")] }
        stack += pieces.reversed()
      }
    }
    return out
  }

  /// Binding strength as in the language (docs/language.md, 7.1); atoms bind tightest.
  private static func precedence(_ formula: Formula) -> Int {
    switch formula {
    case .constant, .variable, .indicator, .call: return 11
    case .conditional: return 0
    case .not: return 3
    case .negate: return 8
    case .binary(let op, _, _):
      switch op {
      case .or: return 1
      case .and: return 2
      case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: return 4
      case .add, .subtract: return 6
      case .multiply, .divide: return 7
      case .power: return 9
      }
    }
  }

  /// `source.column`, with the column quoted when it is not a plain name.
  private static func qualified(_ name: String) -> String {
    guard let dot = name.firstIndex(of: ".") else { return name }
    let column = name[name.index(after: dot)...]
    let plain =
      !column.isEmpty
      && column.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    return plain ? name : String(name[..<dot]) + ".\"" + column + "\""
  }
}
