import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a synthetic dataset as a panel CSV: `entity,period,i0001,…`, one row per entity and
/// period, entities outer and periods inner as a statistics office would export them.
///
/// Rows are formatted into one reused buffer and flushed a megabyte at a time, so writing an
/// 80 MB file costs a megabyte of memory and does not distort the peaks measured after it.
/// Returns the number of bytes written, or nil when the file cannot be written.
func writePanelCSV(_ shape: SyntheticShape, to path: String) -> Int? {
  guard let file = fopen(path, "wb") else { return nil }
  var buffer: [UInt8] = []
  buffer.reserveCapacity(1 << 21)
  var written = 0
  var failed = false
  func flush() {
    let count = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    failed = failed || count != buffer.count
    written += count
    buffer.removeAll(keepingCapacity: true)
  }
  buffer += Array("entity,period".utf8)
  for i in 0..<shape.indicators { buffer += Array(("," + shape.variableName(i)).utf8) }
  buffer.append(UInt8(ascii: "\n"))
  for e in 0..<shape.entities {
    let code = Array(shape.entityCode(e).utf8)
    for p in 0..<shape.periods {
      var random = SplitMix64.row(entity: e, period: p)
      buffer += code
      buffer.append(UInt8(ascii: ","))
      appendDecimal(shape.firstPeriod + p, to: &buffer)
      for i in 0..<shape.indicators {
        buffer.append(UInt8(ascii: ","))
        let cell = SyntheticShape.cell(&random, indicator: i, missingEvery: shape.missingEvery)
        if let thousandths = cell { appendThousandths(thousandths, to: &buffer) }
      }
      buffer.append(UInt8(ascii: "\n"))
      if buffer.count >= 1 << 20 { flush() }
    }
  }
  flush()
  failed = fclose(file) != 0 || failed
  return failed ? nil : written
}

/// Appends a non-negative integer in decimal, least significant digit first and then reversed
/// in place, so that ten million cells cost no allocation.
private func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
  let start = buffer.count
  var rest = value
  repeat {
    buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
    rest /= 10
  } while rest > 0
  buffer[start...].reverse()
}

/// Appends thousandths as a decimal with exactly three places (`12345` → `12.345`), the way
/// spreadsheets export fixed-precision figures; it parses back to the same double.
private func appendThousandths(_ value: Int, to buffer: inout [UInt8]) {
  appendDecimal(value / 1000, to: &buffer)
  buffer.append(UInt8(ascii: "."))
  let fraction = value % 1000
  buffer.append(UInt8(ascii: "0") + UInt8(fraction / 100))
  buffer.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
  buffer.append(UInt8(ascii: "0") + UInt8(fraction % 10))
}
