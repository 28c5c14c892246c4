import Foundation
import Testing

/// Synthetic profiles from `scripts/bench-gen.py` (the benchmark's generator): `n` of them,
/// `broken` broken, as one JSON Lines file in `dir`.
func syntheticProfiles(_ dir: TempDir, n: Int, broken: Int, seed: Int = 7) throws -> (path: String, broken: [String]) {
  let path = dir.file("profiles.jsonl")
  let r = try run(
    "/usr/bin/env",
    ["python3", repositoryRoot.appendingPathComponent("scripts/bench-gen.py").path, "-n", String(n), "--broken",
     String(broken), "--seed", String(seed), "--jsonl", path])
  #expect(r.status == 0, "\(r.stderr)")
  let list = try String(contentsOfFile: path + ".broken", encoding: .utf8)
  return (path, list.split(separator: "\n").map(String.init))
}

/// `report.json` read back.
struct BatchReport: Decodable {
  struct Row: Decodable, Equatable {
    struct Fees: Decodable, Equatable {
      var applicant: String?
      var employer: String?
    }
    struct Issue: Decodable, Equatable {
      var path: String?
      var rule: String?
      var message: String
    }
    var input: String
    var status: String
    var exitCode: Int
    var caseId: String?
    var category: String?
    var code: String?
    var eligible: Bool?
    var fees: Fees
    var output: String?
    var errors: [Issue]
  }
  struct Summary: Decodable, Equatable {
    var profiles: Int
    var packets: Int
    var skipped: Int
    var failed: Int
    var exitCode: Int
  }
  var tool: String
  var templatesSHA256: String
  var shard: String?
  var inputs: [Row]
  var summary: Summary

  init(_ path: String) throws {
    self = try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

/// Every packet in `dir`, by file name, with its bytes.
func packets(in dir: String) throws -> [String: Data] {
  var out: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".zip") {
    out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
  }
  return out
}

@Suite("batch: many profiles, a report of every input")
struct BatchTests {
  @Test func aBatchWithBrokenProfilesFinishesTheOthersAndNamesTheBroken() throws {
    let data = try TempDir()
    let (profiles, broken) = try syntheticProfiles(data, n: 40, broken: 5)
    let out = try TempDir()
    let r = try cli("batch", profiles, "-o", out.path, "--jobs", "2")
    #expect(r.status == 65, "\(r.stderr)")  // the worst: invalid profiles (65) above ineligible (2)

    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.input) == (1...40).map { "\(profiles):\($0)" })
    #expect(Set(report.inputs.filter { $0.status == "failed" }.map(\.input)) == Set(broken))
    #expect(report.summary == .init(profiles: 40, packets: 35, skipped: 0, failed: 5, exitCode: 65))
    #expect(try packets(in: out.path).count == 35)
    // Each failure says why, with the profile's path, the rule, or the message.
    let failed = Dictionary(uniqueKeysWithValues: report.inputs.filter { $0.status == "failed" }.map { ($0.input, $0) })
    #expect(failed[broken[0]]?.errors.first?.path == "applicant.dateOfBirth")
    #expect(failed[broken[1]]?.errors.first?.path == "applicant.givenName")
    #expect(failed[broken[2]]?.exitCode == 2 && failed[broken[2]]?.errors.first?.rule != nil)
    #expect(failed[broken[3]]?.errors.first?.message.contains("C23 is Reciprocal employment: performing arts") == true)
    #expect(failed[broken[4]]?.errors.first?.message.hasPrefix("not valid JSON") == true)
    // On stderr too, one line per failure, nothing personal beyond the field to fix.
    #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 5)

    let ok = try #require(report.inputs.first { $0.status == "ok" })
    #expect(ok.output == out.file("\(ok.caseId!).zip") && ok.code != nil && ok.fees.applicant != nil)
    let check = try checkPacket(try #require(ok.output))
    #expect(check.problems == [])

    // The CSV holds the same rows.
    let csv = try String(contentsOfFile: out.file("report.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    let header =
      "input,status,exit_code,case_id,category,code,eligible,applicant_total,employer_total,fees_to_check,output,errors,"
      + "family_members,family_applicant_total,family_employer_total,family_codes"
    #expect(lines.first.map(String.init) == header)
    #expect(lines.count == 41)
    #expect(lines.filter { $0.contains(",failed,") }.count == 5)
  }

  /// A family's row: the members, their codes and the family totals by payer, appended
  /// after the columns that were there before; read back with Python's csv module.
  @Test func aFamilysRowGivesItsMembersCodesAndTheFamilyTotals() throws {
    let out = try TempDir()
    let r = try cli(
      "batch", fixturePath("family-example-s9"), fixturePath("family-ict"), fixturePath("pgwp-eligible"), "-o", out.path, "--quiet")
    #expect(r.status == 0, "\(r.stderr)")
    let script = """
      import csv, json, sys
      rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
      print(json.dumps([{k: r[k] for k in ("case_id", "applicant_total", "family_members", "family_applicant_total",
          "family_employer_total", "family_codes")} for r in rows]))
      print(json.dumps(list(rows[0].keys())[:12]))
      """
    let py = try run("/usr/bin/env", ["python3", "-c", script, out.file("report.csv")])
    #expect(py.status == 0, "\(py.stderr)")
    let printed = py.stdout.split(separator: "\n")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(printed[0].utf8)) as? [[String: String]])
    let byCase = Dictionary(rows.map { ($0["case_id"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    let s9 = try #require(byCase[try caseId("family-example-s9")])
    #expect(s9["family_members"] == "2" && s9["family_codes"] == "spouse C41; child-1 study-permit")
    #expect(s9["family_applicant_total"] == "730.00" && s9["family_employer_total"] == "230.00")
    #expect(s9["applicant_total"] == "240.00")  // the principal's own column is as before
    let ict = try #require(byCase[try caseId("family-ict")])
    #expect(ict["family_members"] == "3" && ict["family_codes"] == "spouse C41; child-1 study-permit; child-2 study-permit")
    #expect(ict["family_applicant_total"] == "880.00")
    let alone = try #require(byCase[try caseId("pgwp-eligible")])
    #expect(alone["family_members"] == "0" && alone["family_codes"] == "" && alone["family_applicant_total"] == "")
    // The earlier columns keep their order.
    #expect(
      printed[1] == #"["input", "status", "exit_code", "case_id", "category", "code", "eligible", "applicant_total", "employer_total", "fees_to_check", "output", "errors"]"#)
    // report.json says the same.
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.file("report.json")))) as? [String: Any])
    let inputs = try #require(json["inputs"] as? [[String: Any]])
    let family = try #require(inputs.first { $0["caseId"] as? String == (try? caseId("family-example-s9")) }?["family"] as? [String: Any])
    #expect((family["totals"] as? [String: String]) == ["applicant": "730.00", "employer": "230.00"])
    let members = (family["members"] as? [[String: String]]) ?? []
    #expect(members == [
      ["member": "spouse", "application": "work-permit", "code": "C41"],
      ["member": "child-1", "application": "study-permit", "code": ""],
    ])
    #expect(inputs.first { $0["caseId"] as? String == (try? caseId("pgwp-eligible")) }?["family"] is NSNull)
  }

  private func caseId(_ fixture: String) throws -> String {
    let json = try #require(try loadJSON(fixturePath(fixture)) as? [String: Any])
    return try #require(json["caseId"] as? String)
  }

  @Test func batchPacketsAreTheBytesGenerateWrites() throws {
    let single = try TempDir()
    let batch = try TempDir()
    let fixtures = repositoryRoot.appendingPathComponent("Fixtures").path
    let g = try cli("generate", fixturePath("ict"), fixturePath("pgwp-eligible"), "-o", single.path)
    #expect(g.status == 0, "\(g.stderr)")
    // In another time zone too: DOS times are computed from UTC.
    let b = try cli("batch", fixtures, "-o", batch.path, "--quiet", env: ["TZ": "Pacific/Chatham"])
    // pgwp-ineligible is not eligible (2); the three employer files are not profiles (65).
    #expect(b.status == 65, "\(b.stderr)")
    let report = try BatchReport(batch.file("report.json"))
    #expect(report.inputs.count == 29)
    #expect(b.stderr.contains("employers/small.json"))
    #expect(report.inputs.map(\.input) == report.inputs.map(\.input).sorted())
    let made = try packets(in: batch.path)
    #expect(made.count == 25)
    for (name, bytes) in try packets(in: single.path) { #expect(made[name] == bytes, "\(name)") }
    #expect(b.stderr.contains("pgwp-ineligible.json: pgwp.port-of-entry"))
  }

  @Test func zipTimesDoNotDependOnTheTimeZoneEvenAcrossADSTChangeAtMidnight() throws {
    // In America/Santiago, 2026-09-06 00:00 does not exist (clocks go from 00:00 to 01:00).
    let dir = try TempDir()
    let profile = try writeProfile(dir, "dst.json", from: "ict") { json in
      var submission = json["submission"] as! [String: Any]
      submission["date"] = "2026-09-06"
      json["submission"] = submission
      json["caseId"] = "dst-1"
    }
    var made: [Data] = []
    for tz in ["UTC", "America/Santiago"] {
      let out = try TempDir()
      let r = try cli("batch", profile, "-o", out.path, "--quiet", "--allow-ineligible", env: ["TZ": tz])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(try checkPacket(out.file("dst-1.zip")).dates == [[2026, 9, 6, 0, 0, 0]], "TZ=\(tz)")
      made.append(try Data(contentsOf: URL(fileURLWithPath: out.file("dst-1.zip"))))
    }
    #expect(made[0] == made[1])
  }

  @Test func shardsTogetherMakeExactlyTheSingleRun() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 30, broken: 3)
    let whole = try TempDir()
    _ = try cli("batch", profiles, "-o", whole.path, "--quiet", "--jobs", "3")
    let parts = try TempDir()
    var rows: [BatchReport.Row] = []
    for k in 0..<3 {
      let r = try cli("batch", profiles, "-o", parts.path, "--quiet", "--shard", "\(k)/3", "--jobs", "1")
      #expect(r.status == 65 || r.status == 2 || r.status == 0, "\(r.stderr)")
      let report = try BatchReport(parts.file("report-\(k)-of-3.json"))
      #expect(report.shard == "\(k)/3")
      rows += report.inputs
    }
    // Byte for byte the same packets, each made by exactly one shard.
    let single = try packets(in: whole.path)
    #expect(single.count == 27)
    #expect(try packets(in: parts.path) == single)
    // The rows of the shards are the rows of the single run.
    let report = try BatchReport(whole.file("report.json"))
    let byInput = { (r: [BatchReport.Row]) in Dictionary(uniqueKeysWithValues: r.map { ($0.input, $0) }) }
    let sharded = byInput(rows).mapValues { row in
      var row = row
      row.output = row.output?.replacingOccurrences(of: parts.path, with: whole.path)
      return row
    }
    #expect(sharded == byInput(report.inputs))
  }

  @Test func theReportIsTheSameWhateverTheNumberOfThreads() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 25, broken: 2, seed: 11)
    let one = try TempDir()
    let four = try TempDir()
    _ = try cli("batch", profiles, "-o", one.path, "--quiet", "--jobs", "1")
    _ = try cli("batch", profiles, "-o", four.path, "--quiet", "--jobs", "4")
    let a = try String(contentsOfFile: one.file("report.csv"), encoding: .utf8)
    let b = try String(contentsOfFile: four.file("report.csv"), encoding: .utf8)
    #expect(a.replacingOccurrences(of: one.path, with: "OUT") == b.replacingOccurrences(of: four.path, with: "OUT"))
    #expect(try packets(in: one.path) == packets(in: four.path))
  }

  @Test func resumeSkipsCurrentPacketsAndNeverOverwritesOthers() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 12, broken: 0)
    let out = try TempDir()
    #expect(try cli("batch", profiles, "-o", out.path, "--quiet").status == 0)
    let first = try packets(in: out.path)

    let again = try cli("batch", profiles, "-o", out.path, "--resume")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("12 profiles: 0 packets written, 12 skipped, 0 failed"))
    let skipped = try BatchReport(out.file("report.json"))
    #expect(skipped.inputs.allSatisfy { $0.status == "skipped" && $0.code != nil && $0.output != nil })

    // Without --resume an existing packet is an error, as in generate.
    let plain = try cli("batch", profiles, "-o", out.path, "--quiet")
    #expect(plain.status == 73 && plain.stderr.contains("already exists (use --force to replace it)"), "\(plain.stderr)")
    // The report names the rule, and leaves how to replace it to whoever reads it.
    let refused = try BatchReport(out.file("report.json"))
    #expect(refused.inputs.allSatisfy { $0.errors.first?.rule == "output.exists" && $0.errors.first?.message.contains("--force") == false })

    // A profile that changed: its old packet is not current, and is kept unless --force.
    var lines = try String(contentsOfFile: profiles, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[3] = lines[3].replacingOccurrences(of: "\"language\": \"en\"", with: "\"language\": \"en\", \"x-note\": 1")
    try (lines.joined(separator: "\n") + "\n").write(toFile: profiles, atomically: true, encoding: .utf8)
    let changed = try cli("batch", profiles, "-o", out.path, "--resume", "--quiet")
    #expect(changed.status == 73, "\(changed.stderr)")
    #expect(changed.stderr.contains("was made from another profile"))
    #expect(changed.stderr.contains("(use --force to replace it)"))
    #expect(try packets(in: out.path) == first)
    let forced = try cli("batch", profiles, "-o", out.path, "--resume", "--force", "--quiet")
    #expect(forced.status == 0, "\(forced.stderr)")
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.status) == Array(repeating: "skipped", count: 3) + ["ok"] + Array(repeating: "skipped", count: 8))

    // Other templates: no packet is current.
    let templates = try brokenTemplates("cover-letter.xhtml", replacing: "</body>", with: "<p>Our letterhead</p></body>")
    let other = try cli("batch", profiles, "-o", out.path, "--resume", "--templates", templates.path, "--quiet")
    #expect(other.status == 73)
    #expect(try BatchReport(out.file("report.json")).inputs.allSatisfy { $0.status == "failed" })
  }

  /// `--resume` reads an existing packet whole, as `verify` does: one damaged since it was
  /// made (a flipped byte in a deflated file) is not skipped as current but refused, kept,
  /// and named with what is wrong; `--force` makes it again, intact.
  @Test func resumeDoesNotKeepADamagedPacket() throws {
    let out = try TempDir()
    #expect(try cli("batch", fixturePath("ict"), "-o", out.path, "--quiet").status == 0)
    let zip = out.file("2026-0217.zip")
    let flip = try run(
      "/usr/bin/env",
      ["python3", "-c", """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1]); i = next(i for i in z.infolist() if i.filename == "03-cover-letter.html")
        data = bytearray(open(sys.argv[1], "rb").read())
        start = i.header_offset + 30 + len(i.filename.encode()) + int.from_bytes(data[i.header_offset + 28:i.header_offset + 30], "little")
        data[start + i.compress_size // 2] ^= 0x55
        open(sys.argv[1], "wb").write(data)
        """, zip])
    #expect(flip.status == 0, "\(flip.stderr)")
    let damaged = try Data(contentsOf: URL(fileURLWithPath: zip))
    #expect(try cli("verify", zip).status == 65)

    let resumed = try cli("batch", fixturePath("ict"), "-o", out.path, "--resume", "--quiet")
    #expect(resumed.status == 73, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("made from this profile, but is no longer intact (damaged: 03-cover-letter.html"), "\(resumed.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: zip)) == damaged)
    let forced = try cli("batch", fixturePath("ict"), "-o", out.path, "--resume", "--force", "--quiet")
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try cli("verify", zip).status == 0)
  }

  @Test func foldersAreSearchedInAFixedOrderAndTheOutputFolderIsSkipped() throws {
    let root = try TempDir()
    let fm = FileManager.default
    for sub in ["b", "a/z", "a/y", ".hidden"] { try fm.createDirectory(atPath: root.file(sub), withIntermediateDirectories: true) }
    let fixture = try Data(contentsOf: URL(fileURLWithPath: fixturePath("ict")))
    func place(_ path: String, caseId: String) throws {
      let text = String(decoding: fixture, as: UTF8.self).replacingOccurrences(of: "\"2026-0217\"", with: "\"\(caseId)\"")
      try text.write(toFile: root.file(path), atomically: true, encoding: .utf8)
    }
    try place("b/1.json", caseId: "c5")
    try place("a/z/1.json", caseId: "c3")
    try place("a/y/2.json", caseId: "c2")
    try place("a/0.json", caseId: "c1")
    try place("a/z/notes.txt", caseId: "x")
    try place(".hidden/x.json", caseId: "x")
    try place("top.json", caseId: "c6")
    let out = root.file("packets")
    let r = try cli("batch", root.path, root.file("missing.json"), "-o", out, "--quiet")
    // A file that is not there: 66, as `generate` says of it (and the README's exit codes).
    #expect(r.status == 66, "\(r.stderr)")
    #expect(try cli("generate", root.file("missing.json"), "-o", root.file("one")).status == 66)
    // The path once, then why: "…/missing.json: cannot read it: No such file or directory".
    #expect(r.stderr.contains("missing.json: cannot read it: No such file or directory"), "\(r.stderr)")
    let report = try BatchReport(out + "/report.json")
    #expect(report.inputs.last?.exitCode == 66)
    #expect(
      report.inputs.map(\.input) == [
        "a/0.json", "a/y/2.json", "a/z/1.json", "b/1.json", "top.json", "missing.json",
      ].map { root.file($0) })
    #expect(report.inputs.compactMap(\.caseId) == ["c1", "c2", "c3", "c5", "c6"])
    // Once more: the reports now in packets/ are not read as profiles.
    let again = try cli("batch", root.path, "-o", out, "--resume", "--quiet")
    #expect(again.status == 0, "\(again.stderr)")
  }

  @Test func progressIsPlainLinesWhenNotATerminalAndNothingWithQuiet() throws {
    let out = try TempDir()
    let r = try cli("batch", fixturePath("ict"), fixturePath("bowp"), "-o", out.path)
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("batch: 2/2 done"))
    #expect(r.stderr.contains("2 profiles: 2 packets written, 0 skipped, 0 failed in "))
    #expect(r.stderr.contains("report: \(out.file("report.json")), \(out.file("report.csv"))"))
    let quiet = try TempDir()
    let q = try cli("batch", fixturePath("ict"), "-o", quiet.path, "--quiet")
    #expect(q.status == 0 && q.stderr.isEmpty && q.stdout.isEmpty)
  }

  @Test func badShardsAndJobsAreUsageErrors() throws {
    let out = try TempDir()
    for args in [["--shard", "3/3"], ["--shard", "1"], ["--shard", "-1/2"], ["--jobs", "0"]] {
      let r = try run(tool, ["batch", fixturePath("ict"), "-o", out.path] + args)
      #expect(r.status == 64, "\(args)")
    }
    #expect(out.contents.isEmpty)
  }

  /// The output folder is not searched for profiles, so given as the input too it was a
  /// batch of nothing that exited 0; now it is a usage error that says why. An empty `-o`
  /// is refused rather than taken as the current folder.
  @Test func theOutputFolderAsTheInputOrAnEmptyOutputIsAUsageError() throws {
    let dir = try TempDir()
    try FileManager.default.copyItem(atPath: fixturePath("ict"), toPath: dir.file("ict.json"))
    let same = try cli("batch", dir.path, "-o", dir.path)
    #expect(same.status == 64, "\(same.stderr)")
    #expect(same.stderr.contains("is also the output folder (-o)"), "\(same.stderr)")
    #expect(dir.contents == ["ict.json"])
    let empty = try cli("batch", dir.path, "-o", "")
    #expect(empty.status == 64 && empty.stderr.contains("--output: expected a folder, got an empty path"), "\(empty.stderr)")
    let generate = try cli("generate", fixturePath("ict"), "-o", "")
    #expect(generate.status == 64, "\(generate.stderr)")
  }

  /// A file name (or a case id) starting with `=`, `+`, `-` or `@` reaches report.csv as
  /// text, not as a formula a spreadsheet would run; Python's csv reads it back so. The
  /// tool's own cells (status, exit code) are as they are, and report.json keeps the names.
  @Test func reportCSVCellsFromTheInputsAreNotFormulas() throws {
    let dir = try TempDir()
    try FileManager.default.copyItem(atPath: fixturePath("ict"), toPath: dir.file("=1+2.json"))
    try Data("{\"caseId\": \"@SUM(A1)\"}".utf8).write(to: URL(fileURLWithPath: dir.file("@broken.json")))
    let out = try TempDir()
    let r = try run(tool, ["batch", "=1+2.json", "@broken.json", "-o", out.file("o"), "--quiet"], directory: URL(fileURLWithPath: dir.path))
    #expect(r.status == 65, "\(r.stderr)")
    let read = try run(
      "/usr/bin/env",
      ["python3", "-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=''))); print('\\n'.join(r[0]+'|'+r[1]+'|'+r[2] for r in rows[1:]))", out.file("o/report.csv")])
    let lines = read.stdout.split(separator: "\n").map(String.init).sorted()
    #expect(lines == ["'=1+2.json|ok|0", "'@broken.json|failed|65"], "\(read.stdout) \(read.stderr)")
    let report = try BatchReport(out.file("o/report.json"))
    #expect(report.inputs.map(\.input) == ["=1+2.json", "@broken.json"])
  }

  /// A FIFO (or `<(…)`) given to batch: the case-id pass read it to its end, then the worker
  /// waited on it for ever, deaf to SIGTERM. Now it is a failed row that says why, at once,
  /// and the other profiles still make their packets.
  @Test func aPipeGivenAsAProfileIsAFailedRowNotAHang() throws {
    let dir = try TempDir()
    let fifo = dir.file("client.json")
    #expect(mkfifo(fifo, 0o600) == 0)
    let out = try TempDir()
    let r = try run("/usr/bin/env", ["timeout", "60", tool, "batch", fifo, fixturePath("ict"), "-o", out.file("o"), "--quiet"])
    // Not a file batch can read: 66, an input that cannot be read.
    #expect(r.status == 66, "\(r.status) \(r.stderr)")
    // The row names the file once: "PATH: not a regular file …".
    #expect(r.stderr.contains("\(fifo): not a regular file (a pipe or a device)"), "\(r.stderr)")
    #expect(!r.stderr.contains("\(fifo) is not"), "\(r.stderr)")
    let report = try BatchReport(out.file("o/report.json"))
    #expect(report.inputs.map(\.status) == ["failed", "ok"])
  }

  /// A million jobs was a million threads before the first packet (one profile took minutes
  /// and ignored SIGTERM); now it is refused at once, naming the range, and nothing is made.
  @Test func moreJobsThanTheBatchTakesIsAUsageErrorBeforeAnythingStarts() throws {
    let out = try TempDir()
    let folder = out.file("packets")
    let started = ContinuousClock.now
    let r = try cli("batch", fixturePath("ict"), "-o", folder, "--jobs", "1000000")
    #expect(ContinuousClock.now - started < .seconds(20))
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("error: --jobs: expected 1 to "), "\(r.stderr)")
    #expect(r.stderr.contains("got 1000000"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder))
  }

  /// A line far longer than a profile may be is refused as a file of that size is, without
  /// being held whole (the reader keeps one byte past the limit) or scanned again for its
  /// line break with every block (100 MB took over a minute); the lines around it still
  /// make their packets, numbered as they are in the file.
  @Test func anOverlongLineIsRefusedLikeABigFileAndTheNextLinesStillMakePackets() throws {
    let dir = try TempDir()
    let one = try String(contentsOfFile: fixturePath("ict"), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
    let path = dir.file("long.jsonl")
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.write(Data((one + "\n").utf8))
    let chunk = Data(repeating: UInt8(ascii: "A"), count: 1 << 20)
    handle.write(Data("{\"caseId\": \"".utf8))
    for _ in 0..<8 { handle.write(chunk) }  // 8 MB on one line, over the 5 MB a profile may be
    handle.write(Data("\"}\r\n\n".utf8))
    handle.write(Data(one.replacingOccurrences(of: "2026-0217", with: "2026-0218").utf8))  // the last line, no break
    try handle.close()
    let out = try TempDir()
    let r = try cli("batch", path, "-o", out.path, "--quiet")
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("long.jsonl:2: the file is larger than 5 MB"), "\(r.stderr)")
    let report = try BatchReport(out.file("report.json"))
    #expect(report.inputs.map(\.input) == ["\(path):1", "\(path):2", "\(path):4"])
    #expect(report.inputs.map(\.status) == ["ok", "failed", "ok"])
    #expect(report.inputs.map(\.caseId) == ["2026-0217", nil, "2026-0218"])
  }
}
