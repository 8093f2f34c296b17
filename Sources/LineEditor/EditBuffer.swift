/// The text being edited and the cursor in it, with the motions and edits the keys map to.
///
/// Positions are counted in grapheme clusters (Swift `Character`s), so the cursor never lands
/// inside an accented letter, an emoji sequence or a flag. A buffer may hold several logical
/// lines (continuation lines and pasted newlines); Home/End and the kill commands work on the
/// logical line the cursor is in.
public struct EditBuffer: Equatable, Sendable {
  public private(set) var characters: [Character]
  /// Cursor position: 0 … `characters.count`.
  public var cursor: Int {
    didSet { cursor = max(0, min(cursor, characters.count)) }
  }

  public init(_ text: String = "", cursor: Int? = nil) {
    characters = Array(text)
    self.cursor = max(0, min(cursor ?? characters.count, characters.count))
  }

  public var text: String { String(characters) }
  public var isEmpty: Bool { characters.isEmpty }
  public var count: Int { characters.count }

  /// Inserts text at the cursor and moves the cursor after it.
  ///
  /// Inserted combining marks join the character before them, as they do on screen.
  public mutating func insert(_ inserted: String) {
    let before = String(characters[..<cursor]) + inserted
    let after = String(characters[cursor...])
    let beforeCount = before.count
    characters = Array(before + after)
    cursor = beforeCount
  }

  /// Replaces a range of positions with text; the cursor goes after the new text.
  public mutating func replace(_ range: Range<Int>, with replacement: String) {
    let lower = max(0, min(range.lowerBound, characters.count))
    let upper = max(lower, min(range.upperBound, characters.count))
    let tail = String(characters[upper...])
    let head = String(characters[..<lower]) + replacement
    let headCount = head.count
    characters = Array(head + tail)
    cursor = headCount
  }

  /// Removes a range of positions and returns the removed text; the cursor goes to its start.
  @discardableResult
  public mutating func remove(_ range: Range<Int>) -> String {
    let lower = max(0, min(range.lowerBound, characters.count))
    let upper = max(lower, min(range.upperBound, characters.count))
    let removed = String(characters[lower..<upper])
    characters.removeSubrange(lower..<upper)
    cursor = lower
    return removed
  }

  /// Replaces the whole text; the cursor goes to the end.
  public mutating func setText(_ text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  // MARK: Positions

  /// Start of the logical line holding the cursor.
  public var lineStart: Int {
    var index = cursor
    while index > 0 && characters[index - 1] != "\n" { index -= 1 }
    return index
  }

  /// End of the logical line holding the cursor (before its newline).
  public var lineEnd: Int {
    var index = cursor
    while index < characters.count && characters[index] != "\n" { index += 1 }
    return index
  }

  /// True when a newline comes before the cursor.
  public var isOnFirstLine: Bool { !characters[..<cursor].contains("\n") }
  /// True when a newline comes after the cursor.
  public var isOnLastLine: Bool { !characters[cursor...].contains("\n") }

  /// Characters that make up a word for Alt-B/F and Alt-D: letters, digits and `_`.
  static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_"
  }

  /// End of the next word (Alt-F): skip non-word characters, then the word.
  public var nextWordEnd: Int {
    var index = cursor
    while index < characters.count && !Self.isWordCharacter(characters[index]) { index += 1 }
    while index < characters.count && Self.isWordCharacter(characters[index]) { index += 1 }
    return index
  }

  /// Start of the previous word (Alt-B).
  public var previousWordStart: Int {
    var index = cursor
    while index > 0 && !Self.isWordCharacter(characters[index - 1]) { index -= 1 }
    while index > 0 && Self.isWordCharacter(characters[index - 1]) { index -= 1 }
    return index
  }

  /// Start of the whitespace-delimited word before the cursor (Ctrl-W, as in a shell).
  public var previousBlankSeparatedWordStart: Int {
    var index = cursor
    while index > 0 && characters[index - 1].isWhitespace { index -= 1 }
    while index > 0 && !characters[index - 1].isWhitespace { index -= 1 }
    return index
  }

  // MARK: Edits

  /// Deletes the character before the cursor (Backspace); false at the start.
  @discardableResult
  public mutating func deleteBackward() -> Bool {
    guard cursor > 0 else { return false }
    remove(cursor - 1..<cursor)
    return true
  }

  /// Deletes the character under the cursor (Delete, Ctrl-D); false at the end.
  @discardableResult
  public mutating func deleteForward() -> Bool {
    guard cursor < characters.count else { return false }
    remove(cursor..<cursor + 1)
    return true
  }

  /// Swaps the two characters around the cursor and moves past them (Ctrl-T); at the end of a
  /// line it swaps the last two, as Emacs and readline do.
  @discardableResult
  public mutating func transpose() -> Bool {
    var position = cursor
    if position == lineEnd { position -= 1 }
    guard position > lineStart, position < characters.count else { return false }
    characters.swapAt(position - 1, position)
    characters = Array(String(characters))
    cursor = min(position + 1, characters.count)
    return true
  }

  /// Moves the cursor to the same column of the previous logical line; false on the first.
  @discardableResult
  public mutating func moveToPreviousLine() -> Bool {
    guard !isOnFirstLine else { return false }
    let column = cursor - lineStart
    cursor = lineStart - 1
    cursor = min(lineStart + column, lineEnd)
    return true
  }

  /// Moves the cursor to the same column of the next logical line; false on the last.
  @discardableResult
  public mutating func moveToNextLine() -> Bool {
    guard !isOnLastLine else { return false }
    let column = cursor - lineStart
    cursor = lineEnd + 1
    cursor = min(lineStart + column, lineEnd)
    return true
  }
}
