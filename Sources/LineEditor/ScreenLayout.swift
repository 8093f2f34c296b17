/// Where a prompt and a buffer land on a terminal of a given width: the text of each screen
/// row and the cell the cursor belongs in.
///
/// The editor wraps rows itself instead of leaving it to the terminal, so it always knows how
/// many rows it drew: a character that does not fit (a wide one in the last column included)
/// starts the next row, each newline in the buffer starts a row with the continuation prompt,
/// tabs expand to the next multiple of 8, and control characters show as `^X`. Escape
/// sequences in a prompt (colours) take no columns.
struct ScreenLayout: Equatable {
  private(set) var rows: [String] = [""]
  private(set) var cursorRow = 0
  private(set) var cursorColumn = 0
  private var column = 0
  private let width: Int

  init(
    prompt: String, continuationPrompt: String, text: [Character], cursor: Int, width: Int
  ) {
    self.width = max(1, width)
    appendPrompt(prompt)
    for (index, character) in text.enumerated() {
      if index == cursor { markCursor(before: character) }
      if character == "\n" {
        startRow()
        appendPrompt(continuationPrompt)
      } else {
        appendVisible(character)
      }
    }
    if cursor >= text.count { markCursor(before: nil) }
  }

  /// Records the cursor's cell, wrapping first if the character under it will wrap.
  private mutating func markCursor(before character: Character?) {
    let needed = character.map { max(cells(of: $0).width, 1) } ?? 1
    if column > 0 && column + needed > width { startRow() }
    cursorRow = rows.count - 1
    cursorColumn = column
  }

  private mutating func startRow() {
    rows.append("")
    column = 0
  }

  /// Places text of a known width, wrapping when it does not fit the rest of the row.
  private mutating func place(_ text: String, width cellWidth: Int) {
    if cellWidth > 0 && column > 0 && column + cellWidth > width { startRow() }
    rows[rows.count - 1] += text
    column += cellWidth
  }

  private mutating func appendVisible(_ character: Character) {
    let (text, cellWidth) = cells(of: character)
    place(text, width: cellWidth)
  }

  /// What a buffer character is drawn as, and its columns.
  private func cells(of character: Character) -> (text: String, width: Int) {
    guard let scalar = character.unicodeScalars.first else { return ("", 0) }
    if character == "\t" {
      let spaces = 8 - column % 8
      return (String(repeating: " ", count: spaces), spaces)
    }
    if scalar.value < 0x20 || scalar.value == 0x7F {
      let shown = Unicode.Scalar(UInt8(scalar.value ^ 0x40))
      return ("^" + String(shown), 2)
    }
    if (0x80..<0xA0).contains(scalar.value) { return ("?", 1) }
    return (String(character), DisplayWidth.columns(of: character))
  }

  /// Adds prompt text: escape sequences pass through without width; a newline starts a row.
  private mutating func appendPrompt(_ prompt: String) {
    for piece in PromptPiece.split(prompt) {
      switch piece {
      case .escape(let sequence): rows[rows.count - 1] += sequence
      case .character("\n"): startRow()
      case .character(let character): appendVisible(character)
      }
    }
  }
}
