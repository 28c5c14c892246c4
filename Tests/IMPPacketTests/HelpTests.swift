import Foundation
import Testing

/// What a newcomer reads first: the help texts, the error prefix and the exit code of a
/// file that is not there.
@Suite struct HelpTests {
  @Test func helpListsOnlyOptionsThatDoSomething() throws {
    let categories = try cli("categories", "--help")
    #expect(categories.status == 0)
    #expect(categories.stdout.contains("--catalog"))
    for idle in ["--as-of", "--templates", "--quiet"] {
      #expect(!categories.stdout.contains(idle), "categories --help lists \(idle), which does nothing there")
    }
    let check = try cli("templates", "check", "--help")
    #expect(check.stdout.contains("--catalog") && check.stdout.contains("--quiet"))
    for idle in ["--as-of", "--templates"] {
      #expect(!check.stdout.contains(idle), "templates check --help lists \(idle), which does nothing there")
    }
  }

  @Test func eachDefaultIsSaidOnce() throws {
    let batch = try cli("batch", "--help")
    let text = batch.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
    #expect(text.contains("Worker processes (default: the number of cores)."))
    #expect(!text.contains("(default: the number of cores). (default:"))
  }

  @Test func everyErrorStartsTheSameWay() throws {
    let out = try TempDir()
    let usage = try cli("batch", fixturePath("ict"), "-o", out.path, "--jobs", "0")
    #expect(usage.status == 64)
    #expect(usage.stderr.hasPrefix("error: --jobs: expected 1 to 256 "), "\(usage.stderr)")  // on up to 64 cores
    #expect(usage.stderr.contains("got 0\n"), "\(usage.stderr)")
    let unknown = try cli("plan", fixturePath("ict"), "--jsno")
    #expect(unknown.status == 64)
    #expect(unknown.stderr.hasPrefix("error: Unknown option '--jsno'"), "\(unknown.stderr)")
    #expect(!unknown.stderr.contains("Error:"))
  }

  /// `generate` makes its output folder once a profile reads: broken profiles alone leave
  /// none behind (an empty folder, before); one that cannot be made is still one error.
  @Test func generateOfBrokenProfilesOnlyMakesNoFolder() throws {
    let dir = try TempDir()
    let broken = dir.file("broken.json")
    try Data("{\"schemaVersion\": 1}".utf8).write(to: URL(fileURLWithPath: broken))
    let r = try cli("generate", broken, "-o", dir.file("out"))
    #expect(r.status == 65, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    let both = try cli("generate", broken, fixturePath("ict"), "-o", dir.file("out"))
    #expect(both.status == 65 && FileManager.default.fileExists(atPath: dir.file("out/2026-0217.zip")), "\(both.stderr)")
    try Data().write(to: URL(fileURLWithPath: dir.file("file")))
    let notAFolder = try cli("generate", fixturePath("ict"), fixturePath("bowp"), "-o", dir.file("file"))
    #expect(notAFolder.status == 73)
    #expect(notAFolder.stderr.components(separatedBy: "error:").count == 2, "\(notAFolder.stderr)")
  }

  /// `--templates` given a file: said in words, not as "NSCocoaErrorDomain error 256".
  @Test func aTemplatesOptionThatNamesAFileSaysSo() throws {
    let r = try cli("plan", fixturePath("ict"), "--templates", fixturePath("ict"))
    #expect(r.status == 78, "\(r.stderr)")
    #expect(r.stderr.contains("is a file; --templates names the folder of the templates"), "\(r.stderr)")
    #expect(!r.stderr.contains("NSCocoaErrorDomain"))
  }

  @Test func aFileThatIsNotThereExits66WhateverItIs() throws {
    let dir = try TempDir()
    let missing = dir.file("missing.json")
    for args in [
      ["plan", missing], ["fees", missing], ["assess", missing], ["validate", missing], ["validate", fixturePath("ict"), missing],
      ["generate", missing, "-o", dir.file("out")], ["employer", missing, "-o", dir.file("out")],
      ["verify", dir.file("missing.zip")],
    ] {
      let r = try run(tool, args)
      #expect(r.status == 66, "\(args.joined(separator: " ")): exit \(r.status)")
      #expect(r.stderr.hasPrefix("error: \(args[0] == "verify" ? dir.file("missing.zip") : missing): "), "\(r.stderr)")
    }
    // A file that is there but wrong stays 65, and with both the worst (66) wins.
    let wrong = try cli("validate", repositoryRoot.appendingPathComponent("examples/client.json").path)
    #expect(wrong.status == 65)
    let both = try cli("validate", repositoryRoot.appendingPathComponent("examples/client.json").path, missing)
    #expect(both.status == 66)
  }
}
