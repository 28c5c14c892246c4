import Foundation
import Testing

/// `assess` and `fees` show a family applying together as `plan --json`'s `family` has it:
/// each member's application, category and fees, and the group's totals by payer.
@Suite("Family in assess and fees")
struct FamilyCommandTests {
  private func json(_ args: String...) throws -> Any {
    let r = try run(tool, args)
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
  }

  /// A family object reduced to what a consultant compares: member, application, code, fee totals.
  private func summary(_ family: Any?) throws -> [String] {
    let f = try #require(family as? [String: Any])
    let members = try #require(f["members"] as? [[String: Any]])
    let totals = try #require(f["totals"] as? [String: String])
    return members.map { m in
      let code = (m["category"] as? [String: Any])?["code"] as? String ?? "?"
      let t = (m["fees"] as? [String: Any])?["totals"] as? [String: String] ?? [:]
      return "\(m["member"]!) \(m["application"]!) \(code) \(t["applicant"] ?? "?")/\(t["employer"] ?? "?")"
    } + ["total \(totals["applicant"]!)/\(totals["employer"]!)"]
  }

  @Test func feesJSONGivesEachMembersApplicationCategoryAndFeesAndTheFamilyTotals() throws {
    let fees = try #require(try json("fees", fixturePath("family-ict"), "--json") as? [String: Any])
    let plan = try #require(try json("plan", fixturePath("family-ict"), "--json") as? [String: Any])
    let expected = [
      "spouse work-permit C41 340.00/0.00", "child-1 study-permit  150.00/0.00", "child-2 study-permit  150.00/0.00",
      "total 880.00/230.00",
    ]
    #expect(try summary(fees["family"]) == expected)
    #expect(try summary(plan["family"]) == expected)
    // The applicant's own breakdown stays at the top, as SPEC §2's `fees`.
    #expect((fees["totals"] as? [String: String])?["applicant"] == "240.00")
    let text = try cli("fees", fixturePath("family-ict"))
    #expect(text.stdout.contains("Family member spouse: Spouse of a worker"))
    #expect(text.stdout.contains("Total paid by the applicant and family: $880.00"))
    #expect(text.stdout.contains("Total paid by the employer:             $230.00"))
  }

  @Test func assessJSONGivesTheFamilyOnTheEligibleCategoryAsPlanHasIt() throws {
    let rows = try #require(try json("assess", fixturePath("family-pgwp-spouse"), "--json") as? [[String: Any]])
    let plan = try #require(try json("plan", fixturePath("family-pgwp-spouse"), "--json") as? [String: Any])
    let pgwp = try #require(rows.first { $0["category"] as? String == "pgwp" })
    #expect(pgwp["verdict"] as? String == "eligible")
    #expect(try summary(pgwp["family"]) == ["spouse work-permit C41 340.00/0.00", "total 595.00/0.00"])
    #expect(try summary(pgwp["family"]) == summary(plan["family"]))
    // A category the applicant is not eligible for carries no family plan.
    #expect(rows.filter { $0["verdict"] as? String != "eligible" }.allSatisfy { $0["family"] == nil })
    // A profile without a family has no `family` anywhere.
    let alone = try #require(try json("assess", fixturePath("pgwp-eligible"), "--json") as? [[String: Any]])
    #expect(alone.allSatisfy { $0["family"] == nil })
    let text = try cli("assess", fixturePath("family-pgwp-spouse"))
    #expect(text.stdout.contains("  spouse: work-permit C41: eligible"), "\(text.stdout)")
  }
}
