import Foundation
import StrictJSON
import IMPRules

/// SplitMix64: a small seeded generator, so a failing run can be repeated exactly on any machine.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The one mutator of the randomized tests (MutationTests) and the fuzz runner (FuzzTests):
/// changes of the kinds hands and export scripts make, and toward the values that broke
/// the tool before, on JSON trees (`Any`, as JSONSerialization reads them), on strict
/// JSON values and on bytes.
struct Mutator {
  var random: SeededRandom

  init(seed: UInt64) { random = SeededRandom(state: seed) }

  static var odd: [Any] {
    [
      NSNull(), true, false, 0, -1, 1.5, 1e300, "", " ", "x", "2026-02-30", "ZZ", "A1234567", "21231", [Any](),
      [String: Any](), ["x-a": 1], String(repeating: "é", count: 300), "<script>", "../../etc",
    ]
  }

  /// Every path in `json` (`applicant.education[0]`), each with its value.
  func paths(_ json: Any, _ prefix: String = "") -> [String] {
    var out: [String] = []
    if let o = json as? [String: Any] {
      for (k, v) in o {
        let p = prefix.isEmpty ? k : "\(prefix).\(k)"
        out.append(p)
        out += paths(v, p)
      }
    } else if let a = json as? [Any] {
      for (n, v) in a.enumerated() {
        let p = "\(prefix)[\(n)]"
        out.append(p)
        out += paths(v, p)
      }
    }
    return out
  }

  mutating func tree(_ json: Any) -> Any {
    let all = paths(json).sorted()
    guard let path = all.randomElement(using: &random) else { return json }
    switch Int.random(in: 0..<5, using: &random) {
    case 0: return setting(json, path, nil)
    case 1: return setting(json, path, Self.odd.randomElement(using: &random)!)
    case 2:
      // A misspelt key beside the real one.
      let key = String(path.split(separator: ".").last!.prefix { $0 != "[" })
      guard key.count > 2 else { return json }
      var typo = Array(key)
      typo.remove(at: Int.random(in: 0..<typo.count, using: &random))
      let parent = path.contains(".") ? String(path[..<path.lastIndex(of: ".")!]) + "." : ""
      return setting(json, parent + String(typo), "typo")
    case 3: return setting(json, path.contains(".") ? String(path[..<path.lastIndex(of: ".")!]) + ".x-extra" : "x-extra", 1)
    default:
      return setting(json, path, String(repeating: "9", count: Int.random(in: 1...12, using: &random)))
    }
  }

  static let strings: [String] = [
    "", " ", "9999-01-01", "9999-12-31", "0001-01-01", "2199-12-31", "1900-01-01", "2026-02-29", "\u{0}", "\u{1B}[2J",
    "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "../../evil.html", "/etc/passwd", "manifest.xml", "<script>x</script>",
    "&amp;", "]]>", String(repeating: "A", count: 300), "0", "-1", "1e400", "C43", "inside-canada", "MX", "true",
  ]
  static let numbers: [Double] = [0, -1, 1, 0.5, 1e6, 2_000_000, 9e17, Double(Int.max), -Double(Int.max), 1e308, 59, 200_000]

  mutating func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &random)] }

  /// A change of one value of a JSON document (which stays valid JSON), or of its bytes.
  mutating func mutate(_ data: [UInt8]) -> [UInt8] {
    if Int.random(in: 0..<3, using: &random) > 0, let v = try? JSONValue.parse(Data(data), limits: .profile).get() {
      var value = v
      for _ in 0...Int.random(in: 0..<3, using: &random) { value = mutate(value) }
      return Array(value.jsonText.utf8)
    }
    return mutateBytes(data)
  }

  /// One to four edits of bytes: a bit flipped, a byte changed, removed or inserted, a run
  /// repeated, or the rest cut off (a truncated upload).
  mutating func mutateBytes(_ data: [UInt8]) -> [UInt8] {
    var d = data
    for _ in 0...Int.random(in: 0..<4, using: &random) {
      guard !d.isEmpty else { return [UInt8(ascii: "{")] }
      let i = Int.random(in: 0..<d.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 5: d.removeSubrange(i...)
      case 0: d[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
      case 1: d[i] = UInt8.random(in: 0...255, using: &random)
      case 2: d.remove(at: i)
      case 3: d.insert(pick([0x00, 0x22, 0x5C, 0x7B, 0x5B, 0x2C, 0xFF, 0x1B]), at: i)
      default:
        let n = Int.random(in: 1...min(64, d.count - i), using: &random)
        d.insert(contentsOf: d[i..<(i + n)], at: i)
      }
    }
    return d
  }

  /// One value somewhere in `v` replaced by an interesting one, or an element removed or repeated.
  mutating func mutate(_ v: JSONValue) -> JSONValue {
    switch v {
    case .object(var o) where !o.isEmpty && Int.random(in: 0..<4, using: &random) > 0:
      let k = pick(o.keys.sorted())
      if Int.random(in: 0..<10, using: &random) == 0 { o[k] = nil } else { o[k] = mutate(o[k]!) }
      return .object(o)
    case .array(var a) where !a.isEmpty && Int.random(in: 0..<4, using: &random) > 0:
      let i = Int.random(in: 0..<a.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 0: a.remove(at: i)
      case 1: a.append(contentsOf: Array(repeating: a[i], count: Int.random(in: 1...50, using: &random)))
      default: a[i] = mutate(a[i])
      }
      return .array(a)
    default:
      switch Int.random(in: 0..<6, using: &random) {
      case 0, 1: return .string(pick(Self.strings))
      case 2, 3: return .number(pick(Self.numbers))
      case 4: return pick([.null, .bool(true), .bool(false), .array([]), .object([:])])
      default:
        if case .string(let s) = v { return .string(s + pick(Self.strings)) }
        return .number(pick(Self.numbers))
      }
    }
  }
}
