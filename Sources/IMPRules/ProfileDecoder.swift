public import Foundation
public import StrictJSON

/// Profile format v1: reads a profile file and checks every field (SPEC §1).
public enum ProfileFormat {
  public static let schemaVersion = 1

  /// Kinds of reciprocal employment, each with its own code (C20, C22, C23, C24, C26).
  public static let reciprocalTypes = ["general", "academic-exchange", "performing-arts", "camp-counsellor", "coach-athlete"]

  /// The employers R209.91 exempts from the compliance regime (`job.employer.complianceFeeExemption`),
  /// with the words documents use for each.
  public static let complianceRegimeExemptions: KeyValuePairs<String, String> = [
    "foreign-government": "a foreign government (R209.91)",
    "diplomatic-or-consular-mission": "a diplomatic or consular mission (R209.91)",
    "international-organization": "an international organization (R209.91)",
    "political-subdivision": "a political subdivision with immunities under the Foreign Missions and International Organizations Act (R209.91)",
    "international-bridge-or-tunnel": "an international bridge or tunnel operator (R209.91)",
  ]

  public static let provinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
  public static let educationLevels = [
    "secondary", "certificate", "diploma", "advanced-diploma", "bachelor", "post-graduate-certificate", "master",
    "doctorate", "professional-degree",
  ]
  public static let statusTypes = ["student", "worker", "visitor", "maintained", "expired", "none"]
  public static let submissionFrom = ["inside-canada", "outside-canada", "port-of-entry"]
  public static let workplaceSettings = ["health", "school", "childcare", "in-home-care", "agriculture"]
  public static let languageTestNames = ["IELTS", "CELPIP", "PTE", "TEF", "TCF"]
  public static let prPrograms = ["CEC", "FSW", "FST", "PNP", "QSW", "QIP", "AGRI-FOOD", "CAREGIVER", "HCCPP", "HSWP"]

  /// The largest profile file read (5 MB); anything bigger is refused before parsing.
  public static var maxBytes: Int { JSONLimits.profile.maxBytes }

  /// Reads and checks a profile. `defaultDate` is the submission date when the profile has none.
  ///
  /// On failure every problem is listed, in the order of the file, each with its JSON path
  /// and, where the text says, its line and column. With `vocabulary`, the words only the
  /// catalog can tell (`category`, `language`, `provided` ids) are checked in the same pass.
  public static func decode(_ data: Data, defaultDate: CivilDate, vocabulary: ProfileVocabulary? = nil)
    -> Result<Profile, ProfileErrors>
  {
    let doc: JSONDocument
    switch JSONDocument.read(data, limits: .profile) {
    case .failure(let e): return .failure(e)
    case .success(let d): doc = d
    }
    if case .object(let o) = doc.value, o["bundleId"] != nil, o["offers"] != nil {
      let message = "this is an employer file, not a profile; imp-packet employer reads it"
      return .failure(ProfileErrors([ProfileIssue(path: "", message: message)]))
    }
    let r = FieldReader()
    let profile = read(doc.value, r, defaultDate)
    r.check(doc.value, against: vocabulary, on: profile?.submission.date ?? defaultDate)
    if let profile, r.issues.isEmpty, doc.issues.isEmpty { return .success(profile) }
    // Where the text itself is wrong (a duplicate key, 1e400), that is the problem at the path.
    let textPaths = Set(doc.issues.map(\.path))
    var issues = doc.issues + r.issues.filter { !textPaths.contains($0.path) }
    let positions = doc.positions(of: Set(issues.filter { $0.line == nil }.map(\.path)))
    for k in issues.indices where issues[k].line == nil {
      if let at = positions[issues[k].path] { (issues[k].line, issues[k].column) = (at.line, at.column) }
    }
    issues = issues.enumerated().sorted { a, b in
      let top = TextPosition(line: 0, column: 0)
      let (pa, pb) = (a.element.position ?? top, b.element.position ?? top)
      return pa != pb ? pa < pb : a.offset < b.offset
    }.map(\.element)
    return .failure(ProfileErrors(issues, unlisted: doc.unlisted + r.unlisted))
  }

  /// Checks an already parsed profile (no line or column information).
  public static func decode(_ json: JSONValue, defaultDate: CivilDate, vocabulary: ProfileVocabulary? = nil)
    -> Result<Profile, ProfileErrors>
  {
    let r = FieldReader()
    let profile = read(json, r, defaultDate)
    r.check(json, against: vocabulary, on: profile?.submission.date ?? defaultDate)
    if let profile, r.issues.isEmpty { return .success(profile) }
    return .failure(ProfileErrors(r.issues, unlisted: r.unlisted))
  }


  /// NOC 2021: five digits; the second is the TEER (0 to 5).
  static func isNOC(_ s: String) -> Bool {
    let u = Array(s.utf8)
    return u.count == 5 && u.allSatisfy { (48...57).contains($0) } && u[1] <= UInt8(ascii: "5")
  }
  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
      && !parts[1].hasSuffix(".") && !s.contains(where: \.isWhitespace)
  }
  /// `M5X 1A9` or `m5x1a9`: letter, digit, letter, an optional space, digit, letter, digit (ASCII).
  static func isPostalCode(_ s: String) -> Bool {
    var u = Array(s.utf8)
    if u.count == 7, u[3] == UInt8(ascii: " ") { u.remove(at: 3) }
    let letter = { (b: UInt8) in (65...90).contains(b) || (97...122).contains(b) }
    let digit = { (b: UInt8) in (48...57).contains(b) }
    return u.count == 6 && letter(u[0]) && digit(u[1]) && letter(u[2]) && digit(u[3]) && letter(u[4]) && digit(u[5])
  }
  static func isOfferNumber(_ s: String) -> Bool {
    s.count == 8 && s.first == "A" && s.dropFirst().allSatisfy(\.isASCIIDigitCharacter)
  }
  /// What `language` takes: the packet's language, `en` or one a `.po` file translates into.
  public static let languageCodeText = "a language code such as \"en\" or \"fr\" (two or three lowercase letters)"

  /// `en`, `fr`, `de`, `oj`: two or three ASCII lowercase letters.
  public static func isLanguageCode(_ s: String) -> Bool {
    (2...3).contains(s.utf8.count) && s.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
  }

  static func isCaseId(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
      && !s.hasPrefix(".")
  }

  private static func read(_ json: JSONValue, _ r: FieldReader, _ defaultDate: CivilDate) -> Profile? {
    guard case .object = json else {
      r.report("", "expected a JSON object (a profile), got \(json.kindName)")
      return nil
    }
    guard let o = r.object(json, at: "", keys: ProfileKeys.profile) else { return nil }

    _ = o.string("$schema", maxLength: 2000)  // where editors find the JSON Schema; not a fact
    let version = o.int("schemaVersion", required: true, in: 1...1000)
    if let version, version != schemaVersion {
      r.report("schemaVersion", "this tool reads format version \(schemaVersion), got \(version)")
    }
    let caseId = o.string(
      "caseId", required: true, "a case id of letters, digits, '-', '_' or '.' (at most 64)", valid: isCaseId)
    let category = o.string("category")
    let language = o.string("language", languageCodeText, valid: isLanguageCode) ?? "en"

    var submission: Profile.Submission?
    if let s = o.object("submission", required: true, keys: ProfileKeys.submission) {
      let from = s.choice("from", required: true, submissionFrom)
      let date = s.date("date") ?? (s.value("date", required: false) == nil ? defaultDate : nil)
      let until = s.date("requestedValidUntil")
      _ = s.country("countryWhereApplying")
      s.expect("requestedValidUntil", until, .after, "the submission date", date)
      if let from, let date { submission = .init(date: date, from: from, requestedValidUntil: until) }
    }

    let applicant = o.object("applicant", required: true, keys: ProfileKeys.applicant).flatMap {
      readApplicant($0, r, submission?.date)
    }

    let family = o.object("family", keys: ProfileKeys.family).map { readFamily($0, r, submission?.date) }
    let job = o.object("job", keys: ProfileKeys.job).map { readJob($0, r) }
    let principal = o.object("principal", keys: ProfileKeys.principal).flatMap { p -> Profile.Principal? in
      let kind = p.choice("kind", required: true, ["worker", "student"])
      let program = p.object("program", keys: ProfileKeys.program).flatMap { g -> Profile.Principal.Program? in
        guard let level = g.choice("level", required: true, educationLevels) else { return nil }
        return .init(level: level, lengthMonths: g.int("lengthMonths", in: 1...240))
      }
      let v = Profile.Principal(
        kind: kind ?? "worker", familyName: p.string("familyName"), givenNames: p.string("givenNames"),
        permitValidUntil: p.date("permitValidUntil"), noc: p.noc("noc"),
        transitioningToPermanentResidence: p.bool("transitioningToPermanentResidence") ?? false, program: program)
      return kind == nil ? nil : v
    }
    let pr = o.object("permanentResidence", keys: ProfileKeys.permanentResidence).flatMap {
      p -> Profile.PermanentResidence? in
      guard let program = p.choice("program", required: true, prPrograms) else { return nil }
      return .init(
        program: program, expressEntry: p.bool("expressEntry") ?? false, applicationNumber: p.string("applicationNumber"),
        acknowledgementOfReceiptOn: p.date("acknowledgementOfReceiptOn"),
        completenessCheckPassed: p.bool("completenessCheckPassed") ?? false,
        positiveEligibilityOn: p.date("positiveEligibilityOn"))
    }
    let nomination = o.object("nomination", keys: ProfileKeys.nomination).flatMap { n -> Profile.Nomination? in
      let program = n.choice("program", ["pnp", "atlantic"]) ?? "pnp"
      let province = n.province("province", required: true)
      let issued = n.date("issuedOn")
      let expires = n.date("expiresOn")
      n.expect("expiresOn", expires, .after, "issuedOn", issued)
      guard let province else { return nil }
      return .init(
        program: program, province: province, certificateNumber: n.string("certificateNumber"), issuedOn: issued,
        expiresOn: expires, employmentRestriction: n.bool("employmentRestriction") ?? false,
        supportLetter: n.bool("supportLetter") ?? false)
    }
    let ict = o.object("intraCompany", keys: ProfileKeys.intraCompany).flatMap { i -> Profile.IntraCompany? in
      let employer = i.string("foreignEmployer", required: true)
      let rel = i.choice("relationship", required: true, ["parent", "subsidiary", "branch", "affiliate"])
      let role = i.choice(
        "role", required: true, ["executive", "senior-manager", "functional-manager", "specialized-knowledge"])
      guard let employer, let rel, let role else { return nil }
      return .init(
        foreignEmployer: employer, relationship: rel, role: role, startUp: i.bool("startUp") ?? false,
        canadianPremises: i.bool("canadianPremises") ?? false)
    }
    let cusma = o.object("cusma", keys: ProfileKeys.cusma).flatMap { c -> Profile.Cusma? in
      let stream = c.choice("stream", ["professional", "trader", "investor"]) ?? "professional"
      let profession = c.string("profession", required: stream == "professional")
      return .init(stream: stream, profession: profession, qualification: c.string("qualification"))
    }
    func agreementWork(_ key: String, _ streams: [String]) -> Profile.TradeAgreementWork? {
      o.object(key, keys: ProfileKeys.tradeAgreementWork).flatMap { c -> Profile.TradeAgreementWork? in
        let stream = c.choice("stream", required: true, streams)
        let profession = c.string("profession", required: true)
        guard let stream, let profession else { return nil }
        return .init(stream: stream, profession: profession, qualification: c.string("qualification"))
      }
    }
    let ceta = agreementWork("ceta", ["independent-professional", "contractual-service-supplier", "technologist"])
    let gats = agreementWork("gats", ["professional"])
    let reciprocal = o.object("reciprocal", keys: ProfileKeys.reciprocal).flatMap {
      r -> Profile.Reciprocal? in
      let type = r.choice("type", reciprocalTypes) ?? "general"
      return r.string("agreement", required: true).map {
        .init(
          type: type, agreement: $0, artisticCulturalOrEducational: r.bool("artisticCulturalOrEducational") ?? false)
      }
    }
    let iec = o.object("iec", keys: ProfileKeys.iec).flatMap { i -> Profile.IEC? in
      let stream = i.choice("stream", required: true, ["working-holiday", "young-professionals", "international-co-op"])
      let inv = i.date("invitationDate")
      let ins = i.date("healthInsuranceUntil")
      let streams = ["working-holiday", "young-professionals", "international-co-op"]
      var earlier: [Profile.IEC.Participation] = []
      for (v, p) in i.array("previousParticipations") ?? [] {
        guard let e = r.object(v, at: p, keys: ProfileKeys.iecParticipation) else {
          if v == .null { r.report(p, "expected an object, got null") }
          continue
        }
        let s = e.choice("stream", required: true, streams)
        let c = e.country("citizenship")
        let y = e.int("year", in: 1990...9999)
        if let s { earlier.append(.init(stream: s, citizenship: c, year: y)) }
      }
      let ro = i.string("recognizedOrganization")
      return stream.map {
        .init(
          stream: $0, invitationDate: inv, healthInsuranceUntil: ins, previousParticipations: earlier,
          recognizedOrganization: ro)
      }
    }
    let religious = o.object("religious", keys: ProfileKeys.religious).flatMap { g -> Profile.Religious? in
      let kind = g.choice("kind", ["religious", "charitable"]) ?? "religious"
      let org = g.string("organization", required: true)
      let role = g.string("role")
      let paid = g.bool("paid", required: true)
      guard let org, let paid else { return nil }
      return .init(kind: kind, organization: org, role: role, paid: paid)
    }
    let benefit = o.object("significantBenefit", keys: ProfileKeys.significantBenefit).flatMap {
      b -> Profile.SignificantBenefit? in
      b.string("rationale", required: true, maxLength: 5000).map { .init(rationale: $0) }
    }
    let rep = o.object("representative", keys: ProfileKeys.representative).flatMap {
      p -> Profile.Representative? in
      let name = p.string("name", required: true)
      checkFormKeys(representative: p)
      let v = Profile.Representative(
        name: name ?? "", licenceNumber: p.string("licenceNumber"), organization: p.string("organization"),
        email: p.email("email"), paid: p.bool("paid") ?? false)
      return name == nil ? nil : v
    }
    let provided = o.strings("provided", "a checklist item id") { !$0.isEmpty } ?? []

    guard let version, let caseId, let submission, let applicant else { return nil }
    var profile = Profile(
      schemaVersion: version, caseId: caseId, category: category, language: language, submission: submission,
      applicant: applicant, family: family, job: job, principal: principal, permanentResidence: pr,
      nomination: nomination, intraCompany: ict, cusma: cusma, ceta: ceta, gats: gats, reciprocal: reciprocal, iec: iec,
      religious: religious,
      significantBenefit: benefit, representative: rep, provided: provided)
    profile.source = json
    return profile
  }

  /// The applicant; `today` is the submission date, when known, that dates are checked against.
  private static func readApplicant(_ a: ObjectReader, _ r: FieldReader, _ today: CivilDate?) -> Profile.Applicant? {
    let family = a.string("familyName", required: true)
    let given = a.string("givenNames", required: true)
    let dob = a.date("dateOfBirth", required: true)
    a.expect("dateOfBirth", dob, .before, "the submission date", today)
    let citizenships =
      a.countries("citizenships")
    if case .array(let raw)? = a.value("citizenships", required: true), raw.isEmpty {
      r.report(a.path("citizenships"), "expected at least one citizenship")
    }
    let own = readOwnFacts(a, today)
    let passport = own.passport
    let status = own.status
    let biometrics = readBiometrics(a, today)
    let medical = own.medicalExam
    var tests: [Profile.LanguageTest] = []
    for (v, p) in a.array("languageTests") ?? [] {
      guard let t = r.object(v, at: p, keys: ProfileKeys.languageTest) else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let test = t.choice("test", required: true, languageTestNames)
      let lang = t.choice("language", required: true, ["en", "fr"])
      let date = t.date("date", required: true)
      t.expect("date", date, .onOrBefore, "the submission date", today)
      let clb = t.int("clb", required: true, in: 1...12)
      if let test, let lang {
        let french = ["TEF", "TCF"].contains(test)
        if french != (lang == "fr") {
          r.report(t.path("language"), "\(test) tests \(french ? "French (\"fr\")" : "English (\"en\")"), got \"\(lang)\"")
        }
      }
      if let test, let lang, let date, let clb { tests.append(.init(test: test, language: lang, date: date, clb: clb)) }
    }
    var education: [Profile.Education] = []
    for (v, p) in a.array("education") ?? [] {
      guard
        let e = r.object(v, at: p, keys: ProfileKeys.education)
      else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let credential = e.string("credential", required: true)
      let level = e.choice("level", required: true, educationLevels)
      let university = e.bool("university", required: true)
      let institution = e.string("institution", required: true)
      let dli = e.string(
        "dliNumber", "a DLI number: O followed by 11 digits",
        valid: { $0.count == 12 && $0.first == "O" && $0.dropFirst().allSatisfy(\.isASCIIDigitCharacter) })
      let cip = e.string(
        "cipCode", "a CIP code like \"11.0701\"",
        valid: {
          let parts = $0.split(separator: ".", omittingEmptySubsequences: false)
          return parts.count == 2 && parts[0].count == 2 && parts[1].count == 4
            && parts.allSatisfy { $0.allSatisfy(\.isASCIIDigitCharacter) }
        })
      checkFormKeys(row: e, country: true)
      let started = e.date("startedOn")
      let completed = e.date("completedOn")
      let confirmed = e.date("completionConfirmedOn")
      e.expect("completedOn", completed, .onOrAfter, "startedOn", started)
      e.expect("completedOn", completed, .after, "the date of birth", dob)
      e.expect("completionConfirmedOn", confirmed, .onOrAfter, "completedOn", completed)
      let item = Profile.Education(
        credential: credential ?? "", level: level ?? "", university: university ?? false,
        institution: institution ?? "", dliNumber: dli, program: e.string("program"), cipCode: cip,
        lengthMonths: e.int("lengthMonths", in: 1...240), fullTime: e.bool("fullTime"),
        distanceLearningPercent: e.int("distanceLearningPercent", in: 0...100), startedOn: started,
        completedOn: completed, completionConfirmedOn: confirmed, studyPermitAppliedOn: e.date("studyPermitAppliedOn"),
        curriculumLicensing: e.bool("curriculumLicensing") ?? false)
      if credential != nil, level != nil, university != nil, institution != nil { education.append(item) }
    }
    var work: [Profile.Work] = []
    for (v, p) in a.array("workHistory") ?? [] {
      guard
        let w = r.object(v, at: p, keys: ProfileKeys.work)
      else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let employer = w.string("employer", required: true)
      let title = w.string("title", required: true)
      checkFormKeys(row: w)
      let from = w.date("from", required: true)
      let to = w.date("to")
      w.expect("to", to, .onOrAfter, "from", from)
      let item = Profile.Work(
        employer: employer ?? "", title: title ?? "", noc: w.noc("noc"),
        country: w.country("country"), from: from ?? CivilDate(daysSinceEpoch: 0), to: to,
        hoursPerWeek: w.int("hoursPerWeek", in: 1...168),
        relatedToCanadianEmployer: w.bool("relatedToCanadianEmployer") ?? false)
      if employer != nil, title != nil, from != nil { work.append(item) }
    }
    let designated = own.designatedCountryStay
    let usPR = a.bool("usPermanentResident") ?? false
    let residence = a.country("countryOfResidence")
    let email = a.email("email")
    let uci = own.uci
    let previousPgwp = a.bool("previousPgwp") ?? false
    var refusals: [Profile.Refusal] = []
    for (v, p) in a.array("previousRefusals") ?? [] {
      guard let f = r.object(v, at: p, keys: ProfileKeys.refusal) else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let date = f.date("date", required: true)
      f.expect("date", date, .onOrBefore, "the submission date", today)
      let application = f.string("application", required: true)
      let country = f.country("country") ?? "CA"
      let reason = f.string("reason", maxLength: 2000)
      let response = f.string("response", maxLength: 5000)
      if let date, let application {
        refusals.append(.init(date: date, country: country, application: application, reason: reason, response: response))
      }
    }
    checkFormKeys(applicant: a, r, today)
    guard let family, let given, let dob, let citizenships, !citizenships.isEmpty else { return nil }
    var applicant = Profile.Applicant(
      familyName: family, givenNames: given, dateOfBirth: dob, citizenships: citizenships,
      usPermanentResident: usPR, countryOfResidence: residence, email: email, passport: passport, uci: uci,
      status: status, biometrics: biometrics, medicalExam: medical, designatedCountryStay: designated,
      languageTests: tests, education: education, workHistory: work, previousPgwp: previousPgwp)
    applicant.previousRefusals = refusals
    return applicant
  }

  /// The keys an applicant and a family member applying together share (SPEC §8): passport,
  /// status, medical exam, UCI and a stay in a designated country.
  /// `member`: a family member's object, which also lists the member's own `provided` ids.
  private static func readOwnFacts(_ a: ObjectReader, _ today: CivilDate?, member: Bool = false) -> Profile.MemberFacts {
    var own = Profile.MemberFacts()
    if member { own.provided = a.strings("provided", "a checklist item id") { !$0.isEmpty } ?? [] }
    own.passport = a.object("passport", keys: ProfileKeys.passport).flatMap {
      p -> Profile.Passport? in
      let number = p.string(
        "number", required: true, "a passport number (letters and digits, 5 to 20)",
        valid: { (5...20).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
      let country = p.country("country", required: true)
      let expiry = p.date("expiryDate", required: true)
      let issued = p.date("issueDate")
      p.expect("expiryDate", expiry, .after, "issueDate", issued)
      guard let number, let country, let expiry else { return nil }
      return .init(number: number, country: country, expiryDate: expiry, issueDate: issued)
    }
    own.status = a.object("status", keys: ProfileKeys.status).flatMap { s -> Profile.Status? in
      let type = s.choice("type", required: true, statusTypes)
      let until = s.date("validUntil")
      let since = s.date("since")
      s.expect("since", since, .onOrBefore, "the submission date", today)
      s.expect("validUntil", until, .after, "since", since)
      return type.map { .init(type: $0, validUntil: until) }
    }
    own.medicalExam = a.object("medicalExam", keys: ProfileKeys.medicalExam).flatMap { m in
      m.date("date", required: true).map(Profile.MedicalExam.init)
    }
    own.uci = a.string(
      "uci", "a UCI: 8 or 10 digits, optionally written 1234-5678 or 12-3456-7890",
      valid: {
        let digits = $0.filter { $0 != "-" }
        return (digits.count == 8 || digits.count == 10) && digits.allSatisfy(\.isASCIIDigitCharacter)
      })
    own.designatedCountryStay = a.bool("designatedCountryStay") ?? false
    return own
  }

  /// `biometrics.givenOn`; for a family member also the older `biometricsGivenOn` (not both).
  private static func readBiometrics(_ a: ObjectReader, _ today: CivilDate?, legacy: Bool = false) -> Profile.Biometrics? {
    let object = a.object("biometrics", keys: ProfileKeys.biometrics).flatMap { b in
      let given = b.date("givenOn", required: true)
      b.expect("givenOn", given, .onOrBefore, "the submission date", today)
      return given.map(Profile.Biometrics.init)
    }
    guard legacy else { return object }
    let old = a.date("biometricsGivenOn")
    a.expect("biometricsGivenOn", old, .onOrBefore, "the submission date", today)
    if old != nil, object != nil {
      a.reader.report(a.path("biometricsGivenOn"), "give biometrics.givenOn or biometricsGivenOn, not both")
    }
    return object ?? old.map(Profile.Biometrics.init)
  }

  private static func readFamily(_ f: ObjectReader, _ r: FieldReader, _ today: CivilDate?) -> Profile.Family {
    let spouse = f.object("spouse", keys: ProfileKeys.spouse).flatMap { s -> Profile.Spouse? in
      let family = s.string("familyName", required: true)
      let given = s.string("givenNames", required: true)
      let rel = s.choice("relationship", required: true, ["married", "common-law"])
      let dob = s.date("dateOfBirth")
      let since = s.date("since")
      s.expect("dateOfBirth", dob, .before, "the submission date", today)
      s.expect("since", since, .onOrBefore, "the submission date", today)
      _ = s.country("countryOfBirth")
      _ = s.string("address", maxLength: 500)
      _ = s.string("occupation")
      let v = Profile.Spouse(
        familyName: family ?? "", givenNames: given ?? "", dateOfBirth: dob,
        citizenships: s.countries("citizenships", "an ISO 3166-1 alpha-2 country code")
          ?? [],
        relationship: rel ?? "", since: since, accompanying: s.bool("accompanying") ?? false,
        applyingTogether: s.bool("applyingTogether") ?? false, biometrics: readBiometrics(s, today, legacy: true),
        own: readOwnFacts(s, today, member: true))
      return family != nil && given != nil && rel != nil ? v : nil
    }
    var children: [Profile.Child] = []
    for (v, p) in f.array("children") ?? [] {
      guard
        let c = r.object(v, at: p, keys: ProfileKeys.child)
      else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let given = c.string("givenNames", required: true)
      let dob = c.date("dateOfBirth", required: true)
      c.expect("dateOfBirth", dob, .before, "the submission date", today)
      checkFormKeys(child: c)
      let item = Profile.Child(
        givenNames: given ?? "", dateOfBirth: dob ?? CivilDate(daysSinceEpoch: 0),
        citizenships: c.countries("citizenships", "an ISO 3166-1 alpha-2 country code")
          ?? [],
        accompanying: c.bool("accompanying") ?? false, applyingTogether: c.bool("applyingTogether") ?? false,
        biometrics: readBiometrics(c, today, legacy: true), familyName: c.string("familyName"), school: c.bool("school"),
        work: c.bool("work"), own: readOwnFacts(c, today, member: true))
      if given != nil, dob != nil { children.append(item) }
    }
    checkFormKeys(family: f, r, today)
    return Profile.Family(spouse: spouse, children: children)
  }

  private static func readJob(_ j: ObjectReader, _ r: FieldReader) -> Profile.Job {
    let employer = j.object("employer", keys: ProfileKeys.employer).flatMap { e -> Profile.Employer? in
      let legal = e.string("legalName", required: true)
      let address = e.object("address", keys: ProfileKeys.address).flatMap {
        a -> Profile.Address? in
        let line1 = a.string("line1", required: true)
        let city = a.string("city", required: true)
        let v = Profile.Address(
          line1: line1 ?? "", line2: a.string("line2"), city: city ?? "", province: a.province("province"),
          postalCode: a.string(
            "postalCode", "a Canadian postal code like \"M5X 1A9\"",
            valid: isPostalCode), country: a.country("country"))
        return line1 != nil && city != nil ? v : nil
      }
      let contact = e.object("contact", keys: ProfileKeys.contact).flatMap { c -> Profile.Contact? in
        let name = c.string("name", required: true)
        let v = Profile.Contact(
          name: name ?? "", title: c.string("title"), email: c.email("email"),
          phone: c.string("phone"))
        return name == nil ? nil : v
      }
      let v = Profile.Employer(
        legalName: legal ?? "", operatingName: e.string("operatingName"),
        businessNumber: e.string(
          "businessNumber", "a CRA business number: 9 digits",
          valid: { $0.count == 9 && $0.allSatisfy(\.isASCIIDigitCharacter) }),
        province: e.province("province"), address: address, contact: contact,
        complianceFeeExemption: e.choice("complianceFeeExemption", complianceRegimeExemptions.map(\.key)))
      return legal == nil ? nil : v
    }
    let wage = j.object("wage", keys: ProfileKeys.wage).flatMap { w -> Profile.Wage? in
      let amount = w.money("amount", required: true)
      let per = w.choice("per", required: true, ["hour", "week", "month", "year"])
      guard let amount, let per else { return nil }
      return .init(amount: amount, per: per)
    }
    func readLocation(_ l: ObjectReader) -> Profile.Location? {
      let city = l.string("city", required: true)
      let province = l.province("province", required: true)
      _ = l.string("address")
      guard let city, let province else { return nil }
      return .init(city: city, province: province)
    }
    let location = j.object("workLocation", keys: ProfileKeys.workLocation).flatMap(readLocation)
    var others: [Profile.Location] = []
    for (v, p) in j.array("otherWorkLocations") ?? [] {
      guard let l = r.object(v, at: p, keys: ProfileKeys.workLocation) else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      if let loc = readLocation(l) { others.append(loc) }
    }
    if location == nil, !others.isEmpty {
      r.report(j.path("otherWorkLocations"), "give the main work location in job.workLocation first")
    }
    let recorded = j.object("offerAsSubmitted", keys: ProfileKeys.offerAsSubmitted).map { o in
      Profile.OfferRecord(
        passportNumber: o.string("passportNumber", maxLength: 40), citizenship: o.country("citizenship"))
    }
    if let c = j.object("caq", keys: FormKeys.caq) {
      _ = c.string("number", required: true, maxLength: 40)
      _ = c.date("expiryDate")
    }
    let start = j.date("startDate")
    let end = j.date("endDate")
    j.expect("endDate", end, .onOrAfter, "startDate", start)
    return Profile.Job(
      employer: employer, title: j.string("title"), noc: j.noc("noc"),
      wage: wage, hoursPerWeek: j.int("hoursPerWeek", in: 1...168), startDate: start, endDate: end,
      workLocation: location,
      settings: j.strings("settings", "one of \(workplaceSettings.map { "\"\($0)\"" }.joined(separator: ", "))") {
        workplaceSettings.contains($0)
      } ?? [],
      offerOfEmploymentNumber: j.string(
        "offerOfEmploymentNumber", "an offer-of-employment number: A followed by 7 digits", valid: isOfferNumber),
      duties: j.strings("duties", "a line of text") { !$0.isEmpty && $0.count <= 1000 } ?? [],
      otherWorkLocations: others, offerAsSubmitted: recorded)
  }
}
