import IMPRules
import XMLTemplates

/// The names templates see: the plan and the profile, formatted for reading.
///
/// Every key a shipped template may use is always present (null when the profile
/// lacks it), so a template that names a field never fails on one client and not another.
enum PacketContext {
  static func make(
    profile p: Profile, planned: Planner.Planned, catalog: Catalog,
    files: [(name: String, title: String)]
  )
    -> [String: TemplateValue]
  {
    let a = p.applicant
    let names = catalog.names ?? .init()
    let plan = planned.plan
    let category = planned.category
    let w = catalog.wording
    let permitText = w.phrase("permit.\(plan.category.permit.rawValue)")
    let fullName = "\(a.givenNames) \(a.familyName)"
    let rep: TemplateValue =
      p.representative.map { r in
        [
          "name": .string(r.name), "licence": TemplateValue(r.licenceNumber),
          "organization": TemplateValue(r.organization), "email": TemplateValue(r.email),
          "paidText": .string(w.yesNo(r.paid)),
        ]
      } ?? .null
    // Who signs: the representative, or the applicant writing for themselves.
    let sender: TemplateValue =
      p.representative.map { r in
        [
          "heading": .string(r.organization ?? r.name), "name": .string(r.name), "licence": TemplateValue(r.licenceNumber),
          "organization": TemplateValue(r.organization), "email": TemplateValue(r.email), "isApplicant": false,
        ]
      } ?? [
        "heading": .string(fullName), "name": .string(fullName), "licence": nil, "organization": nil,
        "email": TemplateValue(a.email), "isApplicant": true,
      ]

    let text = planned.letters.pageText
    let items: [TemplateValue] = plan.checklist.map { item in
      [
        "id": .string(item.id), "title": .string(text.items[item.id]?.title ?? item.title), "form": TemplateValue(item.form),
        "reason": .string(text.items[item.id]?.reason ?? item.reason), "status": .string(item.status),
        "statusText": .string(statusText(item.status, w)),
        "statusClass": .string("status status-\(item.status)"), "required": .bool(item.required),
        "upload": nil, "files": nil,
      ]
    }
    var slots: [String] = []
    for item in plan.checklist where !slots.contains(item.slot) { slots.append(item.slot) }
    let groups: [TemplateValue] = slots.map { slot in
      [
        "slot": .string(slot),
        "items": .list(zip(plan.checklist, items).filter { $0.0.slot == slot }.map(\.1)),
      ]
    }
    let count = { (statuses: Set<String>) in String(plan.checklist.filter { statuses.contains($0.status) }.count) }

    let formTitles = Dictionary(
      (catalog.forms + (category.forms ?? [])).map { ($0.form, $0.title) }, uniquingKeysWith: { a, _ in a })
    let bio = plan.biometrics.first
    let job: TemplateValue = p.job.map { j in
      [
        "employer": j.employer.map { e in
          [
            "legalName": .string(e.legalName), "operatingName": TemplateValue(e.operatingName),
            "businessNumber": TemplateValue(e.businessNumber),
            "address": TemplateValue(
              e.address.map { ad in
                [ad.line1, ad.line2, ad.city, [ad.province, ad.postalCode].compactMap { $0 }.joined(separator: " ")]
                  .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
              }),
            "contact": TemplateValue(e.contact.map { [$0.name, $0.title].compactMap { $0 }.joined(separator: ", ") }),
          ] as TemplateValue
        } ?? .null,
        "title": TemplateValue(j.title), "noc": TemplateValue(j.noc), "teer": TemplateValue(j.teer.map(String.init)),
        "offerNumber": TemplateValue(
          j.offerOfEmploymentNumber
            ?? (j.employer?.complianceFeeExemption != nil
              ? w.phrase("offer.notNeeded") : w.phrase("offer.notYetIssued"))),
        "wage": TemplateValue(j.wage.map(w.wage)),
        "hoursPerWeek": TemplateValue(j.hoursPerWeek.map(String.init)),
        "location": TemplateValue(j.workLocation.map { "\($0.city), \(names.province($0.province))" }),
        "startDate": TemplateValue(j.startDate.map(w.date)),
        "signer": TemplateValue(j.employer?.contact?.name), "signerTitle": TemplateValue(j.employer?.contact?.title),
        "contactEmail": TemplateValue(j.employer?.contact?.email), "contactPhone": TemplateValue(j.employer?.contact?.phone),
        "dates": TemplateValue(
          j.startDate.map { s in
            j.endDate.map { w.phrase("dateRange", ["from": w.date(s), "to": w.date($0)]) } ?? w.date(s)
          }),
        "duties": .list(j.duties.map(TemplateValue.string)),
      ]
    } ?? .null

    let standard: [String: TemplateValue] = [
      "page": ["title": .string(w.phrase("pageTitle", ["title": plan.category.title, "caseId": p.caseId]))],
      "case": [
        "id": .string(p.caseId), "language": .string(p.language),
        "submissionDate": .string(w.date(p.submission.date)),
        "submissionFrom": .string(w.phrase("submission.\(p.submission.from)")),
        "catalogVersion": .string(catalog.catalogVersion),
      ],
      "applicant": [
        "fullName": .string(fullName), "familyName": .string(a.familyName), "givenNames": .string(a.givenNames),
        "dateOfBirth": .string(w.date(a.dateOfBirth)),
        "citizenships": .string(a.citizenships.map(names.country).joined(separator: ", ")),
        "passportNumber": TemplateValue(a.passport?.number),
        "passportCountry": TemplateValue(a.passport.map { names.country($0.country) }),
        "passportExpiry": TemplateValue(a.passport.map { w.date($0.expiryDate) }), "uci": TemplateValue(a.uci),
        "status": TemplateValue(
          a.status.map { s in
            let type = w.value("status", s.type)
            return s.validUntil.map { w.phrase("statusUntil", ["status": type, "date": w.date($0)]) } ?? type
          }),
      ],
      "category": [
        "id": .string(plan.category.id), "code": .string(plan.category.code), "title": .string(plan.category.title),
        "permit": .string(plan.category.permit.rawValue), "permitText": .string(permitText),
        "permitTextLower": .string(permitText.lowercased()), "legalBasis": .string(plan.category.legalBasis),
        "summary": .string(category.summary),
      ],
      "permit": ["validUntil": .string(w.date(plan.permitValidUntil))],
      "representative": rep,
      "sender": sender,
      "eligibility": [
        "eligible": .bool(plan.eligibility.eligible),
        "unmet": .list(
          plan.eligibility.unmet.map { ["rule": .string($0.rule), "message": .string(text.findings[$0.rule] ?? $0.message)] }),
        "warnings": .list(
          plan.eligibility.warnings.map { ["rule": .string($0.rule), "message": .string(text.findings[$0.rule] ?? $0.message)] }),
      ],
      "forms": .list(
        plan.forms.map { ["form": .string($0), "title": TemplateValue(formTitles[$0]), "sheet": nil, "ask": nil] }),
      "sheet": nil,
      "formsText": .string(plan.forms.isEmpty ? w.phrase("formsNone") : plan.forms.joined(separator: ", ")),
      "uploads": nil,
      "checklist": [
        "items": .list(items), "groups": .list(groups), "missingCount": .string(count(["missing"])),
        "providedCount": .string(count(["provided"])), "staleCount": .string(count(["expired", "expiring"])),
      ],
      "fees": [
        "schedule": .string(w.date(plan.fees.schedule)),
        "lines": .list(
          plan.fees.lines.map {
            [
              "id": .string($0.id), "description": .string($0.description), "payer": .string(w.phrase("payer.\($0.payer.rawValue)")),
              "amount": .string(w.money($0.amount)), "basis": .string($0.basis),
            ]
          }),
        "applicantTotal": .string(w.money(plan.fees.totals.applicant)),
        "employerTotal": .string(w.money(plan.fees.totals.employer)),
        "hasEmployerFees": .bool(plan.fees.totals.employer > .zero),
        "toCheck": .bool(!plan.fees.toCheck.isEmpty),
        "notices": .list(
          plan.eligibility.warnings.filter { $0.rule == "catalog.review-date" }.map { ["message": .string($0.message)] }),
        "applicantLinesText": .string(
          plan.fees.lines.filter { $0.payer == .applicant }.map { $0.description.lowercasedFirst }.joined(
            separator: ", ")),
      ],
      "biometrics": .list(
        plan.biometrics.map { b in
          [
            // The plan names a person as `applicant`, `spouse` or `child 1` (member `child-1`).
            "person": .string(w.person(b.person.replacingOccurrences(of: " ", with: "-"))), "required": .bool(b.required),
            "requiredText": .string(w.phrase(b.required ? "required" : "notRequired")), "reason": .string(b.reason),
          ]
        }),
      "biometricsText": .string(
        bio.map { $0.required ? w.phrase("required") : w.phrase("notRequiredBecause", ["reason": $0.reason]) }
          ?? w.phrase("notRequired")),
      "medicalText": .string(w.phrase(plan.medicalExamRequired ? "medical.required" : "notRequired")),
      "letterFacts": .list(plan.letterFacts.map { ["label": .string($0.label), "value": .string($0.value)] }),
      "job": job,
      "files": .list(files.map { ["name": .string($0.name), "title": .string($0.title)] }),
    ]
    return sections(p, w).merging(standard) { _, new in new }
      .merging(letterSections(profile: p, planned: planned, catalog: catalog)) { _, new in new }
  }

  /// A checklist status as pages write it (`expired — renew`).
  static func statusText(_ status: String, _ w: Wording) -> String { w.phrase("status.\(status)") }
}

extension String {
  /// "Work permit fee" → "work permit fee"; an acronym stays ("IEC participation fee").
  var lowercasedFirst: String {
    dropFirst().first?.isUppercase == true ? self : prefix(1).lowercased() + dropFirst()
  }
}
