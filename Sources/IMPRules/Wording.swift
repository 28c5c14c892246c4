/// How pages write dates, amounts and the few sentences the tool composes itself: the
/// catalog's `wording` (English), translated like every other catalog string.
///
/// It is the one place that formats for a language: French is a different `wording`
/// (from `fr.po`), never different code.
public struct Wording: Sendable, Codable, Equatable {
  /// Dates and amounts.
  public struct Format: Sendable, Codable, Equatable {
    /// January … December, as a date writes them.
    public let months: [String]
    /// A date: `{day} {month} {year}` (`30 November 2029`).
    public let date: String
    /// A date on the first of a month (French writes `1er décembre 2026`).
    public let firstOfMonth: String
    /// An amount: `${amount}` (`$1,155.00`; French `{amount} $`).
    public let money: String
    /// A negative amount: `-${amount}`.
    public let negativeMoney: String
    /// Between groups of three digits: `,` (French: a narrow no-break space).
    public let groupSeparator: String
    /// Before the cents: `.` (French: `,`).
    public let decimalMark: String
  }

  public let format: Format
  /// Sentences and words the tool puts together from facts, by key (`{name}` marks a value).
  public let phrases: [String: String]
  public let source: String

  /// `30 November 2029`.
  public func date(_ d: CivilDate) -> String {
    let pattern = d.day == 1 ? format.firstOfMonth : format.date
    return Wording.fill(
      pattern, ["day": String(d.day), "month": format.months[d.month - 1], "year": String(d.year)])
  }

  /// `$1,155.00`.
  public func money(_ m: Money) -> String {
    Wording.format(
      m, pattern: format.money, negative: format.negativeMoney, group: format.groupSeparator,
      decimal: format.decimalMark)
  }

  /// `m` in groups of three digits and cents, put in `pattern` (or `negative`) as `{amount}`.
  static func format(_ m: Money, pattern: String, negative: String, group: String, decimal: String) -> String {
    var groups: [Substring] = []
    var rest = Substring(String(m.cents.magnitude / 100))
    while rest.count > 3 {
      groups.insert(rest.suffix(3), at: 0)
      rest = rest.dropLast(3)
    }
    groups.insert(rest, at: 0)
    let c = m.cents.magnitude % 100
    let amount = groups.joined(separator: group) + decimal + (c < 10 ? "0" : "") + String(c)
    return fill(m.cents < 0 ? negative : pattern, ["amount": amount])
  }

  /// The phrase `key` with its `{name}` values filled in; the key itself when the catalog
  /// lacks it (the catalog check makes sure it has every key in ``Wording/keys``).
  public func phrase(_ key: String, _ values: [String: String] = [:]) -> String {
    Wording.fill(phrases[key] ?? key, values)
  }

  /// `$30.00 per hour`.
  public func wage(_ w: Profile.Wage) -> String { phrase("wage.\(w.per)", ["amount": money(w.amount)]) }

  /// An enumerated profile value as pages write it: the phrase `value.<field>.<raw>`, or
  /// the raw value with its hyphens as spaces (`advanced-diploma` → `advanced diploma`).
  public func value(_ field: String, _ raw: String) -> String {
    phrases["value.\(field).\(raw)"] ?? String(raw.map { $0 == "-" ? " " : $0 })
  }

  /// A person of the file as pages name them: `applicant` (the principal applicant),
  /// `spouse`, or `child-2` as `child 2` (the phrases `person.applicant`, `person.spouse`,
  /// `person.child` with `{number}`).
  public func person(_ member: String) -> String {
    if member.hasPrefix("child-") { return phrase("person.child", ["number": String(member.dropFirst(6))]) }
    return phrase("person.\(member)")
  }

  /// Fact `name` as a page's table of facts writes it: dates in full, yes or no, and an
  /// enumerated value (`married`) as the phrase `value.<name>.<value>` where there is one.
  public func fact(_ name: String, _ f: Fact) -> String {
    switch f {
    case .date(let d): date(d)
    case .bool(let b): yesNo(b)
    case .string(let s): phrases["value.\(name).\(s)"] ?? s
    case .strings(let l): l.map { phrases["value.\(name).\($0)"] ?? $0 }.joined(separator: ", ")
    default: f.display
    }
  }

  /// `phrase("yes")` or `phrase("no")`.
  public func yesNo(_ b: Bool) -> String { phrase(b ? "yes" : "no") }

  /// Replaces each `{name}` of `pattern` whose name `values` has; leaves other braces alone.
  static func fill(_ pattern: String, _ values: [String: String]) -> String {
    guard pattern.utf8.contains(UInt8(ascii: "{")) else { return pattern }
    var out = ""
    var rest = Substring(pattern)
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
      let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      let name = String(rest[rest.utf8.index(after: open)..<close])
      let after = rest.utf8.index(after: close)
      if let v = values[name] {
        out += rest[..<open]
        out += v
      } else {
        out += rest[..<after]
      }
      rest = rest[after...]
    }
    return out + rest
  }

  /// Problems with this wording: twelve months, every phrase the tool asks for.
  func problems() -> [String] {
    var out: [String] = []
    if format.months.count != 12 { out.append("wording.format.months: expected 12 names, found \(format.months.count)") }
    for key in Wording.keys where phrases[key] == nil { out.append("wording.phrases: no phrase \"\(key)\"") }
    return out
  }

  /// Every phrase key the tool's code asks for.
  public static let keys: [String] = [
    "yes", "no", "present", "hoursPerWeek", "wage.hour", "wage.week", "wage.month", "wage.year", "dateRange",
    "statusUntil", "pageTitle", "bundlePageTitle", "completeness.passed", "completeness.notPassed", "programMonths",
    "percent", "testLevel.en", "testLevel.fr", "testLanguage.en", "testLanguage.fr", "bestTest", "permit.open",
    "permit.employer-specific", "offer.notNeeded", "offer.notYetIssued", "formsNone", "required", "notRequired",
    "notRequiredBecause", "medical.required", "status.provided", "status.missing", "status.expired",
    "status.expiring", "submission.inside-canada", "submission.outside-canada", "submission.port-of-entry",
    "upload.file", "upload.noFile", "upload.title", "page.cover-sheet", "page.form-data-sheet", "page.document-checklist",
    "page.fee-breakdown", "page.cover-letter", "page.cover-letter.self", "page.employer-summary", "page.letter-of-explanation", "page.plan", "page.manifest",
    "page.employer-compliance-summary", "page.employer-obligations", "page.portal-data-sheet", "page.offer-letter",
    "page.worker-checklist", "offer.ready", "offer.toSubmit", "offer.noPortalOffer", "offer.notEligible",
    "offer.invalid", "offer.exemptEmployer", "offer.exemptWork", "iec.title", "biometrics.under", "biometrics.over",
    "biometrics.national", "biometrics.given", "biometrics.required", "reviewDate", "reviewDate.it",
    "reviewDate.them", "validity.longer", "countryWithThe", "page.family-member", "page.family-member.title",
    "relation.spouse", "relation.child", "eligible", "notEligible", "payer.applicant", "payer.employer",
    "person.applicant", "person.spouse", "person.child", "biometrics.onePerson", "biometrics.familyShare",
    "biometrics.familyMaximumReached", "page.form-data-sheet.title", "pdf.title", "pdf.stamp", "forms.askOne",
    "forms.askMany",
  ]
}
