import Foundation
import StrictJSON

/// The ranges of a catalog's numbers (and its text free of control characters), checked over the whole file before it is decoded.
///
/// A `--catalog` is a consultant's edit of the shipped file; a number out of any sensible
/// range (`"maxMonths": 1000000`) would overflow date arithmetic or mean nothing, so every
/// bad value is named by its path, all at once, before any packet is made.
enum CatalogRanges {
  /// The range of each numeric key, wherever it appears in the catalog.
  static let ranges: [String: ClosedRange<Int>] = [
    "processingWindowDays": 0...3650, "withinDaysBefore": 0...3650,
    "maxMonths": 0...1200, "months": 0...1200, "maxAgeMonths": 0...1200, "withinMonths": 0...1200,
    "monthsAfterAtLeast": -1200...1200, "monthsAfterMoreThan": -1200...1200,
    "atLeast": 0...100_000, "atMost": 0...100_000,
    "reuseYears": 0...100, "minimumAge": 0...150, "maximumAge": 0...150, "minHoursPerWeek": 0...168,
    // An upload slot's size cap: IRCC's portals take files of 2 to 4 MB; 100 MB is past any channel.
    "capBytes": 1...100_000_000,
    // The Employer Portal's work locations per offer (it takes one or two); a negative one trapped (fuzz, seed 41).
    "maxLocations": 1...100,
  ]
  /// Any other number: a whole number no larger than this.
  static let otherLimit = 1_000_000

  /// Every number out of its range, as `path: message`.
  static func problems(in value: JSONValue) -> [String] {
    // A catalog nearly always has none: found without building every value's path and
    // sorting every object's keys, which only naming the problems in order needs.
    guard hasProblem(value, key: nil) else { return [] }
    var out: [String] = []
    func walk(_ v: JSONValue, _ path: String, _ key: String?) {
      switch v {
      case .object(let o):
        for (k, e) in o.sorted(by: { $0.key < $1.key }) { walk(e, path.isEmpty ? k : "\(path).\(k)", k) }
      case .array(let a):
        for (i, e) in a.enumerated() { walk(e, "\(path)[\(i)]", key) }
      case .number(let n):
        if !inRange(n, key) {
          let range = range(key)
          out.append(
            "\(path): expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(v.shortDescription)")
        }
      case .string(let s):
        // Catalog text reaches pages and the manifest, which cannot hold these.
        if let bad = s.firstControlOrNoncharacter {
          out.append("\(path): expected text without control characters; character \(bad.position) is \(bad.scalar.codePointName)")
        }
      default: break
      }
    }
    walk(value, "", nil)
    return out
  }

  /// Whether ``problems(in:)`` finds any.
  private static func hasProblem(_ v: JSONValue, key: String?) -> Bool {
    switch v {
    case .object(let o): return o.contains { hasProblem($0.value, key: $0.key) }
    case .array(let a): return a.contains { hasProblem($0, key: key) }
    case .number(let n): return !inRange(n, key)
    case .string(let s): return s.firstControlOrNoncharacter != nil
    default: return false
    }
  }

  /// The range of a number under `key`.
  private static func range(_ key: String?) -> ClosedRange<Int> { key.flatMap { ranges[$0] } ?? -otherLimit...otherLimit }

  private static func inRange(_ n: Double, _ key: String?) -> Bool {
    let range = range(key)
    return n == n.rounded() && n >= Double(range.lowerBound) && n <= Double(range.upperBound)
  }

  /// The catalog file's limits: the shipped one is about 200 kB.
  static let limits = JSONLimits(
    maxBytes: 8 * 1024 * 1024, maxDepth: 64, maxValues: 1_000_000, noun: "catalog",
    usualSize: "a catalog is a few hundred kilobytes", usualValues: "a catalog holds a few thousand",
    usualDepth: "a catalog needs 10", zipGuess: "a packet?")

  /// The bytes of the catalog at `url`, or why they cannot be read, in words: a folder, a
  /// device (`/dev/zero` never ends), a file too large, a missing file or no permission.
  static func read(_ url: URL) throws(CatalogError) -> Data {
    let path = url.path
    let target = url.resolvingSymlinksInPath().path
    func refuse(_ why: String) -> CatalogError { CatalogError("cannot read the catalog \(path): \(why)") }
    let attributes: [FileAttributeKey: Any]
    do { attributes = try FileManager.default.attributesOfItem(atPath: target) } catch {
      throw refuse(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
    }
    switch attributes[.type] as? FileAttributeType {
    case .typeRegular?: break
    case .typeDirectory?: throw refuse("it is a folder, not a file")
    default: throw refuse("it is a device or a pipe, not a file")
    }
    if let size = attributes[.size] as? Int, size > limits.maxBytes {
      throw refuse("it is larger than \(limits.maxBytes / 1_048_576) MB; a catalog is a few hundred kilobytes")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw refuse(FileManager.default.isReadableFile(atPath: path) ? "it cannot be opened" : "permission denied")
    }
    defer { try? handle.close() }
    do { return try handle.readToEnd() ?? Data() } catch { throw refuse("a read failed (\(error.localizedDescription))") }
  }
}
