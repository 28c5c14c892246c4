import Foundation
import Testing

/// What the eligible fixture holds that identifies its applicant or representative.
let personalValues = [
  "García", "María", "G12345678", "1998-04-12", "12 April 1998", "maria@example.com", "1234-5678", "Alex Tremblay",
  "R710392",
]

/// Messages may name a case id, a file and a field path, never the applicant's data.
func expectNothingPersonal(_ r: Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  for value in personalValues {
    #expect(!r.stderr.contains(value), "\(what): stderr shows \(value)", sourceLocation: sourceLocation)
    #expect(!r.stdout.contains(value), "\(what): stdout shows \(value)", sourceLocation: sourceLocation)
  }
}

@Suite("Never half-written: a failure at any step leaves no file behind and nothing personal in messages")
struct FailureTests {
  @Test func aDiskThatFillsUpMidWriteLeavesNothing() throws {
    let out = try TempDir()
    // A 4 KiB file-size limit makes write(2) fail with EFBIG part-way through the packet,
    // as a full disk would, even for root; SIGXFSZ is ignored so the error is returned.
    let limited = #"trap "" XFSZ; ulimit -f 4; exec "$0" "$@""#
    let r = try run("/bin/bash", ["-c", limited, tool, "generate", fixturePath("pgwp-eligible"), "-o", out.path])
    #expect(r.status == 73)
    #expect(r.stderr.contains("cannot write \(out.file("2026-0142.zip")): File too large"), "\(r.stderr)")
    #expect(out.contents == [])  // neither the packet nor its temporary file
    expectNothingPersonal(r, "disk full")
  }

  @Test func aFolderThatCannotBeCreatedLeavesNothing() throws {
    let dir = try TempDir()
    try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: dir.file("plain")))
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.file("plain/packets"))
    #expect(r.status == 73)
    #expect(r.stderr == "error: cannot create \(dir.file("plain/packets")): Not a directory\n")
    #expect(dir.contents == ["plain"])
    expectNothingPersonal(r, "folder")
  }

  @Test func aReplaceThatFailsAfterWritingRemovesItsTemporaryFile() throws {
    let out = try TempDir()
    // The packet is written in full to a temporary file, then renamed onto a folder: rename fails.
    try FileManager.default.createDirectory(atPath: out.file("2026-0142.zip"), withIntermediateDirectories: false)
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path, "--force")
    #expect(r.status == 73)
    #expect(r.stderr.contains("cannot write \(out.file("2026-0142.zip")): Is a directory"), "\(r.stderr)")
    #expect(out.contents == ["2026-0142.zip"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.file("2026-0142.zip")).isEmpty)
    expectNothingPersonal(r, "rename")
  }

  @Test func successAndVerifyMessagesNameTheCaseNotThePerson() throws {
    let out = try TempDir()
    let generated = try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path)
    #expect(generated.status == 0 && generated.stdout.contains("2026-0142.zip"))
    expectNothingPersonal(generated, "generate")
    let verified = try cli("verify", out.file("2026-0142.zip"))
    #expect(verified.status == 0 && verified.stdout.contains("case 2026-0142"))
    expectNothingPersonal(verified, "verify")
    let again = try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path)
    #expect(again.status == 73)
    expectNothingPersonal(again, "exists")
  }

  @Test func notEligibleMessagesGiveRulesNotIdentity() throws {
    let out = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-ineligible"), "-o", out.path)
    #expect(r.status == 2 && r.stderr.contains("pgwp.program-length"))
    for value in ["Okafor", "Chidi", "A09876543", "2000-08-20", "20 August 2000"] {
      #expect(!r.stderr.contains(value), "shows \(value)")
    }
  }
}
