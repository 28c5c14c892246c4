public import Foundation
public import StrictJSON

/// An employer's offer-of-employment file (format version 1): the employer once, then
/// each offer with its worker, job and category facts.
///
/// Each offer is checked as the applicant profile it amounts to (the worker is the
/// applicant, the file's employer is the job's employer), with the same rules; its
/// problems are reported with paths in this file (`offers[1].worker.dateOfBirth`).
public struct EmployerFile: Sendable {
  public var schemaVersion: Int
  /// Names the bundle (`<bundleId>.zip`) and prefixes each offer's case id.
  public var bundleId: String
  public var employer: Profile.Employer
  public var offers: [Offer]
  /// The language of the bundle's own pages (`language`, default `en`); each offer's pages
  /// follow the offer's `language`, which defaults to this one.
  public var language: String = "en"

  public struct Offer: Sendable {
    public var index: Int
    /// The offer's id in the file (`offers[].offerId`).
    public var id: String
    /// The offer read as an applicant profile, or every problem in it.
    public var profile: Result<Profile, ProfileErrors>
    /// The profile's JSON bytes, for the worker's packet manifest.
    public var profileBytes: [UInt8]
  }
}

public enum EmployerFormat {
  public static let schemaVersion = 1
  /// Keys an offer may hold besides `offerId`, `category`, `worker`, `job` and `submission`:
  /// the category sections of the profile format, and the worker's `family` (a spouse or
  /// children applying together get their own applications in the worker's packet).
  public static let offerSections = [
    "intraCompany", "cusma", "ceta", "gats", "reciprocal", "iec", "religious", "significantBenefit", "nomination",
    "representative", "provided", "family",
  ]

  /// Reads an employer file. File-level problems (not JSON, no employer, unknown keys, a
  /// broken employer block) fail the whole file; an offer's own problems stay with it.
  /// `vocabulary` checks each offer's words that only the catalog can tell (its `category`).
  public static func decode(_ data: Data, defaultDate: CivilDate, vocabulary: ProfileVocabulary? = nil)
    -> Result<EmployerFile, ProfileErrors>
  {
    let json: JSONValue
    switch JSONValue.parse(data, limits: .profile) {
    case .failure(let issue): return .failure(ProfileErrors([issue]))
    case .success(let j): json = j
    }
    let r = FieldReader()
    guard case .object = json,
      let top = r.object(json, at: "", keys: ["schemaVersion", "bundleId", "language", "employer", "submission", "offers"])
    else {
      if r.issues.isEmpty { r.report("", "expected a JSON object (an employer file), got \(json.kindName)") }
      return .failure(ProfileErrors(r.issues))
    }
    let version = top.int("schemaVersion", required: true, in: 1...1000)
    if let version, version != schemaVersion {
      r.report("schemaVersion", "this tool reads employer file version \(schemaVersion), got \(version)")
    }
    let bundleId = top.string(
      "bundleId", required: true, "an id of letters, digits, '-', '_' or '.' (at most 64)", valid: ProfileFormat.isCaseId)
    guard case .object(let employerJSON)? = top.value("employer", required: true) else {
      if top.fields["employer"] != nil { r.report("employer", "expected an object") }
      return .failure(ProfileErrors(r.issues))
    }
    let submission = top.object("submission", keys: ["date"])
    let language = top.string("language", ProfileFormat.languageCodeText, valid: ProfileFormat.isLanguageCode)
    let date = submission?.date("date")
    let offersJSON = top.array("offers", required: true) ?? []
    if offersJSON.isEmpty && top.fields["offers"] != nil { r.report("offers", "expected at least one offer") }

    var offers: [EmployerFile.Offer] = []
    var employer: Profile.Employer?
    var ids = Set<String>()
    for (i, (value, path)) in offersJSON.enumerated() {
      // An offer's own mistakes stay with it: the other offers still go into the bundle.
      let own = FieldReader()
      guard
        let o = own.object(
          value, at: path, keys: ["offerId", "category", "language", "worker", "job", "submission"] + offerSections)
      else {
        own.report(path, "expected an offer object, got \(value.kindName)")
        offers.append(.init(index: i, id: "offer-\(i + 1)", profile: .failure(ProfileErrors(own.issues)), profileBytes: []))
        continue
      }
      let id =
        o.string("offerId", required: true, "an id of letters, digits, '-', '_' or '.'", valid: ProfileFormat.isCaseId)
        ?? "offer-\(i + 1)"
      if !ids.insert(id).inserted { r.report(o.path("offerId"), "\"\(id)\" is used by another offer") }
      guard let bundleId else { continue }

      var profile = o.fields.filter { offerSections.contains($0.key) || $0.key == "category" || $0.key == "language" }
      if profile["language"] == nil, let language { profile["language"] = .string(language) }
      profile["schemaVersion"] = .number(Double(ProfileFormat.schemaVersion))
      profile["caseId"] = .string("\(bundleId)-\(id)")
      var sub: [String: JSONValue] = ["from": .string("outside-canada")]
      if case .object(let s)? = o.fields["submission"] { sub.merge(s) { _, new in new } }
      if let date, sub["date"] == nil { sub["date"] = .string(date.description) }
      profile["submission"] = .object(sub)
      profile["applicant"] = o.fields["worker"] ?? .null
      var job: [String: JSONValue] = [:]
      if case .object(let j)? = o.fields["job"] {
        job = j
        if j["employer"] != nil {
          own.report(o.path("job.employer"), "the employer is given once, in the file's \"employer\"; remove it here")
        }
      } else if let j = o.fields["job"], j != .null {
        own.report(o.path("job"), "expected an object, got \(j.kindName)")
      }
      job["employer"] = .object(employerJSON)
      profile["job"] = .object(job)
      let profileJSON = JSONValue.object(profile)
      var result = ProfileFormat.decode(profileJSON, defaultDate: defaultDate, vocabulary: vocabulary).mapError { e in
        ProfileErrors(e.issues.map { ProfileIssue(path: mapPath($0.path, offer: path), message: $0.message) })
      }
      if !own.issues.isEmpty {
        let more = (try? result.get()) == nil ? ((result.failureIssues) ?? []) : []
        result = .failure(ProfileErrors(own.issues + more))
      }
      // The employer block is shared: its problems are the file's, reported once.
      if case .failure(let e) = result {
        for issue in e.issues where issue.path == "employer" || issue.path.hasPrefix("employer.") {
          if !r.issues.contains(issue) { r.issues.append(issue) }
        }
      }
      if employer == nil, case .success(let p) = result { employer = p.job?.employer }
      offers.append(
        .init(
          index: i, id: id,
          profile: result.mapError { e in
            ProfileErrors(e.issues.filter { !($0.path == "employer" || $0.path.hasPrefix("employer.")) })
          }, profileBytes: Array(profileJSON.jsonText.utf8)))
    }
    guard r.issues.isEmpty, let version, let bundleId else { return .failure(ProfileErrors(r.issues)) }
    guard let employer else {
      // No offer decoded: the employer block could not be checked on its own; say what failed.
      let all = offers.flatMap { o -> [ProfileIssue] in if case .failure(let e) = o.profile { e.issues } else { [] } }
      return .failure(ProfileErrors(all.isEmpty ? [ProfileIssue(path: "offers", message: "no offer could be read")] : all))
    }
    var file = EmployerFile(schemaVersion: version, bundleId: bundleId, employer: employer, offers: offers)
    file.language = language ?? "en"
    return .success(file)
  }

  /// A profile path of offer `offer` (`offers[2]`) as a path in the employer file.
  static func mapPath(_ path: String, offer: String) -> String {
    func under(_ prefix: String, _ replacement: String) -> String? {
      if path == prefix { return replacement }
      if path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[") {
        return replacement + path.dropFirst(prefix.count)
      }
      return nil
    }
    return under("job.employer", "employer") ?? under("applicant", "\(offer).worker")
      ?? under("caseId", "\(offer).offerId") ?? under("submission.date", "submission.date")
      ?? (path.isEmpty ? offer : "\(offer).\(path)")
  }
}

extension Result where Failure == ProfileErrors {
  var failureIssues: [ProfileIssue]? {
    if case .failure(let e) = self { return e.issues }
    return nil
  }
}
