import Diagnostics
import IndexLanguage

extension StructureFacts {
  /// Data sources, ordinal scales and the uncertainty block: declarations the plan does not
  /// keep, compared as written up to layout.
  mutating func addDeclarations(_ methodology: Methodology) {
    for data in methodology.data {
      owners.append(Owner(key: data.name, kind: "data", span: data.nameSpan))
      facts.append(Fact(path: data.name, owner: data.name, value: "data", span: data.nameSpan))
      if let source = data.source {
        var text = Self.compact(source.span(source.value.range).text)
        if case .call(let function, let arguments) = source.value.kind, function.text == "csv",
          arguments.count == 1, case .string(let path) = arguments[0].value.kind
        {
          text = "csv(\"" + Paths.resolve(path, from: data.file.path) + "\")"
        }
        facts.append(
          Fact(
            path: data.name + ".file", owner: data.name, value: text,
            span: source.span(source.value.range)))
      }
      addProperties(data)
    }
    for scale in methodology.scales {
      owners.append(Owner(key: scale.name, kind: "scale", span: scale.nameSpan))
      facts.append(Fact(path: scale.name, owner: scale.name, value: "scale", span: scale.nameSpan))
      var shape = scale.scaleType ?? ""
      if let range = scale.scaleRange {
        shape += " " + Self.compact(range.span(range.value.range).text)
      }
      facts.append(
        Fact(path: scale.name + ".type", owner: scale.name, value: shape, span: scale.nameSpan))
      for located in scale.levels {
        let level = located.value
        let span = located.span(level.range)
        facts.append(
          Fact(
            path: scale.name + ".levels." + Self.compact(located.span(level.level.range).text),
            owner: scale.name, value: Self.compact(located.span(level.label.range).text), span: span
          ))
      }
    }
    if let uncertainty = methodology.uncertainty {
      owners.append(Owner(key: "uncertainty", kind: "uncertainty", span: uncertainty.nameSpan))
      facts.append(
        Fact(
          path: "uncertainty", owner: "uncertainty", value: "uncertainty",
          span: uncertainty.nameSpan))
      addProperties(uncertainty)
    }
  }

  private mutating func addProperties(_ declaration: Declaration) {
    for property in declaration.properties.sorted(by: { $0.name < $1.name }) {
      facts.append(
        Fact(
          path: declaration.name + "." + property.name, owner: declaration.name,
          value: Self.compact(property.valueSpan.text), span: property.valueSpan))
    }
  }

  /// Source text without layout: whitespace and comments outside string literals removed,
  /// except one space where two words would otherwise run together.
  static func compact(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    let characters = Array(text)
    var i = 0
    func isWord(_ c: Character?) -> Bool {
      guard let c else { return false }
      return c.isLetter || c.isNumber || c == "_" || c == "\""
    }
    while i < characters.count {
      let c = characters[i]
      if c == "\"" {
        if pendingSpace && isWord(out.last) { out.append(" ") }
        pendingSpace = false
        var j = i + 1
        while j < characters.count && characters[j] != "\"" {
          if characters[j] == "\\" { j += 1 }
          j += 1
        }
        out += String(characters[i...Swift.min(j, characters.count - 1)])
        i = j + 1
        continue
      }
      if c == "/" && i + 1 < characters.count && characters[i + 1] == "/" {
        while i < characters.count && characters[i] != "\n" { i += 1 }
        pendingSpace = true
        continue
      }
      if c == "/" && i + 1 < characters.count && characters[i + 1] == "*" {
        i += 2
        while i + 1 < characters.count && !(characters[i] == "*" && characters[i + 1] == "/") {
          i += 1
        }
        i += 2
        pendingSpace = true
        continue
      }
      if c.isWhitespace {
        pendingSpace = true
        i += 1
        continue
      }
      if pendingSpace && isWord(out.last) && isWord(c) { out.append(" ") }
      pendingSpace = false
      out.append(c)
      i += 1
    }
    return out
  }
}
