import Foundation
import Testing

@Suite("Templates: every value escaped, every category rendered, broken folders named")
struct TemplateCheckTests {
  static let freeText: Set<String> = [
    "familyName", "givenNames", "credential", "institution", "program", "employer", "title", "legalName",
    "operatingName", "line1", "city", "name", "organization", "role", "foreignEmployer", "profession",
    "qualification", "agreement", "rationale", "certificateNumber", "applicationNumber", "duties",
    // The form keys (#22), shown on the form data sheets.
    "street", "address", "occupation", "nativeLanguage", "originalPlace", "immigrationDetails", "provinceOrState",
  ]
  static let markup = #"<x-injected>&amp; "q" 'a' </title></style>"#

  /// Enumerations that share a key name with free text elsewhere.
  static let enumerations: Set<String> = [
    "permanentResidence.program", "nomination.program", "intraCompany.role", "background.organization",
  ]

  /// Replaces every free-text value of a profile with markup, keeping the format of checked fields.
  static func poison(_ value: Any, key: String?, parent: String? = nil) -> Any {
    if let o = value as? [String: Any] {
      return Dictionary(uniqueKeysWithValues: o.map { ($0.key, poison($0.value, key: $0.key, parent: key)) })
    }
    if let a = value as? [Any] { return a.map { poison($0, key: key, parent: parent) } }
    if let s = value as? String, let key, freeText.contains(key), !enumerations.contains("\(parent ?? "").\(key)") {
      return markup + s
    }
    return value
  }

  @Test func everyFreeTextFieldStaysTextInEveryCategory() throws {
    let sample = repositoryRoot.appendingPathComponent("Templates/samples/maximal.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as! [String: Any]
    var poisoned = TemplateCheckTests.poison(json, key: nil) as! [String: Any]
    let dir = try TempDir()
    let out = try TempDir()
    let catalog = try JSONSerialization.jsonObject(
      with: Data(contentsOf: repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json"))) as! [String: Any]
    // A family member's own permits are not the applicant's to name (the sample's family gets them).
    let categories = (catalog["categories"] as! [[String: Any]]).filter { $0["familyMember"] == nil }.map { $0["id"] as! String }
    for (i, category) in categories.enumerated() {
      poisoned["category"] = category
      poisoned["caseId"] = "poison-\(i)"
      let path = dir.file("\(category).json")
      try JSONSerialization.data(withJSONObject: poisoned).write(to: URL(fileURLWithPath: path))
      let r = try cli("generate", path, "-o", out.path, "--allow-ineligible")
      #expect(r.status == 0, "\(category): \(r.stderr)")
      let check = try checkPacket(out.file("poison-\(i).zip"))
      #expect(check.problems == [], "\(category)")
      #expect(check.html.count >= 4)
      for (name, page) in check.html {
        #expect(page.injected == 0 && page.scripts == 0, "\(category) \(name): markup became elements")
      }
      #expect(check.html["00-cover-sheet.html"]!.text.contains("<x-injected>&amp; \"q\" 'a' </title></style>"))
    }
  }

  @Test func shippedTemplatesPassTheirOwnCheck() throws {
    let r = try cli("templates", "check", repositoryRoot.appendingPathComponent("Templates/packet").path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("no problems"))
  }

  @Test func checkNamesTheFileLineAndDirectiveOfEveryProblem() throws {
    let dir = try TempDir()
    let source = repositoryRoot.appendingPathComponent("Templates/packet")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
      try FileManager.default.copyItem(atPath: source.appendingPathComponent(name).path, toPath: dir.file(name))
    }
    // A typo that only the BOWP letter reaches: linting must render every category to find it.
    var bowp = try String(contentsOfFile: dir.file("bowp-pr-stage-summary.xhtml"), encoding: .utf8)
    bowp = bowp.replacingOccurrences(of: #"t:text="pr.completenessCheck""#, with: #"t:text="pr.completnessCheck""#)
    try bowp.write(toFile: dir.file("bowp-pr-stage-summary.xhtml"), atomically: true, encoding: .utf8)
    let r = try cli("templates", "check", dir.path)
    #expect(r.status == 70)
    #expect(r.stderr.contains("bowp-pr-stage-summary.xhtml:24: t:text: undefined name 'pr.completnessCheck'"), "\(r.stderr)")
  }

  @Test func missingPageTemplateIsReported() throws {
    let dir = try TempDir()
    let source = repositoryRoot.appendingPathComponent("Templates/packet")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != "fee-breakdown.xhtml" {
      try FileManager.default.copyItem(atPath: source.appendingPathComponent(name).path, toPath: dir.file(name))
    }
    let r = try cli("templates", "check", dir.path)
    #expect(r.status == 70)
    #expect(r.stderr.contains("lacks fee-breakdown.xhtml"), "\(r.stderr)")
  }

  /// Issue #11's runaway templates through the command line: a clear error naming file and
  /// line, the exit code of other template errors, no packet, found by `templates check` too.
  @Test(.timeLimit(.minutes(2))) func runawayTemplatesAreErrorsWithFileAndLine() throws {
    let nested = (0..<8).map { "<div t:each=\"x\($0) in checklist.groups\">" }.joined() + "<p>page</p>"
      + String(repeating: "</div>", count: 8)
    let siblings = "<div>" + String(repeating: "<p>x</p>", count: 80_000) + "</div>"
    let fanOut =
      (0..<30).map { #"<div t:fragment="f\#($0)"><p t:replace=":: f\#($0 + 1)"/><p t:replace=":: f\#($0 + 1)"/></div>"# }
      .joined() + #"<div t:fragment="f30"><b>leaf</b></div>"#
    for (name, markup, generateExit, message) in [
      ("nested each", nested, Int32(70), "t:each: rendering passes 200000 elements (TemplateLimits.maxRenderedElements)"),
      ("80,000 siblings", siblings, 78, "the file holds more than 20000 elements"),
      ("fan-out", fanOut, 78, "t:replace: with its fragments expanded this holds more than 50000 elements"),
    ] {
      let templates = try brokenTemplates("fee-breakdown.xhtml", replacing: "</body>", with: markup + "\n</body>")
      let line = try String(contentsOfFile: templates.file("fee-breakdown.xhtml"), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "</body>")!  // the line before it
      let out = try TempDir()
      let generate = try cli("generate", fixturePath("pgwp-eligible"), "--templates", templates.path, "-o", out.path)
      #expect(generate.status == generateExit, "\(name): \(generate.stderr)")
      #expect(generate.stderr.contains("fee-breakdown.xhtml:\(line): \(message)"), "\(name): \(generate.stderr)")
      #expect(out.contents == [], "\(name)")
      let check = try cli("templates", "check", templates.path)
      #expect(check.status == 70, "\(name)")
      #expect(check.stderr.contains("fee-breakdown.xhtml:\(line): \(message)"), "\(name): \(check.stderr)")
    }
  }
}
