import IMPRules
import XMLTemplates

extension PacketContext {
  /// The profile's sections that category letters read: education, work history,
  /// principal, spouse, the intra-company transfer and the permanent-residence application.
  static func sections(_ p: Profile) -> [String: TemplateValue] {
    let a = p.applicant
    let today = p.submission.date
    let latest = a.education.max { ($0.completedOn ?? .init(daysSinceEpoch: 0)) < ($1.completedOn ?? .init(daysSinceEpoch: 0)) }
    let education: TemplateValue = latest.map { e in
      [
        "credential": .string(e.credential), "level": .string(e.level.replacingHyphens),
        "university": .string(e.university ? "yes" : "no"), "institution": .string(e.institution),
        "dliNumber": TemplateValue(e.dliNumber), "program": TemplateValue(e.program), "cipCode": TemplateValue(e.cipCode),
        "lengthMonths": TemplateValue(e.lengthMonths.map(String.init)),
        "fullTime": TemplateValue(e.fullTime.map { $0 ? "yes" : "no" }),
        "distanceLearningPercent": TemplateValue(e.distanceLearningPercent.map { "\($0)%" }),
        "startedOn": long(e.startedOn), "completedOn": long(e.completedOn),
        "completionConfirmedOn": long(e.completionConfirmedOn),
        "applyBy": long(e.completionConfirmedOn?.adding(days: 180)),
        "daysUsed": TemplateValue(e.completionConfirmedOn.map { String($0.days(until: today)) }),
      ]
    } ?? .null
    let work: [TemplateValue] = a.workHistory.map { w in
      [
        "employer": .string(w.employer), "title": .string(w.title), "noc": TemplateValue(w.noc),
        "country": TemplateValue(w.country), "from": .string(w.from.longDescription),
        "to": .string(w.to?.longDescription ?? "present"),
        "hours": TemplateValue(w.hoursPerWeek.map { "\($0) h/week" }),
        "related": .string(w.relatedToCanadianEmployer ? "yes" : "no"),
      ]
    }
    let tests: [TemplateValue] = a.languageTests.map { t in
      [
        "test": .string(t.test), "language": .string(t.language == "fr" ? "French" : "English"),
        "date": .string(t.date.longDescription), "level": .string("\(t.language == "fr" ? "NCLC" : "CLB") \(t.clb)"),
      ]
    }
    let principal: TemplateValue = p.principal.map { q in
      [
        "name": TemplateValue([q.givenNames, q.familyName].compactMap { $0 }.joined(separator: " ")),
        "kind": .string(q.kind), "permitValidUntil": long(q.permitValidUntil), "noc": TemplateValue(q.noc),
        "teer": TemplateValue(q.teer.map(String.init)),
        "transitioning": .string(q.transitioningToPermanentResidence ? "yes" : "no"),
        "program": TemplateValue(
          q.program.map { "\($0.level.replacingHyphens)\($0.lengthMonths.map { ", \($0) months" } ?? "")" }),
        "monthsLeft": TemplateValue(q.permitValidUntil.map { String(today.months(until: $0)) }),
      ]
    } ?? .null
    let spouse: TemplateValue = p.family?.spouse.map { s in
      [
        "name": .string("\(s.givenNames) \(s.familyName)"), "relationship": .string(s.relationship.replacingHyphens),
        "since": long(s.since), "dateOfBirth": long(s.dateOfBirth),
        "citizenships": .string(s.citizenships.joined(separator: ", ")),
      ]
    } ?? .null
    let ict: TemplateValue = p.intraCompany.map { i in
      [
        "foreignEmployer": .string(i.foreignEmployer), "relationship": .string(i.relationship),
        "role": .string(i.role.replacingHyphens), "startUp": .string(i.startUp ? "yes" : "no"),
        "canadianPremises": .string(i.canadianPremises ? "yes" : "no"),
      ]
    } ?? .null
    let pr: TemplateValue = p.permanentResidence.map { r in
      [
        "program": .string(r.program), "expressEntry": .string(r.expressEntry ? "yes" : "no"),
        "applicationNumber": TemplateValue(r.applicationNumber), "aor": long(r.acknowledgementOfReceiptOn),
        "completenessCheck": .string(r.completenessCheckPassed ? "passed" : "not yet passed"),
        "positiveEligibility": long(r.positiveEligibilityOn),
      ]
    } ?? .null
    let nomination: TemplateValue = p.nomination.map { n in
      [
        "province": .string(n.province), "certificateNumber": TemplateValue(n.certificateNumber),
        "expiresOn": long(n.expiresOn), "restricted": .string(n.employmentRestriction ? "yes" : "no"),
      ]
    } ?? .null
    return [
      "education": education, "work": .list(work), "languageTests": .list(tests), "principal": principal,
      "spouse": spouse, "intraCompany": ict, "pr": pr, "nomination": nomination,
    ]
  }

  private static func long(_ d: CivilDate?) -> TemplateValue { TemplateValue(d?.longDescription) }
}

extension String {
  var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
