import IMPRules
import Testing

/// Families applying together (IRCC-FACTS §9): each member's application, code, fees and documents.
@Suite("Families applying together")
struct FamilyTests {
  private func members(_ p: Plan) throws -> [Plan.Member] { try #require(p.family).members }
  private func amount(_ f: Plan.FeeBreakdown, _ id: String) -> String? {
    f.lines.first { $0.id == id }?.amount.description
  }
  /// Every biometrics line of the group, principal first.
  private func biometrics(_ p: Plan) throws -> [String?] {
    try ([p.fees] + members(p).map(\.fees)).map { amount($0, "biometrics") }
  }

  @Test func theExampleOfSection9TotalsSevenHundredThirty() throws {
    let p = try plan(fixture("family-example-s9"))
    let m = try members(p)
    #expect(m.map(\.member) == ["spouse", "child-1"])
    #expect(m.map(\.application) == ["work-permit", "study-permit"])
    #expect(m[0].category.code == "C41")
    #expect(m[1].category.id == "minor-study-permit" && m[1].category.code.isEmpty)
    #expect(m[1].note?.contains("not a work permit of the International Mobility Program") == true)
    #expect(amount(m[1].fees, "study-permit") == "150.00" && amount(m[1].fees, "work-permit") == nil)
    #expect(try biometrics(p) == ["85.00", "85.00", nil])  // $170 once; the 10-year-old is exempt
    #expect(p.family?.totals.applicant.description == "730.00")
    #expect(p.family?.totals.employer.description == "230.00")
    // The principal's own object is as before: its own fees only.
    #expect(p.category.code == "C62" && p.fees.totals.applicant.description == "240.00")
  }

  @Test func aPGWPSpouseGetsHerOwnFeesDocumentsAndTheNameOfThePrincipalsApplication() throws {
    let p = try plan(fixture("family-pgwp-spouse"))
    let spouse = try #require(try members(p).first)
    #expect(spouse.category.code == "C41" && spouse.eligibility.eligible)
    #expect(spouse.fees.lines.map(\.id) == ["work-permit", "open-work-permit-holder", "biometrics"])
    #expect(spouse.fees.totals.applicant.description == "340.00")
    // The principal gave biometrics in 2023: only the spouse pays, $85, once.
    #expect(try biometrics(p) == [nil, "85.00"])
    #expect(p.family?.totals.applicant.description == "595.00")
    let ids = spouse.checklist.map(\.id)
    #expect(ids.contains("relationship-proof") && ids.contains("principal-application") && !ids.contains("principal-permit"))
    #expect(spouse.checklist.first { $0.id == "relationship-proof" }?.slot == "Marriage or common-law evidence")
    #expect(spouse.checklist.first { $0.id == "passport-copy" }?.reason.contains("2031-08-15") == true)
    let facts = Dictionary(spouse.letterFacts.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
    #expect(facts["Principal's application"] == "applied for in the same group: C43, Post-graduation work permit")
    #expect(facts["Principal authorized until"] == nil)
    // R186(w): the PGWP is decided first and the spouse's permit rests on it.
    #expect(spouse.eligibility.warnings.map(\.rule).contains("spouse.principal-pgwp-r186w"))
  }

  @Test func anICTFamilyWithTwoChildrenPaysBiometricsOnceAndTheYoungestNone() throws {
    let p = try plan(fixture("family-ict"))
    let m = try members(p)
    #expect(m.map(\.member) == ["spouse", "child-1", "child-2"])
    #expect(m.map(\.application) == ["work-permit", "study-permit", "study-permit"])
    #expect(m[0].category.code == "C41")
    // Principal and spouse pay $85 each; the 15-year-old owes none (family maximum reached),
    // the 10-year-old is exempt.
    #expect(try biometrics(p) == ["85.00", "85.00", "0.00", nil])
    #expect(m[2].biometrics.map(\.reason) == ["under 14"])
    #expect(m[1].checklist.map(\.id).contains("birth-certificate"))
    #expect(m[1].checklist.first { $0.id == "birth-certificate" }?.slot == "Client Information")
    #expect(m[1].forms == ["IMM 1294"])
    #expect(p.family?.totals.applicant.description == "880.00")
  }

  @Test func aTEER4PrincipalOnThePathToPermanentResidenceGivesTheSpouseC47() throws {
    let p = try plan(fixture("family-teer4-pr"))
    let spouse = try #require(try members(p).first)
    #expect(p.category.code == "T13")
    #expect(spouse.category.code == "C47" && spouse.eligibility.eligible)
    #expect(spouse.checklist.map(\.id).contains("principal-pr-evidence"))
    #expect(p.family?.totals.applicant.description == "580.00")
  }

  @Test func anIneligiblePrincipalMakesTheFamilysPlansFailWithTheReason() throws {
    let json = setting(fixture("family-pgwp-spouse"), "applicant.education", [])
    let p = try plan(json)
    #expect(!p.eligibility.eligible)
    let spouse = try #require(try members(p).first)
    #expect(!spouse.eligibility.eligible)
    let first = try #require(spouse.eligibility.unmet.first)
    #expect(first.rule == "family.principal-not-eligible")
    #expect(first.message.contains("C43") && first.message.contains(p.eligibility.unmet[0].message))
  }

  @Test func aChildsApplicationFollowsSchoolWorkAndWhereTheFamilyApplies() throws {
    func child(_ from: String, school: Bool?, work: Bool?) throws -> Plan.Member {
      var json = setting(fixture("family-example-s9"), "submission.from", from)
      var c: [String: Any] = [
        "givenNames": "Maisie", "dateOfBirth": "2016-09-30", "citizenships": ["GB"], "applyingTogether": true,
        "passport": ["number": "534567890", "country": "GB", "expiryDate": "2029-10-31"],
      ]
      c["school"] = school
      c["work"] = work
      json = setting(json, "family", ["children": [c]])
      return try #require(try members(plan(json)).first)
    }
    #expect(try child("outside-canada", school: true, work: nil).application == "study-permit")
    let inCanada = try child("inside-canada", school: true, work: nil)
    #expect(inCanada.application == "none" && inCanada.fees.lines.isEmpty && inCanada.permitValidUntil == nil)
    let visitor = try child("port-of-entry", school: true, work: nil)
    #expect(visitor.application == "visitor-record" && visitor.fees.totals.applicant.description == "100.00")
    // A worker's child: no open permit since 21 Jan 2025 unless the principal is on a PR path.
    let worker = try child("outside-canada", school: false, work: true)
    #expect(worker.application == "work-permit" && worker.category.code == "C46")
    #expect(worker.eligibility.unmet.map(\.rule) == ["child.principal-transitioning"])
  }

  @Test func aChildOfAPRTrackTEER4WorkerGetsC48() throws {
    let json = setting(
      fixture("family-teer4-pr"), "family.children",
      [
        [
          "givenNames": "Arjun", "dateOfBirth": "2008-05-01", "citizenships": ["IN"], "applyingTogether": true, "work": true,
          "passport": ["number": "Z1234987", "country": "IN", "expiryDate": "2032-01-31"],
        ]
      ])
    let child = try #require(try members(plan(json)).last)
    #expect(child.category.code == "C48" && child.eligibility.eligible)
    #expect(child.fees.lines.map(\.id) == ["work-permit", "open-work-permit-holder", "biometrics"])
    #expect(amount(child.fees, "biometrics") == "0.00")  // principal and spouse reached $170
  }

  @Test func aMembersOwnProvidedListMarksTheirChecklistAndNotThePrincipals() throws {
    // The principal has handed over passport-copy and photo; the spouse only the marriage certificate.
    let json = setting(fixture("family-pgwp-spouse"), "family.spouse.provided", ["relationship-proof", "photo"])
    let p = try plan(json)
    let spouse = try #require(try members(p).first)
    let status = Dictionary(spouse.checklist.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
    #expect(status["relationship-proof"] == "provided" && status["photo"] == "provided")
    #expect(status["passport-copy"] == "missing")  // the principal's passport is not the spouse's
    let principal = Dictionary(p.checklist.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
    #expect(principal["passport-copy"] == "provided" && principal["photo"] == "provided")
    // A child's list is read the same way.
    let s9 = setting(
      fixture("family-example-s9"), "family.children",
      [
        [
          "givenNames": "Maisie", "dateOfBirth": "2016-09-30", "citizenships": ["GB"], "applyingTogether": true,
          "school": true, "provided": ["birth-certificate"],
          "passport": ["number": "534567890", "country": "GB", "expiryDate": "2029-10-31"],
        ]
      ])
    let child = try #require(try members(plan(s9)).last)
    #expect(child.checklist.first { $0.id == "birth-certificate" }?.status == "provided")
    #expect(child.checklist.first { $0.id == "letter-of-acceptance" }?.status == "missing")
  }

  @Test func aMembersUnknownProvidedIdIsNamedWithItsPathAndTheNearestId() throws {
    var json = setting(fixture("family-pgwp-spouse"), "family.spouse.provided", ["passport-copy", "relationship-prof"])
    let issues = issuesAgainstCatalog(json)
    #expect(issues.map(\.path) == ["family.spouse.provided[1]"])
    #expect(issues.first?.message.contains("did you mean \"relationship-proof\"") == true)
    json = setting(json, "family.spouse.provided", [""])
    #expect(throws: ProfileErrors.self) { try profile(json) }
  }

  @Test func familyOnlyPermitsAreNotOfferedToTheApplicant() throws {
    let p = try profile(fixture("ict"))
    let assessed = try shippedPlanner.assess(p).map(\.category)
    #expect(!assessed.contains("child-of-worker") && !assessed.contains("minor-study-permit"))
    #expect(shippedCatalog.category(idOrCode: "C46") == nil)
    #expect(throws: PlanError.self) { try shippedPlanner.plan(try profile(setting(fixture("ict"), "category", "child-of-worker"))) }
  }
}
