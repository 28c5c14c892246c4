/// The kind of work permit a category or code gives; for a family member's application
/// outside the IMP, the document it gives instead (a study permit, a visitor record) or none.
public enum Permit: String, Sendable, Codable, CaseIterable, CatalogEnum {
  case open
  case employerSpecific = "employer-specific"
  case studyPermit = "study-permit"
  case visitorRecord = "visitor-record"
  case none

  /// Whether it is a work permit of the International Mobility Program.
  public var isWorkPermit: Bool { self == .open || self == .employerSpecific }
  /// The `application` of a family member (SPEC §8): `work-permit`, `study-permit`,
  /// `visitor-record` or `none`.
  public var application: String { isWorkPermit ? "work-permit" : rawValue }
}

/// Who pays a fee line.
public enum Payer: String, Sendable, Codable, CaseIterable, CatalogEnum {
  case applicant, employer
}

extension Catalog {
  /// What an unmet requirement does: `error` makes the applicant ineligible; `warning`
  /// is for the consultant to confirm.
  public enum Severity: String, Sendable, Codable, CaseIterable, CatalogEnum {
    case error, warning
  }
}

extension Catalog.DocumentValidity {
  /// `expires`: the fact is the document's expiry date. `issued`: the fact is its date of issue.
  public enum Kind: String, Sendable, Codable, CaseIterable, CatalogEnum {
    case expires, issued
  }
}

/// A closed set of words of the catalog: decoding anything else names the allowed ones,
/// so that a typo such as `"warn"` is refused at load instead of read as something else.
public protocol CatalogEnum: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension CatalogEnum {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let value = Self(rawValue: text) else {
      let allowed = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected one of \(allowed), got \"\(text)\"")
    }
    self = value
  }
}
