/// A prompt split into escape sequences (colours, which take no columns) and characters.
///
/// A sequence is `ESC [` parameters and a final byte (`0x40`–`0x7E`), or `ESC` and one more
/// character.
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
      let isControlSequence = current.count > 2 || character == "["
      let isFinal = character.unicodeScalars.first.map { (0x40...0x7E).contains($0.value) } ?? true
      if !isControlSequence || (current.count > 2 && isFinal) {
        pieces.append(.escape(current))
        sequence = nil
      } else {
        sequence = current
      }
    }
    if let sequence { pieces.append(.escape(sequence)) }
    return pieces
  }
}
