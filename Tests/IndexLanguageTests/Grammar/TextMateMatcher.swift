import Foundation

/// A small TextMate tokenizer for the subset of the format the idx grammar uses, so a test
/// can check which scope each token gets without an editor.
///
/// The subset: `patterns`, `repository` and `include` (`#name` and `$self`); rules with
/// `match` and `captures`, or `begin` and `end` with `beginCaptures`, `endCaptures` and
/// nested `patterns`. Regular expressions are NSRegularExpression's (ICU), which agrees with
/// Oniguruma on everything the grammar uses (classes, `\b`, look-ahead, `$`). Not supported:
/// `\G`, back-references from `end` to `begin`, `while`, `contentName`, injections. As in
/// TextMate, the earliest match wins, ties go to the first pattern, and a rule's `end` is
/// tried before its nested patterns.
struct TextMateGrammar {
  final class Rule {
    var name: String?
    var match: NSRegularExpression?
    var begin: NSRegularExpression?
    var end: NSRegularExpression?
    var captures: [Int: String] = [:]
    var beginCaptures: [Int: String] = [:]
    var endCaptures: [Int: String] = [:]
    var patterns: [Pattern] = []
  }

  enum Pattern {
    case rule(Rule)
    case include(String)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let scopeName: String
  let root: [Pattern]
  let repository: [String: [Pattern]]

  init(json: Data) throws {
    guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any],
      let scopeName = object["scopeName"] as? String
    else { throw Failure(description: "not a grammar") }
    self.scopeName = scopeName
    root = try Self.patterns(object["patterns"])
    var repository: [String: [Pattern]] = [:]
    for (name, value) in object["repository"] as? [String: Any] ?? [:] {
      repository[name] = try Self.patterns([value])
    }
    self.repository = repository
  }

  private static func patterns(_ value: Any?) throws -> [Pattern] {
    try (value as? [Any] ?? []).map { item in
      guard let dictionary = item as? [String: Any] else { throw Failure(description: "\(item)") }
      if let include = dictionary["include"] as? String { return .include(include) }
      if dictionary["match"] == nil && dictionary["begin"] == nil {
        // A repository entry that only groups patterns.
        let rule = Rule()
        rule.patterns = try patterns(dictionary["patterns"])
        return .rule(rule)
      }
      return .rule(try rule(dictionary))
    }
  }

  private static func rule(_ dictionary: [String: Any]) throws -> Rule {
    let rule = Rule()
    rule.name = dictionary["name"] as? String
    func regex(_ key: String) throws -> NSRegularExpression? {
      guard let source = dictionary[key] as? String else { return nil }
      return try NSRegularExpression(pattern: source, options: [.anchorsMatchLines])
    }
    rule.match = try regex("match")
    rule.begin = try regex("begin")
    rule.end = try regex("end")
    rule.captures = captures(dictionary["captures"])
    rule.beginCaptures = captures(dictionary["beginCaptures"])
    rule.endCaptures = captures(dictionary["endCaptures"])
    rule.patterns = try patterns(dictionary["patterns"])
    return rule
  }

  private static func captures(_ value: Any?) -> [Int: String] {
    var out: [Int: String] = [:]
    for (key, item) in value as? [String: Any] ?? [:] {
      if let index = Int(key), let name = (item as? [String: Any])?["name"] as? String {
        out[index] = name
      }
    }
    return out
  }

  /// The rules a pattern list stands for, with includes (and grouping entries) expanded.
  private func expand(_ patterns: [Pattern]) -> [Rule] {
    var out: [Rule] = []
    var work = Array(patterns.reversed())
    var expanded = 0
    while let pattern = work.popLast(), expanded < 10_000 {
      expanded += 1
      switch pattern {
      case .rule(let rule):
        if rule.match == nil && rule.begin == nil {
          work += rule.patterns.reversed()
        } else {
          out.append(rule)
        }
      case .include(let name):
        if name == "$self" {
          work += root.reversed()
        } else if name.hasPrefix("#") {
          work += (repository[String(name.dropFirst())] ?? []).reversed()
        }
      }
    }
    return out
  }

  /// The scope stack of every UTF-16 unit of every line.
  func scopes(of lines: [String]) -> [[[String]]] {
    var stack: [(rule: Rule, scopes: [String])] = []
    var result: [[[String]]] = []
    for line in lines {
      let text = line as NSString
      let length = text.length
      var scopes = [[String]](repeating: [scopeName], count: length)
      func paint(_ range: NSRange, _ names: [String]) {
        guard range.location != NSNotFound else { return }
        for index in range.location..<min(length, range.location + range.length) {
          scopes[index] = names
        }
      }
      func paintCaptures(_ match: NSTextCheckingResult, _ captures: [Int: String], _ base: [String])
      {
        for (index, name) in captures.sorted(by: { $0.key < $1.key })
        where index < match.numberOfRanges {
          paint(match.range(at: index), base + [name])
        }
      }
      var position = 0
      var guardCount = 0
      while position <= length && guardCount < 100_000 {
        guardCount += 1
        let current = stack.last?.scopes ?? [scopeName]
        let candidates = expand(stack.last?.rule.patterns ?? root)
        let searchRange = NSRange(location: position, length: length - position)
        var bestMatch: NSTextCheckingResult?
        var bestRule: Rule?
        var isEnd = false
        if let end = stack.last?.rule.end, let match = end.firstMatch(in: line, range: searchRange)
        {
          bestMatch = match
          isEnd = true
        }
        for rule in candidates {
          guard let regex = rule.match ?? rule.begin,
            let match = regex.firstMatch(in: line, range: searchRange)
          else { continue }
          if bestMatch == nil || match.range.location < (bestMatch?.range.location ?? 0) {
            bestMatch = match
            bestRule = rule
            isEnd = false
          }
        }
        guard let match = bestMatch else {
          paint(NSRange(location: position, length: length - position), current)
          break
        }
        paint(NSRange(location: position, length: match.range.location - position), current)
        let matchEnd = match.range.location + match.range.length
        if isEnd, let top = stack.popLast() {
          paint(match.range, top.scopes)
          paintCaptures(match, top.rule.endCaptures, top.scopes)
        } else if let rule = bestRule, rule.begin != nil {
          let inner = current + (rule.name.map { [$0] } ?? [])
          paint(match.range, inner)
          paintCaptures(match, rule.beginCaptures, inner)
          stack.append((rule, inner))
        } else if let rule = bestRule {
          let inner = current + (rule.name.map { [$0] } ?? [])
          paint(match.range, inner)
          paintCaptures(match, rule.captures, inner)
        }
        if match.range.length == 0 && !isEnd && bestRule?.begin == nil {
          position += 1
        } else {
          position = max(position, matchEnd)
        }
        if position >= length && !(stack.last?.rule.end.map { _ in true } ?? false) { break }
        if position > length { break }
      }
      result.append(scopes)
    }
    return result
  }
}
