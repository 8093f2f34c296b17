/// Numbers as the page writes them: exact in the data, rounded for people and coordinates.
///
/// `fixed` rounds half away from zero on the value times 10^decimals, and the page's script
/// formats the same way (`fmt` in the script), so a label the script rewrites reads like the
/// one the report wrote.
enum NumberText {
  /// The shortest text that reads back as the same double, `null` for a missing value: the
  /// page recomputes from these, so they must be exact.
  static func json(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded() && Swift.abs(value) < 1e15 {
      return String(Int(value))
    }
    return "\(value)"
  }

  /// Fixed decimals for labels, `—` for a missing value.
  static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "—" }
    guard Swift.abs(value) < 1e15 else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (Swift.abs(value) * scale).rounded() / scale
    let whole = rounded.rounded(.down)
    var text = String(Int(whole))
    if decimals > 0 {
      let fraction = String(Int(((rounded - whole) * scale).rounded()))
      text += "." + String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
    }
    return value < 0 && rounded != 0 ? "-" + text : text
  }

  /// A coordinate or length: at most two decimals, trailing zeros dropped.
  static func svg(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = fixed(value, decimals: 2)
    while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A share as a percentage with one decimal (`33.3%`).
  static func percent(_ share: Double) -> String {
    fixed(share * 100, decimals: 1) + "%"
  }
}
