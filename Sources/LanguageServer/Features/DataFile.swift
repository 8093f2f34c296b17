import Diagnostics
import IndexLanguage

/// The CSV file a `data` declaration reads, as far as an editor needs it: the header cells
/// (for go to definition on a column) and the rows' key cells (for entity codes).
struct DataFile {
  /// One cell: its text and where it is in the file.
  struct Cell {
    var text: String
    var range: ByteRange
  }

  let file: SourceFile
  let header: [Cell]

  /// The file of `data`, read through `fileSystem`; nil when it cannot be named or read.
  init?(_ data: Declaration, fileSystem: any FileSystem) {
    guard let source = data.source, case .call(_, let arguments) = source.value.kind,
      case .string(let relative)? = arguments.first?.value.kind
    else { return nil }
    let path = Paths.resolve(relative, from: data.file.path)
    guard let bytes = try? fileSystem.read(path) else { return nil }
    file = SourceFile(path: path, bytes: bytes)
    var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    header = Self.cells(bytes, &offset)
  }

  /// The cells of the line starting at `offset` (quotes respected); `offset` moves past it.
  static func cells(_ bytes: [UInt8], _ offset: inout Int) -> [Cell] {
    var cells: [Cell] = []
    while offset <= bytes.count {
      var start = offset
      var end = offset
      if offset < bytes.count && bytes[offset] == UInt8(ascii: "\"") {
        start = offset + 1
        offset += 1
        while offset < bytes.count {
          if bytes[offset] == UInt8(ascii: "\"") {
            if offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\"") {
              offset += 2
              continue
            }
            break
          }
          offset += 1
        }
        end = offset
        if offset < bytes.count { offset += 1 }
      }
      while offset < bytes.count && bytes[offset] != UInt8(ascii: ",")
        && bytes[offset] != 0x0A && bytes[offset] != 0x0D
      {
        offset += 1
      }
      if end == start { end = offset }
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      cells.append(Cell(text: text.replacingDoubledQuotes, range: ByteRange(start, end)))
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else {
        // The end of the line: step over its line break.
        if offset < bytes.count {
          let pair = bytes[offset] == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A
          offset += pair ? 2 : 1
        } else {
          offset += 1
        }
        return cells
      }
      offset += 1
    }
    return cells
  }

  /// The header cell of a variable: the column itself, or in the wide layout the column its
  /// `columns:` pattern makes of it for one of `periods` (`le` → `le_2022` for
  /// `"{variable}_{period}"`).
  func headerCell(_ variable: String, pattern: String?, periods: [Int]) -> Cell? {
    if let exact = header.first(where: { $0.text == variable }) { return exact }
    guard let pattern else { return nil }
    for period in periods.reversed() {
      let name = pattern.replacing("{variable}", with: variable)
        .replacing("{period}", with: String(period))
      if let cell = header.first(where: { $0.text == name }) { return cell }
    }
    return nil
  }

  /// The cell of the row whose `key` column holds `code`.
  func keyCell(of code: String, key: String) -> Cell? {
    guard let column = header.firstIndex(where: { $0.text == key }) else { return nil }
    var offset = 0
    _ = Self.cells(file.bytes, &offset)
    while offset < file.bytes.count {
      let before = offset
      let row = Self.cells(file.bytes, &offset)
      if column < row.count && row[column].text == code { return row[column] }
      if offset == before { break }
    }
    return nil
  }
}

extension String {
  fileprivate var replacingDoubledQuotes: String {
    contains("\"\"") ? replacing("\"\"", with: "\"") : self
  }
}
