/// The facts a family member's plan has about the principal and the member, beyond the
/// member's own (``PersonFact``): set from the principal's plan, since the principal's
/// application is decided first and is the evidence of theirs (IRCC-FACTS §9).
enum FamilyFacts {
  static let names = [
    "principal.inSameGroup", "principal.category", "principal.code", "principal.title", "principal.application",
    "principal.reason", "member.kind",
  ]
}

extension Catalog.CodeChoice {
  /// The code of an application outside the IMP, which has none.
  static let none = Catalog.CodeChoice(inForce: nil, code: "", when: nil, title: nil, permit: nil)
}

extension FeeCatalog.FeeSchedule {
  /// The amount of `key`. The catalog's check made sure every schedule has every line's
  /// amount; should one still lack it, the plan fails rather than leave a fee out.
  func amount(_ key: String) throws(PlanError) -> Money {
    guard let m = amounts[key] else {
      throw PlanError(path: "", message: "the catalog's fee schedule \(effective) has no amount '\(key)'")
    }
    return m
  }
}

extension DayPlanner {
  /// Who gives biometrics in the group (the applicant first, then each member) and each
  /// one's biometrics line: $85 each, with the family maximum applied once across the group.
  struct BiometricsGroup {
    var persons: [Plan.BiometricsPerson]
    /// One per person, in the same order; nil for a person who owes no line.
    var lines: [Plan.FeeLine?]
  }

  func biometricsGroup(_ profile: Profile, _ members: [Person]) throws(PlanError) -> BiometricsGroup {
    let rule = catalog.fees.biometrics
    let today = profile.submission.date
    let people = [profile.principalPerson] + members
    let persons = people.map {
      rule.verdict(
        $0.isPrincipal ? "applicant" : $0.member.replacingOccurrences(of: "-", with: " "), wording: catalog.wording,
        Facts(person: $0, today: today))
    }
    let paying = persons.filter(\.required).count
    guard paying > 0 else { return .init(persons: persons, lines: persons.map { _ in nil }) }
    let schedule = try schedule(profile)
    let each = try schedule.amount(rule.amount)
    let cap = try schedule.amount(rule.familyMaximum)
    func line(_ amount: Money, _ who: String) -> Plan.FeeLine {
      .init(id: rule.id, description: "\(rule.description) (\(who))", payer: .applicant, amount: amount, basis: rule.basis)
    }
    let w = catalog.wording
    guard !members.isEmpty else {
      // One application: the one line holds everyone, as before families had plans of their own.
      return .init(persons: persons, lines: [persons[0].required ? line(each, w.phrase("biometrics.onePerson")) : nil])
    }
    var paid = Money.zero
    var lines: [Plan.FeeLine?] = []
    for p in persons {
      guard p.required else {
        lines.append(nil)
        continue
      }
      let share = min(each, Money(cents: max(0, cap.cents - paid.cents)))
      paid = paid + share
      lines.append(
        share == .zero
          ? line(share, w.phrase("biometrics.familyMaximumReached", ["cap": w.money(cap)]))
          : line(
            share,
            paying == 1
              ? w.phrase("biometrics.onePerson")
              : w.phrase("biometrics.familyShare", ["count": String(paying), "cap": w.money(cap)])))
    }
    return .init(persons: persons, lines: lines)
  }

  /// Each member's application, planned after the principal's and resting on it.
  func familyPlan(
    _ profile: Profile, _ members: [Person], principal: Plan, facts principalFacts: Facts, category: Catalog.Category,
    group: BiometricsGroup
  ) throws(PlanError) -> Plan.Family? {
    guard let rules = catalog.family else { return nil }
    var out: [Plan.Member] = []
    for (i, person) in members.enumerated() {
      var facts = memberFacts(person, profile, principal, principalFacts, rules)
      let kind = person.member == "spouse" ? "spouse" : "child"
      guard
        let application = rules.applications.first(where: {
          $0.member == kind && ($0.when?.evaluate(facts) ?? .yes) == .yes
        }),
        let memberCategory = catalog.categories.first(where: { $0.id == application.category })
      else { continue }
      let plan = try self.plan(
        profile, category: memberCategory, facts: &facts, biometrics: [group.persons[i + 1]],
        biometricsLine: group.lines[i + 1], provided: person.provided)
      var eligibility = plan.eligibility
      if rules.notFrom.categories.contains(category.id) {
        eligibility.unmet.insert(
          .init(rule: rules.notFrom.rule, message: rules.notFrom.message, source: rules.notFrom.source), at: 0)
      } else if !principal.eligibility.eligible {
        let r = rules.principalFirst
        eligibility.unmet.insert(.init(rule: r.rule, message: facts.interpolate(r.message), source: r.source), at: 0)
      }
      eligibility.eligible = eligibility.unmet.isEmpty
      let permit = memberCategory.permit
      out.append(
        Plan.Member(
          member: person.member, name: person.fullName, application: permit.application, category: plan.category,
          note: permit.isWorkPermit ? nil : memberCategory.summary, eligibility: eligibility, forms: plan.forms,
          checklist: plan.checklist, fees: plan.fees, biometricsRequired: plan.biometricsRequired,
          biometrics: plan.biometrics, medicalExamRequired: plan.medicalExamRequired,
          permitValidUntil: permit == .none ? nil : plan.permitValidUntil, letterFacts: plan.letterFacts,
          principalApplication: facts.interpolate("{principal.application}")))
    }
    let all = [principal.fees] + out.map(\.fees)
    let total = { (payer: KeyPath<Plan.Totals, Money>) in all.reduce(Money.zero) { $0 + $1.totals[keyPath: payer] } }
    return .init(members: out, totals: .init(applicant: total(\.applicant), employer: total(\.employer)))
  }

  /// The facts of `person`'s application: their own, the case's, and the principal's as
  /// the principal's plan decided them.
  private func memberFacts(
    _ person: Person, _ profile: Profile, _ principal: Plan, _ p: Facts, _ rules: Catalog.FamilyRules
  ) -> Facts {
    var f = Facts(today: profile.submission.date)
    for name in ["submission.from", "submission.date", "representative.name", "representative.paid"] {
      f.set(name, p[name], p.sources[name] ?? name)
    }
    f.set("submission.requestedValidUntil", nil, "submission.requestedValidUntil")
    f.set(person: person)
    let kind = person.member == "spouse" ? "spouse" : "child"
    f.set("member.kind", .string(kind), person.path)
    f.set("principal.kind", .string("worker"), "applicant")
    f.set("principal.name", .string(profile.principalPerson.fullName), "applicant.familyName")
    f.set("principal.inSameGroup", .bool(true), person.path + ".applyingTogether")
    f.set("principal.category", .string(principal.category.id), "category")
    f.set("principal.code", .string(principal.category.code), "category")
    f.set("principal.title", .string(principal.category.title), "category")
    f.set("principal.permitValidUntil", .date(principal.permitValidUntil), "submission.requestedValidUntil")
    f.set("principal.noc", p["job.noc"], p.sources["job.noc"] ?? "job.noc")
    f.set("principal.teer", p["job.teer"], p.sources["job.teer"] ?? "job.noc")
    let transitioning = rules.principalTransitioning.evaluate(p) == .yes
    f.set("principal.transitioningToPermanentResidence", .bool(transitioning), "permanentResidence")
    f.set("principal.reason", .string(principal.eligibility.unmet.first?.message ?? ""), "applicant")
    f.set("principal.application", .string(f.interpolate(rules.principalApplication)), "category")
    if kind == "spouse", let s = profile.family?.spouse {
      f.set("spouse.relationship", .string(s.relationship), "family.spouse.relationship")
      f.set("spouse.since", s.since.map(Fact.date), "family.spouse.since")
      // In a spouse's application "the spouse" is the principal (as in a spouse's own file).
      f.set("spouse.name", .string(profile.principalPerson.fullName), "applicant.familyName")
    }
    f.set("family.childrenApplyingTogether", .number(0), "family.children[].applyingTogether")
    catalog.lookUp(&f)
    return f
  }
}
