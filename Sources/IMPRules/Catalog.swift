public import Foundation

/// The rules catalog: categories, codes, documents, forms and fees, each with its source.
///
/// It is data (`Templates/catalog/catalog.json`); `--catalog FILE` loads an updated copy
/// when IRCC changes a rule. Swift code only implements the kinds of check the catalog
/// names (``RuleCondition``) and the arithmetic of fees.
public struct Catalog: Sendable, Codable {
  /// The catalog's own version, recorded in every packet's manifest.
  public var catalogVersion: String
  /// The date its rules were last checked against their sources.
  public var asOf: CivilDate
  /// Days an application is expected to be in processing; documents that expire within
  /// this window after the submission date are marked `expiring`.
  public var processingWindowDays: Int
  /// Named yes/no facts the catalog defines from others (fee exemptions), in order.
  public var derivedFacts: [DerivedFact]
  public var forms: [FormRule]
  public var documents: [DocumentRule]
  public var requirements: [Requirement]
  public var medicalExam: MedicalExamRule
  public var fees: FeeCatalog
  /// What an employer who makes an IMP offer must do, for employer bundles.
  public var employerObligations: [Obligation]?
  /// The submission letter's addresses, arguments and letters of explanation.
  public var submissionLetter: SubmissionLetterRules?
  /// What the Employer Portal checks, for the portal data sheet.
  public var employerPortal: EmployerPortalRules?
  /// The names codes are shown by (Mexico, Ontario).
  public var names: DisplayNames?
  public var categories: [Category]
  /// Every official exemption code users may meet, including those no category here prepares.
  public var codes: [CodeInfo]

  /// A fact that is true when `when` holds, false when it does not, unknown otherwise.
  public struct DerivedFact: Sendable, Codable {
    public var name: String
    public var when: RuleCondition
    public var source: String
  }

  public struct FormRule: Sendable, Codable {
    public var form: String
    public var title: String
    public var when: RuleCondition?
    public var source: String
  }

  /// A checklist item, put on the list when `when` holds.
  public struct DocumentRule: Sendable, Codable {
    public var id: String
    public var title: String
    public var form: String?
    /// The IRCC portal upload slot it goes into.
    public var slot: String
    public var when: RuleCondition?
    /// Why this applicant must supply it, shown on the checklist (may name facts in `{}`).
    public var reason: String
    public var required: Bool?
    public var validity: DocumentValidity?
    public var source: String
  }

  /// How a document goes stale: it expires on a date fact, or ages out some months after one.
  public struct DocumentValidity: Sendable, Codable {
    public var fact: String
    /// `expires`: the fact is the document's expiry date. `issued`: the fact is its date of issue.
    public var kind: String
    public var maxAgeMonths: Int?
    /// Whether the document must stay valid for the permit's whole length (a passport),
    /// rather than only through processing (a language test, a medical exam).
    public var mustOutlastPermit: Bool?
  }

  /// An eligibility rule: when `check` does not hold, `message` says why. A warning
  /// without a `check` is a reminder the consultant always sees when `when` holds.
  public struct Requirement: Sendable, Codable {
    public var rule: String
    public var when: RuleCondition?
    public var check: RuleCondition?
    public var message: String
    /// `error` (makes the applicant ineligible) or `warning` (for the consultant to confirm).
    public var severity: String?
    public var source: String
  }

  public struct Obligation: Sendable, Codable {
    public var text: String
    public var source: String
  }

  public struct MedicalExamRule: Sendable, Codable {
    public var when: RuleCondition
    public var source: String
  }

  public struct Category: Sendable, Codable {
    public var id: String
    public var title: String
    public var codes: [CodeChoice]
    /// `open` or `employer-specific`.
    public var permit: String
    public var legalBasis: String
    public var summary: String
    public var portOfEntryAllowed: Bool
    /// Exceptions to a port-of-entry ban (IEC: US citizens and permanent residents).
    public var portOfEntryAllowedWhen: RuleCondition?
    /// Categories this one wins over when a profile without `category` fits both.
    public var preferredOver: [String]?
    public var validity: ValidityRule
    public var requirements: [Requirement]
    public var documents: [DocumentRule]
    public var forms: [FormRule]?
    /// Facts the cover letter states, in order: label and fact name.
    public var letterFacts: [LetterFact]
    /// Category letters added to the packet after the standard pages.
    public var letters: [Letter]?
    public var source: String
  }

  /// An official code of a category and the facts that select it.
  public struct CodeChoice: Sendable, Codable {
    public var code: String
    public var when: RuleCondition?
    public var title: String?
    /// The permit this code gives, when it differs from the category's (IEC streams).
    public var permit: String?
  }

  public struct ValidityRule: Sendable, Codable {
    public var maxMonths: Int
    /// The first rule whose `when` holds gives the length, in months or from a fact.
    public var lengths: [ValidityLength]?
    /// Date facts the permit may not outlast (the passport, the principal's permit).
    public var capAt: [ValidityCap]
    public var source: String
  }

  public struct ValidityLength: Sendable, Codable {
    public var when: RuleCondition?
    public var months: Int?
    public var monthsFromFact: String?
    public var source: String
  }

  public struct ValidityCap: Sendable, Codable {
    public var fact: String
    public var unless: RuleCondition?
    public var rule: String
    public var message: String
    public var source: String
  }

  /// A page of the packet made from a template of the template folder.
  public struct Letter: Sendable, Codable {
    /// The file name inside the packet (`05-program-summary.html`).
    public var file: String
    /// The template that makes it (`pgwp-program-summary.xhtml`).
    public var template: String
    /// What it is, for the cover sheet's contents.
    public var title: String
  }

  public struct LetterFact: Sendable, Codable {
    public var label: String
    public var fact: String
  }

  public struct CodeInfo: Sendable, Codable {
    public var code: String
    public var title: String
    public var legalBasis: String
    /// The catalog category that prepares it, if any.
    public var category: String?
    public var note: String?
  }

  /// Loads and checks a catalog file: every condition well-formed, every id unique.
  public static func load(_ url: URL) throws(CatalogError) -> Catalog {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw CatalogError("cannot read the catalog \(url.path): \(error.localizedDescription)")
    }
    return try decode(data, name: url.lastPathComponent)
  }

  public static func decode(_ data: Data, name: String) throws(CatalogError) -> Catalog {
    let catalog: Catalog
    do { catalog = try JSONDecoder().decode(Catalog.self, from: data) } catch let DecodingError.keyNotFound(k, ctx) {
      throw CatalogError("\(name): \(pathText(ctx.codingPath + [k])): required key is missing")
    } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx),
      let DecodingError.dataCorrupted(ctx)
    {
      throw CatalogError("\(name): \(pathText(ctx.codingPath)): \(ctx.debugDescription)")
    } catch {
      throw CatalogError("\(name): \(error)")
    }
    try catalog.check(name: name)
    return catalog
  }

  private static func pathText(_ path: [any CodingKey]) -> String {
    var s = ""
    for k in path {
      if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
    }
    return s
  }

  private func check(name: String) throws(CatalogError) {
    var problems: [String] = []
    var seen = Set<String>()
    for c in categories where !seen.insert(c.id).inserted { problems.append("category id '\(c.id)' appears twice") }
    for c in categories {
      if !["open", "employer-specific"].contains(c.permit) {
        problems.append("category '\(c.id)': permit must be open or employer-specific, got '\(c.permit)'")
      }
      if c.codes.isEmpty { problems.append("category '\(c.id)' has no code") }
      var docIds = Set(documents.map(\.id))
      for d in c.documents where !docIds.insert(d.id).inserted {
        problems.append("category '\(c.id)': document id '\(d.id)' appears twice")
      }
    }
    let schedules = fees.schedules.map(\.effective)
    if schedules != schedules.sorted() { problems.append("fee schedules must be in order of their effective dates") }
    for line in fees.lines {
      for s in fees.schedules where s.amounts[line.amount] == nil {
        problems.append("fee line '\(line.id)': schedule \(s.effective) has no amount '\(line.amount)'")
      }
    }
    problems += letterProblems()
    if !problems.isEmpty { throw CatalogError("\(name): " + problems.joined(separator: "; ")) }
  }

  /// The category with this id or official code.
  public func category(idOrCode: String) -> Category? {
    categories.first { $0.id == idOrCode } ?? categories.first { $0.codes.contains { $0.code == idOrCode } }
  }

  public func codeInfo(_ code: String) -> CodeInfo? { codes.first { $0.code == code.uppercased() } }
}

public struct CatalogError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
