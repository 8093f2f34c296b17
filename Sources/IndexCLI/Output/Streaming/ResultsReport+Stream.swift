import Diagnostics

/// `idx run --format csv|json|md`, written straight into an `OutputBuffer`.
///
/// The layouts are those of `ResultsReport` (see there). What makes them fast is what they do
/// not do: no `String` per number (`NumberWriter` writes the digits into the buffer), nothing
/// joined, and every text that repeats on each row (a column's JSON key, a period's label)
/// prepared once as bytes. Entity codes and names go through the same `csvField`,
/// `jsonString` and `TextTable.markdownCell` as everywhere else, once per row.
extension ResultsReport {
  /// The output of one format as a `StreamedOutput`, or nil for the terminal table.
  func stream(_ format: OutputFormat) -> StreamedOutput? {
    switch format {
    case .table: nil
    case .csv: StreamedOutput { writeCSV(into: &$0) }
    case .json: StreamedOutput { writeJSON(into: &$0) }
    case .md: StreamedOutput { writeMarkdown(into: &$0) }
    }
  }

  /// Header `entity,period,score,rank,<node>…`, then one line per row.
  func writeCSV(into out: inout OutputBuffer) {
    let columns = self.columns
    let header =
      ["entity", "period", "score", "rank"] + columns.map { results.plan.nodes[$0.node].name }
    out.append(header.map(csvField).joined(separator: ","))
    out.append(newline)
    let periodFields = results.periods.map { results.hasPeriods ? Array(String($0).utf8) : [] }
    let rows = self.rows
    let cells = rows.map { results.cell(entity: $0.e, period: $0.p) }
    let width = columns.count
    ParallelBlocks.write(
      cells: cells, columns: columns.map { results.nodes[$0.node].score }, threads: threads,
      valuesPerBlock: valuesPerBlock, into: &out
    ) { first, count, values, out in
      for offset in 0..<count {
        let (row, cell) = (rows[first + offset], cells[first + offset])
        out.append(csvField(results.entities[row.e].code))
        out.append(comma)
        out.append(periodFields[row.p])
        out.append(comma)
        out.appendCSVNumber(results.index[cell])
        out.append(comma)
        out.appendRank(results.ranks[cell], orElse: [])
        out.appendCSVNumbers(
          UnsafeBufferPointer(rebasing: values[(offset * width)..<((offset + 1) * width)]),
          after: comma)
        out.append(newline)
      }
    }
  }

  /// `{"methodology", "periods": [{"period", "entities": [{"entity", "name", "score", "rank",
  /// "nodes": {…}}]}]}`, one object per period and one entity per line.
  func writeJSON(into out: inout OutputBuffer) {
    let columns = self.columns
    // `"name":` for the first node, `,"name":` for the others.
    let keys = JSONKeys(
      columns.enumerated().map { index, column in
        Array(
          ((index == 0 ? "" : ",") + jsonString(results.plan.nodes[column.node].name) + ":").utf8)
      })
    let width = columns.count
    let scores = columns.map { results.nodes[$0.node].score }
    out.append("{\"methodology\":\(jsonString(results.plan.name)),\"periods\":[\n")
    var firstPeriod = true
    for period in periods {
      guard let p = results.periodIndex(period) else { continue }
      if !firstPeriod { out.append(lineBreak) }
      firstPeriod = false
      out.append("{\"period\":\(results.hasPeriods ? String(period) : "null"),\"entities\":[\n")
      let entities = order(p)
      let cells = entities.map { results.cell(entity: $0, period: p) }
      ParallelBlocks.write(
        cells: cells, columns: scores, threads: threads, valuesPerBlock: valuesPerBlock,
        into: &out
      ) { first, count, values, out in
        for offset in 0..<count {
          let (e, cell) = (entities[first + offset], cells[first + offset])
          if first + offset > 0 { out.append(lineBreak) }
          out.append(
            "{\"entity\":\(jsonString(results.entities[e].code)),"
              + "\"name\":\(jsonString(results.entities[e].name)),\"score\":")
          out.appendJSONNumber(results.index[cell])
          out.append(rankKey)
          out.appendRank(results.ranks[cell], orElse: null)
          out.append(nodesKey)
          out.appendJSONMembers(
            UnsafeBufferPointer(rebasing: values[(offset * width)..<((offset + 1) * width)]),
            keys: keys)
          out.append(entityEnd)
        }
      }
      out.append(periodEnd)
    }
    out.append(results.screened.isEmpty ? documentEnd : Array(screenedJSONEnd().utf8))
  }

  /// The title in bold, then a GitHub-flavoured Markdown table of the rows.
  func writeMarkdown(into out: inout OutputBuffer) {
    let columns = self.columns
    let rows = self.rows
    let layout = tableLayout(rows: rows, columns: columns)
    out.append("**\(title)**\n\n")
    out.append(TextTable.markdownHeader(layout.headers, alignments: layout.alignments))
    let cells = rows.map { results.cell(entity: $0.e, period: $0.p) }
    var block = ScoreBlock(columns: columns.map { results.nodes[$0.node].score })
    let width = columns.count
    block.forEachBlock(of: cells) { first, count, values in
      for offset in 0..<count {
        let (row, cell) = (rows[first + offset], cells[first + offset])
        out.append(rowStart)
        if layout.periodColumn {
          out.append(TextTable.markdownCell(periodText(row)))
          out.append(cellSeparator)
        }
        out.appendRank(results.ranks[cell], orElse: missing)
        out.append(cellSeparator)
        out.append(TextTable.markdownCell(results.entities[row.e].code))
        out.append(cellSeparator)
        out.append(TextTable.markdownCell(results.entities[row.e].name))
        out.append(cellSeparator)
        appendDisplay(results.index[cell], decimals: layout.scoreDecimals, to: &out)
        for (column, decimals) in layout.nodeDecimals.enumerated() {
          out.append(cellSeparator)
          appendDisplay(values[offset * width + column], decimals: decimals, to: &out)
        }
        out.append(rowEnd)
      }
    }
    out.append(screenedNote(markdown: true))
  }

  /// A table's number: fixed decimals, `—` when missing.
  private func appendDisplay(_ value: Double, decimals: Int, to out: inout OutputBuffer) {
    if value.isNaN { out.append(missing) } else { out.appendFixed(value, decimals: decimals) }
  }
}

extension OutputBuffer {
  /// A rank, or `missing` for an entity without one (rank 0).
  fileprivate mutating func appendRank(_ rank: Int, orElse missing: [UInt8]) {
    if rank == 0 { append(missing) } else { appendInteger(rank) }
  }
}

private let comma = UInt8(ascii: ",")
private let newline = UInt8(ascii: "\n")
/// What a table shows for a missing value.
private let missing = Array("—".utf8)
/// JSON punctuation between and around entities and periods.
private let lineBreak = Array(",\n".utf8)
private let rankKey = Array(",\"rank\":".utf8)
private let null = Array("null".utf8)
private let nodesKey = Array(",\"nodes\":{".utf8)
private let entityEnd = Array("}}".utf8)
private let periodEnd = Array("\n]}".utf8)
private let documentEnd = Array("\n]}\n".utf8)
/// Markdown table punctuation.
private let rowStart = Array("| ".utf8)
private let rowEnd = Array(" |\n".utf8)
private let cellSeparator = Array(" | ".utf8)
