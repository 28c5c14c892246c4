import Foundation
import IMPRules
import Testing

@Suite("JSON text: strict reading, and where each problem is")
struct JSONTextTests {
  func issues(_ text: String) -> [ProfileIssue] {
    guard case .failure(let e) = ProfileFormat.decode(Data(text.utf8), defaultDate: CivilDate("2026-12-01")!) else {
      Issue.record("accepted: \(text)")
      return []
    }
    return e.issues
  }

  @Test func fieldProblemsNameLineAndColumn() throws {
    // Columns count characters: "García" is one column per letter though "í" is two bytes.
    let text = """
      {\r
        "schemaVersion": 1, "caseId": "García",
        "submission": {"from": "inside-canada"},
        "applicant": {"familyName": "Roe", "givenNames": "Jo", "dateOfBirth": "1990-01-01",
                      "citizenships": ["MX", "QQ"], "x-note": {"any": "thing"}, "pasport": {}}
      }
      """
    let found = issues(text)
    #expect(
      found.map(\.description) == [
        #"caseId (line 2, column 23): expected a case id of letters, digits, '-', '_' or '.' (at most 64), got "García""#,
        #"applicant.citizenships[1] (line 5, column 40): expected an ISO 3166-1 alpha-2 country code like "MX", got "QQ""#,
        #"applicant.pasport (line 5, column 75): unknown key; did you mean "passport"?"#,
      ])
    #expect(found.first?.line == 2 && found.first?.column == 23)
  }

  @Test func aMissingKeyPointsAtTheObjectThatShouldHoldIt() {
    let found = issues(#"{"schemaVersion": 1, "caseId": "a", "submission": {"from": "inside-canada"},"# + "\n"
      + #" "applicant": {"givenNames": "Jo", "dateOfBirth": "1990-01-01", "citizenships": ["MX"]}}"#)
    #expect(found.map(\.description) == ["applicant.familyName (line 2, column 2): required, but missing"])
  }

  @Test func escapedKeysAreFoundByTheirText() {
    let found = issues(
      #"{"schemaVersion": 1, "caseId": "a", "submission": {"from": "inside-canada"}, "applicant": {"famil\u0079Name": 5, "# + #""givenNames": "Jo", "dateOfBirth": "1990-01-01", "citizenships": ["MX"]}}"#)
    #expect(found.map(\.description) == ["applicant.familyName (line 1, column 92): expected a string, got 5"])
  }

  @Test func duplicateKeysAreMistakesEvenWhenBothValuesAreValid() {
    let found = issues(#"{"schemaVersion": 1, "schemaVersion": 1}"#)
    #expect(
      found.map(\.description).contains(
        "schemaVersion (line 1, column 22): duplicate key; it is also at line 1, column 2, and JSON keeps only one"))
  }

  @Test func aFileWithThousandsOfMistakesListsTheFirstHundred() {
    let text = "{" + (0..<5000).map { #""k\#($0)": 1"# }.joined(separator: ",") + "}"
    let found = issues(text)
    #expect(found.count == ProfileErrors.maxListed + 1)
    #expect(found.last?.description.hasSuffix("more problems not listed; fix these first") == true)
  }

  @Test func nocCodesNeedATEERDigitOfZeroToFive() {
    for (noc, valid) in [("21231", true), ("00012", true), ("15100", true), ("16123", false), ("2123", false), ("2123A", false)] {
      let json = setting(setting(fixture("pgwp-eligible"), "job.noc", noc), "job.title", "Engineer")
      switch decode(json) {
      case .success: #expect(valid, "\(noc) was accepted")
      case .failure(let e): #expect(!valid && e.issues.map(\.path) == ["job.noc"], "\(noc): \(e)")
      }
    }
  }
}
