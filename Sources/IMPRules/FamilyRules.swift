extension Catalog {
  /// How the members of a family applying together are planned (IRCC-FACTS §9): which
  /// application each member makes, decided from their facts and the principal's.
  public struct FamilyRules: Sendable, Codable {
    /// The first application whose `member` and `when` fit is the member's.
    public let applications: [Application]
    /// Holds, on the principal's planned facts, when the principal is transitioning to
    /// permanent residence (what C46–C49 and the older C41 rules ask of the principal).
    public let principalTransitioning: RuleCondition
    /// How a member's letter names the principal's application (`principal.application`).
    public let principalApplication: String
    /// The finding a member's plan gets when the principal's is not eligible.
    public let principalFirst: Requirement
    /// Principal categories that are themselves a family member's permit: their family is
    /// planned from the principal worker's own file.
    public let notFrom: NotFrom
    public let source: String

    public struct Application: Sendable, Codable {
      public let id: String
      /// `spouse` or `child`.
      public let member: String
      public let when: RuleCondition?
      /// The catalog category whose rules make the member's plan.
      public let category: String
      public let source: String
    }

    public struct NotFrom: Sendable, Codable {
      public let categories: [String]
      public let rule: String
      public let message: String
      public let source: String
    }
  }
}
