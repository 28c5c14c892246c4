import Foundation
import IMPRules
import Testing

/// SplitMix64: a small seeded generator, so a failing run can be repeated exactly.
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

/// Random changes to valid profiles, of the kinds hands and export scripts make.
struct Mutator {
  var random: SeededRandom

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

  mutating func bytes(_ data: [UInt8]) -> [UInt8] {
    var d = data
    let at = Int.random(in: 0..<d.count, using: &random)
    switch Int.random(in: 0..<4, using: &random) {
    case 0: d.removeSubrange(at...)
    case 1: d[at] = UInt8.random(in: 0...255, using: &random)
    case 2: d.insert(Array(#"{}[],:"\ 0-e."#.utf8).randomElement(using: &random)!, at: at)
    default: d.remove(at: at)
    }
    return d
  }
}

@Suite("Randomized mutations of valid profiles")
struct MutationTests {
  /// `IMP_FUZZ_SEED` repeats a run; `IMP_FUZZ_COUNT` makes it longer.
  let seed = UInt64(ProcessInfo.processInfo.environment["IMP_FUZZ_SEED"] ?? "") ?? 20_261_201
  let count = Int(ProcessInfo.processInfo.environment["IMP_FUZZ_COUNT"] ?? "") ?? 600

  func inputs() throws -> [(String, Any)] {
    try (allFixtures() + [inputPath("every-key.json")]).map { ($0, try loadJSON($0)) }
  }

  @Test(.timeLimit(.minutes(2))) func eachMutationIsAcceptedOrRefusedClearly() throws {
    var m = Mutator(random: SeededRandom(state: seed))
    let inputs = try inputs()
    var refused = 0
    for n in 0..<count {
      let (file, json) = inputs[n % inputs.count]
      var data: [UInt8]
      if n % 3 == 2 {
        data = m.bytes(Array(try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted])))
      } else {
        var mutated = json
        for _ in 0...Int.random(in: 0...3, using: &m.random) { mutated = m.tree(mutated) }
        data = Array(try JSONSerialization.data(withJSONObject: mutated, options: [.prettyPrinted]))
      }
      let label = "mutation \(n) of \(URL(fileURLWithPath: file).lastPathComponent) (IMP_FUZZ_SEED=\(seed))"
      switch ProfileFormat.decode(Data(data), defaultDate: CivilDate("2026-12-01")!) {
      case .success(let p): #expect(!p.caseId.isEmpty, "\(label)")
      case .failure(let e):
        refused += 1
        expectClear(e, label)
        let lines = data.count { $0 == 0x0A } + 1
        for issue in e.issues { #expect((issue.line ?? 1) <= lines, "\(label): \(issue) is past the end") }
      }
    }
    // Most mutations break something; if none did, the mutator is broken.
    #expect(refused > count / 3)
  }

  /// The same through `generate`: each profile gives a whole packet or none, and nothing else is left.
  @Test(.timeLimit(.minutes(2))) func generateWritesWholePacketsOrNothing() throws {
    var m = Mutator(random: SeededRandom(state: seed &+ 1))
    let inputs = try inputs()
    let dir = try TempDir()
    var files: [String] = []
    var accepted: Set<String> = []
    for n in 0..<40 {
      var json = setting(inputs[n % inputs.count].1, "caseId", "m\(n)")
      for _ in 0...Int.random(in: 0...2, using: &m.random) { json = m.tree(json) }
      let path = try write(json, dir, "m\(n).json")
      files.append(path)
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      if case .success(let p) = ProfileFormat.decode(data, defaultDate: CivilDate("2026-12-01")!) {
        accepted.insert(p.caseId)
      }
    }
    let out = try TempDir()
    let r = try run(tool, ["generate", "--allow-ineligible", "--as-of", "2026-12-01", "-o", out.path] + files)
    #expect([0, 65, 73].contains(r.status), "exit \(r.status): \(r.stderr.suffix(500))")
    for name in out.contents {
      #expect(name.hasSuffix(".zip") && accepted.contains(String(name.dropLast(4))), "unexpected \(name) in the output")
      let unzip = try run("/usr/bin/env", ["unzip", "-tq", out.file(name)])
      #expect(unzip.status == 0, "\(name): \(unzip.stdout)")
    }
    #expect(!out.contents.isEmpty, "no mutation produced a packet; the test checks nothing")
  }
}
