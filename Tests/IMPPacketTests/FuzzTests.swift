import Foundation
import IMPPacket
import IMPRules
import StrictJSON
import Testing
import ZipPacket

/// A deterministic generator (SplitMix64): a seed gives the same mutations on every machine.
struct FuzzRandom: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Mutations of bytes and of JSON values, toward the values that broke the tool before.
struct FuzzMutator {
  var random: FuzzRandom

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

  mutating func mutateBytes(_ data: [UInt8]) -> [UInt8] {
    var d = data
    for _ in 0...Int.random(in: 0..<4, using: &random) {
      guard !d.isEmpty else { return [UInt8(ascii: "{")] }
      let i = Int.random(in: 0..<d.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
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

/// The seeded mutation runner: each target reads mutated inputs and must answer with a
/// result or a typed error, never a trap (the test process would die) and never a hang.
@Suite("Fuzz: seeded mutations of every reader a user can feed", .serialized)
struct FuzzTests {
  static let runs = Int(ProcessInfo.processInfo.environment["IMP_FUZZ_RUNS"] ?? "") ?? 150
  static let seed = UInt64(ProcessInfo.processInfo.environment["IMP_FUZZ_SEED"] ?? "") ?? 11
  static let today = CivilDate("2026-12-01")!

  func files(_ folder: String, _ ext: String) -> [[UInt8]] {
    let dir = repositoryRoot.appendingPathComponent(folder)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(ext) }.sorted()
    return names.compactMap { try? Array(Data(contentsOf: dir.appendingPathComponent($0))) }
  }

  /// Runs `body` on `runs` mutations of the seeds; an input slower than 3 s is a hang.
  func fuzz(_ target: String, _ seeds: [[UInt8]], bytesOnly: Bool = false, _ body: ([UInt8]) throws -> Void) throws {
    #expect(!seeds.isEmpty, "\(target): no seeds")
    let dir = repositoryRoot.appendingPathComponent(".build/fuzz")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let current = dir.appendingPathComponent("\(target).current")
    var m = FuzzMutator(random: FuzzRandom(state: Self.seed ^ UInt64(target.utf8.reduce(0) { $0 &* 31 &+ Int($1) })))
    var slowest = 0.0
    for run in 0..<Self.runs {
      let seed = seeds[run % seeds.count]
      let input = bytesOnly ? m.mutateBytes(seed) : m.mutate(seed)
      try Data(input).write(to: current)
      let start = Date()
      try body(input)
      let took = Date().timeIntervalSince(start)
      slowest = max(slowest, took)
      #expect(took < 3, "\(target) run \(run): \(took) s; the input is in \(current.path)")
    }
    print("fuzz \(target): \(Self.runs) runs, seed \(Self.seed), slowest \(String(format: "%.3f", slowest)) s")
  }

  @Test func profileReaderAndPlanner() throws {
    let builder = try PacketBuilder.load()
    try fuzz("profile", files("Fixtures", ".json") + files("Tests/Inputs/bad", ".json")) { input in
      guard case .success(let profile) = ProfileFormat.decode(Data(input), defaultDate: Self.today) else { return }
      guard let plan = try? builder.packetPlan(profile) else { return }
      let entries = try? builder.files(profile: profile, profileBytes: input, plan: plan)
      for e in entries ?? [] where e.name.hasSuffix(".html") {
        let text = String(decoding: e.bytes, as: UTF8.self)
        let control = text.unicodeScalars.contains { $0.isControlOrNoncharacter }
        #expect(!control, "\(e.name) holds a control character")
      }
    }
  }

  @Test func employerReader() throws {
    try fuzz("employer", files("Fixtures/employers", ".json")) { input in
      _ = EmployerFormat.decode(Data(input), defaultDate: Self.today)
    }
  }

  @Test func catalogLoader() throws {
    let profiles = ["pgwp-eligible", "ict", "francophone-mobility", "iec-working-holiday"].map {
      try! PacketBuilder.readProfile(URL(fileURLWithPath: fixturePath($0)), asOf: Self.today).0
    }
    try fuzz("catalog", files("Templates/catalog", ".json")) { input in
      guard let catalog = try? Catalog.decode(Data(input), name: "fuzz.json") else { return }
      let planner = Planner(catalog: catalog)
      for p in profiles { _ = try? planner.plan(p) }
    }
  }

  @Test func verifyZipAndManifestReader() throws {
    let zips = files("Tests/Inputs/fuzz", ".zip")
    // The manifest itself mutated inside an otherwise good packet, and the zip's bytes mutated.
    var m = FuzzMutator(random: FuzzRandom(state: Self.seed))
    try fuzz("verify", zips, bytesOnly: true) { input in
      _ = try? PacketVerifier.verify(bytes: input)
    }
    let entries = try ZipReader(bytes: zips[0]).entries()
    try fuzz("manifest", [entries.first { $0.name == "manifest.xml" }!.data], bytesOnly: true) { manifest in
      var rebuilt = entries.filter { $0.name != "manifest.xml" }
      if Bool.random(using: &m.random) { rebuilt.removeLast() }
      rebuilt.append(ZipEntry(name: "manifest.xml", data: manifest))
      _ = try? PacketVerifier.verify(bytes: try ZipArchive.build(rebuilt))
    }
  }
}
