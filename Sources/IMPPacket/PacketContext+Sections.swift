import IMPRules
import XMLTemplates

extension PacketContext {
  /// The profile's sections that category letters read: education, work history,
  /// principal, spouse, the intra-company transfer and the permanent-residence application.
  static func sections(_ p: Profile, _ w: Wording) -> [String: TemplateValue] {
    func long(_ d: CivilDate?) -> TemplateValue { TemplateValue(d.map(w.date)) }
    let a = p.applicant
    let today = p.submission.date
    let latest = a.education.max { ($0.completedOn ?? .init(daysSinceEpoch: 0)) < ($1.completedOn ?? .init(daysSinceEpoch: 0)) }
    let education: TemplateValue = latest.map { e in
      [
        "credential": .string(e.credential), "level": .string(w.value("educationLevel", e.level)),
        "university": .string(w.yesNo(e.university)), "institution": .string(e.institution),
        "dliNumber": TemplateValue(e.dliNumber), "program": TemplateValue(e.program), "cipCode": TemplateValue(e.cipCode),
        "lengthMonths": TemplateValue(e.lengthMonths.map(String.init)),
        "fullTime": TemplateValue(e.fullTime.map(w.yesNo)),
        "distanceLearningPercent": TemplateValue(e.distanceLearningPercent.map { w.phrase("percent", ["value": String($0)]) }),
        "startedOn": long(e.startedOn), "completedOn": long(e.completedOn),
        "completionConfirmedOn": long(e.completionConfirmedOn),
        "applyBy": long(e.completionConfirmedOn?.adding(days: 180)),
        "daysUsed": TemplateValue(e.completionConfirmedOn.map { String($0.days(until: today)) }),
      ]
    } ?? .null
    let work: [TemplateValue] = a.workHistory.map { job in
      [
        "employer": .string(job.employer), "title": .string(job.title), "noc": TemplateValue(job.noc),
        "country": TemplateValue(job.country), "from": .string(w.date(job.from)),
        "to": .string(job.to.map(w.date) ?? w.phrase("present")),
        "hours": TemplateValue(job.hoursPerWeek.map { w.phrase("hoursPerWeek", ["hours": String($0)]) }),
        "related": .string(w.yesNo(job.relatedToCanadianEmployer)),
      ]
    }
    let tests: [TemplateValue] = a.languageTests.map { t in
      [
        "test": .string(t.test), "language": .string(w.phrase("testLanguage.\(t.language)")),
        "date": .string(w.date(t.date)), "level": .string(w.phrase("testLevel.\(t.language)", ["level": String(t.clb)])),
      ]
    }
    let principal: TemplateValue = p.principal.map { q in
      [
        "name": TemplateValue([q.givenNames, q.familyName].compactMap { $0 }.joined(separator: " ")),
        "kind": .string(w.value("principalKind", q.kind)), "permitValidUntil": long(q.permitValidUntil), "noc": TemplateValue(q.noc),
        "teer": TemplateValue(q.teer.map(String.init)),
        "transitioning": .string(w.yesNo(q.transitioningToPermanentResidence)),
        "program": TemplateValue(
          q.program.map { program in
            let level = w.value("educationLevel", program.level)
            return program.lengthMonths.map { w.phrase("programMonths", ["program": level, "months": String($0)]) } ?? level
          }),
        "monthsLeft": TemplateValue(q.permitValidUntil.map { String(today.months(until: $0)) }),
      ]
    } ?? .null
    let spouse: TemplateValue = p.family?.spouse.map { s in
      [
        "name": .string("\(s.givenNames) \(s.familyName)"), "relationship": .string(w.value("spouseRelationship", s.relationship)),
        "since": long(s.since), "dateOfBirth": long(s.dateOfBirth),
        "citizenships": .string(s.citizenships.joined(separator: ", ")),
      ]
    } ?? .null
    let ict: TemplateValue = p.intraCompany.map { i in
      [
        "foreignEmployer": .string(i.foreignEmployer), "relationship": .string(w.value("ictRelationship", i.relationship)),
        "role": .string(w.value("ictRole", i.role)), "startUp": .string(w.yesNo(i.startUp)),
        "canadianPremises": .string(w.yesNo(i.canadianPremises)),
      ]
    } ?? .null
    let pr: TemplateValue = p.permanentResidence.map { r in
      [
        "program": .string(r.program), "expressEntry": .string(w.yesNo(r.expressEntry)),
        "applicationNumber": TemplateValue(r.applicationNumber), "aor": long(r.acknowledgementOfReceiptOn),
        "completenessCheck": .string(w.phrase(r.completenessCheckPassed ? "completeness.passed" : "completeness.notPassed")),
        "positiveEligibility": long(r.positiveEligibilityOn),
      ]
    } ?? .null
    let nomination: TemplateValue = p.nomination.map { n in
      [
        "province": .string(n.province), "certificateNumber": TemplateValue(n.certificateNumber),
        "expiresOn": long(n.expiresOn), "restricted": .string(w.yesNo(n.employmentRestriction)),
      ]
    } ?? .null
    return [
      "education": education, "work": .list(work), "languageTests": .list(tests), "principal": principal,
      "spouse": spouse, "intraCompany": ict, "pr": pr, "nomination": nomination,
    ]
  }
}
