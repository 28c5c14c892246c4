import DefaultTemplates
import Foundation
import IMPRules
@_exported import TestSupport


let shippedCatalog: Catalog = try! Catalog.load(DefaultTemplatesResource.catalog!)
let shippedPlanner = Planner(catalog: shippedCatalog)

/// A fixture profile as a mutable JSON object.
func fixture(_ name: String) -> [String: Any] {
  let data = try! Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/\(name).json"))
  return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}

/// Sets `value` at a dotted path (`applicant.passport.expiryDate`); `nil` removes the key.
func setting(_ json: [String: Any], _ path: String, _ value: Any?) -> [String: Any] {
  var json = json
  let keys = path.split(separator: ".").map(String.init)
  if keys.count == 1 {
    json[keys[0]] = value
  } else {
    json[keys[0]] = setting(json[keys[0]] as? [String: Any] ?? [:], keys.dropFirst().joined(separator: "."), value)
  }
  return json
}

func decode(_ json: [String: Any], today: CivilDate = CivilDate("2026-12-01")!) -> Result<Profile, ProfileErrors> {
  ProfileFormat.decode(try! JSONSerialization.data(withJSONObject: json), defaultDate: today)
}

/// The shipped catalog's words, with the shipped translation (French).
let shippedVocabulary = ProfileVocabulary(catalog: shippedCatalog, languages: ["en", "fr"])

/// Every problem of `json` read against the shipped catalog, as `validate` lists them (none: valid).
func issuesAgainstCatalog(_ json: [String: Any]) -> [ProfileIssue] {
  let data = try! JSONSerialization.data(withJSONObject: json, options: .sortedKeys)
  switch ProfileFormat.decode(data, defaultDate: CivilDate("2026-12-01")!, vocabulary: shippedVocabulary) {
  case .success: return []
  case .failure(let e): return e.issues
  }
}

func profile(_ json: [String: Any]) throws -> Profile {
  try decode(json).get()
}

func plan(_ json: [String: Any]) throws -> Plan {
  try shippedPlanner.plan(try profile(json))
}
