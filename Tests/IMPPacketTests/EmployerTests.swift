import Foundation
import Testing
import ZipPacket

private func employerFixture(_ name: String) -> String {
  repositoryRoot.appendingPathComponent("Fixtures/employers/\(name).json").path
}

/// An employer fixture with `change` applied, written to `dir`.
private func employerFile(_ dir: TempDir, from name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
  var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: employerFixture(name)))) as! [String: Any]
  change(&json)
  let path = dir.file("\(name)-changed.json")
  try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
  return path
}

private func changeOffer(_ json: inout [String: Any], _ i: Int, _ change: (inout [String: Any]) -> Void) {
  var offers = json["offers"] as! [[String: Any]]
  change(&offers[i])
  json["offers"] = offers
}

@Suite("employer: offer-of-employment bundles")
struct EmployerTests {
  @Test func smallEmployerWithTwoOffers() throws {
    let out = try TempDir()
    let r = try cli("employer", employerFixture("small"), "-o", out.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("offer ict-01: ict (C62): ready, employer pays $230.00"))
    #expect(r.stdout.contains("offer t36-02: cusma-professional (T36): to-submit, employer pays $230.00"))
    #expect(!r.stdout.contains("Whitfield") && !r.stderr.contains("Whitfield"))
    let check = try checkPacket(out.file("maple-2026-q4.zip"))
    #expect(check.problems == [])
    #expect(
      check.names == [
        "00-compliance-fee-summary.html", "01-employer-obligations.html", "offers.csv", "report.json",
        "offers/ict-01/portal-data-sheet.html", "offers/ict-01/offer-letter.html", "offers/ict-01/worker-checklist.html",
        "offers/t36-02/portal-data-sheet.html", "offers/t36-02/offer-letter.html", "offers/t36-02/worker-checklist.html",
        "manifest.xml",
      ])
    let summary = try #require(check.html["00-compliance-fee-summary.html"])
    #expect(summary.text.contains("Total compliance fees (IRPR s.303.1)$460.00"))
    let sheet = try #require(check.html["offers/ict-01/portal-data-sheet.html"])
    for field in [
      "Legal nameMaple Robotics Inc.", "CRA business number123456789", "Exemption codeC62",
      "Family nameWhitfield", "Date of birth5 May 1979", "Country of citizenshipUnited Kingdom",
      "Passport number531234567", "NOC 202100012 (TEER 0)", "Work locations (one or two) Toronto, Ontario",
      "Hours per week40", "Wage$210,000.00 per year", "Employer compliance fee$230.00",
      "Offer numberA3456012",
    ] {
      #expect(sheet.text.contains(field), "portal sheet lacks \(field)")
    }
    let obligations = try #require(check.html["01-employer-obligations.html"])
    #expect(obligations.text.contains("six years"))
    #expect(try verifyIntact(out.file("maple-2026-q4.zip")))
  }

  /// A worker whose spouse and children apply together: the worker's packet in the bundle
  /// carries each member's application, code, page and fees, and the family total.
  @Test func aWorkersPacketCarriesTheFamilysApplicationsAndFees() throws {
    let dir = try TempDir()
    let family = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixturePath("family-ict")))) as! [String: Any])["family"]!
    let path = try employerFile(dir, from: "small") { json in changeOffer(&json, 0) { o in o["family"] = family } }
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path, "--with-worker-packets")
    #expect(r.status == 0, "\(r.stderr)")
    let bundle = out.file("maple-2026-q4.zip")
    #expect(try verifyIntact(bundle))
    let worker = out.file("worker.zip")
    try Data(try entry(bundle, "workers/maple-2026-q4-ict-01.zip")).write(to: URL(fileURLWithPath: worker))
    let check = try checkPacket(worker)
    #expect(check.problems == [])
    #expect(check.names.filter { $0.hasPrefix("07-family-") } == ["07-family-spouse.html", "07-family-child-1.html", "07-family-child-2.html"])
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(try entry(worker, "plan.json"))) as? [String: Any])
    let f = try #require(plan["family"] as? [String: Any])
    let members = try #require(f["members"] as? [[String: Any]])
    #expect(members.map { $0["member"] as? String } == ["spouse", "child-1", "child-2"])
    #expect(members.map { ($0["category"] as? [String: Any])?["code"] as? String } == ["C41", "", ""])
    #expect(members.map { (($0["fees"] as? [String: Any])?["totals"] as? [String: String])?["applicant"] } == ["340.00", "150.00", "150.00"])
    #expect((f["totals"] as? [String: String]) == ["applicant": "880.00", "employer": "230.00"])
    let spouse = try #require(check.html["07-family-spouse.html"]).text
    #expect(spouse.contains("exemption code C41") && spouse.contains("applied for in the same group: C62"))
    #expect(spouse.contains("$880.00"))
    // The other worker, without a family, has none.
    let other = out.file("other.zip")
    try Data(try entry(bundle, "workers/maple-2026-q4-t36-02.zip")).write(to: URL(fileURLWithPath: other))
    #expect(try checkPacket(other).names.allSatisfy { !$0.hasPrefix("07-family-") })
    // A mistake in the family is named at its path in the employer file.
    #expect(try schemaVerdict(path))
    let badDir = try TempDir()
    let bad = try employerFile(badDir, from: "small") { json in
      changeOffer(&json, 0) { o in o["family"] = ["spouse": ["familyName": "Whitfield", "applyingTogether": true]] }
    }
    let e = try cli("employer", bad, "-o", badDir.file("out"))
    #expect(e.stderr.contains("offers[0].family.spouse.givenNames"), "\(e.stderr)")
    #expect(try !schemaVerdict(bad))
  }

  private func entry(_ zip: String, _ name: String) throws -> [UInt8] {
    let reader = try ZipReader(path: zip)
    return try reader.data(at: try #require(reader.names.firstIndex(of: name)))
  }

  private func schemaVerdict(_ path: String) throws -> Bool { try EmployerSchemaTests().schemaVerdict(path).valid }

  @Test func mixedEmployerNamesTheInvalidOfferAndKeepsTheOthers() throws {
    let out = try TempDir()
    let r = try cli("employer", employerFixture("mixed"), "-o", out.path, "--with-worker-packets")
    #expect(r.status == 2)
    #expect(r.stderr.contains("offer t36-06 left out (not-eligible)"))
    #expect(r.stderr.contains("cusma.citizenship: CUSMA is open to citizens of the United States or Mexico"))
    let zip = out.file("maple-2027-intake.zip")
    let check = try checkPacket(zip)
    #expect(check.problems == [])
    #expect(check.html["00-compliance-fee-summary.html"]!.text.contains("$1,150.00"))
    #expect(check.html["00-compliance-fee-summary.html"]!.text.contains("Ana Beatriz Souza"))
    #expect(!check.names.contains { $0.hasPrefix("offers/t36-06/") })
    let workers = check.names.filter { $0.hasPrefix("workers/") }
    #expect(workers.count == 5)

    // Each worker's own packet is a whole applicant packet.
    let unpacked = try TempDir()
    #expect(try run("/usr/bin/env", ["unzip", "-q", zip, "workers/*", "-d", unpacked.path]).status == 0)
    let ict = try checkPacket(unpacked.path + "/workers/maple-2027-intake-ict-c63-01.zip")
    #expect(ict.problems == [] && ict.manifest.code == "C63")

    let csv = try run("/usr/bin/env", ["unzip", "-p", zip, "offers.csv"]).stdout
    let rows = csv.split(separator: "\r\n")
    #expect(rows.count == 7)
    #expect(rows[0] == "offerId,status,worker,citizenships,category,code,jobTitle,noc,teer,wage,province,offerNumber,complianceFee,problems")
    #expect(rows[6].hasPrefix("t36-06,not-eligible,Ana Beatriz Souza,BR,cusma-professional,T36,"))
    #expect(rows[1] == "ict-c63-01,ready,Sofía Ramírez,MX,ict,C63,Controls Specialist (proprietary PLC platform),21301,1,55.00 per hour,ON,A5678901,230.00,")
  }

  @Test func offersThatCannotFitAreReportedByOffer() throws {
    let dir = try TempDir()
    let path = try employerFile(dir, from: "small") { json in
      changeOffer(&json, 0) { o in
        o["category"] = "pgwp"  // an open permit: no employer offer exists
      }
      changeOffer(&json, 1) { o in
        var w = o["worker"] as! [String: Any]
        w["dateOfBirth"] = "1990-02-30"
        o["worker"] = w
        o["wrker"] = [:]
      }
    }
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains("offers[0].category: Post-graduation work permit (C43) is an open work permit: there is no employer offer to submit"), "\(r.stderr)")
    #expect(r.stderr.contains(#"offers[1].wrker: unknown key; did you mean "worker"?"#), "\(r.stderr)")
  }

  @Test func offerProblemsCarryTheirPathInTheEmployerFile() throws {
    let dir = try TempDir()
    let path = try employerFile(dir, from: "small") { json in
      changeOffer(&json, 1) { o in
        var w = o["worker"] as! [String: Any]
        w["dateOfBirth"] = "1990-02-30"
        o["worker"] = w
        var j = o["job"] as! [String: Any]
        j["noc"] = "2130"
        o["job"] = j
      }
    }
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains(#"offers[1].worker.dateOfBirth: expected a date YYYY-MM-DD, got "1990-02-30""#), "\(r.stderr)")
    #expect(r.stderr.contains(#"offers[1].job.noc: expected a NOC 2021 code: five digits, the second (the TEER) 0 to 5, got "2130""#), "\(r.stderr)")
    #expect(r.stdout.contains("1 of 2 offers"))
  }

  @Test func francophoneJobInQuebecIsLeftOut() throws {
    let dir = try TempDir()
    let path = try employerFile(dir, from: "mixed") { json in
      changeOffer(&json, 3) { o in
        var j = o["job"] as! [String: Any]
        j["workLocation"] = ["city": "Montréal", "province": "QC"]
        o["job"] = j
      }
    }
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path)
    #expect(r.status == 2)
    #expect(r.stderr.contains("offer c16-04 left out (not-eligible)"))
    #expect(r.stderr.contains("c16.outside-quebec"))
  }

  @Test func brokenEmployerBlockFailsTheWholeFileOnce() throws {
    let dir = try TempDir()
    let path = try employerFile(dir, from: "small") { json in
      var e = json["employer"] as! [String: Any]
      e["businessNumber"] = "12345"
      json["employer"] = e
    }
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path)
    #expect(r.status == 65)
    let lines = r.stderr.split(separator: "\n").filter { $0.contains("employer.businessNumber") }
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(out.contents.isEmpty)
  }

  @Test func sameFileGivesSameBundle() throws {
    let a = try TempDir()
    let b = try TempDir()
    #expect(try cli("employer", employerFixture("small"), "-o", a.path, env: ["TZ": "Asia/Kolkata"]).status == 0)
    #expect(try cli("employer", employerFixture("small"), "-o", b.path, env: ["TZ": "America/St_Johns"]).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: a.file("maple-2026-q4.zip")))
        == Data(contentsOf: URL(fileURLWithPath: b.file("maple-2026-q4.zip"))))
    let again = try cli("employer", employerFixture("small"), "-o", a.path)
    #expect(again.status == 73)
  }
}

private func verifyIntact(_ zip: String) throws -> Bool {
  let r = try cli("verify", zip)
  return r.status == 0 && r.stdout.contains("intact")
}

@Suite("Employer file format: the JSON Schema and the decoder agree")
struct EmployerSchemaTests {
  func schemaVerdict(_ path: String) throws -> (valid: Bool, paths: [String]) {
    let r = try run("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("scripts/check-employer-schema.py").path, path])
    let line = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let errors = line["errors"] as! [[String: Any]]
    return (line["valid"] as! Bool, errors.map { $0["path"] as! String })
  }

  @Test(arguments: ["small", "mixed"])
  func fixturesAreValidForBoth(_ name: String) throws {
    #expect(try schemaVerdict(employerFixture(name)).valid)
    let out = try TempDir()
    #expect([0, 2].contains(try cli("employer", employerFixture(name), "-o", out.path).status))
  }

  @Test func mistakesAreRefusedByBoth() throws {
    let dir = try TempDir()
    let path = try employerFile(dir, from: "small") { json in
      changeOffer(&json, 0) { o in o["wrker"] = [:] }
      changeOffer(&json, 1) { o in
        var j = o["job"] as! [String: Any]
        j["employer"] = ["legalName": "Other Co."]
        o["job"] = j
      }
    }
    let schema = try schemaVerdict(path)
    #expect(!schema.valid)
    #expect(Set(schema.paths) == ["offers.0", "offers.1.job"])
    let out = try TempDir()
    let r = try cli("employer", path, "-o", out.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains(#"offers[0].wrker: unknown key; did you mean "worker"?"#))
    #expect(r.stderr.contains("offers[1].job.employer: the employer is given once"), "\(r.stderr)")
  }
}
