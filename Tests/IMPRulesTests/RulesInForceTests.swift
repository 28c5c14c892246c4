import DefaultTemplates
import Foundation
import IMPRules
import Testing

/// `json` with every date moved by the same number of days, so that its submission date
/// is `date`: ages, windows and validities stay as they were, only the rules in force change.
func moved(_ json: [String: Any], to date: String) -> [String: Any] {
  let from = CivilDate(((json["submission"] as! [String: Any])["date"] as! String))!
  let days = from.days(until: CivilDate(date)!)
  func shift(_ v: Any) -> Any {
    if let s = v as? String, s.count == 10, let d = CivilDate(s) { return d.adding(days: days).description }
    if let o = v as? [String: Any] { return o.mapValues(shift) }
    if let a = v as? [Any] { return a.map(shift) }
    return v
  }
  return shift(json) as! [String: Any]
}

func planError(_ json: [String: Any]) -> PlanError? {
  do {
    _ = try plan(json)
    return nil
  } catch let e as PlanError {
    return e
  } catch {
    Issue.record("unexpected \(error)")
    return nil
  }
}

func unmet(_ json: [String: Any]) throws -> Set<String> { Set(try plan(json).eligibility.unmet.map(\.rule)) }

/// One row on each side of every date at which a rule of the catalog took effect
/// (IRCC-FACTS Part II §11), each checked through a plan as a consultant would read it.
@Suite("Rules in force on the submission date")
struct RulesInForceTests {
  @Test(arguments: [("2022-12-14", false), ("2022-12-15", true)])
  func theCatalogReachesBackToTheRenumberingOfCodes(_ date: String, _ covered: Bool) throws {
    let json = moved(fixture("cusma-professional"), to: date)
    if covered {
      #expect(try plan(json).category.code == "T36")
    } else {
      let e = try #require(planError(json))
      #expect(e.path == "submission.date")
      #expect(e.message.contains("before 2022-12-15, the earliest date this catalog covers"))
      #expect(!e.message.contains("fee schedule"))
    }
  }

  @Test(arguments: [("2023-06-14", false), ("2023-06-15", true)])
  func mobiliteFrancophoneFromItsRulesOf2023(_ date: String, _ inForce: Bool) throws {
    let json = moved(fixture("francophone-mobility"), to: date)
    if inForce {
      #expect(try plan(json).eligibility.eligible)
    } else {
      let e = try #require(planError(json))
      #expect(e.path == "category")
      #expect(e.message.contains("from 2023-06-15"))
    }
  }

  @Test(arguments: [("2024-05-14", false), ("2024-05-15", true)])
  func curriculumLicensingProgramsStartedFromMay2024(_ started: String, _ barred: Bool) throws {
    var json = fixture("pgwp-eligible")
    var edu = (json["applicant"] as! [String: Any])["education"] as! [[String: Any]]
    edu[0]["curriculumLicensing"] = true
    edu[0]["startedOn"] = started
    json = setting(json, "applicant.education", edu)
    #expect(try unmet(json).contains("pgwp.curriculum-licensing") == barred)
  }

  @Test(arguments: [("2024-06-20", true), ("2024-06-21", false)])
  func pgwpAtThePortOfEntryUntilJune2024(_ date: String, _ allowed: Bool) throws {
    var json = moved(fixture("pgwp-eligible"), to: date)
    json = setting(json, "submission.from", "port-of-entry")
    json = setting(json, "applicant.status", nil)
    json = setting(json, "applicant.languageTests", nil)
    let rules = try unmet(json)
    #expect(rules.contains("pgwp.port-of-entry") == !allowed, "\(rules)")
    #expect(!rules.contains("port-of-entry.flagpoling"))
  }

  @Test(arguments: [("2024-10-31", false), ("2024-11-01", true)])
  func pgwpLanguageTestFromNovember2024(_ date: String, _ needed: Bool) throws {
    let json = setting(moved(fixture("pgwp-eligible"), to: date), "applicant.languageTests", nil)
    let p = try plan(json)
    #expect(p.checklist.contains { $0.id == "language-test" } == needed)
    if needed {
      #expect(!p.eligibility.eligible)
      #expect(p.eligibility.unmet.contains { $0.message.contains("applicant.languageTests") })
    } else {
      #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
    }
  }

  @Test(arguments: [("2024-10-31", false), ("2024-11-01", true)])
  func pgwpFieldOfStudyFromNovember2024(_ date: String, _ needed: Bool) throws {
    var json = moved(fixture("pgwp-eligible"), to: date)
    var edu = (json["applicant"] as! [String: Any])["education"] as! [[String: Any]]
    edu[0]["level"] = "diploma"
    edu[0]["university"] = false
    edu[0]["cipCode"] = nil
    edu[0]["studyPermitAppliedOn"] = date
    json = setting(json, "applicant.education", edu)
    let p = try plan(json)
    #expect(p.checklist.contains { $0.id == "cip-evidence" } == needed)
    #expect(p.eligibility.unmet.contains { $0.rule == "pgwp.field-of-study" } == needed)
  }

  @Test(arguments: [("2024-11-30", "172.00", "229.00"), ("2024-12-01", "179.75", "239.75"), ("2025-11-30", "179.75", "239.75"), ("2025-12-01", "184.75", "246.25")])
  func iecAndRestorationFeesByIndexation(_ date: String, _ iec: String, _ restoration: String) throws {
    let p = try plan(moved(fixture("iec-working-holiday"), to: date))
    #expect(p.fees.lines.first { $0.id == "iec-participation" }?.amount.description == iec)
    #expect(p.fees.lines.contains { $0.id == "open-work-permit-holder" })
    var expired = moved(fixture("spouse-of-worker"), to: date)
    expired = setting(expired, "applicant.status", ["type": "expired"])
    let q = try plan(expired)
    #expect(q.fees.lines.first { $0.id == "restoration" }?.amount.description == restoration)
  }

  @Test(arguments: [("2024-12-20", true), ("2024-12-22", true), ("2024-12-23", false), ("2024-12-24", false)])
  func flagpolingUntilDecember2024(_ date: String, _ allowed: Bool) throws {
    var json = moved(fixture("spouse-of-worker"), to: date)
    json = setting(json, "submission.from", "port-of-entry")
    let rules = try unmet(json)
    #expect(rules.contains("port-of-entry.flagpoling") == !allowed, "\(rules)")
  }

  @Test(arguments: [("2025-01-20", true), ("2025-01-21", false)])
  func spouseOfAWorkerWithTenMonthsLeft(_ date: String, _ eligible: Bool) throws {
    var json = moved(fixture("spouse-of-worker"), to: date)
    json = setting(json, "principal.permitValidUntil", CivilDate(date)!.adding(months: 10).description)
    let p = try plan(json)
    #expect(p.eligibility.eligible == eligible, "\(p.eligibility.unmet)")
    if !eligible { #expect(p.eligibility.unmet.map(\.rule) == ["spouse.principal-16-months"]) }
  }

  @Test(arguments: [("2025-01-20", false), ("2025-01-21", false)])
  func spouseOfAWorkerWithFiveMonthsLeftNeverQualifies(_ date: String, _ eligible: Bool) throws {
    var json = moved(fixture("spouse-of-worker"), to: date)
    json = setting(json, "principal.permitValidUntil", CivilDate(date)!.adding(months: 5).description)
    #expect(try plan(json).eligibility.eligible == eligible)
  }

  @Test(arguments: [("2025-03-10", true), ("2025-03-11", false)])
  func nonUniversityDegreeNeedsCLB7FromMarch2025(_ date: String, _ eligible: Bool) throws {
    var json = moved(fixture("pgwp-eligible"), to: date)
    var edu = (json["applicant"] as! [String: Any])["education"] as! [[String: Any]]
    edu[0]["level"] = "bachelor"
    edu[0]["university"] = false
    json = setting(json, "applicant.education", edu)
    let test = CivilDate(date)!.adding(months: -3).description
    json = setting(json, "applicant.languageTests", [["test": "CELPIP", "language": "en", "date": test, "clb": 6]])
    let p = try plan(json)
    #expect(p.eligibility.eligible == eligible, "\(p.eligibility.unmet)")
  }

  @Test(arguments: [("2026-11-30", false), ("2026-12-01", true)])
  func afterTheReviewDateThePlanNamesTheFeesToCheck(_ date: String, _ warned: Bool) throws {
    let p = try plan(moved(fixture("iec-working-holiday"), to: date))
    #expect(p.eligibility.warnings.contains { $0.rule == "catalog.review-date" } == warned)
    #expect(p.fees.toCheck == (warned ? ["IEC participation fee"] : []))
    if warned {
      let w = p.eligibility.warnings.first { $0.rule == "catalog.review-date" }!
      #expect(w.message.contains("the IEC participation fee may differ"), "\(w.message)")
      #expect(w.message.contains("https://ircc.canada.ca/english/information/fees/fees.asp"))
    }
    // A restoration case names that fee too; a case with neither fee has nothing to check.
    let restoring = try plan(setting(moved(fixture("spouse-of-worker"), to: date), "applicant.status", ["type": "expired"]))
    #expect(restoring.fees.toCheck == (warned ? ["Restoration of temporary resident status"] : []))
    #expect(try plan(moved(fixture("ict"), to: date)).fees.toCheck.isEmpty)
  }
}

@Suite("The catalog's dated rules")
struct CatalogDatesTests {
  @Test func twoVersionsOfARuleInForceOnOneDayAreRefused() throws {
    let url = DefaultTemplatesResource.catalog!
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var reqs = json["requirements"] as! [[String: Any]]
    var copy = reqs[0]
    copy["inForce"] = ["from": "2025-01-01"]
    reqs.append(copy)
    json["requirements"] = reqs
    let data = try JSONSerialization.data(withJSONObject: json)
    #expect(throws: CatalogError.self) { try Catalog.decode(data, name: "catalog.json") }
    do { _ = try Catalog.decode(data, name: "catalog.json") } catch {
      #expect(error.message.contains("requirement '\(reqs[0]["rule"] as! String)': two versions are in force on the same days"))
    }
  }

  @Test func noSourceCitesOurFactsFile() throws {
    let text = try String(contentsOf: DefaultTemplatesResource.catalog!, encoding: .utf8)
    #expect(!text.contains("IRCC-FACTS"))
    #expect(!text.contains("§"))
  }

  @Test func oldCodesNameTheirReplacement() throws {
    for (old, new) in [("T23", "T36"), ("T21", "T34"), ("T22", "T35"), ("T24", "T37"), ("C12", "C61")] {
      let json = setting(fixture("cusma-professional"), "category", old)
      let e = try #require(planError(json))
      #expect(e.path == "category")
      #expect(e.message.contains("replaced on 15 Dec 2022 by") && e.message.contains(new), "\(e.message)")
    }
  }
}
