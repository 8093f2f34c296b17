import ScoringEngine

/// The robustness tests' way of breaking methodologies: seeded random cuts, insertions of
/// the fragments people mistype, byte flips and copied spans, shared by every suite that
/// feeds broken input to a stage (the checker, the formatter, the language server).
public enum MutationCorpus {
  public static let fragments: [[UInt8]] = [
    "{", "}", "(", ")", "[", "]", ":", ",", ".", "..", "%", "\"", "\n", "//", "/*", "///",
    "members", "index", "-", "^", "if", "then", "else", "±", "§", "1e999", "0", "é", "\t",
    "indicator x { value: 1/0 }", "weights { a: 50% }",
    // Paths resolve relative to the file that names them: the bundled methodologies sit side by
    // side, so these load when mutants of one of them land between statements.
    "\nextends \"hdi.idx\"\n", "\nextends \"asem.idx\"\n", "\nuse \"ai-capability.idx\"\n",
  ].map { Array($0.utf8) }

  /// One random mutation of `source`.
  public static func mutate(_ source: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = source
    let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
    switch Int.random(in: 0..<6, using: &random) {
    case 0:
      bytes.removeSubrange(position...)
    case 1:
      let length = Int.random(in: 1...40, using: &random)
      bytes.removeSubrange(position..<min(bytes.count, position + length))
    case 2:
      let fragment = fragments[Int.random(in: 0..<fragments.count, using: &random)]
      bytes.insert(contentsOf: fragment, at: position)
    case 3:
      if !bytes.isEmpty { bytes[position] = UInt8.random(in: 0...255, using: &random) }
    case 4:
      let length = Int.random(in: 1...80, using: &random)
      let piece = Array(bytes[position..<min(bytes.count, position + length)])
      let target = Int.random(in: 0...bytes.count, using: &random)
      bytes.insert(contentsOf: piece, at: target)
    default:
      let fragment = fragments[Int.random(in: 0..<fragments.count, using: &random)]
      let length = Int.random(in: 0...10, using: &random)
      bytes.replaceSubrange(position..<min(bytes.count, position + length), with: fragment)
    }
    return bytes
  }
}
