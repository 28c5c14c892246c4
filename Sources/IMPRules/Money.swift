/// An exact amount of Canadian dollars, held in cents. Never a float.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
  public var cents: Int64

  public init(cents: Int64) { self.cents = cents }

  public static let zero = Money(cents: 0)

  /// Parses a decimal string with at most two decimals: `"155"`, `"155.00"`, `"246.25"`.
  public init?(_ text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
      parts[0].allSatisfy(\.isASCIIDigitCharacter)
    else { return nil }
    var cents = Int64(parts[0])! * 100
    if parts.count == 2 {
      let frac = parts[1]
      guard (1...2).contains(frac.count), frac.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
      cents += Int64(frac)! * (frac.count == 1 ? 10 : 1)
    }
    self.cents = cents
  }

  /// `"155.00"`: the contract form in JSON output.
  public var description: String {
    let sign = cents < 0 ? "-" : ""
    let a = cents.magnitude
    let c = a % 100
    return "\(sign)\(a / 100).\(c < 10 ? "0" : "")\(c)"
  }

  /// `"$1,155.00"`: how the command line (which stays English) prints an amount; pages
  /// write amounts in their language with ``Wording/money(_:)``.
  public var formatted: String { Wording.format(self, pattern: "${amount}", negative: "-${amount}", group: ",", decimal: ".") }

  public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
  public static func * (a: Money, n: Int) -> Money { Money(cents: a.cents * Int64(n)) }
  public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    guard let m = Money(s) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a CAD amount like \"155.00\""))
    }
    self = m
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

extension Character {
  var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
