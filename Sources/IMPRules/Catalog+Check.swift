extension Catalog {
  /// Everything wrong with the catalog, in order: ids that appear twice, fee amounts that
  /// a schedule lacks, and every fact name or id a rule names that nothing defines.
  ///
  /// Fact names are those ``Facts/init(profile:)`` makes (``Facts/profileNames``), those
  /// the planner sets (``Planner/plannerFacts``) and the catalog's derived facts, each
  /// usable by the ones after it. Placeholders `{name}` in messages count as fact names.
  func problems() -> [String] {
    var problems: [String] = wording.problems()
    var seen = Set<String>()
    for c in categories where !seen.insert(c.id).inserted { problems.append("category id '\(c.id)' appears twice") }
    let categoryIds = Set(categories.map(\.id))

    var known = Facts.profileNames.union(Planner.plannerFacts)
    func check(_ condition: RuleCondition?, _ at: @autoclosure () -> String) {
      for name in condition?.factNames ?? [] where !known.contains(name) {
        problems.append("\(at()): unknown fact '\(name)'")
      }
    }
    func check(fact name: String?, _ at: @autoclosure () -> String) {
      if let name, !known.contains(name) { problems.append("\(at()): unknown fact '\(name)'") }
    }
    func check(text: String, _ at: @autoclosure () -> String) {
      for name in Facts.placeholders(in: text) where !known.contains(name) {
        problems.append("\(at()): unknown fact '{\(name)}'")
      }
    }
    let listIds = Set((lists ?? []).map(\.id))
    for l in lookups ?? [] {
      check(fact: l.fact, "lookup of '\(l.fact)'")
      if !listIds.contains(l.list) { problems.append("lookup of '\(l.fact)': no list '\(l.list)'") }
      known.formUnion(l.factNames)
    }
    if let t = iecCountries {
      known.formUnion(IECTable.factNames)
      for row in t.countries {
        for s in row.streams.keys where t.streams[s] == nil {
          problems.append("iecCountries: \(row.name): unknown stream '\(s)'")
        }
        if row.streams.isEmpty { problems.append("iecCountries: \(row.name) offers no stream") }
      }
    }
    for (i, d) in derivedFacts.enumerated() {
      check(d.when, "derivedFacts[\(i)] (\(d.name))")
      known.insert(d.name)
    }
    func check(_ r: Requirement, _ at: String) {
      check(r.when, "\(at) (\(r.rule)).when")
      check(r.check, "\(at) (\(r.rule)).check")
      check(text: r.message, "\(at) (\(r.rule)).message")
    }
    func check(_ d: DocumentRule, _ at: String, forms: Set<String>) {
      check(d.when, "\(at) (\(d.id)).when")
      check(text: d.title, "\(at) (\(d.id)).title")
      check(text: d.reason, "\(at) (\(d.id)).reason")
      check(fact: d.validity?.fact, "\(at) (\(d.id)).validity.fact")
      if let f = d.form, !forms.contains(f) { problems.append("\(at) (\(d.id)): form '\(f)' is not in the catalog's forms") }
    }
    for (i, f) in forms.enumerated() { check(f.when, "forms[\(i)] (\(f.form)).when") }
    for (i, r) in requirements.enumerated() { check(r, "requirements[\(i)]") }
    check(medicalExam.when, "medicalExam.when")
    for (i, l) in fees.lines.enumerated() { check(l.when, "fees.lines[\(i)] (\(l.id)).when") }
    let catalogForms = Set(forms.map(\.form))
    for (i, d) in documents.enumerated() { check(d, "documents[\(i)]", forms: catalogForms) }

    for c in categories {
      let at = "category '\(c.id)'"
      if c.codes.isEmpty { problems.append("\(at) has no code") }
      for (i, choice) in c.codes.enumerated() {
        check(choice.when, "\(at): codes[\(i)] (\(choice.code)).when")
        guard let info = codes.first(where: { $0.code == choice.code }) else {
          problems.append("\(at): code \(choice.code) is not in the catalog's codes")
          continue
        }
        if info.category != c.id {
          problems.append("\(at): code \(choice.code) is listed in codes under category '\(info.category ?? "(none)")'")
        }
      }
      check(c.portOfEntryAllowedWhen, "\(at): portOfEntryAllowedWhen")
      for p in c.preferredOver ?? [] where !categoryIds.contains(p) {
        problems.append("\(at): preferredOver names unknown category '\(p)'")
      }
      for (i, r) in c.requirements.enumerated() { check(r, "\(at): requirements[\(i)]") }
      let categoryForms = catalogForms.union((c.forms ?? []).map(\.form))
      // Ids that repeat in force on the same days are found by dateProblems().
      for (i, d) in c.documents.enumerated() { check(d, "\(at): documents[\(i)]", forms: categoryForms) }
      for (i, f) in (c.forms ?? []).enumerated() { check(f.when, "\(at): forms[\(i)] (\(f.form)).when") }
      for (i, l) in (c.validity.lengths ?? []).enumerated() {
        check(l.when, "\(at): validity.lengths[\(i)].when")
        check(fact: l.monthsFromFact, "\(at): validity.lengths[\(i)].monthsFromFact")
      }
      for (i, cap) in c.validity.capAt.enumerated() {
        check(fact: cap.fact, "\(at): validity.capAt[\(i)] (\(cap.rule)).fact")
        check(cap.unless, "\(at): validity.capAt[\(i)] (\(cap.rule)).unless")
        check(text: cap.message, "\(at): validity.capAt[\(i)] (\(cap.rule)).message")
      }
      for (i, lf) in c.letterFacts.enumerated() { check(fact: lf.fact, "\(at): letterFacts[\(i)] (\(lf.label))") }
    }
    for info in codes {
      for r in info.replacedBy ?? [] where !codes.contains(where: { $0.code == r }) {
        problems.append("codes: \(info.code) is replaced by \(r), which is not in the catalog's codes")
      }
      if let id = info.category, !categoryIds.contains(id) {
        problems.append("codes: \(info.code) names unknown category '\(id)'")
      } else if let id = info.category, let c = categories.first(where: { $0.id == id }),
        !c.codes.contains(where: { $0.code == info.code })
      {
        problems.append("codes: \(info.code) names category '\(id)', which does not list it")
      }
    }

    problems += dateProblems()
    if let first = fees.schedules.first?.effective, first > coverage.from {
      problems.append("the first fee schedule (\(first)) starts after the catalog's earliest covered date \(coverage.from)")
    }
    for key in coverage.reviewFees where !fees.lines.contains(where: { $0.amount == key }) {
      problems.append("coverage.reviewFees: no fee line has the amount '\(key)'")
    }
    let schedules = fees.schedules.map(\.effective)
    if schedules.isEmpty { problems.append("fees.schedules is empty") }
    if schedules != schedules.sorted() { problems.append("fee schedules must be in order of their effective dates") }
    let b = fees.biometrics
    for s in fees.schedules {
      for line in fees.lines where s.amounts[line.amount] == nil {
        problems.append("fee line '\(line.id)': schedule \(s.effective) has no amount '\(line.amount)'")
      }
      for key in [b.amount, b.familyMaximum] where s.amounts[key] == nil {
        problems.append("fees.biometrics: schedule \(s.effective) has no amount '\(key)'")
      }
    }
    if let uploads {
      problems += uploads.problems(documentIds: Set((documents + categories.flatMap(\.documents)).map(\.id)))
      for (i, ch) in uploads.channels.enumerated() { check(ch.defaultWhen, "uploads.channels[\(i)] (\(ch.id)).defaultWhen") }
      for s in uploads.slots {
        for (i, page) in (s.pages ?? []).enumerated() { check(page.when, "uploads: slot '\(s.id)': pages[\(i)].when") }
      }
    }
    problems += letterProblems(known: known)
    return problems
  }
}
