import Foundation
import IndexCLI
import Testing

/// The README's ```text blocks that start with `$ idx …`: each must be real output.
enum ReadmeExamples {
  /// Checks every block whose command starts with `prefix`; returns how many it checked.
  ///
  /// Each line shown (but `…`) must be a line of what `run` prints for the command, in the
  /// same order.
  static func check(prefix: String, run: ([String]) -> CLI.Outcome) throws -> Int {
    let readme = try String(
      contentsOf: CLITests.root.appendingPathComponent("README.md"), encoding: .utf8)
    var checked = 0
    for block in readme.components(separatedBy: "```text\n").dropFirst() {
      let lines = block.components(separatedBy: "\n```")[0].split(separator: "\n").map(String.init)
      guard let command = lines.first, command.hasPrefix(prefix) else { continue }
      let arguments = command.dropFirst("$ idx ".count).split(separator: " ").map(String.init)
      let output = run(arguments).stdout.split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
      var position = 0
      for line in lines.dropFirst() where line != "…" {
        guard let found = output[position...].firstIndex(of: line) else {
          Issue.record("README line not in the output of `\(command)`: \(line)")
          break
        }
        position = found + 1
      }
      checked += 1
    }
    return checked
  }
}
