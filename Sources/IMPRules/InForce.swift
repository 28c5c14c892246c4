/// The days a rule of the catalog is in force: from `from` through `until`, both
/// included; a missing end is open.
///
/// Every dated thing of the catalog (a category, a code choice, a requirement, a document,
/// a form, a fee line, a length or cap of validity) carries one, and
/// ``Catalog/inForce(on:)`` is the one place they are applied: a rule that changed on a
/// date is two entries with the same `rule` id, one ending the day before and one starting
/// that day, never a date test inside a condition.
public struct InForce: Sendable, Codable, Equatable {
  public var from: CivilDate?
  public var until: CivilDate?

  public init(from: CivilDate? = nil, until: CivilDate? = nil) {
    self.from = from
    self.until = until
  }

  public func contains(_ date: CivilDate) -> Bool {
    (from.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
  }

  /// Whether the two share a day.
  func overlaps(_ other: InForce) -> Bool {
    let start = [from, other.from].compactMap { $0 }.max()
    let end = [until, other.until].compactMap { $0 }.min()
    guard let start, let end else { return true }
    return start <= end
  }

  /// "from 2024-11-01", "until 2025-01-20", "from 2024-11-01 until 2025-03-10".
  public var description: String {
    [from.map { "from \($0)" }, until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
  }

  /// The days on which what is in force may change: each `from`, and the day after each `until`.
  var boundaries: [CivilDate] { [from, until.map { $0.adding(days: 1) }].compactMap { $0 } }
}

/// A catalog entry that may be in force for some dates only.
public protocol Dated {
  var inForce: InForce? { get }
}

extension Dated {
  public func isInForce(on date: CivilDate) -> Bool { inForce?.contains(date) ?? true }
}

extension Array where Element: Dated {
  /// The entries in force on `date`.
  public func inForce(on date: CivilDate) -> [Element] { filter { $0.isInForce(on: date) } }
}

extension Catalog.Category: Dated {}
extension Catalog.CodeChoice: Dated {}
extension Catalog.Requirement: Dated {}
extension Catalog.DocumentRule: Dated {}
extension Catalog.FormRule: Dated {}
extension Catalog.ValidityLength: Dated {}
extension Catalog.ValidityCap: Dated {}
extension Catalog.CodeInfo: Dated {}
extension FeeCatalog.FeeRule: Dated {}

extension Catalog {
  /// The catalog as it stood on `date`: every rule that was not in force that day left out.
  public func inForce(on date: CivilDate) -> Catalog {
    var c = self
    c.forms = forms.inForce(on: date)
    c.documents = documents.inForce(on: date)
    c.requirements = requirements.inForce(on: date)
    c.fees.lines = fees.lines.inForce(on: date)
    c.iecCountries?.countries = iecCountries?.countries.inForce(on: date) ?? []
    c.categories = categories.inForce(on: date).map { category in
      var k = category
      k.codes = category.codes.inForce(on: date)
      k.requirements = category.requirements.inForce(on: date)
      k.documents = category.documents.inForce(on: date)
      k.forms = category.forms?.inForce(on: date)
      k.validity.lengths = category.validity.lengths?.inForce(on: date)
      k.validity.capAt = category.validity.capAt.inForce(on: date)
      return k
    }
    return c
  }

  /// Every day on which some rule starts or stops being in force, in order.
  var changeDates: [CivilDate] {
    var dates: [InForce?] = forms.map(\.inForce) + documents.map(\.inForce) + requirements.map(\.inForce)
    dates += fees.lines.map(\.inForce)
    dates += (iecCountries?.countries ?? []).map(\.inForce)
    for k in categories {
      dates += [k.inForce] + k.codes.map(\.inForce) + k.requirements.map(\.inForce) + k.documents.map(\.inForce)
      dates += (k.forms ?? []).map(\.inForce) + (k.validity.lengths ?? []).map(\.inForce) + k.validity.capAt.map(\.inForce)
    }
    return Set(dates.compactMap { $0 }.flatMap(\.boundaries)).sorted()
  }

  /// Problems with the dates: an empty or reversed period, or two versions of one rule in
  /// force on the same day.
  func dateProblems() -> [String] {
    var problems: [String] = []
    func check<T: Dated>(_ items: [T], _ where_: String, id: (T) -> String) {
      for item in items {
        if let p = item.inForce, let f = p.from, let u = p.until, u < f {
          problems.append("\(where_) '\(id(item))': in force until \(u), before its start \(f)")
        }
      }
      let groups = Dictionary(grouping: items, by: id)
      for (key, versions) in groups.sorted(by: { $0.key < $1.key }) where versions.count > 1 {
        for i in versions.indices {
          for j in versions.indices where j > i {
            let a = versions[i].inForce ?? InForce()
            let b = versions[j].inForce ?? InForce()
            if a == InForce() && b == InForce() {
              problems.append("\(where_) '\(key)' appears twice")
            } else if a.overlaps(b) {
              problems.append("\(where_) '\(key)': two versions are in force on the same days (\(a.description.isEmpty ? "always" : a.description); \(b.description.isEmpty ? "always" : b.description))")
            }
          }
        }
      }
    }
    check(requirements, "requirement") { $0.rule }
    check(fees.lines, "fee line") { $0.id }
    check(iecCountries?.countries ?? [], "IEC country") { $0.country }
    for k in categories {
      // The shared rules are a work permit's: an application outside the IMP has its own only.
      let shared = k.permit.isWorkPermit
      check((shared ? requirements : []) + k.requirements, "category '\(k.id)': requirement") { $0.rule }
      // The shared documents may repeat an id among themselves (one per channel); a
      // category's own may not repeat one in force on the same days.
      let own = Set(k.documents.map(\.id))
      check(((shared ? documents : []) + k.documents).filter { own.contains($0.id) }, "category '\(k.id)': document") { $0.id }
    }
    return problems
  }
}
