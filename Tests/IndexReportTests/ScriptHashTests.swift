import IndexLanguage
import Testing

@testable import IndexReport

/// The page's Content-Security-Policy allows its one script by hash, so the hash in the
/// source must be the script's: a script edited without it would not run in any browser.
@Suite struct ScriptHashTests {
  /// Standard base64 with padding, as CSP writes digests.
  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    var index = 0
    while index < bytes.count {
      let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
      let value =
        (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8)
        | UInt32(chunk.count > 2 ? chunk[2] : 0)
      for position in 0..<4 {
        if position <= chunk.count {
          out.append(alphabet[Int((value >> (18 - 6 * UInt32(position))) & 63)])
        } else {
          out.append("=")
        }
      }
      index += 3
    }
    return out
  }

  @Test func base64MatchesKnownDigests() {
    #expect(Self.base64(Array("".utf8)) == "")
    #expect(Self.base64(Array("f".utf8)) == "Zg==")
    #expect(Self.base64(Array("fo".utf8)) == "Zm8=")
    #expect(Self.base64(Array("foobar".utf8)) == "Zm9vYmFy")
  }

  @Test func hashIsTheScriptsDigest() {
    let expected = "sha256-" + Self.base64(SHA256.digest(Array(PageScript.source.utf8)))
    #expect(PageScript.hash == expected, "set PageScript.hash to \(expected)")
  }

  @Test func scriptIsASCII() {
    #expect(PageScript.source.utf8.allSatisfy { $0 < 0x80 })
  }
}
