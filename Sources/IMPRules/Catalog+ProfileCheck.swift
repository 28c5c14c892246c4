import StrictJSON

/// What a profile's words must name, from the catalog and the translations at hand: the
/// `category`, the `language` and the `provided` checklist ids. ``ProfileFormat`` checks
/// them in the same pass as every other field, so that a typo in any of them is listed
/// with all the file's other mistakes, by `validate`, `plan`, `generate`, `batch` and the
/// server alike, and never silently dropped.
public struct ProfileVocabulary: Sendable {
  let catalog: Catalog
  /// The packet languages: `en` and each translation.
  let languages: [String]
  /// Every checklist item's id (``Catalog/checklistIds``), for the nearest-id hint, and the same as a set.
  let checklistIds: [String]
  let knownIds: Set<String>

  /// Made once per catalog (a builder keeps it), not per profile.
  public init(catalog: Catalog, languages: [String]) {
    self.catalog = catalog
    self.languages = languages
    self.checklistIds = catalog.checklistIds
    self.knownIds = Set(checklistIds)
  }

  /// What to tell a profile whose `language` is none of `languages`.
  public static func noTranslation(_ language: String, in languages: [String]) -> String {
    "no translation into \"\(language)\": expected \(NearestName.orList(languages)) (a .po file in the templates' locale folder adds one)"
  }

  /// The mistakes in the profile `json` (read as it is, whether or not its other fields
  /// are right) that only the catalog can tell: a `category` that names no category or
  /// code of the catalog (with the nearest ones, or a replaced code's replacement), a
  /// `language` nothing translates into, and `provided` ids that are no checklist item's id
  /// (with the nearest id), the applicant's and each family member's. A value of the
  /// wrong type is the decoder's to report, not this.
  func issues(in json: JSONValue, on date: CivilDate) -> [ProfileIssue] {
    guard case .object(let o) = json else { return [] }
    var issues: [ProfileIssue] = []
    if case .string(let requested) = o["category"], catalog.category(idOrCode: requested) == nil {
      issues.append(ProfileIssue(path: "category", message: catalog.unknownCategoryMessage(requested, on: date)))
    }
    if case .string(let language) = o["language"], ProfileFormat.isLanguageCode(language), !languages.contains(language) {
      issues.append(ProfileIssue(path: "language", message: ProfileVocabulary.noTranslation(language, in: languages)))
    }
    var lists: [(path: String, value: JSONValue?)] = [("provided", o["provided"])]
    if case .object(let family) = o["family"] {
      if case .object(let spouse) = family["spouse"] { lists.append(("family.spouse.provided", spouse["provided"])) }
      if case .array(let children) = family["children"] {
        for (k, child) in children.enumerated() {
          if case .object(let c) = child { lists.append(("family.children[\(k)].provided", c["provided"])) }
        }
      }
    }
    for list in lists {
      guard case .array(let values) = list.value else { continue }
      for (i, value) in values.enumerated() {
        guard case .string(let id) = value, !id.isEmpty, !knownIds.contains(id) else { continue }
        let near = NearestName.nearest(id, in: checklistIds)
        let hint = near.isEmpty ? "" : "; did you mean \(NearestName.orList(near.map { "\"\($0)\"" }))?"
        issues.append(
          ProfileIssue(
            path: "\(list.path)[\(i)]",
            message: "\"\(id)\" is not the id of a checklist item\(hint) (plan lists the ids of this case's checklist)"))
      }
    }
    return issues
  }
}

extension Catalog {
  /// The id of every checklist item of the catalog, the general documents' then each category's, once each.
  var checklistIds: [String] { (documents + categories.flatMap(\.documents)).map(\.id).uniqued() }
}
