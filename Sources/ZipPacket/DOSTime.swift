/// An MS-DOS date and time as zip headers store them, computed from UTC.
///
/// libzip 1.7 converts every entry's time through the local zone (`mktime` in
/// `zip_file_set_dostime`, `localtime_r` when it writes headers), which makes the bytes of
/// a zip depend on `TZ`, and where local midnight does not exist (a DST change at 00:00)
/// cannot even express it. So the fields are computed here and written over libzip's with
/// ``stamp(_:)``: the same everywhere, with no process-wide `TZ`.
public struct DOSTime: Sendable, Equatable {
  public var time: UInt16
  public var date: UInt16
  /// The instant these fields stand for, in seconds since 1970 (UTC): clamped, even.
  public var unixTime: Int64

  /// The earliest time a zip can store: 1980-01-01T00:00:00Z.
  public static let earliestUnixTime: Int64 = 315_532_800

  /// `unixTime` in UTC, clamped to 1980-01-01…2107-12-31; odd seconds round down.
  public init(unixTime: Int64) {
    let t = min(max(unixTime, DOSTime.earliestUnixTime), 4_354_819_199) & ~1
    let days = t / 86_400
    let secs = Int(t % 86_400)
    let (y, m, d) = DOSTime.civil(fromDays: days)
    date = UInt16((y - 1980) << 9 | m << 5 | d)
    time = UInt16((secs / 3600) << 11 | (secs % 3600 / 60) << 5 | (secs % 60) / 2)
    self.unixTime = t
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

  /// Writes these fields into every local and central header of `zip`, a whole archive
  /// as ``ZipArchive`` builds it (no comment, no Zip64).
  ///
  /// The fields are not covered by any checksum, MAC or encryption check (WinZip AES
  /// authenticates only the data), so nothing else changes.
  func stamp(_ zip: inout [UInt8]) throws(ZipError) {
    func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    func sig(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= zip.count && u32(at) == value }
    func put(_ at: Int) {
      zip[at] = UInt8(time & 0xFF)
      zip[at + 1] = UInt8(time >> 8)
      zip[at + 2] = UInt8(date & 0xFF)
      zip[at + 3] = UInt8(date >> 8)
    }
    let end = zip.count - 22
    guard sig(end, 0x0605_4B50) else { throw ZipError(.archive, "cannot date the zip: no end record") }
    let count = u16(end + 10)
    var p = u32(end + 16)
    guard count != 0xFFFF, p != 0xFFFF_FFFF, p + u32(end + 12) == end else {
      throw ZipError(.archive, "cannot date the zip: unexpected central directory")
    }
    for _ in 0..<count {
      guard sig(p, 0x0201_4B50), p + 46 <= end else {
        throw ZipError(.archive, "cannot date the zip: bad central header")
      }
      let local = u32(p + 42)
      guard sig(local, 0x0403_4B50), local + 30 <= end else {
        throw ZipError(.archive, "cannot date the zip: bad local header")
      }
      put(p + 12)
      put(local + 10)
      p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32)
    }
  }
}
