/// What `plan --json` prints and `generate` writes as `plan.json` (SPEC §2, contract keys).
public struct Plan: Sendable, Codable, Equatable {
  public var caseId: String
  public var category: CategoryRef
  public var eligibility: Eligibility
  public var forms: [String]
  public var checklist: [ChecklistItem]
  public var biometricsRequired: Bool
  public var medicalExamRequired: Bool
  public var permitValidUntil: CivilDate
  public var fees: FeeBreakdown
  /// Who needs biometrics in this application and why (beyond the contract).
  public var biometrics: [BiometricsPerson]
  /// The facts the cover letter states, as label and value.
  public var letterFacts: [LabelledFact]
  /// The date of the catalog the plan was made with.
  public var catalogVersion: String
  /// The family members applying together, each with an application of their own, and
  /// the whole group's totals (SPEC §8); absent when nobody applies with the applicant.
  public var family: Family? = nil

  /// The members' applications and the group's totals.
  public struct Family: Sendable, Codable, Equatable {
    public var members: [Member]
    /// The whole group's fees by payer: the principal's and every member's.
    public var totals: Totals
  }

  /// One family member's own application.
  public struct Member: Sendable, Codable, Equatable {
    /// `spouse`, `child-1`, `child-2`… (``Person/member``).
    public var member: String
    public var name: String
    /// `work-permit`, `study-permit`, `visitor-record` or `none`.
    public var application: String
    public var category: CategoryRef
    /// Set when the application is not an IMP work permit: what it is instead.
    public var note: String?
    public var eligibility: Eligibility
    public var forms: [String]
    public var checklist: [ChecklistItem]
    public var fees: FeeBreakdown
    public var biometricsRequired: Bool
    public var biometrics: [BiometricsPerson]
    public var medicalExamRequired: Bool
    public var permitValidUntil: CivilDate?
    public var letterFacts: [LabelledFact]
    /// How the member's letter names the principal's application (`family.principalApplication`).
    public var principalApplication: String
  }

  public struct CategoryRef: Sendable, Codable, Equatable {
    public var id: String
    public var code: String
    public var title: String
    public var permit: Permit
    public var legalBasis: String
  }

  public struct Eligibility: Sendable, Codable, Equatable {
    public var eligible: Bool
    public var unmet: [Finding]
    public var warnings: [Finding]
  }

  public struct Finding: Sendable, Codable, Equatable {
    public var rule: String
    public var message: String
    public var source: String?
  }

  public struct ChecklistItem: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var form: String?
    public var required: Bool
    public var reason: String
    /// `provided`, `missing`, `expired` or `expiring`.
    public var status: String
    public var slot: String
    public var source: String

    private enum CodingKeys: String, CodingKey { case id, title, form, required, reason, status, slot, source }

    // `form` is written as null when there is none: it is a contract key.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(title, forKey: .title)
      try c.encode(form, forKey: .form)
      try c.encode(required, forKey: .required)
      try c.encode(reason, forKey: .reason)
      try c.encode(status, forKey: .status)
      try c.encode(slot, forKey: .slot)
      try c.encode(source, forKey: .source)
    }
  }

  public struct FeeBreakdown: Sendable, Codable, Equatable {
    /// The effective date of the fee schedule in force on the submission date.
    public var schedule: CivilDate
    public var lines: [FeeLine]
    public var totals: Totals
    /// The fees whose amounts may have changed since the catalog was checked (the submission
    /// date is on or after its review date): check them on IRCC's fee list. Usually empty.
    public var toCheck: [String]
  }

  public struct FeeLine: Sendable, Codable, Equatable {
    public var id: String
    public var description: String
    public var payer: Payer
    public var amount: Money
    public var basis: String
  }

  public struct Totals: Sendable, Codable, Equatable {
    public var applicant: Money
    public var employer: Money
  }

  public struct BiometricsPerson: Sendable, Codable, Equatable {
    public var person: String
    public var required: Bool
    public var reason: String
  }

  public struct LabelledFact: Sendable, Codable, Equatable {
    public var label: String
    public var value: String
  }
}
