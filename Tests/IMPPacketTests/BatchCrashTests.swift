import Foundation
import Testing

/// The names in `dir` that only an interrupted write leaves (`.<name>.partial-XXXXXX`).
private func partials(in dir: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".partial-") }
}

/// A crash in one profile's work is that profile's failed row, never a dead batch: each job's
/// profiles are made in a worker process, and the test hook `IMP_PACKET_TEST_CRASH` (read by
/// the worker only) makes one of them crash as a runtime trap or a library's abort would.
@Suite("batch survives a crash in one profile's work")
struct BatchCrashTests {
  @Test(arguments: ["1", "2"])
  func aTrapIsAFailedRowAndTheOtherPacketsAreTheBytesGenerateWrites(_ jobs: String) throws {
    let names = ["pgwp-eligible", "ict", "francophone-mobility", "bowp", "charitable"]
    let out = try TempDir()
    let crashing = fixturePath("ict")
    let r = try cli(
      "batch", names.map(fixturePath)[0], names.map(fixturePath)[1], names.map(fixturePath)[2], names.map(fixturePath)[3],
      names.map(fixturePath)[4], "-o", out.path, "-j", jobs, "--as-of", "2026-12-01",
      env: ["IMP_PACKET_TEST_CRASH": "trap:\(crashing)"])
    #expect(r.status == 71, "\(r.stderr)")
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.input) == names.map(fixturePath))
    #expect(report.inputs.map(\.status) == ["ok", "failed", "ok", "ok", "ok"])
    let row = report.inputs[1]
    #expect(row.exitCode == 71 && row.output == nil)
    let message = try #require(row.errors.first?.message)
    #expect(message.contains(crashing) && message.contains("signal"), "\(message)")
    #expect(!message.contains("Fatal error"), "the trap's own words stay out: they could quote a profile")
    #expect(r.stderr.contains("error: \(crashing): imp-packet crashed"), "\(r.stderr)")
    #expect(report.summary == .init(profiles: 5, packets: 4, skipped: 0, failed: 1, exitCode: 71))
    #expect(try partials(in: out.path) == [])

    // The others: exactly what generate writes, and verify finds them intact.
    let single = try TempDir()
    let others = names.filter { $0 != "ict" }.map(fixturePath)
    let g = try run(tool, ["generate"] + others + ["-o", single.path, "--as-of", "2026-12-01", "--quiet"])
    #expect(g.status == 0, "\(g.stderr)")
    let made = try packets(in: out.path)
    let expected = try packets(in: single.path)
    #expect(made.count == 4 && made == expected)
    let v = try run(tool, ["verify"] + made.keys.sorted().map { out.file($0) })
    #expect(v.status == 0, "\(v.stderr)")
  }

  @Test func anAbortWhileWritingLeavesNoTemporaryFileAndTheWorkerIsReplaced() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 30, broken: 0)
    let out = try TempDir()
    // Line 3: the worker opens the packet's temporary file, then aborts (SIGABRT).
    let r = try cli("batch", profiles, "-o", out.path, "-j", "2", "--quiet", env: ["IMP_PACKET_TEST_CRASH": "abort:\(profiles):3"])
    #expect(r.status == 71, "\(r.stderr)")
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.input) == (1...30).map { "\(profiles):\($0)" })
    #expect(report.inputs.filter { $0.status == "failed" }.map(\.input) == ["\(profiles):3"])
    let row = report.inputs[2]
    #expect(row.caseId != nil && row.errors.first?.message.contains("signal \(SIGABRT)") == true, "\(row.errors)")
    // The profiles after it, sent to the same worker, went to its replacement.
    #expect(report.summary == .init(profiles: 30, packets: 29, skipped: 0, failed: 1, exitCode: 71))
    #expect(try packets(in: out.path).count == 29)
    #expect(try partials(in: out.path) == [])
    // The crashed profile is made again by --resume, the others skipped.
    let again = try cli("batch", profiles, "-o", out.path, "-j", "2", "--quiet", "--resume")
    #expect(again.status == 0, "\(again.stderr)")
    let resumed = try BatchReport(out.file("report.json"))
    #expect(resumed.summary == .init(profiles: 30, packets: 1, skipped: 29, failed: 0, exitCode: 0))
  }

  @Test func theHookIsReadOnlyByItsExactInput() throws {
    let out = try TempDir()
    // A value that names no input, or no kind of crash, changes nothing.
    for value in ["trap:ict.json", "explode:\(fixturePath("ict"))", fixturePath("ict")] {
      let dir = out.file(String(value.count))
      let r = try cli("batch", fixturePath("ict"), "-o", dir, "--quiet", env: ["IMP_PACKET_TEST_CRASH": value])
      #expect(r.status == 0, "\(value): \(r.stderr)")
    }
  }

  /// Ctrl-C and SIGTERM stop a batch: the packets being made are finished, the report of the
  /// rows so far is written, no temporary file stays, and the batch ends by the signal.
  @Test(arguments: [SIGTERM, SIGINT])
  func aSignalFinishesThePacketsBeingMadeAndWritesTheReport(_ number: Int32) throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 400, broken: 0)
    let out = try TempDir()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = ["batch", profiles, "-o", out.path, "-j", "2", "--quiet"]
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Until the first packets are there (the batch is under way), then the signal.
    let start = Date()
    while try packets(in: out.path).count < 3, Date().timeIntervalSince(start) < 60 { usleep(20_000) }
    kill(p.processIdentifier, number)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == number, "\(p.terminationReason.rawValue) \(p.terminationStatus)")
    let report = try BatchReport(out.file("report.json"))
    let made = try packets(in: out.path)
    #expect(report.summary.packets == made.count && report.inputs.count == made.count && made.count < 400)
    #expect(report.inputs.map(\.input) == (1...made.count).map { "\(profiles):\($0)" })
    let json = try String(contentsOfFile: out.file("report.json"), encoding: .utf8)
    #expect(json.contains("\"cancelled\": 1"))
    #expect(try partials(in: out.path) == [])
  }
}
