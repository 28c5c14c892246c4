import Foundation
import IMPRules
import XMLTemplates

/// The names the employer-bundle templates see.
enum EmployerContext {
  /// An offer's status as the bundle's pages write it.
  static func statusText(_ status: OfferOutcome.Status, _ w: Wording) -> String {
    let keys: [OfferOutcome.Status: String] = [
      .ready: "offer.ready", .toSubmit: "offer.toSubmit", .noPortalOffer: "offer.noPortalOffer",
      .notEligible: "offer.notEligible", .invalid: "offer.invalid",
    ]
    return keys[status].map { w.phrase($0) } ?? status.rawValue
  }

  /// One offer as the summary table and the CSV show it.
  static func row(_ o: OfferOutcome, profile: Profile?, plan: Plan?, wording w: Wording) -> TemplateValue {
    let job = profile?.job
    return [
      "id": .string(o.offerId), "worker": TemplateValue(o.worker),
      "citizenships": TemplateValue(profile?.applicant.citizenships.joined(separator: ", ")),
      "category": TemplateValue(plan?.category.title), "code": TemplateValue(o.code),
      "title": TemplateValue(job?.title), "noc": TemplateValue(job?.noc), "teer": TemplateValue(job?.teer.map(String.init)),
      "wage": TemplateValue(job?.wage.map(w.wage)),
      "province": TemplateValue(job?.workLocation?.province),
      "offerNumber": TemplateValue(job?.offerOfEmploymentNumber),
      "fee": TemplateValue(o.complianceFee.map(w.money)),
      "feeNote": TemplateValue(
        o.complianceFee.map { fee in
          guard fee == .zero else { return "" }
          return job?.employer?.complianceFeeExemption.map { w.phrase("offer.exemptEmployer", ["exemption": exemptionText($0)]) }
            ?? w.phrase("offer.exemptWork")
        }),
      "status": .string(o.status.rawValue), "statusText": .string(statusText(o.status, w)),
      "included": .bool(o.included), "problems": .list(o.problems.map(TemplateValue.string)),
    ]
  }

  /// The offer's own block for its portal sheet and letter.
  static func offer(_ o: OfferOutcome, plan: Plan, wording w: Wording) -> TemplateValue {
    [
      "id": .string(o.offerId), "status": .string(o.status.rawValue),
      "statusText": .string(statusText(o.status, w)),
      "fee": .string(w.money(o.complianceFee ?? .zero)), "feeExempt": .bool(o.complianceFee == .zero),
      "toSubmit": .bool(o.status == .toSubmit), "noPortalOffer": .bool(o.status == .noPortalOffer),
    ]
  }

  static func bundle(_ file: EmployerFile, catalog: Catalog, rows: [TemplateValue], outcomes: [OfferOutcome], total: Money)
    -> [String: TemplateValue]
  {
    let e = file.employer
    let included = outcomes.filter(\.included).count
    let w = catalog.wording
    return [
      "page": ["title": .string(w.phrase("bundlePageTitle", ["bundleId": file.bundleId]))],
      "bundle": [
        "id": .string(file.bundleId), "catalogVersion": .string(catalog.catalogVersion),
        "offerCount": .string(String(outcomes.count)), "includedCount": .string(String(included)),
        "excludedCount": .string(String(outcomes.count - included)), "totalFees": .string(w.money(total)),
        "hasExcluded": .bool(included < outcomes.count),
      ],
      "employer": [
        "legalName": .string(e.legalName), "operatingName": TemplateValue(e.operatingName),
        "businessNumber": TemplateValue(e.businessNumber),
        "exemption": TemplateValue(e.complianceFeeExemption.map(exemptionText)),
        "contact": TemplateValue(e.contact.map { [$0.name, $0.title, $0.email, $0.phone].compactMap { $0 }.joined(separator: ", ") }),
      ],
      "offers": .list(rows),
      "obligations": .list(
        (catalog.employerObligations ?? []).map { ["text": .string($0.text), "source": .string($0.source)] }),
    ]
  }

  static func exemptionText(_ key: String) -> String {
    ProfileFormat.complianceRegimeExemptions.first { $0.key == key }?.value ?? key
  }

  static let csvColumns = [
    "offerId", "status", "worker", "citizenships", "category", "code", "jobTitle", "noc", "teer", "wage", "province",
    "offerNumber", "complianceFee", "problems",
  ]

  /// `offers.csv`: one row per offer, RFC 4180 quoting, cells that a spreadsheet would
  /// run as a formula prefixed with `'`.
  static func csv(_ outcomes: [OfferOutcome], file: EmployerFile) -> String {
    var lines = [csvColumns.joined(separator: ",")]
    for o in outcomes {
      let p = file.offers.first { $0.id == o.offerId }.flatMap { try? $0.profile.get() }
      let j = p?.job
      let cells: [String?] = [
        o.offerId, o.status.rawValue, o.worker, p?.applicant.citizenships.joined(separator: " "), o.category, o.code,
        j?.title, j?.noc, j?.teer.map(String.init), j?.wage.map { "\($0.amount) per \($0.per)" },
        j?.workLocation?.province, j?.offerOfEmploymentNumber, o.complianceFee?.description,
        o.problems.joined(separator: "; "),
      ]
      lines.append(cells.map { CSVText.field($0 ?? "", neutralizingFormulas: true) }.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}

