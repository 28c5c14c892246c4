/// International Experience Canada by country or territory (IRCC's table for the season):
/// for each partner, the streams it offers with their ages and maximum length, how many
/// participations its agreement allows and whether a stream may be repeated, and whether
/// participants must live there. ``setFacts(_:_:)`` turns the applicant's row into facts;
/// the catalog's requirements decide with them.
public struct IECTable: Sendable, Codable {
  public let source: String
  public let season: String
  /// Stream ids and their titles.
  public let streams: [String: String]
  public internal(set) var countries: [Country]

  public struct Country: Sendable, Codable, Dated {
    public let inForce: InForce?
    /// ISO 3166-1 alpha-2 code.
    public let country: String
    public let name: String
    public let participations: Int
    public let streams: [String: Stream]
    /// Whether the same stream may be taken twice; absent: the agreement says nothing.
    public let repeatStream: Bool?
    /// Groups of streams of which only one participation each is allowed (France: one of
    /// Working Holiday or Young Professionals, and one International Co-op).
    public let onceEach: [[String]]?
    public let residenceRequired: Bool?
    /// The maximum length of the first, second, … participation, when it differs (UK).
    public let monthsByParticipation: [Int]?
    public let note: String?
  }

  public struct Stream: Sendable, Codable {
    public let minAge: Int
    public let maxAge: Int
    public let maxMonths: Int
  }

  /// The facts ``setFacts(_:_:)`` may set.
  public static let factNames: Set<String> = [
    "iec.partner", "iec.country.code", "iec.country.name", "iec.country.streams", "iec.country.participations",
    "iec.country.residenceRequired", "iec.country.note", "iec.streamTitle", "iec.streamOffered", "iec.stream.minAge",
    "iec.stream.maxAge", "iec.stream.maxMonths", "iec.participations.used", "iec.participations.left",
    "iec.participations.repeatBlocked", "iec.dualCitizen",
  ]

  func title(_ stream: String) -> String { streams[stream] ?? stream }

  /// "Working Holiday (ages 18–30, up to 12 months), …" in the table's stream order.
  public func streamsText(_ row: Country) -> String {
    ["working-holiday", "young-professionals", "international-co-op"].compactMap { id in
      row.streams[id].map { "\(title(id)) (ages \($0.minAge)–\($0.maxAge), up to \($0.maxMonths) months)" }
    }.joined(separator: ", ")
  }

  /// The applicant's row and what it says of the stream asked for. A dual citizen is
  /// planned under the first citizenship whose agreement lets them take part (stream
  /// offered, age in range, a participation left), or else the first with an agreement.
  func setFacts(_ facts: inout Facts, _ profile: Profile) {
    let citizenships = profile.applicant.citizenships
    let stream = profile.iec?.stream
    let age = profile.applicant.dateOfBirth.age(on: profile.submission.date)
    let earlier = profile.iec?.previousParticipations ?? []
    for name in IECTable.factNames { facts.sources[name] = "applicant.citizenships" }
    for name in ["iec.streamTitle", "iec.streamOffered", "iec.stream.minAge", "iec.stream.maxAge", "iec.stream.maxMonths"] {
      facts.sources[name] = "iec.stream"
    }
    for name in ["iec.participations.used", "iec.participations.left", "iec.participations.repeatBlocked"] {
      facts.sources[name] = "iec.previousParticipations"
    }
    if let stream { facts["iec.streamTitle"] = .string(title(stream)) }
    let rows = citizenships.compactMap { c in countries.first { $0.country == c } }
    func used(_ row: Country) -> [Profile.IEC.Participation] {
      earlier.filter { ($0.citizenship ?? row.country) == row.country }
    }
    func fits(_ row: Country) -> Bool {
      guard let stream, let s = row.streams[stream] else { return false }
      return (s.minAge...s.maxAge).contains(age) && used(row).count < row.participations
    }
    guard !citizenships.isEmpty else { return }
    facts["iec.partner"] = .bool(!rows.isEmpty)
    guard let row = rows.first(where: fits) ?? rows.first else { return }
    facts["iec.country.code"] = .string(row.country)
    facts["iec.country.name"] = .string(row.name)
    facts["iec.country.streams"] = .string(streamsText(row))
    facts["iec.country.participations"] = .number(row.participations)
    facts["iec.country.residenceRequired"] = .bool(row.residenceRequired ?? false)
    if let note = row.note { facts["iec.country.note"] = .string(note) }
    facts["iec.dualCitizen"] = .bool(citizenships.count > 1)
    let before = used(row)
    facts["iec.participations.used"] = .number(before.count)
    facts["iec.participations.left"] = .number(max(0, row.participations - before.count))
    guard let stream else { return }
    facts["iec.streamOffered"] = .bool(row.streams[stream] != nil)
    if let s = row.streams[stream] {
      facts["iec.stream.minAge"] = .number(s.minAge)
      facts["iec.stream.maxAge"] = .number(s.maxAge)
      let byTurn = row.monthsByParticipation.flatMap { $0.indices.contains(before.count) ? $0[before.count] : $0.last }
      facts["iec.stream.maxMonths"] = .number(min(s.maxMonths, byTurn ?? s.maxMonths))
    }
    let sameStream = before.contains { $0.stream == stream }
    let group = row.onceEach?.first { $0.contains(stream) }
    let groupUsed = group.map { g in before.contains { g.contains($0.stream) } } ?? false
    facts["iec.participations.repeatBlocked"] = .bool((row.repeatStream == false && sameStream) || groupUsed)
  }
}
