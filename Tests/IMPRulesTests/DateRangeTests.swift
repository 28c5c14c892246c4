import Foundation
import IMPRules
import Testing

/// Dates a user can give: refused outside a stated range, and never a trap inside it.
@Suite("Dates: a stated range, and arithmetic that cannot trap")
struct DateRangeTests {
  /// `adding` once force-unwrapped a year past 9999 (SIGILL in plan, generate and batch).
  @Test func arithmeticClampsInsteadOfTrapping() {
    let last = CivilDate.representable.upperBound
    let first = CivilDate.representable.lowerBound
    #expect(CivilDate("9999-01-01")!.adding(months: 12) == last)
    #expect(CivilDate("2026-12-01")!.adding(months: .max) == last)
    #expect(CivilDate("2026-12-01")!.adding(months: .min) == first)
    #expect(CivilDate("2026-12-01")!.adding(years: .max) == last)
    #expect(CivilDate("2026-12-01")!.adding(years: .min) == first)
    #expect(CivilDate("2026-12-01")!.adding(days: .max) == last)
    #expect(CivilDate("2026-12-01")!.adding(days: .min) == first)
    #expect(CivilDate(daysSinceEpoch: .max) == last && CivilDate(daysSinceEpoch: .min) == first)
    // Inside the range nothing changes.
    #expect(CivilDate("2026-01-31")!.adding(months: 1) == CivilDate("2026-02-28"))
    #expect(CivilDate("2199-12-31")!.adding(days: 1) == CivilDate("2200-01-01"))
  }

  @Test(arguments: [
    ("submission.date", "9999-01-01"), ("applicant.dateOfBirth", "1899-12-31"), ("applicant.passport.expiryDate", "2200-01-01"),
  ])
  func aDateOutsideTheRangeIsRefusedNamingIt(_ path: String, _ date: String) {
    guard case .failure(let e) = decode(setting(fixture("pgwp-eligible"), path, date)) else {
      Issue.record("\(path) \(date) was accepted")
      return
    }
    #expect(e.issues.map { "\($0.path): \($0.message)" } == ["\(path): expected a date from 1900-01-01 to 2199-12-31, got \(date)"])
  }

  /// The last accepted dates plan (eligible or not) without a trap.
  @Test(arguments: ["pgwp-eligible", "francophone-mobility", "ict", "iec-working-holiday", "spouse-of-worker"])
  func theEdgesOfTheRangePlan(_ name: String) throws {
    var json = setting(fixture(name), "submission.date", "2199-12-31")
    json = setting(json, "submission.requestedValidUntil", nil)
    if json["job"] != nil {
      json = setting(setting(json, "job.startDate", "2199-12-31"), "job.endDate", "2199-12-31")
    }
    if (json["applicant"] as? [String: Any])?["medicalExam"] != nil {
      json = setting(json, "applicant.medicalExam.date", "2199-12-31")
    }
    let p = try decode(json, today: CivilDate("2199-12-31")!).get()
    let plan = try Planner(catalog: shippedCatalog).plan(p)
    #expect(plan.caseId == p.caseId)
  }

  /// Message #9: a date that must follow the date of birth does not show the date of birth.
  @Test func aDateOrderMessageShowsOnlyTheValueBeingFixed() throws {
    var json = fixture("pgwp-eligible")
    var applicant = json["applicant"] as! [String: Any]
    var education = applicant["education"] as! [[String: Any]]
    education[0]["startedOn"] = "1980-01-01"
    education[0]["completedOn"] = "1985-06-30"
    applicant["education"] = education
    applicant["dateOfBirth"] = "1998-04-12"
    json["applicant"] = applicant
    guard case .failure(let e) = decode(json) else { throw Failure("accepted") }
    let messages = e.issues.map { "\($0.path): \($0.message)" }
    #expect(messages.contains("applicant.education[0].completedOn: expected a date after the date of birth, got 1985-06-30"))
    #expect(!messages.contains { $0.contains("1998-04-12") && !$0.hasPrefix("applicant.dateOfBirth") })
  }
}

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
