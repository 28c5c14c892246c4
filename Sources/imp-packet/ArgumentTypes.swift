public import ArgumentParser
public import IMPPacket
public import IMPRules

// The values of options parsed once, by ArgumentParser, into the types the library takes.

/// `--as-of DATE`: any `YYYY-MM-DD`; whether it is in the accepted range is checked in
/// ``CommonOptions/validate()``, whose message states the range.
extension CivilDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
  public var defaultValueDescription: String { description }
}

/// `--shard K/N`, with 0 ≤ K < N.
extension Shard: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

/// `--layout flat|hashed`.
extension PacketLayout: ExpressibleByArgument {}
