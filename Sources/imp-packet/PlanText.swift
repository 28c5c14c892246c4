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
    return s + fees(p)
  }

  static func fees(_ p: Plan) -> String {
    var s = "Fees (schedule in force since \(p.fees.schedule)):\n"
    let width = p.fees.lines.map(\.description.count).max() ?? 0
    for l in p.fees.lines {
      s += "  \(l.description.padding(width))  \(l.payer.rawValue.padding(9))  \(l.amount.formatted.leftPadding(9))  \(l.basis)\n"
    }
    s += "  Total paid by the applicant: \(p.fees.totals.applicant.formatted)\n"
    s += "  Total paid by the employer:  \(p.fees.totals.employer.formatted)\n"
    if !p.fees.toCheck.isEmpty {
      s += "  Check on IRCC's fee list before paying: \(p.fees.toCheck.joined(separator: ", ")) (after the catalog's review date)\n"
    }
    return s
  }
}

extension String {
  func padding(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
  func leftPadding(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
