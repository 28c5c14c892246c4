/// A value a template can read: the data model handed to ``Template/render(_:)``.
///
/// Values are plain data so one compiled template can render many contexts, on any thread.
public enum TemplateValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case string(String)
  case list([TemplateValue])
  case object(TemplateObject)

  /// Whether `if` keeps (and `unless` drops) an element bound to this value:
  /// `false`, `null`, `""` and an empty list are false; everything else is true.
  public var isTruthy: Bool {
    switch self {
    case .null: false
    case .bool(let b): b
    case .string(let s): !s.isEmpty
    case .list(let l): !l.isEmpty
    case .object: true
    }
  }

  /// The text that `text` writes and `attr` sets; `nil` for values that have none.
  var text: String? {
    switch self {
    case .null: ""
    case .bool(let b): b ? "true" : "false"
    case .string(let s): s
    case .list, .object: nil
    }
  }

  var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .string: "text"
    case .list: "a list"
    case .object: "an object"
    }
  }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    // Fields in one array (``TemplateObject``), not a hashed dictionary: the thousands of
    // small objects a packet's context is made of are made once and read a few times each.
    self = .object(TemplateObject(elements))
  }
  public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
  /// `.string(s)` or `.null` when `s` is nil.
  public init(_ s: String?) { self = s.map(TemplateValue.string) ?? .null }
}
