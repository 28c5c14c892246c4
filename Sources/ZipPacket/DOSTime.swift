/// An MS-DOS date and time as zip headers store them, from calendar fields the caller
/// has already worked out in UTC (the packet layer does, with its one calendar routine).
///
/// libzip 1.7 converts every entry's time through the local zone (`mktime` in
/// `zip_file_set_dostime`, `localtime_r` when it writes headers), which makes the bytes of
/// a zip depend on `TZ`, and where local midnight does not exist (a DST change at 00:00)
/// cannot even express it. So the fields are written over libzip's with ``stamp(_:)``:
/// the same everywhere, with no process-wide `TZ`.
public struct DOSTime: Sendable, Equatable {
  public var time: UInt16
  public var date: UInt16

  /// 1980-01-01 00:00:00, the earliest time a zip can store.
  public static let earliest = DOSTime(year: 1980, month: 1, day: 1, secondOfDay: 0)

  /// The fields for a date and a second of that day. Years are clamped to 1980…2107 (the
  /// range the format has); odd seconds round down, as the format counts in twos.
  public init(year: Int, month: Int, day: Int, secondOfDay: Int) {
    let secs = min(max(secondOfDay, 0), 86_399)
    if year < 1980 {
      date = 1 << 5 | 1
      time = 0
    } else if year > 2107 {
      date = UInt16(127 << 9 | 12 << 5 | 31)
      time = UInt16(23 << 11 | 59 << 5 | 29)
    } else {
      date = UInt16((year - 1980) << 9 | min(max(month, 1), 12) << 5 | min(max(day, 1), 31))
      time = UInt16((secs / 3600) << 11 | (secs % 3600 / 60) << 5 | (secs % 60) / 2)
    }
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
