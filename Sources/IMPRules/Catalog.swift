public import Foundation
public import StrictJSON

/// The rules catalog: categories, codes, documents, forms and fees, each with its source.
///
/// It is data (`Templates/catalog/catalog.json`); `--catalog FILE` loads an updated copy
/// when IRCC changes a rule. Swift code only implements the kinds of check the catalog
/// names (``RuleCondition``) and the arithmetic of fees.
public struct Catalog: Sendable, Codable {
  /// The catalog's own version, recorded in every packet's manifest.
  public let catalogVersion: String
  /// The date its rules were last checked against their sources.
  public let asOf: CivilDate
  /// How far back the catalog's rules reach, and when its amounts must be checked again.
  public let coverage: Coverage
  /// Days an application is expected to be in processing; documents that expire within
  /// this window after the submission date are marked `expiring`.
  public let processingWindowDays: Int
  /// Named yes/no facts the catalog defines from others (fee exemptions), in order.
  public let derivedFacts: [DerivedFact]
  public internal(set) var forms: [FormRule]
  public internal(set) var documents: [DocumentRule]
  public internal(set) var requirements: [Requirement]
  public let medicalExam: MedicalExamRule
  public internal(set) var fees: FeeCatalog
  /// What an employer who makes an IMP offer must do, for employer bundles.
  public let employerObligations: [Obligation]?
  /// The submission letter's addresses, arguments and letters of explanation.
  public let submissionLetter: SubmissionLetterRules?
  /// What the Employer Portal checks, for the portal data sheet.
  public let employerPortal: EmployerPortalRules?
  /// The names codes are shown by (Mexico, Ontario).
  public let names: DisplayNames?
  /// Closed lists the rules match facts against (CUSMA Appendix 2).
  public let lists: [NamedList]?
  /// Which fact is matched against which list (see ``Catalog/lookUp(_:)``).
  public let lookups: [Lookup]?
  /// International Experience Canada by country: streams, ages, lengths, participations.
  public internal(set) var iecCountries: IECTable?
  public internal(set) var categories: [Category]
  /// Every official exemption code users may meet, including those no category here prepares.
  public let codes: [CodeInfo]
  /// Upload slots and channel caps, for PDF packets (`--pdf`); nil in catalogs made before them.
  public let uploads: UploadCatalog?
  /// How family members applying together are planned (IRCC-FACTS §9).
  public let family: FamilyRules?
  /// How pages write dates, amounts and the sentences the tool composes (``Wording``).
  public let wording: Wording

  /// The dates a catalog answers for: submissions before `from` are refused (nobody can
  /// say which rules applied), and from `reviewBy` on a plan warns that the amounts of
  /// `reviewFees` it includes may have changed.
  public struct Coverage: Sendable, Codable {
    public let from: CivilDate
    public let reviewBy: CivilDate
    /// Amount keys of the fee schedules that IRCC indexes on `reviewBy`.
    public let reviewFees: [String]
    /// Where the current amounts are published.
    public let feeList: String
    public let source: String
  }

  /// A closed list of the catalog (CUSMA Appendix 2), each entry with its other names.
  public struct NamedList: Sendable, Codable {
    public let id: String
    public let title: String
    public let source: String
    public let entries: [Entry]

    public struct Entry: Sendable, Codable {
      public let number: Int?
      public let group: String?
      public let name: String
      public let alsoCalled: [String]?
      public let note: String?
      public let qualification: String?
    }
  }

  /// Matches the fact `fact` against the list `list`, giving the facts `<as>.listed`,
  /// `<as>.name`, `<as>.qualification` and, for a near miss, `<as>.suggestion`.
  public struct Lookup: Sendable, Codable {
    public let fact: String
    public let list: String
    public let `as`: String

    /// The facts a lookup defines.
    var factNames: [String] { ["listed", "name", "qualification", "suggestion"].map { "\(`as`).\($0)" } }
  }

  /// A fact that is true when `when` holds, false when it does not, unknown otherwise.
  public struct DerivedFact: Sendable, Codable {
    public let name: String
    public let when: RuleCondition
    public let source: String
  }

  public struct FormRule: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let form: String
    public let title: String
    public let when: RuleCondition?
    public let source: String
  }

  /// A checklist item, put on the list when `when` holds.
  public struct DocumentRule: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let id: String
    public let title: String
    public let form: String?
    /// The IRCC portal upload slot it goes into.
    public let slot: String
    public let when: RuleCondition?
    /// Why this applicant must supply it, shown on the checklist (may name facts in `{}`).
    public let reason: String
    public let required: Bool?
    public let validity: DocumentValidity?
    public let source: String
  }

  /// How a document goes stale: it expires on a date fact, or ages out some months after one.
  public struct DocumentValidity: Sendable, Codable {
    public let fact: String
    public let kind: Kind
    public let maxAgeMonths: Int?
    /// Whether the document must stay valid for the permit's whole length (a passport),
    /// rather than only through processing (a language test, a medical exam).
    public let mustOutlastPermit: Bool?
  }

  /// An eligibility rule: when `check` does not hold, `message` says why. A warning
  /// without a `check` is a reminder the consultant always sees when `when` holds.
  public struct Requirement: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let rule: String
    public let when: RuleCondition?
    public let check: RuleCondition?
    public let message: String
    /// `error` (makes the applicant ineligible, the default) or `warning` (for the consultant to confirm).
    public let severity: Severity?
    public let source: String
  }

  public struct Obligation: Sendable, Codable {
    public let text: String
    public let source: String
  }

  public struct MedicalExamRule: Sendable, Codable {
    public let when: RuleCondition
    public let source: String
  }

  public struct Category: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let id: String
    public let title: String
    public internal(set) var codes: [CodeChoice]
    public let permit: Permit
    public let legalBasis: String
    public let summary: String
    public let portOfEntryAllowed: Bool
    /// Exceptions to a port-of-entry ban (IEC: US citizens and permanent residents).
    public let portOfEntryAllowedWhen: RuleCondition?
    /// Categories this one wins over when a profile without `category` fits both.
    public let preferredOver: [String]?
    public internal(set) var validity: ValidityRule
    public internal(set) var requirements: [Requirement]
    public internal(set) var documents: [DocumentRule]
    public internal(set) var forms: [FormRule]?
    /// Facts the cover letter states, in order: label and fact name.
    public let letterFacts: [LetterFact]
    /// Category letters added to the packet after the standard pages.
    public let letters: [Letter]?
    /// Set for the applications of a family member (`spouse` or `child`) that only a family
    /// file plans: never chosen for, or assessed against, the applicant.
    public let familyMember: String?
    public let source: String
  }

  /// An official code of a category and the facts that select it.
  public struct CodeChoice: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let code: String
    public let when: RuleCondition?
    public let title: String?
    /// The permit this code gives, when it differs from the category's (IEC streams).
    public let permit: Permit?
  }

  public struct ValidityRule: Sendable, Codable {
    public let maxMonths: Int
    /// The first rule whose `when` holds gives the length, in months or from a fact.
    public internal(set) var lengths: [ValidityLength]?
    /// Date facts the permit may not outlast (the passport, the principal's permit).
    public internal(set) var capAt: [ValidityCap]
    public let source: String
  }

  public struct ValidityLength: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let when: RuleCondition?
    public let months: Int?
    public let monthsFromFact: String?
    public let source: String
  }

  public struct ValidityCap: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let fact: String
    public let unless: RuleCondition?
    public let rule: String
    public let message: String
    public let source: String
  }

  /// A page of the packet made from a template of the template folder.
  public struct Letter: Sendable, Codable {
    /// The file name inside the packet (`05-program-summary.html`).
    public let file: String
    /// The template that makes it (`pgwp-program-summary.xhtml`).
    public let template: String
    /// What it is, for the cover sheet's contents.
    public let title: String
  }

  public struct LetterFact: Sendable, Codable {
    public let label: String
    public let fact: String
  }

  public struct CodeInfo: Sendable, Codable {
    /// The days it is in force (``InForce``); always when absent.
    public let inForce: InForce?
    public let code: String
    public let title: String
    public let legalBasis: String
    /// The catalog category that prepares it, if any.
    public let category: String?
    public let note: String?
    /// The codes that replaced it, for a code no longer in use (`inForce` says until when).
    public let replacedBy: [String]?
  }

  /// Loads and checks a catalog file (see ``decode(_:name:)``).
  public static func load(_ url: URL) throws(CatalogError) -> Catalog {
    try decode(try CheckedText.read(url))
  }

  /// Decodes and checks catalog bytes: every enumerated value one of its cases, every
  /// condition well-formed, every id unique, every fact name and referenced id known
  /// (``problems()``). `name` prefixes the message.
  public static func decode(_ data: Data, name: String) throws(CatalogError) -> Catalog {
    try decode(try CheckedText(data, name: name))
  }

  /// Decodes a catalog text read and checked already (see ``decode(_:name:)``).
  public static func decode(_ text: CheckedText) throws(CatalogError) -> Catalog {
    try decode(checkedText: text.data, name: text.name)
  }

  /// A catalog file's text once it is read strictly and its numbers are range-checked: read
  /// once, it is decoded in English and then translated into each language without reading
  /// and checking the same text again.
  public struct CheckedText: Sendable {
    /// The bytes, as read.
    public let data: Data
    /// The same text as values.
    public let json: JSONValue
    /// The file's name, which prefixes every message.
    public let name: String

    /// Checks `data` (see ``Catalog/checkedText(_:name:)``).
    public init(_ data: Data, name: String) throws(CatalogError) {
      self.data = data
      self.json = try Catalog.checkedText(data, name: name)
      self.name = name
    }

    /// Reads and checks the catalog file at `url`.
    public static func read(_ url: URL) throws(CatalogError) -> CheckedText {
      try CheckedText(try CatalogRanges.read(url), name: url.lastPathComponent)
    }
  }

  /// The catalog text as values, once it is read strictly (line and column of a syntax
  /// error) and every number is in its range.
  static func checkedText(_ data: Data, name: String) throws(CatalogError) -> JSONValue {
    switch JSONDocument.read(data, limits: CatalogRanges.limits) {
    case .failure(let e): throw CatalogError(e.issues.map { "\(name): \($0)" }.joined(separator: "\n"))
    case .success(let doc):
      let problems = doc.issues.map { "\(name): \($0)" } + CatalogRanges.problems(in: doc.value).map { "\(name): \($0)" }
      if !problems.isEmpty { throw CatalogError(problems.joined(separator: "\n")) }
      return doc.value
    }
  }

  /// Decodes catalog text whose syntax and number ranges were checked already (a translation
  /// of a checked catalog changes only its texts); ``problems()`` still runs.
  static func decode(checkedText data: Data, name: String) throws(CatalogError) -> Catalog {
    do { return try JSONDecoder().decode(Catalog.self, from: data) } catch let DecodingError.keyNotFound(k, ctx) {
      throw CatalogError("\(name): \(pathText(ctx.codingPath + [k])): required key is missing")
    } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx),
      let DecodingError.dataCorrupted(ctx)
    {
      let path = pathText(ctx.codingPath)
      throw CatalogError("\(name): \(path.isEmpty ? "" : "\(path): ")\(ctx.debugDescription)")
    } catch {
      throw CatalogError("\(name): \(error)")
    }
  }

  private static func pathText(_ path: [any CodingKey]) -> String {
    var s = ""
    for k in path {
      if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
    }
    return s
  }

  /// Decodes a catalog and refuses one that breaks ``problems()``: however a `Catalog` is
  /// made, its checks have run, so the planner may rely on them.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    catalogVersion = try c.decode(String.self, forKey: .catalogVersion)
    asOf = try c.decode(CivilDate.self, forKey: .asOf)
    coverage = try c.decode(Coverage.self, forKey: .coverage)
    processingWindowDays = try c.decode(Int.self, forKey: .processingWindowDays)
    derivedFacts = try c.decode([DerivedFact].self, forKey: .derivedFacts)
    forms = try c.decode([FormRule].self, forKey: .forms)
    documents = try c.decode([DocumentRule].self, forKey: .documents)
    requirements = try c.decode([Requirement].self, forKey: .requirements)
    medicalExam = try c.decode(MedicalExamRule.self, forKey: .medicalExam)
    fees = try c.decode(FeeCatalog.self, forKey: .fees)
    employerObligations = try c.decodeIfPresent([Obligation].self, forKey: .employerObligations)
    submissionLetter = try c.decodeIfPresent(SubmissionLetterRules.self, forKey: .submissionLetter)
    employerPortal = try c.decodeIfPresent(EmployerPortalRules.self, forKey: .employerPortal)
    names = try c.decodeIfPresent(DisplayNames.self, forKey: .names)
    lists = try c.decodeIfPresent([NamedList].self, forKey: .lists)
    lookups = try c.decodeIfPresent([Lookup].self, forKey: .lookups)
    iecCountries = try c.decodeIfPresent(IECTable.self, forKey: .iecCountries)
    categories = try c.decode([Category].self, forKey: .categories)
    codes = try c.decode([CodeInfo].self, forKey: .codes)
    uploads = try c.decodeIfPresent(UploadCatalog.self, forKey: .uploads)
    family = try c.decodeIfPresent(FamilyRules.self, forKey: .family)
    wording = try c.decode(Wording.self, forKey: .wording)
    let problems = problems()
    if !problems.isEmpty {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: problems.joined(separator: "; ")))
    }
  }

  /// The categories an applicant may apply under: all but a family member's own permits
  /// (``Category/familyMember``), which only a family file plans.
  public var applicantCategories: [Category] { categories.filter { $0.familyMember == nil } }

  /// The category with this id or official code.
  public func category(idOrCode: String) -> Category? {
    // A family member's own permit is planned only as a member of the principal's file.
    // (Searched in place: a filtered copy of every category, made at each of a plan's calls,
    // was a tenth of planning.)
    categories.first { $0.familyMember == nil && $0.id == idOrCode }
      ?? categories.first { $0.familyMember == nil && $0.codes.contains { $0.code == idOrCode } }
  }

  public func codeInfo(_ code: String) -> CodeInfo? { codes.first { $0.code == code.uppercased() } }
}

public struct CatalogError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
