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

  @Test(arguments: [
    (#"{"a": 1,}"#, "line 1, column 9: not valid JSON: a comma before '}' is not allowed in JSON; remove the last comma"),
    (#"{"a": [1, 2,]}"#, "a (line 1, column 13): not valid JSON: a comma before ']' is not allowed in JSON; remove the last comma"),
    ("{\"a\": 1 \"b\": 2}", "line 1, column 9: not valid JSON: a comma is missing before this key"),
    (#"{"a": tru}"#, "a (line 1, column 7): not valid JSON: expected true; true, false and null are lower case and unquoted"),
    (#"{"a": "\x"}"#, #"a (line 1, column 9): not valid JSON: \'x' is not a JSON escape; write a backslash as \\"#),
    (#"{"a": "\u12"}"#, "a (line 1, column 12): not valid JSON: \\u must be followed by four hexadecimal digits"),
    (#"{"a": 1.}"#, "a (line 1, column 9): not valid JSON: a decimal point must be followed by digits"),
    (#"{"a": 1e}"#, "a (line 1, column 9): not valid JSON: an exponent must be followed by digits"),
    (#"{"a": +1}"#, "a (line 1, column 7): not valid JSON: expected a value, got '+'; text needs double quotes, and true, false and null are lower case"),
    ("{\"a\" 1}", "a (line 1, column 6): not valid JSON: expected ':' after a key, got '1'"),
    ("[", "[0] (line 1, column 2): not valid JSON: the file ends where a value was expected (is it cut short?)"),
  ])
  func syntaxErrorsSayWhatAndWhere(_ text: String, _ expected: String) {
    #expect(issues(text).map(\.description) == [expected])
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

  @Test func booleansNumbersAndTextStayApart() throws {
    guard case .success(let v) = JSONValue.parse(Data(#"[true, 1, 0, false, 1.5, "1", null, {"a": []}]"#.utf8)) else {
      throw Failure("parse failed")
    }
    #expect(
      v == .array([.bool(true), .number(1), .number(0), .bool(false), .number(1.5), .string("1"), .null, .object(["a": .array([])])]))
  }

  @Test func issuesWithoutAPositionReadAsBefore() {
    #expect(ProfileIssue(path: "a.b", message: "m").description == "a.b: m")
    #expect(ProfileIssue(path: "", message: "m").description == "m")
    #expect(ProfileIssue(path: "", message: "m", line: 3, column: 4).description == "line 3, column 4: m")
    #expect(ProfileIssue(path: "a", message: "m", line: 3, column: 4).description == "a (line 3, column 4): m")
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

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
