import Foundation
import StrictJSON
import Testing

/// The unordered value of an ordered one, to compare with what the strict reader builds.
private func plain(_ v: OrderedJSON) -> JSONValue {
  switch v {
  case .null: .null
  case .bool(let b): .bool(b)
  case .number(let n): .number(Double(n)!)
  case .string(let s): .string(s)
  case .array(let items): .array(items.map(plain))
  case .object(let fields): .object(Dictionary(fields.map { ($0.key, plain($0.value)) }, uniquingKeysWith: { a, _ in a }))
  }
}

/// The order-keeping mode of the strict reader: the same checks, the same values, the keys
/// in the text's order and numbers as written.
@Suite("Ordered JSON: the strict reader, keys in order")
struct OrderedJSONTests {
  @Test(arguments: [
    #"{"b": 1, "a": [true, null, "x"], "c": {"z": -2.50, "y": 1e3}}"#,
    #"{"esc": "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "u": "é 李"}"#,
    #"  {"a":[],"b":{},"c":[[]]}  "#,
  ])
  func readsWhatTheStrictReaderReadsKeepingOrder(_ text: String) throws {
    let data = Data(text.utf8)
    let ordered = try OrderedJSON.read(data, limits: limits).get()
    #expect(plain(ordered) == (try JSONValue.parse(data, limits: limits).get()))
  }

  @Test func keepsTheTextsKeyOrderAndNumbers() throws {
    let v = try OrderedJSON.read(Data(#"{"z": 1.50, "a": {"y": 2, "b": 3}}"#.utf8), limits: limits).get()
    guard case .object(let top) = v, case .object(let inner) = top[1].value else {
      Issue.record("not an object: \(v)")
      return
    }
    #expect(top.map(\.key) == ["z", "a"])
    #expect(inner.map(\.key) == ["y", "b"])
    #expect(v.text() == "{\n  \"z\": 1.50,\n  \"a\": {\n    \"y\": 2,\n    \"b\": 3\n  }\n}\n")
  }

  /// What the strict reader refuses, this mode refuses with the same messages.
  @Test(arguments: [#"{"a": 1,}"#, #"{"a": 1, "a": 2}"#, "[" + String(repeating: "[", count: 20) + "]", "\u{FEFF}{}", ""])
  func refusesWhatTheStrictReaderRefuses(_ text: String) {
    let data = Data(text.utf8)
    guard case .failure(let e) = OrderedJSON.read(data, limits: limits) else {
      Issue.record("read \(text)")
      return
    }
    #expect(e.issues.map(\.description) == issues(text), "\(text)")
  }
}
