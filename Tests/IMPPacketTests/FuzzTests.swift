import Foundation
import IMPPacket
import IMPRules
import StrictJSON
import Testing
import ZipPacket

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
    var m = Mutator(seed: Self.seed ^ UInt64(target.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
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
      try! shippedBuilder.readProfile(URL(fileURLWithPath: fixturePath($0)), asOf: Self.today).0
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
    var m = Mutator(seed: Self.seed)
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
