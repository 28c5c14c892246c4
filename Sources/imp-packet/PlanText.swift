import IMPRules

/// The human-readable forms of a plan printed by `plan` and `fees`.
enum PlanText {
  static func describe(_ p: Plan) -> String {
    var s = "Case \(p.caseId): \(p.category.title) (\(p.category.code), \(p.category.legalBasis)), \(p.category.permit.rawValue) permit\n"
    s += "Eligible: \(p.eligibility.eligible ? "yes" : "NO")\n"
    for u in p.eligibility.unmet { s += "  unmet \(u.rule): \(u.message)\n" }
    for w in p.eligibility.warnings { s += "  warning \(w.rule): \(w.message)\n" }
    s += "Permit valid until: \(p.permitValidUntil)\n"
    s += "Forms: \(p.forms.isEmpty ? "none" : p.forms.joined(separator: ", "))\n"
    s += "Biometrics: \(p.biometricsRequired ? "required" : "not required")"
    s += p.biometrics.first.map { " (\($0.reason))\n" } ?? "\n"
    s += "Medical exam: \(p.medicalExamRequired ? "required" : "not required")\n"
    s += "Checklist:\n"
    let width = p.checklist.map(\.id.count).max() ?? 0
    for item in p.checklist {
      s += "  [\(item.status.padding(9))] \(item.id.padding(width))  \(item.title)\n"
    }
    s += fees(p.fees)
    for m in p.family?.members ?? [] {
      s += "\n" + member(m)
      s += "  Checklist:\n"
      let width = m.checklist.map(\.id.count).max() ?? 0
      for item in m.checklist {
        s += "    [\(item.status.padding(9))] \(item.id.padding(width))  \(item.title)\n"
      }
      s += indented(fees(m.fees))
    }
    return s + familyTotals(p)
  }

  /// `fees`: the applicant's fee breakdown, then each family member's and the group's totals.
  static func fees(_ p: Plan) -> String {
    var s = fees(p.fees)
    for m in p.family?.members ?? [] { s += "\n" + member(m) + indented(fees(m.fees)) }
    return s + familyTotals(p)
  }

  /// A family member's heading: who, the application and its code, and the verdict.
  static func member(_ m: Plan.Member) -> String {
    let code = m.category.code.isEmpty ? "" : " (\(m.category.code), \(m.category.legalBasis))"
    var s = "Family member \(m.member): \(m.category.title)\(code); application: \(m.application)\n"
    if let note = m.note { s += "  \(note)\n" }
    s += "  Eligible: \(m.eligibility.eligible ? "yes" : "NO")\n"
    for u in m.eligibility.unmet { s += "    unmet \(u.rule): \(u.message)\n" }
    for w in m.eligibility.warnings { s += "    warning \(w.rule): \(w.message)\n" }
    if !m.forms.isEmpty { s += "  Forms: \(m.forms.joined(separator: ", "))\n" }
    return s
  }

  static func familyTotals(_ p: Plan) -> String {
    guard let f = p.family else { return "" }
    return """

      Family applying together (\(f.members.count + 1) applications):
        Total paid by the applicant and family: \(f.totals.applicant.formatted)
        Total paid by the employer:             \(f.totals.employer.formatted)

      """
  }

  private static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  \($0)" }
      .joined(separator: "\n")
  }

  static func fees(_ f: Plan.FeeBreakdown) -> String {
    var s = "Fees (schedule in force since \(f.schedule)):\n"
    let width = f.lines.map(\.description.count).max() ?? 0
    for l in f.lines {
      s += "  \(l.description.padding(width))  \(l.payer.rawValue.padding(9))  \(l.amount.formatted.leftPadding(9))  \(l.basis)\n"
    }
    s += "  Total paid by the applicant: \(f.totals.applicant.formatted)\n"
    s += "  Total paid by the employer:  \(f.totals.employer.formatted)\n"
    if !f.toCheck.isEmpty {
      s += "  Check on IRCC's fee list before paying: \(f.toCheck.joined(separator: ", ")) (after the catalog's review date)\n"
    }
    return s
  }
}

extension String {
  func padding(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
  func leftPadding(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
