import Diagnostics

/// The entities unit screening left out, under the results: a note under a table, a
/// `screened` list at the end of the JSON.
extension ResultsReport {
  /// `\nnote: unit screening left out …` with one line per entity, or nothing.
  func screenedNote(markdown: Bool) -> String {
    let screened = results.screened
    guard !screened.isEmpty else { return "" }
    let entities = screened.count == 1 ? "entity" : "entities"
    var lines = ["", "note: unit screening left out \(screened.count) \(entities), not ranked:"]
    for entity in screened {
      let named = entity.name == entity.code ? entity.code : "\(entity.code) (\(entity.name))"
      let line = "\(named): \(entity.reason.text)"
      lines.append(
        markdown ? "- " + TextTable.markdownCell(line) : "  " + TerminalText.escaped(line))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The end of the JSON document with `"screened": [{"entity", "name", "reason"}]`.
  func screenedJSONEnd() -> String {
    let items = results.screened.map { entity in
      "{\"entity\":\(jsonString(entity.code)),\"name\":\(jsonString(entity.name)),"
        + "\"reason\":\(jsonString(entity.reason.text))}"
    }
    return "\n],\"screened\":[\n" + items.joined(separator: ",\n") + "\n]}\n"
  }
}
