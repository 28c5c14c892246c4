public import StrictJSON

/// The questions of one edition of an IRCC application form, in the form's order and
/// numbering, each with where its answer comes from (`Templates/forms/IMM5710.json` …).
///
/// A new edition of a form is a new file; nothing about a form's questions is in code.
public struct FormQuestionList: Sendable, Decodable {
  /// The form number as IRCC writes it and the catalog names it (`IMM 5710`).
  public var form: String
  public var title: String
  /// The edition the questions were read from (`06-2019`).
  public var edition: String
  /// Whether the wording was read from the form's own template (false: from a related form).
  public var wordingConfirmed: Bool
  /// Where the question list was read.
  public var source: String
  public var sections: [Section]

  public struct Section: Sendable, Decodable {
    public var title: String
    public var questions: [Question]
  }

  public struct Question: Sendable, Decodable {
    /// The form's own number (`2a`, `top 3`, `row` for a table column).
    public var number: String
    public var text: String
    /// The XFA data path of the box, for whoever fills the form by machine.
    public var xfa: String
    /// Starred on the form (or a background question, required of adults).
    public var required: Bool
    public var answer: AnswerRule
  }

  /// Where a question's answer comes from: a profile key, a table of rows, or a named
  /// derivation (``FormDerivation``); none of them means the profile never holds it.
  public struct AnswerRule: Sendable, Decodable {
    /// The profile key (`applicant.passport.number`, `applicant.citizenships[0]`); with
    /// `rows`, the key within each row.
    public var key: String?
    /// Several keys shown together (`format: name`), or the keys a derivation reads.
    public var keys: [String]?
    /// The IRCC list that turns the value into the form's words (``IRCCLists``).
    public var list: String?
    /// How the value is written: `yes-no`, `yes-if-any`, `address`, `phone`, `lines`, `name`,
    /// `period`, `until`, `field-of-study`, `education-country`, `address-or-mailing`.
    public var format: String?
    /// A named derivation (``FormDerivation``).
    public var derive: String?
    /// The profile array whose elements are the form's rows, and how many rows the form has.
    public var rows: String?
    public var maxRows: Int?
    /// Only the rows whose fields have these values (`relationship: mother`).
    public var `where`: [String: String]?
    /// Why the profile holds no answer, when it never does.
    public var note: String?
    /// The question applies only when one of these holds (`usPermanentResident` is true); when
    /// every one is known and none holds, its box stays blank. An unknown key: it applies.
    public var onlyIf: [Condition]?
  }

  /// A profile key's value among `in` (`true`/`false` for a boolean).
  public struct Condition: Sendable, Decodable {
    public var key: String
    public var `in`: [String]
  }
}

/// A path into the profile as read (`applicant.phones[1].number`).
extension JSONValue {
  /// The value at `path`, or nil when any step is absent or null.
  ///
  /// The path is walked in place (no array of its parts, no string per part beyond the
  /// key looked up): form sheets ask for hundreds of paths per packet.
  public func at(_ path: String) -> JSONValue? {
    var node: JSONValue = self
    let bytes = path.utf8
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
      defer { start = end < bytes.endIndex ? bytes.index(after: end) : end }
      if start == end { continue }  // empty parts are skipped, as `split(separator:)` does
      let part = path[start..<end]
      var name = part
      var index: Int?
      if part.utf8.last == UInt8(ascii: "]"), let open = part.utf8.firstIndex(of: UInt8(ascii: "[")) {
        name = part[..<open]
        index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
      }
      guard case .object(let fields) = node, var next = fields[String(name)] else { return nil }
      if let index {
        guard case .array(let items) = next, items.indices.contains(index) else { return nil }
        next = items[index]
      }
      if case .null = next { return nil }
      node = next
    }
    return node
  }

  /// The text of a string value.
  var stringValue: String? { if case .string(let s) = self { s } else { nil } }
}
