import Foundation
import IMPRules
import Testing

@Suite("Facts per person: each person's facts point at their own keys")
struct PersonFactsTests {
  /// The object of `path` in the format (`family.children[0].passport` → `family.children[].passport`).
  private func shape(_ path: String) -> String {
    path.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "[]", options: .regularExpression)
  }

  /// Whether `path` names a key of the format: its last part is a key of its parent's object.
  private func isKey(_ path: String) -> Bool {
    let s = shape(path)
    guard let dot = s.lastIndex(of: ".") else { return ProfileKeys.profile.contains(s) }
    let parent = String(s[..<dot])
    let key = String(s[s.index(after: dot)...]).replacingOccurrences(of: "[]", with: "")
    return ProfileKeys.byPath[parent]?.contains(key) == true
  }

  private func everyKey() throws -> Profile {
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Inputs/every-key.json"))
    return try ProfileFormat.decode(data, defaultDate: CivilDate("2026-12-01")!).get()
  }

  @Test func everySourceOfTheApplicantsFactsIsAKeyOfTheFormat() throws {
    let facts = Facts(profile: try everyKey())
    let bad = facts.sources.filter { !isKey($0.value) && $0.key != "person.path" }
    #expect(bad.isEmpty, "sources that name no key: \(bad)")
  }

  @Test func aSpousesFactsComeFromTheSpousesObject() throws {
    let p = try everyKey()
    let spouse = try #require(p.membersApplyingTogether.first)
    #expect(spouse.member == "spouse")
    let facts = Facts(person: spouse, today: p.submission.date)
    #expect(facts["passport.expiryDate"] == .date(CivilDate("2032-01-31")!))
    #expect(facts.sources["passport.expiryDate"] == "family.spouse.passport.expiryDate")
    #expect(facts.sources["biometrics.givenOn"] == "family.spouse.biometrics.givenOn")
    #expect(facts["applicant.age"] == .number(29))
    // The spouse's object has no previousPgwp or countryOfResidence: no such facts for her.
    #expect(facts.sources["applicant.previousPgwp"] == nil)
    #expect(facts.sources["applicant.countryOfResidence"] == nil)
    #expect(facts.sources.values.allSatisfy { $0 == "family.spouse" || (isKey($0) && $0.hasPrefix("family.spouse.")) })
  }

  @Test func aChildsFactsNameTheChildsIndex() throws {
    var json = fixture("pgwp-eligible")
    json = setting(
      json, "family",
      [
        "children": [
          ["givenNames": "Ana", "dateOfBirth": "2010-05-05", "applyingTogether": false],
          [
            "givenNames": "Eva", "dateOfBirth": "2012-05-05", "applyingTogether": true, "school": true,
            "passport": ["number": "G7654321", "country": "MX", "expiryDate": "2027-01-01"],
          ],
        ]
      ])
    let p = try profile(json)
    let child = try #require(p.membersApplyingTogether.first)
    #expect(child.member == "child-2")
    #expect(child.familyName == p.applicant.familyName)
    let facts = Facts(person: child, today: p.submission.date)
    #expect(facts.sources["passport.expiryDate"] == "family.children[1].passport.expiryDate")
    #expect(facts["member.school"] == .bool(true))
    #expect(facts["member.work"] == nil)
    #expect(facts.sources["member.work"] == "family.children[1].work")
  }

  @Test func bothFormsOfAMembersBiometricsAreRefused() throws {
    var json = fixture("pgwp-eligible")
    json = setting(
      json, "family",
      [
        "spouse": [
          "familyName": "Ruiz", "givenNames": "Luis", "relationship": "married", "applyingTogether": true,
          "biometricsGivenOn": "2020-01-01", "biometrics": ["givenOn": "2020-01-01"],
        ]
      ])
    guard case .failure(let e) = decode(json) else {
      Issue.record("a spouse with both biometrics keys was accepted")
      return
    }
    #expect(e.issues.map(\.path) == ["family.spouse.biometricsGivenOn"])
  }
}
