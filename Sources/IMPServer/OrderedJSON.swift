import Foundation

/// A JSON value whose objects keep their keys in order, so that a profile saved by the form
/// is written the same way every time and a reader of the file sees the keys where the
/// schema puts them.
///
/// Profiles are checked by the engine's own strict reader; this one only keeps the order of
/// what that reader accepted, and refuses what it cannot read.
indirect enum OrderedJSON: Equatable, Sendable {
  case null
  case bool(Bool)
  /// The number's text as it will be written (`40`, `1.5`).
  case number(String)
  case string(String)
  case array([OrderedJSON])
  case object([(key: String, value: OrderedJSON)])

  static func == (a: OrderedJSON, b: OrderedJSON) -> Bool {
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
  static func parse(_ data: Data) -> OrderedJSON? {
    var reader = OrderedJSONReader(bytes: Array(data))
    guard let v = reader.value(depth: 0) else { return nil }
    reader.skipSpace()
    return reader.i == reader.bytes.count ? v : nil
  }

  // MARK: Reading and changing by path

  subscript(key: String) -> OrderedJSON? {
    guard case .object(let fields) = self else { return nil }
    return fields.first { $0.key == key }?.value
  }

  /// The value at `path`, or nil when some step is missing.
  func value(at path: [PathStep]) -> OrderedJSON? {
    var v = self
    for step in path {
      switch (step, v) {
      case (.key(let k), .object):
        guard let next = v[k] else { return nil }
        v = next
      case (.index(let i), .array(let items)):
        guard i < items.count else { return nil }
        v = items[i]
      default: return nil
      }
    }
    return v
  }

  /// Sets the value at `path` (nil removes it), creating the objects and arrays on the way.
  mutating func set(_ new: OrderedJSON?, at path: ArraySlice<PathStep>) {
    guard let step = path.first else {
      if let new { self = new }
      return
    }
    let rest = path.dropFirst()
    switch step {
    case .key(let k):
      var fields: [(key: String, value: OrderedJSON)]
      if case .object(let f) = self { fields = f } else { fields = [] }
      if let i = fields.firstIndex(where: { $0.key == k }) {
        if rest.isEmpty && new == nil {
          fields.remove(at: i)
        } else {
          fields[i].value.set(new, at: rest)
        }
      } else if new != nil {
        var child = OrderedJSON.container(for: rest.first)
        child.set(new, at: rest)
        fields.append((k, child))
      }
      self = .object(fields)
    case .index(let i):
      var items: [OrderedJSON]
      if case .array(let a) = self { items = a } else { items = [] }
      if i < items.count {
        items[i].set(new, at: rest)
      } else if new != nil {
        while items.count < i { items.append(.object([])) }
        var child = OrderedJSON.container(for: rest.first)
        child.set(new, at: rest)
        items.append(child)
      }
      self = .array(items)
    }
  }

  /// An empty array before an index step, an empty object before a key, null at the end.
  static func container(for step: PathStep?) -> OrderedJSON {
    switch step {
    case .index?: .array([])
    case .key?: .object([])
    case nil: .null
    }
  }

  /// Removes, bottom up, objects that the form left empty and array items that became
  /// empty objects: a blank repeated row adds nothing to the file.
  func pruned() -> OrderedJSON? {
    switch self {
    case .object(let fields):
      let kept = fields.compactMap { f in f.value.pruned().map { (key: f.key, value: $0) } }
      return kept.isEmpty ? nil : .object(kept)
    case .array(let items):
      let kept = items.compactMap { item -> OrderedJSON? in
        if case .object = item { return item.pruned() }
        return item
      }
      return .array(kept)
    default: return self
    }
  }

  /// The same value with every object's keys in `order`'s order: the keys a schema names
  /// first, in the schema's order, then the others (`x-` keys, unknown content) by name.
  func ordered(by order: (_ objectPath: String, _ keys: [String]) -> [String], at path: String = "") -> OrderedJSON {
    switch self {
    case .object(let fields):
      let names = order(path, fields.map(\.key))
      return .object(
        names.compactMap { name in
          fields.first { $0.key == name }.map { f in
            (key: f.key, value: f.value.ordered(by: order, at: path.isEmpty ? f.key : "\(path).\(f.key)"))
          }
        })
    case .array(let items):
      return .array(items.map { $0.ordered(by: order, at: path + "[]") })
    default: return self
    }
  }

  // MARK: Writing

  /// Pretty-printed UTF-8 text with two-space indentation and a final line break.
  func text() -> String {
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
  static func quote(_ s: String) -> String {
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

/// One step of a JSON path: `applicant`, `education`, `[0]`.
enum PathStep: Hashable, Sendable {
  case key(String)
  case index(Int)

  /// The steps of `applicant.education[0].level`; nil for text that is not such a path.
  static func parse(_ path: String) -> [PathStep]? {
    var steps: [PathStep] = []
    var name = ""
    var chars = Substring(path)
    func flush() -> Bool {
      if name.isEmpty { return false }
      steps.append(.key(name))
      name = ""
      return true
    }
    while let c = chars.first {
      chars = chars.dropFirst()
      switch c {
      case ".":
        if name.isEmpty, case .index = steps.last {
          continue
        }
        guard flush() else { return nil }
      case "[":
        if !name.isEmpty { _ = flush() }
        guard let close = chars.firstIndex(of: "]"), let i = Int(chars[..<close]), i >= 0, i < 1000 else { return nil }
        steps.append(.index(i))
        chars = chars[chars.index(after: close)...]
      default: name.append(c)
      }
    }
    if !name.isEmpty { steps.append(.key(name)) }
    return steps.isEmpty ? nil : steps
  }

  /// `applicant.education[0].level` for these steps.
  static func text(_ steps: [PathStep]) -> String {
    var out = ""
    for s in steps {
      switch s {
      case .key(let k): out += out.isEmpty ? k : ".\(k)"
      case .index(let i): out += "[\(i)]"
      }
    }
    return out
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
        guard i < bytes.count else { return nil }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          guard var code = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(code) {
            guard word("\\u", .null) != nil, let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { return nil }
          out += Array(String(Character(scalar)).utf8)
        default: return nil
        }
      case 0..<0x20: return nil
      default: out.append(b)
      }
    }
    return nil
  }

  private mutating func hex4() -> UInt32? {
    guard bytes.count - i >= 4, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
    i += 4
    return v
  }
}
