/// A fast reader of plain JSON, for `JSONDocument.read`.
///
/// Batches read thousands of documents, and building values through Foundation was the
/// largest cost of reading one. ``JSONScanner`` has already checked the text and named
/// its problems; this reader builds the values of the plain cases and returns nil for
/// anything else (a number with an exponent or many digits, a duplicate key, deep
/// nesting, a lone surrogate), which the caller then hands to Foundation.
enum JSONFastReader {
  /// The value of `bytes` (a JSON object or array), or nil when the caller must use the
  /// full decoder. `bytes` must be valid UTF-8.
  static func parse(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
    var s = Scanner(bytes: bytes)
    s.skipSpace()
    guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: "{") || bytes[s.i] == UInt8(ascii: "[") else { return nil }
    guard let value = s.value(depth: 0) else { return nil }
    s.skipSpace()
    return s.i == bytes.count ? value : nil
  }

  private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func skipSpace() {
      while i < bytes.count {
        switch bytes[i] {
        case 0x20, 0x09, 0x0A, 0x0D: i += 1
        default: return
        }
      }
    }

    mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
      let n = word.utf8CodeUnitCount
      guard i + n <= bytes.count else { return nil }
      for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return nil }
      i += n
      return value
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth < 64, i < bytes.count else { return nil }
      switch bytes[i] {
      case UInt8(ascii: "{"): return object(depth: depth)
      case UInt8(ascii: "["): return array(depth: depth)
      case UInt8(ascii: "\""): return string().map(JSONValue.string)
      case UInt8(ascii: "t"): return literal("true", .bool(true))
      case UInt8(ascii: "f"): return literal("false", .bool(false))
      case UInt8(ascii: "n"): return literal("null", .null)
      default: return number()
      }
    }

    mutating func object(depth: Int) -> JSONValue? {
      var fields: [String: JSONValue] = [:]
      guard var more = opened(UInt8(ascii: "}")) else { return .object(fields) }
      while more {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        skipSpace()
        guard let v = value(depth: depth + 1), fields.updateValue(v, forKey: key) == nil,
          let next = separator(UInt8(ascii: "}"))
        else { return nil }
        more = next
      }
      return .object(fields)
    }

    mutating func array(depth: Int) -> JSONValue? {
      var items: [JSONValue] = []
      guard var more = opened(UInt8(ascii: "]")) else { return .array(items) }
      while more {
        skipSpace()
        guard let v = value(depth: depth + 1), let next = separator(UInt8(ascii: "]")) else { return nil }
        items.append(v)
        more = next
      }
      return .array(items)
    }

    /// Past an opening bracket: nil when `closing` follows at once (consumed), else true.
    mutating func opened(_ closing: UInt8) -> Bool? {
      i += 1
      skipSpace()
      guard i < bytes.count, bytes[i] == closing else { return true }
      i += 1
      return nil
    }

    /// After a member: true at a comma, false at `closing`, both consumed; nil otherwise.
    mutating func separator(_ closing: UInt8) -> Bool? {
      skipSpace()
      guard i < bytes.count else { return nil }
      let b = bytes[i]
      i += 1
      return b == UInt8(ascii: ",") ? true : b == closing ? false : nil
    }

    /// A string starting at the opening quote.
    mutating func string() -> String? {
      i += 1
      let start = i
      while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") {
          let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
          i += 1
          return s
        }
        if b == UInt8(ascii: "\\") { return escapedString(from: start) }
        if b < 0x20 { return nil }
        i += 1
      }
      return nil
    }

    /// The rest of a string that holds escapes; `start` is just after the opening quote.
    mutating func escapedString(from start: Int) -> String? {
      var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
      while i < bytes.count {
        let b = bytes[i]
        i += 1
        if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        if b < 0x20 { return nil }
        guard b == UInt8(ascii: "\\") else {
          out.append(b)
          continue
        }
        guard JSONEscape.decode(bytes, at: &i, into: &out) else { return nil }
      }
      return nil
    }

    /// A number without exponent and with at most 15 digits, which a Double holds exactly
    /// as an integer and rounds as any correct parser does.
    mutating func number() -> JSONValue? {
      let start = i
      if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
      let intStart = i
      while i < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
      let intDigits = i - intStart
      guard intDigits > 0, intDigits == 1 || bytes[intStart] != UInt8(ascii: "0") else { return nil }
      var fracDigits = 0
      if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
        i += 1
        let fracStart = i
        while i < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        fracDigits = i - fracStart
        guard fracDigits > 0 else { return nil }
      }
      if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) { return nil }
      guard intDigits + fracDigits <= 15 else { return nil }
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
      guard let d = Double(text), d != 0 || bytes[start] != UInt8(ascii: "-") else { return nil }
      return .number(d)
    }
  }
}
