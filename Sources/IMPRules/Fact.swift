/// One named fact about a case, derived from the profile (see ``Facts``).
public enum Fact: Sendable, Equatable {
  case bool(Bool)
  case number(Int)
  case string(String)
  case strings([String])
  case date(CivilDate)
  /// Periods of employment, for checks of continuous work.
  case periods([WorkPeriod])

  var display: String {
    switch self {
    case .bool(let b): b ? "yes" : "no"
    case .number(let n): String(n)
    case .string(let s): s
    case .strings(let l): l.joined(separator: ", ")
    case .date(let d): d.description
    case .periods(let p): "\(p.count) period\(p.count == 1 ? "" : "s") of work"
    }
  }
}

/// A period of employment from the profile's work history.
public struct WorkPeriod: Sendable, Equatable {
  public var from: CivilDate
  /// nil: still employed.
  public var to: CivilDate?
  public var hoursPerWeek: Int?
  /// Whether the employer is related to the Canadian employer (same multinational).
  public var related: Bool

  public init(from: CivilDate, to: CivilDate?, hoursPerWeek: Int?, related: Bool) {
    self.from = from
    self.to = to
    self.hoursPerWeek = hoursPerWeek
    self.related = related
  }
}

/// The facts of one case by name (`education.lengthMonths`), for catalog conditions.
///
/// Absent facts are unknown, not false: a condition that needs one reports it as missing.
public struct Facts: Sendable {
  public var values: [String: Fact]
  /// The profile path a missing fact comes from, to tell the user what to add.
  public var sources: [String: String]
  public let today: CivilDate

  public init(today: CivilDate, values: [String: Fact] = [:], sources: [String: String] = [:]) {
    self.today = today
    self.values = values
    self.sources = sources
  }

  public subscript(name: String) -> Fact? {
    get { values[name] }
    set { values[name] = newValue }
  }

  /// The fact names `text` refers to as `{name}` or `{name|words}`, in order.
  public static func placeholders(in text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let inside = rest[rest.index(after: open)..<close]
      names.append(String(inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)[0]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }

  /// Replaces `{name}` in `text` with the fact's value. `{name|words}` gives the words to
  /// use when the fact is unknown; without them an unknown fact reads "(not given)", so a
  /// document never shows a raw placeholder.
  public func interpolate(_ text: String) -> String { interpolate(text) { $1.display } }

  /// What `interpolate` writes for an unknown fact without words of its own.
  public static let unknownText = "(not given)"

  /// `interpolate(_:)` with each known fact written by `display(name, fact)`.
  public func interpolate(_ text: String, display: (String, Fact) -> String) -> String {
    guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
    // Searched byte by byte: `{`, `|` and `}` are ASCII, so no Character is built per letter.
    var out = ""
    var rest = Substring(text)
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
      let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      out += rest[..<open]
      let inside = rest[rest.utf8.index(after: open)..<close]
      let bar = inside.utf8.firstIndex(of: UInt8(ascii: "|"))
      let name = String(inside[..<(bar ?? inside.endIndex)])
      out += values[name].map { display(name, $0) }
        ?? (bar.map { String(inside[inside.utf8.index(after: $0)...]) } ?? Facts.unknownText)
      rest = rest[rest.utf8.index(after: close)...]
    }
    return out + rest
  }
}
