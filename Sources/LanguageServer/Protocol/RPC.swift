/// A JSON-RPC error: a code the protocol defines and a message for the user.
struct RPCError: Error, Equatable {
  var code: Int
  var message: String

  static func parseError(_ message: String) -> RPCError { RPCError(code: -32700, message: message) }
  static func invalidRequest(_ message: String) -> RPCError {
    RPCError(code: -32600, message: message)
  }
  static func methodNotFound(_ method: String) -> RPCError {
    RPCError(code: -32601, message: "unknown method `\(method)`")
  }
  static func invalidParams(_ message: String) -> RPCError {
    RPCError(code: -32602, message: message)
  }
  static let notInitialized = RPCError(
    code: -32002, message: "the server is not initialized: send `initialize` first")
  static func requestFailed(_ message: String) -> RPCError {
    RPCError(code: -32803, message: message)
  }
}

/// The messages the server sends.
enum Outgoing {
  static func response(id: JSONValue, result: JSONValue) -> JSONValue {
    .object(["jsonrpc": "2.0", "id": id, "result": result])
  }

  static func error(id: JSONValue, _ error: RPCError) -> JSONValue {
    .object([
      "jsonrpc": "2.0", "id": id,
      "error": .object(["code": .integer(error.code), "message": .string(error.message)]),
    ])
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }
}
