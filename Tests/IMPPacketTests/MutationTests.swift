import Foundation
import IMPRules
import Testing

@Suite("Randomized mutations of valid profiles")
struct MutationTests {
  /// `IMP_FUZZ_SEED` repeats a run; `IMP_FUZZ_COUNT` makes it longer.
  let seed = UInt64(ProcessInfo.processInfo.environment["IMP_FUZZ_SEED"] ?? "") ?? 20_261_201
  let count = Int(ProcessInfo.processInfo.environment["IMP_FUZZ_COUNT"] ?? "") ?? 600

  func inputs() throws -> [(String, Any)] {
    try (allFixtures() + [inputPath("every-key.json")]).map { ($0, try loadJSON($0)) }
  }

  @Test(.timeLimit(.minutes(2))) func eachMutationIsAcceptedOrRefusedClearly() throws {
    var m = Mutator(seed: seed)
    let inputs = try inputs()
    var refused = 0
    for n in 0..<count {
      let (file, json) = inputs[n % inputs.count]
      var data: [UInt8]
      if n % 3 == 2 {
        data = m.mutateBytes(Array(try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted])))
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
    var m = Mutator(seed: seed &+ 1)
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
