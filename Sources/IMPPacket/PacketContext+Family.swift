import IMPRules
import XMLTemplates

extension PacketBuilder {
  /// The template of a family member's page: their own application's letter, checklist and fees.
  static let memberTemplate = "family-member.xhtml"

  /// One page per family member applying together, after the applicant's pages.
  static func memberPages(_ plan: Plan) -> [Page] {
    (plan.family?.members ?? []).map { m in
      Page(
        file: "07-family-\(m.member).html", template: memberTemplate,
        title: "Family member \(m.member): own application, letter to the officer, checklist and fees", member: m.member)
    }
  }
}

extension PacketContext {
  /// `context` with `member` (the family member's application) and `family` (the group's
  /// totals) for the page of `member`.
  static func member(
    _ member: String, of plan: Plan, wording w: Wording, to context: [String: TemplateValue]
  ) -> [String: TemplateValue] {
    guard let family = plan.family, let m = family.members.first(where: { $0.member == member }) else { return context }
    var out = context
    var slots: [String] = []
    for item in m.checklist where !slots.contains(item.slot) { slots.append(item.slot) }
    let groups: [TemplateValue] = slots.map { slot in
      [
        "slot": .string(slot),
        "items": .list(
          m.checklist.filter { $0.slot == slot }.map { item in
            [
              "id": .string(item.id), "title": .string(item.title), "form": TemplateValue(item.form),
              "reason": .string(item.reason), "statusText": .string(statusText(item.status, w)),
              "statusClass": .string("status status-\(item.status)"),
              // Set by ``addMemberUploads(_:wording:to:)`` when the packet has upload files.
              "upload": .null, "files": .null,
            ]
          }),
      ]
    }
    let findings = { (list: [Plan.Finding]) in TemplateValue.list(list.map { ["rule": .string($0.rule), "message": .string($0.message)] }) }
    let relation = m.member == "spouse" ? "spouse or common-law partner" : "dependent child"
    out["member"] = [
      "id": .string(m.member), "name": .string(m.name), "relation": .string(relation),
      "pageTitle": .string("Family member \(m.member) — \(plan.caseId)"),
      "application": .string(m.application), "title": .string(m.category.title),
      "code": m.category.code.isEmpty ? .null : .string(m.category.code), "legalBasis": .string(m.category.legalBasis),
      "note": TemplateValue(m.note),
      "principalApplication": .string(m.principalApplication),
      "eligibleText": .string(m.eligibility.eligible ? "eligible" : "not eligible"),
      "unmet": findings(m.eligibility.unmet), "warnings": findings(m.eligibility.warnings),
      "forms": .list(m.forms.map(TemplateValue.string)),
      "groups": .list(groups),
      "letterFacts": .list(m.letterFacts.map { ["label": .string($0.label), "value": .string($0.value)] }),
      "feeLines": .list(
        m.fees.lines.map {
          [
            "description": .string($0.description), "payer": .string($0.payer.rawValue),
            "amount": .string($0.amount.formatted), "basis": .string($0.basis),
          ]
        }),
      "applicantTotal": .string(m.fees.totals.applicant.formatted),
    ]
    out["family"] = [
      "applicantTotal": .string(family.totals.applicant.formatted),
      "employerTotal": .string(family.totals.employer.formatted),
    ]
    return out
  }
}
