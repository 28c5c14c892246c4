import Foundation
import IMPRules
import Testing

/// One fixture per category: what IRCC-FACTS.md says its plan must hold.
struct Expected: CustomTestStringConvertible, Sendable {
  var fixture: String
  var code: String
  var permit: String
  var applicant: String
  var employer: String
  var documents: [String]
  var testDescription: String { fixture }
}

let expectations: [Expected] = [
  .init(fixture: "pgwp-eligible", code: "C43", permit: "open", applicant: "255.00", employer: "0.00", documents: ["completion-letter", "transcript", "language-test"]),
  .init(fixture: "cusma-professional", code: "T36", permit: "employer-specific", applicant: "155.00", employer: "230.00", documents: ["proof-of-citizenship", "qualification-evidence", "offer-of-employment"]),
  .init(fixture: "cusma-trader", code: "T34", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["trader-evidence", "enterprise-nationality"]),
  .init(fixture: "cusma-investor", code: "T35", permit: "employer-specific", applicant: "155.00", employer: "230.00", documents: ["investor-evidence"]),
  .init(fixture: "cusma-ict", code: "T38", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["qualifying-relationship-proof", "one-year-employment-proof"]),
  .init(fixture: "ceta-professional", code: "T47", permit: "employer-specific", applicant: "155.00", employer: "230.00", documents: ["service-contract"]),
  .init(fixture: "gats-professional", code: "T33", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["service-contract"]),
  .init(fixture: "significant-benefit", code: "C10", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["significant-benefit-evidence"]),
  .init(fixture: "iec-working-holiday", code: "C21", permit: "open", applicant: "369.75", employer: "0.00", documents: ["iec-invitation", "health-insurance"]),
  .init(fixture: "iec-young-professionals", code: "C21", permit: "employer-specific", applicant: "184.75", employer: "230.00", documents: ["offer-of-employment", "health-insurance"]),
  .init(fixture: "provincial-nominee", code: "T13", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["nomination-certificate", "provincial-support-letter"]),
  .init(fixture: "atlantic", code: "C18", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["aip-endorsement"]),
  .init(fixture: "religious", code: "C50", permit: "employer-specific", applicant: "85.00", employer: "0.00", documents: ["organization-letter", "religious-credentials"]),
  .init(fixture: "charitable", code: "C51", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["organization-letter", "organization-status"]),
  .init(fixture: "spouse-of-worker", code: "C41", permit: "open", applicant: "340.00", employer: "0.00", documents: ["relationship-proof", "principal-permit", "principal-employer-letter"]),
  .init(fixture: "spouse-of-student", code: "C42", permit: "open", applicant: "340.00", employer: "0.00", documents: ["relationship-proof", "common-law-declaration", "principal-enrolment"]),
  .init(fixture: "bowp", code: "A75", permit: "open", applicant: "255.00", employer: "0.00", documents: ["pr-stage-proof", "status-document"]),
  .init(fixture: "ict", code: "C62", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["qualifying-relationship-proof", "transfer-letter"]),
  .init(fixture: "francophone-mobility", code: "C16", permit: "employer-specific", applicant: "240.00", employer: "230.00", documents: ["french-test", "medical-exam"]),
  .init(fixture: "reciprocal-employment", code: "C23", permit: "employer-specific", applicant: "155.00", employer: "230.00", documents: ["reciprocity-evidence"]),
]

@Suite("Every category: official code, permit, fees and documents of its fixture")
struct CategoryTests {
  @Test(arguments: expectations)
  func fixturePlan(_ e: Expected) throws {
    let p = try plan(fixture(e.fixture))
    #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
    #expect(p.category.code == e.code)
    #expect(p.category.permit.rawValue == e.permit)
    #expect(p.fees.totals.applicant.description == e.applicant)
    #expect(p.fees.totals.employer.description == e.employer)
    let ids = Set(p.checklist.map(\.id))
    for d in e.documents { #expect(ids.contains(d), "\(e.fixture) lacks \(d)") }
    #expect(ids.contains("offer-of-employment") == (e.permit == "employer-specific"))
  }

  @Test(arguments: expectations)
  func categoryIsFoundWithoutBeingNamed(_ e: Expected) throws {
    let p = try plan(setting(fixture(e.fixture), "category", nil))
    #expect(p.category.code == e.code)
  }

  @Test func everyCategoryHasAFixture() {
    let covered = Set(expectations.compactMap { try? plan(fixture($0.fixture)).category.id })
    // A family member's own permits are covered by FamilyTests, from the family fixtures.
    #expect(covered == Set(shippedCatalog.categories.filter { $0.familyMember == nil }.map(\.id)))
  }
}

/// A change to a fixture that must make it ineligible, and the rule that must say so.
struct Breakage: CustomTestStringConvertible, Sendable {
  var fixture: String
  var path: String
  var value: JSONBox
  var rule: String
  var testDescription: String { "\(fixture): \(path) → \(rule)" }
}

/// JSON values that are Sendable, for test arguments.
enum JSONBox: Sendable {
  case string(String), bool(Bool), strings([String]), none
  var any: Any? {
    switch self {
    case .string(let s): s
    case .bool(let b): b
    case .strings(let l): l
    case .none: nil
    }
  }
}

let breakages: [Breakage] = [
  .init(fixture: "cusma-professional", path: "applicant.citizenships", value: .strings(["GB"]), rule: "cusma.citizenship"),
  .init(fixture: "cusma-trader", path: "applicant.citizenships", value: .strings(["BR"]), rule: "cusma.citizenship"),
  .init(fixture: "cusma-investor", path: "cusma.stream", value: .string("trader"), rule: "cusma.investor"),
  .init(fixture: "cusma-ict", path: "intraCompany.canadianPremises", value: .bool(false), rule: "ict.premises"),
  .init(fixture: "ceta-professional", path: "applicant.citizenships", value: .strings(["GB"]), rule: "ceta.citizenship"),
  .init(fixture: "gats-professional", path: "gats", value: .none, rule: "gats.profession"),
  .init(fixture: "significant-benefit", path: "significantBenefit", value: .none, rule: "c10.rationale"),
  .init(fixture: "iec-working-holiday", path: "applicant.dateOfBirth", value: .string("1985-01-01"), rule: "iec.age-by-country"),
  .init(fixture: "iec-young-professionals", path: "job.offerOfEmploymentNumber", value: .none, rule: "offer.employer-portal"),
  .init(fixture: "provincial-nominee", path: "job.workLocation.province", value: .string("AB"), rule: "t13.same-province"),
  .init(fixture: "provincial-nominee", path: "nomination.province", value: .string("QC"), rule: "t13.nomination"),
  .init(fixture: "atlantic", path: "nomination.province", value: .string("ON"), rule: "aip.endorsement"),
  .init(fixture: "religious", path: "religious.kind", value: .string("charitable"), rule: "religious.organization"),
  .init(fixture: "charitable", path: "job.offerOfEmploymentNumber", value: .none, rule: "offer.employer-portal"),
  .init(fixture: "spouse-of-worker", path: "principal.permitValidUntil", value: .string("2027-06-30"), rule: "spouse.principal-16-months"),
  .init(fixture: "spouse-of-worker", path: "principal.noc", value: .string("65200"), rule: "spouse.principal-teer"),
  .init(fixture: "spouse-of-student", path: "principal.program.level", value: .string("bachelor"), rule: "c42.program"),
  .init(fixture: "bowp", path: "submission.from", value: .string("outside-canada"), rule: "bowp.inside-canada"),
  .init(fixture: "bowp", path: "permanentResidence.completenessCheckPassed", value: .bool(false), rule: "bowp.completeness-check"),
  .init(fixture: "bowp", path: "submission.from", value: .string("port-of-entry"), rule: "port-of-entry.not-allowed"),
  .init(fixture: "ict", path: "applicant.workHistory", value: .none, rule: "ict.one-year-continuous"),
  .init(fixture: "francophone-mobility", path: "job.workLocation.province", value: .string("QC"), rule: "c16.outside-quebec"),
  .init(fixture: "reciprocal-employment", path: "reciprocal", value: .none, rule: "c20.agreement"),
]

@Suite("Every category: a change that makes the applicant ineligible names the rule")
struct IneligibleTests {
  @Test(arguments: breakages)
  func breakage(_ b: Breakage) throws {
    let p = try plan(setting(fixture(b.fixture), b.path, b.value.any))
    #expect(!p.eligibility.eligible)
    #expect(p.eligibility.unmet.map(\.rule).contains(b.rule), "\(p.eligibility.unmet.map(\.rule))")
  }

  @Test func flagpolingIsRefusedExceptForExemptApplicants() throws {
    var json = setting(fixture("charitable"), "submission.from", "port-of-entry")
    json = setting(json, "applicant.status", ["type": "visitor", "validUntil": "2027-01-31"])
    #expect(try plan(json).eligibility.unmet.map(\.rule) == ["port-of-entry.flagpoling"])
    #expect(try plan(setting(json, "applicant.usPermanentResident", true)).eligibility.eligible)
    var t36 = setting(fixture("cusma-professional"), "applicant.citizenships", ["MX"])
    t36 = setting(t36, "applicant.status", ["type": "worker", "validUntil": "2027-01-31"])
    #expect(try plan(t36).eligibility.eligible)  // T36 is on the flagpoling-exemption list
  }

  @Test func borderApplicationNeedsTheMedicalCertificateInHand() throws {
    var json = setting(fixture("francophone-mobility"), "submission.from", "port-of-entry")
    #expect(try plan(json).eligibility.eligible)  // the exam of 2026-10-20 is on file
    json = setting(json, "applicant.medicalExam", nil)
    let p = try plan(json)
    #expect(p.eligibility.unmet.map(\.rule) == ["port-of-entry.medical-certificate"])
    #expect(p.eligibility.warnings.map(\.rule).contains("port-of-entry.visa-exempt"))
  }

  @Test func iecAtTheBorderOnlyForUSCitizensAndPermanentResidents() throws {
    let json = setting(fixture("iec-working-holiday"), "submission.from", "port-of-entry")
    #expect(try plan(json).eligibility.unmet.map(\.rule) == ["port-of-entry.not-allowed"])
    #expect(try plan(setting(json, "applicant.usPermanentResident", true)).eligibility.eligible)
  }
}

@Suite("Codes chosen by the facts")
struct CodeSelectionTests {
  @Test(arguments: [
    ("ict", "intraCompany.startUp", JSONBox.bool(true), "C61"),
    ("ict", "intraCompany.role", .string("specialized-knowledge"), "C63"),
    ("ict", "intraCompany.role", .string("functional-manager"), "C62"),
    ("cusma-ict", "intraCompany.role", .string("executive"), "T37"),
    ("ceta-professional", "ceta.stream", .string("independent-professional"), "T43"),
    ("ceta-professional", "ceta.stream", .string("technologist"), "T48"),
    ("reciprocal-employment", "reciprocal.type", .string("academic-exchange"), "C22"),
    ("reciprocal-employment", "reciprocal.type", .string("camp-counsellor"), "C24"),
    ("reciprocal-employment", "reciprocal.type", .string("coach-athlete"), "C26"),
    ("reciprocal-employment", "reciprocal.type", .string("general"), "C20"),
  ])
  func code(_ fixtureName: String, _ path: String, _ value: JSONBox, _ code: String) throws {
    #expect(try plan(setting(fixture(fixtureName), path, value.any)).category.code == code)
  }

  @Test func startUpTransferIsOneYear() throws {
    let p = try plan(setting(fixture("ict"), "intraCompany.startUp", true))
    #expect(p.permitValidUntil.description == "2027-12-01")
    #expect(p.checklist.contains { $0.id == "start-up-plan" })
  }

  @Test func spouseOfTEER5WorkerTransitioningToPRIsC47() throws {
    var json = setting(fixture("spouse-of-worker"), "principal.noc", "65200")
    json = setting(json, "principal.transitioningToPermanentResidence", true)
    json = setting(json, "principal.permitValidUntil", "2027-07-01")
    let p = try plan(json)
    #expect(p.category.code == "C47")
    #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
    #expect(p.permitValidUntil.description == "2027-07-01")
    #expect(p.checklist.contains { $0.id == "principal-pr-evidence" })
  }

  @Test func iecCoOpIsEmployerSpecific() throws {
    let p = try plan(setting(fixture("iec-young-professionals"), "iec.stream", "international-co-op"))
    #expect(p.category.permit == .employerSpecific)
    #expect(p.category.title == "International Experience Canada: International Co-op (Internship)")
    #expect(p.checklist.contains { $0.id == "co-op-agreement" })
  }

  @Test func codeThatContradictsTheFactsIsAnError() throws {
    let json = setting(setting(fixture("ict"), "category", "C63"), "intraCompany.role", "executive")
    #expect {
      try plan(json)
    } throws: { error in
      (error as! PlanError).message
        == "C63 is Intra-company transferee: specialized knowledge (R205(a)), which does not fit this applicant's facts: they select C62 (Intra-company transferee: executive or manager)"
    }
  }

  @Test func cusmaTransferWinsOverTheGeneralOneForAUSCitizen() throws {
    var json = setting(fixture("ict"), "category", nil)
    json = setting(json, "applicant.citizenships", ["US"])
    #expect(try plan(json).category.code == "T37")
  }
}

@Suite("Fee exemptions of IRCC-FACTS §2")
struct FeeExemptionTests {
  @Test func paidReligiousWorkPaysBothFees() throws {
    let p = try plan(setting(fixture("religious"), "religious.paid", true))
    #expect(p.fees.lines.map(\.id) == ["work-permit", "employer-compliance", "biometrics"])
    #expect(p.eligibility.eligible)
  }

  @Test func unpaidReligiousWorkIsExemptFromBothFeesButStillNeedsThePortalOffer() throws {
    let p = try plan(fixture("religious"))
    #expect(p.fees.lines.map(\.id) == ["biometrics"])
    // R303.1(5) removes the fee, not the offer: only R209.91 employers skip the portal (IRCC-FACTS §3.2).
    let withoutOffer = try plan(setting(fixture("religious"), "job.offerOfEmploymentNumber", nil))
    #expect(withoutOffer.eligibility.unmet.map(\.rule) == ["offer.employer-portal"])
    #expect(p.checklist.contains { $0.id == "offer-of-employment" })
  }

  @Test func artisticReciprocalWorkIsExemptFromBoth() throws {
    let p = try plan(setting(fixture("reciprocal-employment"), "reciprocal.artisticCulturalOrEducational", true))
    #expect(p.fees.lines.map(\.id) == [])
    #expect(p.fees.totals.applicant.description == "0.00")
  }

  @Test func exemptEmployerPaysNoComplianceFeeAndNeedsNoOfferNumber() throws {
    var json = setting(fixture("significant-benefit"), "job.employer.complianceFeeExemption", "foreign-government")
    json = setting(json, "job.offerOfEmploymentNumber", nil)
    let p = try plan(json)
    #expect(p.eligibility.eligible)
    #expect(p.fees.totals.employer.description == "0.00")
    #expect(p.fees.totals.applicant.description == "240.00")
    #expect(p.checklist.contains { $0.id == "exempt-job-offer" })
    // Only the R209.91 classes exempt an employer: free text is a mistake, not an exemption.
    guard case .failure(let e) = decode(setting(fixture("significant-benefit"), "job.employer.complianceFeeExemption", "none"))
    else {
      Issue.record("\"none\" was taken as an exemption")
      return
    }
    #expect(e.issues.map(\.path) == ["job.employer.complianceFeeExemption"])
  }

  @Test func iecPaysParticipationInsteadOfProcessingFee() throws {
    let p = try plan(fixture("iec-working-holiday"))
    #expect(p.fees.lines.map(\.id) == ["iec-participation", "open-work-permit-holder", "biometrics"])
    #expect(p.fees.lines.first?.amount.description == "184.75")
    let before = try plan(setting(setting(fixture("iec-working-holiday"), "submission.date", "2025-11-30"), "iec.invitationDate", "2025-11-01"))
    #expect(before.fees.lines.first?.amount.description == "179.75")
  }

  @Test func openPermitsNeverChargeTheEmployerAndEmployerSpecificNeverChargeTheHolderFee() throws {
    for e in expectations {
      let p = try plan(fixture(e.fixture))
      let ids = p.fees.lines.map(\.id)
      if p.category.permit == .open {
        #expect(!ids.contains("employer-compliance"), "\(e.fixture)")
      } else {
        #expect(!ids.contains("open-work-permit-holder"), "\(e.fixture)")
      }
    }
  }
}

@Suite("assess explains every category")
struct AssessTests {
  @Test func otherCategoriesSayWhyTheyDoNotFit() throws {
    let results = try shippedPlanner.assess(try profile(fixture("ict")))
    #expect(results.count == shippedCatalog.categories.filter { $0.familyMember == nil }.count)
    #expect(results.filter { $0.verdict == .eligible }.map(\.category) == ["ict"])
    for r in results where r.category != "ict" {
      #expect(r.verdict != .eligible, "\(r.category)")
      if r.verdict == .notEligible { #expect(!r.unmet.isEmpty, "\(r.category) gives no reason") }
      if r.verdict == .needsFacts { #expect(!r.missingFacts.isEmpty && r.unmet.isEmpty, "\(r.category)") }
    }
    // The CUSMA transfer fails on a rule no fact can fix: the worker is a UK citizen.
    #expect(results.first { $0.category == "cusma-ict" }?.verdict == .notEligible)
  }
}

@Suite("Texts shown to officers and workers hold no raw placeholders")
struct PlaceholderTests {
  @Test(arguments: expectations.map(\.fixture) + ["pgwp-ineligible"])
  func noPlaceholderLeft(_ name: String) throws {
    let p = try plan(fixture(name))
    let texts =
      p.checklist.flatMap { [$0.title, $0.reason] } + p.eligibility.unmet.map(\.message)
      + p.eligibility.warnings.map(\.message)
    for t in texts { #expect(!t.contains("{") && !t.contains("}"), "\(name): \(t)") }
  }

  @Test(arguments: breakages)
  func noPlaceholderLeftWhenFactsAreMissing(_ b: Breakage) throws {
    let p = try plan(setting(fixture(b.fixture), b.path, b.value.any))
    for t in p.checklist.flatMap({ [$0.title, $0.reason] }) + p.eligibility.unmet.map(\.message) {
      #expect(!t.contains("{"), "\(b.fixture): \(t)")
    }
  }
}
