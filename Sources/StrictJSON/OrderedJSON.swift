public import Foundation

/// A JSON value whose objects keep their keys in the order of the text, for documents a
/// person edits and that are written back (the web form's profiles): the same document is
/// written the same way every time, with the keys where its author put them.
///
/// Read by ``read(_:limits:)``, which first applies every check of ``JSONDocument/read(_:limits:)``
/// (size, encoding, syntax, depth, values, duplicate keys), so the ordered value is only ever
/// made of text that the strict reader accepts.

public indirect enum OrderedJSON: Equatable, Sendable {
  case null
  case bool(Bool)
  /// The number's text as it will be written (`40`, `1.5`).
  case number(String)
  case string(String)
  case array([OrderedJSON])
  case object([(key: String, value: OrderedJSON)])

  public static func == (a: OrderedJSON, b: OrderedJSON) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
    default: false
    }
  }

  /// The value of JSON text with every object's keys in the order the text has them, or nil
  /// when the text is not JSON. (Foundation's reader forgets the order.) Numbers keep their
  /// text, so `1.50` is written back as `1.50`.

  /// The value of `data` with every object's keys in the order of the text, or every problem
  /// the strict reader finds in it. Numbers keep their text, so `1.50` is written back as `1.50`.
  public static func read(_ data: Data, limits: JSONLimits) -> Result<OrderedJSON, JSONIssues> {
    // The strict reader's checks, without building its (unordered) value.
    let bytes: [UInt8]
    switch JSONDocument.check(data, limits: limits) {
    case .failure(let issues): return .failure(issues)
    case .success(let (checked, scanner)):
      if !scanner.issues.isEmpty { return .failure(JSONIssues(scanner.issues, unlisted: scanner.unlisted)) }
      bytes = checked
    }
    var reader = OrderedJSONReader(bytes: bytes)
    guard let v = reader.value(depth: 0) else { return .failure(.unreadable("not valid JSON: the text could not be read")) }
    reader.skipSpace()
    guard reader.i == reader.bytes.count else { return .failure(.unreadable("not valid JSON: the text could not be read")) }
    return .success(v)
  }

  public subscript(key: String) -> OrderedJSON? {
    guard case .object(let fields) = self else { return nil }
    return fields.first { $0.key == key }?.value
  }

  /// The value at `path`, or nil when some step is missing.

  // MARK: Writing

  /// Pretty-printed UTF-8 text with two-space indentation and a final line break.
  public func text() -> String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private func write(to out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): out += OrderedJSON.quote(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      let inner = indent + "  "
      let simple = items.allSatisfy { if case .object = $0 { false } else if case .array = $0 { false } else { true } }
      if simple {
        out += "[" + items.map { v -> String in
          var s = ""
          v.write(to: &s, indent: inner)
          return s
        }.joined(separator: ", ") + "]"
        return
      }
      out += "[\n"
      for (i, v) in items.enumerated() {
        out += inner
        v.write(to: &out, indent: inner)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += indent + "]"
    case .object(let fields):
      if fields.isEmpty {
        out += "{}"
        return
      }
      let inner = indent + "  "
      out += "{\n"
      for (i, f) in fields.enumerated() {
        out += inner + OrderedJSON.quote(f.key) + ": "
        f.value.write(to: &out, indent: inner)
        out += i == fields.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    }
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if u.value < 0x20 {
          out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}

/// A reader of JSON text that keeps object keys in order (see ``OrderedJSON/parse(_:)``).
private struct OrderedJSONReader {
  let bytes: [UInt8]
  var i = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
  }

  private mutating func eat(_ b: UInt8) -> Bool {
    skipSpace()
    guard i < bytes.count, bytes[i] == b else { return false }
    i += 1
    return true
  }

  mutating func value(depth: Int) -> OrderedJSON? {
    guard depth < 64 else { return nil }
    skipSpace()
    guard i < bytes.count else { return nil }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      i += 1
      var fields: [(key: String, value: OrderedJSON)] = []
      if eat(UInt8(ascii: "}")) { return .object(fields) }
      repeat {
        skipSpace()
        guard let k = string(), eat(UInt8(ascii: ":")), let v = value(depth: depth + 1) else { return nil }
        if let j = fields.firstIndex(where: { $0.key == k }) { fields[j].value = v } else { fields.append((k, v)) }
      } while eat(UInt8(ascii: ","))
      return eat(UInt8(ascii: "}")) ? .object(fields) : nil
    case UInt8(ascii: "["):
      i += 1
      var items: [OrderedJSON] = []
      if eat(UInt8(ascii: "]")) { return .array(items) }
      repeat {
        guard let v = value(depth: depth + 1) else { return nil }
        items.append(v)
      } while eat(UInt8(ascii: ","))
      return eat(UInt8(ascii: "]")) ? .array(items) : nil
    case UInt8(ascii: "\""): return string().map { .string($0) }
    case UInt8(ascii: "t"): return word("true", .bool(true))
    case UInt8(ascii: "f"): return word("false", .bool(false))
    case UInt8(ascii: "n"): return word("null", .null)
    default: return number()
    }
  }

  private mutating func word(_ w: String, _ v: OrderedJSON) -> OrderedJSON? {
    let u = Array(w.utf8)
    guard bytes.count - i >= u.count, Array(bytes[i..<i + u.count]) == u else { return nil }
    i += u.count
    return v
  }

  private mutating func number() -> OrderedJSON? {
    let start = i
    while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard !text.isEmpty, Double(text) != nil, text.first != "+" else { return nil }
    return .number(text)
  }

  /// A string literal, its escapes decoded (`\u` pairs joined into one scalar).
  private mutating func string() -> String? {
    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      switch b {
      case UInt8(ascii: "\""): return String(validating: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard JSONEscape.decode(bytes, at: &i, into: &out) else { return nil }
      case 0..<0x20: return nil
      default: out.append(b)
      }
    }
    return nil
  }

}
