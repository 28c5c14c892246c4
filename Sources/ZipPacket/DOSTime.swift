/// An MS-DOS date and time as zip headers store them, computed from UTC.
///
/// libzip's `zip_file_set_mtime` converts through local time, which makes the bytes of
/// a zip depend on `TZ`; computing the fields here keeps them the same everywhere.
public struct DOSTime: Sendable, Equatable {
  public var time: UInt16
  public var date: UInt16

  /// The earliest time a zip can store: 1980-01-01T00:00:00Z.
  public static let earliestUnixTime: Int64 = 315_532_800

  /// `unixTime` in UTC, clamped to 1980-01-01…2107-12-31; odd seconds round down.
  public init(unixTime: Int64) {
    let t = min(max(unixTime, DOSTime.earliestUnixTime), 4_354_819_199)
    let days = t / 86_400
    let secs = Int(t % 86_400)
    let (y, m, d) = DOSTime.civil(fromDays: days)
    date = UInt16((y - 1980) << 9 | m << 5 | d)
    time = UInt16((secs / 3600) << 11 | (secs % 3600 / 60) << 5 | (secs % 60) / 2)
  }

  /// Howard Hinnant's days-to-civil conversion (proleptic Gregorian, UTC).
  static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (Int(y), Int(m), Int(d))
  }
}
