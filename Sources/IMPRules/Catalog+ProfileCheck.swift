extension Catalog {
  /// The mistakes in `profile` that the catalog can already tell, before any plan: a
  /// `category` that names no category or code of the catalog (with the nearest ones), a
  /// code that was replaced (with its replacement), and `provided` ids that are no
  /// checklist item's id (with the nearest id).
  public func issues(in profile: Profile) -> [ProfileIssue] {
    var issues: [ProfileIssue] = []
    if let requested = profile.category, category(idOrCode: requested) == nil {
      issues.append(ProfileIssue(path: "category", message: unknownCategoryMessage(requested, on: profile.submission.date)))
    }
    let ids = (documents + categories.flatMap(\.documents)).map(\.id).uniqued()
    let known = Set(ids)
    // The applicant's `provided`, then each family member's own.
    var lists = [(path: "provided", ids: profile.provided)]
    if let s = profile.family?.spouse { lists.append(("family.spouse.provided", s.own.provided)) }
    for (k, c) in (profile.family?.children ?? []).enumerated() {
      lists.append(("family.children[\(k)].provided", c.own.provided))
    }
    for list in lists {
      for (i, id) in list.ids.enumerated() where !known.contains(id) {
        let near = NearestName.nearest(id, in: ids)
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
