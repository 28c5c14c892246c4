import IMPRules
import XMLTemplates

extension PacketContext {
  /// `letter` (the submission letter: office, arguments, what is enclosed and what follows,
  /// fees by payer, letters of explanation) and `portal` (the Employer Portal review).
  static func letterSections(profile p: Profile, planned: Planner.Planned, catalog: Catalog)
    -> [String: TemplateValue]
  {
    let plan = planned.plan
    let letter = planned.letters.coverLetter
    let w = catalog.wording
    let category = catalog.category(idOrCode: plan.category.id)

    let text = planned.letters.pageText
    let enclosedIds = Set(
      plan.checklist.filter { p.provided.contains($0.id) && $0.status != "expired" }.map(\.id))
    func item(_ i: Plan.ChecklistItem) -> TemplateValue {
      [
        "title": .string(text.items[i.id]?.title ?? i.title), "slot": .string(i.slot), "form": TemplateValue(i.form),
        "statusText": .string(statusText(i.status, w)), "required": .bool(i.required),
      ]
    }
    // Pages of this packet that go to the officer: the category's letters, the letter of explanation.
    var generated: [TemplateValue] = (category?.letters ?? []).map { ["title": .string($0.title)] }
    if !letter.explanations.isEmpty { generated.append(["title": .string(PacketBuilder.explanationPage.title(w))]) }

    let employerName = p.job?.employer?.legalName
    let fullName = "\(p.applicant.givenNames) \(p.applicant.familyName)"
    let feeLines: [TemplateValue] = plan.fees.lines.map { l in
      [
        "description": .string(l.description), "amount": .string(w.money(l.amount)),
        "payer": .string(l.payer == .employer ? (employerName ?? l.payer.rawValue) : fullName),
        "basis": .string(l.basis),
      ]
    }
    let arguments: [TemplateValue] = letter.arguments.enumerated().map { k, a in
      [
        "number": .string(String(k + 1)), "requirement": .string(a.requirement), "basis": .string(a.basis),
        "facts": .string(a.facts), "met": .bool(a.met), "problem": TemplateValue(a.problem),
        "proofs": .list(
          a.proofs.map {
            ["title": .string(text.items[$0.id]?.title ?? $0.title), "slot": .string($0.slot), "enclosed": .bool($0.enclosed)]
          }),
      ]
    }
    let names = catalog.names ?? .init()
    let value: TemplateValue = [
      "office": [
        "id": .string(letter.office.id), "address": .list(letter.office.address.map(TemplateValue.string)),
        "salutation": .string(letter.office.salutation), "filing": .string(letter.office.filing),
        "fees": .string(letter.office.fees),
      ],
      "arguments": .list(arguments),
      "allMet": .bool(letter.arguments.allSatisfy(\.met) && plan.eligibility.eligible),
      "explanations": .list(
        letter.explanations.map { ["title": .string($0.title), "text": .string($0.text), "source": .string($0.source)] }),
      "enclosed": .list(plan.checklist.filter { enclosedIds.contains($0.id) }.map(item)),
      "generated": .list(generated),
      "toFollow": .list(plan.checklist.filter { !enclosedIds.contains($0.id) }.map(item)),
      "representativeFormEnclosed": .bool(enclosedIds.contains("representative-form")),
      "feeLines": .list(feeLines),
      "languageName": .string(names.language(p.language)),
    ]

    let review = planned.letters.portalReview
    let portal: TemplateValue = [
      "locations": .list(review.locations.map(TemplateValue.string)),
      "extraLocations": .list(review.extraLocations.map(TemplateValue.string)),
      "duties": .list(review.duties.map(TemplateValue.string)),
      "passportNumber": TemplateValue(review.passportNumber), "citizenship": TemplateValue(review.citizenship),
      "flags": .list(review.flags.map(TemplateValue.string)),
      "explanation": .list(review.exemptionExplanation.map(TemplateValue.string)),
    ]
    return ["letter": value, "portal": portal]
  }
}
