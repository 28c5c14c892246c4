import Foundation
import Testing

/// `batch --layout hashed`: packets spread over subfolders named from their file name's SHA-256.
@Suite struct LayoutTests {
  /// The first two hex digits of SHA-256(`name`), computed by Python's hashlib.
  func prefix(_ names: [String]) throws -> [String: String] {
    let script = "import hashlib,sys\nfor n in sys.argv[1:]: print(n, hashlib.sha256(n.encode()).hexdigest()[:2])"
    let r = try run("/usr/bin/env", ["python3", "-c", script] + names)
    #expect(r.status == 0, "\(r.stderr)")
    var out: [String: String] = [:]
    for line in r.stdout.split(separator: "\n") {
      let parts = line.split(separator: " ")
      out[String(parts[0])] = String(parts[1])
    }
    return out
  }

  @Test func hashedPutsEachPacketInItsSubfolderWithTheSameBytesAndTheReportSaysWhere() throws {
    let flat = try TempDir()
    let hashed = try TempDir()
    let inputs = try allFixtures().filter { !$0.hasSuffix("pgwp-ineligible.json") }
    let f = try run(tool, ["batch"] + inputs + ["-o", flat.path, "--quiet"])
    #expect(f.status == 0, "\(f.stderr)")
    let h = try run(tool, ["batch"] + inputs + ["-o", hashed.path, "--quiet", "--layout", "hashed"])
    #expect(h.status == 0, "\(h.stderr)")

    let flatPackets = try packets(in: flat.path)
    #expect(flatPackets.count == inputs.count)
    #expect(try packets(in: hashed.path).isEmpty, "hashed wrote packets into the top folder")
    let where_ = try prefix(Array(flatPackets.keys))
    let report = try BatchReport(hashed.file("report.json"))
    for row in report.inputs {
      let name = "\(row.caseId ?? "?").zip"
      let expected = "\(hashed.path)/\(where_[name] ?? "?")/\(name)"
      #expect(row.output.map { $0.hasSuffix("/\(where_[name] ?? "?")/\(name)") } == true, "\(row.output ?? "nil")")
      #expect(FileManager.default.contents(atPath: expected) == flatPackets[name], "\(expected)")
    }
    // Resume finds them where they are.
    let again = try run(tool, ["batch"] + inputs + ["-o", hashed.path, "--quiet", "--layout", "hashed", "--resume"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try BatchReport(hashed.file("report.json")).summary.skipped == inputs.count)
  }

  @Test func anUnknownLayoutIsAUsageError() throws {
    let out = try TempDir()
    let r = try cli("batch", fixturePath("ict"), "-o", out.path, "--layout", "by-date")
    #expect(r.status == 64)
    #expect(r.stderr.contains("'by-date' is invalid for '--layout <flat|hashed>'"), "\(r.stderr)")
    #expect(r.stderr.contains("one of 'flat' and 'hashed'"), "\(r.stderr)")
    #expect(out.contents.isEmpty)
  }
}
