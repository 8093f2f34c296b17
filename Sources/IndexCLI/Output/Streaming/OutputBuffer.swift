import Glibc

/// A command's output as bytes in one large buffer, handed on in large writes when it fills.
///
/// `idx run --format csv` on a 2,000 × 500 methodology prints 20 MB: built as one `String`
/// from a `String` per field, joining and appending were a quarter of the process and the text
/// was held twice over. Writers append bytes here instead; a full buffer goes to its
/// destination in one write, so the memory of the output is the buffer's capacity whatever
/// the document's size. The destination is a file descriptor (the executable's standard
/// output, through the same checked write loop as `StandardStreams.write`) or memory (tests and
/// in-process callers, who read the text back).
///
/// The first failed write is kept in `result` and everything after it is dropped, so a writer
/// never checks for errors itself: `idx run … | head` stops writing at the closed pipe, and
/// `/dev/full` is reported once, at the end, by the caller.
struct OutputBuffer: ~Copyable {
  /// Where a full buffer goes.
  enum Destination {
    /// A file descriptor, written with `StandardStreams.write(bytes:to:)`.
    case descriptor(Int32)
    /// An array kept by the buffer (`collected`).
    case memory
  }

  /// 256 KiB: large enough that writes cost nothing beside formatting, small beside the
  /// documents it carries.
  static let defaultCapacity = 1 << 18

  private let storage: UnsafeMutablePointer<UInt8>
  let capacity: Int
  /// Bytes in the buffer, not yet handed on.
  private(set) var count = 0
  private let destination: Destination
  /// Every byte handed on so far, when the destination is memory.
  private(set) var collected: [UInt8] = []
  /// `.written` until a write fails; then the failure, and nothing more is written.
  private(set) var result: StandardStreams.WriteResult = .written

  init(_ destination: Destination, capacity: Int = OutputBuffer.defaultCapacity) {
    self.destination = destination
    self.capacity = max(capacity, 64)
    storage = .allocate(capacity: self.capacity)
  }

  deinit { storage.deallocate() }

  /// Room for `length` more bytes (at most `capacity`), flushing first if need be: write up to
  /// `length` bytes at the pointer returned, then `commit` how many were written.
  @inline(__always)
  mutating func reserve(_ length: Int) -> UnsafeMutablePointer<UInt8> {
    if count + length > capacity { flush() }
    return storage + count
  }

  /// Counts bytes written at the pointer `reserve` returned.
  @inline(__always)
  mutating func commit(_ length: Int) {
    count += length
  }

  /// Appends one byte.
  @inline(__always)
  mutating func append(_ byte: UInt8) {
    if count == capacity { flush() }
    storage[count] = byte
    count += 1
  }

  /// Appends bytes; more than the buffer holds go straight to the destination.
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count > 0, let base = bytes.baseAddress else { return }
    if count + bytes.count <= capacity {
      (storage + count).initialize(
        from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
      count += bytes.count
      return
    }
    flush()
    if bytes.count <= capacity {
      storage.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
      count = bytes.count
    } else {
      hand(bytes)
    }
  }

  /// Appends bytes prepared once (a column name, a JSON key).
  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// Appends text as UTF-8.
  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Hands the buffered bytes on and empties the buffer.
  mutating func flush() {
    if count > 0 { hand(UnsafeRawBufferPointer(start: storage, count: count)) }
    count = 0
  }

  /// Moves what was written into this buffer (collected in memory, then buffered) to the end
  /// of `other`, and empties it: a chunk formatted on its own thread joins the output.
  mutating func drain(into other: inout OutputBuffer) {
    if !collected.isEmpty {
      other.append(collected)
      collected.removeAll(keepingCapacity: true)
    }
    other.append(UnsafeRawBufferPointer(start: storage, count: count))
    count = 0
  }

  /// Flushes and returns the text collected in memory (empty for a descriptor).
  consuming func finishText() -> String {
    flush()
    return String(decoding: collected, as: UTF8.self)
  }

  /// Flushes and returns the outcome of every write.
  consuming func finish() -> StandardStreams.WriteResult {
    flush()
    return result
  }

  private mutating func hand(_ bytes: UnsafeRawBufferPointer) {
    guard result == .written else { return }
    switch destination {
    case .memory: collected.append(contentsOf: bytes)
    case .descriptor(let descriptor):
      result = StandardStreams.write(bytes: bytes, to: descriptor)
    }
  }
}
