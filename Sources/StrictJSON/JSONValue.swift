public import Foundation

/// Any JSON value, decoded without losing the difference between `1`, `true` and `"1"`.
public enum JSONValue: Sendable, Equatable, Codable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    if var a = try? decoder.unkeyedContainer() {
      var items: [JSONValue] = []
      while !a.isAtEnd { items.append(try a.decode(JSONValue.self)) }
      self = .array(items)
      return
    }
    if let o = try? decoder.container(keyedBy: AnyKey.self) {
      var fields: [String: JSONValue] = [:]
      for k in o.allKeys { fields[k.stringValue] = try o.decode(JSONValue.self, forKey: k) }
      self = .object(fields)
      return
    }
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else {
      self = .string(try c.decode(String.self))
    }
  }

  /// Parses UTF-8 JSON text strictly, within `limits`. The error says where the text
  /// stopped making sense.
  public static func parse(_ data: Data, limits: JSONLimits) -> Result<JSONValue, JSONIssue> {
    switch JSONDocument.read(data, limits: limits) {
    case .failure(let e): .failure(e.issues[0])
    case .success(let doc): doc.issues.first.map { .failure($0) } ?? .success(doc.value)
    }
  }

  private static let booleanType = type(of: NSNumber(value: true))

  /// The value of what `JSONSerialization` returns; nil for anything else.
  init?(foundation x: Any) {
    switch x {
    case is NSNull: self = .null
    case let s as String: self = .string(s)
    case let n as NSNumber: self = type(of: n) == JSONValue.booleanType ? .bool(n.boolValue) : .number(n.doubleValue)
    case let a as [Any]:
      var items: [JSONValue] = []
      items.reserveCapacity(a.count)
      for e in a {
        guard let v = JSONValue(foundation: e) else { return nil }
        items.append(v)
      }
      self = .array(items)
    case let o as [String: Any]:
      var fields: [String: JSONValue] = [:]
      for (k, e) in o {
        guard let v = JSONValue(foundation: e) else { return nil }
        fields[k] = v
      }
      self = .object(fields)
    default: return nil
    }
  }

  /// "a string", "an object": the kind of value, for messages.
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// A short rendering for error messages (long strings cut).
  public var shortDescription: String {
    switch self {
    case .null: "null"
    case .bool(let b): String(b)
    case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .string(let s): s.count > 40 ? "\"\(s.prefix(40))…\"" : "\"\(s)\""
    case .array: "an array"
    case .object: "an object"
    }
  }
}

struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension JSONValue {
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .number(let n): try c.encode(n)
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }

  /// Compact JSON text with sorted keys (deterministic).
  public var jsonText: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
  }
}
