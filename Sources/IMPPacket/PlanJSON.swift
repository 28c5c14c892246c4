public import Foundation

/// The one JSON encoding of plans, for `plan --json` and `plan.json`: sorted keys, so the
/// same plan always gives the same bytes.
public enum PlanJSON {
  public static func encode<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Plans hold only strings, numbers, booleans and arrays: encoding cannot fail.
    return (try? encoder.encode(value)).map { $0 + Data("\n".utf8) } ?? Data()
  }
}
