import IMPRules
public import ZipPacket

extension DOSTime {
  /// The zip fields for `unixTime` (seconds since 1970, UTC), through ``CivilDate``: the
  /// one routine that turns days into calendar dates.
  public init(unixTime: Int64) {
    let day = CivilDate(unixTime: unixTime)
    let second = unixTime - day.unixTime
    self.init(year: day.year, month: day.month, day: day.day, secondOfDay: Int(second))
  }
}
