import Foundation
import IMPRules
import Testing

/// The corpus in `Tests/Inputs/bad`: each file, and what its messages must say.
let badInputs: [String: [String]] = [
  "capitalized-literal.json": ["applicant.previousPgwp (line 29, column 21): not valid JSON:", "lower case"],
  "comments.json": ["line 3, column 3: not valid JSON: comments are not allowed in JSON"],
  "control-character.json": ["applicant.familyName (line 8, column 26): not valid JSON: a tab inside a string"],
  // Names go into XHTML pages, which cannot hold these; the message shows them escaped.
  "control-characters-in-text.json": [
    #"\u001B]0;owned\u0007 (line 74, column 3): unknown key; expected one of: "#,
    "applicant.familyName (line 12, column 5): expected text without control characters; character 4 is U+001B",
    "applicant.givenNames (line 13, column 5): expected text without control characters; character 4 is U+0000",
    "applicant.email (line 20, column 5): expected text without control characters; character 2 is U+0001",
    "applicant.passport.number (line 22, column 7): expected text without control characters; character 3 is U+007F",
    "applicant.education[0].credential (line 45, column 9): expected text without control characters; character 7 is U+FFFF",
    "applicant.education[0].institution (line 48, column 9): expected text without control characters; character 11 is U+0085",
    "applicant.education[0].program (line 50, column 9): expected text without control characters; character 10 is U+FFFE",
  ],
  "cross-field.json": [
    "submission.requestedValidUntil (line 9, column 5): expected a date after the submission date, got 2026-11-30",
    "applicant.passport.expiryDate (line 24, column 7): expected a date after issueDate, got 2031-05-30",
    "applicant.education[0].completedOn (line 57, column 9): expected a date on or after startedOn, got",
    "family.spouse.relationship (line 76, column 5): required, but missing",
    "family.spouse.since (line 79, column 7): expected a date on or before the submission date",
    "family.children[0].dateOfBirth (line 84, column 9): expected a date before the submission date",
    "job.endDate (line 90, column 5): expected a date on or after startDate, got 2026-12-31",
  ],
  // Date arithmetic on 9999-01-01 once trapped (SIGILL) in plan, generate and batch.
  "dates-out-of-range.json": [
    "submission.date (line 7, column 5): expected a date from 1900-01-01 to 2199-12-31, got 9999-01-01",
    "applicant.dateOfBirth (line 13, column 5): expected a date from 1900-01-01 to 2199-12-31, got 0202-05-01",
    "applicant.medicalExam.date (line 36, column 7): expected a date from 1900-01-01 to 2199-12-31, got 9999-06-01",
  ],
  "duplicate-key.json": ["applicant.givenNames (line 10, column 5): duplicate key; it is also at line 9, column 5"],
  "empty.json": ["the file is empty; expected a JSON object"],
  "formats.json": [
    #"applicant.citizenships[1] (line 17, column 7): expected an ISO 3166-1 alpha-2 country code like "MX", got "mx""#,
    #"applicant.email (line 23, column 5): expected an e-mail address, got "maria@example""#,
    #"applicant.workHistory[0].noc (line 69, column 9): expected a NOC 2021 code: five digits, the second (the TEER) 0 to 5, got "2123""#,
    #"applicant.workHistory[1].noc (line 75, column 9): expected a NOC 2021 code"#,
    #"job.offerOfEmploymentNumber (line 93, column 5): expected an offer-of-employment number: A followed by 7 digits, got "a1234567""#,
    #"job.wage.amount (line 95, column 7): expected a CAD amount as a decimal string like "55.00", got "52.5.0""#,
    #"job.wage.per (line 96, column 7): expected one of "hour", "week", "month", "year", got "hourly"; did you mean "hour"?"#,
    #"job.employer.address.postalCode (line 107, column 9)"#, #"principal.noc (line 113, column 5)"#,
    #"principal.program.level (line 115, column 7)"#, #"permanentResidence.program (line 119, column 5)"#,
    #"intraCompany.role (line 124, column 5)"#, #"iec.stream (line 127, column 5)"#,
    #"representative.email (line 84, column 5)"#,
  ],
  "impossible-dates.json": [
    #"applicant.dateOfBirth (line 10, column 5): expected a date YYYY-MM-DD, got "2026-02-30""#,
    #"applicant.passport.expiryDate (line 15, column 59): expected a date YYYY-MM-DD, got "2031-13-01""#,
    #"applicant.biometrics.givenOn (line 18, column 21): expected a date YYYY-MM-DD, got "10/01/2023""#,
    #"applicant.languageTests[0].date (line 20, column 61): expected a date YYYY-MM-DD, got "2025-9-1""#,
  ],
  "latin1.json": ["line 8, column 24: the file is not valid UTF-8 text (byte 0xED"],
  "leading-zero.json": ["applicant.languageTests[0].clb (line 20, column 91): not valid JSON: a number cannot start with 0"],
  "lone-surrogate.json": [#"applicant.familyName (line 8, column 30): not valid JSON: \uD800 is half of a character"#],
  "missing-comma.json": ["line 5, column 3: not valid JSON: a comma is missing before this key"],
  "nan.json": ["applicant.languageTests[0].clb (line 20, column 90): not valid JSON:", "NaN and Infinity are not JSON numbers"],
  "no-break-space.json": ["line 3, column 1: not valid JSON: expected a key in double quotes, got the character U+00A0"],
  "numbers-out-of-range.json": [
    "applicant.languageTests[0].clb (line 20, column 90): the number 1e400 is out of range",
    "applicant.education[0].lengthMonths (line 25, column 23): the number -1e999 is out of range",
  ],
  "numbers-wrong.json": [
    "schemaVersion (line 2, column 3): expected a whole number from 1 to 1000, got 1e+20",
    "applicant.languageTests[0].clb (line 20, column 83): expected a whole number from 1 to 12, got 8.5",
    "applicant.education[0].lengthMonths (line 25, column 7): expected a whole number from 1 to 240, got -1",
    "applicant.education[0].distanceLearningPercent (line 25, column 45): expected a whole number from 0 to 100, got 1000",
  ],
  "only-whitespace.json": ["not valid JSON: the file holds no JSON value"],
  "single-quotes.json": ["line 5, column 3: not valid JSON: expected a key in double quotes, got '''"],
  "top-level-array.json": ["line 1, column 1: expected a JSON object (a profile), got an array"],
  "top-level-string.json": ["line 1, column 1: expected a JSON object (a profile), got a string"],
  "trailing-comma.json": ["applicant (line 30, column 3): not valid JSON: a comma before '}' is not allowed in JSON"],
  "truncated.json": ["applicant.education[0] (line 22, column 14): not valid JSON: the file ends inside a string"],
  "two-objects.json": ["line 35, column 1: not valid JSON: found '{' after the end of the JSON value"],
  "unknown-keys.json": [
    #"applicant.familyNmae (line 56, column 5): unknown key; did you mean "familyName"?"#,
    #"applicant.passport.expiry (line 18, column 7): unknown key; did you mean "expiryDate"?"#,
    #"submision (line 70, column 3): unknown key; did you mean "submission"?"#,
  ],
  "unquoted-key.json": ["line 5, column 3: not valid JSON: expected a key in double quotes, got 'l'"],
  "unterminated-string.json": ["applicant.familyName (line 8, column 33): not valid JSON: a line break inside a string"],
  "utf16.json": ["the file is UTF-16 or UTF-32 text"],
  "utf8-bom.json": ["the file starts with a UTF-8 byte-order mark"],
  "wrong-types.json": [
    #"schemaVersion (line 2, column 3): expected a whole number from 1 to 1000, got "1""#,
    "submission.from (line 10, column 5): required, but null",
    "applicant.citizenships (line 21, column 5): expected an array, got a string",
    "applicant.passport (line 25, column 5): expected an object, got a string",
    "applicant.education[0] (line 35, column 7): expected an object, got null",
    "family (line 42, column 3): expected an object, got an array",
    #"representative.paid (line 46, column 5): expected true or false, got "yes""#,
  ],
]

/// The checks every refusal must pass, whatever the input: something to act on, and no more
/// of the client's data than the field at fault.
func expectClear(_ e: ProfileErrors, _ input: String, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(!e.issues.isEmpty, "\(input): refused without a reason", sourceLocation: sourceLocation)
  #expect(e.issues.count <= ProfileErrors.maxListed + 1, "\(input): \(e.issues.count) issues", sourceLocation: sourceLocation)
  for issue in e.issues {
    #expect(issue.message.count >= 10 && issue.message.count <= 400, "\(input): \(issue)", sourceLocation: sourceLocation)
    #expect(!issue.message.contains("Error Domain") && !issue.message.contains("DecodingError"), "\(issue)")
    if !issue.path.hasSuffix("passport.number") {
      #expect(!issue.message.contains("G12345678"), "\(input): leaks the passport number: \(issue)")
    }
  }
}

@Suite("Bad input: a clear message naming the field; never a crash, a hang or a partial packet")
struct BadInputTests {
  let today = CivilDate("2026-12-01")!
  let corpus = repositoryRoot.appendingPathComponent("Tests/Inputs/bad")

  @Test func everyCorpusFileHasItsExpectations() throws {
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: corpus.path))
    #expect(files == Set(badInputs.keys))
  }

  @Test func everyCorpusFileGetsItsMessages() throws {
    for (name, expected) in badInputs.sorted(by: { $0.key < $1.key }) {
      let data = try Data(contentsOf: corpus.appendingPathComponent(name))
      guard case .failure(let e) = ProfileFormat.decode(data, defaultDate: today) else {
        Issue.record("\(name) was accepted")
        continue
      }
      expectClear(e, name)
      for text in expected { #expect(e.description.contains(text), "\(name) lacks \(text):\n\(e)") }
    }
  }

  @Test(.timeLimit(.minutes(1))) func theCommandLineRefusesEachAndWritesNothing() throws {
    let files = badInputs.keys.sorted().map { corpus.appendingPathComponent($0).path }
    let validate = try run(tool, ["validate", "--json"] + files)
    #expect(validate.status == 65)
    struct Result: Decodable {
      var file: String
      var valid: Bool
      var issues: [ProfileIssue]
    }
    let results = try JSONDecoder().decode([Result].self, from: Data(validate.stdout.utf8))
    #expect(results.map(\.file) == files)
    for r in results {
      #expect(!r.valid && !r.issues.isEmpty, "\(r.file)")
      for text in badInputs[URL(fileURLWithPath: r.file).lastPathComponent] ?? [] {
        #expect(ProfileErrors(r.issues).description.contains(text), "\(r.file) lacks \(text) in --json")
      }
    }
    let text = try run(tool, ["validate"] + files)
    #expect(text.status == 65)
    let lines = text.stderr.split(separator: "\n")
    #expect(lines.count >= files.count)
    // No control character reaches the terminal: a key or value holding ESC is shown escaped.
    #expect(!text.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    for line in lines { #expect(files.contains { line.hasPrefix("error: \($0): ") }, "\(line)") }

    let out = try TempDir()
    let generate = try run(tool, ["generate", "-o", out.path] + files)
    #expect(generate.status == 65)
    #expect(out.contents.isEmpty)
  }

  /// `--as-of 9999-01-01` once trapped in date arithmetic; now a usage error with the range.
  @Test func anAsOfOutsideTheRangeIsAUsageError() throws {
    for args in [["plan", fixturePath("ict"), "--as-of", "9999-01-01"], ["validate", fixturePath("ict"), "--as-of", "1899-12-31"]] {
      let r = try run(tool, args)
      #expect(r.status == 64, "\(args): exit \(r.status)")
      #expect(r.stderr.contains("--as-of: expected a date from 1900-01-01 to 2199-12-31, got \(args[3])"), "\(r.stderr)")
    }
  }

  @Test func everyCommandChecksTheProfileFirst() throws {
    let file = corpus.appendingPathComponent("cross-field.json").path
    let out = try TempDir()
    for args in [["plan", file], ["plan", file, "--json"], ["fees", file], ["assess", file], ["generate", file, "-o", out.path]] {
      let r = try run(tool, args)
      #expect(r.status == 65, "\(args[0]): exit \(r.status)")
      #expect(r.stdout.isEmpty, "\(args[0]) printed \(r.stdout.prefix(200))")
      #expect(r.stderr.contains("error: \(file): job.endDate (line 90, column 5): expected a date on or after startDate"))
    }
    #expect(out.contents.isEmpty)
  }

  /// Inputs too big to keep in the repository, made here.
  @Test(.timeLimit(.minutes(1))) func hugeAndDeepInputsAreRefusedQuickly() throws {
    let dir = try TempDir()
    let fixture = try String(contentsOfFile: fixturePath("pgwp-eligible"), encoding: .utf8)
    let body = fixture[..<fixture.lastIndex(of: "}")!]
    let cases: [(String, String, String)] = [
      ("20mb.json", body + #", "x-padding": ""# + String(repeating: "a", count: 20_000_000) + "\"}",
       "the file is larger than 5 MB"),
      ("deep-arrays.json", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
       "[0][0] (line 1, column 65): nested too deeply: more than 64 levels"),
      ("deep-objects.json", String(repeating: #"{"x-a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000),
       "x-a.x-a (line 1, column 449): nested too deeply"),
      ("deep-in-profile.json", body + #", "x-deep": "# + String(repeating: "[", count: 10_000) + "}",
       "x-deep[0] (line 34, column 76): nested too deeply"),
      ("many-values.json", body + #", "x-many": ["# + Array(repeating: "0", count: 200_000).joined(separator: ",") + "]}",
       "the file holds more than 100000 values"),
      ("packet.json", "PK\u{3}\u{4}\u{14}\0\0\0", "the file is a zip archive (a packet, or a spreadsheet?)"),
      ("employer.json", try String(contentsOfFile: fixturePath("employers/small"), encoding: .utf8),
       "this is an employer file, not a profile"),
      ("many-mistakes.json",
       fixture.replacingOccurrences(
         of: #""provided": ["passport-copy", "photo"]"#,
         with: #""provided": ["# + Array(repeating: "1", count: 5_000).joined(separator: ",") + "]"),
       "4900 more problems not listed; fix these first"),
    ]
    for (name, text, expected) in cases {
      let path = dir.file(name)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let start = Date()
      let r = try run(tool, ["validate", path])
      let seconds = Date().timeIntervalSince(start)
      #expect(r.status == 65, "\(name): \(r.stderr.prefix(300))")
      #expect(r.stderr.contains(expected), "\(name): \(r.stderr.prefix(300))")
      #expect(r.stderr.count < 40_000, "\(name): \(r.stderr.count) bytes of messages")
      #expect(seconds < 10, "\(name) took \(seconds) s")
    }
  }
}
