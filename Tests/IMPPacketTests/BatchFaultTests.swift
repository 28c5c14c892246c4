import Foundation
import Testing

/// The lines of a JSON Lines file of synthetic profiles, with some case ids made equal.
private func profilesSharingCaseIds(_ dir: TempDir, n: Int, copies: [Int: Int]) throws -> (path: String, ids: [String]) {
  let (path, _) = try syntheticProfiles(dir, n: n, broken: 0)
  var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  let ids = lines.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["caseId"] as! String }
  for (copy, of) in copies { lines[copy] = lines[copy].replacingOccurrences(of: "\"\(ids[copy])\"", with: "\"\(ids[of])\"") }
  try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  return (path, ids)
}

@Suite("batch under faults: a report or its rows always survive; resume cleans up; case ids owned in input order")
struct BatchFaultTests {
  @Test func duplicateCaseIdsAreRefusedInInputOrderOnEveryRun() throws {
    let data = try TempDir()
    // Lines 5 and 8 take the case id of line 2 (input order: 2 first).
    let (profiles, ids) = try profilesSharingCaseIds(data, n: 10, copies: [4: 1, 7: 1])
    var reports: [[BatchReport.Row]] = []
    for jobs in ["1", "4", "4"] {
      let out = try TempDir()
      let r = try cli("batch", profiles, "-o", out.path, "-j", jobs, "--quiet")
      #expect(r.status == 65, "\(r.stderr)")
      #expect(!r.stderr.contains("--force"))
      let report = try BatchReport(out.file("report.json"))
      #expect(report.inputs.map(\.status) == ["ok", "ok", "ok", "ok", "failed", "ok", "ok", "failed", "ok", "ok"])
      for row in [report.inputs[4], report.inputs[7]] {
        #expect(row.errors.map(\.path) == ["caseId"])
        #expect(row.errors[0].message == "\(ids[1]) is the case id of \(profiles):2, earlier in this batch; each profile needs its own")
      }
      #expect(try packets(in: out.path).count == 8)
      reports.append(report.inputs.map { var row = $0; row.output = nil; return row })  // each run has its own folder
    }
    #expect(reports[0] == reports[1] && reports[1] == reports[2])
  }

  @Test func shardsAgreeOnWhoOwnsACaseId() throws {
    let data = try TempDir()
    // Line 4 (shard 1 of 2) repeats line 1 (shard 0): shard 1 refuses it before any work.
    let (profiles, _) = try profilesSharingCaseIds(data, n: 6, copies: [3: 0])
    let out = try TempDir()
    let one = try cli("batch", profiles, "-o", out.path, "--shard", "1/2", "--quiet")
    #expect(one.status == 65)
    let zero = try cli("batch", profiles, "-o", out.path, "--shard", "0/2", "--quiet")
    #expect(zero.status == 0, "\(zero.stderr)")
    let rows = try BatchReport(out.file("report-1-of-2.json")).inputs
    #expect(rows.map(\.status) == ["ok", "failed", "ok"])
    #expect(rows[1].errors[0].message.contains("\(profiles):1, earlier in this batch"))
  }

  @Test func resumeRemovesTheTemporaryFilesOfAKilledBatchAndSaysSo() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 4, broken: 0)
    let out = try TempDir()
    #expect(try cli("batch", profiles, "-o", out.path, "--quiet").status == 0)
    // What kill -9 leaves: report streams and packet temporaries (some empty), beside a file of the user's.
    let leftovers = [".report.json.partial-Ab12Cd", ".report.csv.partial-x9Y8z7", ".2026-9999.zip.partial-000000"]
    for name in leftovers + [".notes.txt.partial-abcdef", "notes.txt"] {
      FileManager.default.createFile(atPath: out.file(name), contents: Data())
    }
    let r = try cli("batch", profiles, "-o", out.path, "--resume")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("resume: removed 3 temporary files an interrupted batch left: "), "\(r.stderr)")
    for name in leftovers { #expect(!FileManager.default.fileExists(atPath: out.file(name)), "\(name) is left") }
    #expect(out.contents.filter { $0.hasPrefix(".") } == [".notes.txt.partial-abcdef"])
    #expect(out.contents.contains("notes.txt"))
    // Nothing to clean: nothing said.
    let again = try cli("batch", profiles, "-o", out.path, "--resume")
    #expect(!again.stderr.contains("removed"))
  }

  @Test func resumeAfterKill9LeavesNoTemporaryFile() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 400, broken: 0)
    let out = try TempDir()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = ["batch", profiles, "-o", out.path, "--quiet", "--layout", "hashed"]
    try p.run()
    // Killed once it has begun writing packets.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, ((try? FileManager.default.subpathsOfDirectory(atPath: out.path)) ?? []).count(where: { $0.hasSuffix(".zip") }) < 40 {
      usleep(20_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let r = try cli("batch", profiles, "-o", out.path, "--quiet", "--resume", "--layout", "hashed")
    #expect(r.status == 0, "\(r.stderr)")
    let all = try FileManager.default.subpathsOfDirectory(atPath: out.path)
    #expect(all.filter { $0.contains(".partial-") } == [])
    #expect(all.filter { $0.hasSuffix(".zip") }.count == 400)
  }

  @Test func aDiskThatFillsUpStillNamesEveryProfileWithoutAPacket() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 30, broken: 0)
    let out = try TempDir()
    // A 4 KiB file-size limit: every packet (about 18 KB) and the report (30 rows) fail with EFBIG.
    let limited = #"trap "" XFSZ; ulimit -f 4; exec "$0" "$@""#
    let r = try run("/bin/bash", ["-c", limited, tool, "batch", profiles, "-o", out.path, "-j", "2"])
    #expect(r.status == 73, "\(r.stderr)")
    for line in 1...30 { #expect(r.stderr.contains("error: \(profiles):\(line): "), "line \(line) is not named") }
    #expect(r.stderr.contains("no report was written: of 30 profiles 0 got a packet, 0 were skipped and 30 failed"), "\(r.stderr)")
    #expect(out.contents == [])
  }
}
