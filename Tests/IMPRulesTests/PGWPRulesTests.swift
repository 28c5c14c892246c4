import IMPRules
import Testing

@Suite("PGWP (C43): code, eligibility, checklist, validity")
struct PGWPRulesTests {
  @Test func eligibleFixture() throws {
    let p = try plan(fixture("pgwp-eligible"))
    #expect(
      [p.category.id, p.category.code, p.category.title, p.category.permit.rawValue, p.category.legalBasis] == [
        "pgwp", "C43", "Post-graduation work permit", "open", "R205(c)(ii)",
      ])
    #expect(p.eligibility.eligible)
    #expect(p.eligibility.unmet.isEmpty)
    #expect(p.forms == ["IMM 5710", "IMM 5476"])
    #expect(
      p.checklist.map(\.id) == [
        "application-form", "representative-form", "passport-copy", "photo", "status-document", "fee-receipt",
        "completion-letter", "transcript", "language-test",
      ])
    #expect(p.checklist.first { $0.id == "passport-copy" }?.status == "provided")
    #expect(p.checklist.first { $0.id == "transcript" }?.status == "missing")
    #expect(p.permitValidUntil.description == "2029-11-30")
    #expect(!p.biometricsRequired)
    #expect(!p.medicalExamRequired)
  }

  @Test func ineligibleFixtureNamesEveryUnmetRule() throws {
    let p = try plan(fixture("pgwp-ineligible"))
    #expect(!p.eligibility.eligible)
    #expect(
      Set(p.eligibility.unmet.map(\.rule)) == [
        "pgwp.port-of-entry", "pgwp.within-180-days", "pgwp.program-length", "pgwp.full-time",
        "pgwp.distance-learning", "pgwp.one-per-lifetime", "pgwp.field-of-study", "pgwp.language-test",
      ])
    // A designated-country stay, but a permit of exactly 6 months: not a stay *over* 6 months.
    #expect(!p.medicalExamRequired)
    #expect(p.checklist.first { $0.id == "language-test" }?.status == "expired")
  }

  @Test(arguments: [(6, false), (7, true)])
  func designatedCountryStayNeedsAMedicalOnlyForStaysOverSixMonths(_ months: Int, _ required: Bool) throws {
    var json = setting(fixture("pgwp-eligible"), "applicant.designatedCountryStay", true)
    json = setting(json, "submission.requestedValidUntil", CivilDate("2026-12-01")!.adding(months: months).description)
    #expect(try plan(json).medicalExamRequired == required)
  }

  @Test(arguments: [(180, true), (181, false), (0, true)])
  func the180DayWindow(_ days: Int, _ eligible: Bool) throws {
    let confirmed = CivilDate("2026-12-01")!.adding(days: -days)
    var json = setting(fixture("pgwp-eligible"), "applicant.education", nil)
    json = setting(
      json, "applicant.education",
      [[
        "credential": "MSc", "level": "master", "university": true, "institution": "U", "dliNumber": "O19395677482",
        "lengthMonths": 16, "fullTime": true, "distanceLearningPercent": 0,
        "completedOn": confirmed.adding(days: -1).description, "completionConfirmedOn": confirmed.description,
      ]])
    let p = try plan(json)
    #expect(p.eligibility.unmet.contains { $0.rule == "pgwp.within-180-days" } == !eligible)
  }

  @Test(arguments: [("master", true, 6, false), ("diploma", false, 6, true), ("bachelor", false, 6, false), ("bachelor", false, 7, true)])
  func languageLevelByCredential(_ level: String, _ university: Bool, _ clb: Int, _ eligible: Bool) throws {
    var json = fixture("pgwp-eligible")
    var edu = (json["applicant"] as! [String: Any])["education"] as! [[String: Any]]
    edu[0]["level"] = level
    edu[0]["university"] = university
    edu[0]["cipCode"] = "11.0701"
    edu[0]["studyPermitAppliedOn"] = "2024-03-01"
    json = setting(json, "applicant.education", edu)
    json = setting(json, "applicant.languageTests", [["test": "CELPIP", "language": "en", "date": "2026-01-10", "clb": clb]])
    let p = try plan(json)
    #expect(p.eligibility.eligible == eligible, "\(p.eligibility.unmet)")
  }

  @Test func passportCapsThePermitWithAWarning() throws {
    let json = setting(fixture("pgwp-eligible"), "applicant.passport.expiryDate", "2028-03-15")
    let p = try plan(json)
    #expect(p.permitValidUntil.description == "2028-03-15")
    #expect(p.eligibility.warnings.map(\.rule).contains("passport.expires-before-requested-end"))
    #expect(p.checklist.first { $0.id == "passport-copy" }?.status == "expiring")
  }

  @Test func shortProgramGivesAPermitAsLongAsTheProgram() throws {
    var json = setting(fixture("pgwp-eligible"), "submission.requestedValidUntil", nil)
    var edu = (json["applicant"] as! [String: Any])["education"] as! [[String: Any]]
    edu[0]["level"] = "diploma"
    edu[0]["university"] = false
    edu[0]["lengthMonths"] = 10
    json = setting(json, "applicant.education", edu)
    let p = try plan(json)
    #expect(p.permitValidUntil.description == "2027-10-01")
  }

  @Test func codeThatNamesAnotherCategoryIsExplained() throws {
    let json = setting(fixture("pgwp-eligible"), "category", "C23")
    #expect {
      try plan(json)
    } throws: { error in
      (error as! PlanError).message
        == "C23 is Reciprocal employment: performing arts (R205(b)), which does not fit this applicant's facts: they select C20 (Reciprocal employment (general)); note: the guide misuses C23 for Mobilité francophone, which is C16"
    }
  }

  @Test func officialCodeSelectsTheCategory() throws {
    let p = try plan(setting(fixture("pgwp-eligible"), "category", "C43"))
    #expect(p.category.id == "pgwp")
  }

  @Test func categoryIsChosenWhenTheProfileOmitsIt() throws {
    let p = try plan(setting(fixture("pgwp-eligible"), "category", nil))
    #expect(p.category.code == "C43")
  }
}
