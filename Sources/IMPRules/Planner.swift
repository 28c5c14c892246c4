/// Why no plan could be made for a profile (as opposed to a plan that finds the applicant ineligible).
public struct PlanError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Turns a checked profile into a ``Plan`` using the rules of a ``Catalog`` in force on
/// the profile's submission date.
///
/// The catalog is cut once, when the planner is made, into periods in which no rule
/// starts or ends (``Catalog/inForce(on:)``); a profile is planned with the period that
/// holds its date. Dates of rules are applied there and nowhere else.
public struct Planner: Sendable {
  public let catalog: Catalog
  /// Each period's first day and the catalog in force during it, in order.
  private let periods: [(start: CivilDate, rules: DayPlanner)]

  /// The facts the planner sets itself, which catalog rules may read besides the profile's
  /// (``Facts/profileNames``) and the catalog's derived ones.
  public static let plannerFacts: Set<String> = Set([
    "category.id", "category.code", "category.permit", "category.portOfEntryAllowed", "permit.validUntil",
    "permit.months", "cap.date", "medicalExam.required", "biometrics.required",
  ] + FamilyFacts.names)

  public init(catalog: Catalog) {
    self.catalog = catalog
    let from = catalog.coverage.from
    let starts = [from] + catalog.changeDates.filter { $0 > from }
    periods = starts.map { ($0, DayPlanner(catalog: catalog.inForce(on: $0), all: catalog)) }
  }

  /// The catalog as in force on `date`; an error for a date before the catalog's coverage.
  public func rules(on date: CivilDate) throws(PlanError) -> Catalog { try day(date).catalog }

  func day(_ date: CivilDate) throws(PlanError) -> DayPlanner {
    guard let period = periods.last(where: { $0.start <= date }) else {
      throw PlanError(path: "submission.date", message: catalog.coverage.beforeMessage(date))
    }
    return period.rules
  }

  /// A plan and the catalog category it was made in, for the steps after planning
  /// (pages, letters, form titles) to use without looking the category up again.
  public struct Planned: Sendable {
    public let plan: Plan
    public let category: Catalog.Category
    /// What the letters and pages say about the plan, worked out once with it.
    public let letters: PlanLetters
  }

  /// The plan for `profile`: its category and code, eligibility, forms, checklist and fees.
  public func plan(_ profile: Profile) throws(PlanError) -> Plan { try planned(profile).plan }

  /// The plan for `profile` with the catalog category (as in force on its date) it was made in.
  public func planned(_ profile: Profile) throws(PlanError) -> Planned {
    try day(profile.submission.date).plan(profile)
  }

  /// Every category in force on the submission date, with its verdict for `profile`.
  public func assess(_ profile: Profile) throws(PlanError) -> [Assessment] {
    var rows = try day(profile.submission.date).assess(profile)
    guard !profile.membersApplyingTogether.isEmpty else { return rows }
    // Each eligible category with the family's applications resting on it (IRCC-FACTS §9:
    // the members' codes and fees follow the principal's category).
    for i in rows.indices where rows[i].verdict == .eligible {
      var p = profile
      p.category = rows[i].category
      rows[i].family = try? plan(p).family
    }
    return rows
  }
}

extension Catalog.Coverage {
  /// Why a submission dated `date`, before the catalog's first covered day, has no plan.
  func beforeMessage(_ date: CivilDate) -> String {
    "\(date) is before \(from), the earliest date this catalog covers: it cannot say which rules and fees applied then (exemption codes were renumbered on 15 Dec 2022)"
  }
}

extension Catalog {
  /// What to tell a profile whose `category` names nothing in force on `date`: a category
  /// or code not yet (or no longer) in force, a code that was replaced, a code no category
  /// prepares, or a near miss of an id or code.
  func unknownCategoryMessage(_ requested: String, on date: CivilDate) -> String {
    if let c = category(idOrCode: requested) {
      let period = c.inForce?.description ?? ""
      return "\(c.id) (\(c.codes.map(\.code).uniqued().joined(separator: "/"))): this catalog's rules for it are in force \(period), not on \(date); earlier rules are not in this catalog"
    }
    if requested != requested.uppercased(), let c = category(idOrCode: requested.uppercased()) {
      return "codes are written in capitals: \"\(requested.uppercased())\" (\(c.id)), not \"\(requested)\""
    }
    if let info = codeInfo(requested) {
      if let replaced = info.replacedBy, !replaced.isEmpty {
        return "\(info.code) (\(info.title)) was used \(info.inForce?.description ?? "before the renumbering") and replaced on 15 Dec 2022 by \(replacements(replaced)); name one of those"
      }
      return "\(info.code) is \(info.title) (\(info.legalBasis)), which this catalog does not prepare\(info.note.map { "; \($0)" } ?? "")"
    }
    let candidates = categories.map(\.id) + categories.flatMap { $0.codes.map(\.code) }.uniqued()
    let near = NearestName.nearest(requested, in: candidates)
    let expected = "expected a catalog id (\(categories.map(\.id).joined(separator: ", "))) or an official code"
    if near.isEmpty { return "unknown category \"\(requested)\"; \(expected)" }
    return "unknown category \"\(requested)\": did you mean \(NearestName.orList(near.map(describe)))? (\(expected))"
  }

  /// "T36 (CUSMA professional, category cusma-professional)" for each code.
  public func replacementsText(_ codes: [String]) -> String { replacements(codes) }

  func replacements(_ codes: [String]) -> String {
    NearestName.orList(
      codes.map { code in
        let k = category(idOrCode: code)
        let title = k?.codes.first { $0.code == code }?.title ?? codeInfo(code)?.title ?? k?.title ?? ""
        return "\(code) (\(title)\(k.map { ", category \($0.id)" } ?? ""))"
      })
  }

  /// "cusma-professional (T36)" for an id, "T36 (cusma-professional)" for a code.
  func describe(_ idOrCode: String) -> String {
    guard let k = category(idOrCode: idOrCode) else { return idOrCode }
    return k.id == idOrCode ? "\(k.id) (\(k.codes.map(\.code).uniqued().joined(separator: "/")))" : "\(idOrCode) (\(k.id))"
  }
}

extension Assessment {
  /// The five-second answer, one line each: the eligible categories; then those that need
  /// facts, fewest missing first, each with the fields to add, marked `*` when a rule all
  /// categories share also needs a fact (the Employer Portal offer number, said once); then
  /// how many are not eligible.
  public static func shortAnswer(_ results: [Assessment]) -> [String] {
    let s = ShortAnswer(results)
    var lines = [s.eligible]
    if !s.needs.isEmpty {
      lines.append("Needs facts (fewest missing first):")
      lines += s.needs.map { "  \($0)" }
      lines += s.shared
    }
    if let not = s.notEligible { lines.append(not) }
    return lines
  }

  /// The same answer as one sentence, for an error message.
  public static func shortSentence(_ results: [Assessment]) -> String {
    let s = ShortAnswer(results)
    var parts = [s.eligible]
    if !s.needs.isEmpty { parts.append("Needs facts (fewest missing first): \(s.needs.joined(separator: "; ")).") }
    parts += s.shared
    if let not = s.notEligible { parts.append(not) }
    return parts.joined(separator: " ")
  }
}

/// The parts of ``Assessment/shortAnswer(_:)``.
private struct ShortAnswer {
  var eligible: String
  var needs: [String] = []
  var shared: [String] = []
  var notEligible: String?

  init(_ results: [Assessment]) {
    let ok = results.filter { $0.verdict == .eligible }
    eligible =
      ok.isEmpty ? "Eligible: none yet." : "Eligible: \(ok.map { "\($0.category) (\($0.code ?? ""))" }.joined(separator: ", "))."
    func own(_ a: Assessment) -> [String] { a.missingFacts.filter { !a.sharedMissingFacts.contains($0) } }
    let waiting = results.filter { $0.verdict == .needsFacts }.enumerated()
      .sorted { (own($0.element).count, $0.offset) < (own($1.element).count, $1.offset) }.map(\.element)
    // One mark per distinct set of shared facts: "*", "**", …
    let sets = waiting.map(\.sharedMissingFacts).filter { !$0.isEmpty }.uniqued()
    func mark(_ a: Assessment) -> String {
      sets.firstIndex(of: a.sharedMissingFacts).map { String(repeating: "*", count: $0 + 1) } ?? ""
    }
    needs = waiting.map { a in
      let fields = own(a)
      return "\(a.category) (\(a.code ?? ""))\(mark(a)): \(fields.isEmpty ? "only the shared facts below" : fields.joined(separator: ", "))"
    }
    shared = sets.enumerated().map { i, facts in
      "\(String(repeating: "*", count: i + 1)) these also need \(facts.joined(separator: " and "))."
    }
    let not = results.filter { $0.verdict == .notEligible }.count
    if not > 0 { notEligible = "Not eligible: \(not) categor\(not == 1 ? "y" : "ies") (assess --all gives the reasons)." }
  }
}
