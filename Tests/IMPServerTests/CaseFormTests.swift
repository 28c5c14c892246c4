import Foundation
import StrictJSON
import Hummingbird
import HummingbirdTesting
import IMPRules
import Testing

@testable import IMPServer

/// The case pages as a consultant uses them: open, fill, save, see the answers.
@Suite struct CasePageTests {
  /// The page of case `name`, as the browser gets it.
  func page(_ h: Harness, _ client: any TestClientProtocol, _ name: String) async throws -> String {
    try await client.execute(uri: "/cases/\(name)", method: .get, headers: h.cookie) { r in
      #expect(r.status == .ok)
      return body(r)
    }
  }

  func save(_ h: Harness, _ client: any TestClientProtocol, _ name: String, _ fields: [(String, String)]) async throws {
    try await client.execute(
      uri: "/cases/\(name)", method: .post, headers: h.formHeaders, body: encode([("_csrf", h.server.access.csrf)] + fields)
    ) { r in
      #expect(r.status == .seeOther)
      #expect(r.headers[.location] == "/cases/\(name)?saved=1")
    }
  }

  @Test func aNewCaseIsCreatedAndListed() async throws {
    let h = try Harness()
    try await h.test { client in
      try await client.execute(
        uri: "/cases", method: .post, headers: h.formHeaders, body: encode([("_csrf", h.server.access.csrf), ("caseId", "2026-0150")])
      ) { r in
        #expect(r.status == .seeOther)
        #expect(r.headers[.location] == "/cases/2026-0150")
      }
      try await client.execute(
        uri: "/cases", method: .post, headers: h.formHeaders, body: encode([("_csrf", h.server.access.csrf), ("caseId", "2026-0150")])
      ) { r in #expect(r.status == .conflict) }
      try await client.execute(
        uri: "/cases", method: .post, headers: h.formHeaders, body: encode([("_csrf", h.server.access.csrf), ("caseId", "../etc")])
      ) { r in #expect(r.status == .unprocessableContent) }
      let list = try await client.execute(uri: "/", method: .get, headers: h.cookie) { body($0) }
      #expect(list.contains("href=\"/cases/2026-0150\""))
      #expect(list.contains("invalid"))
    }
    let saved = try JSONSerialization.jsonObject(with: Data(h.read("2026-0150").utf8)) as? [String: Any]
    #expect(saved?["caseId"] as? String == "2026-0150")
    #expect(saved?["schemaVersion"] as? Int == 1)
  }

  @Test func aMistakeIsShownAtItsField() async throws {
    let h = try Harness()
    var text = String(decoding: try fixture("pgwp-eligible"), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"2031-05-30\"", with: "\"31/05/2031\"")
    try h.write("c", text)
    try await h.test { client in
      let html = try await page(h, client, "c")
      // The message sits in the same field as the input it names, and the input points at it.
      let field = try #require(html.range(of: "id=\"f-applicant.passport.expiryDate\""))
      let input = html[html[..<field.lowerBound].range(of: "<div class=\"field", options: .backwards)!.lowerBound...]
      let end = try #require(input.range(of: "</div>"))
      let div = input[..<end.upperBound]
      #expect(div.contains("field invalid"))
      #expect(div.contains("aria-describedby=\"e-applicant.passport.expiryDate\""))
      #expect(div.contains("expected a date YYYY-MM-DD"))
      #expect(div.contains("value=\"31/05/2031\""))
      #expect(html.contains("Not ready"))
    }
  }

  @Test func savingKeepsXKeysAndUnknownContentInAStableOrder() async throws {
    let h = try Harness()
    try h.write(
      "c",
      """
      {"x-firm": {"matter": "M-17", "b": 1, "a": [1.50, true, null]}, "caseId": "c", "schemaVersion": 1,
       "applicant": {"x-note": "call back", "familyName": "Roe", "givenNames": "Ann"}}
      """)
    try await h.test { client in
      _ = try await page(h, client, "c")
      try await save(h, client, "c", [
        ("schemaVersion", "1"), ("caseId", "c"), ("applicant.familyName", "Roe"), ("applicant.givenNames", "Ann Marie"),
        ("applicant.dateOfBirth", "1990-01-02"), ("applicant.citizenships", "mx, us"), ("_rows.applicant.education", "1"),
        ("applicant.education[0].credential", ""), ("applicant.education[0].lengthMonths", "16"),
      ])
    }
    let first = try h.read("c")
    let doc = try #require(OrderedJSON.parse(Data(first.utf8)))
    guard case .object(let top) = doc, case .object(let applicant)? = doc["applicant"] else {
      Issue.record("not an object")
      return
    }
    // Known keys in the schema's order, then the others as the file had them.
    #expect(top.map(\.key) == ["schemaVersion", "caseId", "applicant", "x-firm"])
    #expect(applicant.map(\.key) == ["familyName", "givenNames", "dateOfBirth", "citizenships", "education", "x-note"])
    #expect(doc["x-firm"] == OrderedJSON.object([("matter", .string("M-17")), ("b", .number("1")), ("a", .array([.number("1.50"), .bool(true), .null]))]))
    #expect(first.contains("\"citizenships\": [\"MX\", \"US\"]"))
    #expect(first.contains("\"lengthMonths\": 16"))
    // Saving what the form shows again writes the same bytes.
    try await h.test { client in
      try await save(h, client, "c", [
        ("schemaVersion", "1"), ("caseId", "c"), ("applicant.familyName", "Roe"), ("applicant.givenNames", "Ann Marie"),
        ("applicant.dateOfBirth", "1990-01-02"), ("applicant.citizenships", "MX, US"), ("_rows.applicant.education", "2"),
        ("applicant.education[0].lengthMonths", "16"),
      ])
    }
    #expect(try h.read("c") == first)
  }

  @Test func aBlankFieldRemovesItsKeyAndABlankRowAddsNothing() async throws {
    let h = try Harness()
    try h.write("c", #"{"schemaVersion": 1, "caseId": "c", "applicant": {"familyName": "Roe", "uci": "1234-5678"}}"#)
    try await h.test { client in
      try await save(h, client, "c", [
        ("caseId", "c"), ("applicant.familyName", "Roe"), ("applicant.uci", ""), ("_rows.applicant.education", "1"),
        ("applicant.education[0].credential", " "),
      ])
    }
    let saved = try h.read("c")
    #expect(!saved.contains("uci"))
    #expect(!saved.contains("education"))
  }

  @Test func aValidCaseShowsItsVerdictFeesAndChecklistAndATickMarksProvided() async throws {
    let h = try Harness()
    try h.write("c", String(decoding: try fixture("pgwp-eligible"), as: UTF8.self))
    try await h.test { client in
      let html = try await page(h, client, "c")
      #expect(html.contains("<h2>Eligible</h2>"))
      #expect(html.contains("<b>C43</b>"))
      #expect(html.contains("id=\"total-applicant\">$255.00<") || html.contains("id=\"total-applicant\">255.00<"))
      #expect(html.contains("id=\"provided-passport-copy\" value=\"passport-copy\" checked"))
      #expect(html.contains("id=\"provided-status-document\" value=\"status-document\">"))
      #expect(html.contains("href=\"/cases/c/packet.zip\""))
      // The sections PGWP needs are open; an employer's job is under "Other sections".
      let other = try #require(html.range(of: "<details class=\"other\">"))
      #expect(html.range(of: "id=\"s-applicant.education\"")!.lowerBound < other.lowerBound)
      #expect(html.range(of: "id=\"s-job\"")!.lowerBound > other.lowerBound)

      try await save(h, client, "c", FormFields.of(html) .filter { $0.0 != "provided" } + [("provided", "passport-copy"), ("provided", "status-document"), ("_checklist", "1")])
      let after = try await page(h, client, "c")
      #expect(after.contains("id=\"provided-status-document\" value=\"status-document\" checked"))
      #expect(!after.contains("id=\"provided-photo\" value=\"photo\" checked"))
    }
    let saved = try #require(OrderedJSON.parse(Data(try h.read("c").utf8)))
    #expect(saved["provided"] == .array([.string("passport-copy"), .string("status-document")]))
    // Every other value came back as it was.
    let original = try #require(OrderedJSON.parse(try fixture("pgwp-eligible")))
    #expect(saved["applicant"] == original["applicant"])
    #expect(saved["representative"] == original["representative"])
  }

  @Test func theCaseListSortsByEachColumn() async throws {
    let h = try Harness()
    try h.write("a", String(decoding: try fixture("pgwp-eligible"), as: UTF8.self))
    try h.write("b", String(decoding: try fixture("ict"), as: UTF8.self))
    try h.write("z", #"{"schemaVersion": 1, "caseId": "0000"}"#)
    try await h.test { client in
      let byCase = try await client.execute(uri: "/?sort=case", method: .get, headers: h.cookie) { body($0) }
      #expect(byCase.range(of: "/cases/z\"")!.lowerBound < byCase.range(of: "/cases/a\"")!.lowerBound)
      let byCategory = try await client.execute(uri: "/?sort=-category", method: .get, headers: h.cookie) { body($0) }
      #expect(byCategory.range(of: "/cases/a\"")!.lowerBound < byCategory.range(of: "/cases/b\"")!.lowerBound)
      #expect(byCategory.contains("pgwp (C43)"))
    }
  }

  @Test func anEmployerFileOpensAndItsBundleDownloads() async throws {
    let h = try Harness()
    try h.write("hires", String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/employers/small.json")), as: UTF8.self))
    try await h.test { client in
      let list = try await client.execute(uri: "/", method: .get, headers: h.cookie) { body($0) }
      #expect(list.contains("href=\"/employers/hires\""))
      let page = try await client.execute(uri: "/employers/hires", method: .get, headers: h.cookie) { body($0) }
      #expect(page.contains("href=\"/employers/hires/bundle.zip\""))
      try await client.execute(uri: "/employers/hires/bundle.zip", method: .get, headers: h.cookie) { r in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "application/zip")
      }
    }
  }
}

/// The fields a page's form would send as it stands: inputs with their values, the selected
/// options, and the ticked boxes (enough of a browser for these tests; the browser test in
/// scripts/test-serve.py uses a real one).
enum FormFields {
  static func of(_ html: String) -> [(String, String)] {
    var out: [(String, String)] = []
    func attr(_ tag: Substring, _ name: String) -> String? {
      guard let r = tag.range(of: " \(name)=\"") else { return nil }
      let rest = tag[r.upperBound...]
      return rest.firstIndex(of: "\"").map { unescape(String(rest[..<$0])) }
    }
    func unescape(_ s: String) -> String {
      s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
    var rest = Substring(html)
    while let starts = ["<input ", "<select ", "<textarea "].compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
      let tagEnd = rest[starts.lowerBound...].firstIndex(of: ">")!
      let tag = rest[starts.lowerBound...tagEnd]
      rest = rest[rest.index(after: tagEnd)...]
      guard let name = attr(tag, "name") else { continue }
      if tag.hasPrefix("<input") {
        let type = attr(tag, "type") ?? "text"
        if type == "checkbox" && !tag.contains(" checked") { continue }
        out.append((name, attr(tag, "value") ?? ""))
      } else if tag.hasPrefix("<select") {
        let end = rest.range(of: "</select>")!
        let options = rest[..<end.lowerBound]
        var value = ""
        if let sel = options.range(of: " selected>") {
          let opt = options[..<sel.lowerBound]
          let v = opt.range(of: "value=\"", options: .backwards)!
          value = unescape(String(opt[v.upperBound...].prefix { $0 != "\"" }))
        }
        out.append((name, value))
      } else {
        let end = rest.range(of: "</textarea>")!
        out.append((name, unescape(String(rest[..<end.lowerBound]))))
      }
    }
    return out
  }
}

@Suite struct SchemaFormTests {
  @Test func aNewOptionalSchemaFieldAppearsInTheForm() throws {
    var schema = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("schema/profile.schema.json")))
        as? [String: Any])
    var props = schema["properties"] as! [String: Any]
    var applicant = props["applicant"] as! [String: Any]
    var ap = applicant["properties"] as! [String: Any]
    ap["preferredName"] = ["type": "string", "description": "What the client likes to be called."]
    applicant["properties"] = ap
    props["applicant"] = applicant
    schema["properties"] = props
    let data = try JSONSerialization.data(withJSONObject: schema)
    let form = CaseForm(schema: try SchemaForm.load(data: data))
    let input = CaseForm.Input(
      doc: .object([("applicant", .object([("preferredName", .string("Mia"))]))]), issues: [:], open: Sections.always,
      categories: [], checklistOwnsProvided: false)
    let html = form.render(input).html
    #expect(html.contains("<label for=\"f-applicant.preferredName\">Preferred name</label>"))
    #expect(html.contains("name=\"applicant.preferredName\" id=\"f-applicant.preferredName\" value=\"Mia\""))
    #expect(html.contains("What the client likes to be called."))
    let saved = form.apply(["applicant.preferredName": ["Mila"]], to: .object([]), checklistOwnsProvided: false)
    #expect(saved["applicant"]?["preferredName"] == .string("Mila"))
  }

  @Test func theFormFollowsTheSchemasOrderAndTypes() throws {
    let form = try SchemaForm.load(data: Data(contentsOf: repositoryRoot.appendingPathComponent("schema/profile.schema.json")))
    #expect(form.root.prefix(4).map(\.name) == ["schemaVersion", "caseId", "category", "language"])
    let applicant = try #require(form.root.first { $0.name == "applicant" })
    guard case .object(let fields) = applicant.kind else {
      Issue.record("applicant is not a section")
      return
    }
    #expect(fields.prefix(3).map(\.name) == ["familyName", "givenNames", "dateOfBirth"])
    let education = try #require(fields.first { $0.name == "education" })
    guard case .list(let row) = education.kind else {
      Issue.record("education is not a repeated section")
      return
    }
    #expect(row.contains { $0.name == "level" && { if case .choice(let c) = $0.kind { c.contains("master") } else { false } }($0) })
  }

  @Test func everyFactTheCatalogNamesBelongsToASection() throws {
    let form = try SchemaForm.load(data: Data(contentsOf: repositoryRoot.appendingPathComponent("schema/profile.schema.json")))
    let sections = Sections(catalog: sharedBuilder.catalog, topLevel: Set(form.root.map(\.name)))
    #expect(sections.byCategory["pgwp"] == [])
    #expect(sections.byCategory["ict"]?.isSuperset(of: ["job", "intraCompany"]) == true)
    #expect(sections.byCategory["spouse-of-worker"]?.isSuperset(of: ["family", "principal"]) == true)
    #expect(sections.byCategory["bowp"]?.contains("permanentResidence") == true)
  }
}
