/// Checks the keys that answer IRCC's application forms (``FormKeys``).
///
/// Their values stay in ``Profile/source``, where the form data sheets read them by key;
/// what is checked here is that each is what the forms can take.
extension ProfileFormat {
  /// The applicant's form keys; `today` is the submission date.
  static func checkFormKeys(applicant a: ObjectReader, _ r: FieldReader, _ today: CivilDate?) {
    _ = a.choice("sex", FormKeys.sexes)
    if let p = a.object("placeOfBirth", keys: FormKeys.placeOfBirth) {
      _ = p.string("city", required: true)
      _ = p.country("country", required: true)
    }
    each(a, "otherNames", FormKeys.otherName, r) { n in
      _ = n.string("familyName", required: true)
      _ = n.string("givenNames")
    }
    _ = a.choice("maritalStatus", FormKeys.maritalStatuses)
    each(a, "previousRelationships", FormKeys.previousRelationship, r) { p in
      _ = p.string("familyName", required: true)
      _ = p.string("givenNames")
      _ = p.date("dateOfBirth")
      _ = p.choice("relationship", required: true, ["married", "common-law"])
      let from = p.date("from")
      let to = p.date("to")
      p.expect("to", to, .onOrAfter, "from", from)
      p.expect("to", to, .onOrBefore, "the submission date", today)
    }
    _ = a.string("nativeLanguage")
    _ = a.choice("ableToCommunicate", FormKeys.communication)
    _ = a.choice("mostAtEaseIn", ["en", "fr"])
    each(a, "nationalIdentityDocuments", FormKeys.identityDocument, r) { d in
      _ = d.string("number", required: true)
      _ = d.country("country", required: true)
      let issued = d.date("issueDate")
      let expiry = d.date("expiryDate")
      d.expect("expiryDate", expiry, .after, "issueDate", issued)
    }
    if let g = a.object("usGreenCard", keys: FormKeys.greenCard) {
      _ = g.string("number", required: true)
      _ = g.date("expiryDate")
    }
    checkPostalAddress(a, "mailingAddress")
    _ = a.bool("residentialSameAsMailing")
    checkPostalAddress(a, "residentialAddress")
    each(a, "phones", FormKeys.phone, r) { p in
      _ = p.choice("type", required: true, FormKeys.phoneTypes)
      _ = p.string("countryCode", "a country calling code: 1 to 4 digits") {
        (1...4).contains($0.count) && $0.allSatisfy(\.isASCIIDigitCharacter)
      }
      _ = p.string("number", required: true, maxLength: 30)
      _ = p.string("extension", maxLength: 10)
    }
    each(a, "residenceHistory", FormKeys.residence, r) { h in
      _ = h.country("country", required: true)
      _ = h.choice("status", required: true, FormKeys.residenceStatuses)
      _ = h.string("statusOther")
      let from = h.date("from", required: true)
      let to = h.date("to")
      h.expect("to", to, .onOrAfter, "from", from)
    }
    if let e = a.object("canadaEntry", keys: FormKeys.canadaEntry) {
      let original = e.date("originalDate")
      e.expect("originalDate", original, .onOrBefore, "the submission date", today)
      _ = e.string("originalPlace")
      _ = e.choice("originalPurpose", FormKeys.entryPurposes)
      _ = e.string("originalPurposeOther")
      let recent = e.date("recentDate")
      e.expect("recentDate", recent, .onOrAfter, "originalDate", original)
      e.expect("recentDate", recent, .onOrBefore, "the submission date", today)
      _ = e.string("recentPlace")
      _ = e.string("lastDocumentNumber", maxLength: 40)
    }
    if let b = a.object("background", keys: FormKeys.background) {
      for key in FormKeys.backgroundQuestions { _ = b.choice(key, FormKeys.answers) }
      for key in FormKeys.backgroundDetails { _ = b.string(key, maxLength: 2000) }
    }
  }

  /// The form keys of one `education[]` or `workHistory[]` row.
  /// `country`: whether the row's country is a form key too (education; work rows had one before).
  static func checkFormKeys(row e: ObjectReader, country: Bool = false) {
    _ = e.string("city")
    _ = e.string("provinceOrState")
    if country { _ = e.country("country") }
  }

  /// The form keys of `family` (IMM 5645): parents and siblings.
  static func checkFormKeys(family f: ObjectReader, _ r: FieldReader, _ today: CivilDate?) {
    for (key, kinds) in [("parents", FormKeys.parentRelationships), ("siblings", FormKeys.siblingRelationships)] {
      each(f, key, FormKeys.relative, r) { p in
        _ = p.choice("relationship", required: true, kinds)
        _ = p.string("familyName", required: true)
        _ = p.string("givenNames")
        let dob = p.date("dateOfBirth")
        p.expect("dateOfBirth", dob, .before, "the submission date", today)
        checkRelativeDetails(p)
        _ = p.bool("deceased")
        _ = p.bool("accompanying")
      }
    }
  }

  /// Country of birth, address, occupation and marital status of a family member (IMM 5645).
  static func checkRelativeDetails(_ p: ObjectReader) {
    _ = p.country("countryOfBirth")
    _ = p.string("address", maxLength: 500)
    _ = p.string("occupation")
    _ = p.choice("maritalStatus", FormKeys.maritalStatuses)
  }

  /// A child's form keys (IMM 5645 section B); `familyName` is read with the child.
  static func checkFormKeys(child c: ObjectReader) {
    _ = c.choice("relationship", FormKeys.childRelationships)
    checkRelativeDetails(c)
  }

  /// The representative's form keys (IMM 5476 section B).
  static func checkFormKeys(representative p: ObjectReader) {
    _ = p.string("familyName")
    _ = p.string("givenNames")
    _ = p.choice("body", FormKeys.representativeBodies)
    _ = p.province("lawSocietyProvince")
    checkPostalAddress(p, "address")
    _ = p.string("phone", maxLength: 30)
  }

  /// An address as the forms ask it: street, city and country required.
  private static func checkPostalAddress(_ o: ObjectReader, _ key: String) {
    guard let a = o.object(key, keys: FormKeys.postalAddress) else { return }
    for part in ["poBox", "unit", "streetNumber", "province", "postalCode"] { _ = a.string(part) }
    _ = a.string("street", required: true)
    _ = a.string("city", required: true)
    _ = a.country("country", required: true)
  }

  /// Checks each element of the array `key` as an object of `keys`.
  private static func each(
    _ o: ObjectReader, _ key: String, _ keys: [String], _ r: FieldReader, _ check: (ObjectReader) -> Void
  ) {
    for (v, p) in o.array(key) ?? [] {
      guard let e = r.object(v, at: p, keys: keys) else {
        if v == .null { r.report(p, "expected an object, got null") }
        continue
      }
      check(e)
    }
  }
}
