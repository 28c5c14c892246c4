/// A calendar date with no time and no time zone (`YYYY-MM-DD`), as profiles write dates.
///
/// Rules compare and count days between civil dates, so a check gives the same answer
/// in every time zone.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
  public let year: Int
  public let month: Int
  public let day: Int

  /// A valid date, or nil (`2026-02-30` is not one).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`.
  public init?(_ text: String) {
    let u = Array(text.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func num(_ r: Range<Int>) -> Int? {
      var n = 0
      for i in r {
        guard (48...57).contains(u[i]) else { return nil }
        n = n * 10 + Int(u[i] - 48)
      }
      return n
    }
    guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The first and last dates a profile, an employer file or `--as-of` may hold.
  ///
  /// Real dates of birth, passports, permits and submissions all fall inside; a date outside
  /// is a typing mistake (`9999-01-01`, `0202-05-01`), refused with this range in its message.
  public static let accepted = CivilDate(year: 1900, month: 1, day: 1)!...CivilDate(year: 2199, month: 12, day: 31)!
  /// The dates arithmetic can reach: results beyond are clamped to these, never a trap.
  public static let representable = CivilDate(year: 1, month: 1, day: 1)!...CivilDate(year: 9999, month: 12, day: 31)!
  /// "a date from 1900-01-01 to 2199-12-31", for messages.
  public static var acceptedDescription: String { "a date from \(accepted.lowerBound) to \(accepted.upperBound)" }

  /// The date `z0` days after 1970-01-01, clamped to ``representable``.
  public init(daysSinceEpoch z0: Int) {
    let z = Swift.min(
      Swift.max(z0, CivilDate.representable.lowerBound.daysSinceEpoch), CivilDate.representable.upperBound.daysSinceEpoch)
      + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date of a Unix time, in UTC.
  public init(unixTime: Int64) {
    self.init(daysSinceEpoch: Int((unixTime >= 0 ? unixTime : unixTime - 86_399) / 86_400))
  }

  /// Midnight UTC of this date, in seconds since 1970.
  public var unixTime: Int64 { Int64(daysSinceEpoch) * 86_400 }

  /// The date `days` later (earlier when negative), clamped to ``representable``: any `Int` is safe.
  public func adding(days: Int) -> CivilDate {
    // Beyond ±4 million days (11,000 years) every result is clamped anyway.
    CivilDate(daysSinceEpoch: daysSinceEpoch + Swift.min(Swift.max(days, -4_000_000), 4_000_000))
  }

  /// The same day `n` months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28)
  /// and to ``representable``: any `Int` is safe.
  public func adding(months n: Int) -> CivilDate {
    let total = year * 12 + (month - 1) + Swift.min(Swift.max(n, -200_000), 200_000)
    if total < 12 { return CivilDate.representable.lowerBound }
    let y = total / 12
    let m = total % 12 + 1
    guard y <= 9999 else { return CivilDate.representable.upperBound }
    return CivilDate(year: y, month: m, day: Swift.min(day, CivilDate.daysIn(month: m, year: y)))!
  }

  /// The same day `n` years later (Feb 29 becomes Feb 28), clamped like ``adding(months:)``.
  public func adding(years n: Int) -> CivilDate { adding(months: n.multipliedReportingOverflow(by: 12).overflow ? (n < 0 ? .min : .max) : 12 * n) }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// Age in whole years on `date` for someone born on `self`.
  public func age(on date: CivilDate) -> Int {
    var a = date.year - year
    if (date.month, date.day) < (month, day) { a -= 1 }
    return a
  }

  /// Whole months from `self` to `other` (a month counts once its day is reached).
  public func months(until other: CivilDate) -> Int {
    var m = (other.year - year) * 12 + (other.month - month)
    if other.day < day && other.day < CivilDate.daysIn(month: other.month, year: other.year) { m -= 1 }
    return m
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  public var description: String {
    func pad(_ n: Int, _ w: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    guard let d = CivilDate(s) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD"))
    }
    self = d
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
