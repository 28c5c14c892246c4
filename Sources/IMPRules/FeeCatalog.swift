/// Fee amounts by effective date, and the lines a case may owe.
public struct FeeCatalog: Sendable, Codable {
  public var schedules: [FeeSchedule]
  public var lines: [FeeRule]
  public var biometrics: BiometricsRule

  public struct FeeSchedule: Sendable, Codable {
    public var effective: CivilDate
    public var amounts: [String: Money]
    public var source: String
  }

  /// One fee line, owed when `when` holds.
  public struct FeeRule: Sendable, Codable {
    /// The days it is owed (``InForce``); always when absent.
    public var inForce: InForce?
    public var id: String
    public var description: String
    /// `applicant` or `employer`.
    public var payer: String
    /// The key of its amount in the schedules.
    public var amount: String
    public var basis: String
    public var when: RuleCondition?
    public var source: String
  }

  /// Biometrics: per person, with a family maximum for people applying together.
  public struct BiometricsRule: Sendable, Codable {
    public var id: String
    public var description: String
    public var amount: String
    public var familyMaximum: String
    public var basis: String
    /// Younger than this many years: exempt.
    public var minimumAge: Int
    /// Older than this many years: exempt.
    public var maximumAge: Int
    /// Nationals of these countries are exempt (permanent residents of them are not).
    public var exemptCitizenships: [String]
    /// Biometrics given within this many years are reused.
    public var reuseYears: Int
    public var source: String
  }

  /// The schedule in force on `date`: the latest whose effective date is not after it.
  public func schedule(on date: CivilDate) -> FeeSchedule? {
    schedules.last { $0.effective <= date }
  }
}
