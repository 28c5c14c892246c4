/// What a plan's letters and pages say, worked out once when the plan is made (from the
/// letter's facts, ``DayPlanner/letterFacts(_:plan:)``): the submission letter, the sentences
/// of the checklist and findings, and the Employer Portal review. Every page of a packet
/// reads them from here.
public struct PlanLetters: Sendable {
  public let coverLetter: CoverLetter
  public let pageText: PageText
  public let portalReview: EmployerPortalReview
}

extension DayPlanner {
  /// The letters of `plan` (made from `p` by this planner), from one set of letter facts.
  func letters(_ p: Profile, plan: Plan) -> PlanLetters {
    let facts = letterFacts(p, plan: plan)
    let letter = coverLetter(p, plan: plan, facts: facts)
    return PlanLetters(
      coverLetter: letter, pageText: pageText(p, plan: plan, facts: facts),
      portalReview: employerPortalReview(p, plan: plan, facts: facts, letter: letter))
  }
}
