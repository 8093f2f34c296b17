import Glibc

/// Reads lines from input that is not an interactive terminal (a pipe, a file, `TERM=dumb`):
/// no raw mode and no escape codes, so a script is read exactly as written.
///
/// Bytes are read in blocks and kept between calls, so the lines after the first are not lost
/// and a script of many lines costs few system calls. A final line without a newline counts; a
/// carriage return before the newline (a file from Windows) is dropped.
struct PlainLineReader {
  let input: Int32
  private var buffered: [UInt8] = []

  init(input: Int32) {
    self.input = input
  }

  /// The next line without its newline; nil at the end of the input.
  mutating func nextLine() -> Result<String?, LineEditorError> {
    while true {
      if let newline = buffered.firstIndex(of: 0x0A) {
        var line = Array(buffered[..<newline])
        buffered.removeFirst(newline + 1)
        if line.last == 0x0D { line.removeLast() }
        return .success(String(decoding: line, as: UTF8.self))
      }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count > 0 {
        buffered.append(contentsOf: chunk[0..<count])
      } else if count == 0 {
        // Not remembered: on a terminal, input may go on after a Ctrl-D.
        guard !buffered.isEmpty else { return .success(nil) }
        let line = buffered
        buffered = []
        return .success(String(decoding: line, as: UTF8.self))
      } else if errno != EINTR && errno != EAGAIN {
        return .failure(.io(operation: "read", code: errno))
      }
    }
  }
}
