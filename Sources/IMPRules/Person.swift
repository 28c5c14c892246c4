/// One person of a profile's file — the applicant, or a family member applying together —
/// with where their object sits in the profile, so that each person's facts point at their
/// own keys (`family.spouse.passport.expiryDate`, not the applicant's).
public struct Person: Sendable {
  /// `principal`, `spouse`, or `child-1`, `child-2`… (the order of `family.children`,
  /// counting every child, applying together or not).
  public var member: String
  /// Where the person's object is: `applicant`, `family.spouse`, `family.children[1]`.
  public var path: String
  /// `path` with array indexes written `[]`: the key of ``ProfileKeys/byPath`` that lists
  /// the keys this person's object may hold.
  public var shape: String
  public var familyName: String
  public var givenNames: String
  public var dateOfBirth: CivilDate?
  public var citizenships: [String]
  public var usPermanentResident: Bool
  public var countryOfResidence: String?
  public var passport: Profile.Passport?
  public var uci: String?
  public var status: Profile.Status?
  public var biometrics: Profile.Biometrics?
  public var medicalExam: Profile.MedicalExam?
  public var designatedCountryStay: Bool
  public var previousPgwp: Bool
  /// A child's answers (nil for the applicant and the spouse, or when not given).
  public var school: Bool?
  public var work: Bool?
  /// The person's own checklist items already handed over (the profile's `provided` for the applicant).
  public var provided: [String] = []

  public var fullName: String { "\(givenNames) \(familyName)".trimmingPrefixSpace }
  public var isPrincipal: Bool { path == Person.applicantPath }

  static let applicantPath = "applicant"
}

extension Profile {
  /// The applicant, as the principal of the file.
  public var principalPerson: Person {
    let a = applicant
    return Person(
      member: "principal", path: Person.applicantPath, shape: Person.applicantPath, familyName: a.familyName,
      givenNames: a.givenNames, dateOfBirth: a.dateOfBirth, citizenships: a.citizenships,
      usPermanentResident: a.usPermanentResident, countryOfResidence: a.countryOfResidence, passport: a.passport,
      uci: a.uci, status: a.status, biometrics: a.biometrics, medicalExam: a.medicalExam,
      designatedCountryStay: a.designatedCountryStay, previousPgwp: a.previousPgwp, provided: provided)
  }

  /// The family members with `applyingTogether: true`, spouse first, then children in order.
  public var membersApplyingTogether: [Person] {
    var out: [Person] = []
    if let s = family?.spouse, s.applyingTogether {
      out.append(
        Person(
          member: "spouse", path: "family.spouse", shape: "family.spouse", familyName: s.familyName,
          givenNames: s.givenNames, dateOfBirth: s.dateOfBirth, citizenships: s.citizenships,
          usPermanentResident: false, passport: s.own.passport, uci: s.own.uci, status: s.own.status,
          biometrics: s.biometrics, medicalExam: s.own.medicalExam, designatedCountryStay: s.own.designatedCountryStay,
          previousPgwp: false, provided: s.own.provided))
    }
    for (i, c) in (family?.children ?? []).enumerated() where c.applyingTogether {
      out.append(
        Person(
          member: "child-\(i + 1)", path: "family.children[\(i)]", shape: "family.children[]",
          familyName: c.familyName ?? applicant.familyName, givenNames: c.givenNames, dateOfBirth: c.dateOfBirth,
          citizenships: c.citizenships, usPermanentResident: false, passport: c.own.passport,
          uci: c.own.uci, status: c.own.status, biometrics: c.biometrics, medicalExam: c.own.medicalExam,
          designatedCountryStay: c.own.designatedCountryStay, previousPgwp: false, school: c.school, work: c.work, provided: c.own.provided))
    }
    return out
  }
}

extension Profile {
  /// The `provided` ids of `member` (``Person/member``): the profile's own for `principal`,
  /// the member's `provided` for `spouse` and `child-N`.
  public func provided(by member: String) -> [String] {
    if member == "principal" { return provided }
    if member == "spouse" { return family?.spouse?.own.provided ?? [] }
    guard let i = Profile.childIndex(member), let children = family?.children, i < children.count else { return [] }
    return children[i].own.provided
  }

  /// Adds `ids` (each once) to the `provided` list of `member`, as if the profile listed them.
  public mutating func addProvided(_ ids: [String], by member: String) {
    func merge(_ list: inout [String]) { for id in ids where !list.contains(id) { list.append(id) } }
    if member == "principal" {
      merge(&provided)
    } else if member == "spouse", family?.spouse != nil {
      merge(&family!.spouse!.own.provided)
    } else if let i = Profile.childIndex(member), i < family?.children.count ?? 0 {
      merge(&family!.children[i].own.provided)
    }
  }

  /// `child-2` → 1, the index in `family.children`.
  private static func childIndex(_ member: String) -> Int? {
    guard member.hasPrefix("child-"), let n = Int(member.dropFirst(6)), n > 0 else { return nil }
    return n - 1
  }
}
