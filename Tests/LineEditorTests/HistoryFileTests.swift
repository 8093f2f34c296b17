import Glibc
import Testing

@testable import LineEditor

@Suite struct HistoryFileTests {
  @Test func theDefaultPathFollowsXDGStateHomeThenHome() {
    #expect(
      HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
        == "/s/idx/history")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/idx/history")
    #expect(
      HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/h"])
        == "/h/.local/state/idx/history")
    #expect(
      HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
        == "/h/.local/state/idx/history")
    #expect(HistoryFile.defaultPath(environment: [:]) == nil)
  }

  @Test func appendingCreatesTheFilePrivateWithItsParentDirectories() throws {
    let folder = TemporaryDirectory()
    let path = folder.path + "/state/idx/history"
    let file = HistoryFile(path: path)
    try file.append("score.CN")
    try file.append("rank.CN")
    #expect(TemporaryDirectory.mode(of: path) == 0o600)
    #expect(TemporaryDirectory.mode(of: folder.path + "/state/idx") == 0o700)
    #expect(TemporaryDirectory.mode(of: folder.path + "/state") == 0o700)
    #expect(TemporaryDirectory.contents(of: path) == "score.CN\nrank.CN\n")
    #expect(try file.load() == ["score.CN", "rank.CN"])
  }

  @Test func multiLineEntriesAndBackslashesSurviveTheRoundTrip() throws {
    let folder = TemporaryDirectory()
    let file = HistoryFile(path: folder.path + "/history")
    let entries = ["weights {\n  a: 1\n}", #"path\nnot a newline"#, "tail\\", "中文 👍"]
    for entry in entries { try file.append(entry) }
    #expect(try file.load() == entries)
    #expect(TemporaryDirectory.contents(of: file.path)?.split(separator: "\n").count == 4)
  }

  @Test func rewritingReplacesTheFileAndKeepsItPrivate() throws {
    let folder = TemporaryDirectory()
    let file = HistoryFile(path: folder.path + "/history")
    try file.append("old")
    try file.rewrite(["new 1", "new 2"])
    #expect(try file.load() == ["new 1", "new 2"])
    #expect(TemporaryDirectory.mode(of: file.path) == 0o600)
    #expect(TemporaryDirectory.mode(of: file.path + ".tmp-\(getpid())") == nil)
  }

  @Test func aMissingFileIsAnEmptyHistoryAndAnUnreadableOneIsAnError() throws {
    let folder = TemporaryDirectory()
    #expect(try HistoryFile(path: folder.path + "/none").load() == [])
    let error = #expect(throws: HistoryFileError.self) { try HistoryFile(path: folder.path).load() }
    #expect(error?.operation == .read)
    #expect(error?.description == "cannot read the history file \(folder.path): Is a directory")
  }

  @Test func aDirectoryThatCannotBeCreatedIsNamedInTheError() {
    let folder = TemporaryDirectory()
    let tooLong = folder.path + "/" + String(repeating: "d", count: 300)
    let file = HistoryFile(path: tooLong + "/history")
    let error = #expect(throws: HistoryFileError.self) { try file.append("x") }
    #expect(error?.operation == .createDirectory(tooLong))
    #expect(error?.description.hasPrefix("cannot create \(tooLong) for the history file") == true)
  }

  @Test func theEditorLoadsTheFileTrimsItToTheLimitAndAppendsAcceptedLines() throws {
    let folder = TemporaryDirectory()
    let path = folder.path + "/history"
    TemporaryDirectory.write("1\n2\n3\n4\n5\n", to: path)
    var configuration = LineEditor.Configuration()
    configuration.historyPath = path
    configuration.historyLimit = 3
    let editor = LineEditor(configuration)
    #expect(editor.history == ["3", "4", "5"])
    #expect(editor.historyError == nil)
    #expect(TemporaryDirectory.contents(of: path) == "3\n4\n5\n")
    editor.addToHistory("6")
    editor.addToHistory("6")
    #expect(editor.history == ["4", "5", "6"])
    #expect(TemporaryDirectory.contents(of: path) == "3\n4\n5\n6\n")
  }

  @Test func aHistoryFileThatCannotBeUsedIsReportedNotFatal() {
    let folder = TemporaryDirectory()
    TemporaryDirectory.write("", to: folder.path + "/file")
    var configuration = LineEditor.Configuration()
    configuration.historyPath = folder.path + "/file/history"
    let editor = LineEditor(configuration)
    #expect(editor.historyError?.operation == .read)
    editor.addToHistory("kept in memory")
    #expect(editor.history == ["kept in memory"])
    #expect(editor.historyError?.operation == .write)
    #expect(editor.historyError?.description.hasSuffix("file/history: Not a directory") == true)
  }
}
