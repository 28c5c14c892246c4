/// A fact every person of a file can have, and the key of the person's object it comes from.
///
/// The fact's name is the same for everyone (`passport.expiryDate`: catalog rules speak of
/// "the person applying"); its source is the person's own path plus `key`
/// (`family.children[1].passport.expiryDate`). A person gets the fact only when their
/// object may hold the key (``ProfileKeys/byPath``), so no source ever names a key the
/// format does not have.
struct PersonFact: Sendable {
  let name: String
  /// The key inside the person's object, dotted for a nested object (`passport.expiryDate`).
  let key: String
  let value: @Sendable (Person, CivilDate) -> Fact?

  /// Every person fact, in the order they are set.
  static let all: [PersonFact] = [
    .init(name: "applicant.age", key: "dateOfBirth") { p, today in p.dateOfBirth.map { .number($0.age(on: today)) } },
    .init(name: "applicant.citizenships", key: "citizenships") { p, _ in .strings(p.citizenships) },
    .init(name: "applicant.usPermanentResident", key: "usPermanentResident") { p, _ in .bool(p.usPermanentResident) },
    .init(name: "applicant.countryOfResidence", key: "countryOfResidence") { p, _ in p.countryOfResidence.map(Fact.string) },
    .init(name: "applicant.status", key: "status.type") { p, _ in p.status.map { .string($0.type) } },
    .init(name: "applicant.statusValidUntil", key: "status.validUntil") { p, _ in p.status?.validUntil.map(Fact.date) },
    .init(name: "applicant.previousPgwp", key: "previousPgwp") { p, _ in .bool(p.previousPgwp) },
    .init(name: "applicant.designatedCountryStay", key: "designatedCountryStay") { p, _ in .bool(p.designatedCountryStay) },
    .init(name: "applicant.uci", key: "uci") { p, _ in p.uci.map(Fact.string) },
    .init(name: "biometrics.givenOn", key: "biometrics.givenOn") { p, _ in p.biometrics.map { .date($0.givenOn) } },
    .init(name: "medicalExam.date", key: "medicalExam.date") { p, _ in p.medicalExam.map { .date($0.date) } },
    .init(name: "passport.expiryDate", key: "passport.expiryDate") { p, _ in p.passport.map { .date($0.expiryDate) } },
    .init(name: "passport.country", key: "passport.country") { p, _ in p.passport.map { .string($0.country) } },
    .init(name: "member.school", key: "school") { p, _ in p.school.map(Fact.bool) },
    .init(name: "member.work", key: "work") { p, _ in p.work.map(Fact.bool) },
  ]

  /// The facts of ``all`` whose key an object of `shape` holds, in order: worked out once per
  /// shape of ``ProfileKeys/byPath`` (not once per person of every packet).
  static func of(shape: String) -> [PersonFact] {
    byShape[shape] ?? all.filter { exists($0.key, in: shape) }
  }

  private static let byShape: [String: [PersonFact]] = Dictionary(
    uniqueKeysWithValues: ProfileKeys.byPath.keys.map { shape in (shape, all.filter { exists($0.key, in: shape) }) })

  /// Whether an object of `shape` (a ``ProfileKeys/byPath`` key) holds `key`, nested keys included.
  static func exists(_ key: String, in shape: String) -> Bool {
    var object = shape
    let parts = key.split(separator: ".").map(String.init)
    for (i, part) in parts.enumerated() {
      guard ProfileKeys.byPath[object]?.contains(part) == true else { return false }
      if i < parts.count - 1 { object = object.isEmpty ? part : "\(object).\(part)" }
    }
    return true
  }
}

extension Facts {
  /// Sets `person`'s facts (``PersonFact/all``), each with its source in the person's own object.
  mutating func set(person: Person) {
    for f in PersonFact.of(shape: person.shape) {
      set(f.name, f.value(person, today), "\(person.path).\(f.key)")
    }
    set("person.path", .string(person.path), person.path)
  }

  /// The facts of `person` alone, for rules that look at one person (biometrics).
  public init(person: Person, today: CivilDate) {
    self.init(today: today)
    set(person: person)
  }
}
