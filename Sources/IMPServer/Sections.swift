import Foundation
import IMPRules

/// Which sections of the profile a category needs, read from the catalog: every fact its
/// requirements, documents, validity rules and letters name (`job.noc`, `intraCompany.role`)
/// belongs to the profile section of the fact's first word.
///
/// A new category, or a rule that starts asking about another section, changes the form
/// without a change here.
struct Sections: Sendable {
  /// Sections every case shows: who, when, from where, and who represents them.
  static let always: Set<String> = ["caseId", "category", "language", "schemaVersion", "submission", "applicant", "representative"]

  /// Fact names whose first word is not itself a profile section (the planner's own names).
  static let factSection: [String: String] = [
    "spouse": "family", "children": "family", "pr": "permanentResidence", "employer": "job",
    "education": "applicant", "passport": "applicant", "work": "applicant", "language": "applicant",
  ]

  /// The sections each category id needs, beyond ``always``.
  let byCategory: [String: Set<String>]

  init(catalog: Catalog, topLevel: Set<String>) {
    var out: [String: Set<String>] = [:]
    for category in catalog.categories {
      var names = Set<String>()
      if let data = try? JSONEncoder().encode(category), let json = try? JSONSerialization.jsonObject(with: data) {
        Sections.facts(in: json, into: &names)
      }
      out[category.id] = Set(names.compactMap { n in
        let first = String(n.split(separator: ".").first ?? "")
        let section = Sections.factSection[first] ?? first
        return topLevel.contains(section) && !Sections.always.contains(section) ? section : nil
      })
    }
    byCategory = out
  }

  /// Every `"fact": "…"` value, and every `{name.…}` placeholder in messages and reasons.
  private static func facts(in x: Any, into names: inout Set<String>) {
    switch x {
    case let o as [String: Any]:
      for (k, v) in o {
        if k == "fact", let s = v as? String { names.insert(s) } else { facts(in: v, into: &names) }
      }
    case let a as [Any]: for v in a { facts(in: v, into: &names) }
    case let s as String:
      var rest = Substring(s)
      while let open = rest.firstIndex(of: "{") {
        rest = rest[rest.index(after: open)...]
        guard let close = rest.firstIndex(of: "}") else { break }
        names.insert(String(rest[..<close]))
        rest = rest[rest.index(after: close)...]
      }
    default: break
    }
  }

  /// The sections to show open for a case: ``always``, those of its category (or of the
  /// categories it is eligible for, when it names none), and any that already hold data.
  func needed(category: String?, likely: [String], present: [String]) -> Set<String> {
    var out = Sections.always.union(present)
    let ids = category.map { [$0] } ?? likely
    for id in ids { out.formUnion(byCategory[id] ?? []) }
    return out
  }
}
