import Foundation
import Testing

@Suite("Dates in force seen from the commands")
struct DatedRulesCommandTests {
  @Test func afterTheReviewDateTheFeePageAndTheBatchReportNameTheFeeToCheck() throws {
    let dir = try TempDir()
    let r = try cli("batch", fixturePath("iec-working-holiday"), fixturePath("ict"), "-o", dir.path, "--quiet")
    #expect(r.status == 0, "\(r.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("report.json")))) as! [String: Any]
    let rows = report["inputs"] as! [[String: Any]]
    let toCheck = rows.map { (($0["fees"] as! [String: Any])["toCheck"] as! [String]) }
    #expect(toCheck == [["IEC participation fee"], []])
    let csv = try String(contentsOfFile: dir.file("report.csv"), encoding: .utf8)
    #expect(csv.contains(",IEC participation fee,"))

    let packet = try #require(try FileManager.default.subpathsOfDirectory(atPath: dir.path).first { $0.hasSuffix("2026-0208.zip") })
    let check = try checkPacket(dir.file(packet))
    #expect(check.problems == [])
    let fees = try #require(check.html["02-fee-breakdown.html"])
    #expect(fees.text.contains("Check before paying: on 2026-12-01 the IEC participation fee may differ from this plan's"), "\(fees.text)")
    #expect(fees.text.contains("https://ircc.canada.ca/english/information/fees/fees.asp"))
    let letter = try #require(check.html["03-cover-letter.html"])
    #expect(letter.text.contains("IEC participation feeSiobhán O'Brien$184.75"), "\(letter.text)")
  }

  @Test func aDateBeforeTheCatalogSaysHowFarItReaches() throws {
    let dir = try TempDir()
    let path = try writeProfile(dir, "old.json", from: "cusma-professional") { json in
      var s = json["submission"] as! [String: Any]
      s["date"] = "2022-11-30"
      s["requestedValidUntil"] = nil
      json["submission"] = s
    }
    let r = try cli("plan", path)
    #expect(r.status == 65)
    #expect(r.stderr.contains("submission.date: 2022-11-30 is before 2022-12-15, the earliest date this catalog covers"), "\(r.stderr)")
    #expect(!r.stderr.contains("fee schedule"))
  }

  @Test func validateNamesAnUnknownCategoryAndUnknownProvidedIds() throws {
    let dir = try TempDir()
    let path = try writeProfile(dir, "client.json", from: "cusma-professional") { json in
      json["category"] = "CUSMA"
      json["provided"] = ["passport-copy", "pasport-copy"]
    }
    let r = try cli("validate", path)
    #expect(r.status == 65)
    // Both at once, each at its place in the file.
    #expect(r.stderr.contains("category (line 1, column "), "\(r.stderr)")
    #expect(r.stderr.contains("): unknown category \"CUSMA\": did you mean cusma-professional (T36)"), "\(r.stderr)")
    #expect(r.stderr.contains("provided[1] (line 1, column "), "\(r.stderr)")
    #expect(r.stderr.contains("): \"pasport-copy\" is not the id of a checklist item; did you mean \"passport-copy\"?"))
    #expect(try cli("validate", fixturePath("cusma-professional")).status == 0)
  }

  @Test func assessGivesTheShortAnswerFirst() throws {
    let r = try cli("assess", fixturePath("pgwp-eligible"))
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "Eligible: pgwp (C43).")
    #expect(!r.stdout.contains("not-eligible"))
    let json = try cli("assess", fixturePath("pgwp-eligible"), "--json")
    let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
    #expect(rows.contains { $0["category"] as? String == "pgwp" && $0["verdict"] as? String == "eligible" })
    #expect(rows.allSatisfy { $0["sharedMissingFacts"] is [String] })
  }
}

@Suite("IEC by country from the commands")
struct IECCommandTests {
  @Test func categoriesCodeC21ListsTheStreamsOfEachCountry() throws {
    let r = try cli("categories", "--code", "C21")
    #expect(r.status == 0)
    #expect(r.stdout.contains("    Japan (JP): Working Holiday (ages 18–30, up to 12 months); 2 participations"), "\(r.stdout)")
    #expect(r.stdout.contains("    Switzerland (CH): Young Professionals (ages 18–35, up to 18 months), International Co-op (Internship) (ages 18–35, up to 18 months); 2 participations"))
    #expect(!r.stdout.contains("Mexico"))
  }

  @Test func assessShowsTheCountrysStreams() throws {
    let r = try cli("assess", fixturePath("iec-working-holiday"), "--all")
    #expect(r.stdout.contains("iec (C21) International Experience Canada: Working Holiday — Ireland offers Working Holiday (ages 18–35, up to 24 months)"), "\(r.stdout)")
  }
}
