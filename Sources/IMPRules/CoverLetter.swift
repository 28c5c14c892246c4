/// What the representative's submission letter says, worked out from the plan and the
/// catalog's `submissionLetter` rules: the office it goes to, one argument per requirement
/// of the chosen code, and the letters of explanation the case needs.
public struct CoverLetter: Sendable, Equatable {
  public struct Office: Sendable, Equatable {
    public var id: String
    public var address: [String]
    public var salutation: String
    public var filing: String
    /// How the applicant's fees are paid at that office.
    public var fees: String
    public var source: String
  }

  /// A checklist item named as proof of a requirement.
  public struct Proof: Sendable, Equatable {
    public var id: String
    public var title: String
    public var slot: String
    /// Provided and not expired: enclosed with the application. Otherwise it follows.
    public var enclosed: Bool
  }

  public struct Argument: Sendable, Equatable {
    public var id: String
    /// The requirement rules it answers that apply to this case.
    public var rules: [String]
    public var requirement: String
    public var basis: String
    /// The applicant's facts that meet it.
    public var facts: String
    /// Whether every rule it answers holds for this applicant.
    public var met: Bool
    /// Why not, when it is not met (the rule's own message).
    public var problem: String?
    public var proofs: [Proof]
  }

  public struct Explanation: Sendable, Equatable {
    public var id: String
    public var title: String
    public var text: String
    public var source: String
  }

  public var office: Office
  public var arguments: [Argument]
  public var explanations: [Explanation]
}

extension Planner {
  /// The facts ``letterFacts(_:plan:)`` adds to the plan's, which letters (and only they) may name.
  public static let letterFactNames: Set<String> = [
    "permit.wantedUntil", "category.legalBasis", "applicant.name", "applicant.dateOfBirth", "passport.number",
    "applicant.daysWithoutStatus", "plan.warnings", "plan.unmet", "fees.applicantTotal", "fees.employerTotal",
    "fees.hasApplicantFees", "fees.hasEmployerFees", "language.bestRecentTestName", "language.bestRecentTestDate",
    "language.bestRecentFrenchTestName", "language.bestRecentFrenchTestDate", "work.related.employer",
    "work.related.title", "work.related.from", "work.related.hours", "job.location", "job.locationCount",
    "offer.passportNumber", "offer.citizenship", "principal.monthsLeft", "refusal.date", "refusal.country",
    "refusal.application", "refusal.reason", "refusal.response", "duty", "markerTeer",
  ]

}

extension DayPlanner {
  /// The submission letter of `plan` (made from `profile` by this planner), from its letter facts.
  ///
  /// Requirements whose `when` does not hold for the chosen code are left out, so a C62
  /// letter argues only what C62 asks; warnings are for the consultant and are not argued.
  func coverLetter(_ profile: Profile, plan: Plan, facts: Facts) -> CoverLetter {
    let names = catalog.names ?? .init()
    let say = { (text: String) in facts.interpolate(text, display: names.display(catalog.wording)) }
    let rules = catalog.submissionLetter
    let office: CoverLetter.Office =
      (rules?.offices.first { $0.when?.evaluate(facts) ?? .yes == .yes }).map {
        .init(
          id: $0.id, address: $0.address, salutation: $0.salutation, filing: say($0.filing),
          fees: say($0.fees.pick(facts) ?? ""), source: $0.source)
      } ?? .init(id: "", address: [], salutation: "", filing: "", fees: "", source: "")

    let category = catalog.category(idOrCode: plan.category.id)
    let requirements = (category?.requirements ?? []) + catalog.requirements
    var arguments: [CoverLetter.Argument] = []
    for r in requirements where r.severity != .warning {
      if let w = r.when, w.evaluate(facts) != .yes { continue }
      guard let a = rules?.arguments.first(where: { $0.rules.contains(r.rule) }) else { continue }
      let outcome = r.check?.evaluate(facts) ?? .no
      if let k = arguments.firstIndex(where: { $0.id == a.id }) {
        arguments[k].rules.append(r.rule)
        if outcome != .yes, arguments[k].met {
          arguments[k].met = false
          arguments[k].problem = say(r.message)
        }
        continue
      }
      let proofs: [CoverLetter.Proof] = a.proof.compactMap { id in
        plan.checklist.first { $0.id == id }.map { item in
          .init(
            id: item.id, title: item.title, slot: item.slot,
            enclosed: profile.provided.contains(item.id) && item.status != "expired")
        }
      }
      // A fact the profile lacks is not stated at all: the problem says what to add.
      let stated = say(a.facts.pick(facts) ?? "")
      arguments.append(
        .init(
          id: a.id, rules: [r.rule], requirement: say(a.requirement), basis: say(a.basis.pick(facts) ?? ""),
          facts: stated.containsText(Facts.unknownText) ? "" : stated, met: outcome == .yes,
          problem: outcome == .yes ? nil : say(r.message), proofs: proofs))
    }
    let explanations: [CoverLetter.Explanation] = (rules?.explanations ?? []).compactMap { e in
      guard e.when.evaluate(facts) == .yes, let text = e.text.pick(facts) else { return nil }
      return .init(id: e.id, title: e.title, text: say(text), source: e.source)
    }
    return CoverLetter(office: office, arguments: arguments, explanations: explanations)
  }

  /// The facts the plan was made from, plus the ones letters name: the applicant's name,
  /// the passport number, the related employment, the plan's warnings and fee totals,
  /// the latest refusal.
  func letterFacts(_ p: Profile, plan: Plan) -> Facts {
    var facts = facts(p)
    if let category = catalog.category(idOrCode: plan.category.id) {
      let choice = selectChoice(category, facts) ?? category.codes[0]
      setCategoryFacts(&facts, category, choice)
      let (_, wanted, _) = validity(p, category, &facts)
      facts["permit.wantedUntil"] = .date(wanted)
      facts["category.legalBasis"] = .string(category.legalBasis)
    }
    facts["medicalExam.required"] = .bool(plan.medicalExamRequired)
    let a = p.applicant
    let today = p.submission.date
    facts["applicant.name"] = .string("\(a.givenNames) \(a.familyName)")
    facts["applicant.dateOfBirth"] = .date(a.dateOfBirth)
    facts["passport.number"] = a.passport.map { .string($0.number) }
    facts["applicant.daysWithoutStatus"] = a.status?.validUntil.map { .number($0.days(until: today)) }
    facts["plan.warnings"] = .strings(plan.eligibility.warnings.map(\.rule))
    facts["plan.unmet"] = .strings(plan.eligibility.unmet.map(\.rule))
    let w = catalog.wording
    facts["fees.applicantTotal"] = .string(w.money(plan.fees.totals.applicant))
    facts["fees.employerTotal"] = .string(w.money(plan.fees.totals.employer))
    if let wage = p.job?.wage { facts["job.wage"] = .string(w.wage(wage)) }
    facts["fees.hasApplicantFees"] = .bool(plan.fees.totals.applicant > .zero)
    facts["fees.hasEmployerFees"] = .bool(plan.fees.totals.employer > .zero)

    if let best = a.languageTests.max(by: { $0.clb < $1.clb }) {
      facts["language.bestTest"] = .string(w.phrase("bestTest", ["test": best.test, "date": w.date(best.date)]))
    }
    let recent = a.languageTests.filter { $0.date > today.adding(years: -2) }
    if let best = recent.max(by: { $0.clb < $1.clb }) {
      facts["language.bestRecentTestName"] = .string(best.test)
      facts["language.bestRecentTestDate"] = .date(best.date)
    }
    if let best = recent.filter({ $0.language == "fr" }).max(by: { $0.clb < $1.clb }) {
      facts["language.bestRecentFrenchTestName"] = .string(best.test)
      facts["language.bestRecentFrenchTestDate"] = .date(best.date)
    }
    if let w = a.workHistory.first(where: { $0.to == nil && $0.relatedToCanadianEmployer })
      ?? a.workHistory.first(where: \.relatedToCanadianEmployer)
    {
      facts["work.related.employer"] = .string(w.employer)
      facts["work.related.title"] = .string(w.title)
      facts["work.related.from"] = .date(w.from)
      facts["work.related.hours"] = w.hoursPerWeek.map(Fact.number)
    }
    if let j = p.job {
      let names = catalog.names ?? .init()
      facts["job.location"] = j.workLocation.map { .string("\($0.city), \(names.province($0.province))") }
      facts["job.locationCount"] = .number((j.workLocation == nil ? 0 : 1) + j.otherWorkLocations.count)
      facts["offer.passportNumber"] = j.offerAsSubmitted?.passportNumber.map(Fact.string)
      facts["offer.citizenship"] = j.offerAsSubmitted?.citizenship.map(Fact.string)
    }
    if let q = p.principal, let until = q.permitValidUntil {
      facts["principal.monthsLeft"] = .number(today.months(until: until))
    }
    if let r = a.previousRefusals.max(by: { $0.date < $1.date }) {
      facts["refusal.date"] = .date(r.date)
      facts["refusal.country"] = .string(r.country)
      facts["refusal.application"] = .string(r.application)
      facts["refusal.reason"] = r.reason.map(Fact.string)
      facts["refusal.response"] = r.response.map(Fact.string)
    }
    return facts
  }
}
