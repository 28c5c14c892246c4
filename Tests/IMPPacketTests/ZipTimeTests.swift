import IMPPacket
import Testing
import ZipPacket

/// Zip entry times come from ``CivilDate``'s calendar, in UTC, clamped to what zips hold.
@Suite("Zip entry times from Unix time")
struct ZipTimeTests {
  @Test func unixTimeGivesUTCFields() {
    // 2026-12-01T13:45:30Z
    #expect(
      DOSTime(unixTime: 1_796_132_730) == DOSTime(year: 2026, month: 12, day: 1, secondOfDay: 13 * 3600 + 45 * 60 + 30))
    #expect(DOSTime(unixTime: 0) == .earliest)
    #expect(DOSTime(unixTime: -86_401) == .earliest)
    #expect(DOSTime(unixTime: 4_354_819_199) == DOSTime(year: 2107, month: 12, day: 31, secondOfDay: 86_398))
    #expect(DOSTime(unixTime: .max) == DOSTime(year: 2107, month: 12, day: 31, secondOfDay: 86_399))
  }
}
