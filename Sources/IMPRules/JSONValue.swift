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

  /// Parses UTF-8 JSON text. The error says where the text stopped making sense.
  public static func parse(_ data: Data) -> Result<JSONValue, ProfileIssue> {
    if data.isEmpty { return .failure(ProfileIssue(path: "", message: "the file is empty; expected a JSON object")) }
    if data.starts(with: [0xEF, 0xBB, 0xBF]) {
      return .failure(ProfileIssue(path: "", message: "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"))
    }
    if String(data: data, encoding: .utf8) == nil {
      return .failure(ProfileIssue(path: "", message: "the file is not valid UTF-8 text"))
    }
    // The common case without Foundation's decoder; anything unusual goes the long way.
    if let value = data.withUnsafeBytes({ JSONScanner.parse($0) }) { return .success(value) }
    do {
      return .success(try JSONDecoder().decode(JSONValue.self, from: data))
    } catch let DecodingError.dataCorrupted(ctx) {
      var detail = ctx.debugDescription
      if let under = ctx.underlyingError as NSError?, let d = under.userInfo[NSDebugDescriptionErrorKey] as? String {
        detail = d
      }
      return .failure(ProfileIssue(path: "", message: "not valid JSON: \(detail)"))
    } catch {
      return .failure(ProfileIssue(path: "", message: "not valid JSON: \(error)"))
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

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Every problem found in one profile.
public struct ProfileErrors: Error, Sendable, CustomStringConvertible {
  public var issues: [ProfileIssue]
  public init(_ issues: [ProfileIssue]) { self.issues = issues }
  public var description: String { issues.map(\.description).joined(separator: "\n") }
}
