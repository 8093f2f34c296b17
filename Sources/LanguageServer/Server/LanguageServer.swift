import Diagnostics
import IndexLanguage

/// The idx language server: JSON-RPC messages in, messages out, no I/O of its own.
///
/// Design: the server is a value that turns each incoming message into the messages to send
/// (`receive`), so tests drive it with scripted sessions; `StandardIOServer` connects it to
/// stdin and stdout. Open documents live here, and every analysis compiles through an
/// overlay of them over the real files, so unsaved text in a base file counts for its forks.
/// Diagnostics are debounced: a change schedules them `debounce` seconds later, and a later
/// change pushes the time back; `publishDue(now:)` sends what is due. They come in two
/// steps: first what checking the text finds (parse, names, weights, data), as soon as it
/// is known; then, when the methodology runs, its evaluation warnings (a division by zero
/// for one entity), published again only when there are some. Every request is
/// answered with a result or a JSON-RPC error (malformed JSON, an unknown method, a document
/// that is not open, parameters that do not fit); nothing a client sends stops the server,
/// except `exit`.
public struct LanguageServer {
  /// Tunables, settable by the client's `initializationOptions`.
  public struct Options: Sendable {
    /// Seconds between the last change and its diagnostics.
    public var debounce: Double
    /// At most this many `.idx` files under the workspace root are indexed for workspace
    /// symbols and rename.
    public var workspaceFileLimit: Int

    public init(debounce: Double = 0.2, workspaceFileLimit: Int = 2_000) {
      self.debounce = debounce
      self.workspaceFileLimit = workspaceFileLimit
    }
  }

  let fileSystem: any FileSystem
  var options: Options
  /// Lists the `.idx` files under a folder, for workspace symbols (injected for tests).
  let listFiles: @Sendable (String, Int) -> [String]

  var initialized = false
  var shutdownRequested = false
  /// Set by `exit`: 0 after `shutdown`, 1 otherwise.
  public private(set) var exitCode: Int32?

  var encoding = PositionEncoding.utf16
  var snippets = false
  var hierarchicalSymbols = false
  var rootPath: String?

  var documents: [String: TextDocument] = [:]
  var analyses: [String: Analysis] = [:]
  /// Analyses replaced while answering, freed with the next message rather than before the
  /// answer is sent (freeing a large one takes a while).
  var retired: [Analysis] = []
  /// Each open document's last loaded data: an edit that leaves the `data` declarations and
  /// files as they were compiles without reading the files again.
  var loadedData: [String: LoadedData] = [:]
  /// Documents whose diagnostics are due, and when.
  var due: [String: Double] = [:]
  /// Documents whose methodology is to be run for evaluation warnings.
  var evaluations: Set<String> = []

  public init(
    fileSystem: any FileSystem, options: Options = Options(),
    listFiles: @escaping @Sendable (String, Int) -> [String] = { _, _ in [] }
  ) {
    self.fileSystem = fileSystem
    self.options = options
    self.listFiles = listFiles
  }

  /// When the next diagnostics are due, if any are pending.
  public var nextDue: Double? {
    evaluations.isEmpty ? due.values.min() : 0
  }

  // MARK: - Messages

  /// Handles one message body received at `now` (seconds on a monotonic clock) and returns
  /// what to send back, in order.
  public mutating func receive(_ body: [UInt8], now: Double = 0) -> [JSONValue] {
    retired = []
    let message: JSONValue
    switch JSONParser.parse(body) {
    case .success(let value): message = value
    case .failure(let error):
      return [
        Outgoing.error(
          id: .null, .parseError("not JSON: \(error.message) at byte \(error.offset)"))
      ]
    }
    guard case .object = message else {
      return [Outgoing.error(id: .null, .invalidRequest("a message is a JSON object"))]
    }
    let id = message["id"]
    if let id, !Self.isValidID(id) {
      return [Outgoing.error(id: .null, .invalidRequest("`id` is a number or a string"))]
    }
    guard let method = message["method"]?.string else {
      // A response to a request the server never makes, or nonsense.
      if id != nil && (message["result"] != nil || message["error"] != nil) { return [] }
      return [Outgoing.error(id: id ?? .null, .invalidRequest("a request needs a `method`"))]
    }
    let params = message["params"] ?? .null
    guard let id else {
      return notification(method, params, now: now)
    }
    switch request(method, params) {
    case .success(let result): return [Outgoing.response(id: id, result: result)]
    case .failure(let error): return [Outgoing.error(id: id, error)]
    }
  }

  /// An error for bytes that did not frame as a message.
  public func receiveMalformed(_ reason: String) -> [JSONValue] {
    [Outgoing.error(id: .null, .parseError("unreadable message: \(reason)"))]
  }

  private static func isValidID(_ id: JSONValue) -> Bool {
    switch id {
    case .string: true
    case .number: id.integer != nil
    default: false
    }
  }

  private mutating func request(_ method: String, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    if method == "initialize" {
      guard !initialized else { return .failure(.invalidRequest("already initialized")) }
      return .success(initialize(params))
    }
    guard initialized else { return .failure(.notInitialized) }
    guard !shutdownRequested else {
      return .failure(.invalidRequest("the server is shutting down"))
    }
    switch method {
    case "shutdown":
      shutdownRequested = true
      return .success(.null)
    case "textDocument/hover": return withDocument(params) { $0.hover($1, params) }
    case "textDocument/definition": return withDocument(params) { $0.definition($1, params) }
    case "textDocument/references": return withDocument(params) { $0.references($1, params) }
    case "textDocument/documentSymbol": return withDocument(params) { $0.documentSymbols($1) }
    case "textDocument/completion": return withDocument(params) { $0.completion($1, params) }
    case "textDocument/codeAction": return withDocument(params) { $0.codeActions($1, params) }
    case "textDocument/formatting": return withDocument(params) { $0.formatting($1) }
    case "textDocument/prepareRename":
      return withDocument(params) { $0.prepareRename($1, params) }
    case "textDocument/rename": return withDocument(params) { $0.rename($1, params) }
    case "workspace/symbol": return .success(workspaceSymbols(params["query"]?.string ?? ""))
    default: return .failure(.methodNotFound(method))
    }
  }

  /// Runs a request on an open document, or answers that it is not open.
  private mutating func withDocument(
    _ params: JSONValue,
    _ body: (inout LanguageServer, TextDocument) -> Result<JSONValue, RPCError>
  ) -> Result<JSONValue, RPCError> {
    guard let uri = params["textDocument"]?["uri"]?.string else {
      return .failure(.invalidParams("`textDocument.uri` is missing"))
    }
    guard let document = documents[uri] else {
      return .failure(.invalidParams("`\(uri)` is not open: send `textDocument/didOpen` first"))
    }
    return body(&self, document)
  }

  private mutating func notification(_ method: String, _ params: JSONValue, now: Double)
    -> [JSONValue]
  {
    switch method {
    case "exit":
      exitCode = shutdownRequested ? 0 : 1
      return []
    case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
      return []
    default:
      break
    }
    guard initialized, !shutdownRequested else { return [] }
    switch method {
    case "textDocument/didOpen": didOpen(params, now: now)
    case "textDocument/didChange": didChange(params, now: now)
    case "textDocument/didClose": return didClose(params)
    default: break
    }
    return []
  }

  // MARK: - Lifecycle

  private mutating func initialize(_ params: JSONValue) -> JSONValue {
    initialized = true
    let capabilities = params["capabilities"]
    let encodings = capabilities?["general"]?["positionEncodings"]?.array ?? []
    encoding = encodings.contains(.string("utf-8")) ? .utf8 : .utf16
    let textDocument = capabilities?["textDocument"]
    snippets = textDocument?["completion"]?["completionItem"]?["snippetSupport"]?.bool ?? false
    hierarchicalSymbols =
      textDocument?["documentSymbol"]?["hierarchicalDocumentSymbolSupport"]?.bool ?? false
    if let root = params["rootUri"]?.string.flatMap(FileURI.path) {
      rootPath = root
    } else if let folder = params["workspaceFolders"]?[0]?["uri"]?.string.flatMap(FileURI.path) {
      rootPath = folder
    } else {
      rootPath = params["rootPath"]?.string
    }
    if let milliseconds = params["initializationOptions"]?["debounceMilliseconds"]?.number,
      milliseconds >= 0, milliseconds < 60_000
    {
      options.debounce = milliseconds / 1000
    }
    return .object([
      "capabilities": .object([
        "positionEncoding": .string(encoding.rawValue),
        "textDocumentSync": .object(["openClose": true, "change": 2]),
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "documentSymbolProvider": true,
        "workspaceSymbolProvider": true,
        "completionProvider": .object(["triggerCharacters": [".", ":"]]),
        "codeActionProvider": .object(["codeActionKinds": ["quickfix"]]),
        "documentFormattingProvider": true,
        "renameProvider": .object(["prepareProvider": true]),
      ]),
      "serverInfo": .object(["name": "idx", "version": "0.1.0"]),
    ])
  }

  // MARK: - Documents

  private mutating func didOpen(_ params: JSONValue, now: Double) {
    guard let item = params["textDocument"], let uri = item["uri"]?.string,
      let text = item["text"]?.string
    else { return }
    let path = FileURI.path(uri) ?? uri
    documents[uri] = TextDocument(
      uri: uri, path: Paths.normalize(path), version: item["version"]?.integer ?? 0, text: text)
    invalidate(uri, at: now, delay: 0)
  }

  private mutating func didChange(_ params: JSONValue, now: Double) {
    guard let uri = params["textDocument"]?["uri"]?.string, var document = documents[uri]
    else { return }
    for change in params["contentChanges"]?.array ?? [] {
      guard document.apply(change, encoding: encoding) else { continue }
    }
    document.version = params["textDocument"]?["version"]?.integer ?? document.version + 1
    documents[uri] = document
    invalidate(uri, at: now, delay: options.debounce)
  }

  private mutating func didClose(_ params: JSONValue) -> [JSONValue] {
    guard let uri = params["textDocument"]?["uri"]?.string, documents[uri] != nil else {
      return []
    }
    documents[uri] = nil
    analyses[uri] = nil
    loadedData[uri] = nil
    due[uri] = nil
    evaluations.remove(uri)
    // Forks of the closed file now read it from disk.
    for other in documents.keys { analyses[other] = nil }
    for other in documents.keys.sorted() where due[other] == nil { due[other] = 0 }
    return [Outgoing.notification("textDocument/publishDiagnostics", Self.diagnostics(uri, []))]
  }

  /// Drops the analyses a change makes stale (the document's, and those of open documents
  /// that read it) and schedules their diagnostics.
  private mutating func invalidate(_ uri: String, at now: Double, delay: Double) {
    let path = documents[uri]?.path
    if let stale = analyses.removeValue(forKey: uri) { retired.append(stale) }
    due[uri] = now + delay
    for (other, analysis) in analyses where analysis.reads(path ?? "") {
      retired.append(analysis)
      analyses[other] = nil
      due[other] = now + delay
    }
  }

  /// The analysis of an open document's current text, computed when stale.
  mutating func analysis(_ document: TextDocument) -> Analysis {
    if let cached = analyses[document.uri], cached.version == document.version {
      return cached
    }
    var buffers: [String: [UInt8]] = [:]
    for open in documents.values { buffers[open.path] = open.bytes }
    let overlay = OverlayFileSystem(base: fileSystem, buffers: buffers)
    let analysis = Analysis(
      path: document.path, version: document.version, fileSystem: overlay,
      reusing: loadedData[document.uri])
    if let data = analysis.compilation.data { loadedData[document.uri] = data }
    if let previous = analyses.updateValue(analysis, forKey: document.uri) {
      retired.append(previous)
    }
    return analysis
  }

  /// The diagnostics due at `now`, as `publishDiagnostics` notifications (sorted by URI).
  ///
  /// One step per call: the checked diagnostics of every document that is due, or when none
  /// is, the evaluation warnings of the documents checked before; call again until it
  /// returns nothing, sending each batch as it comes.
  public mutating func publishDue(now: Double) -> [JSONValue] {
    let ready = due.filter { $0.value <= now }.keys.sorted()
    var out: [JSONValue] = []
    for uri in ready {
      due[uri] = nil
      guard let document = documents[uri] else { continue }
      let analysis = analysis(document)
      out.append(publish(document, lspDiagnostics(document, analysis, evaluate: false)))
      if analysis.compilation.isRunnable { evaluations.insert(uri) }
    }
    guard out.isEmpty else { return out }
    for uri in evaluations.sorted() {
      evaluations.remove(uri)
      guard let document = documents[uri], due[uri] == nil else { continue }
      let analysis = analysis(document)
      guard let warnings = analysis.results?.diagnostics, !warnings.isEmpty else { continue }
      out.append(publish(document, lspDiagnostics(document, analysis, evaluate: true)))
    }
    return out
  }

  private func publish(_ document: TextDocument, _ items: [JSONValue]) -> JSONValue {
    return Outgoing.notification(
      "textDocument/publishDiagnostics",
      Self.diagnostics(document.uri, items, version: document.version))
  }

  static func diagnostics(_ uri: String, _ items: [JSONValue], version: Int? = nil) -> JSONValue {
    var params = JSONObject([("uri", .string(uri))])
    if let version { params["version"] = .integer(version) }
    params["diagnostics"] = .array(items)
    return .object(params)
  }

  // MARK: - Helpers for features

  /// The byte offset of the request's `position` in a document.
  func offset(_ params: JSONValue, in document: TextDocument) -> Int? {
    Position(params["position"]).map { document.lines.offset(of: $0, encoding: encoding) }
  }

  /// The URI to show for a path: an open document's own URI, or a `file:` URI.
  func uri(forPath path: String) -> String {
    let normalized = Paths.normalize(path)
    if let open = documents.values.first(where: { $0.path == normalized }) { return open.uri }
    return FileURI.uri(normalized)
  }

  /// A `Location` for a span of any file (open or not).
  func location(_ span: Span) -> JSONValue {
    let lines =
      documents.values.first(where: { $0.path == Paths.normalize(span.file.path) })?.lines
      ?? LineIndex(span.file)
    return .object([
      "uri": .string(uri(forPath: span.file.path)),
      "range": lines.range(span.start, span.end, encoding: encoding),
    ])
  }
}
