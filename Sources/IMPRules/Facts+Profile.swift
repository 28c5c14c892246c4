extension Facts {
  /// The facts of `profile`, with its submission date as "today"; `wording` writes the
  /// facts that are phrases (the wage: `$30.00 per hour`).
  ///
  /// This is the one place that reads profile fields for rules; the catalog names these
  /// facts and never the profile's layout.
  public init(profile p: Profile, wording: Wording? = nil) {
    self.init(today: p.submission.date)
    let a = p.applicant
    let person = p.principalPerson
    set("submission.from", .string(p.submission.from), "submission.from")
    set("submission.date", .date(p.submission.date), "submission.date")
    set("submission.requestedValidUntil", p.submission.requestedValidUntil.map(Fact.date), "submission.requestedValidUntil")
    set(person: person)
    set("representative.name", p.representative.map { .string($0.name) }, "representative.name")
    set("representative.paid", p.representative.map { .bool($0.paid) }, "representative.paid")

    // The credential the application rests on: the most recently completed one.
    let edu = a.education.max { ($0.completedOn ?? .init(daysSinceEpoch: 0)) < ($1.completedOn ?? .init(daysSinceEpoch: 0)) }
    let e = "\(person.path).education[]"
    set("education.credential", edu.map { .string($0.credential) }, "\(e).credential")
    set("education.level", edu.map { .string($0.level) }, "\(e).level")
    set("education.university", edu.map { .bool($0.university) }, "\(e).university")
    set("education.institution", edu.map { .string($0.institution) }, "\(e).institution")
    set("education.dliNumber", edu?.dliNumber.map(Fact.string), "\(e).dliNumber")
    set("education.program", edu?.program.map(Fact.string), "\(e).program")
    set("education.cipCode", edu?.cipCode.map(Fact.string), "\(e).cipCode")
    set("education.lengthMonths", edu?.lengthMonths.map(Fact.number), "\(e).lengthMonths")
    set("education.fullTime", edu?.fullTime.map(Fact.bool), "\(e).fullTime")
    set("education.distanceLearningPercent", edu?.distanceLearningPercent.map(Fact.number), "\(e).distanceLearningPercent")
    set("education.startedOn", edu?.startedOn.map(Fact.date), "\(e).startedOn")
    set("education.completedOn", edu?.completedOn.map(Fact.date), "\(e).completedOn")
    set("education.completionConfirmedOn", edu?.completionConfirmedOn.map(Fact.date), "\(e).completionConfirmedOn")
    set(
      "education.daysSinceCompletionConfirmed", edu?.completionConfirmedOn.map { .number($0.days(until: today)) },
      "\(e).completionConfirmedOn")
    set("education.studyPermitAppliedOn", edu?.studyPermitAppliedOn.map(Fact.date), "\(e).studyPermitAppliedOn")
    set("education.curriculumLicensing", edu.map { .bool($0.curriculumLicensing) }, "\(e).curriculumLicensing")

    // Language: the best result overall, and the best among tests under two years old
    // (IRCC accepts results for two years from the test date).
    let tests = a.languageTests
    let recent = tests.filter { $0.date > today.adding(years: -2) }
    let l = "\(person.path).languageTests"
    if !tests.isEmpty {
      let best = tests.max { $0.clb < $1.clb }!
      set("language.bestClb", .number(best.clb), l)
      set("language.bestTestDate", .date(best.date), l)
      set("language.bestTest", .string("\(best.test) (\(best.date))"), l)
    } else {
      for name in ["language.bestClb", "language.bestTestDate", "language.bestTest"] { sources[name] = l }
    }
    set("language.bestRecentClb", recent.map(\.clb).max().map(Fact.number), l)
    if tests.isEmpty { sources["language.bestRecentClb"] = l }
    set("language.bestRecentNclcFrench", recent.filter { $0.language == "fr" }.map(\.clb).max().map(Fact.number), l)
    set("language.oldestTestDate", tests.map(\.date).min().map(Fact.date), l)
    let french = tests.filter { $0.language == "fr" }.max { $0.clb < $1.clb }
    set("language.bestFrenchTestDate", french.map { .date($0.date) }, l)

    set("spouse.relationship", p.family?.spouse.map { .string($0.relationship) }, "family.spouse.relationship")
    set("spouse.applyingTogether", .bool(p.family?.spouse?.applyingTogether ?? false), "family.spouse.applyingTogether")

    let j = p.job
    set("job.noc", j?.noc.map(Fact.string), "job.noc")
    set("job.teer", j?.teer.map(Fact.number), "job.noc")
    set("job.title", j?.title.map(Fact.string), "job.title")
    set("job.province", j?.workLocation.map { .string($0.province) }, "job.workLocation.province")
    set("job.settings", .strings(j?.settings ?? []), "job.settings")
    set("job.offerOfEmploymentNumber", j?.offerOfEmploymentNumber.map(Fact.string), "job.offerOfEmploymentNumber")
    set("job.employer", j?.employer.map { .string($0.legalName) }, "job.employer.legalName")
    set("job.startDate", j?.startDate.map(Fact.date), "job.startDate")
    set("job.endDate", j?.endDate.map(Fact.date), "job.endDate")
    set("job.hoursPerWeek", j?.hoursPerWeek.map(Fact.number), "job.hoursPerWeek")
    set("job.wage", j?.wage.map { .string(wording?.wage($0) ?? $0.per) }, "job.wage")
    set(
      "employer.complianceFeeExemption", j?.employer?.complianceFeeExemption.map(Fact.string),
      "job.employer.complianceFeeExemption")

    set(
      "work.history",
      .periods(
        a.workHistory.map {
          WorkPeriod(from: $0.from, to: $0.to, hoursPerWeek: $0.hoursPerWeek, related: $0.relatedToCanadianEmployer)
        }), "\(person.path).workHistory")
    // Whether a job with a related employer is still going on (no end date); unknown without a work history.
    set(
      "work.currentlyWithRelatedEmployer",
      a.workHistory.isEmpty ? nil : .bool(a.workHistory.contains { $0.relatedToCanadianEmployer && ($0.to.map { $0 >= today } ?? true) }),
      "\(person.path).workHistory[].to")
    set(
      "work.currentRelatedEmployer", a.workHistory.first { $0.to == nil && $0.relatedToCanadianEmployer }.map { .string($0.employer) },
      "\(person.path).workHistory[].to")

    let pr = p.principal
    set("principal.kind", pr.map { .string($0.kind) }, "principal.kind")
    set("principal.name", pr.flatMap { q in q.familyName.map { "\(q.givenNames ?? "") \($0)".trimmingPrefixSpace } }.map(Fact.string), "principal.familyName")
    set("principal.permitValidUntil", pr?.permitValidUntil.map(Fact.date), "principal.permitValidUntil")
    // The principal's own permit, for a letter that says until when they are authorized;
    // a principal applying in the same group has none yet (see ``FamilyFacts``).
    set("principal.authorizedUntil", pr?.permitValidUntil.map(Fact.date), "principal.permitValidUntil")
    set("principal.noc", pr?.noc.map(Fact.string), "principal.noc")
    set("principal.teer", pr?.teer.map(Fact.number), "principal.noc")
    set(
      "principal.transitioningToPermanentResidence", pr.map { .bool($0.transitioningToPermanentResidence) },
      "principal.transitioningToPermanentResidence")
    set("principal.programLevel", pr?.program.map { .string($0.level) }, "principal.program.level")
    set("principal.programLengthMonths", pr?.program?.lengthMonths.map(Fact.number), "principal.program.lengthMonths")

    let res = p.permanentResidence
    set("pr.program", res.map { .string($0.program) }, "permanentResidence.program")
    set("pr.expressEntry", res.map { .bool($0.expressEntry) }, "permanentResidence.expressEntry")
    set("pr.applicationNumber", res?.applicationNumber.map(Fact.string), "permanentResidence.applicationNumber")
    set(
      "pr.acknowledgementOfReceiptOn", res?.acknowledgementOfReceiptOn.map(Fact.date),
      "permanentResidence.acknowledgementOfReceiptOn")
    set("pr.completenessCheckPassed", res.map { .bool($0.completenessCheckPassed) }, "permanentResidence.completenessCheckPassed")
    set("pr.positiveEligibilityOn", res?.positiveEligibilityOn.map(Fact.date), "permanentResidence.positiveEligibilityOn")

    let n = p.nomination
    set("nomination.program", n.map { .string($0.program) }, "nomination.program")
    set("nomination.province", n.map { .string($0.province) }, "nomination.province")
    set("nomination.certificateNumber", n?.certificateNumber.map(Fact.string), "nomination.certificateNumber")
    set("nomination.expiresOn", n?.expiresOn.map(Fact.date), "nomination.expiresOn")
    set("nomination.employmentRestriction", n.map { .bool($0.employmentRestriction) }, "nomination.employmentRestriction")
    set("nomination.supportLetter", n.map { .bool($0.supportLetter) }, "nomination.supportLetter")

    let ict = p.intraCompany
    set("intraCompany.foreignEmployer", ict.map { .string($0.foreignEmployer) }, "intraCompany.foreignEmployer")
    set("intraCompany.relationship", ict.map { .string($0.relationship) }, "intraCompany.relationship")
    set("intraCompany.role", ict.map { .string($0.role) }, "intraCompany.role")
    set("intraCompany.startUp", ict.map { .bool($0.startUp) }, "intraCompany.startUp")
    set("intraCompany.canadianPremises", ict.map { .bool($0.canadianPremises) }, "intraCompany.canadianPremises")

    set("cusma.stream", p.cusma.map { .string($0.stream) }, "cusma.stream")
    set("cusma.profession", p.cusma?.profession.map(Fact.string), "cusma.profession")
    set("cusma.qualification", p.cusma?.qualification.map(Fact.string), "cusma.qualification")
    set("ceta.stream", p.ceta.map { .string($0.stream) }, "ceta.stream")
    set("ceta.profession", p.ceta.map { .string($0.profession) }, "ceta.profession")
    set("gats.profession", p.gats.map { .string($0.profession) }, "gats.profession")
    set("reciprocal.agreement", p.reciprocal.map { .string($0.agreement) }, "reciprocal.agreement")
    set("reciprocal.type", p.reciprocal.map { .string($0.type) }, "reciprocal.type")
    set(
      "reciprocal.artisticCulturalOrEducational", p.reciprocal.map { .bool($0.artisticCulturalOrEducational) },
      "reciprocal.artisticCulturalOrEducational")
    set("iec.stream", p.iec.map { .string($0.stream) }, "iec.stream")
    set("iec.invitationDate", p.iec?.invitationDate.map(Fact.date), "iec.invitationDate")
    set("iec.healthInsuranceUntil", p.iec?.healthInsuranceUntil.map(Fact.date), "iec.healthInsuranceUntil")
    set("iec.recognizedOrganization", p.iec?.recognizedOrganization.map(Fact.string), "iec.recognizedOrganization")
    set("religious.kind", p.religious.map { .string($0.kind) }, "religious.kind")
    set("religious.organization", p.religious.map { .string($0.organization) }, "religious.organization")
    set("religious.role", p.religious?.role.map(Fact.string), "religious.role")
    set("religious.paid", p.religious.map { .bool($0.paid) }, "religious.paid")
    set("significantBenefit.rationale", p.significantBenefit.map { .string($0.rationale) }, "significantBenefit.rationale")
    set(
      "family.childrenApplyingTogether", .number(p.family?.children.filter(\.applyingTogether).count ?? 0),
      "family.children[].applyingTogether")
    set("spouse.name", p.family?.spouse.map { .string("\($0.givenNames) \($0.familyName)") }, "family.spouse.familyName")
    set("spouse.since", p.family?.spouse?.since.map(Fact.date), "family.spouse.since")
  }

  /// Every fact name ``init(profile:)`` can make, whatever the profile holds: each is
  /// recorded with its source even when absent, so a profile with nothing optional shows them all.
  public static let profileNames: Set<String> = {
    let day = CivilDate(daysSinceEpoch: 0)
    let applicant = Profile.Applicant(
      familyName: "", givenNames: "", dateOfBirth: day, citizenships: [], usPermanentResident: false,
      designatedCountryStay: false, languageTests: [], education: [], workHistory: [], previousPgwp: false)
    let empty = Profile(
      schemaVersion: 1, caseId: "", language: "en", submission: .init(date: day, from: ""), applicant: applicant,
      provided: [])
    // Facts only a family member's object holds (a child's `school`) count too.
    return Set(Facts(profile: empty).sources.keys).union(PersonFact.all.map(\.name))
  }()

  mutating func set(_ name: String, _ value: Fact?, _ source: String) {
    values[name] = value
    sources[name] = source
  }
}

extension String {
  var trimmingPrefixSpace: String { hasPrefix(" ") ? String(dropFirst()) : self }
}
