/// Fee amounts by effective date, and the lines a case may owe.
public struct FeeCatalog: Sendable, Codable {
  public let schedules: [FeeSchedule]
  public internal(set) var lines: [FeeRule]
  public let biometrics: BiometricsRule

  public struct FeeSchedule: Sendable, Codable {
    public let effective: CivilDate
    public let amounts: [String: Money]
    public let source: String
  }

  /// One fee line, owed when `when` holds.
  public struct FeeRule: Sendable, Codable {
    /// The days it is owed (``InForce``); always when absent.
    public let inForce: InForce?
    public let id: String
    public let description: String
    public let payer: Payer
    /// The key of its amount in the schedules.
    public let amount: String
    public let basis: String
    public let when: RuleCondition?
    public let source: String
  }

  /// Biometrics: per person, with a family maximum for people applying together.
  public struct BiometricsRule: Sendable, Codable {
    public let id: String
    public let description: String
    public let amount: String
    public let familyMaximum: String
    public let basis: String
    /// Younger than this many years: exempt.
    public let minimumAge: Int
    /// Older than this many years: exempt.
    public let maximumAge: Int
    /// Nationals of these countries are exempt (permanent residents of them are not).
    public let exemptCitizenships: [String]
    /// Biometrics given within this many years are reused.
    public let reuseYears: Int
    public let source: String
  }

  /// The schedule in force on `date`: the latest whose effective date is not after it.
  public func schedule(on date: CivilDate) -> FeeSchedule? {
    schedules.last { $0.effective <= date }
  }
}
