import IMPRules
import Testing

/// An IEC profile of `fixture` for a citizen of `countries`, living in the first, who is
/// `age` on the submission date (2026-12-01), or one day short of it with `dayBefore`.
func iecApplicant(
  _ base: String, _ countries: [String], age: Int, dayBefore: Bool = false, stream: String? = nil
) -> [String: Any] {
  var json = setting(fixture(base), "applicant.citizenships", countries)
  json = setting(json, "applicant.passport.country", countries[0])
  json = setting(json, "applicant.countryOfResidence", countries[0])
  let birthday = CivilDate("2026-12-01")!.adding(years: -age).adding(days: dayBefore ? 1 : 0)
  json = setting(json, "applicant.dateOfBirth", birthday.description)
  if let stream { json = setting(json, "iec.stream", stream) }
  return json
}

func iecApplicant(_ countries: [String], age: Int, dayBefore: Bool = false, stream: String? = nil) -> [String: Any] {
  iecApplicant("iec-working-holiday", countries, age: age, dayBefore: dayBefore, stream: stream)
}

@Suite("IEC by country: IRCC's table as catalog data")
struct IECCountryTests {
  @Test func theTableHasTheThirtySixPartnersOfThe2026Season() throws {
    let t = try #require(shippedCatalog.iecCountries)
    #expect(Set(t.countries.map(\.country)).count == 36)
    #expect(!t.countries.contains { ["MX", "UA"].contains($0.country) })
    #expect(t.source.contains("https://www.canada.ca/"))
  }

  @Test(arguments: [
    // Japan: Working Holiday up to 30.
    (["JP"], 30, true, nil, true, nil), (["JP"], 31, false, nil, false, "Japan's Working Holiday stream is for ages 18 to 30; the applicant is 31"),
    // France: 35 for every stream.
    (["FR"], 34, false, nil, true, nil), (["FR"], 35, true, nil, true, nil), (["FR"], 36, false, nil, false, "ages 18 to 35"),
    // Austria: Working Holiday 30, Young Professionals 35.
    (["AT"], 32, false, nil, false, "Austria's Working Holiday stream is for ages 18 to 30; the applicant is 32"),
    // Switzerland has no Working Holiday; the Netherlands no International Co-op.
    (["CH"], 25, false, nil, false, "Switzerland has no Working Holiday stream"),
    (["NL"], 22, false, "international-co-op", false, "Netherlands has no International Co-op (Internship) stream"),
    // Not partners.
    (["MX"], 25, false, nil, false, "Canada has none with that country"),
  ] as [([String], Int, Bool, String?, Bool, String?)])
  func theCountrysRuleDecides(_ countries: [String], _ age: Int, _ dayBefore: Bool, _ stream: String?, _ eligible: Bool, _ says: String?) throws {
    let json = iecApplicant(stream == "international-co-op" ? "iec-young-professionals" : "iec-working-holiday", countries, age: age, dayBefore: dayBefore, stream: stream)
    let p = try plan(json)
    #expect(p.eligibility.eligible == eligible, "\(countries) \(age): \(p.eligibility.unmet)")
    if let says { #expect(p.eligibility.unmet.contains { $0.message.contains(says) }, "\(p.eligibility.unmet)") }
  }

  @Test func anAustrianOf32StaysEligibleForYoungProfessionals() throws {
    let p = try plan(iecApplicant("iec-young-professionals", ["AT"], age: 32))
    #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
  }

  @Test func aJapaneseOf30TheDayBeforeHer31stBirthdayIsStillEligible() throws {
    #expect(try plan(iecApplicant(["JP"], age: 31, dayBefore: true)).eligibility.eligible)
  }

  @Test func aMexicanMayGoThroughARecognizedOrganization() throws {
    let refused = try plan(iecApplicant(["MX"], age: 25))
    let f = try #require(refused.eligibility.unmet.first { $0.rule == "iec.partner-country" })
    #expect(f.message.contains("recognized organization (R205(b))") && f.message.contains("iec.recognizedOrganization"))
    let json = setting(iecApplicant(["MX"], age: 25), "iec.recognizedOrganization", "SWAP Working Holidays")
    let p = try plan(json)
    #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
    let letter = try #require(p.checklist.first { $0.id == "recognized-organization-letter" })
    #expect(letter.title.contains("SWAP Working Holidays"))
  }

  @Test func participationsAreCountedUnderTheCitizenshipUsed() throws {
    // Belgium allows one participation.
    var json = setting(iecApplicant(["BE"], age: 25), "iec.previousParticipations", [["stream": "working-holiday", "year": 2022]])
    #expect(try unmet(json).contains("iec.participations"))
    // Germany allows two but not the same stream twice.
    json = setting(iecApplicant(["DE"], age: 25), "iec.previousParticipations", [["stream": "working-holiday"]])
    #expect(try unmet(json) == ["iec.repeat-stream"])
    json = setting(iecApplicant("iec-young-professionals", ["DE"], age: 25), "iec.previousParticipations", [["stream": "working-holiday"]])
    #expect(try plan(json).eligibility.eligible)
    // An earlier participation under another citizenship does not count here.
    json = setting(iecApplicant(["BE"], age: 25), "iec.previousParticipations", [["stream": "working-holiday", "citizenship": "FR"]])
    #expect(try plan(json).eligibility.eligible)
  }

  @Test func aDualCitizenIsPlannedUnderTheCitizenshipThatQualifies() throws {
    // Mexico has no agreement; France does.
    let p = try plan(iecApplicant(["MX", "FR"], age: 33))
    #expect(p.eligibility.eligible, "\(p.eligibility.unmet)")
    let w = try #require(p.eligibility.warnings.first { $0.rule == "iec.citizenship-used" })
    #expect(w.message.contains("the agreement of France (FR)"))
    // Japanese and French at 32: Japan's 30 fails, France's 35 holds.
    let q = try plan(iecApplicant(["JP", "FR"], age: 32))
    #expect(q.eligibility.eligible, "\(q.eligibility.unmet)")
    #expect(q.letterFacts.contains { $0.label == "Country or territory of the agreement" && $0.value == "France" })
  }

  @Test func residenceIsAWarningWhereTheTableAsksForIt() throws {
    let json = setting(iecApplicant(["BE"], age: 25), "applicant.countryOfResidence", "FR")
    let p = try plan(json)
    #expect(p.eligibility.eligible)
    #expect(p.eligibility.warnings.contains { $0.rule == "iec.residence" && $0.message.contains("Belgium") })
    #expect(!(try plan(iecApplicant(["BE"], age: 25))).eligibility.warnings.contains { $0.rule == "iec.residence" })
  }

  @Test func theCountrysMaximumLengthCapsThePermit() throws {
    // Austria's International Co-op: 6 months; Ireland's Working Holiday: 24; Belgium's: 12.
    let coop = try plan(iecApplicant("iec-young-professionals", ["AT"], age: 25, stream: "international-co-op"))
    #expect(coop.permitValidUntil.description == "2027-06-01", "\(coop.eligibility.unmet)")
    #expect(try plan(iecApplicant(["IE"], age: 25)).permitValidUntil.description == "2028-12-01")
    #expect(try plan(iecApplicant(["BE"], age: 25)).permitValidUntil.description == "2027-12-01")
  }

  @Test func theChecklistAndTheLetterNameTheCountryAndTheStream() throws {
    let p = try plan(iecApplicant(["FR"], age: 28))
    let invitation = try #require(p.checklist.first { $0.id == "iec-invitation" })
    #expect(invitation.title.contains("IEC France, Working Holiday"))
    #expect(p.letterFacts.contains { $0.label == "IEC stream" && $0.value == "Working Holiday" })
  }
}
