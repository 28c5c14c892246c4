import Foundation
import Testing

@Suite("A real packet, checked with tools imp-packet did not write")
struct PacketTests {
  @Test func eligiblePGWPPacket() throws {
    let dir = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(dir.contents == ["2026-0142.zip"])
    let zip = dir.file("2026-0142.zip")
    let mode = try FileManager.default.attributesOfItem(atPath: zip)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    let unzip = try run("/usr/bin/env", ["unzip", "-t", zip])
    #expect(unzip.status == 0 && unzip.stdout.contains("No errors detected"), "\(unzip.stdout)")

    let check = try checkPacket(zip)
    #expect(check.problems == [])
    #expect(
      check.names == [
        "00-cover-sheet.html", "01-document-checklist.html", "02-fee-breakdown.html", "03-cover-letter.html",
        "05-program-summary.html", "forms/IMM-5710-data.html", "forms/IMM-5476-data.html", "plan.json", "manifest.xml",
      ])
    #expect(check.dates == [[2026, 12, 1, 0, 0, 0]])
    #expect(check.manifest.caseId == "2026-0142" && check.manifest.code == "C43")
    let cover = try #require(check.html["00-cover-sheet.html"])
    #expect(cover.text.contains("LMIA exemption codeC43"))
    #expect(cover.text.contains("Fees paid by the applicant$255.00"))
    let letter = try #require(check.html["03-cover-letter.html"])
    #expect(letter.text.contains("LMIA exemption code C43 (R205(c)(ii) of the Immigration and Refugee Protection Regulations)"))
    let checklist = try #require(check.html["01-document-checklist.html"])
    #expect(checklist.text.contains("Letter of completion from the institution"))
    #expect(checklist.text.contains("2 provided, 7 missing"))
    let fees = try #require(check.html["02-fee-breakdown.html"])
    #expect(fees.text.contains("Work permit processing fee applicant IRPR s.299(1) $155.00"))
    #expect(fees.text.contains("Open work permit holder fee applicant IRPR s.303.2 $100.00"))
  }

  /// The cover sheet names the submission letter for who signs it: the representative when
  /// the profile names one, the applicant otherwise.
  @Test func theCoverSheetNamesWhoseSubmissionLetterItIs() throws {
    let dir = try TempDir()
    for (fixture, expected, not) in [
      ("pgwp-eligible", "Representative's submission letter", "Applicant's submission letter"),
      ("atlantic", "Applicant's submission letter, filed on their own behalf", "Representative's submission letter"),
    ] {
      let out = dir.file(fixture)
      let r = try cli("generate", fixturePath(fixture), "-o", out)
      #expect(r.status == 0, "\(r.stderr)")
      let zip = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".zip") })
      let check = try checkPacket("\(out)/\(zip)")
      #expect(check.problems == [])
      let cover = try #require(check.html["00-cover-sheet.html"]).text
      #expect(cover.contains(expected), "\(fixture)")
      #expect(!cover.contains(not), "\(fixture)")
    }
  }

  @Test func everyValueIsEscaped() throws {
    let dir = try TempDir()
    let evil = "Ana & <Bob><script>alert(1)</script>"
    let profile = try writeProfile(dir, "evil.json", from: "pgwp-eligible") { json in
      var a = json["applicant"] as! [String: Any]
      a["familyName"] = evil
      a["givenNames"] = "\"quoted\" 'single' </title>"
      json["applicant"] = a
      var rep = json["representative"] as! [String: Any]
      rep["name"] = "<img src=x onerror=alert(2)>"
      rep["organization"] = "</style><b>Firm</b>"
      json["representative"] = rep
      json["caseId"] = "evil-1"
    }
    let out = try TempDir()
    let r = try cli("generate", profile, "-o", out.path)
    #expect(r.status == 0, "\(r.stderr)")
    let check = try checkPacket(out.file("evil-1.zip"))
    #expect(check.problems == [])
    for (name, page) in check.html {
      #expect(page.scripts == 0, "\(name) gained a script element")
      #expect(page.text.contains(evil), "\(name) lost the family name's text")
    }
    #expect(check.html["00-cover-sheet.html"]!.text.contains("<img src=x onerror=alert(2)>"))
    #expect(check.html["00-cover-sheet.html"]!.text.contains("</style><b>Firm</b>"))
  }

  @Test func sameInputGivesSameBytesInAnyTimeZone() throws {
    let a = try TempDir()
    let b = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", a.path, env: ["TZ": "Pacific/Auckland"]).status == 0)
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", b.path, env: ["TZ": "America/Vancouver"]).status == 0)
    let x = try Data(contentsOf: URL(fileURLWithPath: a.file("2026-0142.zip")))
    let y = try Data(contentsOf: URL(fileURLWithPath: b.file("2026-0142.zip")))
    #expect(x == y)

    let c = try TempDir()
    #expect(
      try cli("generate", fixturePath("pgwp-eligible"), "-o", c.path, env: ["SOURCE_DATE_EPOCH": "1796132730"]).status == 0)
    #expect(try checkPacket(c.file("2026-0142.zip")).dates == [[2026, 12, 1, 13, 45, 30]])
  }

  @Test func asOfGivesTheSameHashOnEitherSideOfTheDateLine() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "undated.json", from: "pgwp-eligible") { json in
      var submission = json["submission"] as! [String: Any]
      submission["date"] = nil
      json["submission"] = submission
    }
    // Midnight UTC on 1 December is 14:00 that day in Kiritimati (UTC+14) and 13:00 on
    // 30 November in Pago Pago (UTC-11): a zip time taken from local time would differ.
    var digests: [String] = []
    for tz in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
      let out = try TempDir()
      let r = try cli("generate", profile, "-o", out.path, "--as-of", "2026-12-01", env: ["TZ": tz])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(try checkPacket(out.file("2026-0142.zip")).dates == [[2026, 12, 1, 0, 0, 0]])
      digests.append(try run("/usr/bin/env", ["sha256sum", out.file("2026-0142.zip")]).stdout.prefix(64).description)
    }
    #expect(digests.count == 2 && digests[0] == digests[1] && digests[0].count == 64)
  }

  @Test func everyCompressionLevelOpensInEveryTool() throws {
    var sizes: [Int: Int] = [:]
    for level in [0, 1, 9] {
      let out = try TempDir()
      #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path, "--compression-level", "\(level)").status == 0)
      let zip = out.file("2026-0142.zip")
      sizes[level] = try Data(contentsOf: URL(fileURLWithPath: zip)).count
      let unzip = try run("/usr/bin/env", ["unzip", "-t", zip])
      #expect(unzip.status == 0 && unzip.stdout.contains("No errors detected"), "level \(level): \(unzip.stdout)")
      let bsdtar = try run("/usr/bin/env", ["bsdtar", "-tf", zip])
      #expect(bsdtar.status == 0 && bsdtar.stdout.split(separator: "\n").count == 9, "level \(level)")
      let sevenZip = try run("/usr/bin/env", ["7z", "t", zip])
      #expect(sevenZip.status == 0 && sevenZip.stdout.contains("Everything is Ok"), "level \(level)")
      let methods = try run(
        "/usr/bin/env", ["python3", "-c", "import sys,zipfile; print({i.compress_type for i in zipfile.ZipFile(sys.argv[1]).infolist()})", zip])
      #expect(methods.stdout == (level == 0 ? "{0}\n" : "{8}\n"), "level \(level)")  // stored, or deflated
      #expect(try checkPacket(zip).problems == [])
      #expect(try cli("verify", zip).status == 0)
    }
    #expect(sizes[0]! > sizes[1]! && sizes[1]! > sizes[9]!)
    // The manifest names the libdeflate scripts/deps pins: the compressed bytes depend on it.
    let deps = try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/deps"), encoding: .utf8)
    let pin = deps.split(separator: "\n").first { $0.hasPrefix("libdeflate_pin=") }!.dropFirst(15).split(separator: "-")[0]
    let out = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path).status == 0)
    let manifest = try run("/usr/bin/env", ["unzip", "-p", out.file("2026-0142.zip"), "manifest.xml"]).stdout
    #expect(manifest.contains("<tool name=\"imp-packet\" version=\"0.1.0\" deflate=\"libdeflate \(pin)\"/>"), "\(manifest)")
    let bad = try cli("generate", fixturePath("pgwp-eligible"), "-o", "/nonexistent", "--compression-level", "10")
    #expect(bad.status == 64 && bad.stderr.contains("--compression-level: expected 0 to 9, got 10"))
  }
}

@Suite("The command line: exit codes, messages, no half-written or overwritten packets")
struct CommandLineTests {
  @Test func planJSONCarriesTheContractKeys() throws {
    let r = try cli("plan", fixturePath("pgwp-eligible"), "--json")
    #expect(r.status == 0)
    let plan = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let category = plan["category"] as! [String: Any]
    #expect(category["code"] as? String == "C43")
    #expect(category["permit"] as? String == "open")
    let fees = plan["fees"] as! [String: Any]
    #expect((fees["totals"] as! [String: Any])["applicant"] as? String == "255.00")
    #expect(fees["schedule"] as? String == "2025-12-01")
    let item = (plan["checklist"] as! [[String: Any]]).first { $0["id"] as? String == "photo" }!
    #expect(item.keys.contains("form") && item["form"] is NSNull)
    for key in ["caseId", "eligibility", "forms", "biometricsRequired", "medicalExamRequired", "permitValidUntil"] {
      #expect(plan[key] != nil, "missing \(key)")
    }
  }

  @Test func existingPacketIsNotOverwrittenWithoutForce() throws {
    let dir = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path).status == 0)
    let zip = dir.file("2026-0142.zip")
    try Data("mine".utf8).write(to: URL(fileURLWithPath: zip))
    let again = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path)
    #expect(again.status == 73)
    #expect(again.stderr.contains("already exists (use --force to replace it)"))
    #expect(try String(contentsOfFile: zip, encoding: .utf8) == "mine")
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path, "--force").status == 0)
    #expect(try checkPacket(zip).problems == [])
    #expect(dir.contents == ["2026-0142.zip"])
  }

  @Test func ineligibleApplicantGetsNoPacketUnlessAsked() throws {
    let dir = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-ineligible"), "-o", dir.path)
    #expect(r.status == 2)
    #expect(r.stderr.contains("pgwp.within-180-days"))
    #expect(dir.contents.isEmpty)
    #expect(try cli("generate", fixturePath("pgwp-ineligible"), "-o", dir.path, "--allow-ineligible").status == 0)
    let check = try checkPacket(dir.file("2026-0187.zip"))
    #expect(check.html["00-cover-sheet.html"]!.text.contains("Not ready to file."))
  }

  @Test func brokenProfileListsEveryProblemAndWritesNothing() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "broken.json", from: "pgwp-eligible") { json in
      var a = json["applicant"] as! [String: Any]
      var passport = a["passport"] as! [String: Any]
      passport["expiryDate"] = "31/05/2031"
      a["passport"] = passport
      a["givenName"] = "typo"
      json["applicant"] = a
    }
    let out = try TempDir()
    let r = try cli("generate", profile, "-o", out.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains(#"applicant.passport.expiryDate (line 1, column "#), "\(r.stderr)")
    #expect(r.stderr.contains(#"): expected a date YYYY-MM-DD, got "31/05/2031""#))
    #expect(r.stderr.contains(#"): unknown key; did you mean "givenNames"?"#))
    #expect(out.contents.isEmpty)
  }

  /// The cover letter's first directive, and its last own one: by then three pages have
  /// rendered, and still no file (not even a temporary one) is left.
  @Test(arguments: [("case.submissionDate", "case.submisionDate", 11), ("letter.office.fees", "letter.office.fess", 76)])
  func brokenTemplateIsNamedByFileAndLineAndWritesNothing(name: String, typo: String, line: Int) throws {
    let dir = try brokenTemplates("cover-letter.xhtml", replacing: "t:text=\"\(name)\"", with: "t:text=\"\(typo)\"")
    let out = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path, "--templates", dir.path)
    #expect(r.status == 70)
    #expect(r.stderr.contains("cover-letter.xhtml:\(line): t:text: undefined name '\(typo)'"), "\(r.stderr)")
    #expect(out.contents.isEmpty)
    expectNothingPersonal(r, "template")
  }
}

@Suite("Rules are data: the catalog and the code explainer")
struct CatalogCommandTests {
  @Test func updatedCatalogChangesTheFeesWithoutCode() throws {
    let dir = try TempDir()
    let shipped = repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json")
    var catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: shipped)) as! [String: Any]
    var fees = catalog["fees"] as! [String: Any]
    var schedules = fees["schedules"] as! [[String: Any]]
    var next = schedules.last!
    next["effective"] = "2026-12-01"
    var amounts = next["amounts"] as! [String: Any]
    amounts["work-permit"] = "160.00"
    next["amounts"] = amounts
    schedules.append(next)
    fees["schedules"] = schedules
    catalog["fees"] = fees
    let path = dir.file("catalog.json")
    try JSONSerialization.data(withJSONObject: catalog).write(to: URL(fileURLWithPath: path))

    let r = try cli("fees", fixturePath("pgwp-eligible"), "--json", "--catalog", path)
    #expect(r.status == 0, "\(r.stderr)")
    let out = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    #expect(out["schedule"] as? String == "2026-12-01")
    #expect((out["totals"] as! [String: Any])["applicant"] as? String == "260.00")
  }

  @Test func brokenCatalogIsRefusedWithItsPath() throws {
    let dir = try TempDir()
    try Data(#"{"catalogVersion": "x"}"#.utf8).write(to: URL(fileURLWithPath: dir.file("c.json")))
    let r = try cli("plan", fixturePath("pgwp-eligible"), "--catalog", dir.file("c.json"))
    #expect(r.status == 78)
    #expect(r.stderr.contains("c.json: asOf: required key is missing"), "\(r.stderr)")
  }

  @Test(arguments: [
    ("C23", "C23: Performing arts (reciprocal employment) (R205(b))", "the guide misuses C23 for Mobilité francophone, which is C16"),
    ("c16", "C16: Mobilité francophone (R205(c)(ii))", "prepared by category francophone-mobility"),
    ("A75", "C", "prepared by category bowp"),
    ("T23", "T23: NAFTA professionals (R204(a))", "replaced on 15 Dec 2022 by T36 (CUSMA professionals, category cusma-professional)"),
    ("C12", "C12: Intra-company transferees (general) (R205(a))", "by C61 (Intra-company transferee: start-up of a new branch or affiliate, category ict), C62"),
  ])
  func codesAreExplained(_ code: String, _ first: String, _ more: String) throws {
    let r = try cli("categories", "--code", code)
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix(first == "C" ? "A75" : first))
    #expect(r.stdout.contains(more))
  }

  @Test func assessListsEveryCategory() throws {
    let short = try cli("assess", fixturePath("ict"))
    #expect(short.status == 0)
    #expect(short.stdout.hasPrefix("Eligible: ict (C62).\n"), "\(short.stdout)")
    #expect(!short.stdout.contains("cusma.citizenship"))
    let r = try cli("assess", fixturePath("ict"), "--all")
    #expect(r.stdout.hasPrefix(short.stdout))
    #expect(r.stdout.contains("ict (C62) Intra-company transferee: executive or manager: eligible"), "\(r.stdout)")
    #expect(r.stdout.contains("cusma-ict (T37) CUSMA intra-company transferee"), "\(r.stdout)")
    #expect(r.stdout.contains(": not-eligible\n  - cusma.citizenship: CUSMA is open to citizens of the United States or Mexico"))
  }
}

@Suite("Time zones: a date whose local midnight does not exist")
struct DaylightSavingGapTests {
  /// America/Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06: a packet dated that
  /// day must still say 00:00, as in UTC.
  @Test func dstGapDateGivesTheSameBytes() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "gap.json", from: "pgwp-eligible") { json in
      var s = json["submission"] as! [String: Any]
      s["date"] = "2026-09-06"
      json["submission"] = s
    }
    let a = try TempDir()
    let b = try TempDir()
    #expect(try cli("generate", profile, "-o", a.path, "--allow-ineligible", env: ["TZ": "America/Santiago"]).status == 0)
    #expect(try cli("generate", profile, "-o", b.path, "--allow-ineligible", env: ["TZ": "UTC"]).status == 0)
    let x = try Data(contentsOf: URL(fileURLWithPath: a.file("2026-0142.zip")))
    #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b.file("2026-0142.zip")))))
    #expect(try checkPacket(a.file("2026-0142.zip")).dates == [[2026, 9, 6, 0, 0, 0]])
  }
}
