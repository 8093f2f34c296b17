/// A prompt split into escape sequences (colours, which take no columns) and characters.
///
/// Sequences follow ECMA-48: `ESC [` parameters and a final byte (`0x40`–`0x7E`), or `ESC`,
/// intermediate bytes (`0x20`–`0x2F`) and a final byte (such as `ESC ( B`).
enum PromptPiece: Equatable {
  case escape(String)
  case character(Character)

  static func split(_ prompt: String) -> [PromptPiece] {
    var pieces: [PromptPiece] = []
    var sequence: String?
    for character in prompt {
      guard var current = sequence else {
        if character == "\u{1B}" {
          sequence = String(character)
        } else {
          pieces.append(.character(character))
        }
        continue
      }
      current.append(character)
      sequence = current
      let value = character.unicodeScalars.first?.value ?? 0
      let isControlSequence = current.dropFirst().first == "["
      let ends =
        isControlSequence
        ? current.count > 2 && (0x40...0x7E).contains(value)
        : !(current.count == 2 && character == "[") && !(0x20...0x2F).contains(value)
      if ends {
        pieces.append(.escape(current))
        sequence = nil
      }
    }
    if let sequence { pieces.append(.escape(sequence)) }
    return pieces
  }
}
