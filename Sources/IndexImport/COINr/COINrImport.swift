import Diagnostics

/// The result of an import: the methodology's text, or nothing when any table has an error,
/// and every diagnostic found (an import reports all it can, not only the first).
public struct ImportOutcome: Sendable {
  public var text: String?
  public var diagnostics: [Diagnostic]
}

/// `idx import coinr`: a COINr index, defined as COINr's two tables (iData with one row per
/// unit, iMeta with one row per indicator and aggregate), as a complete `.idx` methodology.
public enum COINrImport {
  /// The methodology of the two tables; `dataPath` is how the `.idx` file names iData.
  ///
  /// Both tables are read and checked in full before anything is written, so a malformed
  /// table gives diagnostics pointing at its cells and no text.
  public static func methodology(iData: SourceFile, iMeta: SourceFile, dataPath: String)
    -> ImportOutcome
  {
    var diagnostics: [Diagnostic] = []
    let metaTable = CellTable.read(iMeta, name: "iMeta", diagnostics: &diagnostics)
    let dataTable = CellTable.read(iData, name: "iData", diagnostics: &diagnostics)
    guard let metaTable, let dataTable else {
      return ImportOutcome(text: nil, diagnostics: diagnostics)
    }
    var reader = COINrMetaReader(metaTable)
    let rows = reader.rows()
    diagnostics += reader.diagnostics
    let structure = COINrStructure(
      rows, headerSpan: metaTable.headerSpan, writtenParents: reader.writtenParents)
    diagnostics += structure.diagnostics
    let data = COINrData(dataTable, meta: rows, writtenCodes: reader.writtenCodes)
    diagnostics += data.diagnostics
    let sorted = diagnostics.sortedByLocation()
    guard !sorted.hasErrors, structure.root != nil else {
      return ImportOutcome(text: nil, diagnostics: sorted)
    }
    let writer = COINrWriter(
      structure: structure, data: data, dataPath: dataPath,
      sources: (iData.path, iMeta.path))
    return ImportOutcome(text: writer.text(), diagnostics: sorted)
  }
}
