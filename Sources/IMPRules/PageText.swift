/// The plan's sentences as pages print them: dates in full and codes by their names
/// (`plan.json` keeps the ISO dates and codes that programs read).
public struct PageText: Sendable, Equatable {
  /// Each checklist item's title and reason, by item id.
  public var items: [String: (title: String, reason: String)]
  /// Each finding's message (unmet requirements and warnings), by rule.
  public var findings: [String: String]

  public static func == (a: PageText, b: PageText) -> Bool {
    a.findings == b.findings && a.items.mapValues { [$0.title, $0.reason] } == b.items.mapValues { [$0.title, $0.reason] }
  }
}

extension DayPlanner {
  /// The sentences of `plan`'s checklist and findings, written from the catalog's text
  /// with the letter's facts: long dates, country and province names.
  func pageText(_ p: Profile, plan: Plan, facts: Facts) -> PageText {
    let names = catalog.names ?? .init()
    let say = { (text: String) in facts.interpolate(text, display: names.display(catalog.wording)) }
    let category = catalog.category(idOrCode: plan.category.id)
    let documents = catalog.documents + (category?.documents ?? [])
    var items: [String: (title: String, reason: String)] = [:]
    for item in plan.checklist {
      // The rule that put the item on the list: the first with its id whose `when` holds.
      guard let d = documents.first(where: { $0.id == item.id && ($0.when?.evaluate(facts) ?? .yes) == .yes }) else {
        continue
      }
      items[item.id] = (say(d.title), say(d.reason))
    }
    var findings: [String: String] = [:]
    for r in catalog.requirements + (category?.requirements ?? []) where findings[r.rule] == nil {
      findings[r.rule] = say(r.message)
    }
    for cap in category?.validity.capAt ?? [] { findings[cap.rule] = say(cap.message) }
    return PageText(items: items, findings: findings)
  }
}
