import Foundation
import IMPRules
import Testing

@Suite("Profile format: every mistake at once, by path")
struct ProfileFormatTests {
  @Test(arguments: ["pgwp-eligible", "pgwp-ineligible"])
  func fixturesAreValid(_ name: String) throws {
    let p = try profile(fixture(name))
    #expect(!p.caseId.isEmpty)
  }

  @Test func everyProblemIsReportedWithItsPath() {
    var json = fixture("pgwp-eligible")
    json = setting(json, "applicant.passport.expiryDate", "31/05/2031")
    json = setting(json, "applicant.familyNmae", "Typo")
    json = setting(json, "applicant.citizenships", ["XX"])
    json = setting(json, "submission.from", "airport")
    json = setting(json, "x-crm-id", 42)
    guard case .failure(let e) = decode(json) else {
      Issue.record("a broken profile was accepted")
      return
    }
    let byPath = Dictionary(e.issues.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a })
    #expect(byPath["applicant.passport.expiryDate"] == "expected a date YYYY-MM-DD, got \"31/05/2031\"")
    #expect(byPath["applicant.familyNmae"] == "unknown key; did you mean \"familyName\"?")
    #expect(byPath["applicant.citizenships[0]"]?.hasPrefix("expected an ISO 3166-1 alpha-2 country code") == true)
    #expect(byPath["submission.from"] == #"expected one of "inside-canada", "outside-canada", "port-of-entry", got "airport""#)
    #expect(byPath["x-crm-id"] == nil)
    #expect(e.issues.count == 4)
  }

  @Test func countryAndProvinceNamesAreAnsweredWithTheCodeMeant() {
    var json = fixture("pgwp-eligible")
    json = setting(json, "applicant.citizenships", ["MX", "USA"])
    json = setting(json, "applicant.countryOfResidence", "Canada")
    json = setting(json, "applicant.passport.country", "mx")
    json = setting(json, "job", ["workLocation": ["city": "Toronto", "province": "Ontario"]])
    json = setting(json, "nomination", ["province": " british columbia", "certificateNumber": "N1"])
    json = setting(json, "applicant.workHistory", [["country": "Atlantis", "employer": "A", "title": "T", "from": "2020-01-01"]])
    guard case .failure(let e) = decode(json) else {
      Issue.record("a broken profile was accepted")
      return
    }
    let byPath = Dictionary(e.issues.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a })
    let code = #"expected an ISO 3166-1 alpha-2 country code like "MX""#
    #expect(byPath["applicant.citizenships[1]"] == #"\#(code), got "USA"; did you mean "US"?"#)
    #expect(byPath["applicant.countryOfResidence"] == #"\#(code), got "Canada"; did you mean "CA"?"#)
    #expect(byPath["applicant.passport.country"] == #"\#(code), got "mx"; did you mean "MX"?"#)
    #expect(byPath["applicant.workHistory[0].country"] == #"\#(code), got "Atlantis""#)
    let provinces = #""AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT""#
    #expect(byPath["job.workLocation.province"] == #"expected one of \#(provinces), got "Ontario"; did you mean "ON"?"#)
    #expect(byPath["nomination.province"] == #"expected one of \#(provinces), got " british columbia"; did you mean "BC"?"#)
  }

  @Test func impossibleDatesAndWrongTypes() {
    var json = fixture("pgwp-eligible")
    json = setting(json, "applicant.dateOfBirth", "2026-02-30")
    json = setting(json, "applicant.previousPgwp", "no")
    json = setting(json, "schemaVersion", "1")
    guard case .failure(let e) = decode(json) else {
      Issue.record("a broken profile was accepted")
      return
    }
    #expect(
      e.issues.map { "\($0.path): \($0.message)" }.sorted() == [
        #"applicant.dateOfBirth: expected a date YYYY-MM-DD, got "2026-02-30""#,
        #"applicant.previousPgwp: expected true or false, got "no""#,
        #"schemaVersion: expected a whole number from 1 to 1000, got "1""#,
      ])
  }

  @Test(arguments: [
    ("", "the file is empty"), ("[1, 2]", "expected a JSON object"), ("{\"caseId\": ", "not valid JSON"),
    ("\u{FEFF}{}", "byte-order mark"),
  ])
  func unreadableFilesGetAClearMessage(_ text: String, _ expected: String) {
    guard case .failure(let e) = ProfileFormat.decode(Data(text.utf8), defaultDate: CivilDate("2026-12-01")!) else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(e.description.contains(expected), "\(e)")
  }

  @Test func nonUTF8BytesAreRejected() {
    guard case .failure(let e) = ProfileFormat.decode(Data([0x7B, 0xFF, 0xFE, 0x7D]), defaultDate: CivilDate("2026-12-01")!)
    else {
      Issue.record("accepted invalid UTF-8")
      return
    }
    #expect(e.description.contains("not valid UTF-8"))
  }

  @Test func submissionDateDefaultsToTheGivenDay() throws {
    let json = setting(fixture("pgwp-eligible"), "submission.date", nil)
    let p = try decode(json, today: CivilDate("2026-11-20")!).get()
    #expect(p.submission.date.description == "2026-11-20")
  }
}
