import Foundation
import Testing

/// A command of a README transcript and the output the README shows for it.
struct TranscriptStep {
  /// `README.md:42`, where the command is written.
  var place: String
  /// A `<!-- transcript-setup: … -->` command: run, its output not compared.
  var setup: Bool
  var command: String
  var expected: [String]
}

/// The transcripts of a Markdown file, in file order.
///
/// - In a ```` ```console ```` block, a line starting with `$ ` is a command (a line ending in
///   `\` continues on the next); the lines after it, up to the next command or the end of the
///   block, are what it prints (standard output, then standard error). A command with no
///   lines after it must print nothing.
/// - An output line holding only `…` (indented or not) stands for any number of lines.
/// - `<!-- transcript-setup: COMMAND -->` (invisible when the Markdown is rendered) runs
///   COMMAND at that point without comparing its output: it makes the example files a
///   transcript talks about (`tampered.zip`, a password file) that a reader would have.
func transcripts(in file: String, named name: String? = nil) throws -> [TranscriptStep] {
  let name = name ?? URL(fileURLWithPath: file).lastPathComponent
  let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
  var steps: [TranscriptStep] = []
  var inConsole = false
  var inOtherFence = false
  var i = 0
  while i < lines.count {
    let line = lines[i]
    let place = "\(name):\(i + 1)"
    i += 1
    if line.hasPrefix("```") {
      if inConsole || inOtherFence {
        inConsole = false
        inOtherFence = false
      } else if line == "```console" {
        inConsole = true
      } else {
        inOtherFence = true
      }
      continue
    }
    if !inConsole && !inOtherFence, line.hasPrefix("<!-- transcript-setup: "), line.hasSuffix(" -->") {
      let command = line.dropFirst("<!-- transcript-setup: ".count).dropLast(" -->".count)
      steps.append(TranscriptStep(place: place, setup: true, command: String(command), expected: []))
      continue
    }
    guard inConsole else { continue }
    if line.hasPrefix("$ ") {
      var command = String(line.dropFirst(2))
      while command.hasSuffix("\\"), i < lines.count {
        command += "\n" + lines[i]
        i += 1
      }
      steps.append(TranscriptStep(place: place, setup: false, command: command, expected: []))
    } else if let last = steps.indices.last, !steps[last].setup {
      steps[last].expected.append(line)
    }
  }
  // Blank lines that end a command's output separate it from the next one.
  for i in steps.indices {
    while steps[i].expected.last?.trimmingCharacters(in: .whitespaces) == "" { steps[i].expected.removeLast() }
  }
  return steps
}

/// Whether `actual` is what `expected` shows, `…` lines standing for any number of lines.
func transcriptMatches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
  guard let first = expected.first else { return actual.isEmpty }
  if first.trimmingCharacters(in: .whitespaces) == "…" {
    let rest = expected.dropFirst()
    return actual.indices.contains { transcriptMatches(rest, actual[$0...]) } || transcriptMatches(rest, actual[actual.endIndex...])
  }
  guard let a = actual.first, a == first else { return false }
  return transcriptMatches(expected.dropFirst(), actual.dropFirst())
}

/// Output that differs between runs, made the same on both sides: a batch's time and rates.
func normalizeTranscript(_ text: String) -> String {
  var text = text
  for (pattern, template) in [
    (#"in [0-9]+\.[0-9] s \([0-9]+ profiles/s\)"#, "in T s (R profiles/s)"),
    (#" done, [0-9]+/s, "#, " done, R/s, "),
  ] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
    text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
  }
  return text
}

/// Runs every transcript of `file` in one fresh folder, as a reader following the file from
/// the top would, and records each command whose output differs from what the file shows.
/// The folder holds the repository's `Fixtures`, `examples`, `Templates`, `schema`, `scripts` and `Tests`
/// (links), `imp-packet` is the tool under test, and `~` is a folder of its own.
func checkTranscripts(of relativePath: String, minimum: Int) throws {
  let steps = try transcripts(in: repositoryRoot.appendingPathComponent(relativePath).path, named: relativePath)
  #expect(steps.filter { !$0.setup }.count >= minimum, "\(relativePath): fewer transcript commands than expected")

  let work = try TempDir()
  let fm = FileManager.default
  for name in ["Fixtures", "examples", "Templates", "schema", "scripts", "Tests"] {
    try fm.createSymbolicLink(atPath: work.file(name), withDestinationPath: repositoryRoot.appendingPathComponent(name).path)
  }
  try fm.createDirectory(atPath: work.file(".bin"), withIntermediateDirectories: true)
  try fm.createDirectory(atPath: work.file(".home"), withIntermediateDirectories: true)
  try fm.createSymbolicLink(atPath: work.file(".bin/imp-packet"), withDestinationPath: tool)

  var env = ProcessInfo.processInfo.environment
  env["PATH"] = work.file(".bin") + ":" + (env["PATH"] ?? "/usr/bin:/bin")
  env["HOME"] = work.file(".home")
  env["SOURCE_DATE_EPOCH"] = nil
  env["IMP_PACKET_RESOURCES"] = nil

  for step in steps {
    let r = try run("/bin/sh", ["-c", step.command], env: env, replacingEnvironment: true, directory: URL(fileURLWithPath: work.path))
    let text = r.stdout + r.stderr
    if step.setup {
      #expect(r.status == 0, "\(step.place): setup `\(step.command)` failed: \(text)")
      continue
    }
    var actual = normalizeTranscript(text).components(separatedBy: "\n")
    if actual.last == "" { actual.removeLast() }
    let expected = step.expected.map(normalizeTranscript)
    if !transcriptMatches(expected[...], actual[...]) {
      Issue.record(
        """
        \(step.place): `$ \(step.command)` prints what the README does not show.
        shown:
        \(step.expected.joined(separator: "\n"))
        printed:
        \(actual.joined(separator: "\n"))
        """)
    }
  }
}

@Suite struct ReadmeTranscriptTests {
  @Test func theReadmeTranscriptsAreWhatTheToolPrints() throws {
    try checkTranscripts(of: "README.md", minimum: 10)
  }

  @Test func theTemplatesReadmeTranscriptsAreWhatTheToolPrints() throws {
    try checkTranscripts(of: "Templates/README.md", minimum: 1)
  }

  @Test func theTranscriptReaderFindsCommandsOutputAndElisions() throws {
    let dir = try TempDir()
    let md = dir.file("t.md")
    try """
      text
      <!-- transcript-setup: touch a -->
      ```console
      $ echo one \\
        two
      one two

      $ true
      ```
      ```sh
      $ not-a-transcript
      ```
      """.write(toFile: md, atomically: true, encoding: .utf8)
    let steps = try transcripts(in: md)
    #expect(steps.map(\.command) == ["touch a", "echo one \\\n  two", "true"])
    #expect(steps.map(\.setup) == [true, false, false])
    #expect(steps.map(\.expected) == [[], ["one two"], []])
    #expect(steps.map(\.place) == ["t.md:2", "t.md:4", "t.md:8"])

    #expect(transcriptMatches(["a", "  …", "d"], ["a", "b", "c", "d"]))
    #expect(transcriptMatches(["a", "…", "d"], ["a", "d"]))
    #expect(!transcriptMatches(["a", "…", "d"], ["a", "b"]))
    #expect(!transcriptMatches(["a"], ["a", "b"]))
    #expect(!transcriptMatches([], ["a"]))
    #expect(
      normalizeTranscript("3 profiles: 3 packets written, 0 skipped, 0 failed in 0.1 s (29 profiles/s)")
        == normalizeTranscript("3 profiles: 3 packets written, 0 skipped, 0 failed in 4.9 s (2041 profiles/s)"))
  }
}
