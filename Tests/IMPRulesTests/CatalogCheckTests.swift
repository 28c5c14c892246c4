import DefaultTemplates
import Foundation
import IMPRules
import Testing

/// The shipped catalog as a mutable JSON object.
private func shippedJSON() throws -> [String: Any] {
  try JSONSerialization.jsonObject(with: Data(contentsOf: DefaultTemplatesResource.catalog!)) as! [String: Any]
}

/// The message of the error that loading `json` as a catalog gives, or nil when it loads.
private func loadError(_ json: [String: Any]) throws -> String? {
  let data = try JSONSerialization.data(withJSONObject: json)
  do {
    _ = try Catalog.decode(data, name: "c.json")
    return nil
  } catch {
    return error.message
  }
}

/// `json` with `change` applied to the object at `keys` (an array index as a number).
private func editing(_ json: Any, _ keys: [Any], _ change: (inout [String: Any]) -> Void) -> Any {
  guard let key = keys.first else {
    var o = json as! [String: Any]
    change(&o)
    return o
  }
  if let i = key as? Int {
    var a = json as! [Any]
    a[i] = editing(a[i], Array(keys.dropFirst()), change)
    return a
  }
  var o = json as! [String: Any]
  o[key as! String] = editing(o[key as! String]!, Array(keys.dropFirst()), change)
  return o
}

private func edited(_ keys: [Any], _ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
  editing(try shippedJSON(), keys, change) as! [String: Any]
}

@Suite("The catalog is checked when it is loaded: words, fact names and ids")
struct CatalogCheckTests {
  @Test func shippedCatalogLoads() throws {
    #expect(try loadError(try shippedJSON()) == nil)
  }

  @Test func misspelledSeverityIsRefusedNotReadAsAnError() throws {
    let json = try edited(["requirements", 0]) { $0["severity"] = "warn" }
    let message = try #require(try loadError(json))
    #expect(message == #"c.json: requirements[0].severity: expected one of "error", "warning", got "warn""#)
  }

  @Test func misspelledPermitAndPayerNameTheAllowedOnes() throws {
    let permit = try edited(["categories", 0]) { $0["permit"] = "employer_specific" }
    #expect(
      try loadError(permit)
        == #"c.json: categories[0].permit: expected one of "open", "employer-specific", "study-permit", "visitor-record", "none", got "employer_specific""#)
    let payer = try edited(["fees", "lines", 0]) { $0["payer"] = "worker" }
    #expect(try loadError(payer) == #"c.json: fees.lines[0].payer: expected one of "applicant", "employer", got "worker""#)
  }

  @Test func misspelledValidityKindIsRefused() throws {
    var json = try shippedJSON()
    let docs = json["documents"] as! [[String: Any]]
    let i = try #require(docs.firstIndex { $0["validity"] != nil })
    json = editing(json, ["documents", i, "validity"]) { $0["kind"] = "expiry" } as! [String: Any]
    #expect(try loadError(json) == #"c.json: documents[\#(i)].validity.kind: expected one of "expires", "issued", got "expiry""#)
  }

  @Test func everyUnknownFactAndIdIsNamedAtOnce() throws {
    var json = try edited(["requirements", 0]) { $0["check"] = ["fact": "applicant.agee", "atLeast": 18] }
    json = editing(json, ["categories", 0]) { $0["preferredOver"] = ["no-such-category"] } as! [String: Any]
    json = editing(json, ["categories", 0, "letterFacts", 0]) { $0["fact"] = "job.titel" } as! [String: Any]
    json = editing(json, ["documents", 0]) { $0["reason"] = "Because of {passport.expiry}." } as! [String: Any]
    let message = try #require(try loadError(json))
    let rule = ((try shippedJSON()["requirements"] as! [[String: Any]])[0]["rule"] as! String)
    let id = ((try shippedJSON()["categories"] as! [[String: Any]])[0]["id"] as! String)
    for part in [
      "requirements[0] (\(rule)).check: unknown fact 'applicant.agee'",
      "category '\(id)': preferredOver names unknown category 'no-such-category'",
      "category '\(id)': letterFacts[0]",
      "unknown fact 'job.titel'",
      "documents[0]",
      "unknown fact '{passport.expiry}'",
    ] {
      #expect(message.contains(part), "\(message)")
    }
  }

  @Test func derivedFactsMayUseOnlyThoseBeforeThem() throws {
    let derived = try shippedJSON()["derivedFacts"] as! [[String: Any]]
    try #require(derived.count >= 1)
    let last = derived.last!["name"] as! String
    let json = try edited(["derivedFacts", 0]) { $0["when"] = ["fact": last, "equals": true] }
    let message = try #require(try loadError(json))
    #expect(message.contains("derivedFacts[0]"), "\(message)")
    #expect(message.contains("unknown fact '\(last)'"), "\(message)")
  }

  @Test func aCodeMustBeListedUnderItsCategory() throws {
    let json = try edited(["categories", 0, "codes", 0]) { $0["code"] = "Z99" }
    let message = try #require(try loadError(json))
    #expect(message.contains("code Z99 is not in the catalog's codes"), "\(message)")
  }

  @Test func aScheduleWithoutTheBiometricsAmountIsRefused() throws {
    let biometricsKey = ((try shippedJSON()["fees"] as! [String: Any])["biometrics"] as! [String: Any])["amount"] as! String
    let json = try edited(["fees", "schedules", 0, "amounts"]) { $0[biometricsKey] = nil }
    let message = try #require(try loadError(json))
    #expect(message.contains("fees.biometrics: schedule"), "\(message)")
    #expect(message.contains("has no amount '\(biometricsKey)'"), "\(message)")
  }

  @Test func everyFactTheCatalogNamesIsOneTheProfileOrPlannerMakes() throws {
    // The fact names the profile makes include every one a fixture profile makes.
    for name in ["pgwp-eligible", "ict", "spouse-of-worker", "iec-working-holiday"] {
      let facts = Facts(profile: try profile(fixture(name)))
      #expect(Set(facts.values.keys).isSubset(of: Facts.profileNames), "\(name)")
    }
  }

  /// The letter rules name requirements, documents and facts that exist, or the catalog is refused.
  @Test func letterArgumentsNameRulesDocumentsAndFactsThatExist() throws {
    let json = try edited(["submissionLetter", "arguments", 0]) {
      $0["rules"] = ["passport.requird"]
      $0["proof"] = ["passport-scan"]
      $0["facts"] = "{applicant.nmae} holds a passport."
    }
    let message = try #require(try loadError(json))
    #expect(message.contains("submissionLetter.arguments 'passport': no requirement has rule 'passport.requird'"), "\(message)")
    #expect(message.contains("submissionLetter.arguments 'passport': no document has id 'passport-scan'"))
    #expect(message.contains("submissionLetter.arguments 'passport'.facts[0]: unknown fact '{applicant.nmae}'"))
  }

  /// Every requirement a letter could meet (not a warning) has an argument in the letter rules.
  @Test func everyRequirementHasAnArgument() throws {
    let json = try shippedJSON()
    let categories = json["categories"] as! [[String: Any]]
    let requirements = (json["requirements"] as! [[String: Any]]) + categories.flatMap { $0["requirements"] as! [[String: Any]] }
    let argued = Set(((json["submissionLetter"] as! [String: Any])["arguments"] as! [[String: Any]]).flatMap { $0["rules"] as! [String] })
    for r in requirements where r["severity"] as? String != "warning" {
      #expect(argued.contains(r["rule"] as! String), "no argument for requirement \(r["rule"]!)")
    }
  }
}
