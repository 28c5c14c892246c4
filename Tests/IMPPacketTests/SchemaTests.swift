import Foundation
import IMPRules
import Testing

/// One change to `Tests/Inputs/every-key.json`: `value` at `path` (nil removes the key).
struct Mutation: CustomStringConvertible {
  var path: String
  var value: Any?
  /// Where both checkers must report the mistake; `path` unless given.
  var reported: String?
  init(_ path: String, _ value: Any?, at reported: String? = nil) {
    self.path = path
    self.value = value
    self.reported = reported
  }
  var description: String { "\(path) = \(value.map { "\($0)" } ?? "(removed)")" }
}

@Suite("The JSON Schema and the decoder describe one format")
struct SchemaTests {
  let schema = try! loadJSON(repositoryRoot.appendingPathComponent("schema/profile.schema.json").path) as! [String: Any]
  let everyKey = inputPath("every-key.json")

  func decode(_ path: String) throws -> Result<Profile, ProfileErrors> {
    ProfileFormat.decode(try Data(contentsOf: URL(fileURLWithPath: path)), defaultDate: CivilDate("2026-12-01")!)
  }

  @Test func everyFixtureIsValidForBoth() throws {
    let files = try allFixtures() + [everyKey]
    #expect(files.count >= 3)
    let verdicts = try schemaCheck(files)
    for file in files {
      let name = URL(fileURLWithPath: file).lastPathComponent
      #expect(verdicts[file]?.valid == true, "schema refuses \(name): \(verdicts[file]?.errors.map(\.path) ?? [])")
      if case .failure(let e) = try decode(file) { Issue.record("decoder refuses \(name):\n\(e)") }
    }
  }

  /// The schema's objects, by where they sit (`applicant.education[]`), with their properties.
  func objects() -> [String: [String: Any]] {
    let defs = schema["$defs"] as! [String: Any]
    func resolve(_ node: [String: Any]) -> [String: Any] {
      guard let ref = node["$ref"] as? String else { return node }
      return (defs[String(ref.split(separator: "/").last!)] as! [String: Any]).merging(node) { _, own in own }
    }
    var found: [String: [String: Any]] = [:]
    func walk(_ node: [String: Any], _ path: String) {
      let node = resolve(node)
      if let properties = node["properties"] as? [String: Any] {
        found[path] = node
        for (key, child) in properties { walk(child as! [String: Any], path.isEmpty ? key : "\(path).\(key)") }
      }
      if let items = node["items"] as? [String: Any] { walk(items, path + "[]") }
    }
    walk(schema, "")
    return found
  }

  @Test func schemaAndDecoderKnowTheSameKeys() throws {
    let objects = objects()
    #expect(Set(objects.keys) == Set(ProfileKeys.byPath.keys))
    for (path, keys) in ProfileKeys.byPath {
      let object = try #require(objects[path], "the schema has no object at \(path)")
      #expect(Set((object["properties"] as! [String: Any]).keys) == Set(keys), "keys of \(path)")
      #expect(object["additionalProperties"] as? Bool == false, "\(path) allows any key")
      #expect((object["patternProperties"] as? [String: Any])?["^x-"] != nil, "\(path) refuses x- keys")
    }
  }

  @Test func everyKeyFileUsesEveryKey() throws {
    let json = try loadJSON(everyKey)
    for (path, keys) in ProfileKeys.byPath {
      var node: Any? = json
      for part in path.split(separator: ".") {
        node = (node as? [String: Any])?[String(part.replacingOccurrences(of: "[]", with: ""))]
        if part.hasSuffix("[]") { node = (node as? [Any])?.first }
      }
      let present = Set((node as? [String: Any])?.keys.map { $0 } ?? [])
      #expect(Set(keys).subtracting(present).isEmpty, "every-key.json lacks \(Set(keys).subtracting(present)) in \(path)")
    }
  }

  @Test func countriesAreTheDecodersList() {
    let country = (schema["$defs"] as! [String: Any])["country"] as! [String: Any]
    let codes = (country["enum"] as! [Any]).compactMap { $0 as? String }
    #expect(Set(codes) == CountryCodes.all)
    #expect(codes.count == CountryCodes.all.count)
  }

  static var mistakes: [Mutation] {
    [
      Mutation("caseId", "../etc/passwd"), Mutation("caseId", ""), Mutation("caseId", 2026),
      Mutation("schemaVersion", 2), Mutation("schemaVersion", "1"), Mutation("schemaVersion", nil),
      Mutation("language", "French"), Mutation("categroy", "pgwp"),
      Mutation("submission.from", "airport"), Mutation("submission.from", NSNull()),
      Mutation("submission.date", "2026-13-01"), Mutation("submission.date", "01/12/2026"), Mutation("submission", nil),
      Mutation("applicant.familyName", "   "), Mutation("applicant.familyName", 42), Mutation("applicant.givenNames", nil),
      Mutation("applicant.familyNmae", "García"), Mutation("applicant.citizenships", [String]()),
      Mutation("applicant.citizenships", ["XX"], at: "applicant.citizenships[0]"),
      Mutation("applicant.citizenships", ["mx"], at: "applicant.citizenships[0]"),
      Mutation("applicant.countryOfResidence", "Canada"), Mutation("applicant.email", "maria at example.com"),
      Mutation("applicant.email", "maria@example"), Mutation("applicant.passport.number", "G1"),
      Mutation("applicant.passport.country", "MEX"), Mutation("applicant.passport.expiryDate", "31/05/2031"),
      Mutation("applicant.passport.expiryDate", nil), Mutation("applicant.uci", "1234-567"),
      Mutation("applicant.status.type", "tourist"), Mutation("applicant.usPermanentResident", 0),
      Mutation("applicant.previousPgwp", "no"), Mutation("applicant.languageTests[0].clb", 13),
      Mutation("applicant.languageTests[0].clb", 1.5), Mutation("applicant.languageTests[0].clb", "8"),
      Mutation("applicant.languageTests[0].test", "TOEFL"), Mutation("applicant.languageTests[0].language", "fr"),
      Mutation("applicant.languageTests[0]", NSNull()), Mutation("applicant.education[0].level", "masters"),
      Mutation("applicant.education[0].university", nil), Mutation("applicant.education[0].dliNumber", "019395677482"),
      Mutation("applicant.education[0].cipCode", "11.07"), Mutation("applicant.education[0].lengthMonths", 0),
      Mutation("applicant.education[0].distanceLearningPercent", 101), Mutation("applicant.education[0].credentials", "MSc"),
      Mutation("applicant.workHistory[0].noc", "ABCDE"), Mutation("applicant.workHistory[0].noc", "26123"),
      Mutation("applicant.workHistory[0].from", nil), Mutation("family.spouse.relationship", nil),
      Mutation("family.spouse.relationship", "partner"), Mutation("family.spouse.citizenships", "MX"),
      Mutation("family.children[0].dateOfBirth", nil), Mutation("job.noc", "2139"), Mutation("job.noc", 21399),
      Mutation("job.offerOfEmploymentNumber", "A123456"), Mutation("job.offerOfEmploymentNumber", "a1234567"),
      Mutation("job.wage.amount", 52.0), Mutation("job.wage.amount", "52,00"),
      Mutation("job.wage.per", "day"), Mutation("job.settings", ["hospital"], at: "job.settings[0]"),
      Mutation("job.hoursPerWeek", 169), Mutation("job.duties", [""], at: "job.duties[0]"),
      Mutation("job.employer.address.postalCode", "90210"), Mutation("job.employer.businessNumber", "12345678"),
      Mutation("job.employer.contact.email", "hr"), Mutation("job.workLocation.province", "Ontario"),
      Mutation("job.employer.legalName", nil), Mutation("principal.program.level", "phd"),
      Mutation("principal.kind", "spouse"), Mutation("principal.noc", "123"),
      Mutation("permanentResidence.program", "EE"), Mutation("nomination.province", "Ontario"),
      Mutation("intraCompany.role", "manager"), Mutation("intraCompany.relationship", nil),
      Mutation("iec.stream", "whv"), Mutation("nomination.program", "federal"), Mutation("cusma.stream", "ict"),
      Mutation("cusma.profession", nil), Mutation("ceta.stream", "professional"), Mutation("gats.profession", nil),
      Mutation("reciprocal.agreement", "  "), Mutation("religious.kind", "church"), Mutation("religious.paid", nil), Mutation("cusma.profession", ""),
      Mutation("significantBenefit.rationale", String(repeating: "x", count: 5001)),
      Mutation("representative.name", nil), Mutation("representative.email", "alex"),
      Mutation("provided", [""], at: "provided[0]"), Mutation("provided", [1], at: "provided[0]"),
      Mutation("applicant.background.criminal", "No"), Mutation("applicant.background.refused", true),
      Mutation("applicant.sex", "female"), Mutation("applicant.placeOfBirth.country", "Mexico"),
      Mutation("applicant.phones[0].type", "mobile"), Mutation("applicant.mailingAddress.street", nil),
      Mutation("applicant.residenceHistory[0].status", "resident"), Mutation("applicant.canadaEntry.originalPurpose", "holiday"),
      Mutation("family.parents[0].relationship", "aunt"), Mutation("representative.body", "iccrc"),
      Mutation("applicant.otherNames[0].familyName", nil),
    ]
  }

  /// Each mutation of every-key.json, with what the schema and the decoder say about it.
  func judge(_ mutations: [Mutation]) throws -> [(Mutation, SchemaVerdict?, Result<Profile, ProfileErrors>)] {
    let dir = try TempDir()
    let base = try loadJSON(everyKey)
    let files = try mutations.enumerated().map { n, m in try write(setting(base, m.path, m.value), dir, "m\(n).json") }
    let verdicts = try schemaCheck(files)
    return try zip(mutations, files).map { m, file in (m, verdicts[file], try decode(file)) }
  }

  @Test func bothRefuseEachMistakeAtItsPath() throws {
    for (m, verdict, decoded) in try judge(Self.mistakes) {
      let expected = m.reported ?? m.path
      let schemaPaths = verdict?.errors.map(\.path) ?? []
      #expect(schemaPaths.contains(expected), "schema on \(m): \(schemaPaths)")
      switch decoded {
      case .success: Issue.record("decoder accepts \(m)")
      case .failure(let e): #expect(e.issues.map(\.path).contains(expected), "decoder on \(m): \(e)")
      }
    }
  }

  static var variations: [Mutation] {
    [
      Mutation("x-crm", ["id": 42, "nested": [["deep": true]]]), Mutation("applicant.x-note", "kept and ignored"),
      Mutation("applicant.education[0].x-transcript", NSNull()), Mutation("$schema", nil), Mutation("category", nil),
      Mutation("category", "C43"), Mutation("submission.date", NSNull()), Mutation("language", "fr"),
      Mutation("family", NSNull()), Mutation("job.employer.complianceFeeExemption", "foreign-government"),
      Mutation("applicant.workHistory[0].to", "2024-06-30"), Mutation("applicant.languageTests[0].clb", 8.0),
      Mutation("applicant.languageTests[0]", ["test": "TEF", "language": "fr", "date": "2025-09-01", "clb": 7]),
      Mutation("applicant.uci", "12-3456-7890"), Mutation("job.employer.address.postalCode", "m5x1a9"),
      Mutation("job.wage.amount", "52"), Mutation("job.noc", "00012"), Mutation("provided", [String]()),
      Mutation("applicant.familyName", "O'Brien-Nguyễn"), Mutation("cusma", ["stream": "investor"]),
    ]
  }

  @Test func bothAcceptValidVariations() throws {
    for (m, verdict, decoded) in try judge(Self.variations) {
      #expect(verdict?.valid == true, "schema on \(m): \(verdict?.errors.map(\.message) ?? [])")
      if case .failure(let e) = decoded { Issue.record("decoder on \(m):\n\(e)") }
    }
  }

  /// What a schema cannot say. The decoder must catch each of these on its own.
  @Test func whereOnlyTheDecoderCanTell() throws {
    let dir = try TempDir()
    let base = try loadJSON(everyKey)
    // A date pattern accepts 2026-02-30. Python's jsonschema asserts "format": "date" when asked;
    // many editors treat formats as annotations only.
    let impossible = try write(setting(base, "applicant.dateOfBirth", "2026-02-30"), dir, "date.json")
    // Orders between fields.
    let orders: [(String, String)] = [
      ("applicant.passport.issueDate", "2031-06-01"), ("applicant.education[0].startedOn", "2026-11-01"),
      ("job.endDate", "2026-12-31"), ("nomination.expiresOn", "2026-08-01"), ("applicant.dateOfBirth", "2027-01-01"),
      ("family.spouse.since", "2027-01-01"), ("submission.requestedValidUntil", "2026-11-30"),
    ]
    let ordered = try orders.enumerated().map { n, o in try write(setting(base, o.0, o.1), dir, "order\(n).json") }
    // Lengths: the decoder counts characters as a reader sees them, JSON Schema counts code points.
    let accented = try write(
      setting(base, "applicant.familyName", String(repeating: "e\u{301}", count: 200)), dir, "length.json")

    let strict = try schemaCheck([impossible, accented] + ordered)
    let editorLike = try schemaCheck([impossible], formats: false)
    #expect(editorLike[impossible]?.valid == true)
    #expect(strict[impossible]?.errors.map(\.path) == ["applicant.dateOfBirth"])
    guard case .failure(let e) = try decode(impossible) else { throw Failure("decoder accepts 2026-02-30") }
    #expect(e.issues.map(\.description).contains { $0.hasPrefix("applicant.dateOfBirth (line ") && $0.hasSuffix(#"got "2026-02-30""#) })

    for (o, file) in zip(orders, ordered) {
      #expect(strict[file]?.valid == true, "the schema now checks \(o.0); move it out of this list")
      guard case .failure(let e) = try decode(file) else {
        Issue.record("decoder accepts \(o.0) = \(o.1)")
        continue
      }
      #expect(e.issues.contains { $0.message.hasPrefix("expected a date ") }, "\(o.0): \(e)")
    }
    #expect(strict[accented]?.valid == false)
    if case .failure(let e) = try decode(accented) { Issue.record("decoder refuses 200 accented letters: \(e)") }
  }
}

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
