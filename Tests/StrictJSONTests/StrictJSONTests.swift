import Foundation
import StrictJSON
import Testing

/// Limits like a profile's, with words that show which limit a message came from.
let limits = JSONLimits(
  maxBytes: 1024 * 1024, maxDepth: 8, maxValues: 1000, noun: "record", usualSize: "a record is small",
  usualValues: "a record holds a few", usualDepth: "a record needs 2", zipGuess: "an archive?")

func issues(_ text: String, _ limits: JSONLimits = limits) -> [String] {
  switch JSONDocument.read(Data(text.utf8), limits: limits) {
  case .failure(let e): return e.issues.map(\.description)
  case .success(let doc): return doc.issues.map(\.description)
  }
}

@Suite("Strict JSON: every problem with its path, line and column")
struct StrictJSONTests {
  @Test(arguments: [
    (#"{"a": 1,}"#, "line 1, column 9: not valid JSON: a comma before '}' is not allowed in JSON; remove the last comma"),
    (#"{"a": [1, 2,]}"#, "a (line 1, column 13): not valid JSON: a comma before ']' is not allowed in JSON; remove the last comma"),
    ("{\"a\": 1 \"b\": 2}", "line 1, column 9: not valid JSON: a comma is missing before this key"),
    (#"{"a": tru}"#, "a (line 1, column 7): not valid JSON: expected true; true, false and null are lower case and unquoted"),
    (#"{"a": "\x"}"#, #"a (line 1, column 9): not valid JSON: \'x' is not a JSON escape; write a backslash as \\"#),
    (#"{"a": "\u12"}"#, "a (line 1, column 12): not valid JSON: \\u must be followed by four hexadecimal digits"),
    (#"{"a": 1.}"#, "a (line 1, column 9): not valid JSON: a decimal point must be followed by digits"),
    (#"{"a": 1e}"#, "a (line 1, column 9): not valid JSON: an exponent must be followed by digits"),
    (#"{"a": +1}"#, "a (line 1, column 7): not valid JSON: expected a value, got '+'; text needs double quotes, and true, false and null are lower case"),
    ("{\"a\" 1}", "a (line 1, column 6): not valid JSON: expected ':' after a key, got '1'"),
    ("[", "[0] (line 1, column 2): not valid JSON: the file ends where a value was expected (is it cut short?)"),
    ("{\"a\": {\"b\": [0, 07]}}", "a.b[1] (line 1, column 18): not valid JSON: a number cannot start with 0 (write 7, not 07; write a code like \"07\" as a string)"),
    (#"{"a": "\ud800"}"#, "a (line 1, column 14): not valid JSON: \\uD800 is half of a character (a lone surrogate)"),
    ("{\"é\": 1 2}", "line 1, column 9: not valid JSON: expected ',' or '}' after a value, got '2'"),
  ])
  func syntaxErrorsSayWhatAndWhere(_ text: String, _ expected: String) {
    #expect(issues(text) == [expected])
  }

  @Test func duplicateKeysAndNumbersOutOfRangeAreAllListed() {
    #expect(
      issues(#"{"v": 1, "v": 1, "n": 1e400, "m": 1e-400}"#) == [
        "v (line 1, column 10): duplicate key; it is also at line 1, column 2, and JSON keeps only one",
        "n (line 1, column 23): the number 1e400 is out of range",
        "m (line 1, column 35): the number 1e-400 is out of range",
      ])
  }

  @Test func aTextWithThousandsOfMistakesListsTheFirstHundred() throws {
    let text = "{" + (0..<5000).map { _ in #""k": 1"# }.joined(separator: ",") + "}"
    var roomy = limits
    roomy.maxValues = 20_000
    let doc = try JSONDocument.read(Data(text.utf8), limits: roomy).get()
    #expect(doc.issues.count == JSONIssues.maxListed && doc.unlisted == 4899)
    let listed = JSONIssues(doc.issues, unlisted: doc.unlisted).issues
    #expect(listed.count == JSONIssues.maxListed + 1)
    #expect(listed.last?.description == "4899 more problems not listed; fix these first")
  }

  @Test func eachLimitIsRefusedInTheDocumentsOwnWords() {
    #expect(issues(String(repeating: " ", count: 1024 * 1024 + 1)) == [
      "the file is larger than 1 MB; a record is small (is this the right file?)"
    ])
    #expect(issues("[" + String(repeating: "0,", count: 1000) + "0]") == [
      "[999] (line 1, column 2000): the file holds more than 1000 values; a record holds a few (is this the right file?)"
    ])
    #expect(issues(String(repeating: "[", count: 9)).first
      == "[0][0] (line 1, column 9): nested too deeply: more than 8 levels of objects and arrays (a record needs 2)")
    #expect(issues("PK\u{3}\u{4}rest") == ["the file is a zip archive (an archive?), not a JSON record"])
    #expect(issues("%PDF-1.7") == ["the file is a PDF, not a JSON record"])
    #expect(issues("") == ["the file is empty; expected a JSON object"])
  }

  @Test func encodingsOtherThanUTF8AreNamed() {
    let latin1 = Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D])
    guard case .failure(let e) = JSONDocument.read(latin1, limits: limits) else { return #expect(Bool(false)) }
    #expect(e.description == "line 1, column 7: the file is not valid UTF-8 text (byte 0xE9, perhaps Latin-1 or Windows-1252); save it as UTF-8")
    guard case .failure(let bom) = JSONDocument.read(Data([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]), limits: limits) else {
      return #expect(Bool(false))
    }
    #expect(bom.description == "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
  }

  @Test func booleansNumbersAndTextStayApart() throws {
    let v = try JSONValue.parse(Data(#"[true, 1, 0, false, 1.5, "1", null, {"a": []}, 1e3, "\u00e9\n"]"#.utf8), limits: limits).get()
    #expect(
      v == .array([
        .bool(true), .number(1), .number(0), .bool(false), .number(1.5), .string("1"), .null, .object(["a": .array([])]),
        .number(1000), .string("é\n"),
      ]))
  }

  @Test func positionsOfPathsCountCharactersNotBytes() throws {
    let doc = try JSONDocument.read(Data("{\r\n  \"é\": \"é\", \"b\": [1, {\"c\": 2}]\n}".utf8), limits: limits).get()
    #expect(
      doc.positions(of: ["b[1].c", "é", "b[1].missing"]) == [
        "b[1].c": TextPosition(line: 2, column: 23), "é": TextPosition(line: 2, column: 3),
        "b[1].missing": TextPosition(line: 2, column: 22),
      ])
  }

  @Test func issuesWithoutAPositionReadAsBefore() {
    #expect(JSONIssue(path: "a.b", message: "m").description == "a.b: m")
    #expect(JSONIssue(path: "", message: "m").description == "m")
    #expect(JSONIssue(path: "", message: "m", line: 3, column: 4).description == "line 3, column 4: m")
    #expect(JSONIssue(path: "a", message: "m", line: 3, column: 4).description == "a (line 3, column 4): m")
  }

  static let documents = [
    #"{"a": [1, 2.5, -3, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#,
    #"{"dup": 1, "dup": 2}"#,
    #"{"big": 12345678901234567890, "exp": 1e3, "neg": -0}"#,
    #"{"lone": "\ud800"}"#,
    "{\"ctl\": \"a\u{1}b\"}",
    #"{"a": 01}"#,
    #"{"a": 1,}"#,
    #"{"a": [1 2]}"#,
    #"{"a": "unterminated}"#,
    #"{"a": 1} trailing"#,
    #""just a string""#,
    #"{"a": tru}"#,
  ]

  /// The fast reader and Foundation build the same values; the strict reader refuses more.
  @Test(arguments: documents)
  func theReaderReadsWhatJSONDecoderReads(_ text: String) {
    let data = Data(text.utf8)
    let reference = Result { try JSONDecoder().decode(JSONValue.self, from: data) }
    switch (JSONValue.parse(data, limits: limits), reference) {
    case (.success(let fast), .success(let slow)): #expect(fast == slow)
    case (.success(let fast), .failure): Issue.record("read \(fast), which JSONDecoder refuses")
    case (.failure, _): break
    }
  }

  @Test func valuesWriteBackAsSortedCompactText() throws {
    let v = try JSONValue.parse(Data(#"{"b": [1, "a/b"], "a": null}"#.utf8), limits: limits).get()
    #expect(v.jsonText == #"{"a":null,"b":[1,"a/b"]}"#)
  }
}
