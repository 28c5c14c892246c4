import IMPRules
import XMLTemplates

extension PacketBuilder {
  /// The template of a family member's page: their own application's letter, checklist and fees.
  static let memberTemplate = "family-member.xhtml"

  /// One page per family member applying together, after the applicant's pages.
  static func memberPages(_ plan: Plan) -> [Page] {
    (plan.family?.members ?? []).map { m in
      Page(
        file: "07-family-\(m.member).html", template: memberTemplate, title: "page.family-member", member: m.member)
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
    out["member"] = [
      "id": .string(m.member), "name": .string(m.name),
      "relation": .string(w.phrase(m.member == "spouse" ? "relation.spouse" : "relation.child")),
      "pageTitle": .string(w.phrase("page.family-member.title", ["member": m.member, "person": w.person(m.member), "caseId": plan.caseId])),
      "application": .string(m.application), "title": .string(m.category.title),
      "code": m.category.code.isEmpty ? .null : .string(m.category.code), "legalBasis": .string(m.category.legalBasis),
      "note": TemplateValue(m.note),
      "principalApplication": .string(m.principalApplication),
      "eligibleText": .string(w.phrase(m.eligibility.eligible ? "eligible" : "notEligible")),
      "unmet": findings(m.eligibility.unmet), "warnings": findings(m.eligibility.warnings),
      "forms": .list(m.forms.map(TemplateValue.string)),
      "groups": .list(groups),
      "letterFacts": .list(m.letterFacts.map { ["label": .string($0.label), "value": .string($0.value)] }),
      "feeLines": .list(
        m.fees.lines.map {
          [
            "description": .string($0.description), "payer": .string(w.phrase("payer.\($0.payer.rawValue)")),
            "amount": .string(w.money($0.amount)), "basis": .string($0.basis),
          ]
        }),
      "applicantTotal": .string(w.money(m.fees.totals.applicant)),
    ]
    out["family"] = [
      "applicantTotal": .string(w.money(family.totals.applicant)),
      "employerTotal": .string(w.money(family.totals.employer)),
    ]
    return out
  }
}
