import Glibc
import Testing

@testable import LineEditor

/// Reading from a pipe: the scripting mode, with no terminal and no escape codes.
@Suite struct PlainReadingTests {
  /// An editor reading `input` from a pipe and writing to another pipe.
  private func editor(
    reading input: String, configure: (inout LineEditor.Configuration) -> Void = { _ in }
  ) -> (LineEditor, output: Int32) {
    var inputEnds: [Int32] = [-1, -1]
    var outputEnds: [Int32] = [-1, -1]
    _ = pipe(&inputEnds)
    _ = pipe(&outputEnds)
    _ = HistoryFile.writeAll(inputEnds[1], Array(input.utf8))
    close(inputEnds[1])
    _ = fcntl(outputEnds[0], F_SETFL, O_NONBLOCK)
    var configuration = LineEditor.Configuration(prompt: "idx> ")
    configuration.input = inputEnds[0]
    configuration.output = outputEnds[1]
    configuration.terminalType = "xterm"
    configure(&configuration)
    return (LineEditor(configuration), outputEnds[0])
  }

  private func written(_ descriptor: Int32) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    return count > 0 ? Array(buffer[0..<count]) : []
  }

  @Test func linesComeBackAsWrittenWithoutAPromptOrCodes() {
    let (editor, output) = editor(reading: "score.CN\r\n\u{1B}[A literal\nlast without newline")
    #expect(editor.mode == .notATerminal)
    #expect(editor.readLine() == .line("score.CN"))
    #expect(editor.readLine() == .line("\u{1B}[A literal"))
    #expect(editor.readLine() == .line("last without newline"))
    #expect(editor.readLine() == .endOfInput)
    #expect(editor.readLine() == .endOfInput)
    #expect(written(output) == [])
    #expect(editor.history == [])
  }

  @Test func incompleteInputReadsContinuationLines() {
    let (editor, _) = editor(reading: "mean(\nscore\n)\nrank\nopen(") { configuration in
      configuration.inputIsComplete = { text in
        text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count
      }
    }
    #expect(editor.readLine() == .line("mean(\nscore\n)"))
    #expect(editor.readLine() == .line("rank"))
    #expect(editor.readLine() == .line("open("))
    #expect(editor.readLine() == .endOfInput)
  }

  @Test func aDumbTerminalGetsThePromptWithoutColours() {
    #expect(LineEditor.withoutEscapes("\u{1B}[1;34midx\u{1B}[0m> ") == "idx> ")
    #expect(LineEditor.withoutEscapes("a\u{1B}(Bb") == "ab")
  }
}
