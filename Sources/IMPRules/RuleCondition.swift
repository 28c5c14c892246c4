/// A condition in the catalog, evaluated against ``Facts``. Every kind of check is
/// implemented here once; the catalog combines them.
///
/// JSON forms:
/// `{"fact": F, "equals": V}`, `{"fact": F, "in": [..]}`, `{"fact": F, "notIn": [..]}`,
/// `{"fact": F, "anyIn": [..]}` (a list fact shares a value), `{"fact": F, "noneIn": [..]}`,
/// `{"fact": F, "atLeast": N}`, `{"fact": F, "atMost": N}`, `{"fact": F, "present": true}`,
/// `{"fact": F, "given": true}` (holds when the fact is known; unknown, so a fact to add, when not),
/// `{"fact": F, "withinDaysBefore": N}` (a date at most N days before the submission date),
/// `{"fact": F, "onOrAfter": "YYYY-MM-DD"}`, `{"fact": F, "before": "YYYY-MM-DD"}`,
/// `{"fact": F, "monthsAfterAtLeast": N}` (a date at least N months after the submission date),
/// `{"fact": F, "monthsAfterMoreThan": N}` (a date more than N months after it: "a stay over 6 months"),
/// `{"fact": F, "equalsFact": G}` (two facts with the same value),
/// `{"fact": F, "atLeastFact": G}`, `{"fact": F, "atMostFact": G}` (a number against another fact's),
/// `{"fact": F, "continuousMonths": {"atLeast": 12, "withinMonths": 36, "minHoursPerWeek": 30, "relatedOnly": true}}`
/// (the longest unbroken run of matching work periods inside the window before the submission date),
/// `{"all": [..]}`, `{"any": [..]}`, `{"not": C}`.
public indirect enum RuleCondition: Sendable, Equatable, Codable {
  case equals(String, FactLiteral)
  case isIn(String, [String])
  case notIn(String, [String])
  case anyIn(String, [String])
  case noneIn(String, [String])
  case atLeast(String, Int)
  case atMost(String, Int)
  case present(String, Bool)
  case given(String)
  case withinDaysBefore(String, Int)
  case onOrAfter(String, CivilDate)
  case before(String, CivilDate)
  case monthsAfterAtLeast(String, Int)
  case monthsAfterMoreThan(String, Int)
  case equalsFact(String, String)
  case atLeastFact(String, String)
  case atMostFact(String, String)
  case continuousMonths(String, ContinuousEmployment)
  case all([RuleCondition])
  case any([RuleCondition])
  case not(RuleCondition)

  /// The outcome of a condition: true, false, or unknown for want of the named facts.
  public enum Outcome: Sendable, Equatable {
    case yes, no
    case unknown(missing: [String])

    var isYes: Bool { self == .yes }
  }

  public func evaluate(_ facts: Facts) -> Outcome {
    func fact(_ name: String, _ test: (Fact) -> Bool) -> Outcome {
      guard let f = facts[name] else { return .unknown(missing: [name]) }
      return test(f) ? .yes : .no
    }
    func text(_ f: Fact) -> String? {
      switch f {
      case .string(let s): s
      case .bool(let b): b ? "true" : "false"
      case .number(let n): String(n)
      case .date(let d): d.description
      case .strings, .periods: nil
      }
    }
    func number(_ f: Fact) -> Int? { if case .number(let n) = f { n } else { nil } }
    func date(_ f: Fact) -> CivilDate? { if case .date(let d) = f { d } else { nil } }
    func list(_ f: Fact) -> [String] {
      if case .strings(let l) = f { return l }
      return text(f).map { [$0] } ?? []
    }
    switch self {
    case .equals(let n, let v): return fact(n) { v.matches($0) }
    case .isIn(let n, let vs): return fact(n) { text($0).map(vs.contains) ?? false }
    case .notIn(let n, let vs): return fact(n) { !(text($0).map(vs.contains) ?? false) }
    case .anyIn(let n, let vs): return fact(n) { list($0).contains(where: vs.contains) }
    case .noneIn(let n, let vs): return fact(n) { !list($0).contains(where: vs.contains) }
    case .atLeast(let n, let v): return fact(n) { (number($0) ?? .min) >= v }
    case .atMost(let n, let v): return fact(n) { (number($0) ?? .max) <= v }
    case .present(let n, let want): return (facts[n] != nil) == want ? .yes : .no
    case .given(let n): return facts[n] != nil ? .yes : .unknown(missing: [n])
    case .withinDaysBefore(let n, let days):
      return fact(n) { f in
        guard let d = date(f) else { return false }
        let age = d.days(until: facts.today)
        return age >= 0 && age <= days
      }
    case .onOrAfter(let n, let d): return fact(n) { date($0).map { $0 >= d } ?? false }
    case .before(let n, let d): return fact(n) { date($0).map { $0 < d } ?? false }
    case .monthsAfterAtLeast(let n, let months):
      return fact(n) { date($0).map { $0 >= facts.today.adding(months: months) } ?? false }
    case .monthsAfterMoreThan(let n, let months):
      return fact(n) { date($0).map { $0 > facts.today.adding(months: months) } ?? false }
    case .equalsFact(let n, let other):
      guard let b = facts[other] else { return .unknown(missing: [other]) }
      return fact(n) { $0 == b }
    case .atLeastFact(let n, let other), .atMostFact(let n, let other):
      guard case .number(let b)? = facts[other] else { return .unknown(missing: [other]) }
      let least = { if case .atLeastFact = self { true } else { false } }()
      return fact(n) { f in
        guard let a = number(f) else { return false }
        return least ? a >= b : a <= b
      }
    case .continuousMonths(let n, let rule):
      return fact(n) { f in
        guard case .periods(let periods) = f else { return false }
        return rule.longestRun(periods, today: facts.today) >= rule.atLeast
      }
    case .all(let cs):
      var missing: [String] = []
      for c in cs {
        switch c.evaluate(facts) {
        case .no: return .no
        case .unknown(let m): missing += m
        case .yes: break
        }
      }
      return missing.isEmpty ? .yes : .unknown(missing: missing)
    case .any(let cs):
      var missing: [String] = []
      for c in cs {
        switch c.evaluate(facts) {
        case .yes: return .yes
        case .unknown(let m): missing += m
        case .no: break
        }
      }
      return missing.isEmpty ? .no : .unknown(missing: missing)
    case .not(let c):
      switch c.evaluate(facts) {
      case .yes: return .no
      case .no: return .yes
      case .unknown(let m): return .unknown(missing: m)
      }
    }
  }

  /// Every fact name the condition reads (to check a catalog against known facts).
  public var factNames: [String] {
    switch self {
    case .equals(let n, _), .isIn(let n, _), .notIn(let n, _), .anyIn(let n, _), .noneIn(let n, _),
      .atLeast(let n, _), .atMost(let n, _), .present(let n, _), .given(let n), .withinDaysBefore(let n, _), .onOrAfter(let n, _),
      .before(let n, _), .monthsAfterAtLeast(let n, _), .monthsAfterMoreThan(let n, _), .continuousMonths(let n, _):
      [n]
    case .equalsFact(let n, let m), .atLeastFact(let n, let m), .atMostFact(let n, let m): [n, m]
    case .all(let cs), .any(let cs): cs.flatMap(\.factNames)
    case .not(let c): c.factNames
    }
  }

  private enum Key: String, CodingKey {
    case fact, equals, `in`, notIn, anyIn, noneIn, atLeast, atMost, present, given, withinDaysBefore, onOrAfter, before,
      monthsAfterAtLeast, monthsAfterMoreThan, equalsFact, atLeastFact, atMostFact, continuousMonths, all, any, not
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    if let cs = try c.decodeIfPresent([RuleCondition].self, forKey: .all) { self = .all(cs); return }
    if let cs = try c.decodeIfPresent([RuleCondition].self, forKey: .any) { self = .any(cs); return }
    if let x = try c.decodeIfPresent(RuleCondition.self, forKey: .not) { self = .not(x); return }
    let f = try c.decode(String.self, forKey: .fact)
    let tests = c.allKeys.filter { $0 != .fact }
    guard tests.count == 1, let test = tests.first else {
      throw DecodingError.dataCorruptedError(
        forKey: .fact, in: c, debugDescription: "a condition on '\(f)' needs exactly one test besides \"fact\"")
    }
    switch test {
    case .equals: self = .equals(f, try c.decode(FactLiteral.self, forKey: .equals))
    case .in: self = .isIn(f, try c.decode([String].self, forKey: .in))
    case .notIn: self = .notIn(f, try c.decode([String].self, forKey: .notIn))
    case .anyIn: self = .anyIn(f, try c.decode([String].self, forKey: .anyIn))
    case .noneIn: self = .noneIn(f, try c.decode([String].self, forKey: .noneIn))
    case .atLeast: self = .atLeast(f, try c.decode(Int.self, forKey: .atLeast))
    case .atMost: self = .atMost(f, try c.decode(Int.self, forKey: .atMost))
    case .present: self = .present(f, try c.decode(Bool.self, forKey: .present))
    case .given:
      guard try c.decode(Bool.self, forKey: .given) else {
        throw DecodingError.dataCorruptedError(
          forKey: .given, in: c, debugDescription: "\"given\" takes only true; use {\"present\": false} for an absent fact")
      }
      self = .given(f)
    case .withinDaysBefore: self = .withinDaysBefore(f, try c.decode(Int.self, forKey: .withinDaysBefore))
    case .onOrAfter: self = .onOrAfter(f, try c.decode(CivilDate.self, forKey: .onOrAfter))
    case .before: self = .before(f, try c.decode(CivilDate.self, forKey: .before))
    case .monthsAfterAtLeast: self = .monthsAfterAtLeast(f, try c.decode(Int.self, forKey: .monthsAfterAtLeast))
    case .monthsAfterMoreThan:
      self = .monthsAfterMoreThan(f, try c.decode(Int.self, forKey: .monthsAfterMoreThan))
    case .equalsFact: self = .equalsFact(f, try c.decode(String.self, forKey: .equalsFact))
    case .atLeastFact: self = .atLeastFact(f, try c.decode(String.self, forKey: .atLeastFact))
    case .atMostFact: self = .atMostFact(f, try c.decode(String.self, forKey: .atMostFact))
    case .continuousMonths:
      self = .continuousMonths(f, try c.decode(ContinuousEmployment.self, forKey: .continuousMonths))
    default:
      throw DecodingError.dataCorruptedError(forKey: test, in: c, debugDescription: "not a test")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    switch self {
    case .all(let cs): try c.encode(cs, forKey: .all)
    case .any(let cs): try c.encode(cs, forKey: .any)
    case .not(let x): try c.encode(x, forKey: .not)
    case .equals(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .equals)
    case .isIn(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .in)
    case .notIn(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .notIn)
    case .anyIn(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .anyIn)
    case .noneIn(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .noneIn)
    case .atLeast(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .atLeast)
    case .atMost(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .atMost)
    case .present(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .present)
    case .given(let f): try c.encode(f, forKey: .fact); try c.encode(true, forKey: .given)
    case .withinDaysBefore(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .withinDaysBefore)
    case .onOrAfter(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .onOrAfter)
    case .before(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .before)
    case .monthsAfterAtLeast(let f, let v):
      try c.encode(f, forKey: .fact); try c.encode(v, forKey: .monthsAfterAtLeast)
    case .monthsAfterMoreThan(let f, let v):
      try c.encode(f, forKey: .fact); try c.encode(v, forKey: .monthsAfterMoreThan)
    case .equalsFact(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .equalsFact)
    case .atLeastFact(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .atLeastFact)
    case .atMostFact(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .atMostFact)
    case .continuousMonths(let f, let v): try c.encode(f, forKey: .fact); try c.encode(v, forKey: .continuousMonths)
    }
  }
}

/// A literal in `equals`: a boolean, a whole number or a string.
public enum FactLiteral: Sendable, Equatable, Codable {
  case bool(Bool), number(Int), string(String)

  func matches(_ f: Fact) -> Bool {
    switch (self, f) {
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.string(let a), .date(let b)): a == b.description
    default: false
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let n = try? c.decode(Int.self) { self = .number(n) }
    else { self = .string(try c.decode(String.self)) }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .bool(let b): try c.encode(b)
    case .number(let n): try c.encode(n)
    case .string(let s): try c.encode(s)
    }
  }
}

/// "At least N months of continuous (full-time, related) employment within the last M months."
public struct ContinuousEmployment: Sendable, Equatable, Codable {
  public var atLeast: Int
  public var withinMonths: Int
  public var minHoursPerWeek: Int?
  public var relatedOnly: Bool?

  /// Whole months of the longest unbroken run of qualifying periods inside the window.
  func longestRun(_ periods: [WorkPeriod], today: CivilDate) -> Int {
    let windowStart = today.adding(months: -withinMonths)
    let spans = periods.filter { p in
      (relatedOnly != true || p.related) && (minHoursPerWeek.map { (p.hoursPerWeek ?? 0) >= $0 } ?? true)
    }.compactMap { p -> (CivilDate, CivilDate)? in
      let start = max(p.from, windowStart)
      let end = min(p.to ?? today, today)
      return start <= end ? (start, end) : nil
    }.sorted { $0.0 < $1.0 }
    var best = 0
    var current: (CivilDate, CivilDate)?
    for span in spans {
      if let c = current, span.0 <= c.1.adding(days: 1) {
        current = (c.0, max(c.1, span.1))
      } else {
        if let c = current { best = max(best, c.0.months(until: c.1)) }
        current = span
      }
    }
    if let c = current { best = max(best, c.0.months(until: c.1)) }
    return best
  }
}
