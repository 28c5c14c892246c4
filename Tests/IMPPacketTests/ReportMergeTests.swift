import Foundation
import Testing

/// `report merge DIR`: the reports of N shards put back together as one run's.
@Suite struct ReportMergeTests {
  /// Runs a 4-shard batch of `profiles` into `dir` and returns the shard exit codes.
  func shards(_ profiles: String, into dir: TempDir, n: Int = 4) throws -> [Int32] {
    try (0..<n).map { k in
      let r = try cli("batch", profiles, "-o", dir.path, "--quiet", "--shard", "\(k)/\(n)", "--jobs", "2")
      #expect([0, 2, 65].contains(r.status), "\(r.stderr)")
      return r.status
    }
  }

  func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test func fourShardsMergedAreTheReportOfOneRunByteForByte() throws {
    let inputs = try TempDir()
    let (profiles, broken) = try syntheticProfiles(inputs, n: 41, broken: 5)
    let out = try TempDir()
    _ = try shards(profiles, into: out)
    let merge = try cli("report", "merge", out.path)
    let merged = (json: bytes(out.file("report.json")), csv: bytes(out.file("report.csv")))
    #expect(merge.stderr.contains("4 parts, 41 profiles: 36 packets written, 0 skipped, 5 failed"), "\(merge.stderr)")

    // The same batch run once, into the same folder (so packet paths are the same).
    for name in out.contents where name.hasSuffix(".zip") || name.hasPrefix("report") {
      try FileManager.default.removeItem(atPath: out.file(name))
    }
    let single = try cli("batch", profiles, "-o", out.path, "--quiet", "--jobs", "2")
    #expect(single.status == 65, "\(single.stderr)")
    #expect(merge.status == single.status)
    #expect(merged.json != nil && merged.json == bytes(out.file("report.json")), "report.json differs from one run's")
    #expect(merged.csv != nil && merged.csv == bytes(out.file("report.csv")), "report.csv differs from one run's")
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.filter { $0.status == "failed" }.count == broken.count)
  }

  @Test func aMergeOfShardsThatAllSucceedExitsZero() throws {
    let out = try TempDir()
    let fixtures = try allFixtures().filter { !$0.hasSuffix("pgwp-ineligible.json") }
    for k in 0..<3 {
      let r = try run(tool, ["batch"] + fixtures + ["-o", out.path, "--quiet", "--shard", "\(k)/3"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let merge = try cli("report", "merge", out.path, "--quiet")
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(merge.stderr.isEmpty)
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.input) == fixtures)
    #expect(report.shard == nil)
  }

  @Test func aMissingDuplicatedOrMismatchedShardIsRefusedAndNamed() throws {
    let inputs = try TempDir()
    let (profiles, _) = try syntheticProfiles(inputs, n: 9, broken: 0)
    let out = try TempDir()
    _ = try shards(profiles, into: out)
    let fm = FileManager.default
    func refused(_ why: String, _ expected: String) throws {
      let r = try cli("report", "merge", out.path)
      #expect(r.status == 65, "\(why): exit \(r.status)")
      #expect(r.stderr.contains(expected), "\(why): \(r.stderr)")
      #expect(!fm.fileExists(atPath: out.file("report.json")), "\(why): a report was written")
    }
    let keep = out.file("keep.json")
    try fm.moveItem(atPath: out.file("report-2-of-4.json"), toPath: keep)
    try refused("missing", "error: report-2-of-4.json: missing (part 2 of 4)")

    try fm.copyItem(atPath: out.file("report-1-of-4.json"), toPath: out.file("report-2-of-4.json"))
    try refused("duplicated", "error: report-2-of-4.json: says it is part 1/4, not 2/4")
    try fm.removeItem(atPath: out.file("report-2-of-4.json"))
    try fm.moveItem(atPath: keep, toPath: out.file("report-2-of-4.json"))

    let r3 = try cli("batch", profiles, "-o", out.path, "--quiet", "--shard", "0/3", "--force")
    #expect(r3.status == 0, "\(r3.stderr)")
    try refused("another N", "error: report-0-of-3.json: part of 3 shards, but the other reports are parts of 4\n")
    try fm.removeItem(atPath: out.file("report-0-of-3.json"))

    let text = try String(contentsOfFile: out.file("report-3-of-4.json"), encoding: .utf8)
    let catalogLine = text.split(separator: "\n").first { $0.contains("\"catalogVersion\"") }!
    try text.replacingOccurrences(of: catalogLine, with: "  \"catalogVersion\": \"1999.01.01-1\",")
      .write(toFile: out.file("report-3-of-4.json"), atomically: true, encoding: .utf8)
    try refused("another catalog", "error: report-3-of-4.json: made with catalog 1999.01.01-1, but the other reports with 20")

    try String(text.prefix(text.count / 2)).write(toFile: out.file("report-3-of-4.json"), atomically: true, encoding: .utf8)
    try refused("cut short", "error: report-3-of-4.json: not a JSON report")

    // A part whose rows cannot be the positions it claims (9 inputs: parts of 3, 2, 2, 2; part 3 cut to 1).
    var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    object["inputs"] = Array((object["inputs"] as! [Any]).dropLast())
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: out.file("report-3-of-4.json")))
    try refused("short", "error: report-3-of-4.json: lists 1 inputs, but part 3 of 4 must hold 2 (part 0 lists 3)")
  }

  @Test func aFolderWithoutShardReportsIsRefused() throws {
    let out = try TempDir()
    let none = try cli("report", "merge", out.path)
    #expect(none.status == 65)
    #expect(none.stderr.contains("no report-K-of-N.json to merge"), "\(none.stderr)")
    let missing = try cli("report", "merge", out.file("nowhere"))
    #expect(missing.status == 66, "\(missing.stderr)")
  }
}
