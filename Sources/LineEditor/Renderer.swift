/// What the editor shows: a prompt and text with the cursor in it.
public struct EditorView: Equatable, Sendable {
  public var prompt: String
  public var continuationPrompt: String
  public var text: [Character]
  public var cursor: Int
}

/// Produces the terminal output that replaces the block the editor last drew with a new view.
///
/// The renderer remembers only the height of the block it drew and the row the cursor was
/// left in. Redrawing goes back to the block's first row, erases to the end of the screen and
/// writes the rows, so a shorter line leaves nothing behind; a whole redraw per change costs
/// a few hundred bytes and needs no diffing. The codes used are VT100's: `CR`, `CRLF`,
/// `ESC[nA` (up), `ESC[nB` (down), `ESC[nC` (right), `ESC[J` (erase below), `ESC[H ESC[2J`.
struct Renderer: Equatable, Sendable {
  var width: Int
  /// Rows of the block on screen; 0 when nothing is drawn (a fresh line).
  private(set) var drawnRows = 0
  /// Row of the terminal cursor within the block.
  private(set) var cursorRow = 0

  init(width: Int) {
    self.width = max(1, width)
  }

  /// Erases the drawn block and draws the view in its place.
  mutating func draw(_ view: EditorView) -> String {
    let layout = ScreenLayout(
      prompt: view.prompt, continuationPrompt: view.continuationPrompt, text: view.text,
      cursor: view.cursor, width: width)
    var output = ""
    if cursorRow > 0 { output += "\u{1B}[\(cursorRow)A" }
    output += "\r\u{1B}[J"
    output += layout.rows.joined(separator: "\r\n")
    output += "\r"
    let up = layout.rows.count - 1 - layout.cursorRow
    if up > 0 { output += "\u{1B}[\(up)A" }
    if layout.cursorColumn > 0 { output += "\u{1B}[\(layout.cursorColumn)C" }
    drawnRows = layout.rows.count
    cursorRow = layout.cursorRow
    return output
  }

  /// Moves the cursor to a fresh line below the block; the block stays on screen as written.
  mutating func leaveBlock() -> String {
    guard drawnRows > 0 else { return "" }
    let down = drawnRows - 1 - cursorRow
    let output = (down > 0 ? "\u{1B}[\(down)B" : "") + "\r\n"
    forget()
    return output
  }

  /// Clears the whole screen; the next draw starts at the top.
  mutating func clearScreen() -> String {
    forget()
    return "\u{1B}[H\u{1B}[2J"
  }

  /// Treats the screen as holding nothing of the editor (after output it did not draw).
  mutating func forget() {
    drawnRows = 0
    cursorRow = 0
  }
}
