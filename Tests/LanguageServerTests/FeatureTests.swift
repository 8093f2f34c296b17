import Foundation
import IndexLanguage
import LanguageServer
import ScoringEngine
import Testing

/// The features on the bundled methodologies and their real data.
@Suite struct FeatureTests {
  static let ai = "methodologies/ai-capability.idx"

  static func markdown(_ hover: JSONValue?) -> String {
    hover?["contents"]?["value"]?.string ?? ""
  }

  static func labels(_ completion: JSONValue?) -> [String] {
    (completion?["items"]?.array ?? []).compactMap { $0["label"]?.string }
  }

  /// A node's hover: its weight, effective weight and scores, the scores as the engine
  /// computes them (compiled and run separately here).
  @Test func hoverOnADimensionShowsWeightsPipelineAndScores() throws {
    var (session, line, character) = try BundledSession.opened(
      Self.ai, at: "dimension research", offset: 11)
    let hover = Self.markdown(session.at("textDocument/hover", Self.ai, line, character))
    #expect(hover.hasPrefix("**dimension** `research` — Research"))
    #expect(hover.contains("weight: 20% in `ai_capability` · effective 20% of the index"))
    #expect(hover.contains("pipeline: 2 members → aggregate `arithmetic` (from the index)"))
    let compilation = compile(
      path: BundledSession.root + "/" + Self.ai, fileSystem: DiskFileSystem())
    let results = run(try #require(compilation.plan), on: try #require(compilation.table))
    let us = try #require(results.score("research", entity: "US", period: 2025))
    let cn = try #require(results.score("research", entity: "CN", period: 2025))
    #expect(
      hover.contains(
        "nominal score 2025 (the index's top 5): US \(Self.oneDecimal(us)) · CN \(Self.oneDecimal(cn))"
      ))
    // An indicator: half of research's 20%.
    let (paperLine, paperCharacter) = try #require(
      BundledSession.find("indicator papers", in: try BundledSession.text(Self.ai), offset: 11))
    let papers = Self.markdown(session.at("textDocument/hover", Self.ai, paperLine, paperCharacter))
    #expect(papers.contains("AI publications (journals and conferences) in the year."))
    #expect(papers.contains("weight: an equal share in `research` · effective 10% of the index"))
    #expect(papers.contains("normalize `minmax(0, 100)` (from the index)"))
  }

  static func oneDecimal(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    return "\(Int(tenths / 10)).\(Int(abs(tenths).truncatingRemainder(dividingBy: 10)))"
  }

  @Test func hoverOnMethodsAndFunctions() throws {
    var session = BundledSession()
    let text = try BundledSession.text(Self.ai)
    _ = try session.open(Self.ai)
    let (line, character) = try #require(BundledSession.find("minmax(0, 100)", in: text, offset: 2))
    let hover = Self.markdown(session.at("textDocument/hover", Self.ai, line, character))
    #expect(
      hover
        == "**normalize** `minmax(low, high)`\n\n(y − min)/(max − min) onto low..high (0..100 bare)"
    )
    let (leader, leaderCharacter) = try #require(BundledSession.find("leader(100)", in: text))
    #expect(
      Self.markdown(session.at("textDocument/hover", Self.ai, leader, leaderCharacter)).contains(
        "factor · s / max s"))
  }

  /// A column's definition is its header cell in the CSV file, also through a wide layout.
  @Test func definitionOfAColumnIsItsHeaderCell() throws {
    var session = BundledSession()
    let text = try BundledSession.text(Self.ai)
    _ = try session.open(Self.ai)
    let (line, character) = try #require(BundledSession.find("ai.arena_elo", in: text, offset: 4))
    let answer = session.at("textDocument/definition", Self.ai, line, character)
    let location = try #require(answer)
    #expect(location["uri"]?.string == BundledSession.uri("methodologies/data/ai.csv"))
    let header = try #require(
      try BundledSession.text("methodologies/data/ai.csv").components(separatedBy: "\n").first)
    let start = try #require(location["range"]?["start"]?["character"]?.integer)
    let end = try #require(location["range"]?["end"]?["character"]?.integer)
    #expect(location["range"]?["start"]?["line"] == 0)
    #expect(
      Array(header.utf16)[start..<end].map { Character(UnicodeScalar($0)!) } == Array("arena_elo"))

    let hdi = "methodologies/hdi.idx"
    _ = try session.open(hdi)
    let (hdiLine, hdiCharacter) = try #require(
      BundledSession.find("undp.le", in: try BundledSession.text(hdi), offset: 5))
    let wideAnswer = session.at("textDocument/definition", hdi, hdiLine, hdiCharacter)
    let wide = try #require(wideAnswer)
    #expect(
      wide["uri"]?.string == BundledSession.uri("methodologies/data/hdi/hdi-2022-undp-wide.csv"))
    let csv = try Data(
      contentsOf: URL(
        fileURLWithPath: BundledSession.root + "/methodologies/data/hdi/hdi-2022-undp-wide.csv"))
    let firstLine = Array(csv.prefix { $0 != 10 && $0 != 13 })
    let cellStart = try #require(wide["range"]?["start"]?["character"]?.integer)
    let cellEnd = try #require(wide["range"]?["end"]?["character"]?.integer)
    #expect(String(decoding: firstLine[cellStart..<cellEnd], as: UTF8.self) == "le_2022")
  }

  @Test func definitionOfAnEntityIsItsKeyCell() throws {
    var session = BundledSession()
    let soft = "methodologies/ai-soft.idx"
    let text = try BundledSession.text(soft)
    _ = try session.open(soft)
    let (line, character) = try #require(BundledSession.find("    CN 4.1", in: text, offset: 5))
    let answer = session.at("textDocument/definition", soft, line, character)
    let location = try #require(answer)
    #expect(location["uri"]?.string == BundledSession.uri("methodologies/data/ai.csv"))
    let csvLines = try BundledSession.text("methodologies/data/ai.csv").components(
      separatedBy: "\n")
    let row = try #require(location["range"]?["start"]?["line"]?.integer)
    #expect(csvLines[row].hasPrefix("CN,"))
  }

  /// The ASEM tree: index → sub-index → pillar → indicator.
  @Test func documentSymbolsNestTheTree() throws {
    var session = BundledSession(
      capabilities: .object([
        "textDocument": .object([
          "documentSymbol": .object(["hierarchicalDocumentSymbolSupport": true])
        ])
      ]))
    let asem = "methodologies/asem.idx"
    _ = try session.open(asem)
    let answer = session.request(
      "textDocument/documentSymbol",
      .object(["textDocument": .object(["uri": .string(BundledSession.uri(asem))])]))
    let symbols = try #require(answer?.array)
    #expect(symbols.map { $0["name"]?.string } == ["Index", "asem"])
    let conn = symbols[0]["children"]?[0]
    #expect(conn?["name"] == "Conn")
    #expect(conn?["children"]?[0]?["name"] == "ConEcFin")
    let goods = conn?["children"]?[0]?["children"]?[0]
    #expect(goods?["name"] == "Goods")
    #expect(goods?["detail"] == "indicator — Trade in goods")
    #expect(goods?["kind"] == 13)
    #expect(symbols[0]["children"]?.array?.count == 2)
  }

  @Test func completionOffersWhatFitsWhereTheCursorIs() throws {
    var session = BundledSession()
    let soft = "methodologies/ai-soft.idx"
    var text = try BundledSession.text(soft)
    _ = try session.open(soft)
    // Entity codes at the start of a rating.
    let (rating, _) = try #require(BundledSession.find("    US 4.7", in: text))
    let entities = Self.labels(session.at("textDocument/completion", soft, rating, 4))
    #expect(entities == ["US", "CN", "GB", "DE", "FR", "JP", "KR", "IN", "CA", "IL", "SG", "AE"])
    // Properties of a soft indicator at the start of a line of its body.
    let (scale, _) = try #require(BundledSession.find("  scale:     quality5", in: text))
    let properties = Self.labels(session.at("textDocument/completion", soft, scale, 2))
    #expect(properties == Vocabulary.properties(of: .soft) + ["ratings", "adjust"])
    // Scales after `scale:` in a soft indicator.
    #expect(Self.labels(session.at("textDocument/completion", soft, scale, 13)) == ["quality5"])
    // Node names in a members list.
    let (members, membersCharacter) = try #require(
      BundledSession.find("members { innovation", in: text, offset: 10))
    let nodes = Self.labels(session.at("textDocument/completion", soft, members, membersCharacter))
    #expect(nodes.contains("innovation") && nodes.contains("papers") && nodes.contains("talent"))
    // Statement keywords at the start of a top-level line.
    text += "\n"
    _ = session.send(
      Session.notification(
        "textDocument/didChange",
        .object([
          "textDocument": .object(["uri": .string(BundledSession.uri(soft)), "version": 2]),
          "contentChanges": [.object(["text": .string(text)])],
        ])))
    let lastLine = text.components(separatedBy: "\n").count - 1
    #expect(
      Self.labels(session.at("textDocument/completion", soft, lastLine, 0))
        == Vocabulary.statementKeywords)
    // Nothing inside a comment or a string.
    let (comment, _) = try #require(BundledSession.find("// Ratings are", in: text))
    #expect(Self.labels(session.at("textDocument/completion", soft, comment, 8)).isEmpty)
  }

  /// Snippets only for clients that take them.
  @Test func completionSnippetsFollowTheClient() throws {
    var session = BundledSession(
      capabilities: .object([
        "textDocument": .object([
          "completion": .object(["completionItem": .object(["snippetSupport": true])])
        ])
      ]))
    let text = try BundledSession.text(Self.ai)
    _ = try session.open(Self.ai)
    let (line, character) = try #require(BundledSession.find("minmax(0, 100)", in: text))
    let items =
      session.at("textDocument/completion", Self.ai, line, character)?["items"]?.array ?? []
    let minmax = items.first { $0["label"] == "minmax" }
    #expect(minmax?["insertText"] == "minmax(${1:low}, ${2:high})")
    #expect(minmax?["insertTextFormat"] == 2)
  }

  static func fork(_ edits: String) -> String {
    "extends \"ai-capability.idx\"\n\nindex fork \"Fork\" {\n  version: \"x\"\n}\n\n" + edits
  }

  /// Opens a fork of ai-capability.idx with `edits`; returns its diagnostics' codes and the
  /// first edit of the code action whose title starts with `title`, asked for on `line`.
  static func fix(_ edits: String, line: Int, title: String) throws -> ([String], JSONValue?) {
    var session = BundledSession()
    let path = "methodologies/fork-test.idx"
    let published = try session.open(path, text: Self.fork(edits))
    let codes = (published.last?["params"]?["diagnostics"]?.array ?? []).compactMap {
      $0["code"]?.string
    }
    let actions =
      session.request(
        "textDocument/codeAction",
        .object([
          "textDocument": .object(["uri": .string(BundledSession.uri(path))]),
          "range": .object(["start": Session.position(line, 0), "end": Session.position(line, 30)]),
        ]))?.array ?? []
    let action = actions.first { $0["title"]?.string?.hasPrefix(title) ?? false }
    return (codes, action?["edit"]?["changes"]?[BundledSession.uri(path)]?[0])
  }

  @Test func codeActionsAddRestProRata() throws {
    let (codes, edit) = try Self.fix(
      "add dimension extra \"Extra\" { members { papers2 } }\n"
        + "indicator papers2 \"P2\" { value: ai.ai_papers }\n"
        + "weights { extra: 10% } because \"Test\"\n", line: 8, title: "Add `rest: pro_rata`")
    #expect(codes.contains("E0330"))
    #expect(edit?["newText"] == ", rest: pro_rata")
    #expect(edit?["range"]?["start"] == Session.position(8, 20))
  }

  @Test func codeActionsRewriteAWeightThatBreaksItsGroup() throws {
    let (codes, edit) = try Self.fix(
      "set talent.weight = 25% because \"More talent\"\n", line: 6, title: "Rewrite as")
    #expect(codes.contains("E0304"))
    #expect(edit?["newText"] == "weights { talent: 25%, rest: pro_rata }")
    #expect(edit?["range"]?["end"] == Session.position(6, 23))
  }

  @Test func renameRefusesReservedAndTakenNames() throws {
    var (session, line, character) = try BundledSession.opened(
      Self.ai, at: "indicator papers", offset: 11)
    let reserved = session.at(
      "textDocument/rename", Self.ai, line, character, [("newName", "members")])
    #expect(reserved?["code"] == -32803)
    let taken = session.at(
      "textDocument/rename", Self.ai, line, character, [("newName", "citations")])
    #expect(taken?["message"] == "`citations` is already declared")
    let fine = session.at(
      "textDocument/rename", Self.ai, line, character, [("newName", "publications")])
    let edits = fine?["changes"]?[BundledSession.uri(Self.ai)]?.array ?? []
    #expect(edits.count == 2)
  }

  /// A base's unsaved text counts for its open forks, and problems in the base show in the
  /// fork at the `extends` line, pointing at the base.
  @Test func unsavedBaseTextReachesItsForks() throws {
    var session = try Session()
    _ = session.send(Session.request(1, "initialize", .object(["capabilities": .object([:])])))
    let fork = try session.text("fork.idx").replacingOccurrences(of: "papres", with: "papers")
      .replacingOccurrences(of: "BB +1", with: "BB +1 because \"x\"")
    let open = try session.open("fork.idx", text: fork)
    #expect(open.count == 1 && open[0].contains("\"diagnostics\":[]"))
    let base = try session.text("base.idx").replacingOccurrences(
      of: "members { papers, citations }", with: "members { papers, citatons }")
    let answers = try session.open("base.idx", text: base)
    let forkDiagnostics = try #require(answers.first { $0.contains("fork.idx") })
    #expect(forkDiagnostics.contains("\"code\":\"E0201\""))
    #expect(forkDiagnostics.contains("in base.idx:12: unknown member `citatons`"))
    #expect(
      forkDiagnostics.contains(
        "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":18}}"))
    #expect(forkDiagnostics.contains("\"uri\":\"file:///w/base.idx\""))
  }

  /// Changes in quick succession give one set of diagnostics, for the latest text.
  @Test func diagnosticsAreDebounced() throws {
    var server = LanguageServer(fileSystem: MemoryFileSystem(), options: .init(debounce: 0.2))
    _ = server.receive(JSONWriter.bytes(Session.request(1, "initialize", .object([:]))), now: 0)
    let uri = "file:///a.idx"
    _ = server.receive(
      JSONWriter.bytes(
        Session.notification(
          "textDocument/didOpen",
          .object([
            "textDocument": .object([
              "uri": .string(uri), "languageId": "idx", "version": 1, "text": "index i {",
            ])
          ]))), now: 1)
    #expect(server.publishDue(now: 1).count == 1)
    #expect(server.publishDue(now: 1).isEmpty)
    for (version, time) in [(2, 2.0), (3, 2.1), (4, 2.15)] {
      _ = server.receive(
        JSONWriter.bytes(
          Session.notification(
            "textDocument/didChange",
            .object([
              "textDocument": .object(["uri": .string(uri), "version": .integer(version)]),
              "contentChanges": [.object(["text": .string("index i\(version) {")])],
            ]))), now: time)
    }
    #expect(server.publishDue(now: 2.3).isEmpty)
    #expect(server.nextDue == 2.35)
    let published = server.publishDue(now: 2.35)
    #expect(published.count == 1)
    #expect(published.first?["params"]?["version"] == 4)
    #expect(server.nextDue == nil)
  }

  /// Evaluation warnings come in a second publish, after the checked diagnostics.
  @Test func evaluationWarningsFollowTheCheckedDiagnostics() {
    let files = MemoryFileSystem([
      "/w/data.csv": "code,year,papers,flat\nUS,2025,1,1\nCN,2025,2,1\n",
      "/w/e.idx": """
      index e { period: 2025, members { papers } }
      data d = csv("data.csv") { key: code, period: year }
      indicator papers { value: d.papers / (d.flat - 1), normalize: minmax }

      """,
    ])
    var server = LanguageServer(fileSystem: files, options: .init(debounce: 0))
    _ = server.receive(JSONWriter.bytes(Session.request(1, "initialize", .object([:]))))
    let text = String(decoding: (try? files.read("/w/e.idx")) ?? [], as: UTF8.self)
    _ = server.receive(
      JSONWriter.bytes(
        Session.notification(
          "textDocument/didOpen",
          .object([
            "textDocument": .object([
              "uri": "file:///w/e.idx", "languageId": "idx", "version": 1, "text": .string(text),
            ])
          ]))))
    let checked = server.publishDue(now: 1)
    #expect(checked.count == 1)
    #expect(checked.first?["params"]?["diagnostics"] == [])
    #expect(server.nextDue == 0)
    let evaluated = server.publishDue(now: 1)
    let warnings = evaluated.first?["params"]?["diagnostics"]?.array ?? []
    #expect(warnings.map { $0["code"] } == ["W0420"])
    #expect(warnings.first?["severity"] == 2)
    #expect(
      warnings.first?["message"]?.string?.hasPrefix(
        "division by zero in `papers` for US, CN in 2025") ?? false)
    #expect(server.publishDue(now: 1).isEmpty)
  }

  /// Renaming in a base edits its forks too: open ones, and those of the workspace.
  @Test func renameInABaseReachesItsForks() throws {
    var session = try Session()
    _ = session.send(
      Session.request(
        1, "initialize", .object(["rootUri": "file:///w", "capabilities": .object([:])])))
    _ = try session.open("base.idx")
    // `talent` is declared on line 24 and listed on line 5 of base.idx; fork.idx adjusts it.
    let answers = session.send(
      Session.request(
        2, "textDocument/rename",
        .object([
          "textDocument": .object(["uri": .string(Session.uri("base.idx"))]),
          "position": Session.position(23, 12), "newName": "skills",
        ])))
    let reply = try JSONParser.parse(try #require(answers.first)).get()
    let changes = try #require(reply["result"]?["changes"])
    let base = changes[Session.uri("base.idx")]?.array ?? []
    let fork = changes[Session.uri("fork.idx")]?.array ?? []
    #expect(base.map { $0["range"]?["start"]?["line"] } == [4, 23])
    #expect(fork.map { $0["range"]?["start"] } == [Session.position(7, 7)])
    #expect(fork.first?["newText"] == "skills")
  }

  /// Clients without nested symbols get a flat list, each with its container.
  @Test func flatDocumentSymbolsNameTheirContainer() throws {
    var session = BundledSession()
    _ = try session.open(Self.ai)
    let answer = session.request(
      "textDocument/documentSymbol",
      .object(["textDocument": .object(["uri": .string(BundledSession.uri(Self.ai))])]))
    let symbols = answer?.array ?? []
    let research = symbols.first { $0["name"] == "research" }
    #expect(research?["containerName"] == "ai_capability")
    #expect(symbols.first { $0["name"] == "papers" }?["containerName"] == "research")
    #expect(symbols.first?["name"] == "ai_capability")
    // The index, its data, five dimensions, eleven indicators and the uncertainty block.
    #expect(symbols.count == 1 + 1 + 5 + 11 + 1)
  }
}
