import StrictJSON

/// The answers a rule over profile keys gives, each saying which rule it is; named by the
/// question lists (`"derive": "previously-applied"`).
///
/// A derivation answers only where the facts tell. Where they don't, the question is asked.
struct FormDerivation {
  var name: String
  var answerer: FormAnswerer

  /// Every derivation a question list may name (the loader refuses any other).
  static let names: Set<String> = [
    "service-language", "applying-restore", "applying-extend", "applying-new-employer", "applying-trp",
    "status-in-canada", "status-in-country-of-residence", "marital-status", "marital-status-5645",
    "spouse-marital-status-5645", "spouse-canadian", "communicate", "passport-taiwan", "passport-israel",
    "work-permit-type", "work-permit-type-other", "work-permit-type-outside", "job-end", "pnp-certificate",
    "post-secondary", "previously-applied", "applying-from-residence", "application-type-5645", "current-occupation",
    "representative-action", "application-type-5476", "representative-type",
  ]

  typealias Outcome = FormAnswerer.Outcome

  func outcome(_ j: JSONValue, _ p: Profile, _ c: FormCase) -> Outcome {
    let s = { (k: String) in j.at(k)?.stringValue }
    let status = s("applicant.status.type")
    let yes = "Yes", no = "No"
    switch name {
    case "service-language":
      return .derived(p.language == "fr" ? "French" : "English", "the profile's language (the packet's); change it if the client wants the other")
    case "applying-restore":
      guard let status else { return .ask() }
      return .derived(status == "expired" ? yes : no, "applicant.status.type is \(status)")
    case "applying-extend":
      guard let status else { return .ask() }
      if status == "worker" { return .ask("the profile does not say whether the current permit's employer is the new one") }
      return .derived(no, "applicant.status.type is \(status): no work permit to extend")
    case "applying-new-employer":
      guard let status else { return .ask() }
      if ["student", "visitor", "none"].contains(status) {
        return .derived(yes, "applicant.status.type is \(status): a first work permit")
      }
      return .ask()
    case "applying-trp":
      return .derived(no, "every category of this tool is a work permit, never a temporary resident permit")
    case "status-in-canada":
      let words = ["student": "Student", "worker": "Worker", "visitor": "Visitor", "expired": "Other"]
      guard let status, let w = words[status] else {
        return .ask(status == "maintained" ? "maintained status: give the status held before applying" : nil)
      }
      return .derived(w, "applicant.status.type is \(status)\(status == "expired" ? " (status to restore)" : "")")
    case "status-in-country-of-residence":
      guard let home = p.applicant.countryOfResidence else { return .ask() }
      if p.applicant.citizenships.contains(home) { return .derived("Citizen", "a citizen of the country of residence") }
      return .ask()
    case "marital-status":
      if let m = s("applicant.maritalStatus") { return answerer.label(m, list: "maritalStatus") }
      if let r = s("family.spouse.relationship") {
        let l = answerer.label(r, list: "maritalStatus")
        return .derived(l.text ?? r, "family.spouse.relationship")
      }
      return .ask()
    case "marital-status-5645":
      guard let m = s("applicant.maritalStatus") ?? s("family.spouse.relationship") else { return .ask() }
      return answerer.label(m, list: "maritalStatus5645Principal")
    case "spouse-marital-status-5645":
      guard let r = s("family.spouse.relationship") else { return .ask() }
      return answerer.label(r, list: "maritalStatus5645Principal")
    case "spouse-canadian":
      guard let spouse = p.family?.spouse else { return noSpouse(j) }
      if spouse.citizenships.contains("CA") { return .derived(yes, "family.spouse.citizenships holds CA") }
      return .ask("the profile keeps no permanent residence for the spouse")
    case "communicate":
      if let v = s("applicant.ableToCommunicate") { return answerer.label(v, list: "communicate") }
      let tested = Set(p.applicant.languageTests.map(\.language))
      guard !tested.isEmpty else { return .ask() }
      let w = tested.count == 2 ? "Both" : tested.contains("fr") ? "French" : "English"
      return .derived(w, "the language tests in the profile")
    case "passport-taiwan", "passport-israel":
      guard let country = p.applicant.passport?.country else { return .ask() }
      let target = name == "passport-taiwan" ? "TW" : "IL"
      return .derived(country == target ? yes : no, "applicant.passport.country is \(country)")
    case "work-permit-type", "work-permit-type-outside":
      let list = name == "work-permit-type" ? "workPermitTypeInCanada" : "workPermitTypeOutside"
      let kind = name == "work-permit-type" && c.categoryId == "pgwp" ? "pgwp" : c.permit
      let l = answerer.label(kind, list: list)
      guard let t = l.text else { return l }
      return .derived(t, "the category (\(c.categoryId), \(c.permit)); IRCC's exact words unconfirmed")
    case "work-permit-type-other":
      return .none
    case "job-end":
      if let end = s("job.endDate") { return .given(end) }
      if let until = s("submission.requestedValidUntil") { return .derived(until, "submission.requestedValidUntil") }
      return .ask()
    case "pnp-certificate":
      if s("nomination.program") == "pnp" { return .derived(yes, "nomination.program is pnp") }
      if s("nomination.program") == "atlantic" { return .derived(no, "an Atlantic endorsement is not a PNP certificate") }
      return .ask()
    case "post-secondary":
      guard case .array(let rows)? = j.at("applicant.education") else { return .ask() }
      if rows.contains(where: { $0.at("level")?.stringValue.map { $0 != "secondary" } ?? false }) {
        return .derived(yes, "applicant.education holds a post-secondary credential")
      }
      return .ask()
    case "previously-applied":
      if let v = s("applicant.background.previouslyApplied") { return answerer.label(v, list: "answer") }
      if p.applicant.uci != nil { return .derived(yes, "a UCI: IRCC has a file on the applicant") }
      if let status, status != "none" { return .derived(yes, "applicant.status.type is \(status): a status in Canada") }
      return .ask()
    case "applying-from-residence":
      guard let here = s("submission.countryWhereApplying"), let home = p.applicant.countryOfResidence else {
        return .ask()
      }
      return .derived(here == home ? yes : no, "submission.countryWhereApplying and applicant.countryOfResidence")
    case "application-type-5645":
      return .derived("Worker", "the packet is a work permit application")
    case "current-occupation":
      guard let open = p.applicant.workHistory.first(where: { $0.to == nil }) else { return .ask() }
      return .derived(open.title, "the current job in applicant.workHistory")
    case "representative-action":
      guard p.representative != nil else { return .ask() }
      return .derived("Appointing", "the profile names a representative (updating or cancelling one is not modelled)")
    case "application-type-5476":
      let from = p.submission.from == "inside-canada" ? "inside Canada" : "outside Canada"
      return .derived("Work permit (\(from))", "submission.from")
    case "representative-type":
      guard let r = p.representative, let body = s("representative.body") else { return .ask() }
      let words = [
        "cicc": "CICC member", "law-society": "member of a Canadian law society",
        "chambre-des-notaires": "member of the Chambre des notaires du Québec", "friend-or-family": "friend or family member",
        "other": "other",
      ]
      return .given("\(r.paid ? "Paid" : "Unpaid"): \(words[body] ?? body)")
    default:
      return .ask("no rule \(name)")
    }
  }

  /// Spouse questions when there is no spouse: not applicable when the marital status says so.
  private func noSpouse(_ j: JSONValue) -> Outcome {
    guard let m = j.at("applicant.maritalStatus")?.stringValue else { return .ask() }
    return ["married", "common-law"].contains(m) ? .ask() : .none
  }
}
