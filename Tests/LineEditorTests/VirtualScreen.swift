/// A tiny VT100 screen for the tests: it interprets what the editor writes (printable text
/// with deferred auto-wrap, CR, LF, BS, BEL, cursor moves, erase in line and display, the
/// bracketed-paste mode switch) so tests can assert on what a user would see.
///
/// Written independently of the editor's renderer, with its own character widths (CJK and
/// Hangul blocks, emoji, combining marks), so a mistake in the renderer shows up as a wrong
/// screen rather than being mirrored here.
struct VirtualScreen {
  private(set) var columns: Int
  let rows: Int
  /// Cells by row; a wide character's second cell holds `VirtualScreen.continuation`.
  private(set) var cells: [[String]]
  private(set) var row = 0
  private(set) var column = 0
  private var pendingWrap = false
  /// Rows that scrolled off the top, oldest first.
  private(set) var scrolledOff: [String] = []
  private(set) var bracketedPaste = false
  private(set) var bracketedPasteDisabled = 0
  private(set) var bells = 0
  /// Escape sequences the model does not know; tests expect none.
  private(set) var unhandled: [String] = []
  private var escape: [Unicode.Scalar]?
  private var undecoded: [UInt8] = []

  static let continuation = "\u{0}"

  init(columns: Int, rows: Int = 24) {
    self.columns = columns
    self.rows = rows
    cells = Array(repeating: Array(repeating: "", count: columns), count: rows)
  }

  /// The visible rows, trailing blanks trimmed.
  var lines: [String] {
    cells.map { row in
      var line = ""
      for cell in row where cell != Self.continuation { line += cell.isEmpty ? " " : cell }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  /// The visible rows down to the last non-blank one.
  var text: [String] {
    var result = lines
    while result.last == "" { result.removeLast() }
    return result
  }

  var cursor: (row: Int, column: Int) { (row, column) }

  /// Bytes from the terminal; a UTF-8 character split between reads is completed later.
  mutating func feed(bytes: [UInt8]) {
    undecoded += bytes
    var complete = undecoded.count
    // Keep back an incomplete UTF-8 sequence at the end.
    var back = 0
    while back < min(3, undecoded.count) && (undecoded[undecoded.count - 1 - back] & 0xC0) == 0x80 {
      back += 1
    }
    if back < undecoded.count {
      let lead = undecoded[undecoded.count - 1 - back]
      let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      if needed > back + 1 { complete = undecoded.count - 1 - back }
    }
    let text = String(decoding: undecoded[..<complete], as: UTF8.self)
    undecoded.removeFirst(complete)
    feed(text)
  }

  mutating func feed(_ text: String) {
    for scalar in text.unicodeScalars { consume(scalar) }
  }

  /// The terminal got narrower or wider; like xterm, rows are cut or padded, not reflowed.
  mutating func resize(columns newColumns: Int) {
    cells = cells.map { row in
      newColumns <= row.count
        ? Array(row[..<newColumns])
        : row + Array(repeating: "", count: newColumns - row.count)
    }
    columns = newColumns
    column = min(column, newColumns - 1)
    pendingWrap = false
  }

  private mutating func consume(_ scalar: Unicode.Scalar) {
    if var sequence = escape {
      sequence.append(scalar)
      escape = sequence
      if sequence.count == 1 && scalar != "[" {
        unhandled.append("ESC " + String(scalar))
        escape = nil
      } else if sequence.count > 1 && (0x40...0x7E).contains(scalar.value) {
        escape = nil
        var body = ""
        body.unicodeScalars.append(contentsOf: sequence)
        controlSequence(body)
      }
      return
    }
    switch scalar {
    case "\u{1B}": escape = []
    case "\r":
      column = 0
      pendingWrap = false
    case "\n":
      lineFeed()
      pendingWrap = false
    case "\u{8}":
      column = max(0, column - 1)
      pendingWrap = false
    case "\u{7}": bells += 1
    default:
      if scalar.value < 0x20 {
        unhandled.append("control \(scalar.value)")
      } else {
        printable(scalar)
      }
    }
  }

  private static func width(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60,
      0x1F300...0x1F64F, 0x1F900...0x1F9FF:
      return 2
    default: return 1
    }
  }

  private mutating func printable(_ scalar: Unicode.Scalar) {
    let width = Self.width(scalar)
    if width == 0 {
      // Combines with the character before the cursor.
      var target = pendingWrap ? column : column - 1
      if target >= 0 && cells[row][target] == Self.continuation { target -= 1 }
      if target >= 0 { cells[row][target].unicodeScalars.append(scalar) }
      return
    }
    if pendingWrap || column + width > columns {
      column = 0
      lineFeed()
      pendingWrap = false
    }
    cells[row][column] = String(scalar)
    if width == 2 && column + 1 < columns { cells[row][column + 1] = Self.continuation }
    column += width
    if column >= columns {
      column = columns - 1
      pendingWrap = true
    }
  }

  private mutating func lineFeed() {
    if row + 1 < rows {
      row += 1
    } else {
      scrolledOff.append(lines[0])
      cells.removeFirst()
      cells.append(Array(repeating: "", count: columns))
    }
  }

  private mutating func controlSequence(_ body: String) {
    let final = body.last ?? " "
    let parameters = body.dropFirst().dropLast()
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map {
      Int($0) ?? 0
    }
    let count = max(numbers.first ?? 1, 1)
    pendingWrap = false
    switch final {
    case "A": row = max(0, row - count)
    case "B": row = min(rows - 1, row + count)
    case "C": column = min(columns - 1, column + count)
    case "D": column = max(0, column - count)
    case "H":
      row = min(rows - 1, max(numbers.first ?? 1, 1) - 1)
      column = min(columns - 1, max(numbers.count > 1 ? numbers[1] : 1, 1) - 1)
    case "J": eraseDisplay(numbers.first ?? 0)
    case "K": eraseLine(numbers.first ?? 0)
    case "h" where parameters == "?2004": bracketedPaste = true
    case "l" where parameters == "?2004":
      bracketedPaste = false
      bracketedPasteDisabled += 1
    case "m": break
    default: unhandled.append("CSI " + body)
    }
  }

  private mutating func eraseLine(_ mode: Int) {
    let range: Range<Int> =
      switch mode {
      case 0: column..<columns
      case 1: 0..<column + 1
      default: 0..<columns
      }
    for index in range { cells[row][index] = "" }
  }

  private mutating func eraseDisplay(_ mode: Int) {
    switch mode {
    case 0:
      eraseLine(0)
      for index in row + 1..<rows { cells[index] = Array(repeating: "", count: columns) }
    case 1:
      eraseLine(1)
      for index in 0..<row { cells[index] = Array(repeating: "", count: columns) }
    default:
      cells = Array(repeating: Array(repeating: "", count: columns), count: rows)
    }
  }
}
