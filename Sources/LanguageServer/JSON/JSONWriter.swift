/// Writes JSON compactly, without recursion, keys in order, numbers as short as they read
/// back: whole numbers without a fraction, others with Swift's shortest round-trip digits.
public enum JSONWriter {
  private enum Piece {
    case value(JSONValue)
    case text(StaticString)
    case key(String)
  }

  /// The JSON text of a value, as UTF-8.
  public static func bytes(_ root: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    var stack: [Piece] = [.value(root)]
    while let piece = stack.popLast() {
      switch piece {
      case .text(let text):
        text.withUTF8Buffer { out.append(contentsOf: $0) }
      case .key(let key):
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
      case .value(let value):
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .number(let number): out += Array(format(number).utf8)
        case .string(let text): appendString(text, to: &out)
        case .array(let elements):
          stack.append(.text("]"))
          for (position, element) in elements.enumerated().reversed() {
            stack.append(.value(element))
            if position > 0 { stack.append(.text(",")) }
          }
          stack.append(.text("["))
        case .object(let object):
          stack.append(.text("}"))
          for position in stride(from: object.count - 1, through: 0, by: -1) {
            stack.append(.value(object.values[position]))
            stack.append(.key(object.keys[position]))
            if position > 0 { stack.append(.text(",")) }
          }
          stack.append(.text("{"))
        }
      }
    }
    return out
  }

  /// The JSON text of a value.
  public static func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  static func format(_ number: Double) -> String {
    guard number.isFinite else { return "null" }
    if number == number.rounded() && Swift.abs(number) < 1e15 {
      return String(Int(number))
    }
    return "\(number)"
  }

  private static func appendString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
