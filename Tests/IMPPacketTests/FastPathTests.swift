import Foundation
@testable import IMPPacket
import IMPRules
import StrictJSON
import Testing

/// The batch's fast paths give exactly what Foundation gives: `plan.json` bytes from
/// ``PrettyJSON`` against `JSONEncoder`, profiles read by the JSON scanner against `JSONDecoder`.
@Suite("Fast paths match Foundation byte for byte")
struct FastPathTests {
  static let fixtures = try! FileManager.default.contentsOfDirectory(
    atPath: repositoryRoot.appendingPathComponent("Fixtures").path
  ).filter { $0.hasSuffix(".json") }.sorted()

  @Test(arguments: fixtures)
  func planJSONIsJSONEncodersText(_ name: String) throws {
    let builder = try PacketBuilder.load()
    let url = repositoryRoot.appendingPathComponent("Fixtures/\(name)")
    let (profile, _) = try shippedBuilder.readProfile(url, asOf: CivilDate("2026-12-01")!)
    let plan = try builder.plan(profile)
    #expect(PlanJSON.bytes(plan) == Array(PlanJSON.foundationEncode(plan)))
    #expect(PlanJSON.bytes(try builder.planner.assess(profile)) == Array(PlanJSON.foundationEncode(try builder.planner.assess(profile))))
  }

  struct Sample: Encodable {
    var text: String
    var keys: [String: Int]
    var empty: [Int] = []
    var emptyObject: [String: String] = [:]
    var nested: [[String?]] = [[nil, "a"], []]
    var absent: String? = nil
    var flag = true
  }

  @Test func escapesOrderAndEmptyContainersAreJSONEncoders() {
    var text = ""
    for i in 0..<32 { text.unicodeScalars.append(Unicode.Scalar(UInt8(i))) }
    text += "\u{7F}/\"\\é😀\u{2028} </script>"
    let sample = Sample(text: text, keys: ["b": 1, "B": 2, "a10": 3, "a9": 4, "_x": 5, "é": 6, "e": -7])
    #expect(PlanJSON.bytes(sample) == Array(PlanJSON.foundationEncode(sample)))
    // Floating-point numbers are left to JSONEncoder.
    #expect(PlanJSON.bytes(["x": 1.5]) == Array(PlanJSON.foundationEncode(["x": 1.5])))
  }

  /// Each document and whether the strict reader must read it (then as JSONDecoder does).
  static let documents: [(String, reads: Bool)] = [
    (#"{"a": "plain", "b": [1, 2.5, -3, 0, -0.25], "c": {"d": null, "e": true, "f": false}}"#, true),
    (#"{"esc": "\"\\\/\b\f\n\r\t\u00e9\u0041\ud83d\ude00", "u": "😀 é ü 李"}"#, true),
    (#"  {"a":[],"b":{},"c":[[]]}  "#, true),
    (#"[{"x": 1}]"#, true),
    // Numbers beyond Int and documents that are not objects are refused by the profile
    // reader after the JSON is read, naming the field.
    (#"{"big": 12345678901234567890, "exp": 1e3, "neg": -0}"#, true),
    (#""just a string""#, true),
    // Refused by the strict reader, some of them read by JSONDecoder (duplicate keys).
    (#"{"dup": 1, "dup": 2}"#, false),
    (#"{"lone": "\ud800"}"#, false),
    ("{\"ctl\": \"a\u{1}b\"}", false),
    (#"{"a": 01}"#, false),
    (#"{"a": 1,}"#, false),
    (#"{"a": [1 2]}"#, false),
    (#"{"a": "unterminated}"#, false),
    (#"{"a": 1} trailing"#, false),
    (#"{"a": tru}"#, false),
  ]

  @Test(arguments: documents)
  func theScannerReadsWhatJSONDecoderReads(_ text: String, reads: Bool) {
    let data = Data(text.utf8)
    let reference = Result { try JSONDecoder().decode(JSONValue.self, from: data) }
    switch (JSONValue.parse(data, limits: .profile), reference) {
    case (.success(let fast), .success(let slow)):
      #expect(reads, "read \(fast), which it should refuse")
      #expect(fast == slow)
    case (.success(let fast), .failure): Issue.record("read \(fast), which JSONDecoder refuses")
    case (.failure(let e), _): #expect(!reads, "refused a document it should read: \(e)")
    }
  }

  @Test(arguments: fixtures)
  func fixturesReadTheSame(_ name: String) throws {
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/\(name)"))
    #expect(try JSONValue.parse(data, limits: .profile).get() == JSONDecoder().decode(JSONValue.self, from: data))
  }
}

/// A worker's row reaches its batch as it left: every field, through StrictJSON instead of
/// `JSONEncoder` and `JSONDecoder` (``BatchRow/frameBytes``), and what the Codable form says.
@Suite("Batch row frames")
struct BatchRowFrameTests {
  static func codable(_ row: BatchRow) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(row), as: UTF8.self)
  }

  static var full: BatchRow {
    var row = BatchRow(input: "clients/ \"é\" 😀\n.jsonl:12", status: .failed)
    row.exitCode = 65
    row.caseId = "2026-0142"
    row.category = "ict-specialized-knowledge"
    row.code = "C12"
    row.eligible = false
    row.applicantTotal = "$255.00"
    row.employerTotal = "$230.00"
    row.feesToCheck = ["open-work-permit-holder", "biometrics"]
    row.output = "/out/2026-0142.zip"
    row.errors = [
      .init(path: "applicant.dateOfBirth", rule: nil, message: "expected a date YYYY-MM-DD, got \"12/04/1990\""),
      .init(path: nil, rule: "pgwp.port-of-entry", message: "tab\there, NUL \u{0}, \\ and </script>"),
      .init(path: nil, rule: nil, message: ""),
    ]
    row.family = .init(
      members: [.init(member: "spouse", application: "work-permit", code: "C41"), .init(member: "child-1", application: "study-permit", code: "")],
      applicantTotal: "$1,155.00", employerTotal: "$0.00")
    return row
  }

  @Test func aFullRowComesBackWhole() throws {
    let row = Self.full
    let back = try #require(BatchRow(frame: row.frameBytes))
    #expect(try Self.codable(back) == Self.codable(row))
    #expect(back.errors == row.errors && back.family == row.family && back.exitCode == 65 && back.eligible == false)
    // The Codable form's decoder reads the frame too: the same keys.
    let decoded = try JSONDecoder().decode(BatchRow.self, from: Data(row.frameBytes))
    #expect(try Self.codable(decoded) == Self.codable(row))
  }

  @Test func aBareRowComesBackBare() throws {
    let row = BatchRow(input: "a.json", status: .ok)
    let back = try #require(BatchRow(frame: row.frameBytes))
    #expect(try Self.codable(back) == Self.codable(row))
    #expect(back.caseId == nil && back.eligible == nil && back.family == nil && back.errors.isEmpty)
  }

  @Test func whatIsNotARowIsNil() {
    for text in ["", "[]", "{}", #"{"input":"a","status":"done","exitCode":0}"#, #"{"input":"a","status":"ok","exitCode":1.5}"#,
      #"{"input":"a","status":"ok","exitCode":0,"caseId":3}"#, #"{"input":"a","status":"ok","exitCode":0,"errors":[{"message":1}]}"#,
      #"{"input":"a","status":"ok","exitCode":0,"family":{"members":[{}],"applicantTotal":"","employerTotal":""}}"#]
    {
      #expect(BatchRow(frame: Array(text.utf8)) == nil, "\(text)")
    }
    #expect(BatchRow(frame: Array(#"{"input":"a","status":"ok","exitCode":0}"#.utf8)) != nil)
  }
}
