import Foundation
import IMPPacket
import IMPRules
import Testing

/// The form data sheets: each form's questions in its order, answered from the profile in
/// IRCC's words, with nothing answered by default.
@Suite struct FormSheetTests {
  let builder = try! PacketBuilder.load()

  func profile(_ path: String) throws -> Profile {
    try shippedBuilder.readProfile(URL(fileURLWithPath: path), asOf: CivilDate("2026-12-01")!).0
  }

  func sheets(_ p: Profile) throws -> [FormSheet] { builder.formSheets(p, try builder.packetPlan(p)) }

  /// The question lists hold every item IRCC-FORMS.md counts (its coverage tables, §4, §5, §7,
  /// §8), with as many required ones, read from the editions it names.
  @Test func questionListsAreTheFormsAsResearched() {
    let expected: [String: (items: Int, required: Int, edition: String)] = [
      "IMM 5710": (121, 54, "06-2019"), "IMM 1295": (106, 45, "09-2023"), "IMM 5645": (44, 0, "01-2021"),
      "IMM 5476": (18, 0, "unknown"),
    ]
    #expect(Set(builder.forms.forms.keys) == Set(expected.keys))
    for (form, e) in expected {
      let list = builder.forms.forms[form]!
      let questions = list.sections.flatMap(\.questions)
      #expect(questions.count == e.items, "\(form) items")
      #expect(questions.filter(\.required).count == e.required, "\(form) required items")
      #expect(list.edition == e.edition)
    }
    let background = builder.forms.forms["IMM 5710"]!.sections.first { $0.title == "Background information" }!
    #expect(background.questions.map(\.number) == ["1a", "1b", "1c", "2a", "2b", "2c", "2d", "3a", "3b", "4a", "4b", "5", "6"])
  }

  /// The fixture that fills the form keys answers over 90% of IMM 5710's required questions.
  @Test func coverageOfRequiredQuestionsForTheFilledFixture() throws {
    let p = try profile(fixturePath("pgwp-forms-complete"))
    let sheet = try #require(try sheets(p).first { $0.form == "IMM 5710" })
    let required = sheet.answers.filter(\.required)
    let unanswered = sheet.unansweredRequired.map { "\($0.number) \($0.text)" }
    #expect(required.count == 54)
    #expect(sheet.requiredCoverage > 0.9, "\(unanswered)")
    // What no key can tell: whether a PNP certificate was issued to a PGWP applicant.
    #expect(unanswered == ["8 Issued a Provincial Nominee Program certificate? (Y/N)"])
    // The same profile without the form keys: the 52% IRCC-FORMS.md measured, or near it.
    let bare = try sheets(try profile(fixturePath("pgwp-eligible"))).first { $0.form == "IMM 5710" }!
    #expect(bare.requiredCoverage < 0.6)
  }

  /// Background questions: absent is asked, `unknown` is asked, only `no` is No.
  @Test func noBackgroundQuestionIsAnsweredByDefault() throws {
    let dir = try TempDir()
    let keys = FormKeys.backgroundQuestions.filter { $0 != "previouslyApplied" }
    for fixture in try allFixtures() + [inputPath("every-key.json")] {
      var json = try loadJSON(fixture)
      json = setting(json, "applicant.background", nil)
      json = setting(json, "applicant.usPermanentResident", nil)
      let path = try write(json, dir, URL(fileURLWithPath: fixture).lastPathComponent)
      for sheet in try sheets(try profile(path)) {
        for a in sheet.answers where a.keys.contains(where: { $0.hasPrefix("applicant.background.") }) {
          if a.keys.contains(where: { k in keys.contains { k.hasSuffix(".\($0)") } }) {
            #expect(a.state == .ask && a.values.isEmpty, "\(fixture) \(sheet.form) \(a.number): \(a.values)")
          }
          #expect(!a.values.contains("No"), "\(fixture) \(sheet.form) \(a.number) answered No by default")
        }
        for a in sheet.answers where a.keys == ["applicant.usPermanentResident"] {
          #expect(a.state == .ask, "US green card question answered without the key")
        }
      }
    }
    let base = try loadJSON(fixturePath("pgwp-forms-complete"))
    let unknown = try write(setting(base, "applicant.background.criminal", "unknown"), dir, "unknown.json")
    let criminal = try sheets(try profile(unknown))[0].answers.first { $0.keys == ["applicant.background.criminal"] }!
    #expect(criminal.state == .ask && criminal.note == "recorded as unknown")
    let no = try sheets(try profile(fixturePath("pgwp-forms-complete")))[0].answers.first {
      $0.keys == ["applicant.background.criminal"]
    }!
    #expect(no.values == ["No"] && no.state == .given)
  }

  /// A derived answer says it is derived and which rule gave it.
  @Test func derivedAnswersSaySo() throws {
    let sheet = try sheets(try profile(fixturePath("pgwp-eligible"))).first { $0.form == "IMM 5710" }!
    let applied = sheet.answers.first { $0.number == "2c" }!
    #expect(applied.values == ["Yes"] && applied.state == .derived)
    #expect(applied.note?.contains("UCI") == true)
    let marital = sheet.answers.first { $0.number == "9a" }!
    #expect(marital.state == .ask, "no spouse and no marital status: single, divorced … cannot be told apart")
  }

  /// Every fixture's packet holds the data sheet of each form its plan lists, with every
  /// question of the form in the form's order.
  @Test func everyFixturesPacketHoldsItsFormsDataSheets() throws {
    var seen: Set<String> = []
    for fixture in try allFixtures() {
      let p = try profile(fixture)
      let packet = try builder.packetPlan(p)
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture)))
      let files = try builder.files(profile: p, profileBytes: bytes, plan: packet)
      for form in packet.plan.forms where builder.forms.forms[form] != nil {
        seen.insert(form)
        let name = FormLibrary.sheetFile(form)
        let file = try #require(files.first { $0.name == name }, "\(fixture): no \(name)")
        let html = String(decoding: file.bytes, as: UTF8.self)
        var at = html.startIndex
        for q in builder.forms.forms[form]!.sections.flatMap(\.questions) {
          let text = q.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "<", with: "&lt;")
          guard let r = html.range(of: text, range: at..<html.endIndex) else {
            Issue.record("\(fixture) \(name): \(q.number) \(q.text) missing or out of order")
            break
          }
          at = r.upperBound
        }
      }
      #expect(!files.contains { $0.name.hasPrefix("upload/") && $0.name.contains("data") })
    }
    #expect(seen == ["IMM 5710", "IMM 1295", "IMM 5645", "IMM 5476"])
  }

  /// IRCC's words exist for every value the profile accepts, and no numeric code is given
  /// that IRCC-FORMS.md does not confirm.
  @Test func listsCoverEveryValueWeAccept() {
    let lists = builder.forms.lists
    #expect(Set(lists.countries.byCode.keys) == CountryCodes.all)
    let named = lists.countries.byCode.filter { $0.value.ircc != nil }
    #expect(named.count == 200)
    #expect(lists.countries.byCode["HK"]?.ircc == "China (Hong Kong SAR)")
    #expect(lists.countries.byCode["KR"]?.ircc == "Korea, South")
    #expect(lists.countries.byCode["US"]?.ircc == "United States of America")
    let codes = lists.countries.byCode.compactMapValues(\.code)
    #expect(codes == ["CA": "511", "US": "461", "KR": "258", "HK": "200"])
    for code in CountryCodes.all { #expect(lists.countries.byCode[code]?.alpha3 != nil || code == "XK", "\(code)") }
    let enums: [(String, [String])] = [
      ("sex", FormKeys.sexes), ("maritalStatus", FormKeys.maritalStatuses), ("maritalStatus5645", FormKeys.maritalStatuses),
      ("residenceStatus", FormKeys.residenceStatuses), ("communicate", FormKeys.communication),
      ("phoneType", FormKeys.phoneTypes), ("purpose", FormKeys.entryPurposes), ("language", ["en", "fr"]),
      ("relationshipType", ["married", "common-law"]), ("province", ProfileFormat.provinces),
      ("relative", FormKeys.childRelationships + FormKeys.parentRelationships + FormKeys.siblingRelationships),
      ("answer", ["yes", "no"]),
    ]
    for (list, values) in enums {
      let labels = lists.lists[list]?.labels ?? [:]
      #expect(Set(labels.keys) == Set(values), "\(list)")
      #expect(labels.values.allSatisfy { !$0.isEmpty })
    }
    // IMM 5645's applicant row splits Married in two; the profile cannot say which.
    #expect(lists.lists["maritalStatus5645Principal"]?.labels["married"] == nil)
    #expect(lists.lists.values.allSatisfy { !$0.source.isEmpty })
  }

  /// A question list naming a rule that does not exist is refused, naming the question.
  @Test func aListNamingAnUnknownRuleIsRefused() throws {
    var list = builder.forms.forms["IMM 5476"]!
    list.sections[0].questions[0].answer.derive = "guess-everything"
    #expect {
      try FormLibrary(forms: ["IMM 5476": list], lists: builder.forms.lists)
    } throws: { ($0 as? FormLibraryError)?.message.contains("no derivation \"guess-everything\"") == true }
  }
}
