/// Where a value starts in JSON text: 1-based line and column (columns count characters, not bytes).
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: TextPosition, b: TextPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }
  public var description: String { "line \(line), column \(column)" }
}

/// A strict pass over JSON text (RFC 8259) that builds no values.
///
/// Foundation's parser builds the values; this pass says what Foundation does not: where
/// the text goes wrong (line, column and the JSON path being read), in words a person
/// editing the file can act on. It also refuses what Foundation lets through or fails on
/// without a path: trailing commas, duplicate keys, numbers no Double can hold, and
/// nesting deeper than the document's limits allow. A second run finds where given paths start,
/// so field errors found later can name their line and column.
struct JSONScanner {
  /// The first problem that stops the reading (a syntax error, too deep).
  struct Stop: Error { var issue: JSONIssue }

  private let bytes: [UInt8]
  private let limits: JSONLimits
  private var maxDepth: Int { limits.maxDepth }
  private var maxValues: Int { limits.maxValues }
  private var values = 0
  private var i = 0
  private var line = 1
  private var column = 1
  private var depth = 0
  /// Where the reading is: keys and array indices, joined into a path only when needed.
  private var components: [Component] = []
  private enum Component {
    case key(String)
    case index(Int)
  }
  private var recording: Set<String>?
  private(set) var positions: [String: TextPosition] = [:]
  /// Problems that do not stop the reading: duplicate keys, numbers out of range.
  private(set) var issues: [JSONIssue] = []
  /// Whether a number is out of range: Foundation refuses the whole text then.
  private(set) var numberOutOfRange = false
  /// How many more of them there were than ``JSONIssues/maxListed``.
  private(set) var unlisted = 0

  init(_ bytes: [UInt8], limits: JSONLimits) {
    self.bytes = bytes
    self.limits = limits
  }

  /// Checks the whole text; throws at the first syntax error.
  mutating func check() throws(Stop) {
    skipSpace()
    if i == bytes.count { throw stop("the file holds no JSON value (it is empty or only white space)") }
    note(here)
    try value()
    skipSpace()
    if i < bytes.count {
      throw stop("found \(describeHere()) after the end of the JSON value; a file holds one object")
    }
  }

  /// Where each of `paths` starts: a member at its key, an array element at its value.
  /// `paths` must hold every path that encloses one of them (`a`, `a.b` for `a.b[0]`), and "".
  /// Reads text that ``check()`` accepted.
  static func positions(of paths: Set<String>, in bytes: [UInt8]) -> [String: TextPosition] {
    var s = JSONScanner(bytes, limits: .unlimited)
    s.recording = paths
    try? s.check()
    return s.positions
  }

  // MARK: values

  /// `a.b[0].c`
  private var path: String {
    var p = ""
    for c in components {
      switch c {
      case .key(let k): p += p.isEmpty ? k : "." + k
      case .index(let n): p += "[\(n)]"
      }
    }
    return p
  }

  /// Records where the current path starts, if it is one of those asked for.
  private mutating func note(_ at: TextPosition) {
    let p = path
    if recording?.contains(p) == true { positions[p] = at }
  }

  private mutating func value() throws(Stop) {
    guard i < bytes.count else { throw stop("the file ends where a value was expected (is it cut short?)") }
    values += 1
    if values > maxValues {
      throw stop(
        "the file holds more than \(maxValues) values; \(limits.usualValues) (is this the right file?)",
        syntax: false)
    }
    switch bytes[i] {
    case UInt8(ascii: "{"): try object()
    case UInt8(ascii: "["): try array()
    case UInt8(ascii: "\""): _ = try string(keeping: false)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "/"): throw stop("comments are not allowed in JSON")
    case UInt8(ascii: "'"): throw stop("strings need double quotes (\"), not single quotes")
    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"):
      throw stop("expected a value, got \(describeHere())")
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      throw stop("expected a value, got \(describeHere()); NaN and Infinity are not JSON numbers")
    default:
      throw stop(
        "expected a value, got \(describeHere()); text needs double quotes, and true, false and null are lower case")
    }
  }

  private mutating func enter() throws(Stop) {
    depth += 1
    if depth > maxDepth {
      // The path of the outer levels is enough to find it; the whole one could be thousands of levels long.
      components = Array(components.prefix(2))
      throw stop(
        "nested too deeply: more than \(maxDepth) levels of objects and arrays (\(limits.usualDepth))", syntax: false)
    }
    advance()
  }

  private mutating func object() throws(Stop) {
    try enter()
    let record = recording?.contains(path) ?? false
    var seen: [String: TextPosition] = [:]
    skipSpace()
    if peek(UInt8(ascii: "}")) {
      advance()
      depth -= 1
      return
    }
    while true {
      skipSpace()
      guard peek(UInt8(ascii: "\"")) else {
        if peek(UInt8(ascii: "}")) { throw stop("a comma before '}' is not allowed in JSON; remove the last comma") }
        if i == bytes.count { throw stop("the file ends inside an object: a '}' is missing (is it cut short?)") }
        if peek(UInt8(ascii: "/")) { throw stop("comments are not allowed in JSON") }
        throw stop("expected a key in double quotes, got \(describeHere())")
      }
      let at = here
      let key = try string(keeping: true)
      components.append(.key(key))
      if let first = seen[key] {
        let message = "duplicate key; it is also at \(first), and JSON keeps only one"
        problem(JSONIssue(path: path, message: message, at: at))
      }
      seen[key] = at
      if record { note(at) }
      skipSpace()
      guard peek(UInt8(ascii: ":")) else { throw stop("expected ':' after a key, got \(describeHere())") }
      advance()
      skipSpace()
      try value()
      skipSpace()
      components.removeLast()
      if peek(UInt8(ascii: ",")) {
        advance()
        continue
      }
      if peek(UInt8(ascii: "}")) { break }
      if i == bytes.count { throw stop("the file ends inside an object: a '}' is missing (is it cut short?)") }
      if peek(UInt8(ascii: "\"")) { throw stop("a comma is missing before this key") }
      // The key is in the path; its text is not repeated, as a broken file may have a value there.
      throw stop("expected ',' or '}' after a value, got \(describeHere())")
    }
    advance()
    depth -= 1
  }

  private mutating func array() throws(Stop) {
    try enter()
    let record = recording?.contains(path) ?? false
    skipSpace()
    if peek(UInt8(ascii: "]")) {
      advance()
      depth -= 1
      return
    }
    var index = 0
    while true {
      skipSpace()
      if peek(UInt8(ascii: "]")) { throw stop("a comma before ']' is not allowed in JSON; remove the last comma") }
      components.append(.index(index))
      if record { note(here) }
      try value()
      components.removeLast()
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        advance()
        index += 1
        continue
      }
      if peek(UInt8(ascii: "]")) { break }
      if i == bytes.count { throw stop("the file ends inside an array: a ']' is missing (is it cut short?)") }
      throw stop("expected ',' or ']' after an element of the array, got \(describeHere())")
    }
    advance()
    depth -= 1
  }

  /// Reads a string; returns its decoded text when `keeping` (keys), otherwise "".
  private mutating func string(keeping: Bool) throws(Stop) -> String {
    advance()
    var out: [UInt8] = []
    while true {
      guard i < bytes.count else { throw stop("the file ends inside a string: a closing '\"' is missing") }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "\""):
        advance()
        return keeping ? String(decoding: out, as: UTF8.self) : ""
      case UInt8(ascii: "\\"):
        advance()
        let scalar = try escape()
        if keeping { out.append(contentsOf: Array(String(Character(scalar)).utf8)) }
      case 0..<0x20:
        let name =
          switch b {
          case 0x0A: "a line break"
          case 0x09: "a tab"
          default: "the control character U+\(String(b, radix: 16, uppercase: true).leftPadded(4))"
          }
        throw stop("\(name) inside a string must be written as an escape (\\n, \\t) or the string closed with '\"'")
      case 0x80...:
        if keeping { out.append(b) }
        i += 1
        if b & 0xC0 != 0x80 { column += 1 }
      default:
        if keeping { out.append(b) }
        i += 1
        column += 1
      }
    }
  }

  /// The character of an escape after its backslash.
  private mutating func escape() throws(Stop) -> Unicode.Scalar {
    guard i < bytes.count else { throw stop("the file ends inside a string: a closing '\"' is missing") }
    if let s = JSONScanner.escapes[bytes[i]] {
      advance()
      return s
    }
    guard peek(UInt8(ascii: "u")) else {
      throw stop("\\\(describeHere()) is not a JSON escape; write a backslash as \\\\")
    }
    advance()
    let unit = try hex4()
    if (0xD800..<0xDC00).contains(unit) {
      if peek(UInt8(ascii: "\\")), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") {
        advance()
        advance()
        let low = try hex4()
        if (0xDC00..<0xE000).contains(low) {
          return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
        }
      }
      throw stop("\\u\(String(unit, radix: 16, uppercase: true)) is half of a character (a lone surrogate)")
    }
    guard let s = Unicode.Scalar(unit) else {
      throw stop("\\u\(String(unit, radix: 16, uppercase: true)) is half of a character (a lone surrogate)")
    }
    return s
  }

  private static let escapes: [UInt8: Unicode.Scalar] = [
    UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/", UInt8(ascii: "b"): "\u{08}",
    UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
  ]

  private mutating func hex4() throws(Stop) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard i < bytes.count, let d = Character(Unicode.Scalar(bytes[i])).hexDigitValue else {
        throw stop("\\u must be followed by four hexadecimal digits")
      }
      v = v * 16 + UInt32(d)
      advance()
    }
    return v
  }

  private mutating func number() throws(Stop) {
    let start = i
    let at = here
    if peek(UInt8(ascii: "-")) { advance() }
    guard i < bytes.count, isDigit(bytes[i]) else { throw stop("'-' must be followed by digits") }
    if peek(UInt8(ascii: "0")) {
      advance()
      if i < bytes.count, isDigit(bytes[i]) {
        throw stop("a number cannot start with 0 (write 7, not 07; write a code like \"07\" as a string)")
      }
    } else {
      while i < bytes.count, isDigit(bytes[i]) { advance() }
    }
    var mantissaEnd = i
    if peek(UInt8(ascii: ".")) {
      advance()
      guard i < bytes.count, isDigit(bytes[i]) else { throw stop("a decimal point must be followed by digits") }
      while i < bytes.count, isDigit(bytes[i]) { advance() }
      mantissaEnd = i
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      advance()
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { advance() }
      guard i < bytes.count, isDigit(bytes[i]) else { throw stop("an exponent must be followed by digits") }
      while i < bytes.count, isDigit(bytes[i]) { advance() }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    let d = Double(text) ?? .infinity
    let zeroDigitsOnly = bytes[start..<mantissaEnd].allSatisfy { !isDigit($0) || $0 == UInt8(ascii: "0") }
    if !d.isFinite || (d == 0 && !zeroDigitsOnly) {
      numberOutOfRange = true
      problem(JSONIssue(path: path, message: "the number \(clip(text)) is out of range", at: at))
    }
  }

  private mutating func literal(_ word: String) throws(Stop) {
    let at = here
    for b in word.utf8 {
      guard peek(b) else { throw stop("expected \(word); true, false and null are lower case and unquoted", at: at) }
      advance()
    }
  }

  // MARK: bytes

  private var here: TextPosition { TextPosition(line: line, column: column) }

  private func peek(_ b: UInt8) -> Bool { i < bytes.count && bytes[i] == b }
  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  private mutating func advance() {
    let b = bytes[i]
    i += 1
    if b == 0x0A {
      line += 1
      column = 1
    } else if b & 0xC0 != 0x80 {
      column += 1
    }
  }

  private mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0D:
        i += 1
        column += 1
      case 0x0A:
        i += 1
        line += 1
        column = 1
      default: return
      }
    }
  }

  /// The character at the reading point, for messages: `'x'`, `U+00A0`, or the end of the file.
  private func describeHere() -> String {
    guard i < bytes.count else { return "the end of the file" }
    var it = bytes[i...].makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let s) = decoder.decode(&it) else { return "a byte that is not text" }
    if s.isASCII && s.value >= 0x20 && s.value < 0x7F { return "'\(Character(s))'" }
    return "the character U+\(String(s.value, radix: 16, uppercase: true).leftPadded(4))"
  }

  private mutating func problem(_ issue: JSONIssue) {
    if issues.count < JSONIssues.maxListed { issues.append(issue) } else { unlisted += 1 }
  }

  private func clip(_ s: String) -> String { s.count > 40 ? "\(s.prefix(40))…" : s }

  private func stop(_ message: String, syntax: Bool = true, at position: TextPosition? = nil) -> Stop {
    let text = syntax ? "not valid JSON: \(message)" : message
    return Stop(issue: JSONIssue(path: path, message: text, at: position ?? here))
  }

  /// The position of byte `offset`, counted from the start.
  static func position(ofOffset offset: Int, in bytes: [UInt8]) -> TextPosition {
    var p = TextPosition(line: 1, column: 1)
    for b in bytes[..<offset] {
      if b == 0x0A {
        p.line += 1
        p.column = 1
      } else if b & 0xC0 != 0x80 {
        p.column += 1
      }
    }
    return p
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
