/// Turns the bytes a terminal sends into key events: UTF-8 text, control keys, `ESC` and
/// `CSI`/`SS3` sequences, and bracketed paste.
///
/// Bytes arrive in arbitrary pieces (a read may end in the middle of an escape sequence or of a
/// UTF-8 character), so the decoder keeps an incomplete tail and finishes it on the next
/// `feed`. A lone `ESC` cannot be told from the start of a sequence until the input pauses;
/// the terminal layer calls `flush()` after a short wait, which reports it as `.escape`.
public struct KeyDecoder: Sendable {
  /// Bytes of an incomplete token at the end of the input so far.
  private var pending: [UInt8] = []
  /// Inside a bracketed paste: bytes are collected literally until `ESC[201~`.
  private var pasting = false
  private var pasteBytes: [UInt8] = []

  private static let escapeByte: UInt8 = 0x1B
  private static let pasteStart: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]  // ESC [ 2 0 0 ~
  private static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~
  /// A sequence longer than this is garbage: it is dropped rather than buffered forever.
  private static let longestSequence = 64

  public init() {}

  /// True while the input ends in the middle of an escape sequence or a UTF-8 character.
  public var hasIncompleteSequence: Bool { !pending.isEmpty && !pasting }

  /// True between `ESC[200~` and `ESC[201~`.
  public var isInsidePaste: Bool { pasting }

  /// Decodes as many keys as the bytes so far complete.
  public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
    pending.append(contentsOf: bytes)
    var keys: [Key] = []
    var index = 0
    while index < pending.count {
      if pasting {
        index = consumePaste(from: index, into: &keys)
        if pasting { break }
        continue
      }
      guard let (key, length) = token(at: index) else { break }
      index += length
      if case .unknown(let bytes) = key, bytes == Self.pasteStart {
        pasting = true
        pasteBytes = []
      } else {
        appendMerging(key, to: &keys)
      }
    }
    pending.removeFirst(index)
    return keys
  }

  /// The input paused: what is left is taken as typed (a lone `ESC` is `.escape`).
  public mutating func flush() -> [Key] {
    guard hasIncompleteSequence else { return [] }
    let rest = pending
    pending = []
    switch rest.count {
    case 1 where rest[0] == Self.escapeByte: return [.escape]
    case 2 where rest[0] == Self.escapeByte: return [.alt(Character(Unicode.Scalar(rest[1])))]
    default:
      if rest[0] == Self.escapeByte { return [.unknown(rest)] }
      return [.text("\u{FFFD}")]
    }
  }

  /// Consecutive typed characters from one read become one `.text` event.
  private func appendMerging(_ key: Key, to keys: inout [Key]) {
    if case .text(let new) = key, case .text(let previous)? = keys.last {
      keys[keys.count - 1] = .text(previous + new)
    } else {
      keys.append(key)
    }
  }

  /// Collects paste bytes up to the end marker; keeps a possible partial marker pending.
  private mutating func consumePaste(from start: Int, into keys: inout [Key]) -> Int {
    let marker = Self.pasteEnd
    var index = start
    while index < pending.count {
      if pending[index] == Self.escapeByte {
        let available = min(marker.count, pending.count - index)
        if pending[index..<index + available].elementsEqual(marker[0..<available]) {
          if available < marker.count {
            pasteBytes.append(contentsOf: pending[start..<index])
            return index
          }
          pasteBytes.append(contentsOf: pending[start..<index])
          keys.append(.paste(Self.pastedText(pasteBytes)))
          pasting = false
          pasteBytes = []
          return index + marker.count
        }
      }
      index += 1
    }
    pasteBytes.append(contentsOf: pending[start..<index])
    return index
  }

  /// Pasted text with the terminal's carriage returns turned into newlines.
  private static func pastedText(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.replacingCarriageReturns()
  }

  /// The key starting at `index` and its length in bytes, or nil when more bytes are needed.
  private func token(at index: Int) -> (Key, Int)? {
    let byte = pending[index]
    switch byte {
    case Self.escapeByte: return escapeToken(at: index)
    case 0x7F, 0x08: return (.backspace, 1)
    case 0x09: return (.tab, 1)
    case 0x0A, 0x0D: return (.enter, 1)
    case 0x00: return (.control("@"), 1)
    case 0x01...0x1A: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
    case 0x1C...0x1F: return (.control(Character(Unicode.Scalar(byte + 0x40))), 1)
    case 0x20...0x7E: return (.text(String(Unicode.Scalar(byte))), 1)
    default: return utf8Token(at: index)
    }
  }

  /// `ESC` alone, `ESC` + key (Alt), `CSI …` or `SS3 …`.
  private func escapeToken(at index: Int) -> (Key, Int)? {
    guard index + 1 < pending.count else { return nil }
    let next = pending[index + 1]
    switch next {
    case 0x5B: return controlSequence(at: index)
    case 0x4F:
      guard index + 2 < pending.count else { return nil }
      return (Self.singleShiftKey(pending[index + 2]), 3)
    case 0x7F, 0x08: return (.altBackspace, 2)
    case 0x20...0x7E: return (.alt(Character(Unicode.Scalar(next))), 2)
    default: return (.escape, 1)
    }
  }

  /// `ESC [` parameters, intermediates and a final byte.
  private func controlSequence(at index: Int) -> (Key, Int)? {
    var end = index + 2
    while end < pending.count {
      let byte = pending[end]
      if (0x40...0x7E).contains(byte) {
        let bytes = Array(pending[index...end])
        return (Self.controlSequenceKey(bytes), bytes.count)
      }
      if !(0x20...0x3F).contains(byte) {
        return (.unknown(Array(pending[index..<end])), end - index)
      }
      end += 1
      if end - index > Self.longestSequence {
        return (.unknown(Array(pending[index..<end])), end - index)
      }
    }
    return nil
  }

  /// The key a complete `CSI` sequence stands for.
  private static func controlSequenceKey(_ bytes: [UInt8]) -> Key {
    let final = bytes[bytes.count - 1]
    let parameters = String(decoding: bytes[2..<bytes.count - 1], as: UTF8.self)
    let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
    let modifier = fields.count > 1 ? Int(fields[1]) ?? 1 : 1
    let wordModifier = modifier == 3 || modifier == 5
    switch final {
    case 0x41: return .up
    case 0x42: return .down
    case 0x43: return wordModifier ? .wordRight : .right
    case 0x44: return wordModifier ? .wordLeft : .left
    case 0x48: return .home
    case 0x46: return .end
    case 0x7E:
      switch fields.first.flatMap({ Int($0) }) {
      case 1, 7: return .home
      case 4, 8: return .end
      case 2: return .insert
      case 3: return .delete
      case 5: return .pageUp
      case 6: return .pageDown
      default: return .unknown(bytes)
      }
    default: return .unknown(bytes)
    }
  }

  /// `ESC O x`: the cursor keys in "application mode", and keypad Enter.
  private static func singleShiftKey(_ final: UInt8) -> Key {
    switch final {
    case 0x41: return .up
    case 0x42: return .down
    case 0x43: return .right
    case 0x44: return .left
    case 0x48: return .home
    case 0x46: return .end
    case 0x4D: return .enter
    default: return .unknown([escapeByte, 0x4F, final])
    }
  }

  /// One UTF-8 encoded scalar, or U+FFFD for each malformed piece.
  private func utf8Token(at index: Int) -> (Key, Int)? {
    let lead = pending[index]
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return (.text("\u{FFFD}"), 1)
    }
    for offset in 1..<length {
      guard index + offset < pending.count else { return nil }
      if !(0x80...0xBF).contains(pending[index + offset]) {
        return (.text("\u{FFFD}"), offset)
      }
    }
    var iterator = pending[index..<index + length].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) {
      return (.text(String(scalar)), length)
    }
    return (.text("\u{FFFD}"), length)
  }
}

extension String {
  /// The text with `\r\n` and lone `\r` as `\n`, as terminals send Enter inside a paste.
  func replacingCarriageReturns() -> String {
    var result = ""
    var previousWasReturn = false
    for scalar in unicodeScalars {
      if scalar == "\r" {
        result.unicodeScalars.append("\n")
        previousWasReturn = true
        continue
      }
      if !(scalar == "\n" && previousWasReturn) { result.unicodeScalars.append(scalar) }
      previousWasReturn = false
    }
    return result
  }
}
