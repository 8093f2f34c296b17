/// A small CSV file read into text cells that remember where they start, for readers of
/// metadata tables (COINr's iMeta and iData) whose diagnostics point at one cell.
///
/// It reads with the same RFC 4180 reader as the data tables (`CSVReader`), so a quoted
/// field, a doubled quote or a CRLF means the same thing in both; unlike the data tables it
/// keeps every cell as text, which suits tables of codes and names, not millions of numbers.
public struct CSVCells: Sendable {
  /// One field: its unescaped, trimmed text and the bytes it spans in the file.
  public struct Cell: Sendable, Equatable {
    public var text: String
    public var offset: Int
    public var end: Int
    /// The bytes of `text` in the file (quotes and padding left out), or nil when the text
    /// differs from every range of the file (a doubled quote was made single).
    public var content: Range<Int>?

    public init(text: String, offset: Int, end: Int, content: Range<Int>? = nil) {
      self.text = text
      self.offset = offset
      self.end = end
      self.content = content
    }
  }

  /// The records in file order, blank ones (empty lines, rows of bare commas) left out.
  public var records: [[Cell]]
  /// Byte offsets of opening quotes never closed (each field is cut at its line's end).
  public var unclosedQuotes: [Int]

  /// Reads `bytes` (UTF-8; a byte order mark is skipped) split on `delimiter`.
  public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    var records: [[Cell]] = []
    var unclosed: [Int] = []
    let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    bytes.withUnsafeBufferPointer { buffer in
      let body = UnsafeBufferPointer(rebasing: buffer[skip...])
      var reader = CSVReader(body, delimiter: delimiter)
      var fields: [CSVField] = []
      while reader.nextRecord(into: &fields) != nil {
        guard !reader.isBlankRecord(fields) else { continue }
        records.append(
          fields.map { field in
            let content = reader.plainContent(field).map {
              ($0.lowerBound + skip)..<($0.upperBound + skip)
            }
            return Cell(
              text: reader.text(field), offset: field.start + skip, end: field.end + skip,
              content: content)
          })
      }
      unclosed = reader.unclosedQuotes.map { $0 + skip }
    }
    self.records = records
    self.unclosedQuotes = unclosed
  }
}
