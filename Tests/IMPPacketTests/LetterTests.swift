import Foundation
import Testing

/// The submission letter of a packet as html5lib reads it: its argument rows, its lists.
private struct LetterPage: Decodable {
  struct Row: Decodable {
    var requirement: String
    var source: String
    var facts: String
    var problem: String
    var proof: [String]
  }
  var address: String
  var rows: [Row]
  var enclosed: [String]
  var toFollow: [String]
  var text: String
}

/// Reads `03-cover-letter.html` of a packet with html5lib (not with imp-packet's own code).
private func readLetter(_ zip: String, page: String = "03-cover-letter.html") throws -> LetterPage {
  let script = """
    import json, sys, zipfile, html5lib
    z = zipfile.ZipFile(sys.argv[1])
    doc = html5lib.parse(z.read(sys.argv[2]), namespaceHTMLElements=False)
    def text(e):
        return ' '.join(''.join(e.itertext()).split()) if e is not None else ''
    def cls(e, name):
        return name in (e.get('class') or '').split()
    rows = []
    for table in doc.iter('table'):
        if not cls(table, 'arguments'):
            continue
        for tr in table.find('tbody').findall('tr'):
            td = tr.findall('td')
            source = [d for d in td[1].iter('div') if cls(d, 'source')]
            problem = [d for d in td[2].iter('div') if cls(d, 'problem')]
            rows.append({'requirement': text(td[1]), 'source': text(source[0]) if source else '',
                         'facts': text(td[2]), 'problem': text(problem[0]) if problem else '',
                         'proof': [text(d) for d in td[3].findall('div')]})
    def items(tag, name):
        return [text(li) for e in doc.iter(tag) if cls(e, name) for li in e.findall('li')]
    print(json.dumps({'address': text(doc.find('.//address')), 'rows': rows,
                      'enclosed': items('ol', 'enclosed'), 'toFollow': items('ul', 'to-follow'),
                      'text': text(doc.find('body'))}))
    """
  let r = try run("/usr/bin/env", ["python3", "-c", script, zip, page])
  #expect(r.status == 0, "\(r.stderr)")
  return try JSONDecoder().decode(LetterPage.self, from: Data(r.stdout.utf8))
}

/// Every official code of the catalog (`codes[].code`), to find the codes a page names.
private func catalogCodes() throws -> Set<String> {
  let json = try loadJSON(repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json").path) as! [String: Any]
  return Set((json["codes"] as! [[String: Any]]).map { $0["code"] as! String })
}

/// Every checklist item id of the catalog that a reader could tell from a word (`passport-copy`).
func hyphenatedItemIds() throws -> Set<String> {
  let json = try loadJSON(repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json").path) as! [String: Any]
  let categories = json["categories"] as! [[String: Any]]
  let docs = (json["documents"] as! [[String: Any]]) + categories.flatMap { $0["documents"] as! [[String: Any]] }
  return Set(docs.map { $0["id"] as! String }.filter { $0.contains("-") })
}

func words(_ text: String) -> Set<String> {
  Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
}

@Suite("Letters a consultant would sign and an officer can follow")
struct LetterTests {
  /// Each fixture's letter names one code, argues each requirement with a fact and a
  /// document, encloses only what was provided, and no page shows tool names or item ids.
  @Test(.timeLimit(.minutes(3))) func everyFixtureLetterArguesItsCode() throws {
    let codes = try catalogCodes()
    let ids = try hyphenatedItemIds()
    for fixture in try allFixtures() {
      let name = URL(fileURLWithPath: fixture).deletingPathExtension().lastPathComponent
      let out = try TempDir()
      let r = try cli("generate", fixture, "-o", out.path, "--allow-ineligible")
      #expect(r.status == 0, "\(name): \(r.stderr)")
      guard let zip = out.contents.first(where: { $0.hasSuffix(".zip") }).map(out.file) else { continue }
      let check = try checkPacket(zip)
      #expect(check.problems == [], "\(name): \(check.problems)")
      let plan = try JSONSerialization.jsonObject(
        with: Data(try run("/usr/bin/env", ["unzip", "-p", zip, "plan.json"]).stdout.utf8)) as! [String: Any]
      let code = (plan["category"] as! [String: Any])["code"] as! String
      let eligible = (plan["eligibility"] as! [String: Any])["eligible"] as! Bool
      let checklist = plan["checklist"] as! [[String: Any]]
      let letter = try readLetter(zip)

      let named = words(letter.text).intersection(codes)
      #expect(named == [code], "\(name): the letter names \(named.sorted()), not only \(code)")
      #expect(!letter.rows.isEmpty, "\(name): no requirement is argued")
      for row in letter.rows {
        #expect(!row.requirement.isEmpty && !row.source.isEmpty, "\(name): a row without requirement or source")
        #expect(!row.facts.contains("(not given)"), "\(name): \(row.facts)")
        if row.problem.isEmpty {
          #expect(!row.facts.isEmpty, "\(name): '\(row.requirement)' is argued without a fact")
          #expect(!row.proof.isEmpty, "\(name): '\(row.requirement)' is argued without a document")
        }
      }
      if eligible {
        #expect(letter.rows.allSatisfy { $0.problem.isEmpty }, "\(name): an eligible applicant's letter says a requirement is not met")
        #expect(!letter.text.contains("Draft"), "\(name)")
      }
      let provided = Set(((try loadJSON(fixture) as! [String: Any])["provided"] as? [String]) ?? [])
      for item in checklist {
        // plan.json writes codes (ON) where pages write names (Ontario): compare the start.
        let title = String((item["title"] as! String).prefix(30))
        let enclosed = letter.enclosed.contains { $0.hasPrefix(title) }
        if provided.contains(item["id"] as! String) && item["status"] as! String != "expired" {
          #expect(enclosed, "\(name): provided '\(title)' is not listed as enclosed")
        } else {
          #expect(!enclosed, "\(name): '\(title)' (\(item["status"]!)) is listed as enclosed")
          #expect(letter.toFollow.contains { $0.hasPrefix(title) }, "\(name): '\(title)' is not listed as to follow")
        }
      }
      #expect(!letter.text.contains("(1 person))"), "\(name)")
      for (page, html) in check.html {
        for banned in ["IRCC-FACTS", "imp-packet", "prepared with"] {
          #expect(!html.text.contains(banned), "\(name): \(page) contains \(banned)")
        }
        let shown = words(html.text.replacingOccurrences(of: "-", with: "_")).map { $0.replacingOccurrences(of: "_", with: "-") }
        let raw = Set(shown).intersection(ids)
        #expect(raw.isEmpty, "\(name): \(page) shows item ids \(raw.sorted())")
      }
    }
  }

  /// A C62 letter argues the transfer's requirements and names neither C61 nor C63.
  @Test func intraCompanyLetterArguesTheTransfer() throws {
    let out = try TempDir()
    let r = try cli("generate", fixturePath("ict"), "-o", out.path, "--allow-ineligible")
    #expect(r.status == 0, "\(r.stderr)")
    let zip = out.file(try #require(out.contents.first))
    let letter = try readLetter(zip)
    let requirements = letter.rows.map(\.requirement).joined(separator: " | ")
    for subject in ["executive, managerial or specialized-knowledge", "physical commercial premises", "at least 1 year of continuous full-time work", "valid passport"] {
      #expect(requirements.contains(subject), "the ICT letter does not argue '\(subject)': \(requirements)")
    }
    let year = try #require(letter.rows.first { $0.requirement.contains("1 year of continuous") })
    #expect(year.proof.contains { $0.hasPrefix("Payroll records") }, "\(year.proof)")
    #expect(year.facts.contains("hours a week"), "\(year.facts)")
    #expect(!letter.text.contains("C61") && !letter.text.contains("C63"))
    #expect(letter.address.contains("Immigration, Refugees and Citizenship Canada"))
    #expect(letter.text.contains("paid online"))
    #expect(!letter.text.contains(" MX") && !letter.text.contains(", ON "), "codes instead of names: \(letter.text)")
  }

  /// At a port of entry the letter goes to the CBSA officer, with fees payable at the border.
  @Test func portOfEntryLetterIsAddressedToTheCBSA() throws {
    let out = try TempDir()
    let r = try cli("generate", fixturePath("cusma-professional"), "-o", out.path, "--allow-ineligible")
    #expect(r.status == 0, "\(r.stderr)")
    let letter = try readLetter(out.file(try #require(out.contents.first)))
    #expect(letter.address.contains("Canada Border Services Agency"), "\(letter.address)")
    #expect(letter.text.contains("Dear Border Services Officer"))
    #expect(letter.text.contains("payable at the port of entry"))
    #expect(letter.text.contains("presented on paper"))
    #expect(!letter.text.contains("paid online") && !letter.text.contains("uploaded"))
    #expect(!letter.address.contains("Immigration, Refugees and Citizenship Canada"))
  }

  /// An earlier refusal in the profile gives a letter of explanation in Client Information.
  @Test func earlierRefusalIsExplained() throws {
    let out = try TempDir()
    let r = try cli("generate", fixturePath("significant-benefit"), "-o", out.path, "--allow-ineligible")
    #expect(r.status == 0, "\(r.stderr)")
    let zip = out.file(try #require(out.contents.first))
    let check = try checkPacket(zip)
    #expect(check.names.contains("06-letter-of-explanation.html"), "\(check.names)")
    let page = try #require(check.html["06-letter-of-explanation.html"])
    #expect(page.text.contains("On 14 April 2025, Canada refused"), "\(page.text)")
    #expect(page.text.contains("two letters from recognized experts"))
    let letter = try readLetter(zip)
    #expect(letter.enclosed.contains("Letter of explanation (Client Information)"), "\(letter.enclosed)")
    #expect(letter.text.contains("A letter of explanation, in Client Information, sets out the following: Earlier refusal."))
  }

  /// A college graduate's CLB 6 is below CLB 7 but meets the CLB 5 that applies: explained.
  @Test func languageResultBelowSevenIsExplainedForACollegeProgram() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "college.json", from: "pgwp-eligible") { json in
      var a = json["applicant"] as! [String: Any]
      var edu = a["education"] as! [[String: Any]]
      edu[0]["level"] = "diploma"
      edu[0]["university"] = false
      edu[0]["credential"] = "Diploma in Computer Programming"
      edu[0]["institution"] = "Seneca Polytechnic"
      a["education"] = edu
      var tests = a["languageTests"] as! [[String: Any]]
      tests[0]["clb"] = 6
      a["languageTests"] = tests
      json["applicant"] = a
      json["caseId"] = "college-1"
    }
    let out = try TempDir()
    let r = try cli("generate", profile, "-o", out.path, "--allow-ineligible")
    #expect(r.status == 0, "\(r.stderr)")
    let check = try checkPacket(out.file("college-1.zip"))
    let page = try #require(check.html["06-letter-of-explanation.html"], "\(check.names)")
    #expect(page.text.contains("CLB 6"), "\(page.text)")
    #expect(page.text.contains("for which the requirement is CLB 5"))
    // Without a fact to explain there is no letter of explanation.
    let plain = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", plain.path).status == 0)
    #expect(try !checkPacket(plain.file("2026-0142.zip")).names.contains("06-letter-of-explanation.html"))
  }

  /// The checklist is one table grouped by upload slot, with tick boxes and a notes column.
  @Test func checklistIsOneTableGroupedBySlot() throws {
    let out = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path).status == 0)
    let script = """
      import json, sys, zipfile, html5lib
      doc = html5lib.parse(zipfile.ZipFile(sys.argv[1]).read('01-document-checklist.html'), namespaceHTMLElements=False)
      t = [e for e in doc.iter('table') if 'checklist' in (e.get('class') or '')]
      head = [' '.join(''.join(th.itertext()).split()) for th in t[0].find('thead').iter('th')] if t else []
      slots = [' '.join(''.join(tr.itertext()).split()) for tb in t[0].findall('tbody') for tr in tb.findall('tr') if 'slot' in (tr.get('class') or '')] if t else []
      items = [tr for tb in t[0].findall('tbody') for tr in tb.findall('tr') if 'slot' not in (tr.get('class') or '')] if t else []
      print(json.dumps({'tables': len(t), 'head': head, 'slots': slots, 'items': len(items)}))
      """
    let r = try run("/usr/bin/env", ["python3", "-c", script, out.file("2026-0142.zip")])
    struct Shape: Decodable { var tables: Int; var head: [String]; var slots: [String]; var items: Int }
    let shape = try JSONDecoder().decode(Shape.self, from: Data(r.stdout.utf8))
    #expect(shape.tables == 1)
    #expect(shape.head == ["✓", "Item", "Why it is needed", "Status", "Notes"])
    #expect(shape.slots.contains("Upload slot: Passport"), "\(shape.slots)")
    #expect(shape.items == 9)
  }

  /// The portal sheet flags what the Employer Portal rejects or mismatches.
  @Test func portalSheetFlagsWhatThePortalRejects() throws {
    let out = try TempDir()
    let fixture = repositoryRoot.appendingPathComponent("Fixtures/employers/portal-checks.json").path
    let r = try cli("employer", fixture, "-o", out.path)
    #expect(r.status == 0, "\(r.stderr)\(r.stdout)")
    let check = try checkPacket(out.file("maple-portal-checks.zip"))
    #expect(check.problems == [])
    for (page, html) in check.html {
      for banned in ["IRCC-FACTS", "imp-packet", "prepared with"] {
        #expect(!html.text.contains(banned), "\(page) contains \(banned)")
      }
    }
    func sheet(_ offer: String) throws -> String {
      try #require(check.html["offers/\(offer)/portal-data-sheet.html"], "\(check.names)").text
    }
    let three = try sheet("three-sites")
    #expect(three.contains("The job has 3 work locations; the portal takes at most two."), "\(three)")
    #expect(three.contains("Toronto, Ontario") && three.contains("Ottawa, Ontario"))
    #expect(three.contains("add them to Main duties, as the Employer Portal takes one or two locations. Montréal, Quebec"))
    let none = try sheet("no-duties")
    #expect(none.contains("Main duties is empty: the portal requires it"), "\(none)")
    #expect(none.contains("Required — none given"))
    let attached = try sheet("see-attached")
    #expect(attached.contains("A duty reads “See attached job description”"), "\(attached)")
    #expect(attached.contains("The passport number the offer records (53338 0006) is not the passport's (533380006)"))
    #expect(attached.contains("The citizenship the offer records (Nigeria) is not the passport's country (the United Kingdom)"))
    let teer = try sheet("higher-teer")
    #expect(teer.contains("reads like TEER 0 work, above NOC 64100 (TEER 4)"), "\(teer)")
    #expect(teer.contains("Explanation of how the job meets the exemption Work and residence outside Quebec"))
    #expect(teer.contains("French at NCLC 5 or higher in speaking and listening."))
    // The offer letter: employer address, signer's title, the work-permit condition.
    let letter = try #require(check.html["offers/three-sites/offer-letter.html"]).text
    for part in ["100 King St W, Toronto, ON M5X 1A9", "HR Director", "depends on your obtaining a work permit", "written in English"] {
      #expect(letter.contains(part), "offer letter lacks \(part)")
    }
    // An offer the portal takes as it is says so.
    let small = try TempDir()
    #expect(try cli("employer", repositoryRoot.appendingPathComponent("Fixtures/employers/small.json").path, "-o", small.path).status == 0)
    let clean = try #require(try checkPacket(small.file("maple-2026-q4.zip")).html["offers/ict-01/portal-data-sheet.html"]).text
    #expect(clean.contains("No problem found"), "\(clean)")
  }
}
