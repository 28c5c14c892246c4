import Foundation
import Testing

/// Packets written by another tool to attack `verify`: unsafe names, a manifest that lists
/// itself, and sizes meant to make it slow. Each gets a message and exit 65 in seconds.
@Suite("verify against hostile packets")
final class HostilePacketTests {
  let dir: TempDir
  let made: Bool

  /// Each test gets the hostile zips, made from a fresh packet.
  init() throws {
    dir = try TempDir()
    let packet = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path, "--quiet")
    let script = repositoryRoot.appendingPathComponent("Tests/Inputs/hostile/make-zips.py").path
    let r = try run("/usr/bin/env", ["python3", script, dir.file("2026-0142.zip"), dir.path])
    made = packet.status == 0 && r.status == 0
  }

  func verify(_ name: String) throws -> Run {
    #expect(made)
    let start = Date()
    let r = try cli("verify", dir.file(name))
    #expect(Date().timeIntervalSince(start) < 15, "\(name) took \(Date().timeIntervalSince(start)) s")
    return r
  }

  @Test func unsafeNamesAreNeverIntact() throws {
    let listed = try verify("unsafe-listed.zip")
    #expect(listed.status == 65)
    #expect(listed.stderr.contains(#"the file name "../evil.html" holds '..', which climbs out of the folder"#), "\(listed.stderr)")
    let unlisted = try verify("unsafe-unlisted.zip")
    #expect(unlisted.status == 65)
    #expect(unlisted.stderr.contains("unsafe name: ../evil.html (holds '..', which climbs out"), "\(unlisted.stderr)")
    #expect(unlisted.stderr.contains("unsafe name: /etc/evil.html (is an absolute path)"), "\(unlisted.stderr)")
  }

  /// A symbolic link, listed with its right size and digest: once "intact", and unzip made
  /// link.html a link to /etc/passwd.
  @Test func aSymbolicLinkIsNeverIntact() throws {
    let r = try verify("symlink.zip")
    #expect(r.status == 65, "\(r.stdout) \(r.stderr)")
    #expect(r.stderr.contains("not a file: link.html (a symbolic link by its Unix mode; unzip would create it as one)"), "\(r.stderr)")
    let checker = try run(
      "/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("scripts/check-packet.py").path, dir.file("symlink.zip")])
    #expect(checker.status == 1 && checker.stdout.contains("'link.html' is not a plain file (Unix mode 120777)"), "\(checker.stdout.prefix(300))")
  }

  @Test func aManifestThatListsItselfIsRefused() throws {
    let r = try verify("lists-itself.zip")
    #expect(r.status == 65)
    #expect(r.stderr.contains("lists manifest.xml itself"), "\(r.stderr)")
  }

  /// 120,000 listed files once took 68 s and 60,000 entries 35 s; both are over the cap now.
  @Test(.timeLimit(.minutes(2))) func hugeManifestsAndZipsAreRefusedQuickly() throws {
    let listed = try verify("many-listed.zip")
    #expect(listed.status == 65 && listed.stderr.contains("manifest.xml is larger than 4000000 bytes"), "\(listed.stderr)")
    let entries = try verify("many-entries.zip")
    #expect(entries.status == 65 && entries.stderr.contains("the zip holds 60009 entries, more than 10000"), "\(entries.stderr)")
    // Just under the cap, every file is checked, in a time linear in the entries.
    let most = try verify("ten-thousand.zip")
    #expect(most.status == 0 && most.stdout.contains("intact: 9998 files match the manifest"), "\(most.stderr)")
  }

  @Test func aFolderOrADeviceCannotBeOpened() throws {
    let folder = try cli("verify", dir.path)
    #expect(folder.status == 66 && folder.stderr == "error: \(dir.path): cannot open \(dir.path): it is a folder, not a zip file\n")
    let device = try cli("verify", "/dev/zero")
    #expect(device.status == 66 && device.stderr.contains("it is a device or a pipe, not a zip file"), "\(device.stderr)")
  }

  /// Python's zipfile and html5lib agree: our own checker flags what verify flags.
  @Test func theIndependentCheckerFlagsThemToo() throws {
    #expect(made)
    let script = repositoryRoot.appendingPathComponent("scripts/check-packet.py").path
    for (name, problem) in [
      ("unsafe-listed.zip", "'../evil.html' is not a safe entry name"), ("lists-itself.zip", "manifest.xml lists itself"),
    ] {
      let r = try run("/usr/bin/env", ["python3", script, dir.file(name)])
      #expect(r.status == 1 && r.stdout.contains(problem), "\(name): \(r.stdout.prefix(300))")
    }
  }
}
