import Foundation
import Testing

@Suite("--encrypt: AES-256 packets that 7-Zip and bsdtar open only with the password")
struct EncryptTests {
  let names = [
    "00-cover-sheet.html", "01-document-checklist.html", "02-fee-breakdown.html", "03-cover-letter.html",
    "05-program-summary.html", "forms/IMM-5710-data.html", "forms/IMM-5476-data.html", "plan.json", "manifest.xml",
  ]

  /// The PGWP fixture's packet, encrypted with the password file holding `fileText`: the
  /// zip's path and the password file's.
  private func encrypted(passwordFile fileText: String) throws -> (zip: String, passwordFile: String, dirs: [TempDir]) {
    let dir = try TempDir()
    try Data(fileText.utf8).write(to: URL(fileURLWithPath: dir.file("pw")))
    let out = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", out.path, "--encrypt", "--password-file", dir.file("pw"))
    #expect(r.status == 0, "\(r.stderr)")
    return (out.file("2026-0142.zip"), dir.file("pw"), [dir, out])
  }

  @Test func sevenZipAndBsdtarOpenItOnlyWithThePassword() throws {
    let (zip, passwordFile, dirs) = try encrypted(passwordFile: "correct horse battery\n")
    defer { withExtendedLifetime(dirs) {} }  // the folders are removed when released
    #expect(try FileManager.default.attributesOfItem(atPath: zip)[.posixPermissions] as? Int == 0o600)

    let right = try run("/usr/bin/env", ["7z", "t", "-pcorrect horse battery", zip])
    #expect(right.status == 0 && right.stdout.contains("Everything is Ok"), "\(right.stdout)")
    let wrong = try run("/usr/bin/env", ["7z", "t", "-pcorrect horse", zip])
    #expect(wrong.status != 0)
    #expect(wrong.stderr.contains("Wrong password"), "\(wrong.stderr)")
    let listing = try run("/usr/bin/env", ["7z", "l", "-slt", "-pcorrect horse battery", zip])
    #expect(listing.stdout.components(separatedBy: "Method = AES-256 Deflate").count - 1 == names.count)

    #expect(try run("/usr/bin/env", ["bsdtar", "-tf", zip]).stdout == names.joined(separator: "\n") + "\n")
    let plan = try run("/usr/bin/env", ["bsdtar", "-xOf", zip, "--passphrase", "correct horse battery", "plan.json"])
    #expect(plan.status == 0 && plan.stdout.contains("\"code\" : \"C43\""))
    #expect(try run("/usr/bin/env", ["bsdtar", "-xOf", zip, "--passphrase", "wrong", "plan.json"]).status != 0)

    let verified = try cli("verify", zip, "--password-file", passwordFile)
    #expect(verified.status == 0 && verified.stdout.contains(", encrypted)"), "\(verified.stderr)")
    let locked = try cli("verify", zip)
    #expect(locked.status == 77 && locked.stderr.contains("give --password-file FILE or --password-env NAME"))
  }

  /// A password file written on Windows ends in "\r\n": both are dropped, and nothing else
  /// (as characters "\r\n" is one, and dropping two took the password's last letter too).
  @Test func aPasswordFileEndingInCRLFGivesThePasswordWithoutTheLineBreak() throws {
    let (zip, _, dirs) = try encrypted(passwordFile: "pass word\r\n")
    defer { withExtendedLifetime(dirs) {} }  // the folders are removed when released
    let right = try run("/usr/bin/env", ["7z", "t", "-ppass word", zip])
    #expect(right.status == 0 && right.stdout.contains("Everything is Ok"), "\(right.stdout)")
    #expect(try run("/usr/bin/env", ["7z", "t", "-ppass wor", zip]).status != 0)
  }

  @Test func thePasswordMayComeFromAnEnvironmentVariable() throws {
    let out = try TempDir()
    let env = ["IMP_TEST_PACKET_PASSWORD": "from the environment"]
    let r = try cli(
      "generate", fixturePath("pgwp-eligible"), "-o", out.path, "--encrypt", "--password-env", "IMP_TEST_PACKET_PASSWORD",
      env: env)
    #expect(r.status == 0, "\(r.stderr)")
    let zip = out.file("2026-0142.zip")
    #expect(try run("/usr/bin/env", ["7z", "t", "-pfrom the environment", zip]).status == 0)
    #expect(try cli("verify", zip, "--password-env", "IMP_TEST_PACKET_PASSWORD", env: env).status == 0)
    let wrong = try cli("verify", zip, "--password-env", "IMP_TEST_PACKET_PASSWORD", env: ["IMP_TEST_PACKET_PASSWORD": "guess"])
    #expect(wrong.status == 77 && wrong.stderr.contains("wrong password") && !wrong.stderr.contains("guess"))
  }

  @Test func aPasswordProblemIsAUsageErrorThatWritesNothingAndNeverEchoesIt() throws {
    let dir = try TempDir()
    try Data().write(to: URL(fileURLWithPath: dir.file("empty")))
    try Data("hunter2".utf8).write(to: URL(fileURLWithPath: dir.file("pw")))
    let out = dir.file("out")
    let cases: [([String], [String: String], String)] = [
      (["--encrypt"], [:], "--encrypt needs --password-file FILE or --password-env NAME"),
      (["--password-file", dir.file("pw")], [:], "--password-file and --password-env go with --encrypt"),
      (["--encrypt", "--password-file", dir.file("pw"), "--password-env", "P"], ["P": "hunter2"], "not both"),
      (["--encrypt", "--password-file", dir.file("none")], [:], "cannot read the file"),
      (["--encrypt", "--password-file", dir.file("empty")], [:], "the password is empty"),
      (["--encrypt", "--password-env", "IMP_TEST_UNSET_VARIABLE"], [:], "the variable is not set"),
      (["--encrypt", "--password-env", "P", "--password", "hunter2"], ["P": "x"], "Unknown option '--password'"),
    ]
    for (options, env, message) in cases {
      let r = try run(tool, ["generate", fixturePath("pgwp-eligible"), "-o", out] + options, env: env)
      #expect(r.status == 64, "\(options)")
      #expect(r.stderr.contains(message), "\(options): \(r.stderr)")
      #expect(!r.stderr.contains("hunter2") || options.contains("--password"), "\(options) echoed the password")
      #expect(!FileManager.default.fileExists(atPath: out), "\(options) created the output folder")
    }
  }
}
