import IMPRules
import Testing

@Suite("Fees: lines, payers, schedules and exemptions")
struct FeeTests {
  @Test func openPermitPaysProcessingAndHolderFees() throws {
    let p = try plan(fixture("pgwp-eligible"))
    #expect(p.fees.schedule.description == "2025-12-01")
    #expect(p.fees.lines.map(\.id) == ["work-permit", "open-work-permit-holder"])
    #expect(p.fees.lines.map(\.basis) == ["IRPR s.299(1)", "IRPR s.303.2"])
    #expect(p.fees.totals.applicant.description == "255.00")
    #expect(p.fees.totals.employer.description == "0.00")
  }

  /// Biometrics: $85 unless under 14, over 79, a US national, or given within 10 years.
  @Test(arguments: [
    ("2000-01-01", ["MX"], false, nil, "340.00"),
    ("2000-01-01", ["MX"], false, "2016-12-02", "255.00"),  // within 10 years
    ("2000-01-01", ["MX"], false, "2016-11-30", "340.00"),  // 10 years and a day
    ("2000-01-01", ["US", "MX"], false, nil, "255.00"),  // US national
    ("2000-01-01", ["MX"], true, nil, "340.00"),  // US permanent resident: not exempt
    ("2013-01-01", ["MX"], false, nil, "255.00"),  // 13 years old
    ("1946-01-01", ["MX"], false, nil, "255.00"),  // 80 years old
  ] as [(String, [String], Bool, String?, String)])
  func biometricsExemptions(_ dob: String, _ citizenships: [String], _ usPR: Bool, _ given: String?, _ total: String)
    throws
  {
    var json = setting(fixture("pgwp-eligible"), "applicant.dateOfBirth", dob)
    json = setting(json, "applicant.citizenships", citizenships)
    json = setting(json, "applicant.usPermanentResident", usPR)
    json = setting(json, "applicant.biometrics", given.map { ["givenOn": $0] })
    let p = try plan(json)
    #expect(p.fees.totals.applicant.description == total, "\(p.biometrics)")
  }

  @Test func familyApplyingTogetherPaysTheFamilyMaximum() throws {
    var json = setting(fixture("pgwp-eligible"), "applicant.biometrics", nil)
    json = setting(
      json, "family",
      [
        "spouse": [
          "familyName": "Ruiz", "givenNames": "Luis", "dateOfBirth": "1997-01-01", "citizenships": ["MX"],
          "relationship": "married", "accompanying": true, "applyingTogether": true,
        ],
        "children": [
          ["givenNames": "Ana", "dateOfBirth": "2010-05-05", "accompanying": true, "applyingTogether": true],
          ["givenNames": "Eva", "dateOfBirth": "2020-05-05", "accompanying": true, "applyingTogether": true],
        ],
      ])
    let p = try plan(json)
    #expect(p.biometrics.map(\.required) == [true, true, true, false])
    // 3 × $85 capped at $170 once across the group (the 6-year-old is exempt): the applicant
    // and the spouse pay $85 each, the 16-year-old nothing more.
    let family = try #require(p.family)
    let shares = ([p.fees] + family.members.map(\.fees)).map { $0.lines.first { $0.id == "biometrics" }?.amount.description }
    #expect(shares == ["85.00", "85.00", "0.00", nil])
  }

  @Test func restorationUsesTheScheduleInForceOnTheSubmissionDate() throws {
    var json = setting(fixture("pgwp-eligible"), "applicant.status", ["type": "expired", "validUntil": "2025-10-01"])
    json = setting(json, "submission.date", "2025-11-30")
    json = setting(json, "submission.requestedValidUntil", nil)
    json = setting(json, "applicant.languageTests", [["test": "IELTS", "language": "en", "date": "2025-09-01", "clb": 8]])
    let before = try plan(json)
    #expect(before.fees.schedule.description == "2024-12-01")
    #expect(before.fees.lines.first { $0.id == "restoration" }?.amount.description == "239.75")
    let after = try plan(setting(json, "submission.date", "2025-12-01"))
    #expect(after.fees.lines.first { $0.id == "restoration" }?.amount.description == "246.25")
    #expect(after.fees.totals.applicant.description == "501.25")
  }
}
