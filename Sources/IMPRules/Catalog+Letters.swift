/// The catalog's text for letters: where a letter is addressed, how each requirement is
/// argued, which case needs a letter of explanation, the Employer Portal's checks, and the
/// names that codes are shown by. All of it is data: a firm edits the catalog, not code.
extension Catalog {
  /// Text that depends on the case: the first variant whose `when` holds. A plain JSON
  /// string is one variant that always holds.
  public struct Variants: Sendable, Codable {
    public struct Variant: Sendable, Codable {
      public var when: RuleCondition?
      public var text: String
    }
    public var variants: [Variant]

    public init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        variants = [Variant(when: nil, text: s)]
      } else {
        variants = try c.decode([Variant].self)
      }
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.singleValueContainer()
      if variants.count == 1, variants[0].when == nil { try c.encode(variants[0].text) } else { try c.encode(variants) }
    }

    /// The text of the first variant that holds, or nil when none does.
    public func pick(_ facts: Facts) -> String? {
      variants.first { $0.when?.evaluate(facts) ?? .yes == .yes }?.text
    }
  }

  /// The submission letter's rules (`submissionLetter` in the catalog).
  public struct SubmissionLetterRules: Sendable, Codable {
    /// Who the letter is addressed to; the first office whose `when` holds.
    public var offices: [Office]
    /// One argument per requirement (or group of requirements of one subject).
    public var arguments: [Argument]
    /// Paragraphs for the letter of explanation, each put in when its `when` holds.
    public var explanations: [Explanation]
  }

  public struct Office: Sendable, Codable {
    public var id: String
    public var when: RuleCondition?
    /// The address block, one line each.
    public var address: [String]
    public var salutation: String
    /// How the application reaches the office (online, on paper at the border).
    public var filing: String
    /// How the applicant's fees are paid there.
    public var fees: Variants
    public var source: String
  }

  /// How the letter argues one requirement: what it asks in plain words, its public source,
  /// the applicant's facts that meet it, and the checklist items that prove it.
  public struct Argument: Sendable, Codable {
    public var id: String
    /// The requirement rules (`rule` of `requirements`) this argument answers.
    public var rules: [String]
    public var requirement: String
    public var basis: Variants
    public var facts: Variants
    /// Checklist item ids (`documents[].id`); those on the applicant's checklist are named.
    public var proof: [String]
  }

  public struct Explanation: Sendable, Codable {
    public var id: String
    public var title: String
    public var when: RuleCondition
    public var text: Variants
    public var source: String
  }

  /// What the Employer Portal rejects or mismatches, for the portal data sheet.
  public struct EmployerPortalRules: Sendable, Codable {
    /// The most physical work locations an offer records; more go into Main duties.
    public var maxLocations: Int
    public var locationsNote: String
    /// Words that stand in for duties instead of stating them ("see attached").
    public var attachedPhrases: [String]
    /// Phrases typical of duties at a TEER level: a duty holding one, in a job of a higher
    /// TEER number, looks like work above the NOC.
    public var higherTeerPhrases: [TeerPhrases]
    /// Messages by check: passportMismatch, citizenshipMismatch, passportNotCitizenship,
    /// severalCitizenships, noPassport, tooManyLocations, noDuties, seeAttached, higherTeer.
    public var checks: [String: String]
    public var source: String
  }

  public struct TeerPhrases: Sendable, Codable {
    public var teer: Int
    public var phrases: [String]
  }

  /// The names codes and values are shown by: countries, provinces, languages, and the
  /// words for a fact's values (`values["intraCompany.role"]["functional-manager"]`).
  public struct DisplayNames: Sendable, Codable {
    public var countries: [String: String]
    /// Countries whose names a sentence writes with "the" (the United States).
    public var countriesWithThe: [String]
    public var provinces: [String: String]
    public var languages: [String: String]
    /// Facts whose values are country codes, and those whose values are province codes.
    public var countryFacts: [String]
    public var provinceFacts: [String]
    public var values: [String: [String: String]]
    public var source: String

    public init(
      countries: [String: String] = [:], countriesWithThe: [String] = [], provinces: [String: String] = [:],
      languages: [String: String] = [:],
      countryFacts: [String] = [], provinceFacts: [String] = [], values: [String: [String: String]] = [:],
      source: String = ""
    ) {
      self.countries = countries
      self.countriesWithThe = countriesWithThe
      self.provinces = provinces
      self.languages = languages
      self.countryFacts = countryFacts
      self.provinceFacts = provinceFacts
      self.values = values
      self.source = source
    }

    /// The country's name as a form field shows it (United States).
    public func country(_ code: String) -> String { countries[code] ?? code }
    /// The country's name as a sentence writes it (the United States).
    public func countryInProse(_ code: String, _ wording: Wording) -> String {
      countriesWithThe.contains(code) ? wording.phrase("countryWithThe", ["country": country(code)]) : country(code)
    }
    public func province(_ code: String) -> String { provinces[code] ?? code }
    public func language(_ code: String) -> String { languages[code] ?? code }

    /// One value of fact `name` as a letter writes it.
    public func value(_ name: String, _ v: String, _ wording: Wording) -> String {
      if countryFacts.contains(name) { return countryInProse(v, wording) }
      if provinceFacts.contains(name) { return province(v) }
      return values[name]?[v] ?? v
    }

    /// Fact `name` as a letter writes it: dates in full, codes by their names.
    public func display(_ wording: Wording) -> (String, Fact) -> String {
      { name, f in
        switch f {
        case .string(let s): value(name, s, wording)
        case .strings(let l): l.map { value(name, $0, wording) }.joined(separator: ", ")
        // Dates in full, yes or no in the page's language: as a table of facts writes them.
        default: wording.fact(name, f)
        }
      }
    }
  }

  /// Problems in the letter rules: unknown requirement rules, document ids and facts
  /// (`known`: the facts rules may name; letters may also name ``Planner/letterFactNames``).
  func letterProblems(known: Set<String>) -> [String] {
    guard let rules = submissionLetter else { return [] }
    var problems: [String] = []
    let known = known.union(Planner.letterFactNames)
    func check(_ condition: RuleCondition?, _ at: @autoclosure () -> String) {
      for name in condition?.factNames ?? [] where !known.contains(name) {
        problems.append("\(at()): unknown fact '\(name)'")
      }
    }
    func check(text: String, _ at: @autoclosure () -> String) {
      for name in Facts.placeholders(in: text) where !known.contains(name) {
        problems.append("\(at()): unknown fact '{\(name)}'")
      }
    }
    func check(_ v: Variants, _ at: String) {
      for (i, x) in v.variants.enumerated() {
        check(x.when, "\(at)[\(i)].when")
        check(text: x.text, "\(at)[\(i)]")
      }
    }
    for o in rules.offices {
      check(o.when, "submissionLetter.offices '\(o.id)'.when")
      check(text: o.filing, "submissionLetter.offices '\(o.id)'.filing")
      check(o.fees, "submissionLetter.offices '\(o.id)'.fees")
    }
    for a in rules.arguments {
      check(text: a.requirement, "submissionLetter.arguments '\(a.id)'.requirement")
      check(a.basis, "submissionLetter.arguments '\(a.id)'.basis")
      check(a.facts, "submissionLetter.arguments '\(a.id)'.facts")
    }
    for e in rules.explanations {
      check(e.when, "submissionLetter.explanations '\(e.id)'.when")
      check(e.text, "submissionLetter.explanations '\(e.id)'.text")
    }
    for (k, text) in employerPortal?.checks ?? [:] {
      check(text: text, "employerPortal.checks.\(k)")
    }
    let ruleIds = Set((requirements + categories.flatMap(\.requirements)).map(\.rule))
    let docIds = Set((documents + categories.flatMap(\.documents)).map(\.id))
    var seen = Set<String>()
    for a in rules.arguments {
      if !seen.insert(a.id).inserted { problems.append("submissionLetter.arguments: id '\(a.id)' appears twice") }
      for r in a.rules where !ruleIds.contains(r) {
        problems.append("submissionLetter.arguments '\(a.id)': no requirement has rule '\(r)'")
      }
      for d in a.proof where !docIds.contains(d) {
        problems.append("submissionLetter.arguments '\(a.id)': no document has id '\(d)'")
      }
    }
    if rules.offices.last?.when != nil {
      problems.append("submissionLetter.offices: the last office must have no 'when', so that every case has one")
    }
    return problems
  }
}
