public import Foundation

/// JSON text read strictly: its value, the problems of the text itself, and a way to
/// find where any path starts in it.
///
/// The file's encoding and syntax are checked by ``JSONScanner`` before Foundation builds
/// the value, so every refusal names a line and column in words, and a file that is too
/// large, too deep or not UTF-8 is refused before any parsing work.
public struct JSONDocument: Sendable {
  let bytes: [UInt8]
  /// The value the text holds.
  public let value: JSONValue
  /// Problems in the text that still left a value: duplicate keys, numbers out of range.
  public let issues: [JSONIssue]
  /// How many more of them there were than ``JSONIssues/maxListed``.
  public let unlisted: Int

  /// The value of `data`, or the problems that prevent reading it within `limits`.
  public static func read(_ data: Data, limits: JSONLimits) -> Result<JSONDocument, JSONIssues> {
    let scanner: JSONScanner
    let bytes: [UInt8]
    switch check(data, limits: limits) {
    case .failure(let issues): return .failure(issues)
    case .success(let checked): (bytes, scanner) = checked
    }
    // Foundation refuses a whole text for one number it cannot hold: list the text's problems alone.
    if scanner.numberOutOfRange { return .failure(JSONIssues(scanner.issues, unlisted: scanner.unlisted)) }
    // The text is known good: build its values with the fast reader, or Foundation for
    // what that reader leaves to it (exponents, long numbers, escapes it does not handle).
    guard
      let value = bytes.withUnsafeBytes({ JSONFastReader.parse($0) })
        ?? (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).flatMap(JSONValue.init(foundation:))
    else {
      // The scanner accepted what Foundation refused; say so without Foundation's internals.
      return .failure(JSONIssues([JSONIssue(path: "", message: "not valid JSON: the text could not be read")]))
    }
    return .success(JSONDocument(bytes: bytes, value: value, issues: scanner.issues, unlisted: scanner.unlisted))
  }

  /// The checks of ``read(_:limits:)`` before any value is built: size, encoding, then the
  /// scanner over the whole text (syntax, depth, values; duplicate keys and numbers out of
  /// range as its `issues`). The bytes and the scanner that read them, or the refusal.
  static func check(_ data: Data, limits: JSONLimits) -> Result<([UInt8], JSONScanner), JSONIssues> {
    let maxBytes = limits.maxBytes
    func refuse(_ message: String, at position: TextPosition? = nil) -> Result<([UInt8], JSONScanner), JSONIssues> {
      .failure(JSONIssues([JSONIssue(path: "", message: message, at: position)]))
    }
    if data.count > maxBytes {
      return refuse(
        "the file is larger than \(maxBytes / 1_048_576) MB; \(limits.usualSize) (is this the right file?)")
    }
    if data.isEmpty { return refuse("the file is empty; expected a JSON object") }
    let bytes = [UInt8](data)
    if bytes.starts(with: Array("PK\u{3}\u{4}".utf8)) {
      return refuse("the file is a zip archive (\(limits.zipGuess)), not a JSON \(limits.noun)")
    }
    if bytes.starts(with: Array("%PDF".utf8)) { return refuse("the file is a PDF, not a JSON \(limits.noun)") }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return refuse("the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(4).contains(0) {
      return refuse("the file is UTF-16 or UTF-32 text (what some editors call \"Unicode\"); save it as UTF-8")
    }
    if let bad = firstInvalidUTF8(bytes) {
      return refuse(
        "the file is not valid UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)), "
          + "perhaps Latin-1 or Windows-1252); save it as UTF-8",
        at: JSONScanner.position(ofOffset: bad, in: bytes))
    }
    var scanner = JSONScanner(bytes, limits: limits)
    do { try scanner.check() } catch { return .failure(JSONIssues([error.issue])) }
    return .success((bytes, scanner))
  }

  /// Where each of `paths` starts; a path not in the text gets its nearest enclosing object.
  public func positions(of paths: Set<String>) -> [String: TextPosition] {
    let found = JSONScanner.positions(of: Set(paths.flatMap(JSONDocument.ancestors)), in: bytes)
    var out: [String: TextPosition] = [:]
    for p in paths {
      if let at = JSONDocument.ancestors(p).lazy.compactMap({ found[$0] }).first { out[p] = at }
    }
    return out
  }

  /// `a.b[0].c`, `a.b[0]`, `a.b`, `a`, "": the path and the paths that enclose it, nearest first.
  static func ancestors(_ path: String) -> [String] {
    var out = [path]
    var rest = Substring(path)
    while let cut = rest.lastIndex(where: { $0 == "." || $0 == "[" }) {
      rest = rest[..<cut]
      out.append(String(rest))
    }
    if !path.isEmpty { out.append("") }
    return out
  }

  /// The offset of the first byte that is not part of valid UTF-8 (RFC 3629), if any.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    if String(validating: bytes, as: UTF8.self) != nil { return nil }
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let (length, second): (Int, ClosedRange<UInt8>) =
        switch b {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xE1...0xEF: (3, 0x80...0xBF)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0...0)
        }
      guard length > 0, i + length <= bytes.count, second.contains(bytes[i + 1]),
        bytes[i + 2..<i + length].allSatisfy({ (0x80...0xBF).contains($0) })
      else { return i }
      i += length
    }
    return nil
  }
}
