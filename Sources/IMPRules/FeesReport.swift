/// What `fees --json` (and the server's `fees`) answers: the applicant's fee breakdown
/// (SPEC §2's `fees`: `schedule`, `lines`, `totals`, `toCheck`), and for a family applying
/// together `family`: each member's application, category and fees, and the whole group's
/// totals by payer, as `plan --json`'s `family` has them.
public struct FeesReport: Encodable, Sendable {
  public let fees: Plan.FeeBreakdown
  public let family: Family?

  public struct Family: Encodable, Sendable {
    public let members: [Member]
    public let totals: Plan.Totals
  }
  public struct Member: Encodable, Sendable {
    public let member: String
    public let application: String
    public let category: Plan.CategoryRef
    public let fees: Plan.FeeBreakdown
  }

  public init(_ plan: Plan) {
    fees = plan.fees
    family = plan.family.map {
      Family(
        members: $0.members.map { Member(member: $0.member, application: $0.application, category: $0.category, fees: $0.fees) },
        totals: $0.totals)
    }
  }

  private enum Keys: String, CodingKey { case schedule, lines, totals, toCheck, family }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(fees.schedule, forKey: .schedule)
    try c.encode(fees.lines, forKey: .lines)
    try c.encode(fees.totals, forKey: .totals)
    try c.encode(fees.toCheck, forKey: .toCheck)
    try c.encodeIfPresent(family, forKey: .family)
  }
}
