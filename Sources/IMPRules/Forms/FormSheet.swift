/// One form's questions answered from a profile: what the person filling the form types,
/// question by question, with the profile key each answer came from.
public struct FormSheet: Sendable {
  /// The question list answered: the form, its edition and where it was read.
  public var questions: FormQuestionList
  public var sections: [Section]
  /// The form number (`IMM 5710`).
  public var form: String { questions.form }

  public struct Section: Sendable {
    public var title: String
    public var answers: [Answer]
  }

  /// How a question stands.
  public enum State: String, Sendable {
    /// The profile gives the answer at a key.
    case given
    /// A rule over profile keys gives it; `note` says which.
    case derived
    /// The question does not apply (no rows, a No above it); the box stays blank.
    case notApplicable = "not-applicable"
    /// The profile does not tell: ask the client.
    case ask
  }

  public struct Answer: Sendable {
    public var number: String
    public var text: String
    public var xfa: String
    public var required: Bool
    public var state: State
    /// One value, or one per row of a table (`1: …`).
    public var values: [String]
    /// The profile keys the answer came from (or would come from).
    public var keys: [String]
    public var note: String?
  }

  /// Every answer, in the form's order.
  public var answers: [Answer] { sections.flatMap(\.answers) }
  /// Required questions the profile does not answer.
  public var unansweredRequired: [Answer] { answers.filter { $0.required && $0.state == .ask } }

  /// The share of required questions answered (given, derived or not applicable), 0…1.
  public var requiredCoverage: Double {
    let required = answers.filter(\.required)
    return required.isEmpty ? 1 : Double(required.count - unansweredRequired.count) / Double(required.count)
  }
}

/// What a form sheet needs to know of the plan besides the profile.
public struct FormCase: Sendable {
  /// The category's catalog id (`pgwp`).
  public var categoryId: String
  /// `open` or `employer-specific`.
  public var permit: String

  public init(categoryId: String, permit: String) {
    self.categoryId = categoryId
    self.permit = permit
  }
}
