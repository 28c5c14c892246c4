/// The rules of one period in which nothing in the catalog changes: ``Planner`` picks the
/// one in force on a profile's submission date, so no rule here looks at dates of rules.
struct DayPlanner: Sendable {
  /// The catalog as in force during the period.
  let catalog: Catalog
  /// The whole catalog, to explain a category or code that is not in force.
  let all: Catalog

  /// The profile's facts, with the catalog's lookups applied.
  func facts(_ profile: Profile) -> Facts {
    var facts = Facts(profile: profile, wording: catalog.wording)
    catalog.lookUp(&facts)
    catalog.iecCountries?.setFacts(&facts, profile)
    return facts
  }

  /// The plan for `profile`: its category and code, eligibility, forms, checklist and fees.
  func plan(_ profile: Profile) throws(PlanError) -> Planner.Planned {
    var facts = facts(profile)
    let category = try chooseCategory(profile, facts)
    let members = profile.membersApplyingTogether
    let group = try biometricsGroup(profile, members)
    var plan = try plan(
      profile, category: category, facts: &facts, biometrics: group.persons, biometricsLine: group.lines[0],
      provided: profile.provided)
    if !members.isEmpty {
      plan.family = try familyPlan(profile, members, principal: plan, facts: facts, category: category, group: group)
    }
    return Planner.Planned(plan: plan, category: category, letters: letters(profile, plan: plan))
  }

  /// Every category's verdict for `profile` (for `assess` and for choosing a category).
  func assess(_ profile: Profile) -> [Assessment] {
    let base = facts(profile)
    return catalog.applicantCategories.map { category in
      var facts = base
      let choice = selectChoice(category, facts)
      let code = choice?.code
      setCategoryFacts(&facts, category, choice ?? category.codes[0])
      _ = validity(profile, category, &facts)
      let shared = evaluate(catalog.requirements, facts)
      let own = evaluate(category.requirements, facts)
      let unmet = shared.unmet + own.unmet
      let missing = (own.missing + shared.missing).map { facts.sources[$0] ?? $0 }.uniqued()
      let verdict: Assessment.Verdict = !unmet.isEmpty ? .notEligible : (missing.isEmpty ? .eligible : .needsFacts)
      let codes = category.codes.map(\.code).uniqued()
      var title = choice?.title ?? category.title
      if category.id == "iec", case .string(let country)? = facts["iec.country.name"],
        case .string(let streams)? = facts["iec.country.streams"]
      {
        title = catalog.wording.phrase("iec.title", ["title": title, "country": country, "streams": streams])
      }
      return Assessment(
        category: category.id, code: code ?? codes.joined(separator: "/"), title: title,
        verdict: verdict, unmet: unmet, missingFacts: missing,
        sharedMissingFacts: shared.missing.map { facts.sources[$0] ?? $0 }.uniqued())
    }
  }

  private func chooseCategory(_ profile: Profile, _ facts: Facts) throws(PlanError) -> Catalog.Category {
    if let requested = profile.category {
      if let c = catalog.category(idOrCode: requested) {
        if c.id != requested, let chosen = selectCode(c, facts), chosen != requested {
          let title = c.codes.first { $0.code == chosen }?.title ?? c.title
          let what = c.codes.first { $0.code == requested }?.title ?? c.title
          let note = catalog.codeInfo(requested)?.note.map { "; note: \($0)" } ?? ""
          throw PlanError(
            path: "category",
            message:
              "\(requested) is \(what) (\(c.legalBasis)), which does not fit this applicant's facts: they select \(chosen) (\(title))\(note)")
        }
        return c
      }
      throw PlanError(path: "category", message: all.unknownCategoryMessage(requested, on: profile.submission.date))
    }
    let results = assess(profile)
    var eligible = results.filter { $0.verdict == .eligible }
    let preferred = Set(eligible.flatMap { catalog.category(idOrCode: $0.category)?.preferredOver ?? [] })
    eligible.removeAll { preferred.contains($0.category) }
    if eligible.count == 1, let c = catalog.category(idOrCode: eligible[0].category) { return c }
    let short = Assessment.shortSentence(results.filter { $0.verdict != .eligible } + eligible)
    throw PlanError(
      path: "category",
      message: eligible.count > 1
        ? "no category is named and the applicant qualifies for several: name one in \"category\". \(short)"
        : "no category is named and none fits without more facts: name one in \"category\". \(short)")
  }

  private func selectCode(_ category: Catalog.Category, _ facts: Facts) -> String? {
    selectChoice(category, facts)?.code
  }

  /// The first of the category's codes whose facts hold.
  func selectChoice(_ category: Catalog.Category, _ facts: Facts) -> Catalog.CodeChoice? {
    category.codes.first { $0.when?.evaluate(facts) ?? .yes == .yes }
  }

  /// Records the chosen category and code as facts (`category.permit` follows the code).
  func setCategoryFacts(_ facts: inout Facts, _ c: Catalog.Category, _ choice: Catalog.CodeChoice) {
    facts["category.id"] = .string(c.id)
    facts["category.code"] = .string(choice.code)
    facts["category.permit"] = .string((choice.permit ?? c.permit).rawValue)
    let exception = c.portOfEntryAllowedWhen?.evaluate(facts) == .yes
    facts["category.portOfEntryAllowed"] = .bool(c.portOfEntryAllowed || exception)
  }

  /// The plan of one application of the file: the principal's, or a member's with the
  /// member's facts. `biometrics` lists who gives biometrics in it, `biometricsLine` is its
  /// share of the group's biometrics fee.
  func plan(
    _ profile: Profile, category: Catalog.Category, facts: inout Facts, biometrics: [Plan.BiometricsPerson],
    biometricsLine: Plan.FeeLine?, provided: [String]
  ) throws(PlanError) -> Plan {
    let choice = selectChoice(category, facts) ?? category.codes.first ?? .none
    let code = choice.code
    setCategoryFacts(&facts, category, choice)
    let (validUntil, wantedUntil, validityWarnings) = validity(profile, category, &facts)

    let medical = catalog.medicalExam.when.evaluate(facts) == .yes
    facts["medicalExam.required"] = .bool(medical)
    let applicantNeedsBiometrics = biometrics.first?.required ?? true
    facts["biometrics.required"] = .bool(applicantNeedsBiometrics)

    // The catalog's shared rules are those of a work-permit application.
    let shared = category.permit.isWorkPermit
    let findings = evaluate((shared ? catalog.requirements : []) + category.requirements, facts)
    let unmet = findings.unmet + findings.undecided
    var warnings = validityWarnings + findings.warnings
    let forms = ((shared ? catalog.forms : []) + (category.forms ?? [])).filter { $0.when?.evaluate(facts) ?? .yes == .yes }
      .map(\.form).uniqued()
    let checklist = ((shared ? catalog.documents : []) + category.documents)
      .filter { $0.when?.evaluate(facts) ?? .yes == .yes }
      .map { checklistItem($0, provided, facts, wantedUntil) }
    var fees = try feeBreakdown(profile, facts, biometricsLine)
    fees.toCheck = feesToCheck(profile.submission.date, fees.lines)
    if !fees.toCheck.isEmpty {
      let c = catalog.coverage
      let w = catalog.wording
      let pronoun = w.phrase(fees.toCheck.count == 1 ? "reviewDate.it" : "reviewDate.them")
      let names = NearestName.orList(fees.toCheck.map { $0.lowercasedFirstWord }).replacingOccurrences(of: " or ", with: " and ")
      warnings.append(
        .init(
          rule: "catalog.review-date",
          message: w.phrase(
            "reviewDate",
            [
              "date": profile.submission.date.description, "names": names, "pronoun": pronoun,
              "last": c.reviewBy.adding(days: -1).description, "feeList": c.feeList,
            ]),
          source: c.source))
    }
    let letter = category.letterFacts.compactMap { lf in
      facts[lf.fact].map { Plan.LabelledFact(label: lf.label, value: catalog.wording.fact(lf.fact, $0)) }
    }
    return Plan(
      caseId: profile.caseId,
      category: .init(
        id: category.id, code: code, title: choice.title ?? category.title, permit: choice.permit ?? category.permit,
        legalBasis: category.legalBasis),
      eligibility: .init(eligible: unmet.isEmpty, unmet: unmet, warnings: warnings), forms: forms,
      checklist: checklist, biometricsRequired: applicantNeedsBiometrics, medicalExamRequired: medical,
      permitValidUntil: validUntil, fees: fees, biometrics: biometrics, letterFacts: letter,
      catalogVersion: catalog.catalogVersion)
  }

  /// The permit's end: the requested date or the category's length, cut at each cap;
  /// and the end it would have without the caps (which documents must outlast).
  func validity(_ profile: Profile, _ c: Catalog.Category, _ facts: inout Facts)
    -> (CivilDate, CivilDate, [Plan.Finding])
  {
    let start = profile.submission.date
    var months = c.validity.maxMonths
    for rule in c.validity.lengths ?? [] where rule.when?.evaluate(facts) ?? .yes == .yes {
      if let m = rule.months {
        months = m
      } else if let f = rule.monthsFromFact, case .number(let m)? = facts[f] {
        months = m
      } else {
        continue
      }
      break
    }
    months = min(months, c.validity.maxMonths)
    let longest = start.adding(months: months)
    var end = profile.submission.requestedValidUntil.map { min($0, longest) } ?? longest
    let wanted = end
    var warnings: [Plan.Finding] = []
    if let requested = profile.submission.requestedValidUntil, requested > longest {
      warnings.append(
        .init(
          rule: "validity.longer-than-category-allows",
          message: catalog.wording.phrase(
            "validity.longer",
            ["requested": requested.description, "longest": longest.description, "months": String(months)]),
          source: c.validity.source))
    }
    for cap in c.validity.capAt {
      guard case .date(let limit)? = facts[cap.fact], limit < end else { continue }
      if let u = cap.unless, u.evaluate(facts) == .yes { continue }
      end = limit
      facts["cap.date"] = .date(limit)
      warnings.append(.init(rule: cap.rule, message: facts.interpolate(cap.message), source: cap.source))
    }
    facts["permit.validUntil"] = .date(end)
    facts["permit.months"] = .number(start.months(until: end))
    deriveFacts(&facts)
    return (end, wanted, warnings)
  }

  /// Adds the catalog's derived facts, each able to use those before it.
  private func deriveFacts(_ facts: inout Facts) {
    for d in catalog.derivedFacts {
      switch d.when.evaluate(facts) {
      case .yes: facts[d.name] = .bool(true)
      case .no: facts[d.name] = .bool(false)
      case .unknown: facts[d.name] = nil
      }
    }
  }

  struct Findings {
    var unmet: [Plan.Finding] = []
    var warnings: [Plan.Finding] = []
    var missing: [String] = []
    /// A finding for each requirement that `missing` leaves undecided, naming the fields to add.
    var undecided: [Plan.Finding] = []
  }

  private func evaluate(_ requirements: [Catalog.Requirement], _ facts: Facts) -> Findings {
    var out = Findings()
    for r in requirements {
      if let w = r.when, w.evaluate(facts) != .yes { continue }
      switch r.check?.evaluate(facts) ?? .no {
      case .yes: continue
      case .no:
        let f = Plan.Finding(rule: r.rule, message: facts.interpolate(r.message), source: r.source)
        if r.severity == .warning { out.warnings.append(f) } else { out.unmet.append(f) }
      case .unknown(let missing):
        // A warning whose facts are absent has nothing to point at; a requirement does.
        guard r.severity != .warning else { continue }
        out.missing += missing
        let paths = missing.map { facts.sources[$0] ?? $0 }.uniqued()
        let text = facts.interpolate(r.message)
        let message =
          paths.allSatisfy(text.contains)
          ? text : "\(NearestName.orList(paths).replacingOccurrences(of: " or ", with: " and ")) \(paths.count == 1 ? "is" : "are") needed to check this rule"
        out.undecided.append(Plan.Finding(rule: r.rule, message: message, source: r.source))
      }
    }
    return out
  }

  private func checklistItem(_ d: Catalog.DocumentRule, _ provided: [String], _ facts: Facts, _ wantedUntil: CivilDate)
    -> Plan.ChecklistItem
  {
    var status = provided.contains(d.id) ? "provided" : "missing"
    if let v = d.validity, case .date(let date)? = facts[v.fact] {
      let expires = v.kind == .issued ? date.adding(months: v.maxAgeMonths ?? 0) : date
      let windowEnd = facts.today.adding(days: catalog.processingWindowDays)
      if expires <= facts.today {
        status = "expired"
      } else if (v.mustOutlastPermit == true && expires < wantedUntil) || expires <= windowEnd {
        status = "expiring"
      }
    }
    return Plan.ChecklistItem(
      id: d.id, title: facts.interpolate(d.title), form: d.form, required: d.required ?? true, reason: facts.interpolate(d.reason),
      status: status, slot: d.slot, source: d.source)
  }

  /// The descriptions of `lines` whose amounts may have changed by `date`: on or after the
  /// catalog's review date, those IRCC indexes then.
  private func feesToCheck(_ date: CivilDate, _ lines: [Plan.FeeLine]) -> [String] {
    let c = catalog.coverage
    guard date >= c.reviewBy else { return [] }
    let ids = Set(catalog.fees.lines.filter { c.reviewFees.contains($0.amount) }.map(\.id))
    return lines.filter { ids.contains($0.id) }.map(\.description)
  }

  /// The fee schedule in force on the profile's submission date.
  func schedule(_ profile: Profile) throws(PlanError) -> FeeCatalog.FeeSchedule {
    guard let schedule = catalog.fees.schedule(on: profile.submission.date) else {
      throw PlanError(path: "submission.date", message: catalog.coverage.beforeMessage(profile.submission.date))
    }
    return schedule
  }

  private func feeBreakdown(_ profile: Profile, _ facts: Facts, _ biometrics: Plan.FeeLine?)
    throws(PlanError) -> Plan.FeeBreakdown
  {
    let schedule = try schedule(profile)
    var lines: [Plan.FeeLine] = []
    for rule in catalog.fees.lines where rule.when?.evaluate(facts) ?? .yes == .yes {
      lines.append(
        .init(
          id: rule.id, description: rule.description, payer: rule.payer, amount: try schedule.amount(rule.amount),
          basis: rule.basis))
    }
    if let biometrics { lines.append(biometrics) }
    let total = { (payer: Payer) in lines.filter { $0.payer == payer }.reduce(Money.zero) { $0 + $1.amount } }
    return .init(
      schedule: schedule.effective, lines: lines, totals: .init(applicant: total(.applicant), employer: total(.employer)),
      toCheck: [])
  }
}

/// One category's verdict for a profile.
public struct Assessment: Sendable, Codable, Equatable {
  public enum Verdict: String, Sendable, Codable { case eligible, notEligible = "not-eligible", needsFacts = "needs-facts" }
  public var category: String
  public var code: String?
  public var title: String
  public var verdict: Verdict
  public var unmet: [Plan.Finding]
  /// Profile paths whose values would decide it.
  public var missingFacts: [String]
  /// Those of `missingFacts` that rules shared by every category ask for (the Employer
  /// Portal offer number): the short answer names them once, not once per category.
  public var sharedMissingFacts: [String]
  /// For an eligible category of a profile with a family applying together: the family's
  /// applications planned with this category as the principal's (`plan --json`'s `family`).
  public var family: Plan.Family?
}

extension String {
  /// "IEC participation fee" stays, "Restoration of status" becomes "restoration of status".
  var lowercasedFirstWord: String {
    let first = prefix { $0 != " " }
    return first.count > 1 && first.dropFirst().allSatisfy(\.isLowercase) ? first.lowercased() + dropFirst(first.count) : self
  }
}

extension Array where Element: Hashable {
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
