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
    let categories = (catalog["categories"] as! [[String: Any]]).map { $0["id"] as! String }
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
}
