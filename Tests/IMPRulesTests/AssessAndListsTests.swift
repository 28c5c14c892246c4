import Foundation
import IMPRules
import Testing

/// A Mexican engineer with a job offer in Toronto who has not yet said which CUSMA route,
/// nor the Employer Portal's offer number.
func mexicanEngineer() -> [String: Any] {
  var json = setting(fixture("cusma-professional"), "category", nil)
  json = setting(json, "cusma", nil)
  json = setting(json, "applicant.citizenships", ["MX"])
  json = setting(json, "applicant.passport.country", "MX")
  json = setting(json, "applicant.countryOfResidence", "MX")
  json = setting(json, "submission.from", "outside-canada")
  return setting(json, "job.offerOfEmploymentNumber", nil)
}

@Suite("assess: three verdicts and a short answer")
struct AssessVerdictTests {
  @Test func aMexicanEngineerWithoutACusmaSectionNeedsFactsForT36() throws {
    let results = try shippedPlanner.assess(try profile(mexicanEngineer()))
    let t36 = try #require(results.first { $0.category == "cusma-professional" })
    #expect(t36.verdict == .needsFacts, "\(t36.unmet)")
    #expect(t36.code == "T36")
    #expect(t36.unmet.isEmpty)
    #expect(Set(t36.missingFacts).isSuperset(of: ["cusma.stream", "cusma.profession", "cusma.qualification"]))
    #expect(t36.sharedMissingFacts == ["job.offerOfEmploymentNumber"])
  }

  @Test func theShortAnswerNamesTheOfferNumberOnce() throws {
    let results = try shippedPlanner.assess(try profile(mexicanEngineer()))
    let lines = Assessment.shortAnswer(results)
    let text = lines.joined(separator: "\n")
    #expect(lines.first == "Eligible: none yet.")
    #expect(lines[1] == "Needs facts (fewest missing first):")
    #expect(text.components(separatedBy: "job.offerOfEmploymentNumber").count == 2, "\(text)")
    #expect(lines.contains("  cusma-professional (T36)*: cusma.stream, cusma.profession, cusma.qualification"), "\(text)")
    #expect(lines.contains("* these also need job.offerOfEmploymentNumber."))
    // Fewest missing first.
    let counts = lines.filter { $0.hasPrefix("  ") }.map { $0.split(separator: ":")[1].split(separator: ",").count }
    #expect(counts == counts.sorted(), "\(text)")
    #expect(lines.last!.hasPrefix("Not eligible: "))
  }

  @Test func aPlanWithoutACategoryPointsAtTheShortList() throws {
    let e = try #require(planError(mexicanEngineer()))
    #expect(e.path == "category")
    #expect(e.message.contains("Needs facts (fewest missing first): "))
    #expect(e.message.contains("cusma-professional (T36)*: cusma.stream, cusma.profession, cusma.qualification"))
  }

  @Test func anICTWhoLeftTheForeignEnterpriseIsNotEligible() throws {
    var json = fixture("ict")
    var work = (json["applicant"] as! [String: Any])["workHistory"] as! [[String: Any]]
    for i in work.indices where work[i]["to"] == nil || work[i]["to"] is NSNull { work[i]["to"] = "2026-10-31" }
    json = setting(json, "applicant.workHistory", work)
    let p = try plan(json)
    #expect(!p.eligibility.eligible)
    let f = try #require(p.eligibility.unmet.first { $0.rule == "ict.currently-employed" })
    #expect(f.message.contains("currently employed by the related foreign enterprise"))
    #expect(try plan(fixture("ict")).eligibility.eligible)
  }
}

@Suite("CUSMA Appendix 2 as catalog data")
struct CusmaAppendixTests {
  @Test func theListHoldsTheSixtyThreeProfessions() throws {
    let list = try #require(shippedCatalog.lists?.first { $0.id == "cusma-appendix-2" })
    #expect(list.entries.count == 63)
    #expect(Dictionary(grouping: list.entries, by: { $0.group ?? "" }).mapValues(\.count) == [
      "General": 25, "Medical/Allied": 12, "Scientist": 23, "Teacher": 3,
    ])
    #expect(list.source.contains("https://www.canada.ca/"))
  }

  @Test(arguments: [
    ("Engineer", true, nil), ("engineer", true, nil), ("Actuary", true, nil), ("Physical Therapist", true, nil),
    ("Enginer", false, "Engineer"), ("Civil Engineer", false, "Engineer"), ("Software Developer", false, nil),
    ("Bookkeeper", false, nil),
  ] as [(String, Bool, String?)])
  func professionsAreMatchedAgainstTheList(_ profession: String, _ listed: Bool, _ nearest: String?) throws {
    let json = setting(fixture("cusma-professional"), "cusma.profession", profession)
    let p = try plan(json)
    let finding = p.eligibility.unmet.first { $0.rule == "cusma.appendix-2" }
    #expect((finding == nil) == listed, "\(profession): \(p.eligibility.unmet)")
    if let finding {
      #expect(finding.message.contains("not one of the 63 professions of CUSMA Appendix 2"))
      #expect(finding.message.contains("does not qualify for T36"))
      if let nearest { #expect(finding.message.contains("“\(nearest)”"), "\(finding.message)") }
      else { #expect(!finding.message.contains("nearest")) }
    }
  }
}

@Suite("Profiles checked against the catalog")
struct ProfileAgainstCatalogTests {
  @Test func anUnknownCategoryGetsTheNearestIdsOrCodes() throws {
    let issues = issuesAgainstCatalog(setting(fixture("cusma-professional"), "category", "CUSMA"))
    #expect(issues.map(\.path) == ["category"])
    #expect(issues[0].message.contains("did you mean cusma-professional (T36)"), "\(issues[0].message)")
  }

  @Test func aReplacedCodeSaysWhichCodeReplacedIt() throws {
    let issues = issuesAgainstCatalog(setting(fixture("cusma-professional"), "category", "T23"))
    #expect(issues.count == 1)
    #expect(issues[0].message.contains("T36 (CUSMA professionals, category cusma-professional)"), "\(issues[0].message)")
  }

  @Test func providedIdsMustBeChecklistIds() throws {
    let json = setting(fixture("pgwp-eligible"), "provided", ["passport-copy", "pasport-copy", "my-notes"])
    let issues = issuesAgainstCatalog(json)
    #expect(issues.map(\.path) == ["provided[1]", "provided[2]"])
    #expect(issues[0].message.contains("did you mean \"passport-copy\"?"))
    #expect(!issues[1].message.contains("did you mean"))
    #expect(issuesAgainstCatalog(fixture("pgwp-eligible")).isEmpty)
    #expect((try? decode(json).get()) != nil)  // the format alone cannot tell
  }

  /// The words only the catalog can tell are listed with every other mistake of the file,
  /// in one pass: before, each came out only once the others were mended, and a `provided`
  /// typo never did (the packet listed the document as missing).
  @Test func theCatalogsWordsAreCheckedWithEveryOtherFieldAtOnce() throws {
    var json = setting(fixture("pgwp-eligible"), "category", "pgwpp")
    json = setting(json, "language", "zz")
    json = setting(json, "provided", ["pasport-copy"])
    json = setting(json, "applicant.dateOfBirth", "12/04/1998")
    json = setting(json, "colour", "blue")
    let issues = issuesAgainstCatalog(json)
    #expect(Set(issues.map(\.path)) == ["applicant.dateOfBirth", "category", "colour", "language", "provided[0]"], "\(issues)")
    #expect(issues.first { $0.path == "language" }?.message.hasPrefix("no translation into \"zz\": expected en or fr") == true)
    #expect(issues.first { $0.path == "category" }?.message.contains("did you mean pgwp (C43)") == true, "\(issues)")
    // A value of the wrong type is reported once, as such.
    let typed = issuesAgainstCatalog(setting(fixture("pgwp-eligible"), "category", 43))
    #expect(typed.map(\.path) == ["category"] && typed[0].message.hasPrefix("expected"), "\(typed)")
    // A code in lower case is named in capitals.
    let lower = issuesAgainstCatalog(setting(fixture("pgwp-eligible"), "category", "c43"))
    #expect(lower.map(\.message) == ["codes are written in capitals: \"C43\" (pgwp), not \"c43\""], "\(lower)")
  }
}
