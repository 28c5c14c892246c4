public import Foundation

/// Any JSON value, decoded without losing the difference between `1`, `true` and `"1"`.
public enum JSONValue: Sendable, Equatable, Decodable {
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

  /// Parses UTF-8 JSON text strictly. The error says where the text stopped making sense.
  public static func parse(_ data: Data) -> Result<JSONValue, ProfileIssue> {
    switch JSONDocument.read(data) {
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

  var kindName: String {
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
  var shortDescription: String {
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

/// One problem in a profile: where (its JSON path) and what was expected.
public struct ProfileIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// `applicant.passport.expiryDate`, `applicant.education[0].level`; empty for the whole file.
  public var path: String
  public var message: String
  /// Where in the file the problem is (1-based), when the text says: the value or key at
  /// `path`, or for a missing key the object that should hold it.
  public var line: Int?
  public var column: Int?

  public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.message = message
    self.line = line
    self.column = column
  }

  init(path: String, message: String, at position: TextPosition?) {
    self.init(path: path, message: message, line: position?.line, column: position?.column)
  }

  var position: TextPosition? {
    guard let line, let column else { return nil }
    return TextPosition(line: line, column: column)
  }

  /// `path (line L, column C): message`, leaving out what is not known.
  public var description: String {
    let place = [path.isEmpty ? nil : path, position.map { path.isEmpty ? "\($0)" : "(\($0))" }]
      .compactMap { $0 }.joined(separator: " ")
    return place.isEmpty ? message : "\(place): \(message)"
  }
}

/// Every problem found in one profile.
///
/// A file with very many problems lists the first ``maxListed`` and then one line that says
/// how many more there are: a consultant fixes those first, and a runaway file cannot flood
/// the terminal or memory.
public struct ProfileErrors: Error, Sendable, CustomStringConvertible {
  public static let maxListed = 100
  public var issues: [ProfileIssue]
  /// The file could not be opened or read at all (exit 66, like any input that cannot be
  /// opened), rather than read and found wrong (65).
  public var unreadable = false

  public init(_ issues: [ProfileIssue]) { self.issues = issues }

  /// The file could not be read: `message` says why.
  public static func unreadable(_ message: String) -> ProfileErrors {
    var e = ProfileErrors([ProfileIssue(path: "", message: message)])
    e.unreadable = true
    return e
  }

  init(_ issues: [ProfileIssue], unlisted: Int) {
    let more = unlisted + max(0, issues.count - Self.maxListed)
    self.issues = Array(issues.prefix(Self.maxListed))
    if more > 0 {
      self.issues.append(ProfileIssue(path: "", message: "\(more) more problems not listed; fix these first"))
    }
  }

  public var description: String { issues.map(\.description).joined(separator: "\n") }
}
