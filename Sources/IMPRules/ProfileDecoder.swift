public import Foundation

/// Profile format v1: reads a profile file and checks every field (SPEC §1).
public enum ProfileFormat {
  public static let schemaVersion = 1

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

  /// Reads and checks a profile. `defaultDate` is the submission date when the profile has none.
  public static func decode(_ data: Data, defaultDate: CivilDate) -> Result<Profile, ProfileErrors> {
    switch JSONValue.parse(data) {
    case .failure(let issue): return .failure(ProfileErrors([issue]))
    case .success(let json): return decode(json, defaultDate: defaultDate)
    }
  }

  public static func decode(_ json: JSONValue, defaultDate: CivilDate) -> Result<Profile, ProfileErrors> {
    let r = FieldReader()
    let profile = read(json, r, defaultDate)
    if let profile, r.issues.isEmpty {
      crossCheck(profile, r)
      if r.issues.isEmpty { return .success(profile) }
    }
    return .failure(ProfileErrors(r.issues))
  }

  static func isNOC(_ s: String) -> Bool { s.count == 5 && s.allSatisfy(\.isASCIIDigitCharacter) }
  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
      && !parts[1].hasSuffix(".") && !s.contains(where: \.isWhitespace)
  }
  static func isOfferNumber(_ s: String) -> Bool {
    s.count == 8 && s.first == "A" && s.dropFirst().allSatisfy(\.isASCIIDigitCharacter)
  }
  static func isCaseId(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
      && !s.hasPrefix(".")
  }

  private static func read(_ json: JSONValue, _ r: FieldReader, _ defaultDate: CivilDate) -> Profile? {
    let topKeys = [
      "schemaVersion", "caseId", "category", "language", "submission", "applicant", "family", "job", "principal",
      "permanentResidence", "nomination", "intraCompany", "cusma", "ceta", "gats", "reciprocal", "iec", "religious",
      "significantBenefit",
      "representative", "provided",
    ]
    guard case .object = json else {
      r.report("", "expected a JSON object (a profile), got \(json.kindName)")
      return nil
    }
    guard let o = r.object(json, at: "", keys: topKeys) else { return nil }

    let version = o.int("schemaVersion", required: true, in: 1...1000)
    if let version, version != schemaVersion {
      r.report("schemaVersion", "this tool reads format version \(schemaVersion), got \(version)")
    }
    let caseId = o.string(
      "caseId", required: true, "a case id of letters, digits, '-', '_' or '.' (at most 64)", valid: isCaseId)
    let category = o.string("category")
    let language = o.choice("language", ["en", "fr"]) ?? "en"

    var submission: Profile.Submission?
    if let s = o.object("submission", required: true, keys: ["date", "from", "requestedValidUntil"]) {
      let from = s.choice("from", required: true, submissionFrom)
      let date = s.date("date") ?? (s.value("date", required: false) == nil ? defaultDate : nil)
      if let from, let date {
        submission = .init(date: date, from: from, requestedValidUntil: s.date("requestedValidUntil"))
      } else {
        _ = s.date("requestedValidUntil")
      }
    }

    let applicant = o.object(
      "applicant", required: true,
      keys: [
        "familyName", "givenNames", "dateOfBirth", "citizenships", "usPermanentResident", "countryOfResidence",
        "email", "passport", "uci", "status", "biometrics", "medicalExam", "designatedCountryStay", "languageTests",
        "education", "workHistory", "previousPgwp",
      ]
    ).flatMap { readApplicant($0, r) }

    let family = o.object("family", keys: ["spouse", "children"]).map { readFamily($0, r) }
    let job = o.object(
      "job",
      keys: [
        "employer", "title", "noc", "wage", "hoursPerWeek", "startDate", "endDate", "workLocation", "settings",
        "offerOfEmploymentNumber", "duties",
      ]
    ).map { readJob($0, r) }
    let principal = o.object(
      "principal",
      keys: [
        "kind", "familyName", "givenNames", "permitValidUntil", "noc", "transitioningToPermanentResidence", "program",
      ]
    ).flatMap { p -> Profile.Principal? in
      let kind = p.choice("kind", required: true, ["worker", "student"])
      let program = p.object("program", keys: ["level", "lengthMonths"]).flatMap { g -> Profile.Principal.Program? in
        guard let level = g.choice("level", required: true, educationLevels) else { return nil }
        return .init(level: level, lengthMonths: g.int("lengthMonths", in: 1...240))
      }
      let v = Profile.Principal(
        kind: kind ?? "worker", familyName: p.string("familyName"), givenNames: p.string("givenNames"),
        permitValidUntil: p.date("permitValidUntil"), noc: p.string("noc", "a NOC 2021 code of five digits", valid: isNOC),
        transitioningToPermanentResidence: p.bool("transitioningToPermanentResidence") ?? false, program: program)
      return kind == nil ? nil : v
    }
    let pr = o.object(
      "permanentResidence",
      keys: [
        "program", "expressEntry", "applicationNumber", "acknowledgementOfReceiptOn", "completenessCheckPassed",
        "positiveEligibilityOn",
      ]
    ).flatMap { p -> Profile.PermanentResidence? in
      guard let program = p.choice("program", required: true, prPrograms) else { return nil }
      return .init(
        program: program, expressEntry: p.bool("expressEntry") ?? false, applicationNumber: p.string("applicationNumber"),
        acknowledgementOfReceiptOn: p.date("acknowledgementOfReceiptOn"),
        completenessCheckPassed: p.bool("completenessCheckPassed") ?? false,
        positiveEligibilityOn: p.date("positiveEligibilityOn"))
    }
    let nomination = o.object(
      "nomination",
      keys: ["program", "province", "certificateNumber", "issuedOn", "expiresOn", "employmentRestriction", "supportLetter"]
    ).flatMap { n -> Profile.Nomination? in
      let program = n.choice("program", ["pnp", "atlantic"]) ?? "pnp"
      guard let province = n.choice("province", required: true, provinces) else { return nil }
      return .init(
        program: program, province: province, certificateNumber: n.string("certificateNumber"), issuedOn: n.date("issuedOn"),
        expiresOn: n.date("expiresOn"), employmentRestriction: n.bool("employmentRestriction") ?? false,
        supportLetter: n.bool("supportLetter") ?? false)
    }
    let ict = o.object(
      "intraCompany", keys: ["foreignEmployer", "relationship", "role", "startUp", "canadianPremises"]
    ).flatMap { i -> Profile.IntraCompany? in
      let employer = i.string("foreignEmployer", required: true)
      let rel = i.choice("relationship", required: true, ["parent", "subsidiary", "branch", "affiliate"])
      let role = i.choice(
        "role", required: true, ["executive", "senior-manager", "functional-manager", "specialized-knowledge"])
      guard let employer, let rel, let role else { return nil }
      return .init(
        foreignEmployer: employer, relationship: rel, role: role, startUp: i.bool("startUp") ?? false,
        canadianPremises: i.bool("canadianPremises") ?? false)
    }
    let cusma = o.object("cusma", keys: ["stream", "profession", "qualification"]).flatMap { c -> Profile.Cusma? in
      let stream = c.choice("stream", ["professional", "trader", "investor"]) ?? "professional"
      let profession = c.string("profession", required: stream == "professional")
      return .init(stream: stream, profession: profession, qualification: c.string("qualification"))
    }
    func agreementWork(_ key: String, _ streams: [String]) -> Profile.TradeAgreementWork? {
      o.object(key, keys: ["stream", "profession", "qualification"]).flatMap { c -> Profile.TradeAgreementWork? in
        let stream = c.choice("stream", required: true, streams)
        let profession = c.string("profession", required: true)
        guard let stream, let profession else { return nil }
        return .init(stream: stream, profession: profession, qualification: c.string("qualification"))
      }
    }
    let ceta = agreementWork("ceta", ["independent-professional", "contractual-service-supplier", "technologist"])
    let gats = agreementWork("gats", ["professional"])
    let reciprocal = o.object("reciprocal", keys: ["agreement", "artisticCulturalOrEducational"]).flatMap {
      r -> Profile.Reciprocal? in
      r.string("agreement", required: true).map {
        .init(agreement: $0, artisticCulturalOrEducational: r.bool("artisticCulturalOrEducational") ?? false)
      }
    }
    let iec = o.object("iec", keys: ["stream", "invitationDate", "healthInsuranceUntil"]).flatMap { i -> Profile.IEC? in
      let stream = i.choice("stream", required: true, ["working-holiday", "young-professionals", "international-co-op"])
      let inv = i.date("invitationDate")
      let ins = i.date("healthInsuranceUntil")
      return stream.map { .init(stream: $0, invitationDate: inv, healthInsuranceUntil: ins) }
    }
    let religious = o.object("religious", keys: ["kind", "organization", "role", "paid"]).flatMap {
      g -> Profile.Religious? in
      let kind = g.choice("kind", ["religious", "charitable"]) ?? "religious"
      let org = g.string("organization", required: true)
      let role = g.string("role")
      let paid = g.bool("paid", required: true)
      guard let org, let paid else { return nil }
      return .init(kind: kind, organization: org, role: role, paid: paid)
    }
    let benefit = o.object("significantBenefit", keys: ["rationale"]).flatMap { b -> Profile.SignificantBenefit? in
      b.string("rationale", required: true, maxLength: 5000).map { .init(rationale: $0) }
    }
    let rep = o.object("representative", keys: ["name", "licenceNumber", "organization", "email", "paid"]).flatMap {
      p -> Profile.Representative? in
      let name = p.string("name", required: true)
      let v = Profile.Representative(
        name: name ?? "", licenceNumber: p.string("licenceNumber"), organization: p.string("organization"),
        email: p.string("email", "an e-mail address", valid: isEmail), paid: p.bool("paid") ?? false)
      return name == nil ? nil : v
    }
    let provided = o.strings("provided", "a checklist item id") { !$0.isEmpty } ?? []

    guard let version, let caseId, let submission, let applicant else { return nil }
    return Profile(
      schemaVersion: version, caseId: caseId, category: category, language: language, submission: submission,
      applicant: applicant, family: family, job: job, principal: principal, permanentResidence: pr,
      nomination: nomination, intraCompany: ict, cusma: cusma, ceta: ceta, gats: gats, reciprocal: reciprocal, iec: iec,
      religious: religious,
      significantBenefit: benefit, representative: rep, provided: provided)
  }

  private static func readApplicant(_ a: ObjectReader, _ r: FieldReader) -> Profile.Applicant? {
    let family = a.string("familyName", required: true)
    let given = a.string("givenNames", required: true)
    let dob = a.date("dateOfBirth", required: true)
    let citizenships =
      a.strings("citizenships", "an ISO 3166-1 alpha-2 country code like \"MX\"") { CountryCodes.all.contains($0) }
    if case .array(let raw)? = a.value("citizenships", required: true), raw.isEmpty {
      r.report(a.path("citizenships"), "expected at least one citizenship")
    }
    let passport = a.object("passport", keys: ["number", "country", "expiryDate", "issueDate"]).flatMap {
      p -> Profile.Passport? in
      let number = p.string(
        "number", required: true, "a passport number (letters and digits, 5 to 20)",
        valid: { (5...20).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
      let country = p.country("country", required: true)
      let expiry = p.date("expiryDate", required: true)
      let issued = p.date("issueDate")
      guard let number, let country, let expiry else { return nil }
      if let issued, issued >= expiry {
        r.report(p.path("expiryDate"), "expected a date after the issue date \(issued), got \(expiry)")
      }
      return .init(number: number, country: country, expiryDate: expiry, issueDate: issued)
    }
    let status = a.object("status", keys: ["type", "validUntil"]).flatMap { s -> Profile.Status? in
      let type = s.choice("type", required: true, statusTypes)
      let until = s.date("validUntil")
      return type.map { .init(type: $0, validUntil: until) }
    }
    let biometrics = a.object("biometrics", keys: ["givenOn"]).flatMap { b in
      b.date("givenOn", required: true).map(Profile.Biometrics.init)
    }
    let medical = a.object("medicalExam", keys: ["date"]).flatMap { m in
      m.date("date", required: true).map(Profile.MedicalExam.init)
    }
    var tests: [Profile.LanguageTest] = []
    for (v, p) in a.array("languageTests") ?? [] {
      guard let t = r.object(v, at: p, keys: ["test", "language", "date", "clb"]) else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let test = t.choice("test", required: true, languageTestNames)
      let lang = t.choice("language", required: true, ["en", "fr"])
      let date = t.date("date", required: true)
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
        let e = r.object(
          v, at: p,
          keys: [
            "credential", "level", "university", "institution", "dliNumber", "program", "cipCode", "lengthMonths",
            "fullTime", "distanceLearningPercent", "startedOn", "completedOn", "completionConfirmedOn",
            "studyPermitAppliedOn", "curriculumLicensing",
          ])
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
      let started = e.date("startedOn")
      let completed = e.date("completedOn")
      let confirmed = e.date("completionConfirmedOn")
      if let started, let completed, completed < started {
        r.report(e.path("completedOn"), "expected a date on or after startedOn (\(started)), got \(completed)")
      }
      if let completed, let confirmed, confirmed < completed {
        r.report(
          e.path("completionConfirmedOn"), "expected a date on or after completedOn (\(completed)), got \(confirmed)")
      }
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
        let w = r.object(
          v, at: p,
          keys: ["employer", "title", "noc", "country", "from", "to", "hoursPerWeek", "relatedToCanadianEmployer"])
      else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let employer = w.string("employer", required: true)
      let title = w.string("title", required: true)
      let from = w.date("from", required: true)
      let to = w.date("to")
      if let from, let to, to < from { r.report(w.path("to"), "expected a date on or after from (\(from)), got \(to)") }
      let item = Profile.Work(
        employer: employer ?? "", title: title ?? "", noc: w.string("noc", "a NOC 2021 code of five digits", valid: isNOC),
        country: w.country("country"), from: from ?? CivilDate(daysSinceEpoch: 0), to: to,
        hoursPerWeek: w.int("hoursPerWeek", in: 1...168),
        relatedToCanadianEmployer: w.bool("relatedToCanadianEmployer") ?? false)
      if employer != nil, title != nil, from != nil { work.append(item) }
    }
    let designated = a.bool("designatedCountryStay") ?? false
    let usPR = a.bool("usPermanentResident") ?? false
    let residence = a.country("countryOfResidence")
    let email = a.string("email", "an e-mail address", valid: isEmail)
    let uci = a.string(
      "uci", "a UCI: 8 or 10 digits, optionally written 1234-5678 or 12-3456-7890",
      valid: {
        let digits = $0.filter { $0 != "-" }
        return (digits.count == 8 || digits.count == 10) && digits.allSatisfy(\.isASCIIDigitCharacter)
      })
    let previousPgwp = a.bool("previousPgwp") ?? false
    guard let family, let given, let dob, let citizenships, !citizenships.isEmpty else { return nil }
    return Profile.Applicant(
      familyName: family, givenNames: given, dateOfBirth: dob, citizenships: citizenships,
      usPermanentResident: usPR, countryOfResidence: residence, email: email, passport: passport, uci: uci,
      status: status, biometrics: biometrics, medicalExam: medical, designatedCountryStay: designated,
      languageTests: tests, education: education, workHistory: work, previousPgwp: previousPgwp)
  }

  private static func readFamily(_ f: ObjectReader, _ r: FieldReader) -> Profile.Family {
    let spouse = f.object(
      "spouse",
      keys: [
        "familyName", "givenNames", "dateOfBirth", "citizenships", "relationship", "since", "accompanying",
        "applyingTogether", "biometricsGivenOn",
      ]
    ).flatMap { s -> Profile.Spouse? in
      let family = s.string("familyName", required: true)
      let given = s.string("givenNames", required: true)
      let rel = s.choice("relationship", required: true, ["married", "common-law"])
      let v = Profile.Spouse(
        familyName: family ?? "", givenNames: given ?? "", dateOfBirth: s.date("dateOfBirth"),
        citizenships: s.strings("citizenships", "an ISO 3166-1 alpha-2 country code") { CountryCodes.all.contains($0) }
          ?? [],
        relationship: rel ?? "", since: s.date("since"), accompanying: s.bool("accompanying") ?? false,
        applyingTogether: s.bool("applyingTogether") ?? false, biometricsGivenOn: s.date("biometricsGivenOn"))
      return family != nil && given != nil && rel != nil ? v : nil
    }
    var children: [Profile.Child] = []
    for (v, p) in f.array("children") ?? [] {
      guard
        let c = r.object(
          v, at: p,
          keys: ["givenNames", "dateOfBirth", "citizenships", "accompanying", "applyingTogether", "biometricsGivenOn"])
      else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      let given = c.string("givenNames", required: true)
      let dob = c.date("dateOfBirth", required: true)
      let item = Profile.Child(
        givenNames: given ?? "", dateOfBirth: dob ?? CivilDate(daysSinceEpoch: 0),
        citizenships: c.strings("citizenships", "an ISO 3166-1 alpha-2 country code") { CountryCodes.all.contains($0) }
          ?? [],
        accompanying: c.bool("accompanying") ?? false, applyingTogether: c.bool("applyingTogether") ?? false,
        biometricsGivenOn: c.date("biometricsGivenOn"))
      if given != nil, dob != nil { children.append(item) }
    }
    return Profile.Family(spouse: spouse, children: children)
  }

  private static func readJob(_ j: ObjectReader, _ r: FieldReader) -> Profile.Job {
    let employer = j.object(
      "employer",
      keys: [
        "legalName", "operatingName", "businessNumber", "province", "address", "contact", "complianceFeeExemption",
      ]
    ).flatMap { e -> Profile.Employer? in
      let legal = e.string("legalName", required: true)
      let address = e.object("address", keys: ["line1", "line2", "city", "province", "postalCode", "country"]).flatMap {
        a -> Profile.Address? in
        let line1 = a.string("line1", required: true)
        let city = a.string("city", required: true)
        let v = Profile.Address(
          line1: line1 ?? "", line2: a.string("line2"), city: city ?? "", province: a.choice("province", provinces),
          postalCode: a.string(
            "postalCode", "a Canadian postal code like \"M5X 1A9\"",
            valid: { s in
              let c = Array(s.replacingOccurrences(of: " ", with: "").uppercased())
              return c.count == 6 && c[0].isLetter && c[1].isNumber && c[2].isLetter && c[3].isNumber && c[4].isLetter
                && c[5].isNumber
            }), country: a.country("country"))
        return line1 != nil && city != nil ? v : nil
      }
      let contact = e.object("contact", keys: ["name", "title", "email", "phone"]).flatMap { c -> Profile.Contact? in
        let name = c.string("name", required: true)
        let v = Profile.Contact(
          name: name ?? "", title: c.string("title"), email: c.string("email", "an e-mail address", valid: isEmail),
          phone: c.string("phone"))
        return name == nil ? nil : v
      }
      let v = Profile.Employer(
        legalName: legal ?? "", operatingName: e.string("operatingName"),
        businessNumber: e.string(
          "businessNumber", "a CRA business number: 9 digits",
          valid: { $0.count == 9 && $0.allSatisfy(\.isASCIIDigitCharacter) }),
        province: e.choice("province", provinces), address: address, contact: contact,
        complianceFeeExemption: e.string("complianceFeeExemption"))
      return legal == nil ? nil : v
    }
    let wage = j.object("wage", keys: ["amount", "per"]).flatMap { w -> Profile.Wage? in
      let amount = w.money("amount", required: true)
      let per = w.choice("per", required: true, ["hour", "week", "month", "year"])
      guard let amount, let per else { return nil }
      return .init(amount: amount, per: per)
    }
    let location = j.object("workLocation", keys: ["city", "province"]).flatMap { l -> Profile.Location? in
      let city = l.string("city", required: true)
      let province = l.choice("province", required: true, provinces)
      guard let city, let province else { return nil }
      return .init(city: city, province: province)
    }
    let start = j.date("startDate")
    let end = j.date("endDate")
    if let start, let end, end < start {
      r.report(j.path("endDate"), "expected a date on or after startDate (\(start)), got \(end)")
    }
    return Profile.Job(
      employer: employer, title: j.string("title"), noc: j.string("noc", "a NOC 2021 code of five digits", valid: isNOC),
      wage: wage, hoursPerWeek: j.int("hoursPerWeek", in: 1...168), startDate: start, endDate: end,
      workLocation: location,
      settings: j.strings("settings", "one of \(workplaceSettings.joined(separator: ", "))") {
        workplaceSettings.contains($0)
      } ?? [],
      offerOfEmploymentNumber: j.string(
        "offerOfEmploymentNumber", "an offer-of-employment number: A followed by 7 digits", valid: isOfferNumber),
      duties: j.strings("duties", "a line of text") { !$0.isEmpty && $0.count <= 1000 } ?? [])
  }

  /// Checks between fields that each look right alone.
  private static func crossCheck(_ p: Profile, _ r: FieldReader) {
    let a = p.applicant
    if a.dateOfBirth > p.submission.date {
      r.report("applicant.dateOfBirth", "expected a date before the submission date \(p.submission.date), got \(a.dateOfBirth)")
    }
    if let until = p.submission.requestedValidUntil, until <= p.submission.date {
      r.report(
        "submission.requestedValidUntil", "expected a date after the submission date \(p.submission.date), got \(until)")
    }
    for (i, t) in a.languageTests.enumerated() where t.date > p.submission.date {
      r.report("applicant.languageTests[\(i)].date", "expected a date on or before the submission date, got \(t.date)")
    }
    if let b = a.biometrics, b.givenOn > p.submission.date {
      r.report("applicant.biometrics.givenOn", "expected a date on or before the submission date, got \(b.givenOn)")
    }
    for (i, e) in a.education.enumerated() {
      if let c = e.completedOn, c < a.dateOfBirth {
        r.report("applicant.education[\(i)].completedOn", "expected a date after the date of birth, got \(c)")
      }
    }
  }
}
