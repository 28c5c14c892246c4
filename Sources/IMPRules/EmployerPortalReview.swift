/// The Employer Portal offer as the portal will take it, and what it would reject or
/// mismatch (the catalog's `employerPortal` rules): passport number and citizenship
/// exactly as on the passport, one or two work locations, duties stated and at the NOC's level.
public struct EmployerPortalReview: Sendable, Equatable {
  /// The locations to enter in the portal (at most the catalog's maximum).
  public var locations: [String]
  /// Locations beyond the maximum, to add to Main duties.
  public var extraLocations: [String]
  /// The duties to enter, the extra locations' note last.
  public var duties: [String]
  /// The passport number and citizenship to enter, exactly as on the passport.
  public var passportNumber: String?
  public var citizenship: String?
  /// What to fix or confirm before submitting, each a sentence.
  public var flags: [String]
  /// "How the job meets the exemption", written from the letter's arguments.
  public var exemptionExplanation: [String]
}

extension DayPlanner {
  /// Reviews the offer of `profile`'s job against the Employer Portal's rules.
  func employerPortalReview(_ p: Profile, plan: Plan, facts letterFacts: Facts, letter: CoverLetter) -> EmployerPortalReview {
    let rules = catalog.employerPortal
    let names = catalog.names ?? .init()
    var facts = letterFacts
    func say(_ check: String) -> String? {
      rules?.checks[check].map { facts.interpolate($0, display: names.display(catalog.wording)) }
    }
    let job = p.job
    let all = ([job?.workLocation].compactMap { $0 } + (job?.otherWorkLocations ?? [])).map {
      "\($0.city), \(names.province($0.province))"
    }
    let max = rules?.maxLocations ?? 2
    var flags: [String] = []
    let passport = p.applicant.passport
    if let passport {
      if let recorded = job?.offerAsSubmitted?.passportNumber, recorded != passport.number {
        flags += [say("passportMismatch")].compactMap { $0 }
      }
      if let recorded = job?.offerAsSubmitted?.citizenship, recorded != passport.country {
        flags += [say("citizenshipMismatch")].compactMap { $0 }
      }
      if !p.applicant.citizenships.contains(passport.country) {
        flags += [say("passportNotCitizenship")].compactMap { $0 }
      } else if p.applicant.citizenships.count > 1 {
        flags += [say("severalCitizenships")].compactMap { $0 }
      }
    } else {
      flags += [say("noPassport")].compactMap { $0 }
    }
    var duties = job?.duties ?? []
    if all.count > max {
      flags += [say("tooManyLocations")].compactMap { $0 }
      duties.append("\(rules?.locationsNote ?? "") \(all.dropFirst(max).joined(separator: "; "))")
    }
    if job?.duties.isEmpty ?? true {
      flags += [say("noDuties")].compactMap { $0 }
    }
    let attached = (rules?.attachedPhrases ?? []).map { $0.lowercased() }
    // Lower-cased once, not for every duty.
    let markers = (rules?.higherTeerPhrases ?? []).map { (marker: $0, phrases: $0.phrases.map { $0.lowercased() }) }
    let teer = job?.teer
    for duty in job?.duties ?? [] {
      let lower = duty.lowercased()
      facts["duty"] = .string(duty)
      if attached.contains(where: lower.containsText) { flags += [say("seeAttached")].compactMap { $0 } }
      if let teer, let marker = markers.first(where: { m in
        m.marker.teer < teer && m.phrases.contains { lower.containsText($0) }
      })?.marker {
        facts["markerTeer"] = .number(marker.teer)
        flags += [say("higherTeer")].compactMap { $0 }
      }
    }
    // The category's own requirements: the passport and the portal offer itself explain nothing.
    let own = Set(catalog.category(idOrCode: plan.category.id)?.requirements.map(\.rule) ?? [])
    let explanation = letter.arguments.filter { $0.met && !own.isDisjoint(with: $0.rules) }
      .map { "\($0.requirement) \($0.facts)" }
    return EmployerPortalReview(
      locations: Array(all.prefix(max)), extraLocations: Array(all.dropFirst(max)), duties: duties,
      passportNumber: passport?.number, citizenship: passport.map { names.country($0.country) }, flags: flags,
      exemptionExplanation: explanation)
  }
}
