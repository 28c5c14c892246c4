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
